"""Read-path benchmark: audited note reads from a real `closeddoor serve` process, beside a
plaintext baseline on the same stack, both driven by wrk over 127.0.0.1.

Each audited read checks the bearer token, decides policy, appends the audit event durably (group
commit, SQLite synchronous=FULL, or a PostgreSQL commit at the server's own synchronous_commit)
and decrypts the note. The baseline (`baseline_server.py`) serves a plaintext copy of the same
notes with none of that, from the same kind of database. Afterwards `closeddoor audit verify`
must pass on the data the run wrote.

    python bench/read_path.py            # full run (~2 minutes), SQLite
    python bench/read_path.py --quick    # smoke run (seconds)
    python bench/read_path.py --postgres postgresql://postgres@127.0.0.1:5432/test --workers 2
        # `closeddoor serve --workers 2` on PostgreSQL (a database made for the run, and dropped
        # after it, on that server) beside the plaintext baseline with two workers, also on
        # PostgreSQL
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from _common import aim, cpu_seconds, free_port, load_average, machine, memory_mib, print_table

BENCH_DIR = Path(__file__).resolve().parent
BIN_DIR = Path(sys.executable).parent
API = "/api/v1"
CLINICIANS = ("clinician1", "clinician2")  # the demo's two clinicians; each sees their clients
AIM_RPS, AIM_P99_MS, AIM_RATIO = 1000.0, 60.0, 1.5


@dataclass(frozen=True)
class Target:
    path: str
    token: str
    note_json: str


class Wrk(NamedTuple):
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    errors: int


@dataclass(frozen=True)
class Load:
    requests: int
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    errors: int
    rss_mib: float
    peak_rss_mib: float
    cpu_ms_per_request: float


# --- the servers ---------------------------------------------------------------------------------
def wait_until_up(port: int, timeout_s: float = 300.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/nothing-here", timeout=1)
        except urllib.error.HTTPError:
            return  # it answered
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the server on port {port} did not start")


@contextmanager
def running(command: list[str], port: int, log: Path, env: dict[str, str]) -> Iterator[int]:
    with log.open("w") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)
    try:
        wait_until_up(port)
        yield process.pid
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def call(port: int, method: str, path: str, token: str = "", body: object = None) -> object:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{API}{path}",
        method=method,
        data=None if body is None else json.dumps(body).encode(),
        headers={"Content-Type": "application/json"}
        | ({"Authorization": f"Bearer {token}"} if token else {}),
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (127.0.0.1 only)
        return json.load(response)


def every_item(port: int, path: str, token: str) -> list[dict[str, object]]:
    """Every item of a paged list, following `next_cursor` to its end."""
    items: list[dict[str, object]] = []
    cursor = ""
    while True:
        page = call(port, "GET", f"{path}?limit=200{cursor}", token)
        assert isinstance(page, dict)
        items.extend(page["items"])
        if page["next_cursor"] is None:
            return items
        cursor = f"&cursor={page['next_cursor']}"


def collect_targets(port: int, password: str) -> list[Target]:
    """Every progress note each demo clinician can read, through the API (so its reads are
    audited too, before the measured run)."""
    targets: dict[str, Target] = {}
    for username in CLINICIANS:
        token = call(port, "POST", "/auth/token", body={"username": username, "password": password})
        assert isinstance(token, dict)
        bearer = token["access_token"]
        for client in every_item(port, "/clients", bearer):
            for note in every_item(port, f"/clients/{client['id']}/notes", bearer):
                path = f"{API}/clients/{client['id']}/notes/{note['id']}"
                targets.setdefault(note["id"], Target(path, bearer, json.dumps(note)))
    return list(targets.values())


def write_plaintext_copy(targets: list[Target], database: str) -> None:
    from baseline_server import SCHEMA

    rows = [(t.path.split("/")[4], t.path.split("/")[6], t.note_json) for t in targets]
    if database.startswith("postgresql"):
        import psycopg

        with psycopg.connect(plain_url(database)) as pg:
            pg.execute(SCHEMA)
            with pg.cursor() as cursor:
                cursor.executemany("INSERT INTO notes VALUES (%s, %s, %s)", rows)
        return
    with sqlite3.connect(database) as conn:
        conn.execute(SCHEMA)
        conn.executemany(
            "INSERT INTO notes VALUES (?, ?, ?)",
            [(t.path.split("/")[4], t.path.split("/")[6], t.note_json) for t in targets],
        )


# --- the load ------------------------------------------------------------------------------------
LUA = """
paths = {%(paths)s}
tokens = {%(tokens)s}
i = 0
request = function()
  i = i + 1
  local k = (i %% #paths) + 1
  return wrk.format("GET", paths[k], {["Authorization"] = "Bearer " .. tokens[k]})
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %%d %%d %%d %%d %%d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99),
    e.status + e.connect + e.read + e.write + e.timeout))
