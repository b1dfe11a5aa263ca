"""Copy the HSDS columns a table accepts from a feed row, checking each value's type."""
from functools import cache

from directory.store import models, nested
from directory.store.values import column_kind, convert

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


@cache  # per table and skipped columns: the columns to copy, how each is cleaned, and
def _plan(table, skip):  # whether it needs a check
    plan = []
    for name, column in nested.writable_columns(MODELS[table]).items():
        if name in skip:
            continue
        if name in PROSE:
            how = "prose"
        elif name in ("website", "url", "uri", "logo"):
            how = "url"
        else:
            how = "email" if name == "email" else "line"
        # Cleaned values are str: a text column takes any, other types are converted to
        # check them (and reject the row early, with the value, instead of in the store).
        plan.append((name, column, how, column_kind(column) != "text"))
    return tuple(plan)


def copy_columns(table, row, notes, *, skip=frozenset()):
    """Return {column: cleaned value} for the row's columns that `table` accepts."""
    if type(skip) is not frozenset:
        skip = frozenset(skip)
    data = {}
    get = row.get
    for name, column, how, check in _plan(table, skip):
        raw = get(name)
        # An absent column, and an empty cell, clean to None whatever the column (most cells
        # are empty); None itself would clean to None too.
        if raw is None or raw == "":
            continue
        if how == "line":
            value = line(raw, name)
        elif how == "prose":
            value = text(raw, notes, name)
        elif how == "url":
            value = url(raw, name)
        else:
            value = email(raw, notes, name)
        if value is None:
            continue
        if check:
            try:
                convert(column, value)
            except ValueError as error:
                raise RowError(f"{table}.{name}: {error} ({value!r})") from None
        data[name] = value
    return data
