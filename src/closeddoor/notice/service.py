"""NoticeService: the practice's Notice of Privacy Practices (versions, review, publishing, the
notice in effect) and each client's acknowledgment or documented good-faith effort, as one
object for the adapters (see notice.versions and notice.acknowledgments)."""

from __future__ import annotations

from closeddoor.notice.acknowledgments import (
    AcknowledgmentView,
    NoticeAcknowledgments,
    NoticeStatus,
)
from closeddoor.notice.versions import DefaultTextInfo, NoticeVersion, NoticeVersions

__all__ = ["AcknowledgmentView", "DefaultTextInfo", "NoticeService", "NoticeStatus",
           "NoticeVersion"]


class NoticeService(NoticeVersions, NoticeAcknowledgments):
    pass