end
"""


def write_lua(targets: list[Target], script: Path) -> None:
    paths = ",".join(f'"{t.path}"' for t in targets)
    script.write_text(LUA % {"paths": paths, "tokens": ",".join(f'"{t.token}"' for t in targets)})


def run_wrk(port: int, script: Path, connections: int, seconds: int) -> Wrk:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s",
               "-s", str(script), f"http://127.0.0.1:{port}/"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    found = re.search(r"^RESULT (\d+) (\d+) (\d+) (\d+) (\d+)$", output, re.MULTILINE)
    if found is None:
        raise RuntimeError(f"wrk printed no result:\n{output}")
    requests, duration_us, p50_us, p99_us, errors = map(int, found.groups())
    return Wrk(requests, duration_us / 1e6, p50_us / 1e3, p99_us / 1e3, errors)


def measure(pid: int, port: int, script: Path, connections: int, seconds: int) -> Load:
    """One measured wrk run, with the server's memory and the CPU it spent per request."""
    cpu_before = cpu_seconds(pid)
    run = run_wrk(port, script, connections, seconds)
    cpu_ms = (cpu_seconds(pid) - cpu_before) * 1e3
    rss, peak = memory_mib(pid)
    return Load(run.requests, run.requests / run.seconds, run.p50_ms, run.p99_ms, run.errors,
                rss, peak, cpu_ms / run.requests)


def audit_head(database: str) -> int:
    if database.startswith("postgresql"):
        import psycopg

        with psycopg.connect(plain_url(database)) as pg:
            row = pg.execute("SELECT seq FROM audit_head").fetchone()
            assert row is not None
            return int(row[0])
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as conn:
        return int(conn.execute("SELECT seq FROM audit_head").fetchone()[0])


def durability(database: str) -> str:
    """The settings closeddoor's own engine runs under: the pragmas it sets on every SQLite
    connection, or the PostgreSQL server's durability settings (closeddoor lowers none)."""
    from closeddoor.store.db import make_engine

    if database.startswith("postgresql"):
        engine = make_engine(database.replace("postgresql://", "postgresql+psycopg://", 1))
        with engine.connect() as conn:
            shown = [f"{name}={conn.exec_driver_sql(f'SHOW {name}').scalar()}"
                     for name in ("synchronous_commit", "fsync", "wal_sync_method")]
        engine.dispose()
        return "PostgreSQL " + ", ".join(shown)
    engine = make_engine(f"sqlite:///{database}")
    with engine.connect() as conn:
        mode = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
        sync = conn.exec_driver_sql("PRAGMA synchronous").scalar()
    engine.dispose()
    return f"journal_mode={mode}, synchronous={sync} (2 = FULL)"


def plain_url(url: str) -> str:
    """A SQLAlchemy PostgreSQL URL as libpq takes it."""
    return re.sub(r"^postgresql(\+\w+)?://", "postgresql://", url)


@contextmanager
def postgres_databases(admin_url: str, count: int) -> Iterator[list[str]]:
    """`count` new, empty databases on the server of `admin_url`, dropped afterwards."""
    import psycopg

    names = [f"closeddoor_bench_{secrets.token_hex(5)}" for _ in range(count)]
    base = plain_url(admin_url).rsplit("/", 1)[0]
    with psycopg.connect(plain_url(admin_url), autocommit=True) as admin:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield [f"{base}/{name}" for name in names]
    finally:
        with psycopg.connect(plain_url(admin_url), autocommit=True) as admin:
            for name in names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- the run -------------------------------------------------------------------------------------
def server_options(args: argparse.Namespace) -> list[str]:
    """The tuning flags given on our command line, passed on to both servers alike."""
    options = []
    for name in ("workers", "threads", "switch_interval_ms"):
        if getattr(args, name) is not None:
            options += [f"--{name.replace('_', '-')}", str(getattr(args, name))]
    return options


