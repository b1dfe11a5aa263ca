"""Serve the directory app for the benchmark, and manage that server process.

`python -m bench.server --database-url URL --index PATH --port P` runs the real app factory
with production settings (no debug, no reloader) on 127.0.0.1: behind waitress (threads in
one process), or with `--workers N` behind gunicorn (N processes of `--threads` threads each,
how a multi-core deployment serves; every worker maps the same index files; no keep-alive,
see _gunicorn).
"""
import argparse
import http.client
import os
import socket
import subprocess
import sys
import time

READY_TIMEOUT_SECONDS = 60.0


def free_port():
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(database_url, index_path, port, threads=8, workers=1):
    """Start the server process and wait until it answers; return the Popen."""
    command = [sys.executable, "-m", "bench.server", "--database-url", database_url,
               "--index", str(index_path), "--port", str(port), "--threads", str(threads),
               "--workers", str(workers)]
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    process = subprocess.Popen(command, cwd=root, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + READY_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the benchmark server exited with status {process.returncode}")
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        try:
            connection.request("GET", "/")
            connection.getresponse().read()
            return process
        except (OSError, http.client.HTTPException):
            # gunicorn's master listens before its workers answer: a reset, try again.
            time.sleep(0.2)
        finally:
            connection.close()
    stop(process)
    raise RuntimeError("the benchmark server did not answer within a minute")


def stop(process):
    """Stop the server process started by `start` (this process only)."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main(argv=None):
    """Parse arguments and serve until terminated."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--index", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args(argv)
    from directory import create_app

    def make_app():
        # The outbox is empty and nothing writes during the run: no sync thread needed.
        return create_app({"DATABASE_URL": args.database_url, "SEARCH_INDEX_PATH": args.index,
                           "SEARCH_SYNC_THREAD": False})

    if args.workers > 1:
        _gunicorn(make_app, args)
        return
    import waitress
    waitress.serve(make_app(), host="127.0.0.1", port=args.port, threads=args.threads,
                   connection_limit=256, _quiet=True)


def _gunicorn(make_app, args):
    """Serve with gunicorn's threaded workers; each worker builds its own app after the fork."""
    from gunicorn.app.base import BaseApplication

    class Server(BaseApplication):
        def load_config(self):
            # A worker takes a connection only while one of its threads is free, and closes
            # it after the response, so the listening socket's queue hands each request to a
            # process with room for it. With keep-alive, the load's few connections were
            # split as they happened to be accepted (8/0, 7/1, 6/2 were seen): one process
            # queued behind its GIL while the other idled, and runs differed by half.
            # gunicorn warns that it then keeps no connection alive, the point here: hence
            # loglevel "error".
            settings = {"bind": f"127.0.0.1:{args.port}", "workers": args.workers,
                        "threads": args.threads, "worker_connections": args.threads,
                        "worker_class": "gthread", "loglevel": "error", "accesslog": None}
            for key, value in settings.items():
                self.cfg.set(key, value)

        def load(self):
            return make_app()

    Server().run()


if __name__ == "__main__":
    main()
