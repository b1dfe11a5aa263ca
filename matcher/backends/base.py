"""The one small interface every search backend implements.

A backend only retrieves candidates: it applies the cheap, index-side filters below and
returns matching documents. Exact hard constraints, scoring and explanations happen in the
matcher on the documents themselves, so every backend ranks the same profile the same way.
"""
from dataclasses import dataclass, field
from typing import Iterable

from matcher.document import Document


class IndexNeedsRebuild(RuntimeError):
    """The index holds documents this version cannot read; `flask index rebuild` fixes it."""


@dataclass(frozen=True)
class Exclusions:
    """Hard constraints a backend may apply in its index; the matcher re-checks every one.

    A backend may leave out a document only when the matcher's own check would exclude it
    (matcher.constraints*): missing data never excludes. Ignoring these is always correct.
    """
    age: float | None = None
    income_fpl: float | None = None          # client's income as % of the poverty guideline
    gender: str | None = None
    languages: tuple[str, ...] = ()          # lowercased ISO codes the client speaks
    interpreter_ok: bool = False
    modalities: frozenset[str] = frozenset()  # ways the client accepts; empty: any
    accessibility: tuple[str, ...] = ()
    free_only: bool = False
    sliding_scale_ok: bool = True
    max_amount: float | None = None


@dataclass(frozen=True)
class CandidateQuery:
    text: str | None = None              # free text; a document matches if any term matches
    term_ids: tuple[str, ...] = ()       # any of these taxonomy term ids (docs hold ancestors)
    latitude: float | None = None
    longitude: float | None = None
    radius_km: float | None = None       # with a point: documents with coordinates within it
    include_remote: bool = True          # also documents without coordinates, or offering
                                         # virtual/phone delivery (any distance)
    active_only: bool = True
    service_ids: tuple[str, ...] = ()    # restrict to these services (HSDS filters)
    limit: int = 1000
    exclusions: Exclusions = Exclusions()


@dataclass
class Candidate:
    document: Document
    text_score: float = 0.0              # backend-native relevance, informative only
    distance_km: float | None = None


@dataclass
class Health:
    ok: bool
    backend: str
    documents: int | None = None
    detail: dict = field(default_factory=dict)


class SearchBackend:
    """Index flat documents and answer candidate queries."""

    name = "abstract"

    @classmethod
    def enabled(cls) -> bool:
        """Return True when the backend's optional dependency is importable."""
        raise NotImplementedError

    def index(self, documents: Iterable[Document]) -> None:
        """Add or replace documents (by `id`); visible to readers once this returns."""
        raise NotImplementedError

    def delete(self, ids: Iterable[str]) -> None:
        """Remove documents by id; unknown ids are ignored."""
        raise NotImplementedError

    def delete_service(self, service_id: str) -> None:
        """Remove every document of one service (all its sites)."""
        raise NotImplementedError

    def rebuild(self, documents: Iterable[Document]) -> int:
        """Replace the whole index with `documents`, readers seeing the old one until done."""
        raise NotImplementedError

    def candidates(self, query: CandidateQuery) -> list[Candidate]:
        """Return documents passing the query's filters, at most `query.limit`."""
        raise NotImplementedError

    def search_services(self, text: str, *,
                        service_ids: Iterable[str] | None = None) -> list[tuple[str, float]]:
        """Return (service_id, score) of active services whose text has every word, best first.

        One entry per service (its best site's score); English stop words need not appear;
        `service_ids` restricts the search. User text is words only, never query syntax.
        """
        raise NotImplementedError

    def snapshot(self) -> "SearchBackend":
        """Return a view answering `candidates` for the queries of one match (here: self)."""
        # A backend may return one fixed reader that reuses work between the radius stages.
        return self

    def overlay_size(self) -> tuple[int, int]:
        """Return (documents written since the last build that are matched one by one,
        documents the build laid out for matching in bulk); (0, 0) for a backend that
        matches every document the same way."""
        return 0, 0

    def compact(self) -> int | None:
        """Fold the overlay into a fresh build; return its documents, None if nothing done."""
        return None

    def count(self) -> int:
        raise NotImplementedError

    def outdated(self) -> bool:
        """Return True when the live index predates the layout this version builds."""
        return False

    def health(self) -> Health:
        raise NotImplementedError
