"""Answer candidate queries from one tantivy searcher, decoding each stored document once.

A radius query is two searches: in-person sites inside the bounding box, and documents no
radius cuts off (no site, or attended remotely). Site coordinates come from fast fields, so
sites in the box's corners are dropped by exact distance without being decoded. When more
documents qualify than the query's limit, the nearest sites are kept first, then remote ones
in relevance order: a cap never drops a near site in favour of a farther one.
"""
import marshal

from matcher.backends.base import Candidate
from matcher.backends.tantivy_schema import (anywhere_query, candidate_query, has_radius,
                                             near_query)
from matcher.geo import great_circle_km

RADIUS_SLACK_KM = 0.001   # never drop a document the matcher's own distance would accept


class TantivyReader:
    """A fixed view of the index for the queries of one match."""

    def __init__(self, index, schema, searcher, exclusions=True):
        self.index, self.schema, self.searcher = index, schema, searcher
        self.exclusions = exclusions   # False for generations older than the exclusion fields
        self._documents = {}

    def candidates(self, query):
        """Return documents passing the query's filters, exact radius applied here."""
        if not has_radius(query):
            everything = candidate_query(self.index, self.schema, query, self.exclusions)
            hits = self._top(everything, query.limit)
            self._load([address for _score, address in hits])
            return [self._candidate(score, address, query) for score, address in hits]
        near = self._nearest(query)
        room = query.limit - len(near)
        hits = []
        if query.include_remote and room > 0:
            hits = self._top(anywhere_query(self.index, self.schema, query, self.exclusions), room)
        self._load([address for *_rest, address in near] + [address for _s, address in hits])
        out = [Candidate(self._document(address), score, distance)
               for distance, score, address in near]
        out.extend(self._candidate(score, address, query) for score, address in hits)
        return out

    def _top(self, tantivy_query, limit):
        if limit <= 0:
            return []
        return self.searcher.search(tantivy_query, limit, count=False).hits

    def _nearest(self, query):
        """Return [(distance, score, address)] of sites within the radius, nearest first."""
        tantivy_query = near_query(self.index, self.schema, query, self.exclusions)
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
            doc = self._documents[key] = marshal.loads(self.searcher.doc(address).get_first("doc"))
        return doc
