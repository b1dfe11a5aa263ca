"""Apply `ingest.clean` to feed values and build HSDS 3.0 child records from them.

Every helper appends human-readable cleaning notes to a list the caller passes and gives
child records ids derived from their owner's feed id, so the same feed maps the same way.
"""
from .fields import RowError, address, email, line, number, phone, required, text, url
from .prose import accessibility, cost_options, eligibility, languages, schedules

__all__ = ["RowError", "address", "email", "line", "number", "phone", "required", "text", "url",
           "accessibility", "cost_options", "eligibility", "languages", "schedules"]
