"""Add structure that a record's own prose states when the feed gave none."""
from .prose import cost_options, eligibility


def structure_service(data, notes):
    """Parse fees and eligibility prose when the feed has no cost options or ages."""
    owner = f"service:{data['id']}"  # distinct from a location's children of the same id
    if data.get("fees_description") and not data.get("cost_options"):
        _, data["cost_options"] = cost_options(data["fees_description"], notes, owner)
    if data.get("eligibility_description") and not _has_ages(data):
        fields, attributes = eligibility(data["eligibility_description"], notes, owner)
        data.update(fields)
        data["attributes"] = data.get("attributes", []) + attributes


def _has_ages(data):
    return data.get("minimum_age") is not None or data.get("maximum_age") is not None