def closeddoor_server(args: argparse.Namespace, data: Path) -> list[str]:
    """`closeddoor serve` itself (its own `--workers`), or bench/serve_tuned.py when a tuning
    flag it lacks (threads, switch interval) is given."""
    if args.threads is None and args.switch_interval_ms is None:
        return [str(BIN_DIR / "closeddoor"), "serve", "--data-dir", str(data)]
    return [sys.executable, str(BENCH_DIR / "serve_tuned.py"), "--data-dir", str(data)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a small smoke run")
    parser.add_argument("--clients", type=int, help="demo clients (2 progress notes each)")
    parser.add_argument("--seconds", type=int, help="measured seconds per server")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--keep", action="store_true", help="keep the temp folder")
    tuning = parser.add_argument_group(
        "server options (both servers; without any, closeddoor runs as `closeddoor serve`)")
    tuning.add_argument("--workers", type=int, help="server processes")
    tuning.add_argument("--threads", type=int, help="sync-endpoint threads per process")
    tuning.add_argument("--switch-interval-ms", type=float, help="sys.setswitchinterval")
    parser.add_argument("--postgres", metavar="ADMIN_URL",
                        help="run on PostgreSQL: databases are made (and dropped) on the server "
                             "this URL reaches, e.g. postgresql://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    clients = args.clients or (20 if args.quick else 500)
    seconds = args.seconds or (3 if args.quick else 30)
    warmup = 1 if args.quick else 5
    if shutil.which("wrk") is None:
        sys.exit("wrk is needed: apt-get install wrk")
    options = server_options(args)
    print(f"machine: {machine()}; load average {load_average()}")
    print(f"load: wrk -t1 -c{args.connections}, {seconds} s measured after {warmup} s warm-up; "
          f"server options: {' '.join(options) or 'none (closeddoor serve)'}; "
          f"database: {'PostgreSQL' if args.postgres else 'SQLite'}")
    with ExitStack() as stack:
        work = Path(tempfile.mkdtemp(prefix="closeddoor-bench-"))
        if args.postgres:
            database, plaintext = stack.enter_context(postgres_databases(args.postgres, 2))
        else:
            database, plaintext = str(work / "data" / "closeddoor.db"), str(work / "plaintext.db")
        run(args, options, work, database, plaintext, clients, seconds, warmup)


def run(args: argparse.Namespace, options: list[str], work: Path, database: str,
        plaintext: str, clients: int, seconds: int, warmup: int) -> None:
    data, password, script = work / "data", secrets.token_urlsafe(18), work / "reads.lua"
    env = os.environ | ({"CLOSEDDOOR_DATABASE_URL": database}
                        if database.startswith("postgresql") else {})

    def load(command: list[str], log: str, targets: list[Target]) -> tuple[Load, list[Target], int]:
        """Start a server, warm it up, measure it; also the audit events the measured run wrote."""
        port = free_port()
        with running([*command, "--port", str(port), *options], port, work / log, env) as pid:
            targets = targets or collect_targets(port, password)
            write_lua(targets, script)
            run_wrk(port, script, args.connections, warmup)
            head = audit_head(database)
            measured = measure(pid, port, script, args.connections, seconds)
            return measured, targets, audit_head(database) - head

    try:
        demo = subprocess.run([BIN_DIR / "closeddoor", "demo", "--data-dir", data,
                               "--password", password, "--clients", str(clients)],
                              capture_output=True, text=True, env=env)
        if demo.returncode != 0:
            sys.exit(f"closeddoor demo failed: {demo.stderr.strip()}")
        audited, targets, written = load(closeddoor_server(args, data), "closeddoor.log", [])
        verify = subprocess.run([BIN_DIR / "closeddoor", "audit", "verify", "--data-dir", data],
                                capture_output=True, text=True, env=env | {"COLUMNS": "200"})
        write_plaintext_copy(targets, plaintext)
        baseline, _, _ = load([sys.executable, str(BENCH_DIR / "baseline_server.py"), "--db",
                               plaintext], "baseline.log", targets)
        report(audited, baseline, len(targets), written, verify, durability(database))
        print(f"load average after: {load_average()}")
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def report(audited: Load, baseline: Load, notes: int, written: int,
           verify: subprocess.CompletedProcess[str], durable: str) -> None:
    print(f"\n{notes} notes (the demo clients' progress notes), each URL with its author's token\n")
    print_table(
        ("server", "requests/s", "p50 ms", "p99 ms", "errors", "RSS MiB", "peak MiB",
         "server CPU ms/req"),
        [(name, load.requests_per_s, load.p50_ms, load.p99_ms, load.errors, load.rss_mib,
          load.peak_rss_mib, load.cpu_ms_per_request)
         for name, load in (("closeddoor (audited)", audited), ("baseline (plaintext)", baseline))],
    )
    throughput = audited.requests_per_s / baseline.requests_per_s
    p50_ratio, p99_ratio = audited.p50_ms / baseline.p50_ms, audited.p99_ms / baseline.p99_ms
    print(f"\nbaseline comparison: closeddoor serves {throughput:.2f}x the baseline's requests/s, "
          f"at {p50_ratio:.2f}x its p50 and {p99_ratio:.2f}x its p99 latency")
    print(f"audit: {written:,} events appended during the measured run, which completed "
          f"{audited.requests:,} requests (requests still in flight when wrk stopped are audited "
          f"too); {durable}")
    print(f"audit verify after the run (exit {verify.returncode}): "
          f"{(verify.stdout + verify.stderr).strip()}")
    print("aims:")
    for label, met, detail in (
        ("audited reads/s", audited.requests_per_s >= AIM_RPS,
         f"{audited.requests_per_s:,.0f} (aim >= {AIM_RPS:,.0f})"),
        ("p99 at 32 connections", audited.p99_ms < AIM_P99_MS,
         f"{audited.p99_ms:.1f} ms (aim < {AIM_P99_MS:.0f} ms)"),
        ("latency vs baseline", max(p50_ratio, p99_ratio) <= AIM_RATIO,
         f"p50 {p50_ratio:.2f}x, p99 {p99_ratio:.2f}x (aim <= {AIM_RATIO}x)"),
        ("no failed requests", audited.errors == 0 and baseline.errors == 0,
         f"{audited.errors} audited, {baseline.errors} baseline"),
        ("audit chain verifies", verify.returncode == 0, f"exit {verify.returncode}"),
    ):
        print(aim(label, met, detail))


if __name__ == "__main__":
    main()
