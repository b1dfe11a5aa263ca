"""Field-by-field differences between two serialized services, for reviewers to read."""

# Noise a reviewer cannot act on: the audit rows themselves, the change stamp, nested copies.
IGNORED = frozenset({"metadata", "last_modified", "organization", "program", "taxonomy_term"})


def diff(old, new, path=""):
    """Return [{"path", "old", "new"}] for every value that differs between `old` and `new`."""
    if isinstance(old, dict) and isinstance(new, dict):
        return _diff_objects(old, new, path)
    if _is_record_list(old) and _is_record_list(new):
        return _diff_records(old, new, path)
    if old == new:
        return []
    return [{"path": path or "service", "old": old, "new": new}]


def _diff_objects(old, new, path):
    changes = []
    for key in sorted(set(old) | set(new)):
        if key in IGNORED:
            continue
        inner = f"{path}.{key}" if path else key
        changes.extend(diff(old.get(key), new.get(key), inner))
    return changes


def _is_record_list(value):
    """Tell whether `value` is a list of records that can be matched by id."""
    return isinstance(value, list) and all(isinstance(v, dict) and "id" in v for v in value)


def _diff_records(old, new, path):
    """Match list items by id: an added item, a removed item, or the fields that changed."""
    before = {item["id"]: item for item in old}
    changes = []
    for index, item in enumerate(new):
        previous = before.pop(item["id"], None)
        label = f"{path}[{index}]"
        if previous is None:
            changes.append({"path": label, "old": None, "new": _strip(item)})
        else:
            changes.extend(_diff_objects(previous, item, label))
    for item in before.values():
        changes.append({"path": f"{path}[removed]", "old": _strip(item), "new": None})
    return changes


def _strip(value):
    """Drop ignored keys (deeply) so an added or removed record reads as its content."""
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k not in IGNORED}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value
