"""HSDS 3.x JSON over HTTP: stream services (NDJSON, else pages), then their organizations.

Services are spooled to a temporary file while organization ids are collected, so the
organizations can be yielded first without holding any service in memory.
"""
import json
import tempfile

import requests

from .base import FeedRecord, FeedRefused, Reject, Source
from .http import FeedHttp
from .mapping.enrich import structure_service

PER_PAGE = 100
NESTED_KEYS = ("service_at_locations", "phones", "schedules")  # absent = a summary item


class HsdsApiFeed(Source):
    """Read an HSDS 3.x API at a base URL; incremental when `modified_after` is given."""

    format = "hsds-api"

    def __init__(self, location, *, name=None, http=None, modified_after=None):
        super().__init__(location.rstrip("/"), name=name)
        self.http = http or FeedHttp()
        self.modified_after = modified_after
        self.full = modified_after is None

    def url(self, path):
        """Return the absolute URL of an API path."""
        return f"{self.location}{path}"

    def check(self):
        """Refuse the feed unless GET / answers an HSDS version."""
        try:
            meta = self.http.get_json(self.url("/"), conditional=False)
        except (requests.RequestException, ValueError) as error:
            raise FeedRefused(f"{self.location} is not an HSDS API: {error}") from None
        version = meta.get("version") if isinstance(meta, dict) else None
        if not isinstance(version, str) or not version.startswith("3"):
            raise FeedRefused(f"{self.location} does not answer HSDS 3.x (version {version!r})")

    def records(self):
        """Yield organizations of the spooled services, then the services."""
        with tempfile.TemporaryFile("w+", encoding="utf-8") as spool:
            organizations = {}
            for index, item in enumerate(self._services(), start=1):
                spool.write(json.dumps([index, item]) + "\n")
                org_id = item.get("organization_id") if isinstance(item, dict) else None
                organizations.setdefault(org_id, index)
            yield from self._organizations(organizations)
            spool.seek(0)
            for text in spool:
                index, item = json.loads(text)
                yield self._service(index, item)

    def _params(self, **extra):
        if self.modified_after is not None:
            extra["modified_after"] = self.modified_after.isoformat()
        return extra

    def _services(self):
        """Yield raw service items: NDJSON when the API streams it, else page by page."""
        try:
            lines = self.http.stream_lines(self.url("/services"), self._params(format="ndjson"))
            first = json.loads(next(lines, "null"))
            if not isinstance(first, dict) or "contents" in first:
                lines.close()
                raise ValueError("not NDJSON")
            yield first
            for line in lines:
                yield json.loads(line)
            return
        except (requests.HTTPError, ValueError):
            pass  # the API does not stream: page through it instead
        page = 1
        while True:
            answer = self.http.get_json(self.url("/services"), self._params(
                page=page, per_page=PER_PAGE, full="true"), conditional=False)
            for item in answer.get("contents", []):
                yield item if _is_full(item) else self._fetch(f"/services/{item.get('id')}")
            if answer.get("last_page", True) or not answer.get("contents"):
                return
            page += 1

    def _fetch(self, path):
        return self.http.get_json(self.url(path))

    def _organizations(self, first_seen):
        for org_id, index in first_seen.items():
            if not org_id:
                continue
            try:
                data = self._fetch(f"/organizations/{org_id}")
            except requests.RequestException as error:
                yield Reject(self.url("/organizations"), index,
                             f"organization {org_id} could not be fetched: {error}", org_id)
                continue
            data.pop("services", None)  # read-only copies; services come on their own
            yield FeedRecord("organization", str(org_id), data, self.url("/organizations"), index)

    def _service(self, index, item):
        file = self.url("/services")
        if not isinstance(item, dict) or not item.get("id"):
            return Reject(file, index, "service item without an id")
        if not item.get("name") or not item.get("organization_id"):
            return Reject(file, index, "service lacks name or organization_id", str(item["id"]))
        notes = []
        for key in ("metadata", "organization"):
            item.pop(key, None)
        structure_service(item, notes)
        return FeedRecord("service", str(item["id"]), item, file, index, notes)


def _is_full(item):
    return isinstance(item, dict) and all(key in item for key in NESTED_KEYS)
