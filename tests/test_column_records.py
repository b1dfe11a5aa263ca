"""The column files' compact records give back exactly the documents they were made from."""
import marshal
import threading

import pytest
from backend_contract import make_document

from matcher.columns import documents, records
from matcher.columns.builder import ColumnBuilder
from matcher.columns.store import ColumnSet

UUIDS = ["6e201645-0e3a-5ac3-bbd1-03505d03d824", "4015bf85-3667-5f33-838b-78de0141cafe",
         "3ac23d01-a280-5a89-8737-be53c9753dbb"]


def round_trip(docs):
    encoder = records.Encoder()
    encoded = [marshal.loads(marshal.dumps(encoder.encode(doc), 4)) for doc in docs]
    decoder = records.Decoder(*marshal.loads(marshal.dumps(tuple(encoder.tables()), 4)))
    return [decoder.decode(record, lambda column, doc=doc: columns_of(doc)[column])
            for record, doc in zip(encoded, docs)]


def columns_of(doc):
    """Return what the column files hold of a document (as ColumnSet._at reads them)."""
    out = {"ids": doc["id"], "service_ids": doc.get("service_id") or ""}
    for key, column in records.FLOAT_COLUMNS.items():
        out[column] = float(doc[key]) if isinstance(doc.get(key), (int, float)) else None
    return out


def projected(id, **overrides):
    """Return a document shaped like the projection's: UUIDs, text repeating the fields."""
    doc = make_document(id, service_id=UUIDS[0], location_id=UUIDS[1],
                        organization_id=UUIDS[2], taxonomy_term_ids=UUIDS[:2],
                        taxonomy_codes=["102", "102-03"], description="Hot lunches.",
                        hours=[{"day": 0, "opens": 540, "closes": 1020},
                               {"day": 1, "opens": 540, "closes": 1020}])
    doc["text"] = "\n".join([doc["name"], doc["description"], doc["organization_name"],
                             "Food", "Ages 60 and over."])
    doc["stems"] = "60 age food hot lunch" + "".join(f" w{i:03}" for i in range(0, 400, 3))
    doc.update(overrides)
    return doc


ODD = [
    {"id": "x"},                                           # few keys, none a UUID
    {"service_id": None, "id": "plain-id", "text": None},  # other key order, None values
    {"id": "ends-with-nul\0", "service_id": "s\0"},        # the id columns cannot hold these
    {"id": "A", "location_id": "6E201645-0E3A-5AC3-BBD1-03505D03D824"},   # not canonical
    {"id": "B", "organization_id": "{6e201645-0e3a-5ac3-bbd1-03505d03d824}"},
    {"id": "C", "service_at_location_id": "C", "name": "", "description": "",
     "organization_name": "", "text": "\n\n"},             # empty lines equal empty fields
    {"id": "D", "name": "n", "text": "n\nn\r\nx", "taxonomy_term_ids": ["a", 3, "b"]},
    {"id": "E", "hours": [{"day": 0, "opens": 540, "closes": 1020}, {"opens": 1, "day": 1,
                                                                     "closes": 2}]},
    {"id": "F", "hours": [{"day": 0, "opens": 540.0, "closes": 1020}], "address": None},
    {"id": "G", "hours": [{"day": True, "opens": 1, "closes": 2}], "address": {"city": 1}},
    {"id": "H", "hours": [{}], "address": {}, "taxonomy_term_ids": ()},
    {"id": "P", "hours": [{0: 540, "closes": 1020}, {0: 1, "closes": 2}]},   # a key not text
    {"id": "Q", 7: "seven", "name": "n", "text": "n"},                      # ... at the top
    {"id": "L", "stems": "b a"}, {"id": "M", "stems": "a a"}, {"id": "N", "stems": ""},
    {"id": "O", "stems": " a  b"},
    {"id": "J", "latitude": 37.5, "longitude": None, "min_age": 18, "max_age": float("inf"),
     "cost_min_amount": True, "capacity_available": -0.0},
    {"id": "K", "latitude": 37, "longitude": -122.5, "income_limit_fpl": 200.0},
    {"id": "I", "description": "x" * (records.MAX_WORD_CHARS + 1), "name": "é ☃",
     "text": "x" * (records.MAX_WORD_CHARS + 1) + "\né ☃"},
]


def test_projected_documents_come_back_equal_and_in_key_order():
    docs = [projected(f"d{i}", name=f"Service {i % 3}") for i in range(20)]
    for got, doc in zip(round_trip(docs), docs):
        assert got == doc and list(got) == list(doc)


@pytest.mark.parametrize("doc", ODD, ids=[doc["id"][:8] for doc in ODD])
def test_unusual_values_are_kept_as_they_are(doc):
    [got] = round_trip([projected("first"), doc])[1:]
    assert got == doc and list(got) == list(doc)
    assert [type(v) for v in got.values()] == [type(v) for v in doc.values()]


def test_a_full_vocabulary_keeps_new_strings_inline(monkeypatch):
    monkeypatch.setattr(records, "MAX_WORDS", 3)
    docs = [projected(f"d{i}", name=f"Service {i}", location_name=f"Site {i}")
            for i in range(6)]
    assert round_trip(docs) == docs


ZSTD_DICTIONARY_MAGIC = bytes.fromhex("37a430ec")


