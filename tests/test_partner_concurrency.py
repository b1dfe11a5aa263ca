"""Two editors holding the same ETag at the same moment: exactly one write wins, the other 412.

Each writer is a thread with its own test client (so its own app context and session) on the
real database file (SQLite) or server (PostgreSQL). A listener on the engine holds every
writer's first write statement for a moment, so without the lock both would pass the If-Match
check before either wrote: the race is made certain instead of left to timing.
"""
import threading
import time

import pytest
from sqlalchemy import event

import partner_world
from partner_world import bearer, etag_of

HOLD_SECONDS = 0.4


@pytest.fixture
def world(app):
    world = partner_world.build(app, trusted_a=True)
    client = app.test_client()
    for who in ("partner_a", "admin"):
        # Token use is stamped once a minute: let that write happen before the race.
        assert client.get("/me", headers=bearer(world.tokens[who])).status_code == 200
    return world


@pytest.fixture
def slow_first_write(app):
    """Delay each writer thread's first INSERT/UPDATE/DELETE, widening the race window."""
    engine = app.extensions["sqlalchemy_engine"]
    writers = set()

    def hold(_conn, _cursor, statement, *_args):
        if threading.current_thread().name.startswith("writer") and \
                statement.lstrip().split(" ", 1)[0].upper() in ("INSERT", "UPDATE", "DELETE") \
                and threading.current_thread().name not in writers:
            writers.add(threading.current_thread().name)
            time.sleep(HOLD_SECONDS)

    event.listen(engine, "before_cursor_execute", hold)
    yield writers
    event.remove(engine, "before_cursor_execute", hold)


def race(app, requests):
    """Send each (method, path, kwargs) from its own thread at the same moment; return statuses."""
    barrier = threading.Barrier(len(requests))
    answers = [None] * len(requests)

    def send(index, method, path, kwargs):
        client = app.test_client()
        barrier.wait()
        answers[index] = getattr(client, method)(path, **kwargs)

    threads = [threading.Thread(target=send, args=(i, *request), name=f"writer-{i}")
               for i, request in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return answers


def test_two_editors_with_the_same_etag_one_wins_one_gets_412(app, client, world,
                                                              slow_first_write):
    path = f"/services/{world.service_a}"
    etag = etag_of(client, world.service_a)
    answers = race(app, [
        ("patch", path, {"json": {"name": f"Edited by {who}"},
                         "headers": bearer(world.tokens[who], **{"If-Match": etag})})
        for who in ("partner_a", "admin")])
    statuses = sorted(answer.status_code for answer in answers)
    assert statuses == [200, 412], [answer.get_json() for answer in answers]
    winner = next(answer for answer in answers if answer.status_code == 200)
    assert client.get(path).get_json()["name"] == winner.get_json()["name"]
    assert slow_first_write  # the held write really happened inside the race


def test_two_admins_approving_the_same_change_apply_it_once(app, client, world,
                                                            slow_first_write):
    etag = etag_of(client, world.service_b)
    held = client.patch(f"/services/{world.service_b}", json={"name": "Renamed B"},
                        headers=bearer(world.tokens["partner_b"], **{"If-Match": etag}))
    assert held.status_code == 202
    path = f"/change_requests/{held.get_json()['id']}/approve"
    answers = race(app, [("post", path, {"headers": bearer(world.tokens["admin"])})] * 2)
    assert sorted(answer.status_code for answer in answers) == [200, 409]
    rows = partner_world.audit_rows(app, field_name="name", updated_by="partner_b@example.org")
    assert len(rows) == 1
