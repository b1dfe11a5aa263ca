"""HHS federal poverty guidelines and a household's income as a percentage of them.

Figures ship in matcher/data/poverty_guidelines.json (one entry per year: the 48 contiguous
states and DC, Alaska, Hawaii). The caller chooses the year: programs switch to a new
year's guidelines on their own dates, so the matcher never guesses from the calendar.
"""
import functools
import json
from importlib import resources

SEPARATE_STATES = ("AK", "HI")


@functools.lru_cache(maxsize=None)
def _guidelines():
    text = resources.files("matcher").joinpath("data/poverty_guidelines.json").read_text()
    return {int(year): table for year, table in json.loads(text)["years"].items()}


def years():
    """Return the guideline years available, oldest first."""
    return sorted(_guidelines())


def poverty_guideline(household_size, year, state=None):
    """Return the annual poverty guideline in dollars for a household size, year and state."""
    table = _guidelines().get(int(year))
    if table is None:
        raise ValueError(f"no poverty guidelines for {year}; available: {years()}")
    size = int(household_size)
    if size < 1:
        raise ValueError("household size must be at least 1")
    region = (state or "").upper()
    figures = table[region] if region in SEPARATE_STATES else table["contiguous"]
    return figures["base"] + figures["per_person"] * (size - 1)


def percent_of_fpl(income, household_size, year, state=None):
    """Return annual household income as a percentage of the poverty guideline."""
    if income < 0:
        raise ValueError("income cannot be negative")
    return 100.0 * float(income) / poverty_guideline(household_size, year, state)
