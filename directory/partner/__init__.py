"""Partner self-service and review: the partner API, partner pages and admin pages.

Trust: a partner's organisation is *reviewed* until an admin marks it trusted on the admin
organisations page. Reviewed organisations' edits become change requests (API answers 202);
trusted organisations' edits, and admins' own, publish at once. Either way the store writes
the audit trail (HSDS metadata rows) and the search outbox picks the change up.
"""


def init_app(app):
    """Register the partner API, partner pages and admin pages; add ETags to service reads."""
    from directory.auth import csrf_exempt

    from . import admin_accounts, admin_pages, api, etag, pages  # noqa: F401

    csrf_exempt(api.bp)  # bearer tokens only: a cookie never authenticates this API
    app.register_blueprint(api.bp)
    app.register_blueprint(pages.bp)
    app.register_blueprint(admin_pages.bp)
    app.after_request(etag.add_read_etag)
