"""A faster stable_id for the generator: the same uuid5, without building UUID objects.

A million demo services need tens of millions of ids; uuid.uuid5 spends most of its time
constructing objects, so this hashes directly. tests/test_demo.py checks it equals stable_id.
"""
from hashlib import sha1

from directory.store.ids import NAMESPACE

_NAMESPACE_BYTES = NAMESPACE.bytes


def demo_id(*parts):
    """Return stable_id(*parts) (uuid5 under the project namespace) as a string."""
    digest = bytearray(sha1(_NAMESPACE_BYTES + "/".join(map(str, parts)).encode()).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    h = digest.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
