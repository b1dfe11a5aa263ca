"""The audit trail: HSDS metadata rows, one per field-level change."""
from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, HasId


class Metadata(HasId, Base):
    __tablename__ = "metadata"

    resource_id: Mapped[str] = mapped_column(String(36), index=True)
    resource_type: Mapped[str] = mapped_column(String(64))
    last_action_date: Mapped[datetime]
    last_action_type: Mapped[str] = mapped_column(String(32))
    field_name: Mapped[str] = mapped_column(Text)
    previous_value: Mapped[str] = mapped_column(Text)
    replacement_value: Mapped[str] = mapped_column(Text)
    updated_by: Mapped[str] = mapped_column(Text)
