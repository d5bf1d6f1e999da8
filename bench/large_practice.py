"""A large practice stays fast (issue 16): latency of the first page of the client list, a
chart and the audit page on a practice of 30,000 clients, one user at a time and 8 at once,
from a real `closeddoor serve` process; beside, in the same run, the list before pagination
(every client the owner may see, decrypted and sorted: what `GET /api/v1/clients` returned)
and the first page, both timed in-process through the same service.

    python bench/large_practice.py --data-dir /tmp/demo-30k   # an existing demo practice
    python bench/large_practice.py --clients 30000             # make one first (~10 minutes)
    python bench/large_practice.py --quick                     # 300 clients, a smoke run

The demo's password is the demo default unless --password is given.
"""

from __future__ import annotations

import argparse
import http.client
import json
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from _common import free_port, load_average, machine, print_table
from read_path import wait_until_up

BIN_DIR = Path(sys.executable).parent
API = "/api/v1"
AIM_P95_MS = 100.0
DEMO_PASSWORD = "demo-practice-insecure-passphrase"  # the public demo default


def percentiles(samples: list[float]) -> tuple[float, float, float]:
    if len(samples) < 2:
        return samples[0], samples[0], samples[0]
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return cuts[49], cuts[94], cuts[98]


def timed(call: Callable[[], object], requests: int, users: int) -> list[float]:
    """Latency in ms of `requests` calls spread over `users` threads, each one after another."""
    samples: list[float] = []
    lock = threading.Lock()

    def one(_: int) -> None:
        started = time.perf_counter()
        call()
        elapsed = (time.perf_counter() - started) * 1e3
        with lock:
            samples.append(elapsed)

    with ThreadPoolExecutor(max_workers=users) as pool:
        list(pool.map(one, range(requests)))
    return samples


class Http:
    """One keep-alive connection per thread to the server."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.local = threading.local()

    def get(self, path: str, token: str) -> bytes:
        conn = getattr(self.local, "conn", None)
        if conn is None:
            conn = self.local.conn = http.client.HTTPConnection("127.0.0.1", self.port,
                                                                 timeout=60)
        conn.request("GET", f"{API}{path}", headers={"Authorization": f"Bearer {token}"})
        response = conn.getresponse()
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"GET {path}: {response.status} {body[:200]!r}")
        return body

    def token(self, username: str, password: str) -> str:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        conn.request("POST", f"{API}/auth/token",
                     body=json.dumps({"username": username, "password": password}),
                     headers={"Content-Type": "application/json"})
        answer = json.loads(conn.getresponse().read())
        return str(answer["access_token"])


def in_process(data: Path, requests: int, users: int, *, baseline_users: bool,
               whole_runs: int) -> dict[str, list[float]]:
    """The owner's whole list (the read before pagination) and its first page, timed through
    the service in this process (no HTTP), one at a time and `users` at once."""
    from closeddoor.cli.common import settings_for
    from closeddoor.setup import open_services

    services = open_services(settings_for(data))
    actor = services.accounts.user_by_username("owner").actor
    found: dict[str, list[float]] = {}
    try:
        if whole_runs:
            # The whole list is slow at this size: `whole_runs` times, alone.
            found["whole list (before), 1 user(s)"] = timed(
                lambda: services.charts.list_clients(actor), whole_runs, 1)
        if baseline_users:
            found[f"whole list (before), {users} user(s)"] = timed(
                lambda: services.charts.list_clients(actor), users, users)
        for n in (1, users):
            found[f"first page, in-process, {n} user(s)"] = timed(
                lambda: services.charts.list_clients_page(actor), requests, n)
    finally:
        services.close()
    return found


@contextmanager
def running(command: list[str], port: int, log: Path) -> Iterator[None]:
    """A server, given up to 5 minutes to start (a busy machine loads its word lists slowly)."""
    with log.open("w") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_until_up(port, timeout_s=300)
        yield
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def over_http(data: Path, password: str, requests: int, users: int, work: Path
              ) -> dict[str, list[float]]:
    port = free_port()
    found: dict[str, list[float]] = {}
    command = [str(BIN_DIR / "closeddoor"), "serve", "--data-dir", str(data), "--port", str(port)]
    with running(command, port, work / "serve.log"):
        client = Http(port)
        owner, clinician = client.token("owner", password), client.token("clinician1", password)
        first = json.loads(client.get("/clients?limit=1", clinician))["items"][0]["id"]
        reads = {
            "client list, first page (owner, 50 of all)": ("/clients", owner),
            "client list, first page (clinician, by name)": ("/clients", clinician),
            "a chart (clinician, GET /clients/{id})": (f"/clients/{first}", clinician),
            "audit page (owner, newest 50)": ("/audit/events", owner),
        }
        for name, (path, token) in reads.items():
            timed(lambda p=path, t=token: client.get(p, t), 5, 1)  # warm-up
            for n in (1, users):
                found[f"{name}, {n} user(s)"] = timed(
                    lambda p=path, t=token: client.get(p, t), requests, n)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, help="an existing demo practice")
    parser.add_argument("--clients", type=int, default=30_000)
    parser.add_argument("--password", default=DEMO_PASSWORD)
    parser.add_argument("--requests", type=int, default=200, help="per read and concurrency")
    parser.add_argument("--users", type=int, default=8)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--whole-runs", type=int, default=2,
                        help="times to read the whole list (the baseline); 0 to skip it")
    parser.add_argument("--baseline-users", action="store_true",
                        help="also time the whole list with --users at once (slow at 30,000)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="closeddoor-large-"))
    requests = 20 if args.quick else args.requests
    try:
        data = args.data_dir
        if data is None:
            data = work / "data"
            clients = 300 if args.quick else args.clients
            started = time.perf_counter()
            subprocess.run([BIN_DIR / "closeddoor", "demo", "--data-dir", data, "--password",
                            args.password, "--clients", str(clients), "--no-next-step"],
                           check=True, capture_output=True)
            print(f"demo practice of {clients} clients made in "
                  f"{time.perf_counter() - started:.0f} s")
        print(f"machine: {machine()}; load average {load_average()}")
        found = in_process(data, requests, args.users, baseline_users=args.baseline_users,
                           whole_runs=args.whole_runs)
        found |= over_http(data, args.password, requests, args.users, work)
        rows = []
        for name, samples in found.items():
            p50, p95, p99 = percentiles(samples)
            aim = "" if "before" in name or "in-process" in name else (
                "met" if p95 < AIM_P95_MS else "missed")
            rows.append((name, len(samples), round(p50, 1), round(p95, 1), round(p99, 1), aim))
        print_table(("read", "n", "p50 ms", "p95 ms", "p99 ms", f"p95 < {AIM_P95_MS:.0f} ms"),
                    rows)
        print(f"load average after: {load_average()}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
