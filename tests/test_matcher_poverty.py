"""Income as a percentage of the HHS poverty guidelines."""
import pytest

from matcher.poverty import percent_of_fpl, poverty_guideline, years


@pytest.mark.parametrize("year, size, state, dollars", [
    (2025, 1, None, 15650), (2025, 4, None, 32150), (2025, 1, "AK", 19550),
    (2025, 2, "HI", 24315), (2024, 1, None, 15060), (2024, 3, "CA", 25820),
    (2024, 1, "ak", 18810), (2023, 1, None, 14580), (2023, 2, "HI", 22680),
])
def test_published_guidelines(year, size, state, dollars):
    assert poverty_guideline(size, year, state) == dollars


def test_percent_depends_on_household_size_and_year():
    assert percent_of_fpl(31300, 1, 2025) == pytest.approx(200.0)
    assert percent_of_fpl(31300, 3, 2025) == pytest.approx(117.45, abs=0.01)
    assert percent_of_fpl(31300, 1, 2023) > percent_of_fpl(31300, 1, 2025)


def test_years_available_and_bad_input_refused():
    assert years() == [2023, 2024, 2025]
    for args in ((10000, 1, 1999), (10000, 0, 2025), (-1, 1, 2025)):
        with pytest.raises(ValueError):
            percent_of_fpl(*args)
