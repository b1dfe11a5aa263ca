"""The one HTTP session every feed uses: timeouts, retries with backoff, conditional GETs.

Validators (ETag, Last-Modified) are kept per URL in a small JSON file inside a directory
the caller passes, with the body of the last 200 answer, so a 304 replays what we had.
"""
import hashlib
import json
from pathlib import Path

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

USER_AGENT = "community-directory-ingest/1.0 (+https://openreferral.org)"
TIMEOUT = (5, 30)  # connect, read seconds: a slow feed should fail, not hang a run


def make_session(retries=3, backoff=0.5):
    """Return a requests.Session with a User-Agent and retries on 429 and 5xx."""
    session = requests.Session()
    retry = Retry(total=retries, backoff_factor=backoff, status_forcelist=(429, 500, 502, 503, 504),
                  allowed_methods=("GET", "HEAD"), respect_retry_after_header=True,
                  raise_on_status=False)
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.headers["User-Agent"] = USER_AGENT
    return session


class FeedHttp:
    """GET JSON or text through one session, with an optional validator cache directory."""

    def __init__(self, session=None, cache_dir=None, timeout=TIMEOUT):
        self.session = session or make_session()
        self.cache_dir = Path(cache_dir) if cache_dir else None
        self.timeout = timeout

    def get(self, url, params=None, *, conditional=True):
        """Return the response body as text; a 304 returns the cached body."""
        request = requests.Request("GET", url, params=params).prepare()
        cached = self._cached(request.url) if conditional else None
        headers = {}
        if cached and cached.get("etag"):
            headers["If-None-Match"] = cached["etag"]
        if cached and cached.get("last_modified"):
            headers["If-Modified-Since"] = cached["last_modified"]
        response = self.session.get(request.url, headers=headers, timeout=self.timeout)
        if response.status_code == 304 and cached:
            return cached["body"]
        response.raise_for_status()
        if conditional:
            self._store(request.url, response)
        return response.text

    def get_json(self, url, params=None, *, conditional=True):
        """Return the decoded JSON answer of a GET."""
        return json.loads(self.get(url, params, conditional=conditional))

    def stream_lines(self, url, params=None):
        """Yield the non-empty lines of a streamed answer (NDJSON), never the whole body."""
        with self.session.get(url, params=params, timeout=self.timeout, stream=True) as response:
            response.raise_for_status()
            for line in response.iter_lines(decode_unicode=True):
                if line and line.strip():
                    yield line

    def _path(self, url):
        return self.cache_dir / (hashlib.sha256(url.encode()).hexdigest() + ".json")

    def _cached(self, url):
        if self.cache_dir is None or not self._path(url).exists():
            return None
        return json.loads(self._path(url).read_text("utf-8"))

    def _store(self, url, response):
        etag, modified = response.headers.get("ETag"), response.headers.get("Last-Modified")
        if self.cache_dir is None or not (etag or modified):
            return
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        entry = {"url": url, "etag": etag, "last_modified": modified, "body": response.text}
        self._path(url).write_text(json.dumps(entry), "utf-8")
