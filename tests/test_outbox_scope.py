"""Saving one service queues only that service, however many others share its terms."""
from sqlalchemy import delete, select

from directory.search.models import SearchOutbox
from factories import ACTOR, location_data, make_organization, make_service, service_data
from directory.store.writes import save_service


def test_new_service_does_not_requeue_services_sharing_its_terms(session):
    org = make_organization(session)
    first = make_service(session, organization_id=org.id, key="first")
    session.execute(delete(SearchOutbox))
    session.commit()

    # Same organization, same taxonomy terms and eligibility attributes, another site.
    elsewhere = location_data(key="elsewhere", organization_id=org.id)
    data = service_data(org.id, key="second", location=elsewhere)
    second = save_service(session, data, actor=ACTOR).record
    session.commit()

    queued = set(session.scalars(select(SearchOutbox.service_id)))
    assert queued == {second.id}
    assert first.id not in queued
