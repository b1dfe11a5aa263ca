"""After signing in, each role starts where its work is and every page links to it."""
from auth_helpers import make_org, make_user, sign_in


def test_partner_starts_at_their_listings_and_every_page_links_to_them(app, client):
    make_user(app, "partner", email="ana@example.org", organization_id=make_org(app))
    response = sign_in(client, "ana@example.org")
    assert response.headers["Location"] == "/partner/services"
    account = client.get("/account").get_data(as_text=True)
    assert 'href="/partner/services"' in account and 'href="/partner/changes"' in account
    assert 'href="/admin/changes"' not in account


def test_admin_starts_at_the_review_queue_and_sees_the_admin_pages(app, client):
    make_user(app, "admin", email="root@example.org")
    assert sign_in(client, "root@example.org").headers["Location"] == "/admin/changes"
    account = client.get("/account").get_data(as_text=True)
    for page in ("/admin/changes", "/admin/organizations", "/admin/accounts",
                 "/admin/freshness", "/admin/ingest"):
        assert f'href="{page}"' in account
    assert 'href="/partner/changes"' not in account


def test_therapist_starts_at_their_account_with_no_partner_or_admin_links(app, client):
    make_user(app, "therapist", email="pat@example.org")
    assert sign_in(client, "pat@example.org").headers["Location"] == "/account"
    account = client.get("/account").get_data(as_text=True)
    assert "/partner/" not in account and "/admin/" not in account
