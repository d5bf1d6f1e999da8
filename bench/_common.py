"""Helpers shared by the benchmark scripts: the machine, memory, tables and aims."""

from __future__ import annotations

import os
import platform
import socket
from collections.abc import Sequence
from pathlib import Path


def machine() -> str:
    memory_kib = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal:")
    )
    return (
        f"{os.cpu_count()} cores, {memory_kib / 1024**2:.1f} GiB memory, "
        f"Python {platform.python_version()}, SQLite via sqlite3 {sqlite_version()}"
    )


def load_average() -> str:
    """The 1, 5 and 15 minute load averages: other work on the machine shows here."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def sqlite_version() -> str:
    import sqlite3

    return sqlite3.sqlite_version


def reset_peak_rss() -> float:
    """Start this process's peak-memory mark afresh (Linux: clear_refs 5); returns RSS MiB now."""
    Path("/proc/self/clear_refs").write_text("5")
    return memory_mib(os.getpid())[0]


def own_peak_rss_mib() -> float:
    """This process's peak resident memory since the last reset_peak_rss() (VmHWM)."""
    return memory_mib(os.getpid())[1]


def process_tree(pid: int) -> list[int]:
    """A process and its descendants (a server and its worker processes)."""
    found = [pid]
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            found += process_tree(int(child))
    return found


def memory_mib(pid: int) -> tuple[float, float]:
    """(current, peak) resident memory of a process tree, from /proc, summed."""
    current = peak = 0.0
    for member in process_tree(pid):
        fields = dict(
            line.split(":", 1) for line in Path(f"/proc/{member}/status").read_text().splitlines()
        )
        current += int(fields["VmRSS"].split()[0]) / 1024
        peak += int(fields["VmHWM"].split()[0]) / 1024
    return current, peak


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time a process tree has used so far."""
    total = 0
    for member in process_tree(pid):
        stat = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(stat[11]) + int(stat[12])
    return total / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def print_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    cells = [list(map(str, headers))] + [[_cell(v) for v in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    for index, row in enumerate(cells):
        print(
            "  ".join(
                c.ljust(w) if i == 0 else c.rjust(w)
                for i, (c, w) in enumerate(zip(row, widths, strict=True))
            )
        )
        if index == 0:
            print("  ".join("-" * w for w in widths))


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.1f}" if value < 100 else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def aim(label: str, met: bool, detail: str) -> str:
    return f"  [{'met' if met else 'MISSED'}] {label}: {detail}"
