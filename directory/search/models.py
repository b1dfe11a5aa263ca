"""The search outbox table: services whose documents must be re-projected into the index."""
from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from directory.store.models import Base, utcnow


class SearchOutbox(Base):
    """One row per committed change to a service or anything under it (duplicates are fine)."""

    __tablename__ = "search_outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # No foreign key: the row must outlive the service so its deletion reaches the index.
    service_id: Mapped[str] = mapped_column(String(36), index=True)
    enqueued_at: Mapped[datetime] = mapped_column(default=utcnow)
