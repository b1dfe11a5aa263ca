"""JSON responses read the same as Flask's own encoder wrote them, whatever they hold."""
import dataclasses
import datetime
import decimal
import json
import uuid

import pytest
from flask.json.provider import DefaultJSONProvider

from directory.api.match import MATCH_REQUEST, run_match
from directory.demo import load_demo
from directory.search.backend import search_backend
from directory.search.sync import drain


@dataclasses.dataclass
class Opening:
    day: str
    opens: str


VALUES = {
    "name": "Clínica «Esperanza» 日本語 \u2028 </script>",
    "confirmed": datetime.date(2026, 11, 18),
    "updated": datetime.datetime(2026, 11, 18, 9, 30, tzinfo=datetime.timezone.utc),
    "fee": decimal.Decimal("12.50"),
    "id": uuid.UUID("8b5f6f0e-2a51-4c4e-9d6f-0f1e2d3c4b5a"),
    "opening": Opening("mon", "09:00"),
    "nested": {"b": [1, 2.5, None, True], "a": {"z": 1, "y": (2, 3)}},
    "by_size": {10: "ten", 2: "two"},
}


def served(app, value):
    """Return the raw body the app sends for a view returning `value`."""
    app.add_url_rule("/test-json", "test_json", lambda: value)
    return app.test_client().get("/test-json")


def flask_would_send(app, value):
    return json.loads(DefaultJSONProvider(app).dumps(value))


def strict(body):
    def refuse(constant):
        raise ValueError(f"not JSON: {constant}")
    return json.loads(body, parse_constant=refuse)


def test_a_response_holds_the_same_document_flask_writes(app):
    response = served(app, VALUES)
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert strict(response.data) == flask_would_send(app, VALUES)
    # Dates stay HTTP dates, as clients of this API have always read them.
    assert strict(response.data)["confirmed"] == "Wed, 18 Nov 2026 00:00:00 GMT"


def test_keys_are_sorted_and_the_body_ends_with_a_newline(app):
    body = served(app, {"b": 1, "a": {"d": 2, "c": 3}}).data
    assert body == b'{"a":{"c":3,"d":2},"b":1}\n'


def test_debug_responses_are_indented(app):
    app.debug = True
    assert served(app, {"a": [1]}).data == b'{\n  "a": [\n    1\n  ]\n}\n'


def test_numbers_beyond_64_bits_are_still_sent(app):
    value = {"big": 2 ** 70, "small": -(2 ** 70)}
    response = served(app, value)
    assert response.status_code == 200 and strict(response.data) == value


def test_not_a_number_is_sent_as_null_which_every_json_parser_reads(app):
    value = {"distance_km": float("nan"), "score": float("inf"), "ok": 1.5}
    assert strict(served(app, value).data) == {"distance_km": None, "score": None, "ok": 1.5}


def test_what_no_encoder_knows_is_still_a_server_error(app):
    app.config["PROPAGATE_EXCEPTIONS"] = True
    with pytest.raises(TypeError):
        served(app, {"thing": object()})


def test_match_results_read_the_same_as_before(app, client, session):
    """A real /match response, compared with Flask's encoding of the same body."""
    load_demo(session, 40, 3)
    drain(session, search_backend(app))
    request = {"text": "help", "limit": 10}
    response = client.post("/match", json=request)
    assert response.status_code == 200
    with app.test_request_context():
        expected = flask_would_send(app, run_match(MATCH_REQUEST.load(request)))
    assert strict(response.data) == expected and expected["results"]
