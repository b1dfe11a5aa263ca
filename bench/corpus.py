"""Turn the demo directory into search documents and store rows, one shard per CPU.

Generating a million services is CPU-bound Python, so organisations are split across worker
processes by number. Each organisation's records come from its own seeded stream, so a shard
replays exactly what `directory.demogen.generator.generate` yields for those organisations
(tests/test_bench_smoke.py checks the union of shards equals `generate`).
"""
import marshal
import pickle
import random
from pathlib import Path

from directory.demogen.generator import build_service
from directory.demogen.organizations import plan_organization
from directory.search.projection import TermTree, project

from bench.hsds_view import organization_record, service_record
from bench.store_rows import RowBatch

FLUSH_ORGANIZATIONS = 200   # store rows are handed over in batches of this many organisations


def shard(size, seed, today, index, count):
    """Yield ("organization" | "service", dict) for organisations numbered index mod count."""
    produced, org_n = 0, 0
    while produced < size:
        rng = random.Random(f"demo/{seed}/{org_n}")
        plan = plan_organization(rng, seed, org_n)
        categories = plan.categories[:size - produced]
        if org_n % count == index:
            yield "organization", plan.organization
            for offset, category in enumerate(categories):
                yield "service", build_service(rng, plan, category, produced + offset, seed,
                                               today)
        produced += len(categories)
        org_n += 1


def project_shard(session, size, seed, today, index, count, workdir, with_rows=True):
    """Write one shard's documents (marshal) and store rows (pickle); return counts."""
    terms = TermTree(session)
    docs_path = Path(workdir) / f"docs-{index}.marshal"
    rows_path = Path(workdir) / f"rows-{index}.pickle"
    counts = {"services": 0, "documents": 0, "organizations": 0}
    batch = RowBatch()
    with open(docs_path, "wb") as docs, open(rows_path, "wb") as rows:
        for kind, data in shard(size, seed, today, index, count):
            if kind == "organization":
                if counts["organizations"] % FLUSH_ORGANIZATIONS == 0:
                    batch.dump(rows)
                organization, locations = organization_record(data)
                counts["organizations"] += 1
                if with_rows:
                    batch.add_organization(organization, locations)
                continue
            service = service_record(data, organization, locations)
            for doc in project(service, terms):
                _write_document(docs, doc)
                counts["documents"] += 1
            if with_rows:
                batch.add_service(service)
            counts["services"] += 1
        batch.dump(rows)
    return counts


# Each document is its marshal bytes after their length. marshal.load on a file reads it a
# type code and a string at a time (about 130 us a document, minutes of a timed 1M index
# build); reading the known length and decoding with marshal.loads costs a tenth of that.
LENGTH_BYTES = 4


def _write_document(stream, doc):
    data = marshal.dumps(doc, 4)
    stream.write(len(data).to_bytes(LENGTH_BYTES, "little") + data)


def iter_documents(workdir):
    """Yield every document the shards wrote, one at a time."""
    for path in sorted(Path(workdir).glob("docs-*.marshal")):
        with open(path, "rb", buffering=16 * 2**20) as stream:
            while header := stream.read(LENGTH_BYTES):
                yield marshal.loads(stream.read(int.from_bytes(header, "little")))


def iter_row_batches(workdir):
    """Yield {table name: [row dicts]} batches the shards wrote, in write order per shard."""
    for path in sorted(Path(workdir).glob("rows-*.pickle")):
        with open(path, "rb") as stream:
            while True:
                try:
                    yield pickle.load(stream)  # our own files, written just now by the shards
                except EOFError:
                    break
