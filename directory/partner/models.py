"""Change requests (a reviewed organisation's edits waiting for an admin) and organisation trust."""
from datetime import datetime

from sqlalchemy import JSON, Boolean, CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from directory.store.models import Base, new_id, utcnow

KINDS = ("create", "replace", "patch", "confirm")
STATUSES = ("pending", "approved", "rejected")


class ChangeRequest(Base):
    """One submitted edit of one service: the payload to save, its diff, and its review."""

    __tablename__ = "change_request"
    __table_args__ = (
        CheckConstraint("kind IN ('create', 'replace', 'patch', 'confirm')", name="kind"),
        CheckConstraint("status IN ('pending', 'approved', 'rejected')", name="status"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    organization_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("organization.id"), index=True)
    # No foreign key: a proposed new service has no row yet, and history outlives deletions.
    service_id: Mapped[str | None] = mapped_column(String(36), index=True, nullable=True)
    kind: Mapped[str] = mapped_column(String(16))
    # Exactly what save_service receives on approval.
    payload: Mapped[dict] = mapped_column(JSON)
    # [{"path", "old", "new"}] between the service at submission and the proposal.
    diff: Mapped[list] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    submitted_by: Mapped[str] = mapped_column(String(320))
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)
    reviewed_by: Mapped[str | None] = mapped_column(String(320), nullable=True)
    reviewed_at: Mapped[datetime | None] = mapped_column(nullable=True)
    review_note: Mapped[str | None] = mapped_column(Text, nullable=True)
    # ETag of the service when the change was made; approval refuses a changed service.
    base_etag: Mapped[str | None] = mapped_column(String(80), nullable=True)

    def __repr__(self):
        return f"<ChangeRequest {self.id} {self.kind} {self.status}>"


class OrganizationTrust(Base):
    """Whether an organisation's partner edits publish at once (trusted) or wait for review.

    No row means reviewed: trust is granted by an admin, never assumed.
    """

    __tablename__ = "organization_trust"

    organization_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("organization.id", ondelete="CASCADE"), primary_key=True)
    trusted: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by: Mapped[str | None] = mapped_column(String(320), nullable=True)
