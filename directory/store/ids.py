"""Stable identifiers: the same inputs always give the same UUID."""

import re
import uuid

# Fixed for the life of the project: changing it would re-key every seeded record.
NAMESPACE = uuid.UUID("6f1c2a9e-3d4b-5e8f-9a7c-2b1d0e4f6a83")


def stable_id(*parts) -> str:
    """Return the uuid5 of the parts joined with "/" under the project namespace."""
    return str(uuid.uuid5(NAMESPACE, "/".join(str(part) for part in parts)))


def new_id() -> str:
    """Return a fresh random UUID string for records without a natural key."""
    return str(uuid.uuid4())


def uuid_text(raw) -> str:
    """Return the canonical text of a UUID given as 16 bytes (str(uuid.UUID(bytes=raw)))."""
    # Ingest writes one per record and audit row: formatting the hex directly skips
    # building a UUID object each time.
    h = raw.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


# The form every stored id has: recognised without building a UUID (ingest checks millions).
CANONICAL = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def is_uuid(text) -> bool:
    """Tell whether text is a well-formed UUID string."""
    if not isinstance(text, str):
        return False
    if CANONICAL.fullmatch(text):
        return True
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True
