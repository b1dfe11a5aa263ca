"""What a child interpreter needs to import `matcher` as this process does."""
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]   # where `matcher` is importable from


def child_env():
    """Return this process's environment with `matcher` importable in a child interpreter."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env
