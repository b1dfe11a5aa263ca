"""Organizations and what hangs off them directly: identifiers, programs, funding."""
from sqlalchemy import Integer, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, HasId, fk
from .links import attributes_of, children


class Organization(HasId, Base):
    __tablename__ = "organization"

    name: Mapped[str] = mapped_column(Text, index=True)
    alternate_name: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(Text)
    website: Mapped[str | None] = mapped_column(Text)
    tax_status: Mapped[str | None] = mapped_column(Text)
    tax_id: Mapped[str | None] = mapped_column(Text)
    year_incorporated: Mapped[int | None] = mapped_column(Integer)
    legal_status: Mapped[str | None] = mapped_column(Text)
    logo: Mapped[str | None] = mapped_column(Text)
    uri: Mapped[str | None] = mapped_column(Text)
    parent_organization_id: Mapped[str | None] = fk("organization.id")

    organization_identifiers: Mapped[list["OrganizationIdentifier"]] = children(
        "OrganizationIdentifier"
    )
    programs: Mapped[list["Program"]] = children("Program", back_populates="organization")
    funding: Mapped[list["Funding"]] = children("Funding")
    contacts: Mapped[list["Contact"]] = children("Contact")
    phones: Mapped[list["Phone"]] = children("Phone")
    locations: Mapped[list["Location"]] = children("Location", back_populates="organization")
    services: Mapped[list["Service"]] = children("Service", back_populates="organization")
    attributes = attributes_of("organization", "Organization")


class OrganizationIdentifier(HasId, Base):
    __tablename__ = "organization_identifier"

    organization_id: Mapped[str | None] = fk("organization.id")
    identifier_scheme: Mapped[str | None] = mapped_column(Text)
    identifier_type: Mapped[str] = mapped_column(Text)
    identifier: Mapped[str] = mapped_column(Text)


class Program(HasId, Base):
    __tablename__ = "program"

    organization_id: Mapped[str | None] = fk("organization.id")
    name: Mapped[str] = mapped_column(Text)
    alternate_name: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text)

    organization: Mapped[Organization | None] = relationship(back_populates="programs")


class Funding(HasId, Base):
    __tablename__ = "funding"

    organization_id: Mapped[str | None] = fk("organization.id")
    service_id: Mapped[str | None] = fk("service.id")
    source: Mapped[str | None] = mapped_column(Text)
