"""Relationship builders shared by the entity modules."""
from sqlalchemy.orm import relationship


def children(target, **kwargs):
    """A one-to-many list of owned child records, deleted with (or without) their parent."""
    return relationship(
        target, cascade="all, delete-orphan", order_by=f"{target}.id", **kwargs
    )


def attributes_of(entity, cls_name):
    """Attributes whose link_entity is `entity` and link_id is this record's id."""
    return relationship(
        "Attribute",
        primaryjoin=(
            f"and_({cls_name}.id == foreign(Attribute.link_id), "
            f"Attribute.link_entity == '{entity}')"
        ),
        cascade="all, delete-orphan",
        order_by="Attribute.id",
        overlaps="attributes",
    )
