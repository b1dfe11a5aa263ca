"""The flat search document: one per service-at-location, the only thing backends index.

The directory's projection builds these from the store; the matcher and every search backend
read only these fields. None always means "the data does not say" (unknown), which is
different from an empty list or ANY.
"""
from typing import TypedDict


class ServiceArea(TypedDict, total=False):
    postal_codes: list[str]          # 5-digit ZIP codes
    counties: list[str]              # "San Mateo County, CA"
    geometries: list[dict]           # GeoJSON Polygon / MultiPolygon geometries (lon, lat)


class WeeklyPeriod(TypedDict):
    day: int                         # 0 = Monday ... 6 = Sunday, local to `timezone`
    opens: int                       # minutes after local midnight
    closes: int                      # minutes after local midnight; < opens means overnight


class Document(TypedDict, total=False):
    id: str                          # service_at_location id, or service id if no site
    service_id: str
    service_at_location_id: str | None
    location_id: str | None
    organization_id: str
    organization_name: str
    name: str
    description: str
    text: str                        # everything worth full-text search, concatenated
    stems: str                       # text.joined_stems(doc): set by the projection only
    status: str                      # HSDS status; only "active" is ever matched
    taxonomy_term_ids: list[str]     # the service's terms and all their ancestors
    taxonomy_codes: list[str]        # codes of the same terms
    latitude: float | None
    longitude: float | None
    location_name: str | None
    address: dict | None             # {address_1, city, state_province, postal_code}
    min_age: float | None
    max_age: float | None
    genders: list[str] | None        # values from vocabulary.GENDERS or ["any"]
    income_limit_fpl: float | None   # % FPL; None unknown
    income_any: bool                 # stated: no income limit
    veteran_status: str | None       # "required", "any" or None
    insurance: list[str] | None
    residency_open: bool             # stated: no residency requirement
    service_areas: list[ServiceArea] | None
    languages: list[str] | None      # ISO 639 codes spoken without an interpreter
    interpretation: bool             # interpretation services stated
    accessibility: list[str] | None  # vocabulary.ACCESSIBILITY codes at the site
    cost_free: bool | None           # a free option exists
    cost_sliding: bool | None        # a sliding-scale option exists
    cost_min_amount: float | None    # cheapest stated amount (0 if free)
    timezone: str | None             # IANA zone of the schedules
    hours: list[WeeklyPeriod] | None
    modalities: list[str] | None
    preferences: list[str]
    wait_time_days: int | None
    capacity_available: float | None
    assured_date: str | None         # ISO date a person last confirmed the listing
    last_modified: str | None        # ISO datetime anything last changed
    contact: dict | None             # {phone, email, url}: shown with a result, never matched
