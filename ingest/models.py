"""Tables that record ingest runs, their rejects, what each feed record became, and duplicates.

They share the store's metadata (so one migration chain covers them) but belong to ingest:
the store never reads them.
"""
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from directory.store.models import Base, utcnow

RUN_STATUSES = ("running", "succeeded", "refused", "failed")
COUNTS = ("read", "created", "updated", "unchanged", "deactivated", "rejected", "geocoded",
          "merged")


def _count():
    return mapped_column(Integer, default=0, nullable=False)


class IngestRun(Base):
    """One run of one feed: where it came from, when, how it ended and what it did."""

    __tablename__ = "ingest_run"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source: Mapped[str] = mapped_column(String(200), index=True)
    format: Mapped[str | None] = mapped_column(String(40))
    location: Mapped[str] = mapped_column(Text)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(20), default="running")
    read: Mapped[int] = _count()
    created: Mapped[int] = _count()
    updated: Mapped[int] = _count()
    unchanged: Mapped[int] = _count()
    deactivated: Mapped[int] = _count()
    rejected: Mapped[int] = _count()
    geocoded: Mapped[int] = _count()
    merged: Mapped[int] = _count()
    message: Mapped[str | None] = mapped_column(Text)

    def counts(self):
        """Return the run's counters as a dict in report order."""
        return {name: getattr(self, name) for name in COUNTS}


class IngestReject(Base):
    """A feed row that was not imported, with where it was and why."""

    __tablename__ = "ingest_reject"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("ingest_run.id", ondelete="CASCADE"),
                                        index=True)
    file: Mapped[str | None] = mapped_column(Text)
    line: Mapped[int | None] = mapped_column(Integer)
    external_id: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)


class SourceRecord(Base):
    """What one feed record (source + kind + external id) became in the store."""

    __tablename__ = "source_record"
    __table_args__ = (UniqueConstraint("source", "kind", "external_id",
                                       name="uq_source_record_identity"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    external_id: Mapped[str] = mapped_column(String(400))
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    # Hash of the feed record as written; None forces the next run to save it again.
    content_hash: Mapped[str | None] = mapped_column(String(64))
    last_seen_run_id: Mapped[int | None] = mapped_column(Integer, index=True)
    # Normalised "organisation + address" and "organisation + phone" keys for duplicates.
    address_key: Mapped[str | None] = mapped_column(Text, index=True)
    phone_key: Mapped[str | None] = mapped_column(Text, index=True)


class DuplicateLink(Base):
    """A record that looks like another one: merged within a feed or linked across sources."""

    __tablename__ = "duplicate_link"
    __table_args__ = (UniqueConstraint("record_id", "duplicate_of",
                                       name="uq_duplicate_link_pair"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("ingest_run.id", ondelete="CASCADE"),
                                        index=True)
    kind: Mapped[str] = mapped_column(String(20))
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    duplicate_of: Mapped[str] = mapped_column(String(36), index=True)
    reason: Mapped[str] = mapped_column(Text)
