"""Change requests as JSON for the API."""
from directory.api.serialize import value

from .review import is_stale

FIELDS = ("id", "organization_id", "service_id", "kind", "status", "submitted_by",
          "submitted_at", "reviewed_by", "reviewed_at", "review_note")


def change_json(session, change):
    """Dump a change request with its diff and whether the service moved on since."""
    data = {name: value(getattr(change, name)) for name in FIELDS}
    data["diff"] = change.diff
    data["stale"] = change.status == "pending" and is_stale(session, change)
    return data
