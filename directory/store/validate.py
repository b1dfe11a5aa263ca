"""Check nested HSDS input against the database before anything is written.

The result is a tree of `Clean` nodes: converted values, an id for every record, and the
existing row (if any). Any problem is collected with its field path and raised together as
InvalidInput, so a save either writes everything or nothing.
"""
from functools import cache

from directory.errors import InvalidInput

from . import nested as spec
from .ids import is_uuid, new_id
from .models import Location, Organization, Service, ServiceAtLocation
from .values import column_kind, convert


class Clean:
    """One input record, checked and converted.

    A plain class with slots: one is made per row of every saved record, and a dataclass
    with default factories cost several times as much to build.
    """

    __slots__ = ("model", "id", "existing", "fields", "link", "children", "nested")

    def __init__(self, model, id, existing, fields=None, link=None, children=None,
                 nested=None):
        self.model, self.id, self.existing = model, id, existing
        self.fields = {} if fields is None else fields
        self.link = {} if link is None else link  # parent link columns for a new child
        self.children = {} if children is None else children  # key -> list[Clean]
        self.nested = {} if nested is None else nested  # key -> Clean

    def __repr__(self):
        return f"Clean({self.model.__name__}, {self.id!r}, existing={self.existing is not None})"


class Checker:
    """Collects errors by field path during one validation pass."""

    def __init__(self, session, lookup=None):
        self.session = session
        self.errors = {}
        # A batch passes its prefetched rows; a lone save asks the session (and the database).
        self.get = lookup or session.get
        self.found = 0  # existing rows this pass found: none means a brand-new tree

    def error(self, path, message):
        self.errors.setdefault(path or "_schema", []).append(message)

    def raise_if_any(self, what):
        if self.errors:
            raise InvalidInput(f"The {what} has invalid fields.", errors=self.errors)


def at(path, key):
    """Join a field path: "service_at_locations[0].location" + "name"."""
    return f"{path}.{key}" if path else str(key)


def clean_root(session, model, data, lookup=None):
    """Check a top-level record and everything nested in it; raise InvalidInput on errors."""
    return clean_tree(session, model, data, lookup)[0]


def clean_tree(session, model, data, lookup=None):
    """Return (`clean_root`'s tree, whether no record of it exists yet).

    A bulk save inserts a brand-new tree as plain rows; the pass that looks up every id
    already knows whether any of them was found, so the tree need not be walked again.
    """
    checker = Checker(session, lookup)
    node = clean_record(checker, model, data, "", link={}, org_id=None)
    checker.raise_if_any(model.__tablename__.replace("_", " "))
    return node, checker.found == 0


def clean_record(chk, model, data, path, *, link, org_id):
    """Check one record (and its subtree); `link` is the parent link it must carry."""
    if not isinstance(data, dict):
        chk.error(path, "must be an object")
        return None
    given = data.get("id")
    if given is not None and not is_uuid(given):
        chk.error(at(path, "id"), "must be a UUID")
        given = None
    existing = chk.get(model, given) if given else None
    if existing is not None:
        chk.found += 1
    if existing is not None and any(getattr(existing, k) != v for k, v in link.items()):
        chk.error(at(path, "id"), "belongs to another record")
    node = Clean(model, given or new_id(), existing, link=link)
    _check_keys(chk, model, data, path)
    _clean_fields(chk, node, data, path, skip=set(link))
    org_id = _scope_organization(node, org_id)
    for nest in spec.nested(model):
        _clean_nested(chk, node, nest, data, path, org_id)
    if model is ServiceAtLocation and "location" not in node.nested:
        _check_location_reference(chk, node, org_id, path)
    _check_required(chk, node, path)
    for child in spec.children(model):
        if data.get(child.key) is not None:
            node.children[child.key] = _clean_children(chk, node, child, data[child.key],
                                                       at(path, child.key), org_id)
    return node


def _scope_organization(node, org_id):
    if node.model is Organization:
        return node.id
    if node.model is Service:
        return node.fields.get("organization_id", getattr(node.existing, "organization_id", None))
    return org_id


def _check_keys(chk, model, data, path):
    known = spec.known_keys(model)
    if known.issuperset(data):
        return
    for key, value in data.items():
        if key not in known and value not in (None, "", [], {}):
            chk.error(at(path, key), f"is not a field of {model.__tablename__}")


