"""Locations and the contact details, hours, languages and access shared by many records."""
from datetime import date

from sqlalchemy import Date, Float, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, HasId, fk
from .links import attributes_of, children


class Location(HasId, Base):
    __tablename__ = "location"

    location_type: Mapped[str] = mapped_column(String(16))
    url: Mapped[str | None] = mapped_column(Text)
    organization_id: Mapped[str | None] = fk("organization.id")
    name: Mapped[str | None] = mapped_column(Text)
    alternate_name: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    transportation: Mapped[str | None] = mapped_column(Text)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    external_identifier: Mapped[str | None] = mapped_column(Text)
    external_identifier_type: Mapped[str | None] = mapped_column(Text)

    organization: Mapped["Organization | None"] = relationship(back_populates="locations")
    service_at_locations: Mapped[list["ServiceAtLocation"]] = children(
        "ServiceAtLocation", back_populates="location"
    )
    addresses: Mapped[list["Address"]] = children("Address")
    phones: Mapped[list["Phone"]] = children("Phone")
    accessibility: Mapped[list["Accessibility"]] = children("Accessibility")
    contacts: Mapped[list["Contact"]] = children("Contact")
    schedules: Mapped[list["Schedule"]] = children("Schedule")
    languages: Mapped[list["Language"]] = children("Language")
    attributes = attributes_of("location", "Location")


class Address(HasId, Base):
    __tablename__ = "address"

    location_id: Mapped[str | None] = fk("location.id")
    attention: Mapped[str | None] = mapped_column(Text)
    address_1: Mapped[str] = mapped_column(Text)
    address_2: Mapped[str | None] = mapped_column(Text)
    city: Mapped[str] = mapped_column(Text)
    region: Mapped[str | None] = mapped_column(Text)
    state_province: Mapped[str] = mapped_column(Text)
    postal_code: Mapped[str] = mapped_column(String(16), index=True)
    country: Mapped[str] = mapped_column(String(2))
    address_type: Mapped[str] = mapped_column(String(16))


class Accessibility(HasId, Base):
    __tablename__ = "accessibility"

    location_id: Mapped[str | None] = fk("location.id")
    description: Mapped[str | None] = mapped_column(Text)
    details: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)


class Contact(HasId, Base):
    __tablename__ = "contact"

    organization_id: Mapped[str | None] = fk("organization.id")
    service_id: Mapped[str | None] = fk("service.id")
    service_at_location_id: Mapped[str | None] = fk("service_at_location.id")
    location_id: Mapped[str | None] = fk("location.id")
    name: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    department: Mapped[str | None] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(Text)

    phones: Mapped[list["Phone"]] = children("Phone")


class Phone(HasId, Base):
    __tablename__ = "phone"

    location_id: Mapped[str | None] = fk("location.id")
    service_id: Mapped[str | None] = fk("service.id")
    organization_id: Mapped[str | None] = fk("organization.id")
    contact_id: Mapped[str | None] = fk("contact.id")
    service_at_location_id: Mapped[str | None] = fk("service_at_location.id")
    number: Mapped[str] = mapped_column(Text)
    extension: Mapped[int | None] = mapped_column(Integer)
    type: Mapped[str | None] = mapped_column(String(32))
    description: Mapped[str | None] = mapped_column(Text)

    languages: Mapped[list["Language"]] = children("Language")


class Language(HasId, Base):
    __tablename__ = "language"

    service_id: Mapped[str | None] = fk("service.id")
    location_id: Mapped[str | None] = fk("location.id")
    phone_id: Mapped[str | None] = fk("phone.id")
    name: Mapped[str | None] = mapped_column(Text)
    # ISO 639-1 (or 639-3 where no two-letter code exists).
    code: Mapped[str | None] = mapped_column(String(8), index=True)
    note: Mapped[str | None] = mapped_column(Text)


class Schedule(HasId, Base):
    """A weekly (or monthly) opening period; several rows per day make split days."""

    __tablename__ = "schedule"

    service_id: Mapped[str | None] = fk("service.id")
    location_id: Mapped[str | None] = fk("location.id")
    service_at_location_id: Mapped[str | None] = fk("service_at_location.id")
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    dtstart: Mapped[date | None] = mapped_column(Date)
    timezone: Mapped[float | None] = mapped_column(Float)
    until: Mapped[date | None] = mapped_column(Date)
    count: Mapped[int | None] = mapped_column(Integer)
    wkst: Mapped[str | None] = mapped_column(String(2))
    freq: Mapped[str | None] = mapped_column(String(16))
    interval: Mapped[int | None] = mapped_column(Integer)
    byday: Mapped[str | None] = mapped_column(String(64))
    byweekno: Mapped[str | None] = mapped_column(String(64))
    bymonthday: Mapped[str | None] = mapped_column(String(64))
    byyearday: Mapped[str | None] = mapped_column(String(64))
    description: Mapped[str | None] = mapped_column(Text)
    # "HH:MM" local wall-clock times; closes_at before opens_at means overnight.
    opens_at: Mapped[str | None] = mapped_column(String(16))
    closes_at: Mapped[str | None] = mapped_column(String(16))
    schedule_link: Mapped[str | None] = mapped_column(Text)
    attending_type: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    # Profile extension: IANA zone so "open now" is right across DST and zones.
    iana_timezone: Mapped[str | None] = mapped_column(String(64))
