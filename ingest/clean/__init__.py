"""Pure cleaning functions every feed format uses before mapping rows to HSDS.

No Flask, no database. Two kinds of function:

* Scalar normalisers return the cleaned value (None for blank input) and raise
  `CleanError` (with a short `reason`) when the value cannot be read:
  normalize_state, normalize_postal_code, normalize_country, normalize_phone.
* Parsers of prose return a frozen result that always keeps the original text and
  whatever could not be parsed (`unparsed`, `unknown`, `other`, `problems`):
  clean_text_detail, split_city_state_zip, parse_languages, parse_hours, parse_fees,
  parse_eligibility.

Every function raises only CleanError, and only for input that is not a value at all:
reason "not_text" (not a str; numbers are accepted where spreadsheets produce them) or
"too_long" (over MAX_FIELD_CHARS, or MAX_TEXT_CHARS for free text).
"""

from .address import normalize_country, normalize_postal_code, normalize_state
from .eligibility import Eligibility, parse_eligibility
from .errors import MAX_FIELD_CHARS, MAX_TEXT_CHARS, CleanError
from .fees import CostOption, Fees, parse_fees
from .hours import Hours, parse_hours
from .ids import dedupe_key, normalize_org_name, normalize_street
from .language import Language, LanguageList, parse_languages
from .locality import Locality, split_city_state_zip
from .phone import Phone, normalize_phone
from .text import CleanedText, clean_line, clean_text, clean_text_detail, is_blank

__all__ = [
    "CleanError", "MAX_FIELD_CHARS", "MAX_TEXT_CHARS",
    "clean_text", "clean_text_detail", "clean_line", "is_blank", "CleanedText",
    "normalize_state", "normalize_postal_code", "normalize_country",
    "split_city_state_zip", "Locality", "normalize_phone", "Phone",
    "parse_languages", "Language", "LanguageList", "parse_hours", "Hours",
    "parse_fees", "Fees", "CostOption", "parse_eligibility", "Eligibility",
    "dedupe_key", "normalize_org_name", "normalize_street",
]
