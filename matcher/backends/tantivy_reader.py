"""Answer candidate queries from one tantivy searcher, decoding each stored document once.

A radius query is two searches: in-person sites inside the bounding box, and documents no
radius cuts off (no site, or attended remotely). Site coordinates come from fast fields, so
sites in the box's corners are dropped by exact distance without being decoded. When more
documents qualify than the query's limit, the nearest sites are kept first, then remote ones
in relevance order: a cap never drops a near site in favour of a farther one.
"""
import marshal

from matcher.backends.base import Candidate, IndexNeedsRebuild
from matcher.backends.tantivy_schema import (anywhere_query, candidate_query, has_radius,
                                             near_query)
from matcher.geo import great_circle_km

RADIUS_SLACK_KM = 0.001   # never drop a document the matcher's own distance would accept


class TantivyReader:
    """A fixed view of the index for the queries of one match."""

    def __init__(self, index, schema, searcher, exclusions=True, columns=None, dead=None,
                 overlay=True):
        self.index, self.schema, self.searcher = index, schema, searcher
        self.exclusions = exclusions   # False for generations older than the exclusion fields
        # With column files (matcher.columns) the engine matches on them; `dead` marks the
        # rows retired since they were built, and overlay documents are read from here.
        self.columns, self.dead, self.overlay = columns, dead, overlay
        self._documents = {}

    def overlay_documents(self, query):
        """Return the documents written since the columns were built that pass the query."""
        if not self.overlay:
            return []
        return [candidate.document for candidate in self.candidates(query, kind="overlay")]

    def candidates(self, query, kind=None):
        """Return documents passing the query's filters, exact radius applied here."""
        if not has_radius(query):
            everything = candidate_query(self.index, self.schema, query, self.exclusions, kind)
            hits = self._top(everything, query.limit)
            self._load([address for _score, address in hits])
            return [self._candidate(score, address, query) for score, address in hits]
        near = self._nearest(query, kind)
        room = query.limit - len(near)
        hits = []
        if query.include_remote and room > 0:
            hits = self._top(anywhere_query(self.index, self.schema, query, self.exclusions, kind),
                             room)
        self._load([address for *_rest, address in near] + [address for _s, address in hits])
        out = [Candidate(self._document(address), score, distance)
               for distance, score, address in near]
        out.extend(self._candidate(score, address, query) for score, address in hits)
        return out

    def _top(self, tantivy_query, limit):
        if limit <= 0:
            return []
        return self.searcher.search(tantivy_query, limit, count=False).hits

    def _nearest(self, query, kind=None):
        """Return [(distance, score, address)] of sites within the radius, nearest first."""
        tantivy_query = near_query(self.index, self.schema, query, self.exclusions, kind)
        found = self.searcher.search(tantivy_query, max(query.limit, 1), count=True)
        hits = found.hits
        if found.count > len(hits):  # more in the box than the limit: fetch all, keep nearest
            hits = self.searcher.search(tantivy_query, found.count, count=False).hits
        addresses = [address for _score, address in hits]
        lats = self.searcher.fast_field_values("lat", addresses)
        lons = self.searcher.fast_field_values("lon", addresses)
        lat, lon, reach = query.latitude, query.longitude, query.radius_km + RADIUS_SLACK_KM
        near = []
        for (score, address), site_lat, site_lon in zip(hits, lats, lons):
            distance = great_circle_km(lat, lon, site_lat, site_lon)
            if distance <= reach:
                near.append((distance, score, address))
        near.sort(key=lambda item: (item[0], item[2].segment_ord, item[2].doc))
        return near[:query.limit]

    def _candidate(self, score, address, query):
        doc = self._document(address)
        distance = None
        if query.latitude is not None and query.longitude is not None \
                and doc.get("latitude") is not None and doc.get("longitude") is not None:
            distance = great_circle_km(query.latitude, query.longitude,
                                       doc["latitude"], doc["longitude"])
        return Candidate(document=doc, text_score=score, distance_km=distance)

    def _load(self, addresses):
        """Decode the documents not yet seen, in index order."""
        # The doc store decompresses whole blocks of neighbouring documents; reading in
        # address order reuses each block instead of decompressing it once per document.
        for address in sorted((a for a in addresses
                               if (a.segment_ord, a.doc) not in self._documents),
                              key=lambda a: (a.segment_ord, a.doc)):
            self._document(address)

    def _document(self, address):
        """Return the stored document at an address, decoding it at most once per view."""
        key = (address.segment_ord, address.doc)
        doc = self._documents.get(key)
        if doc is None:
            stored = self.searcher.doc(address)
            raw = stored.get_first("doc")
            if raw is None:   # a base document: its row in the column files holds it
                if self.columns is None:
                    raise IndexNeedsRebuild(
                        "this index generation keeps its documents in column files this "
                        "version cannot read: run `flask index rebuild`")
                row = self.columns.row_of_insert[stored.get_first("base")]
                doc = self._documents[key] = self.columns.document(int(row))
            else:
                doc = self._documents[key] = marshal.loads(raw)
        return doc
