"""Duplicate listings: normalised keys, merges within a feed and links across sources.

Two records are duplicates when they name the same organisation (and, for services, the same
service) at the same street address or the same phone number after normalisation
(`ingest.clean.dedupe_key`). Within one feed the second service is merged into the first
(it is not written); across sources both stay and a `duplicate_link` row ties them.
"""
from sqlalchemy import or_, select

from directory.store.models import Address, Organization
from ingest.clean import dedupe_key, normalize_org_name
from ingest.models import DuplicateLink, SourceRecord


def _first(items):
    return next((item for item in items or () if isinstance(item, dict)), None)


def _keys(prefix, name, address, phone):
    """Return (address_key, phone_key), each None when its part is unknown."""
    street, postal = address if address else (None, None)
    by_address = (prefix + dedupe_key(name, street, postal, None)) if (street or postal) else None
    by_phone = (prefix + dedupe_key(name, None, None, phone)) if phone else None
    return by_address, by_phone


def _address_of(location):
    address = _first((location or {}).get("addresses"))
    return (address.get("address_1"), address.get("postal_code")) if address else None


def organization_keys(data):
    """Return the duplicate keys of an organization dict."""
    phone = _first(data.get("phones")) or {}
    return _keys("org:", data.get("name"), _address_of(_first(data.get("locations"))),
                 phone.get("number"))


class ServiceKeys:
    """Duplicate keys of services, reading their organisations' names and sites per batch."""

    def __init__(self, session):
        self.session = session

    def prime(self, services):
        """Read the organisation names and site addresses a batch of service dicts needs."""
        org_ids = {data.get("organization_id") for data in services} - {None}
        self.names = dict(self.session.execute(
            select(Organization.id, Organization.name).where(Organization.id.in_(org_ids))).all())
        sites = {(_first(data.get("service_at_locations")) or {}).get("location_id")
                 for data in services} - {None}
        self.addresses = {row.location_id: (row.address_1, row.postal_code)
                          for row in self.session.execute(
                              select(Address.location_id, Address.address_1, Address.postal_code)
                              .where(Address.location_id.in_(sites)))}

    def keys(self, data):
        """Return the duplicate keys of one service dict."""
        site = _first(data.get("service_at_locations")) or {}
        address = _address_of(site.get("location")) or self.addresses.get(site.get("location_id"))
        phone = (_first(data.get("phones")) or {}).get("number")
        prefix = "svc:" + normalize_org_name(data.get("name")) + "@"
        return _keys(prefix, self.names.get(data.get("organization_id")), address, phone)


def find_matches(session, kind, keys):
    """Return SourceRecords of `kind` that share any of `keys`, oldest first."""
    keys = sorted({key for key in keys if key})
    if not keys:
        return []
    query = (select(SourceRecord)
             .where(SourceRecord.kind == kind,
                    or_(SourceRecord.address_key.in_(keys), SourceRecord.phone_key.in_(keys)))
             .order_by(SourceRecord.id))
    return list(session.scalars(query))


def link(session, run_id, kind, record_id, duplicate_of, reason):
    """Record that `record_id` duplicates `duplicate_of` once; return whether it was new."""
    if record_id == duplicate_of:
        return False
    exists = session.scalar(select(DuplicateLink.id).where(
        DuplicateLink.record_id == record_id, DuplicateLink.duplicate_of == duplicate_of))
    if exists is not None:
        return False
    session.add(DuplicateLink(run_id=run_id, kind=kind, record_id=record_id,
                              duplicate_of=duplicate_of, reason=reason))
    return True