def saved_and_loaded(tmp_path, docs):
    builder = ColumnBuilder(tmp_path)
    for doc in docs:
        builder.add(doc)
    builder.finish().save(tmp_path)
    return ColumnSet.load(tmp_path)


def test_saved_column_files_decode_every_document(tmp_path):
    docs = [projected(f"d{i}", name=f"Service {i % 4}") for i in range(300)] + \
        [dict(doc, id=f"odd{i}", hours=None) for i, doc in enumerate(ODD)]
    columns = saved_and_loaded(tmp_path, docs)
    rows = columns.rows_of_ids([doc["id"] for doc in docs])
    assert sorted(columns.document(int(row))["id"] for row in rows) == \
        sorted(doc["id"] for doc in docs)
    for doc in docs:
        [row] = columns.rows_of_ids([doc["id"]])
        assert columns.document(int(row)) == doc


def test_documents_after_the_sample_are_compressed_with_a_trained_dictionary(
        tmp_path, monkeypatch):
    monkeypatch.setattr(documents, "SAMPLE_DOCS", 40)
    docs = [projected(f"d{i}", name=f"Service {i % 9}", description=f"Hot lunches, {i}.")
            for i in range(200)]
    columns = saved_and_loaded(tmp_path, docs)
    assert columns.zdict.startswith(ZSTD_DICTIONARY_MAGIC)
    stored = map(columns.document, range(columns.count))
    assert {doc["id"]: doc for doc in stored} == {doc["id"]: doc for doc in docs}
    # The dictionary holds what the records share: each takes a fraction of its size.
    raw = sum(len(marshal.dumps(records.Encoder().encode(doc), 4)) for doc in docs)
    assert len(columns.blob) < raw / 4


def test_threads_reading_documents_at_once_each_get_them_whole(tmp_path):
    # A web worker's threads share one ColumnSet; a zstd context serves one thread at a
    # time (shared, most threads here failed or read garbage).
    docs = [projected(f"d{i}", name=f"Service {i % 9}", description="Hot lunches. " * (i % 40))
            for i in range(600)]
    columns = saved_and_loaded(tmp_path, docs)
    expected, failures = {doc["id"]: doc for doc in docs}, []

    def read():
        try:
            for _ in range(10):
                failures.extend(doc["id"] for doc in columns.documents(range(columns.count))
                                if doc != expected[doc["id"]])
        except Exception as error:   # the failure this test is for, reported below
            failures.append(repr(error))

    threads = [threading.Thread(target=read) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []


def test_too_few_documents_to_train_on_still_come_back(tmp_path):
    docs = [{"id": "x"}]   # zstd cannot train a dictionary on one small record
    columns = saved_and_loaded(tmp_path, docs)
    assert columns.zdict and not columns.zdict.startswith(ZSTD_DICTIONARY_MAGIC)
    assert columns.document(0) == docs[0]
    assert saved_and_loaded(tmp_path / "empty", []).count == 0


def test_uuid_ids_take_16_bytes_and_are_found_as_text(tmp_path):
    ids = [f"{i:08x}-0e3a-5ac3-bbd1-03505d03d800" for i in range(40)]   # last byte NUL
    services = [f"6e201645-0e3a-5ac3-bbd1-{i // 4:012x}" for i in range(40)]
    columns = saved_and_loaded(tmp_path, [
        projected(doc_id, service_id=service, service_at_location_id=doc_id)
        for doc_id, service in zip(ids, services)])
    assert columns.ids.dtype.itemsize == columns.service_ids.dtype.itemsize == 16
    rows = columns.rows_of_ids([ids[5], ids[0], "not-a-uuid", ids[5].upper()])
    assert [columns.document(int(row))["id"] for row in rows] == [ids[5], ids[0]]
    assert [columns.id_at("ids", int(row)) for row in rows] == [ids[5], ids[0]]
    found = columns.rows_of_services([services[8], "6e201645-0e3a-5ac3-bbd1-ffffffffffff"])
    assert sorted(columns.document(int(row))["id"] for row in found) == ids[8:12]


def test_a_column_of_uuids_and_other_ids_is_kept_as_text(tmp_path, monkeypatch):
    from matcher.columns import builder as module
    monkeypatch.setattr(module._Ids, "CHUNK", 4)   # UUID chunks first, then a text one
    ids = [f"{i:08x}-0e3a-5ac3-bbd1-03505d03d800" for i in range(9)] + ["plain"]
    columns = saved_and_loaded(tmp_path, [projected(doc_id) for doc_id in ids])
    assert columns.ids.dtype.itemsize == 36
    rows = columns.rows_of_ids(ids)
    assert [columns.document(int(row))["id"] for row in rows] == ids


def test_stems_far_apart_in_the_vocabulary_come_back_too():
    many = " ".join(sorted(f"s{i:04}" for i in range(600)))
    docs = [projected("a", stems=many), projected("b", stems="s0000 s0599"),
            projected("c", stems="s0599")]
    assert round_trip(docs) == docs


def test_stems_beyond_two_byte_steps_come_back_too(monkeypatch):
    monkeypatch.setattr(records, "MAX_WORDS", 1 << 17)
    many = " ".join(sorted(f"s{i:05}" for i in range(70000)))
    docs = [projected("a", stems=many), projected("b", stems="s00000 s69999"),
            projected("c", stems="s00000 s00300")]
    assert round_trip(docs) == docs
