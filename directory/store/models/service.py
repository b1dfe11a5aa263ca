"""Services, where they are delivered, and the structured facts matching relies on."""
from datetime import date, datetime

from sqlalchemy import Date, Float, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, HasId, fk
from .links import attributes_of, children

SERVICE_STATUSES = ("active", "inactive", "defunct", "temporarily closed")


class Service(HasId, Base):
    __tablename__ = "service"

    organization_id: Mapped[str] = fk("organization.id")
    program_id: Mapped[str | None] = fk("program.id")
    name: Mapped[str] = mapped_column(Text)
    alternate_name: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(32), index=True)
    interpretation_services: Mapped[str | None] = mapped_column(Text)
    application_process: Mapped[str | None] = mapped_column(Text)
    fees_description: Mapped[str | None] = mapped_column(Text)
    wait_time: Mapped[str | None] = mapped_column(Text)
    fees: Mapped[str | None] = mapped_column(Text)
    accreditations: Mapped[str | None] = mapped_column(Text)
    eligibility_description: Mapped[str | None] = mapped_column(Text)
    minimum_age: Mapped[float | None] = mapped_column(Float)
    maximum_age: Mapped[float | None] = mapped_column(Float)
    # A person confirmed the listing on this date; never touched by mere edits.
    assured_date: Mapped[date | None] = mapped_column(Date)
    assurer_email: Mapped[str | None] = mapped_column(Text)
    licenses: Mapped[str | None] = mapped_column(Text)
    alert: Mapped[str | None] = mapped_column(Text)
    # Anything about the service or its nested records changed at this time.
    last_modified: Mapped[datetime | None] = mapped_column(index=True)
    # Profile extension: structured wait time and when it was stated.
    wait_time_days: Mapped[int | None] = mapped_column(Integer)
    wait_time_updated: Mapped[datetime | None]

    organization: Mapped["Organization"] = relationship(back_populates="services")
    program: Mapped["Program | None"] = relationship()
    phones: Mapped[list["Phone"]] = children("Phone")
    schedules: Mapped[list["Schedule"]] = children("Schedule")
    service_areas: Mapped[list["ServiceArea"]] = children("ServiceArea")
    service_at_locations: Mapped[list["ServiceAtLocation"]] = children(
        "ServiceAtLocation", back_populates="service"
    )
    languages: Mapped[list["Language"]] = children("Language")
    funding: Mapped[list["Funding"]] = children("Funding")
    cost_options: Mapped[list["CostOption"]] = children("CostOption")
    required_documents: Mapped[list["RequiredDocument"]] = children("RequiredDocument")
    contacts: Mapped[list["Contact"]] = children("Contact")
    capacities: Mapped[list["ServiceCapacity"]] = children("ServiceCapacity")
    attributes = attributes_of("service", "Service")


class ServiceAtLocation(HasId, Base):
    __tablename__ = "service_at_location"

    service_id: Mapped[str] = fk("service.id")
    location_id: Mapped[str] = fk("location.id")
    description: Mapped[str | None] = mapped_column(Text)

    service: Mapped[Service] = relationship(back_populates="service_at_locations")
    location: Mapped["Location"] = relationship(back_populates="service_at_locations")
    phones: Mapped[list["Phone"]] = children("Phone")
    contacts: Mapped[list["Contact"]] = children("Contact")
    schedules: Mapped[list["Schedule"]] = children("Schedule")
    # HSDS 3.1: a catchment that differs by site.
    service_areas: Mapped[list["ServiceArea"]] = children("ServiceArea")
    attributes = attributes_of("service_at_location", "ServiceAtLocation")


class ServiceArea(HasId, Base):
    __tablename__ = "service_area"

    service_id: Mapped[str | None] = fk("service.id")
    service_at_location_id: Mapped[str | None] = fk("service_at_location.id")
    name: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    # GeoJSON text when extent_type is "geojson".
    extent: Mapped[str | None] = mapped_column(Text)
    extent_type: Mapped[str | None] = mapped_column(String(32))
    uri: Mapped[str | None] = mapped_column(Text)
    # Profile extension: residency by ZIP code and by county ("San Mateo County, CA").
    postal_codes: Mapped[list | None]
    counties: Mapped[list | None]


class CostOption(HasId, Base):
    __tablename__ = "cost_option"

    service_id: Mapped[str | None] = fk("service.id")
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    option: Mapped[str | None] = mapped_column(Text)
    currency: Mapped[str | None] = mapped_column(String(3))
    amount: Mapped[float | None] = mapped_column(Float)
    amount_description: Mapped[str | None] = mapped_column(Text)


class RequiredDocument(HasId, Base):
    __tablename__ = "required_document"

    service_id: Mapped[str | None] = fk("service.id")
    document: Mapped[str | None] = mapped_column(Text)
    uri: Mapped[str | None] = mapped_column(Text)


class Unit(HasId, Base):
    """HSDS 3.1 unit of a capacity (beds, appointments, ...)."""

    __tablename__ = "unit"

    name: Mapped[str] = mapped_column(Text)
    scheme: Mapped[str | None] = mapped_column(Text)
    identifier: Mapped[str | None] = mapped_column(Text)
    uri: Mapped[str | None] = mapped_column(Text)


class ServiceCapacity(HasId, Base):
    """HSDS 3.1 service_capacity: how many units are free, stated at `updated`."""

    __tablename__ = "service_capacity"

    service_id: Mapped[str | None] = fk("service.id")
    unit_id: Mapped[str] = fk("unit.id")
    available: Mapped[float] = mapped_column(Float)
    maximum: Mapped[float | None] = mapped_column(Float)
    description: Mapped[str | None] = mapped_column(Text)
    updated: Mapped[datetime]

    unit: Mapped[Unit] = relationship(lazy="joined")
