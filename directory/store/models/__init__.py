"""SQLAlchemy models for the HSDS 3.0 tables (plus service_capacity and unit from 3.1)."""
from .audit import Metadata
from .base import Base, new_id, utcnow
from .location import (
    Accessibility,
    Address,
    Contact,
    Language,
    Location,
    Phone,
    Schedule,
)
from .organization import Funding, Organization, OrganizationIdentifier, Program
from .service import (
    SERVICE_STATUSES,
    CostOption,
    RequiredDocument,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceCapacity,
    Unit,
)
from .taxonomy import Attribute, Taxonomy, TaxonomyTerm

__all__ = [
    "Accessibility", "Address", "Attribute", "Base", "Contact", "CostOption", "Funding",
    "Language", "Location", "Metadata", "Organization", "OrganizationIdentifier", "Phone",
    "Program", "RequiredDocument", "SERVICE_STATUSES", "Schedule", "Service", "ServiceArea",
    "ServiceAtLocation", "ServiceCapacity", "Taxonomy", "TaxonomyTerm", "Unit", "new_id",
    "utcnow",
]
