"""The structured vocabulary matching relies on: profile taxonomy terms and their values.

A service states eligibility, preferences and modality as HSDS `attribute` rows on the terms
below (taxonomy "Community Directory Profile"). The directory builds the taxonomy from this
module; the projection turns attributes into flat-document fields; the matcher reads those.
A criterion with no attribute at all is *unknown*, never an implicit yes.
"""

PROFILE_TAXONOMY_NAME = "Community Directory Profile"
PROFILE_TAXONOMY_DESCRIPTION = (
    "Structured eligibility, preference and modality terms used for matching clients to "
    "services. Each term is attached to a service as an HSDS attribute with a value."
)

ANY = "any"  # value meaning "stated: no restriction on this criterion"

GENDERS = ("female", "male", "nonbinary", "transgender")
INSURANCE = ("medicaid", "medicare", "private", "none")
MODALITIES = ("in_person", "virtual", "phone")
PREFERENCES = (
    "faith_based",
    "peer_led",
    "lgbtq_affirming",
    "culturally_specific",
    "telehealth",
)
ACCESSIBILITY = ("wheelchair", "asl", "braille", "hearing_loop", "accessible_restroom",
                 "accessible_parking", "elevator", "large_print")

# term code -> (name, description, link_type, allowed values or None for free numbers)
TERMS = {
    "gender": (
        "Gender served",
        "Genders the service serves; one attribute per gender, or value 'any'.",
        "eligibility",
        GENDERS + (ANY,),
    ),
    "income_limit_fpl": (
        "Income limit (% of federal poverty guideline)",
        "Highest household income served, as a percentage of the federal poverty guideline "
        "for the household size; value 'any' when there is no income limit.",
        "eligibility",
        None,
    ),
    "veteran_status": (
        "Veteran status",
        "Value 'required' when only veterans are served, 'any' when veterans and "
        "non-veterans are served.",
        "eligibility",
        ("required", ANY),
    ),
    "insurance_accepted": (
        "Insurance accepted",
        "Payment sources accepted; one attribute per value ('none' = uninsured clients "
        "accepted).",
        "eligibility",
        INSURANCE,
    ),
    "residency_required": (
        "Residency required",
        "Value 'no' when anyone may use the service regardless of where they live. With "
        "service areas stated, clients must live inside one of them.",
        "eligibility",
        ("no", "yes"),
    ),
    "modality": (
        "How the service is delivered",
        "One attribute per way of attending: in_person, virtual, phone.",
        "modality",
        MODALITIES,
    ),
    "preference": (
        "Service characteristic",
        "Characteristics clients may prefer: " + ", ".join(PREFERENCES) + ".",
        "characteristic",
        PREFERENCES,
    ),
}

# Free-text accessibility descriptions (as partners and feeds write them) -> codes.
ACCESSIBILITY_SYNONYMS = {
    "wheelchair": ("wheelchair", "ramp", "step-free", "step free", "accessible entrance"),
    "asl": ("asl", "sign language"),
    "braille": ("braille",),
    "hearing_loop": ("hearing loop", "induction loop", "assistive listening"),
    "accessible_restroom": ("restroom", "accessible toilet", "accessible bathroom"),
    "accessible_parking": ("disabled_parking", "disabled parking", "accessible parking",
                           "handicap parking"),
    "elevator": ("elevator", "lift"),
    "large_print": ("large print", "large_print"),
}


def accessibility_codes(text):
    """Return the accessibility codes a free-text description mentions."""
    lowered = (text or "").lower()
    return {code for code, words in ACCESSIBILITY_SYNONYMS.items()
            if code == lowered or any(word in lowered for word in words)}
