"""Partner and admin pages load their stylesheet in <head>, where browsers expect it."""
import pytest

import partner_world
from partner_world import sign_in

LINK = '<link rel="stylesheet" href="/static/partner.css">'


@pytest.mark.parametrize("who, path", [
    ("partner_a", "/partner/services"), ("partner_a", "/partner/changes"),
    ("admin", "/admin/changes"), ("admin", "/admin/organizations"), ("admin", "/admin/accounts"),
    ("admin", "/admin/freshness"), ("admin", "/admin/ingest"),
])
def test_the_page_stylesheet_is_linked_in_head_once(app, client, who, path):
    world = partner_world.build(app)
    sign_in(client, world.users[who])
    html = client.get(path).get_data(as_text=True)
    head, _sep, body = html.partition("</head>")
    assert head.count(LINK) == 1 and LINK not in body
    assert head.index("site.css") < head.index("partner.css")  # page rules override site rules


def test_the_edit_form_links_it_in_head_too(app, client):
    world = partner_world.build(app)
    sign_in(client, world.users["partner_a"])
    html = client.get(f"/partner/services/{world.service_a}/edit").get_data(as_text=True)
    head, _sep, body = html.partition("</head>")
    assert LINK in head and LINK not in body
