"""A throwaway PostgreSQL database, a gunicorn server on loopback and the background task
worker next to it, all always cleaned up."""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
DB_NAME = os.environ.get("BENCH_DB", "certpath_bench")


def server_env() -> dict[str, str]:
    """Production settings on the benchmark database, plain HTTP on loopback."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DATABASE_URL=f"{PG_URL}/{DB_NAME}",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(60),
        DJANGO_ALLOWED_HOSTS=f"{HOST},localhost",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_SECURE_COOKIES="false",
        DJANGO_LOG_LEVEL="WARNING",
        # As behind a load balancer: each simulated client is its own X-Forwarded-For address.
        CERTPATH_TRUSTED_PROXIES="1",
        PYTHONWARNINGS="ignore:No directory at:UserWarning",
    )
    return env


def tasks_waiting() -> int:
    """Tasks queued or running in the benchmark database (django-tasks' database backend)."""
    import psycopg

    with psycopg.connect(f"{PG_URL}/{DB_NAME}", autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status IN ('READY', 'RUNNING')"
        ).fetchone()
    return row[0]


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_URL}/postgres", autocommit=True) as conn:
        conn.execute(sql)


@contextmanager
def bench_database(env: dict[str, str], *, assessments: int):
    """Create, migrate and seed the database; yields the ids of the seeded assessments."""
    _admin(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
    _admin(f'CREATE DATABASE "{DB_NAME}"')
    try:
        for command in ("migrate --noinput", "createcachetable", "load_reference_data"):
            _run([sys.executable, "manage.py", *command.split()], env)
        seeded = _run([sys.executable, "-m", "bench.seed", str(assessments)], env)
        yield json.loads(seeded.strip().splitlines()[-1])
    finally:
        _admin(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')


def _run(command: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(  # noqa: S603 - our own interpreter and arguments
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    if done.returncode:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr[-2000:]}")
    return done.stdout


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class Server:
    base: str
    pid: int
    access_log: Path

    def log_mark(self) -> int:
        return self.access_log.stat().st_size

    def requests_since(self, mark: int) -> list[tuple[str, str, float]]:
        """(method, path, seconds spent in the worker) of each request logged after `mark`."""
        with self.access_log.open() as log:
            log.seek(mark)
            rows = [line.split() for line in log]
        return [
            (row[0], row[1], int(row[2]) / 1e6)
            for row in rows
            if len(row) == 3 and row[2].isdigit()  # a query string adds a fourth field
        ]


@contextmanager
def gunicorn(env: dict[str, str], *, workers: int):
    """Serve the app on a free loopback port, logging each request's time in the worker."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="certpath-gunicorn-") as folder:
        access_log, log_path = Path(folder) / "access.log", Path(folder) / "server.log"
        command = [
            sys.executable, "-m", "gunicorn", "config.wsgi:application",
            "--bind", f"{HOST}:{port}", "--workers", str(workers),
            "--timeout", "60", "--log-level", "warning",
            "--access-logfile", str(access_log), "--access-logformat", "%(m)s %(U)s %(D)s %(q)s",
        ]  # fmt: skip
        with log_path.open("w+") as log:
            process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
                command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
            )
            base = f"http://{HOST}:{port}"
            try:
                _wait_healthy(base, process, log)
                yield Server(base=base, pid=process.pid, access_log=access_log)
            finally:
                _stop(process)


def _wait_healthy(base: str, process: subprocess.Popen, log, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            if requests.get(f"{base}/healthz", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.25)
    log.seek(0)
    raise RuntimeError(f"gunicorn did not become healthy:\n{log.read()[-2000:]}")


def worker_priority() -> tuple[list[str], str]:
    """The command prefix that runs the task worker at its priority, and its description. By
    default the worker runs at the idle scheduling class: a background renderer sharing a host
    with the web workers takes only the CPU they leave. BENCH_WORKER_NICE=n runs it at nice n
    instead (0 for no difference at all)."""
    nice = os.environ.get("BENCH_WORKER_NICE", "").strip()
    if nice:
        return ["nice", "-n", nice], f"nice {nice}"
    return ["chrt", "--idle", "0"], "the idle scheduling class"


@contextmanager
def task_worker(env: dict[str, str]):
    """Run the database task worker with the server's settings (see worker_priority); yields its
    pid. It polls every 0.1 s, so a task queued by a submit starts at once when it is free."""
    prefix, _ = worker_priority()
    command = [
        *prefix, sys.executable, "manage.py", "db_worker",
        "--no-reload", "--interval", "0.1", "--no-startup-delay", "--verbosity", "0",
    ]  # fmt: skip
    with (
        tempfile.TemporaryDirectory(prefix="certpath-worker-") as folder,
        (Path(folder) / "worker.log").open("w+") as log,
    ):
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            time.sleep(1)
            if process.poll() is not None:
                log.seek(0)
                raise RuntimeError(f"the task worker stopped:\n{log.read()[-2000:]}")
            yield process.pid
        finally:
            _stop(process)


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
