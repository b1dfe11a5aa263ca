"""Elasticsearch search backend: the scale-out alternative to the embedded tantivy index.

Readers always query an alias. `rebuild` loads a new timestamped index and swaps the alias
in one atomic step, so a reindex never shows readers an empty or half-built index.
"""
from typing import Iterable

from matcher.backends.base import Candidate, CandidateQuery, Health, SearchBackend
from matcher.backends.elasticsearch_mapping import (
    check_alias, from_source, mappings, new_index_name, to_source)

try:
    from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError, helpers

    from matcher.backends import elasticsearch_search
    from matcher.backends.elasticsearch_query import build_search, distance_km
except ImportError:  # the optional [elasticsearch] extra is not installed
    Elasticsearch = None

CHUNK_SIZE = 500


class ElasticsearchBackend(SearchBackend):
    """Index flat documents in Elasticsearch behind an alias and answer candidate queries."""

    name = "elasticsearch"

    @classmethod
    def enabled(cls) -> bool:
        """Return True when the `elasticsearch` client is installed."""
        return Elasticsearch is not None

    def __init__(self, url: str | None = None, index: str = "directory-services", *,
                 client=None, node_class=None, request_timeout: float = 10.0,
                 max_retries: int = 3, retry_on_timeout: bool = True):
        """Connect to `url` (or use `client`), reading and writing through alias `index`."""
        if not self.enabled():
            raise RuntimeError("the elasticsearch package is not installed: "
                               "pip install 'community-directory[elasticsearch]'")
        self.alias = check_alias(index)
        if client is None:
            if not url:
                raise ValueError("ElasticsearchBackend needs an url or a client")
            options = {"node_class": node_class} if node_class is not None else {}
            client = Elasticsearch(url, request_timeout=request_timeout,
                                   max_retries=max_retries,
                                   retry_on_timeout=retry_on_timeout, **options)
        self.client = client

    def close(self) -> None:
        """Release the client's connections."""
        self.client.close()

    def index(self, documents: Iterable[dict]) -> None:
        """Add or replace documents by id; they are searchable once this returns."""
        self._ensure_alias()
        self._load(self.alias, documents)
        # One explicit refresh per batch: cheaper than refresh=wait_for on every bulk chunk.
        self.client.indices.refresh(index=self.alias)

    def delete(self, ids: Iterable[str]) -> None:
        """Remove documents by id; unknown ids are ignored."""
        ids = list(ids)
        for start in range(0, len(ids), CHUNK_SIZE):
            self._delete_where({"ids": {"values": ids[start:start + CHUNK_SIZE]}})

    def delete_service(self, service_id: str) -> None:
        """Remove every document (every site) of one service."""
        self._delete_where({"term": {"service_id": service_id}})

    def rebuild(self, documents: Iterable[dict]) -> int:
        """Load `documents` into a new index, then swap the alias to it atomically."""
        name = new_index_name(self.alias)
        self.client.indices.create(index=name, mappings=mappings())
        try:
            loaded = self._load(name, documents)
            self.client.indices.refresh(index=name)
            old = self._indices()
            actions = [{"remove": {"index": index, "alias": self.alias}} for index in old]
            actions.append({"add": {"index": name, "alias": self.alias}})
            self.client.indices.update_aliases(actions=actions)
        except BaseException:
            # A failed load must not leave an orphan index behind; the alias was not touched.
            self.client.indices.delete(index=name, ignore_unavailable=True)
            raise
        for index in old:
            self.client.indices.delete(index=index, ignore_unavailable=True)
        return loaded

    def candidates(self, query: CandidateQuery) -> list[Candidate]:
        """Return active documents matching the query's need and filters, best first."""
        try:
            response = build_search(self.client, self.alias, query).execute()
        except NotFoundError:
            return []  # nothing has been indexed yet
        return [Candidate(document=from_source(hit["_source"]),
                          text_score=float(hit.get("_score") or 0.0),
                          distance_km=distance_km(query, hit["_source"]))
                for hit in response.to_dict()["hits"]["hits"]]

    def count(self) -> int:
        """Return how many documents readers currently see."""
        try:
            return int(self.client.count(index=self.alias)["count"])
        except NotFoundError:
            return 0

    def health(self) -> Health:
        """Report whether the cluster answers and the alias points at an index."""
        detail = {"alias": self.alias}
        try:
            cluster = self.client.cluster.health()
            indices = self._indices()
            documents = self.count() if indices else None
        except (ApiError, TransportError) as error:
            detail["error"] = f"{type(error).__name__}: {error}"
            return Health(ok=False, backend=self.name, detail=detail)
        detail.update(cluster=cluster.get("cluster_name"), status=cluster.get("status"),
                      indices=indices)
        if not indices:
            detail["error"] = "alias missing: run `flask index rebuild`"
        ok = bool(indices) and cluster.get("status") != "red"
        return Health(ok=ok, backend=self.name, documents=documents, detail=detail)

    def _indices(self) -> list[str]:
        """Return the concrete indices behind the alias (none before the first write)."""
        try:
            return sorted(self.client.indices.get_alias(name=self.alias))
        except NotFoundError:
            return []

    def _ensure_alias(self) -> None:
        """Create the first index behind the alias so incremental writes have a target."""
        if not self._indices():
            self.client.indices.create(index=new_index_name(self.alias), mappings=mappings(),
                                       aliases={self.alias: {}})

    def _load(self, target: str, documents: Iterable[dict]) -> int:
        """Bulk-index documents into `target`; raise if any is rejected."""
        actions = ({"_index": target, "_id": doc["id"], "_source": to_source(doc)}
                   for doc in documents)
        loaded, _ = helpers.bulk(self.client, actions, chunk_size=CHUNK_SIZE)
        return loaded

    def _delete_where(self, query: dict) -> None:
        """Delete matching documents and make the deletion visible before returning."""
        try:
            self.client.delete_by_query(index=self.alias, query=query, refresh=True,
                                        conflicts="proceed")
        except NotFoundError:
            pass  # no index yet: nothing to delete

    def search_services(self, text, *, service_ids=None):
        """Return (service_id, score) of active services having every word, best first."""
        return elasticsearch_search.search_services(self.client, self.alias, text, service_ids)
