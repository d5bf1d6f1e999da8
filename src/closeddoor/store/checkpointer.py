"""The background audit checkpointer: signs the audit head and anchors it outside the database
at start-up (for what the last run left), at least every `interval` while serving, as soon as an
append crosses a checkpoint boundary (every N events), and once more at a clean shutdown.

Only events after the newest anchor can be cut off without `audit verify` noticing, so this
bounds that window to one interval (or N events) at worst, and to nothing after a clean stop.
Several workers may each run one: checkpointing an already-anchored head is a no-op.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import timedelta

from closeddoor.store.audit_log import AuditLog

log = logging.getLogger(__name__)
_TICK_SECONDS = 1.0  # how often the thread looks for a crossed boundary (no database access)


class AuditCheckpointer:
    def __init__(self, audit: AuditLog, interval: timedelta) -> None:
        self._audit = audit
        self._interval = interval.total_seconds()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Checkpoint what the last run left, then keep checkpointing in a daemon thread."""
        self._checkpoint("start-up")
        self._stopping.clear()
        self._thread = threading.Thread(
            target=self._run, name="closeddoor-audit-checkpointer", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        """Stop the thread, then sign and anchor the final head (clean shutdown)."""
        self._stopping.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        self._checkpoint("shutdown")

    def _run(self) -> None:
        last = time.monotonic()
        while not self._stopping.wait(min(_TICK_SECONDS, self._interval)):
            due = self._audit.take_anchor_due()
            if due or time.monotonic() - last >= self._interval:
                self._checkpoint("timer" if not due else "boundary")
                last = time.monotonic()

    def _checkpoint(self, reason: str) -> None:
        try:
            self._audit.checkpoint()
        except Exception as exc:  # tried again at the next tick; serving goes on
            log.error("audit checkpoint (%s) failed: %s", reason, type(exc).__name__)
