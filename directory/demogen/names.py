"""Words the demo directory is made of: streets, organisation names, languages, contacts."""
import re

STREETS = (
    "Main", "Oak", "Maple", "Cedar", "Pine", "Elm", "Washington", "Lincoln", "Jefferson",
    "Madison", "Franklin", "Park", "Lake", "Hill", "Church", "Mission", "Market", "Broadway",
    "Central", "Grand", "Union", "Spring", "Chestnut", "Walnut", "Willow", "Sunset",
    "Highland", "El Camino Real", "Cesar Chavez", "Martin Luther King Jr", "Roosevelt",
    "Garfield", "Hamilton", "Jackson", "Monroe", "Harrison", "Adams", "Kennedy", "Valley",
    "River", "Sierra", "Mesa", "Alameda", "Bayshore", "Industrial", "College", "School",
)
SUFFIXES = ("St", "Ave", "Blvd", "Rd", "Way", "Dr", "Ln", "Pl", "Ct", "Pkwy")
UNITS = ("Suite 100", "Suite 210", "Unit B", "2nd Floor", "Room 14", "Building C")

SAINTS = ("Vincent de Paul", "Anthony", "Francis", "Mary", "Joseph", "Martin", "Luke",
          "Paul", "Elizabeth", "Brigid", "Patrick", "Jude")
SURNAMES = ("Alvarez", "Chen", "Nguyen", "Johnson", "Okafor", "Kowalski", "Washington",
            "Ramirez", "Kim", "Patel", "Goldberg", "Santos", "Begay", "Hughes", "Moreno",
            "Tran", "Reyes", "Lopez", "Ivanova", "Haddad")
FIRST_NAMES = ("Maria", "James", "Linh", "Aisha", "Carlos", "Mei", "Robert", "Fatima",
               "Daniel", "Grace", "Jose", "Nadia", "Kevin", "Rosa", "Samuel", "Hana")
VIRTUES = ("Hope", "Harvest", "Bridge", "Pathways", "New Beginnings", "Compass", "Haven",
           "Open Door", "Lighthouse", "Common Ground", "Second Chance", "Good Neighbor")

# ISO 639 code -> English name. Two-letter codes where one exists, else ISO 639-2/3.
LANGUAGE_NAMES = {
    "en": "English", "es": "Spanish", "zh": "Chinese", "vi": "Vietnamese", "tl": "Tagalog",
    "ko": "Korean", "ru": "Russian", "ar": "Arabic", "fa": "Persian", "hy": "Armenian",
    "pl": "Polish", "ur": "Urdu", "ht": "Haitian Creole", "bn": "Bengali", "nv": "Navajo",
    "am": "Amharic", "hmn": "Hmong",
}

# Organisation name patterns per organisation type; {city}, {metro} and the lists above fill in.
ORG_PATTERNS = {
    "food_bank": ("{city} Community Food Bank", "{virtue} Food Pantry of {city}",
                  "Second Harvest of {metro}", "{city} Hunger Relief Network"),
    "shelter": ("{virtue} Shelter and Housing Services", "{city} Rescue Mission",
                "{metro} Housing Coalition", "{city} Family Shelter Network"),
    "legal": ("{metro} Legal Aid Society", "{city} Tenant Law Center",
              "{surname} Immigrant Legal Resource Center", "Community Justice Project of {city}"),
    "health": ("{city} Community Health Center", "{virtue} Family Clinic",
               "{metro} Neighborhood Health Partners", "{surname} Medical and Dental Clinic"),
    "family": ("{city} Family Service Agency", "{virtue} Counseling and Family Center",
               "{surname} Center for Children and Families", "{metro} Youth and Family Services"),
    "community": ("{city} Community Center", "{virtue} Neighborhood House",
                  "{city} Multicultural Resource Center", "{surname} Community Partnership"),
    "faith": ("St. {saint} Parish Outreach", "{city} Interfaith Council",
              "First Baptist Church of {city} Outreach", "{city} Catholic Charities Office"),
    "recovery": ("{virtue} Recovery Services", "{city} Behavioral Health Collaborative",
                 "{metro} Recovery Community Center", "{surname} House Treatment Programs"),
}


def slug(text):
    """Return a lower-case, dash-separated form of text for URLs and emails."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40].strip("-")


def street_address(rng):
    """Return a plausible street address line."""
    return f"{rng.randint(10, 9899)} {rng.choice(STREETS)} {rng.choice(SUFFIXES)}"


def org_name(rng, org_type, city, metro):
    """Return an organisation name for its type, city and metro."""
    pattern = rng.choice(ORG_PATTERNS[org_type])
    return pattern.format(city=city, metro=metro, virtue=rng.choice(VIRTUES),
                          surname=rng.choice(SURNAMES), saint=rng.choice(SAINTS))


def phone_number(rng, record):
    """Return a phone number in the ZIP's area code, in the 555-01xx range kept for fiction."""
    area = (record.get("area_codes") or ["555"])[0]
    return f"({area}) 555-01{rng.randint(0, 99):02d}"


def contact_name(rng):
    """Return a staff contact's name."""
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"

ORG_DESCRIPTIONS = {
    "food_bank": "A nonprofit fighting hunger in {metro} by distributing groceries and meals "
                 "through its own pantries and partner agencies.",
    "shelter": "Provides emergency shelter, housing navigation and help staying housed for "
               "people experiencing homelessness in {metro}.",
    "legal": "Free civil legal services for low-income residents of {metro}: housing, "
             "immigration, public benefits and family safety.",
    "health": "A federally qualified health center offering medical, dental and behavioral "
              "health care to everyone in {metro}, regardless of ability to pay.",
    "family": "Counseling, crisis support and youth programs for children, parents and "
              "families across {metro}.",
    "community": "A neighborhood multi-service center in {city} offering classes, benefits "
                 "help, food and youth programs under one roof.",
    "faith": "The social outreach ministry of a {city} congregation, serving neighbors of "
             "every faith and none.",
    "recovery": "Treatment and peer recovery support for people affected by substance use and "
                "mental illness in {metro}.",
}
