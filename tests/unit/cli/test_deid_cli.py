"""`closeddoor deid`: text, spans and JSON lines in; clear errors that never echo the text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from closeddoor.cli.main import app
from tests.unit.deid.helpers import CHART

runner = CliRunner()
NOTE = "Maria Vasquez-Lopez called 541.555.0142 on 3/14/2024 about her sister Rosa.\n"


@pytest.fixture
def chart_file(tmp_path: Path) -> Path:
    path = tmp_path / "chart.json"
    path.write_text(json.dumps(CHART.to_json()), encoding="utf-8")
    return path


def test_tags_are_the_default_output_for_standard_input() -> None:
    result = runner.invoke(app, ["deid"], input="Maria called 555-0142 on 3/4/2024.\n")
    assert result.exit_code == 0, result.output
    assert result.stdout == "[NAME] called [PHONE] on [DATE].\n"


def test_file_argument_and_dash_read_the_same(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text(NOTE, encoding="utf-8")
    from_file = runner.invoke(app, ["deid", str(path)])
    from_stdin = runner.invoke(app, ["deid", "-"], input=NOTE)
    assert from_file.exit_code == from_stdin.exit_code == 0
    assert from_file.stdout == from_stdin.stdout
    assert "Maria" not in from_file.stdout


def test_spans_output_gives_offsets_into_the_input() -> None:
    result = runner.invoke(app, ["deid", "--output", "spans"], input=NOTE)
    assert result.exit_code == 0, result.output
    spans = json.loads(result.stdout)
    assert {"start": 0, "end": 19, "label": "NAME"} in spans
    assert all(set(s) == {"start", "end", "label"} for s in spans)
    assert NOTE[spans[1]["start"]:spans[1]["end"]] == "541.555.0142"


def test_chart_makes_lower_case_chart_names_found(chart_file: Path) -> None:
    text = "later maria and whitfield met.\n"
    without = runner.invoke(app, ["deid"], input=text)
    with_chart = runner.invoke(app, ["deid", "--chart", str(chart_file)], input=text)
    # Without the chart "whitfield" is no name the lists hold (a town's name at most).
    assert "[NAME] and [NAME]" not in without.stdout
    assert with_chart.stdout == "later [NAME] and [NAME] met.\n"


def test_surrogates_output_replaces_chart_identifiers(chart_file: Path) -> None:
    result = runner.invoke(app, ["deid", "--chart", str(chart_file), "--output",
                                 "surrogates"], input=NOTE)
    assert result.exit_code == 0, result.output
    for word in ("Maria", "Vasquez", "Lopez", "Rosa", "0142", "3/14/2024"):
        assert word not in result.stdout


def test_jsonl_spans_and_text(tmp_path: Path) -> None:
    path = tmp_path / "notes.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "Maria called."}) + "\n\n"
                    + json.dumps({"id": 7, "text": "Seen 3/4/2024."}) + "\n", encoding="utf-8")
    spans = runner.invoke(app, ["deid", "--jsonl", str(path), "--output", "spans"])
    assert spans.exit_code == 0, spans.output
    assert [json.loads(line) for line in spans.stdout.splitlines()] == [
        {"id": "a", "spans": [{"start": 0, "end": 5, "label": "NAME"}]},
        {"id": 7, "spans": [{"start": 5, "end": 13, "label": "DATE"}]}]
    tags = runner.invoke(app, ["deid", "--jsonl", str(path)])
    assert [json.loads(line) for line in tags.stdout.splitlines()] == [
        {"id": "a", "text": "[NAME] called."}, {"id": 7, "text": "Seen [DATE]."}]
    surrogates = runner.invoke(app, ["deid", "--jsonl", "-", "--output", "surrogates"],
                               input=path.read_text(encoding="utf-8"))
    assert surrogates.exit_code == 0
    assert "Maria" not in surrogates.stdout


SECRET = "Zebulon Quartermaine"


@pytest.mark.parametrize(("lines", "message"), [
    ([json.dumps({"id": 1, "text": SECRET}), f"{{not json {SECRET}"], "line 2: not valid JSON"),
    ([json.dumps({"text": SECRET})], "line 1: expected an object"),
    ([json.dumps({"id": 1, "text": 5})], "line 1: expected an object"),
    ([json.dumps([SECRET])], "line 1: expected an object"),
])
def test_bad_jsonl_line_is_named_without_echoing_text(tmp_path: Path, lines: list[str],
                                                      message: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["deid", "--jsonl", str(path)])
    assert result.exit_code == 1
    assert message in result.stderr
    assert SECRET not in result.output
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_unreadable_file_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["deid", str(tmp_path / "missing.txt")])
    assert result.exit_code == 1
    assert "cannot read" in result.stderr and "Traceback" not in result.output


def test_file_that_is_not_text_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "note.bin"
    path.write_bytes(b"\xff\xfe" + SECRET.encode("utf-16-le"))
    result = runner.invoke(app, ["deid", str(path)])
    assert result.exit_code == 1
    assert "not UTF-8" in result.stderr


@pytest.mark.parametrize(("content", "message"), [
    ('{"client": {"legal_nme": "Zebulon Quartermaine"}}', "unknown field(s) legal_nme"),
    ('{"client": {"legal_name": 5}}', "must be text"),
    ('{"client": ', "not valid JSON"),
])
def test_bad_chart_is_a_clear_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "chart.json"
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["deid", "--chart", str(path)], input="hello\n")
    assert result.exit_code == 1
    assert message in result.stderr
    assert SECRET not in result.output


def test_file_and_jsonl_together_are_refused(tmp_path: Path) -> None:
    result = runner.invoke(app, ["deid", "note.txt", "--jsonl", "notes.jsonl"])
    assert result.exit_code == 1
    assert "either FILE or --jsonl" in result.stderr
