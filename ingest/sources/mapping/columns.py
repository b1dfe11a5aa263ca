"""Copy the HSDS columns a table accepts from a feed row, checking each value's type."""
from directory.store import models, nested
from directory.store.values import convert

from .fields import RowError, email, line, text, url

MODELS = {model.__tablename__: model for model in (
    models.Organization, models.Service, models.Location, models.Address, models.Phone,
    models.Contact, models.Schedule, models.Language, models.Accessibility, models.Funding,
    models.ServiceArea, models.ServiceAtLocation, models.CostOption, models.RequiredDocument,
    models.OrganizationIdentifier, models.Program, models.Attribute, models.TaxonomyTerm,
)}
# Prose columns: cleaned as text (markup, notes, mojibake); the rest are one-line values.
PROSE = {"description", "alert", "application_process", "fees_description", "transportation",
         "eligibility_description", "interpretation_services", "accreditations", "licenses",
         "wait_time", "details", "notes", "amount_description"}


def copy_columns(table, row, notes, *, skip=()):
    """Return {column: cleaned value} for the row's columns that `table` accepts."""
    writable = nested.writable_columns(MODELS[table])
    data = {}
    for name, column in writable.items():
        if name in skip or name not in row:
            continue
        raw = row[name]
        if name in PROSE:
            value = text(raw, notes, name)
        elif name in ("website", "url", "uri", "logo"):
            value = url(raw, name)
        else:
            value = email(raw, notes, name) if name == "email" else line(raw, name)
        if value is None:
            continue
        try:
            convert(column, value)
        except ValueError as error:
            raise RowError(f"{table}.{name}: {error} ({value!r})") from None
        data[name] = value
    return data
