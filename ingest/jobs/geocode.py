"""Give coordinates to feed locations that have none; never touch ones that have them.

Geocoding goes through `matcher.geo.make_geocoder` (offline ZIP/city centroids unless a
Nominatim URL is configured). A location that already has latitude and longitude is never
sent to the geocoder, so an online service is never asked (or billed) twice for one site.
"""
from geopy.exc import GeopyError

from matcher.geo import make_geocoder


def geocoder_for(config):
    """Return the geocoder the app config names (offline by default)."""
    return make_geocoder(config.get("GEOCODER_URL"),
                         user_agent=config.get("GEOCODER_USER_AGENT", "community-directory"))


def _locations(kind, data):
    """Yield the location dicts a record carries (organisations own them; API services nest)."""
    if kind == "organization":
        yield from (loc for loc in data.get("locations") or () if isinstance(loc, dict))
        return
    for site in data.get("service_at_locations") or ():
        if isinstance(site, dict) and isinstance(site.get("location"), dict):
            yield site["location"]


def _query(location):
    """Return the text to geocode a location by: its ZIP code, else its city and state."""
    for address in location.get("addresses") or ():
        if not isinstance(address, dict):
            continue
        parts = [address.get("city"), address.get("state_province"), address.get("postal_code")]
        text = " ".join(str(part) for part in parts if part)
        if text:
            return text
    return None


def has_coordinates(location):
    """Tell whether a location already has both coordinates."""
    return location.get("latitude") is not None and location.get("longitude") is not None


def geocode_missing(kind, data, geocoder):
    """Fill in coordinates of the record's locations that lack them; return how many."""
    count = 0
    for location in _locations(kind, data):
        if has_coordinates(location):
            continue
        query = _query(location)
        if query is None:
            continue
        try:
            place = geocoder(query)
        except GeopyError:
            # An unreachable geocoder leaves the site without coordinates, not the row rejected.
            continue
        if place is not None:
            location["latitude"], location["longitude"] = place.latitude, place.longitude
            count += 1
    return count
