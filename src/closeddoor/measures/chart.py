"""A measure's trend as a server-rendered SVG (matplotlib's SVG backend): the scores
over time, the instrument's bands as shaded steps, the goal's target as a dashed line, and the
range within reliable change of the first score. Pure: numbers in, bytes out; no client data
but dates and scores reaches it, and nothing identifies the client in the picture.

The SVG carries inline style attributes, so the page shows it as an <img> from its own route,
whose response has a CSP of its own (images run no scripts); the numbers are in a table beside.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime

from closeddoor.measures.model import Definition

WIDTH_INCHES, HEIGHT_INCHES = 6.4, 3.2


def trend_svg(spec: Definition, points: Sequence[tuple[datetime, int]], *,
              target: int | None = None, reliable_band: tuple[int, int] | None = None) -> bytes:
    """The chart as SVG bytes. `points` are (when taken, score), oldest first."""
    from matplotlib.figure import Figure  # a Figure, never pyplot: no global state

    figure = Figure(figsize=(WIDTH_INCHES, HEIGHT_INCHES))
    axes = figure.subplots()
    top = spec.highest_score
    shades = ("#f4f8f4", "#fbfbf0", "#fdf4ea", "#fbeceb", "#f6e6ef")
    for band, shade in zip(spec.bands, shades, strict=False):
        axes.axhspan(band.low - 0.5, band.high + 0.5, color=shade, zorder=0)
        axes.text(1.01, (band.low + band.high) / 2, band.name, transform=axes.get_yaxis_transform(),
                  fontsize=7, va="center", color="#444444")
    if reliable_band is not None:
        low, high = reliable_band
        axes.axhspan(max(low, 0), min(high, top), color="#9bb7d4", alpha=0.25, zorder=1,
                     label="within reliable change of the first score")
    if target is not None:
        axes.axhline(target, color="#1f5f1f", linestyle="--", linewidth=1.5, zorder=2,
                     label=f"target: below {target}")
    if points:
        start = points[0][0]
        xs = [(when - start).total_seconds() / 86400 for when, _ in points]
        ys = [value for _, value in points]
        shown = range(0, len(xs), max(1, len(xs) // 6))  # at most about six date labels
        axes.set_xticks([xs[i] for i in shown],
                        labels=[points[i][0].strftime("%Y-%m-%d") for i in shown])
        axes.plot(xs, ys, color="#1a3d6d", marker="o", linewidth=2, zorder=3,
                  label=f"{spec.instrument.value} score")
        figure.autofmt_xdate()
    axes.set_xlabel("date taken")
    axes.set_ylim(-0.5, top + 0.5)
    axes.set_ylabel("score (higher is worse)")
    axes.set_title(f"{spec.instrument.value} over time", fontsize=10)
    if axes.get_legend_handles_labels()[0]:
        axes.legend(loc="upper left", fontsize=7, framealpha=0.9)
    figure.subplots_adjust(right=0.8, bottom=0.2)
    out = io.BytesIO()
    figure.savefig(out, format="svg", metadata={"Date": None})
    return out.getvalue()
