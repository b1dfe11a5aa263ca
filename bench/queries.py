"""The fixed query mix: POST /match bodies, the same for every run with the same seed.

Every query is one of 3 topics x 2 places x 2 filter sets, in equal shares:
- topic: selective text (a specific need in few words), broad text (common words matching a
  large share of the directory), or taxonomy needs given as Open Eligibility codes;
- place: a dense metro centre (many candidates within the radius) or a uniformly chosen US
  ZIP (usually sparse, so the radius is widened step by step);
- filters: none, or a realistic client (age, income, languages, access, cost, hours, ...).
"""
import random
from itertools import product

import zipcodes

SELECTIVE = ("eviction legal aid", "immigration lawyer consultation", "dental cleaning",
             "english classes for adults", "utility shutoff help", "domestic violence hotline",
             "job training program", "bus pass vouchers", "peer recovery support group")
BROAD = ("food", "help", "services for families", "health care", "free support",
         "community center", "counseling", "housing")
NEEDS = (("102",), ("101-02-03",), ("106-02",), ("103-01",), ("108-07-01",),
         ("105-01-01", "105-02-01"), ("109-03-03",), ("111-01",))
# City centres of the largest demo metros, where the directory is densest.
METRO_CENTRES = ((37.7749, -122.4194), (34.0522, -118.2437), (40.7128, -74.0060),
                 (41.8781, -87.6298), (29.7604, -95.3698), (33.4484, -112.0740))
TOPICS = ("selective_text", "broad_text", "needs")
PLACES = ("metro", "uniform")
FILTERS = ("none", "filtered")


def _zip_codes():
    """Return every active standard US ZIP with a centroid, sorted (shipped with `zipcodes`)."""
    return sorted(r["zip_code"] for r in zipcodes.list_all()
                  if r["zip_code_type"] == "STANDARD" and r["active"] and r["lat"])


def _topic(rng, topic):
    if topic == "selective_text":
        return {"text": rng.choice(SELECTIVE)}
    if topic == "broad_text":
        return {"text": rng.choice(BROAD)}
    return {"needs": list(rng.choice(NEEDS))}


def _place(rng, place, zips):
    if place == "metro":
        lat, lon = rng.choice(METRO_CENTRES)
        # A few km around the centre, so repeated queries do not hit one identical box.
        return {"location": {"latitude": round(lat + rng.uniform(-0.05, 0.05), 5),
                             "longitude": round(lon + rng.uniform(-0.05, 0.05), 5)}}
    return {"location": {"postal_code": rng.choice(zips)}}


def _client(rng):
    """Return the filters of a plausible client: some of each kind, never all."""
    body = {"age": rng.randint(18, 80), "household_size": rng.randint(1, 5),
            "annual_income": rng.choice((12000, 24000, 36000, 60000))}
    if rng.random() < 0.5:
        body["languages"] = [rng.choice(("es", "zh", "vi", "ko", "ru"))]
        body["interpreter_ok"] = rng.random() < 0.5
    if rng.random() < 0.3:
        body["accessibility"] = ["wheelchair"]
    if rng.random() < 0.4:
        body["cost"] = {"free_only": False, "sliding_scale_ok": True, "max_amount": 50}
    if rng.random() < 0.3:
        body["available"] = [{"day": rng.choice(("mon", "wed", "sat")),
                              "from": "09:00", "to": "17:00"}]
    if rng.random() < 0.2:
        body["preferences"] = [rng.choice(("peer_led", "lgbtq_affirming", "faith_based"))]
    if rng.random() < 0.3:
        body["insurance"] = rng.choice(("medicaid", "medicare", "none"))
    return body


def query_mix(count=240, seed=7):
    """Return [(class label, POST /match body)], classes in equal shares and fixed order."""
    rng, zips = random.Random(f"bench-queries/{seed}"), _zip_codes()
    classes = list(product(TOPICS, PLACES, FILTERS))
    mix = []
    for i in range(count):
        topic, place, filters = classes[i % len(classes)]
        body = {**_topic(rng, topic), **_place(rng, place, zips), "limit": 20}
        if filters == "filtered":
            body.update(_client(rng))
        mix.append((f"{topic}/{place}/{filters}", body))
    return mix
