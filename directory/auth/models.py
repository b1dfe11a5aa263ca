"""Accounts and API tokens: who may sign in, in which role, and which bearer tokens they hold."""
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from directory.store.models import Base, new_id, utcnow

ROLES = ("admin", "therapist", "partner")


class User(UserMixin, Base):
    """A person who signs in: an admin, a therapist, or a partner bound to one organisation."""

    # "user" is reserved in PostgreSQL; a plain name keeps raw SQL and psql sessions simple.
    __tablename__ = "user_account"
    __table_args__ = (
        CheckConstraint("role IN ('admin', 'therapist', 'partner')", name="role"),
        # Per-organisation scoping is only sound if every partner has exactly one organisation.
        CheckConstraint(
            "(role = 'partner') = (organization_id IS NOT NULL)", name="partner_organization"
        ),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    # Stored lower-case (see accounts.normalise_email) so the unique index is case-insensitive.
    email: Mapped[str] = mapped_column(String(320), unique=True)
    password_hash: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(16))
    # No ON DELETE: deleting an organisation must never silently delete its accounts.
    organization_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("organization.id"), index=True, nullable=True
    )
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    tokens: Mapped[list["ApiToken"]] = relationship(
        back_populates="user", cascade="all, delete-orphan", order_by="ApiToken.created_at"
    )

    @property
    def is_active(self):
        """Tell Flask-Login whether this account may sign in."""
        return bool(self.active)

    @property
    def actor(self):
        """Return the name written to the audit trail (HSDS metadata `updated_by`)."""
        return self.email

    def __repr__(self):
        return f"<User {self.id} {self.role}>"


class ApiToken(Base):
    """A bearer token for the partner API; only the SHA-256 of its secret is stored."""

    __tablename__ = "api_token"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    user_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    # A fast hash is enough: the secret is 256 random bits, so it cannot be guessed offline.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(nullable=True)

    user: Mapped[User] = relationship(back_populates="tokens")

    @property
    def active(self):
        """Return True while the token is not revoked and its owner may still sign in."""
        return self.revoked_at is None and self.user.is_active

    def __repr__(self):
        return f"<ApiToken {self.id} user={self.user_id}>"
