"""Apply a checked tree (`validate.Clean`) to the ORM: upsert by id, recursively.

Children present in the input are created or updated, children missing from a given list are
deleted, and a field is written only when its converted value differs, so identical input
leaves the session clean and the journal empty.
"""
from . import nested as spec
from .models import Location
from .values import same


def create(session, journal, node):
    """Make the new record a node describes and note its creation."""
    record = node.model(id=node.id, **node.link)
    session.add(record)
    journal.created(record)
    return record


def apply_node(session, journal, record, node):
    """Write a node's fields, inline records and child collections onto `record`."""
    is_location = node.model is Location
    if is_location:
        journal.enter_location(record.id)
    try:
        for nest in spec.nested(node.model):
            if nest.key in node.nested:
                _apply_nested(session, journal, record, nest, node.nested[nest.key])
        _apply_fields(journal, record, node)
        for child in spec.children(node.model):
            if child.key in node.children:
                _sync_children(session, journal, record, child, node.children[child.key])
    finally:
        if is_location:
            journal.leave_location()


def _apply_fields(journal, record, node):
    for name, value in node.fields.items():
        old = getattr(record, name)
        if same(old, value):
            continue
        setattr(record, name, value)
        if node.existing is not None:
            journal.updated(record, name, old, value)


def _apply_nested(session, journal, record, nest, node):
    target = node.existing if node.existing is not None else create(session, journal, node)
    apply_node(session, journal, target, node)
    if getattr(record, nest.key) is not target:
        setattr(record, nest.key, target)


def _sync_children(session, journal, parent, child, nodes):
    collection = getattr(parent, child.key)
    current = {record.id: record for record in collection}
    for node in nodes:
        record = current.pop(node.id, None)
        if record is None:
            record = create(session, journal, node)
            collection.append(record)
        apply_node(session, journal, record, node)
    for record in current.values():
        for gone in _subtree(record):
            journal.deleted(gone)
        collection.remove(record)
        session.delete(record)


def _subtree(record):
    """Yield a record and every record it owns (deleted with it by cascade)."""
    yield record
    for child in spec.children(type(record)):
        for item in getattr(record, child.key):
            yield from _subtree(item)
