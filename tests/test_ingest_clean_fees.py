"""Fee prose becomes HSDS cost options; payment-method sentences are kept aside."""

import pytest

from ingest.clean import CostOption, parse_fees


def options(text):
    return [(o.option, o.amount) for o in parse_fees(text).options]


@pytest.mark.parametrize("raw, expected", [
    ("Free", [("Free", 0.0)]),
    ("No fee", [("Free", 0.0)]),
    ("No charge.", [("Free", 0.0)]),
    ("None.", [("Free", 0.0)]),
    ("There is no cost to clients", [("Free", 0.0)]),
    ("$0", [("Free", 0.0)]),
    ("Sliding scale based on income", [("Sliding scale", None)]),
    ("Fees based on ability to pay", [("Sliding scale", None)]),
    ("Income-based fees", [("Sliding scale", None)]),
    ("$25 per visit", [("Fee", 25.0)]),
    ("$1,200 per month", [("Fee", 1200.0)]),
    ("$2.50 suggested donation", [("Suggested donation", 2.5)]),
    ("Medi-Cal accepted; $10 copay", [("Copay", 10.0)]),
    ("Free for seniors; $5 for others", [("Free", 0.0), ("Fee", 5.0)]),
    ("$50 for working parents, $15 for unemployed people", [("Fee", 50.0), ("Fee", 15.0)]),
    ("Vary according to income ($5-$90).", [("Sliding scale", None)]),
    ("$10 to $40 depending on class", [("Fee", None)]),
    ("Classes have fees.", [("Fee", None)]),
])
def test_parse_fees(raw, expected):
    assert options(raw) == expected


def test_option_keeps_its_words_and_currency():
    option = parse_fees("$25 per visit").options[0]
    assert option == CostOption("Fee", 25.0, "USD", "$25 per visit")


@pytest.mark.parametrize("raw, other", [
    ("Medi-Cal accepted; $10 copay", ("Medi-Cal accepted",)),
    ("$60 application fee. Cash or checks accepted.", ("Cash or checks accepted",)),
    ("None. Donations requested of clients who can afford it.",
     ("Donations requested of clients who can afford it",)),
    ("Call for details", ("Call for details",)),
])
def test_sentences_without_a_price_are_kept(raw, other):
    fees = parse_fees(raw)
    assert fees.other == other
    assert fees.original == raw


def test_ohana_fee_with_donation_and_mandatory_charge():
    text = ("Suggested donation of $4.25 per meal for seniors 60 or over. Mandatory charge "
            "of $2 per meal for disabled individuals ages 18-59.")
    assert options(text) == [("Suggested donation", 4.25), ("Fee", 2.0)]


@pytest.mark.parametrize("raw", [None, "", "  "])
def test_blank_fees(raw):
    fees = parse_fees(raw)
    assert (fees.options, fees.other) == ((), ())
