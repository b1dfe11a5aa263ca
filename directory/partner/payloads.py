"""Turn a partner's request body into the HSDS data `save_service` receives, per kind of edit."""
from sqlalchemy import inspect

from directory.store import nested as spec
from directory.store.ids import new_id
from directory.store.models import Service, utcnow

# Keys the server sets or GET shows read-only; a client's values for them are ignored.
SERVER_SET = frozenset({"wait_time_updated", "last_modified", "assured_date", "metadata",
                        "organization", "program"})


def _own_fields(body):
    data = {key: value for key, value in body.items() if key not in SERVER_SET}
    for capacity in data.get("capacities") or []:
        # A capacity stated without a date is stated now (HSDS 3.1 requires `updated`).
        if isinstance(capacity, dict) and not capacity.get("updated"):
            capacity["updated"] = utcnow().isoformat()
    return data


def _stamp_wait_time(data, current):
    """Date a stated wait time on the server, and only when the number actually changes."""
    if "wait_time_days" not in data:
        return data
    days = data["wait_time_days"]
    if days is None:
        data["wait_time_updated"] = None
    elif days != (current or {}).get("wait_time_days"):
        data["wait_time_updated"] = utcnow().isoformat()
    return data


def patch(current, body):
    """Return data that changes only the fields given (a given list replaces that list)."""
    data = {**_own_fields(body), "id": current["id"]}
    return _stamp_wait_time(data, current)


def replace(current, body):
    """Return data that makes the service exactly `body`: anything left out is cleared."""
    data = {**_own_fields(body), "id": current["id"]}
    data.setdefault("organization_id", current["organization_id"])
    for column in inspect(Service).columns:
        if column.key not in SERVER_SET and not column.primary_key:
            data.setdefault(column.key, None)
    for child in spec.children(Service):
        data.setdefault(child.key, [])
    return _stamp_wait_time(data, current)


def create(body, organization_id):
    """Return data for a new service of `organization_id` (a fresh id unless one is given)."""
    data = {**_own_fields(body), "organization_id": organization_id}
    data["id"] = data.get("id") or new_id()
    return _stamp_wait_time(data, None)


def confirm(service_id, actor_email):
    """Return data that confirms a listing; the save sets assured_date to today."""
    return {"id": service_id, "assurer_email": actor_email}
