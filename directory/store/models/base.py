"""Declarative base and column types shared by every HSDS table."""
from datetime import datetime, timezone

from sqlalchemy import JSON, DateTime, MetaData, String, TypeDecorator
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from ..ids import new_id

# Stable constraint names so Alembic migrations behave the same on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator):
    """A timestamp stored in UTC and always returned timezone-aware (SQLite drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: store timezone-aware values only")
        return value.astimezone(timezone.utc)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


def utcnow():
    """Return the current time, timezone-aware, in UTC."""
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime(), list: JSON()}


class HasId:
    """Every HSDS record has a UUID string primary key."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)


def fk(target, **kwargs):
    """A nullable, indexed foreign key to `target` ("table.id"), deleted with its parent."""
    from sqlalchemy import ForeignKey

    return mapped_column(
        String(36), ForeignKey(target, ondelete="CASCADE"), index=True, nullable=True, **kwargs
    )
