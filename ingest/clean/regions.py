"""US states, territories and countries, with the spellings feeds use for them."""

STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia",
    "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa",
    "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland",
    "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi",
    "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma",
    "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina",
    "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont",
    "VA": "Virginia", "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin",
    "WY": "Wyoming", "DC": "District of Columbia",
    "AS": "American Samoa", "GU": "Guam", "MP": "Northern Mariana Islands",
    "PR": "Puerto Rico", "VI": "U.S. Virgin Islands", "UM": "U.S. Minor Outlying Islands",
    "AA": "Armed Forces Americas", "AE": "Armed Forces Europe", "AP": "Armed Forces Pacific",
    # Compact of Free Association states still have USPS codes and ZIP codes.
    "FM": "Federated States of Micronesia", "MH": "Marshall Islands", "PW": "Palau",
}

# Traditional (AP / GPO) abbreviations and other common spellings, written without dots:
# lookups drop dots and collapse spaces first, so "N.Y." and "W. Va." arrive as "ny", "w va".
ALIASES = {
    "ala": "AL", "alas": "AK", "ariz": "AZ", "ark": "AR", "cal": "CA", "cali": "CA",
    "calif": "CA", "colo": "CO", "col": "CO", "conn": "CT", "del": "DE",
    "washington dc": "DC", "washington d c": "DC", "d c": "DC", "dist of columbia": "DC",
    "fla": "FL", "flor": "FL", "ga": "GA", "hawaiʻi": "HI", "ida": "ID", "ill": "IL",
    "ills": "IL", "ind": "IN", "kan": "KS", "kans": "KS", "ky": "KY", "ken": "KY",
    "la": "LA", "me": "ME", "md": "MD", "mass": "MA", "mich": "MI", "minn": "MN",
    "miss": "MS", "mo": "MO", "mont": "MT", "neb": "NE", "nebr": "NE", "nev": "NV",
    "n h": "NH", "n j": "NJ", "n m": "NM", "n mex": "NM", "n y": "NY", "n c": "NC",
    "n car": "NC", "n d": "ND", "n dak": "ND", "okla": "OK", "ore": "OR", "oreg": "OR",
    "pa": "PA", "penn": "PA", "penna": "PA", "r i": "RI", "s c": "SC", "s car": "SC",
    "s d": "SD", "s dak": "SD", "tenn": "TN", "tex": "TX", "vt": "VT", "va": "VA",
    "wash": "WA", "w va": "WV", "w virginia": "WV", "wis": "WI", "wisc": "WI",
    "wyo": "WY", "p r": "PR", "virgin islands": "VI", "us virgin islands": "VI",
    "u s virgin islands": "VI", "usvi": "VI", "v i": "VI", "cnmi": "MP",
    "american samoa": "AS", "samoa": "AS", "micronesia": "FM",
}


def state_lookup():
    """Return the lookup table: lower-case key (no dots) -> two-letter code."""
    table = {code.lower(): code for code in STATES}
    table.update({name.lower().replace(".", ""): code for code, name in STATES.items()})
    table.update(ALIASES)
    return table


COUNTRY_CODES = frozenset("""
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ
BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM
DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS
GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN
KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ
MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM
PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV
SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI
VN VU WF WS YE YT ZA ZM ZW
""".split())

# Keys are lower case without dots (see address._key): "U.S.A." arrives as "u s a".
COUNTRY_NAMES = {
    "usa": "US", "u s a": "US", "u s": "US", "us of a": "US", "united states": "US",
    "united states of america": "US", "america": "US", "the united states": "US",
    "canada": "CA", "can": "CA", "mexico": "MX", "méxico": "MX", "mex": "MX",
    "puerto rico": "PR", "pri": "PR", "guam": "GU", "gum": "GU",
    "american samoa": "AS", "asm": "AS", "us virgin islands": "VI", "vir": "VI",
    "northern mariana islands": "MP", "mnp": "MP",
    "united kingdom": "GB", "uk": "GB", "great britain": "GB", "gbr": "GB",
    "philippines": "PH", "phl": "PH", "china": "CN", "chn": "CN", "vietnam": "VN",
    "viet nam": "VN", "vnm": "VN", "el salvador": "SV", "slv": "SV", "guatemala": "GT",
    "gtm": "GT", "honduras": "HN", "hnd": "HN", "india": "IN", "ind": "IN",
}
