"""Query-parameter schemas: an allow-list per endpoint; anything else is a 400 naming it."""
from datetime import timezone

from flask import current_app, request
from marshmallow import (
    RAISE, Schema, ValidationError, fields, validate, validates, validates_schema,
)

from directory.errors import DomainError
from directory.store.models import SERVICE_STATUSES

ZIP = r"^[0-9]{5}(-[0-9]{4})?$"


def Flag():
    """A boolean that accepts only true/false/1/0, so typos such as `full=yes` are rejected."""
    return fields.Boolean(load_default=False, truthy={"true", "1"}, falsy={"false", "0"})


def Id():
    """An id filter: must be a UUID, answered as the canonical lowercase string."""
    return fields.UUID()


class PageParams(Schema):
    class Meta:
        unknown = RAISE

    page = fields.Integer(load_default=1, validate=validate.Range(min=1))
    per_page = fields.Integer(load_default=None)
    search = fields.String(load_default=None, validate=validate.Length(max=500))
    format = fields.String(load_default="json", validate=validate.OneOf(("json", "ndjson")))

    @validates("per_page")
    def _per_page_in_range(self, per_page, **_kwargs):
        largest = current_app.config["PER_PAGE_MAX"]
        if per_page is not None and not 1 <= per_page <= largest:
            raise ValidationError(f"Must be between 1 and {largest}.")


class TaxonomyParams(PageParams):
    pass


class TaxonomyTermParams(PageParams):
    taxonomy_id = Id()
    parent_id = Id()
    top_only = Flag()


class OrganizationListParams(PageParams):
    full = Flag()
    full_service = Flag()


class OrganizationParams(Schema):
    class Meta:
        unknown = RAISE

    full_service = Flag()


class ServiceParams(PageParams):
    taxonomy_term_id = Id()
    taxonomy_id = Id()
    organization_id = Id()
    modified_after = fields.AwareDateTime(default_timezone=timezone.utc)
    minimal = Flag()
    full = Flag()
    status = fields.String(validate=validate.OneOf(SERVICE_STATUSES))

    @validates_schema
    def _one_shape(self, data, **_kwargs):
        if data.get("minimal") and data.get("full"):
            raise ValidationError("Ask for either minimal or full, not both.", "minimal")


class ServiceAtLocationParams(ServiceParams):
    # US ZIP or ZIP+4: the centroids and county lookups come from the `zipcodes` data.
    postcode = fields.String(validate=validate.Regexp(ZIP, error="Not a US ZIP code."))
    proximity = fields.Float(validate=validate.Range(min=0, max=500_000, min_inclusive=False))

    @validates_schema
    def _proximity_needs_postcode(self, data, **_kwargs):
        if data.get("proximity") is not None and not data.get("postcode"):
            raise ValidationError("proximity needs a postcode to measure from.", "proximity")


def parse(schema_class):
    """Load request.args with `schema_class`, turning errors into a 400 naming each parameter."""
    args = request.args.to_dict(flat=True)
    try:
        params = schema_class().load(args)
    except ValidationError as exc:
        raise DomainError("Invalid query parameters.", exc.normalized_messages(), 400) from exc
    for key, raw in list(params.items()):
        if key.endswith("_id") and raw is not None:
            params[key] = str(raw)
    if "per_page" in params and params["per_page"] is None:
        params["per_page"] = _default_per_page(params)
    return params


def _default_per_page(params):
    # HSDS: with `minimal`, "aim to return all services within one call".
    config = current_app.config
    return config["PER_PAGE_MAX"] if params.get("minimal") else config["PER_PAGE_DEFAULT"]
