"""A web process builds the offline geocoder's tables in the background, before any search."""
import time

from directory import create_app
from matcher import geo


def test_the_first_request_builds_the_geocoder_tables_without_a_search(database_url, tmp_path):
    import directory.search as search

    # Start from a process that has not built them (other tests may have).
    for cached in (geo._zip_table, geo._city_table, geo._states_of_city, geo._lookup):
        cached.cache_clear()
    search._warming.clear()
    app = create_app({"TESTING": True, "GEOCODER_WARM_UP": True, "SECRET_KEY": "test",
                      "DATABASE_URL": database_url,
                      "SEARCH_INDEX_PATH": str(tmp_path / "index")})
    client = app.test_client()
    assert client.get("/").status_code == 200     # a page load, no geocoding asked for
    deadline = time.monotonic() + 60
    while not geo._states_of_city.cache_info().currsize and time.monotonic() < deadline:
        time.sleep(0.05)
    assert geo._states_of_city.cache_info().currsize == 1
    assert geo._lookup.cache_info().currsize == 0  # nobody geocoded anything
    found = client.post("/match", json={"text": "food", "location": {"address": "san carlos"}})
    assert found.status_code == 200
    app.extensions["sqlalchemy_engine"].dispose()
