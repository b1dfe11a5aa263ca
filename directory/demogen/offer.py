"""What a service offers beyond eligibility: cost, languages, access, capacity and freshness."""
from datetime import datetime, time, timedelta, timezone

from .ids import demo_id
from matcher.vocabulary import ACCESSIBILITY

from .names import LANGUAGE_NAMES

FREE = {"option": "Free", "amount": 0, "currency": "USD", "amount_description": "No cost"}
SLIDING = {"option": "Sliding scale based on income", "amount": 10, "currency": "USD",
           "amount_description": "$10 to $60 per visit depending on household income"}
COST_PLANS = {
    "free": (((FREE,), 85), ((), 15)),
    "low": (((FREE,), 45), (({"option": "Materials fee", "amount": 15, "currency": "USD",
                              "amount_description": "per term, waived on request"},), 25),
            (({"option": "Suggested donation", "amount": 3, "currency": "USD",
               "amount_description": "per meal; nobody is turned away"},), 15), ((), 15)),
    "clinical": (((SLIDING,), 35), ((SLIDING, {"option": "Standard fee", "amount": 120,
                                                "currency": "USD",
                                                "amount_description": "per visit without "
                                                "insurance"}), 20),
                 (({"option": "Per session", "amount": 45, "currency": "USD",
                    "amount_description": "per 50-minute session"},), 15),
                 ((FREE,), 15), ((), 15)),
}
ACCESS_DETAILS = {
    "wheelchair": "Step-free entrance with a ramp at the side door.",
    "asl": "ASL interpreters available with 48 hours notice.",
    "braille": "Signage and intake forms available in Braille.",
    "hearing_loop": "Hearing loop at the front desk and in the group room.",
    "accessible_restroom": "Accessible restroom on the ground floor.",
    "accessible_parking": "Two accessible parking spaces beside the entrance.",
    "elevator": "Elevator to all floors.",
    "large_print": "Large-print materials on request.",
}
UNITS = {"bed": ("Bed", "Beds available tonight"),
         "appointment": ("Appointment", "Open appointment slots in the next two weeks"),
         "seat": ("Seat", "Open places in the next session")}
INTERPRETATION = (
    "Telephone interpretation in over 200 languages through a language line; ask at the desk.",
    "Bilingual staff on site; other languages by video interpreter.",
    "ASL and spoken-language interpreters can be booked with two days notice.",
)


def cost_options(rng, plan, make_id):
    """Return the cost option dicts of a plan (empty when costs are not stated)."""
    options = rng.choices(*zip(*COST_PLANS[plan]))[0]
    return [dict(option, id=make_id(i)) for i, option in enumerate(options)]


def languages(rng, metro, make_id):
    """Return language dicts: English plus 0-3 languages weighted by the metro's population."""
    codes, weights = zip(*metro.languages)
    extra = {rng.choices(codes, weights=weights)[0] for _ in range(rng.choice((0, 1, 1, 2, 3)))}
    chosen = ["en"] + sorted(extra)
    return [{"id": make_id(i), "name": LANGUAGE_NAMES[code], "code": code,
             "note": None if code == "en" else "Spoken by bilingual staff"}
            for i, code in enumerate(chosen)]


def interpretation(rng):
    """Return interpretation services prose for some services, else None."""
    return rng.choice(INTERPRETATION) if rng.random() < 0.3 else None


def accessibility(rng, make_id):
    """Return a location's accessibility dicts: 0-4 codes with details (none for some)."""
    if rng.random() < 0.2:
        return []
    codes = rng.sample(ACCESSIBILITY, rng.randint(1, 4))
    return [{"id": make_id(i), "description": code, "details": ACCESS_DETAILS[code]}
            for i, code in enumerate(sorted(codes))]


def stated_at(rng, today, max_days):
    """Return an ISO UTC timestamp a random number of days (up to max_days) before today."""
    moment = datetime.combine(today, time(12), timezone.utc) - timedelta(
        days=rng.randint(0, max_days), minutes=rng.randint(0, 600))
    return moment.isoformat().replace("+00:00", "Z")


def capacities(rng, kind, today, make_id):
    """Return service_capacity dicts (beds, appointments, seats) with when they were stated."""
    if kind is None or rng.random() < 0.25:
        return []
    name, description = UNITS[kind]
    maximum = {"bed": rng.randint(20, 120), "appointment": rng.randint(10, 60),
               "seat": rng.randint(12, 40)}[kind]
    return [{"id": make_id(0), "available": rng.randint(0, maximum), "maximum": maximum,
             "description": description, "updated": stated_at(rng, today, 30),
             "unit": {"id": demo_id("demo", "unit", kind), "name": name}}]


def wait_time(rng, category, today):
    """Return (wait_time_days, wait_time_updated, prose) or Nones when not stated."""
    if not category.wait or rng.random() < 0.3:
        return None, None, None
    days = rng.choice((0, 0, 1, 3, 7, 10, 14, 21, 30, 45))
    prose = "Usually seen the same day." if days == 0 else f"About {days} days for a first visit."
    return days, stated_at(rng, today, 60), prose


def assured(rng, today):
    """Return the date a person last confirmed the listing (ISO), or None for never."""
    if rng.random() < 0.15:
        return None
    return (today - timedelta(days=rng.randint(0, 540))).isoformat()


def status(rng):
    """Return the service status: mostly active, a few inactive or temporarily closed."""
    return rng.choices(("active", "inactive", "temporarily closed"), weights=(94, 3, 3))[0]
