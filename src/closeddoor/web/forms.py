"""Reading posted forms. Values arrive as text; the services validate meaning, this module only
turns text into the types the services take. Errors name the field, never echo the value."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import parse_qs, urlsplit

from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response

from closeddoor.errors import ConflictError, InvalidInput, join_problems, split_problems
from closeddoor.records.model import NewAppointment

MAX_FIELD_CHARS = 100_000


def text(form: FormData, name: str, *, strip: bool = True) -> str:
    """A text field, or "" when it is missing or is a file."""
    value = form.get(name)
    if not isinstance(value, str):
        return ""
    if len(value) > MAX_FIELD_CHARS:
        raise InvalidInput(f"{name}: at most {MAX_FIELD_CHARS} characters")
    return value.strip() if strip else value


def values(form: FormData, names: tuple[str, ...]) -> dict[str, str]:
    return {name: text(form, name) for name in names}


def all_values(form: FormData, name: str) -> list[str]:
    """Every value of a field sent more than once (a group of checkboxes)."""
    return [value for value in form.getlist(name) if isinstance(value, str)]


def whole_number(form: FormData, name: str, default: int) -> int:
    raw = text(form, name)
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise InvalidInput(f"{name}: a whole number") from None


def cents(form: FormData, name: str) -> int:
    """A fee typed in dollars ("150" or "150.00") as whole cents."""
    raw = text(form, name).removeprefix("$").replace(",", "")
    if not raw:
        return 0
    try:
        amount = Decimal(raw)
        is_money = amount.is_finite() and amount == amount.quantize(Decimal("0.01"))
    except InvalidOperation:
        is_money = False
    if not is_money:
        raise InvalidInput(f"{name}: an amount such as 150.00")
    return int(amount * 100)


def starts_at(form: FormData) -> datetime:
    """The appointment's date and time fields as a wall-clock (naive) time: the service reads
    it in the practice's time zone. Both fields' problems at once."""
    problems = []
    on = at = None
    try:
        on = date.fromisoformat(text(form, "date"))
    except ValueError:
        problems.append("date: enter the date as YYYY-MM-DD, for example 2026-03-09")
    try:
        at = time.fromisoformat(text(form, "time"))
    except ValueError:
        problems.append("time: enter the time as HH:MM, for example 14:30")
    if on is None or at is None:
        raise InvalidInput(join_problems(problems))
    return datetime.combine(on, at.replace(tzinfo=None))


def appointment(form: FormData) -> dict[str, Any]:
    """The booking form's values; the date, time, length and fee problems all at once (the
    service then judges the rest)."""
    problems: list[str] = []

    def read(reader: Any, *args: Any) -> Any:
        try:
            return reader(form, *args)
        except InvalidInput as exc:
            problems.append(str(exc))
            return None

    start = read(starts_at)
    duration = read(whole_number, "duration_minutes", 50)
    fee = read(cents, "fee")
    data = {
        "starts_at": start,
        "duration_minutes": duration,
        "modality": text(form, "modality") or "in_person",
        "status": text(form, "status") or "scheduled",
        "room": text(form, "room"),
        "cpt_code": text(form, "cpt_code"),
        "icd10_code": text(form, "icd10_code"),
        "fee_cents": fee,
        "clinician_id": text(form, "clinician_id") or None,
        "telehealth_link": text(form, "telehealth_link"),
        "repeat": text(form, "repeat") or "none",
        "repeat_until": text(form, "repeat_until") or None,
        "repeat_count": text(form, "repeat_count") or None,
    }
    if problems:  # the rest judged too, as the service would, so every problem shows at once
        stand_in = {"starts_at": datetime(2030, 1, 7, 9, 0, tzinfo=UTC),
                    "duration_minutes": duration or 50, "fee_cents": fee or 0}
        try:
            NewAppointment.parse(data | stand_in)
        except InvalidInput as exc:  # what the stand-ins stand for is already judged above
            problems += [p for p in split_problems(str(exc))
                         if p.partition(":")[0] not in stand_in]
        raise InvalidInput(join_problems(problems))
    return data


def totp_setup_key(uri: str) -> str:
    """The base32 secret inside an otpauth:// URI, in groups of four for typing by hand."""
    secret = parse_qs(urlsplit(uri).query).get("secret", [""])[0]
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def field_errors(message: str, aliases: Mapping[str, str] | None = None) -> dict[str, str]:
    """Split a refusal of the form "field: how to fix; other: how to fix" into one message per
    field, so each can stand beside its field; what names no field goes under "". A problem
    naming several fields ("records_from, records_to: ...") stands beside each; a nested name
    ("statements.revocation") beside its last part; `aliases` renames a service's field to the
    form's ("starts_at" -> "time")."""
    errors: dict[str, str] = {}
    for part in split_problems(message):
        head, sep, text = part.partition(": ")
        names = [name.rpartition(".")[2] for name in head.split(", ")] if sep else []
        if not names or not all(name.replace("_", "").isalnum() for name in names):
            names, text = [""], part
        for name in names:
            name = (aliases or {}).get(name, name)
            errors[name] = f"{errors[name]} {text}" if name in errors else text
    return errors


def submit(call: Callable[[], object], refused: Callable[[str, int], Response],
           done_url: str) -> Response:
    """Run a posted form's use case: on bad input (422) or a conflict (409) show the page again
    through `refused(message, status)`, else redirect to `done_url` (post/redirect/get)."""
    try:
        call()
    except (InvalidInput, ConflictError) as exc:
        return refused(str(exc), 422 if isinstance(exc, InvalidInput) else 409)
    return RedirectResponse(done_url, status_code=303)
