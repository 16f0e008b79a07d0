"""Real app servers for tests and benchmarks: gunicorn processes started from this checkout."""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health/", timeout=2) as response:  # noqa: S310 (our own server)
            return response.status == 200
    except (OSError, urllib.error.URLError):
        return False


@contextmanager
def gunicorn(*, env: dict[str, str], workers: int = 2, args: tuple[str, ...] = (), timeout: float = 60):
    """Run `gunicorn cms.wsgi` on a free local port with `env` added to this process's environment; yield its base
    URL once /health/ answers 200, stop it afterwards. Its output goes to a log file, shown if it fails to start."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with tempfile.NamedTemporaryFile("w+", prefix="gunicorn-", suffix=".log") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "cms.wsgi",
                f"--bind=127.0.0.1:{port}",
                f"--workers={workers}",
                *args,
            ],
            cwd=BASE_DIR,
            env={**os.environ, **env},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + timeout
            while not _healthy(url):
                if process.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise RuntimeError(f"gunicorn did not start on {url}:\n{log.read()[-4000:]}")
                time.sleep(0.2)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
