from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader
from typer.testing import CliRunner

from closeddoor.cli.main import app
from tests.unit.consent.conftest import PRACTICE

runner = CliRunner()


def test_cli_writes_an_html_page_when_format_is_html(tmp_path: Path) -> None:
    out = tmp_path / "consent.html"
    result = runner.invoke(app, ["consent", "render", "--jurisdiction", "US-CA",
                                 "--format", "html", "--out", str(out),
                                 "--practice-name", PRACTICE])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>")
    assert "California" in page and PRACTICE in page
    assert "sha256" in result.stdout and "review:" in result.stderr


def test_cli_writes_html_by_default_when_format_is_left_out(tmp_path: Path) -> None:
    out = tmp_path / "consent.html"
    result = runner.invoke(app, ["consent", "render", "--jurisdiction", "generic",
                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "My practice" in out.read_text(encoding="utf-8")


def test_cli_writes_a_pdf_when_format_is_pdf(tmp_path: Path) -> None:
    out = tmp_path / "consent.pdf"
    result = runner.invoke(app, ["consent", "render", "--jurisdiction", "us-tx",
                                 "--format", "PDF", "--out", str(out),
                                 "--practice-name", PRACTICE,
                                 "--clinician-name", "Rowan Example (synthetic)"])
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert "Texas" in text and "Rowan Example (synthetic)" in text


def test_cli_lists_known_codes_when_code_is_unknown(tmp_path: Path) -> None:
    out = tmp_path / "never.html"
    result = runner.invoke(app, ["consent", "render", "--jurisdiction", "US-ZZ",
                                 "--out", str(out)])
    assert result.exit_code == 1
    assert "unknown jurisdiction code" in result.stderr
    assert "US-CA, US-FL, US-IL, US-NY, US-TX, generic" in result.stderr
    assert not out.exists()


def test_cli_fails_cleanly_when_output_cannot_be_written(tmp_path: Path) -> None:
    out = tmp_path / "missing-folder" / "consent.html"
    result = runner.invoke(app, ["consent", "render", "--jurisdiction", "US-NY",
                                 "--out", str(out)])
    assert result.exit_code == 1
    assert "cannot write" in result.stderr


def test_cli_rejects_an_unknown_format(tmp_path: Path) -> None:
    result = runner.invoke(app, ["consent", "render", "--jurisdiction", "US-NY",
                                 "--format", "docx", "--out", str(tmp_path / "x")])
    assert result.exit_code == 2