@cache  # per model: what each writable column needs, in column order
def _field_plan(model):
    """Return ((name, column, is_text, allowed values, reference target), ...)."""
    refs = spec.REFERENCES.get(model, {})
    return tuple((name, column, column_kind(column) == "text",
                  spec.ENUMS.get((model, name)), refs.get(name))
                 for name, column in spec.writable_columns(model).items())


@cache
def _required_plan(model):
    """Return the names of the columns a record of `model` must end up with."""
    refs = spec.REQUIRED_REFERENCES.get(model, ())
    return tuple(name for name, column in spec.writable_columns(model).items()
                 if not column.nullable or name in refs)


def _clean_fields(chk, node, data, path, skip):
    nests = spec.nested(node.model)
    if nests:
        skip = skip | {nest.fk for nest in nests if data.get(nest.key) is not None}
    fields = node.fields
    for name, column, is_text, allowed, target in _field_plan(node.model):
        if name not in data or name in skip:
            continue
        value = data[name]
        # convert() returns a str as it is for a text column (unless it holds a NUL, which it
        # refuses): skip the call for the common case.
        if not (is_text and type(value) is str and "\x00" not in value):
            try:
                value = convert(column, value)
            except ValueError as exc:
                chk.error(at(path, name), str(exc))
                continue
        if value is not None and allowed and value not in allowed:
            chk.error(at(path, name), "must be one of: " + ", ".join(allowed))
        if value is not None and target and chk.get(target, value) is None:
            chk.error(at(path, name), f"unknown {target.__tablename__} {value}")
        fields[name] = value


def _check_required(chk, node, path):
    for name in _required_plan(node.model):
        value = node.fields[name] if name in node.fields else getattr(node.existing, name, None)
        if value is None or (isinstance(value, str) and not value.strip()):
            chk.error(at(path, name), "is required")


def _clean_nested(chk, node, nest, data, path, org_id):
    if data.get(nest.key) is None:
        return
    inner = clean_record(chk, nest.model, data[nest.key], at(path, nest.key),
                         link={}, org_id=org_id)
    if inner is None:
        return
    if nest.model is Location:
        _check_location_owner(chk, inner, org_id, at(path, nest.key))
    node.nested[nest.key] = inner
    node.fields[nest.fk] = inner.id


def _check_location_owner(chk, node, org_id, path):
    """Keep a service from editing (or adopting) another organization's location."""
    owners = {node.fields.get("organization_id"), getattr(node.existing, "organization_id", None)}
    owners.discard(None)
    if owners - {org_id}:
        chk.error(at(path, "organization_id"), "location belongs to another organization")
    elif node.existing is None:
        node.fields["organization_id"] = org_id


def _check_location_reference(chk, node, org_id, path):
    """Let a site name only its own organization's locations by id."""
    location = chk.get(Location, node.fields.get("location_id") or "")
    if location is not None and location.organization_id not in (None, org_id):
        chk.error(at(path, "location_id"), "location belongs to another organization")


def _clean_children(chk, parent, child, items, path, org_id):
    if not isinstance(items, list):
        chk.error(path, "must be a list")
        return []
    link = {col: parent.id for col in _link_columns(parent.model, child)}
    if child.link_entity:
        link["link_entity"] = child.link_entity
    nodes = [clean_record(chk, child.model, item, f"{path}[{i}]", link=link, org_id=org_id)
             for i, item in enumerate(items)]
    nodes = [node for node in nodes if node is not None]
    ids = [node.id for node in nodes]
    if len(set(ids)) < len(ids):
        for duplicate in {i for i in ids if ids.count(i) > 1}:
            chk.error(path, f"id {duplicate} appears more than once")
    if parent.existing is not None and child.model is Location:
        _check_locations_unused(chk, parent.existing, set(ids), path)
    return nodes


_LINKS = {}  # (parent model, collection key) -> the child columns that hold the parent's id


def _link_columns(parent_model, child):
    # Keyed by the collection's name: hashing the Child dataclass itself, for every
    # collection of every saved record, cost more than the rest of this lookup.
    key = (parent_model, child.key)
    columns = _LINKS.get(key)
    if columns is None:
        columns = _LINKS[key] = tuple(spec.parent_link(parent_model, child))
    return columns


def _check_locations_unused(chk, organization, kept, path):
    """Refuse to drop a location that services still point at (it would drop their sites)."""
    for location in organization.locations:
        if location.id not in kept and location.service_at_locations:
            chk.error(path, f"location {location.id} is still used by services; "
                            "remove it from them first")
