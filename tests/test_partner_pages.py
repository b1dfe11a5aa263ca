"""Partner pages: listings, the edit form (inline errors, no lost edits), confirm, my changes."""
from datetime import date
from html import unescape

import pytest

import partner_world
from partner_world import csrf_token, sign_in


@pytest.fixture
def world(app):
    return partner_world.build(app, trusted_a=True)


@pytest.fixture
def partner(client, world):
    sign_in(client, world.users["partner_a"])
    return client


def form_of(client, service_id, **changes):
    """Return the edit form's current values as a post body, with `changes` applied."""
    page = client.get(f"/partner/services/{service_id}/edit")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    data = {"csrf_token": csrf_token(client, f"/partner/services/{service_id}/edit"),
            "base_etag": _hidden(html, "base_etag"), "action": "save",
            "day": ["MO"], "opens": ["09:00"], "closes": ["17:00"],
            "fee_option": ["Sliding scale"], "fee_amount": ["20"], "languages": "en, es",
            "minimum_age": "12", "maximum_age": "64", "genders": ["any"], "income_limit": "200",
            "capacity_available": "", "capacity_maximum": "", "wait_time_days": ""}
    data["day"], data["opens"], data["closes"] = (["MO", "TU", "WE", "TH", "FR"], ["09:00"] * 5,
                                                  ["17:00"] * 5)
    data.update(changes)
    return data


def _hidden(html, name):
    marker = f'name="{name}" value="'
    start = html.index(marker) + len(marker)
    return unescape(html[start:html.index('"', start)])


def test_anonymous_visitors_are_sent_to_sign_in(client, world):
    response = client.get("/partner/services")
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]


def test_my_listings_show_only_my_organisation(partner, world):
    html = partner.get("/partner/services").get_data(as_text=True)
    assert "Counseling A" in html and "Counseling B" not in html
    assert partner.get(f"/partner/services/{world.service_b}/edit").status_code == 403


def test_an_untouched_form_changes_nothing(partner, world):
    before = partner.get(f"/services/{world.service_a}").get_json()
    response = partner.post(f"/partner/services/{world.service_a}/edit",
                            data=form_of(partner, world.service_a))
    assert response.status_code == 303
    assert partner.get(f"/services/{world.service_a}").get_json() == before


def test_editing_hours_and_wait_time_publishes_for_a_trusted_partner(partner, world):
    data = form_of(partner, world.service_a, day=["SA"], opens=["10:00"], closes=["13:30"],
                   wait_time_days="5", capacity_available="3", capacity_maximum="8",
                   languages="en, es, vi")
    response = partner.post(f"/partner/services/{world.service_a}/edit", data=data)
    assert response.status_code == 303
    service = partner.get(f"/services/{world.service_a}").get_json()
    assert [(s["byday"], s["opens_at"], s["closes_at"]) for s in service["schedules"]] == [
        ("SA", "10:00", "13:30")]
    assert service["wait_time_days"] == 5
    assert service["wait_time_updated"][:10] == date.today().isoformat()
    assert service["capacities"][0]["available"] == 3
    assert sorted(lang["code"] for lang in service["languages"]) == ["en", "es", "vi"]


def test_bad_values_show_inline_errors_and_save_nothing(partner, world):
    before = partner.get(f"/services/{world.service_a}").get_json()
    data = form_of(partner, world.service_a, opens=["9am"] + ["09:00"] * 4, minimum_age="old")
    response = partner.post(f"/partner/services/{world.service_a}/edit", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'class="error-summary"' in html and 'href="#opens-0"' in html
    assert 'aria-describedby="opens-0-error"' in html and 'aria-invalid="true"' in html
    assert 'href="#minimum_age"' in html
    assert partner.get(f"/services/{world.service_a}").get_json() == before


def test_a_stale_form_is_refused_rather_than_overwriting(partner, world):
    data = form_of(partner, world.service_a, base_etag='"old"', minimum_age="14")
    response = partner.post(f"/partner/services/{world.service_a}/edit", data=data)
    assert response.status_code == 409
    assert "changed this listing while you were editing" in response.get_data(as_text=True)


def test_add_row_shows_another_empty_period_without_saving(partner, world):
    data = form_of(partner, world.service_a, action="add_hours")
    html = partner.post(f"/partner/services/{world.service_a}/edit",
                        data=data).get_data(as_text=True)
    assert 'id="opens-6"' in html  # five weekday rows plus two empty ones


def test_confirm_button_sets_assured_date(partner, world):
    token = csrf_token(partner, "/partner/services")
    response = partner.post(f"/partner/services/{world.service_a}/confirm",
                            data={"csrf_token": token})
    assert response.status_code == 303
    assert partner.get(f"/services/{world.service_a}").get_json()["assured_date"] == \
        date.today().isoformat()


def test_a_reviewed_partner_sees_the_change_pending(app, client):
    world = partner_world.build(app)
    sign_in(client, world.users["partner_a"])
    data = form_of(client, world.service_a, minimum_age="16")
    client.post(f"/partner/services/{world.service_a}/edit", data=data)
    assert client.get(f"/services/{world.service_a}").get_json()["minimum_age"] == 12
    html = client.get("/partner/changes").get_data(as_text=True)
    assert "Pending" in html and "minimum_age" in html
