"""Turn a validated match request into a matcher ClientProfile (nothing about it is stored)."""
import dataclasses

from flask import current_app
from geopy.exc import GeopyError

from directory import taxonomy
from directory.errors import DomainError, InvalidInput
from matcher.geo import make_geocoder
from matcher.profile import ClientProfile, Cost, locate
from matcher.vocabulary import MODALITIES

# Request keys that map one-to-one onto ClientProfile fields.
SAME = ("text", "max_distance_km", "age", "gender", "household_size", "annual_income",
        "insurance", "veteran", "interpreter_ok", "accessibility", "preferences", "limit", "page")


def build_profile(session, request, geocoder_url=None, user_agent="community-directory"):
    """Return the ClientProfile for a request loaded by MatchRequestSchema."""
    values = {key: request[key] for key in SAME if request.get(key) is not None}
    values["needs"] = resolve_needs(session, request.get("needs") or [])
    values["modalities"] = frozenset(request.get("modality") or MODALITIES)
    values["languages"] = tuple(code.lower() for code in request.get("languages") or ())
    values["cost"] = Cost(**(request.get("cost") or {}))
    values["windows"] = tuple((w["day"], w["from"], w["to"]) for w in request.get("available") or ())
    place = request.get("location") or {}
    if "latitude" in place:
        values.update(latitude=place["latitude"], longitude=place["longitude"])
    try:
        profile = ClientProfile(**values)
    except ValueError as error:
        raise InvalidInput("The request has invalid fields.", errors={"_schema": [str(error)]})
    if place.get("postal_code"):
        # The client's own ZIP decides ZIP-based catchments, whatever the centroid lies in.
        profile = dataclasses.replace(profile, postal_code=place["postal_code"][:5])
    where = place.get("postal_code") or place.get("address")
    if where:
        profile = _locate(profile, where, make_geocoder(geocoder_url, user_agent=user_agent))
    return profile


def resolve_needs(session, needs):
    """Return taxonomy term ids for needs given as ids or codes; unknown ones are a 422."""
    ids, unknown = [], []
    # The match path only reads, so terms it finds may be remembered for the process: most
    # requests name terms seen before and resolve without a query.
    known = current_app.extensions.setdefault("known_taxonomy_terms", set())
    for need, term_id in zip(needs, taxonomy.resolve_terms(session, needs, known)):
        (ids if term_id else unknown).append(term_id or need)
    if unknown:
        raise InvalidInput("Some needs are not known taxonomy terms.",
                           errors={"needs": [f"unknown taxonomy term: {n}" for n in unknown]})
    return tuple(dict.fromkeys(ids))


def _locate(profile, where, geocode):
    try:
        return locate(profile, where, geocode)
    except ValueError:
        raise InvalidInput("The location could not be found.",
                           errors={"location": [f"no place found for {where!r}"]})
    except GeopyError:
        raise DomainError("The geocoding service is unavailable; try coordinates.",
                          status=503, code="geocoder_unavailable")
