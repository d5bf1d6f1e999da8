"""`closeddoor deid`: de-identify text from a file or standard input, optionally chart-aware.

Errors name the file, the line or the chart field, never the text itself: the input is clinical.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from closeddoor.errors import ClosedDoorError

if TYPE_CHECKING:
    from closeddoor.deid import ChartIdentifiers, Deidentifier


class DeidOutput(StrEnum):
    TAGS = "tags"
    SURROGATES = "surrogates"
    SPANS = "spans"


def deid(
    file: Annotated[str, typer.Argument(
        help="Text file to de-identify; - or nothing reads standard input.",
        show_default=False)] = "-",
    chart: Annotated[Path | None, typer.Option(
        "--chart", help="Chart identifiers (JSON) the text is about; they are found however "
        "written.", dir_okay=False, show_default=False)] = None,
    output: Annotated[DeidOutput, typer.Option(
        "--output", help="tags ([NAME] ...), surrogates (consistent stand-ins) or spans (JSON "
        "offsets).", case_sensitive=False)] = DeidOutput.TAGS,
    jsonl: Annotated[str | None, typer.Option(
        "--jsonl", help="Read one JSON object {\"id\", \"text\"} per line (- for standard "
        "input) and write one per line.", show_default=False)] = None,
) -> None:
    """De-identify free text: every HIPAA Safe Harbor identifier, tagged or replaced."""
    from closeddoor.deid import ChartIdentifiers, Deidentifier

    err = Console(stderr=True)
    if jsonl is not None and file != "-":
        _fail(err, "give either FILE or --jsonl, not both")
    try:
        chart_ids = ChartIdentifiers.from_json(_read_chart(chart)) if chart else None
    except ClosedDoorError as exc:
        _fail(err, f"{chart}: {exc}")
    detector = Deidentifier(chart_ids)
    if jsonl is not None:
        _run_jsonl(err, detector, chart_ids, jsonl, output)
        return
    text = _read_text(err, file)
    rendered = _render(detector, chart_ids, text, output)
    # JSON ends its line; de-identified text keeps the input's own line ends.
    sys.stdout.write(rendered + "\n" if output is DeidOutput.SPANS else rendered)
    sys.stdout.flush()


def _run_jsonl(err: Console, detector: Deidentifier, chart: ChartIdentifiers | None,
               source: str, output: DeidOutput) -> None:
    lines = _read_text(err, source).splitlines()
    results = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError:
            _fail(err, f"{_name(source)} line {number}: not valid JSON")
        if (not isinstance(item, dict) or not isinstance(item.get("text"), str)
                or "id" not in item or not isinstance(item["id"], str | int)):
            _fail(err, f"{_name(source)} line {number}: expected an object with \"id\" (text "
                       "or number) and \"text\" (text)")
        rendered = _render(detector, chart, item["text"], output)
        key = "spans" if output is DeidOutput.SPANS else "text"
        value: Any = json.loads(rendered) if output is DeidOutput.SPANS else rendered
        results.append(json.dumps({"id": item["id"], key: value}, ensure_ascii=False))
    sys.stdout.write("".join(f"{r}\n" for r in results))  # all or nothing: errors come first
    sys.stdout.flush()


def _render(detector: Deidentifier, chart: ChartIdentifiers | None, text: str,
            output: DeidOutput) -> str:
    from closeddoor.deid import redact

    spans = detector.find(text)
    if output is DeidOutput.SPANS:
        return json.dumps([s.to_json() for s in spans])
    return redact(text, spans, output=output.value, chart=chart)  # type: ignore[arg-type]


def _read_chart(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ClosedDoorError(f"cannot read the chart ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise ClosedDoorError("the chart is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise ClosedDoorError(f"not valid JSON (line {exc.lineno})") from None


def _read_text(err: Console, source: str) -> str:
    if source == "-":
        try:
            return sys.stdin.read()
        except UnicodeDecodeError:
            _fail(err, "standard input is not UTF-8 text")
    try:
        return Path(source).read_text(encoding="utf-8")
    except OSError as exc:
        _fail(err, f"cannot read {source}: {exc.strerror or 'unreadable'}")
    except UnicodeDecodeError:
        _fail(err, f"{source} is not UTF-8 text")


def _name(source: str) -> str:
    return "standard input" if source == "-" else source


def _fail(err: Console, message: str) -> NoReturn:
    err.print(f"[red]error:[/red] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(1)
