"""Feed sources: one module per feed format, each yielding HSDS 3.0 records and rejects.

`open_feed(location, format=None)` picks the module (auto-detected when `format` is None);
`base` holds the contract the ingest jobs build on.
"""
from .base import (
    FeedRecord, FeedRefused, Reject, Source, feed_key, rewrite_data, rewrite_ids, taxonomy_terms,
)
from .detect import FORMATS, detect_format, open_feed
from .http import FeedHttp, make_session

__all__ = ["FeedRecord", "FeedRefused", "Reject", "Source", "feed_key", "rewrite_data",
           "rewrite_ids", "taxonomy_terms", "FORMATS", "detect_format", "open_feed",
           "FeedHttp", "make_session"]
