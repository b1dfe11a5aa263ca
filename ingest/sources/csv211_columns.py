"""Column names of 211 resource exports (iCarol, ReferNET and hand-made variants), and
the mapping of one row's columns to HSDS location and service fields."""
import re

from . import mapping

# Canonical key -> header spellings seen in exports (compared lower-case, letters/digits only).
ALIASES = {
    "num": ("resourceagencynum", "agencynum", "resourcenum", "recordnumber", "resourceid", "id"),
    "name": ("publicname", "name", "resourcename", "agencyname", "programname"),
    "alternate_name": ("alternatename", "akanames", "aka"),
    "status": ("agencystatus", "status", "resourcestatus"),
    "parent": ("parentagencynum", "parentnum", "parentid", "parentresourcenum"),
    "level": ("taxonomylevelname", "level", "resourcelevel", "recordtype", "type"),
    "description": ("agencydescription", "description", "programdescription"),
    "hours": ("hours", "hoursofoperation", "hoursofservice"),
    "fees": ("feestructuresource", "fees", "feestructure", "fee"),
    "eligibility": ("eligibility", "eligibilityrequirements"),
    "languages": ("languagesoffered", "languages", "languagesspoken"),
    "accessibility": ("disabilitiesaccess", "accessibility", "handicapaccess", "ada"),
    "address_1": ("physicaladdress1", "physicaladdress", "address1", "streetaddress", "address"),
    "address_2": ("physicaladdress2", "address2"),
    "city": ("physicalcity", "city"),
    "state_province": ("physicalstateprovince", "physicalstate", "state", "stateprovince"),
    "postal_code": ("physicalpostalcode", "physicalzip", "postalcode", "zip", "zipcode"),
    "country": ("physicalcountry", "country"),
    "latitude": ("latitude", "lat"),
    "longitude": ("longitude", "lon", "lng", "long"),
    "phone": ("phone1number", "phonenumber", "phone", "mainphone", "phone1"),
    "phone_name": ("phone1name", "phone1description"),
    "phone_type": ("phone1type",),
    "phone2": ("phone2number", "phone2"),
    "phone2_name": ("phone2name", "phone2description"),
    "email": ("emailaddressmain", "email", "emailaddress", "mainemail"),
    "website": ("websiteaddress", "website", "url", "web"),
    "application_process": ("applicationprocess", "intakeprocedure", "howtoapply"),
    "documents": ("documentsrequired", "requireddocuments"),
    "coverage": ("coveragearea", "servicearea", "geographicareaserved"),
    "taxonomy_codes": ("taxonomycodes", "taxonomycode", "airscodes", "taxonomy"),
}
AIRS = "AIRS/211 Taxonomy"  # licensed: imported from the feed as its own terms, never shipped
LOOKUP = {alias: key for key, aliases in ALIASES.items() for alias in aliases}
LEVELS = {"agency": "agency", "site": "site", "program": "program", "service": "program",
          "programatsite": "program", "organization": "agency", "location": "site"}
INACTIVE = ("inactive", "defunct", "closed", "deleted")


def canonical_header(header):
    """Return canonical keys for an export's header (unknown columns keep their own name)."""
    return [LOOKUP.get(re.sub(r"[^a-z0-9]", "", cell.lower()), cell) for cell in header]


def level_of(row):
    """Return "agency", "site" or "program" for a row."""
    stated = re.sub(r"[^a-z]", "", (row.text("level") or "").lower())
    if stated in LEVELS:
        return LEVELS[stated]
    return "program" if row.text("parent") else "agency"


def location_of(row, num, notes, named=False):
    """Return a location for a row with an address or coordinates, else None."""
    data = {"id": num, "location_type": "physical",  # ids are per table: no clash with services
            "name": mapping.line(row.get("name")) if named else None,
            "latitude": mapping.number(row.get("latitude"), "Latitude", low=-90, high=90),
            "longitude": mapping.number(row.get("longitude"), "Longitude", low=-180, high=180)}
    try:
        address = mapping.address(row, notes, id=f"{num}/address") if row.text(
            "address_1") else None
    except mapping.RowError as error:
        notes.append(f"address of {num} dropped: {error.reason}")
        address = None
    if address is None and data["latitude"] is None:
        return None
    data["addresses"] = [address] if address else []
    owner = f"location:{num}"  # an agency's own site shares its number
    data["phones"] = _phones(row, owner, notes)
    data["accessibility"] = mapping.accessibility(row.get("accessibility"), notes, owner)
    data["languages"] = mapping.languages(row.get("languages"), notes, owner)
    return {key: value for key, value in data.items() if value is not None}


def _phones(row, owner, notes):
    phones = []
    for n, (key, name) in enumerate((("phone", "phone_name"), ("phone2", "phone2_name"))):
        if not row.text(key):
            continue
        try:
            phones.append(mapping.phone(row.get(key), notes, id=f"{owner}/phone/{n}",
                                        description=row.get(name)))
        except mapping.RowError as error:
            notes.append(f"phone dropped: {error.reason}")
    return phones


def _categories(row, num):
    codes = re.split(r"[;,|]", row.text("taxonomy_codes") or "")
    return [{"id": f"{num}/category/{code.strip()}",
             "taxonomy_term": {"id": code.strip(), "code": code.strip(), "name": code.strip(),
                               "taxonomy": AIRS}}
            for code in codes if code.strip()]


def service_fields(row, num, notes):
    """Return the HSDS service fields and children stated by a program row."""
    status = "inactive" if (row.text("status") or "").lower() in INACTIVE else "active"
    fees_description, cost_options = mapping.cost_options(row.get("fees"), notes, num)
    eligibility, attributes = mapping.eligibility(row.get("eligibility"), notes, num)
    documents = mapping.text(row.get("documents"), notes, "documents")
    coverage = mapping.line(row.get("coverage"), "coverage")
    data = {"name": mapping.required(row.get("name"), "PublicName"), "status": status,
            "alternate_name": mapping.line(row.get("alternate_name")),
            "description": mapping.text(row.get("description"), notes, "description"),
            "email": mapping.email(row.get("email"), notes), "url": mapping.url(row.get("website")),
            "application_process": mapping.text(row.get("application_process"), notes,
                                                "application_process"),
            "fees_description": fees_description, "cost_options": cost_options,
            **eligibility, "attributes": attributes + _categories(row, num),
            "languages": mapping.languages(row.get("languages"), notes, num),
            "schedules": mapping.schedules(row.get("hours"), notes, num),
            "phones": _phones(row, num, notes),
            "required_documents": [{"id": f"{num}/document", "document": documents}]
            if documents else [],
            "service_areas": [{"id": f"{num}/area", "name": coverage}] if coverage else []}
    return {key: value for key, value in data.items() if value is not None}
