"""Reuse a generated benchmark corpus (store + documents) between runs of the same N and seed.

Generating a million services takes tens of minutes, and it depends only on N, the seed and
the code that generates and projects them. A stamp in the work folder records those; a run
whose stamp matches reuses the store and documents and only rebuilds (and times) the index.
"""
import hashlib
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Everything that decides a document's or a store row's content.
SOURCES = ("directory/demogen", "directory/search/projection.py", "directory/search/facts.py",
           "matcher/text.py", "matcher/vocabulary.py", "bench/corpus.py",
           "bench/hsds_view.py", "bench/store_rows.py")
STAMP = "corpus.json"


def code_digest():
    """Return a digest of every source file that shapes the generated corpus."""
    digest = hashlib.sha256()
    for source in SOURCES:
        path = ROOT / source
        for item in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(str(item.relative_to(ROOT)).encode() + b"\0" + item.read_bytes())
    return digest.hexdigest()


def key(args):
    """Return what a cached corpus must have been generated with."""
    return {"n": args.n, "seed": args.seed, "code": code_digest()}


def load(workdir, args):
    """Return the stats of a matching cached corpus in `workdir`, or None."""
    stamp = Path(workdir) / STAMP
    if not stamp.exists():
        return None
    saved = json.loads(stamp.read_text())
    if saved.get("key") != key(args) or not list(Path(workdir).glob("docs-*.marshal")):
        return None
    return saved["built"]


def save(workdir, args, built):
    """Record that `workdir` holds a complete corpus for these arguments."""
    stamp = {"key": key(args), "built": built}
    (Path(workdir) / STAMP).write_text(json.dumps(stamp, indent=2) + "\n")
