"""A throwaway PostgreSQL 15 cluster for the test session, on loopback, with one database per test.

Each pytest-xdist worker starts its own cluster: no cross-process coordination to get wrong,
and database names only have to be unique within one process.
"""
import atexit
import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile

from sqlalchemy import text

from directory.store import migrate
from directory.store.db import make_engine

REQUIRED = ("initdb", "pg_ctl", "postgres")
TEMPLATE = "template_directory"
# Durability is worthless for a cluster deleted at the end of the run; speed is not.
SERVER_OPTIONS = (
    "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
    "-c shared_buffers=16MB -c max_connections=100"
)


class BinariesNotFound(RuntimeError):
    """No directory holds initdb, pg_ctl and postgres."""


def candidate_bindirs():
    """List directories that may hold the server binaries, most specific first."""
    found = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        result = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True)
        found.append(result.stdout.strip())
    # Debian/Ubuntu keep server binaries out of PATH; prefer 15, then newest first.
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version_key, reverse=True)
    found += sorted(versions, key=lambda path: "/15/" not in path)
    found += [os.path.dirname(path) for path in map(shutil.which, REQUIRED) if path]
    return list(dict.fromkeys(path for path in found if path))


def _version_key(path):
    digits = path.split("/")[-2]
    return int(digits) if digits.isdigit() else 0


def find_bindir():
    """Return the first directory holding every server binary, or raise BinariesNotFound."""
    searched = candidate_bindirs()
    for bindir in searched:
        if all(os.access(os.path.join(bindir, name), os.X_OK) for name in REQUIRED):
            return bindir
    raise BinariesNotFound(
        "PostgreSQL 15 binaries not found: looked for initdb, pg_ctl and postgres via "
        f"pg_config --bindir, /usr/lib/postgresql/*/bin and PATH (searched {searched or 'none'}); "
        "install postgresql-15 (apt-get install postgresql-15)"
    )


def free_port():
    """Return a loopback TCP port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PgCluster:
    """One initdb'd, running cluster in a temporary directory, removed by stop()."""

    def __init__(self, bindir):
        self.bindir = bindir
        self.root = tempfile.mkdtemp(prefix="directory-pg-")
        self.data = os.path.join(self.root, "data")
        self.port = None
        self._names = itertools.count(1)
        self._admin_engine = None
        # initdb and postgres refuse to run as root: hand the directory to the postgres user.
        self._as_user = []
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")
            os.chown(self.root, user.pw_uid, user.pw_gid)
            self._as_user = ["runuser", "-u", "postgres", "--"]

    def _run(self, name, *args):
        """Run one server binary as the cluster owner; raise with its output on failure."""
        command = self._as_user + [os.path.join(self.bindir, name), *args]
        result = subprocess.run(command, cwd=self.root, capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"{name} failed ({result.returncode}): {result.stderr or result.stdout}")
        return result

    def start(self):
        """Create the cluster, start it on a free loopback port and build the template."""
        self._run("initdb", "-D", self.data, "-A", "trust", "-U", "postgres",
                  "-E", "UTF8", "--no-locale", "--no-sync")
        self._listen()
        # The session fixture stops the cluster; this covers runs that end without teardown.
        atexit.register(self.stop)
        self._create_template()
        return self

    def _listen(self, attempts=3):
        """Start the server on a free port, trying again if another process took it first."""
        for attempt in range(attempts):
            self.port = free_port()
            options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} {SERVER_OPTIONS}"
            try:
                self._run("pg_ctl", "-D", self.data, "-l", os.path.join(self.root, "server.log"),
                          "-o", options, "-w", "-t", "60", "start")
                return
            except RuntimeError:
                if attempt == attempts - 1:
                    raise RuntimeError("PostgreSQL did not start:\n" + self.log()) from None

    def log(self):
        """Return the server log (for error messages)."""
        try:
            with open(os.path.join(self.root, "server.log"), encoding="utf-8") as log:
                return log.read()
        except OSError:
            return ""

    def url(self, database):
        """Return the SQLAlchemy URL of `database` on this cluster."""
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def _admin(self, *statements):
        """Run statements outside a transaction (CREATE/DROP DATABASE need that)."""
        if self._admin_engine is None:
            self._admin_engine = make_engine(self.url("postgres"))
        with self._admin_engine.connect() as connection:
            connection.execution_options(isolation_level="AUTOCOMMIT")
            for statement in statements:
                connection.execute(text(statement))

    def _create_template(self):
        """Create the template database and migrate it to head once per session."""
        self._admin(f"CREATE DATABASE {TEMPLATE}")
        engine = make_engine(self.url(TEMPLATE))
        try:
            migrate.upgrade(engine)
        finally:
            # CREATE DATABASE ... TEMPLATE refuses while anyone is connected to the template.
            engine.dispose()

    def fresh_database(self):
        """Create an empty-but-migrated database copied from the template; return its URL."""
        name = f"test_{next(self._names)}"
        self._admin(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
        return self.url(name)

    def drop_database(self, url):
        """Drop the database behind `url`, disconnecting whoever is still connected."""
        name = url.rsplit("/", 1)[1]
        self._admin(
            f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'",
            f"DROP DATABASE IF EXISTS {name} WITH (FORCE)",
        )

    def stop(self):
        """Stop the server without waiting for clients and remove every file of the cluster."""
        if self._admin_engine is not None:
            self._admin_engine.dispose()
        if os.path.exists(os.path.join(self.data, "postmaster.pid")):
            self._run("pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)
