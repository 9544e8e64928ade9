"""Inline SVG charts of the report: bars and the diverging event timeline (the network: network.py).

Drawn as SVG text so the browser renders the Chinese labels in whatever font the reader has, and
nothing is fetched. Every chart labels its axes: the value axis has round ticks and a title saying
what is counted in what unit, the category axis a title naming what its labels are.
"""

from __future__ import annotations

import math
import unicodedata
from html import escape

import numpy as np
import pandas as pd

QUAD_COLOURS = {
    "verbal_cooperation": "#74c476",
    "material_cooperation": "#238b45",
    "verbal_conflict": "#fb6a4a",
    "material_conflict": "#a50f15",
}
LABEL_COLOURS = {
    "PERSON": "#1f77b4",
    "NORP": "#9467bd",
    "FAC": "#8c564b",
    "ORG": "#ff7f0e",
    "GPE": "#2ca02c",
    "LOC": "#17becf",
    "LAW": "#d62728",
    "EVENT": "#e377c2",
}
OTHER_COLOUR = "#7f7f7f"
FONT_SIZE = 12  # px, as the report's style sheet sets it for SVG text


def format_number(value: object) -> str:
    """Thousands separated, floats to four significant digits.

    >>> format_number(12345), format_number(0.123456), format_number("x")
    ('12,345', '0.1235', 'x')
    """
    if isinstance(value, (int, np.integer)):
        return f"{value:,}"
    return f"{value:,.4g}" if isinstance(value, float) else str(value)


def clip(text: str, length: int) -> str:
    """`text` cut to `length` characters with an ellipsis.

    >>> clip("北大西洋公約組織", 5)
    '北大西洋…'
    """
    return text if len(text) <= length else text[: length - 1] + "…"


def figure(chart_id: str, caption: str, svg: str) -> str:
    return (
        f'<figure class="chart" data-chart="{escape(chart_id)}">{svg}'
        f"<figcaption>{escape(caption)}</figcaption></figure>"
    )


def text_width(text: str, font_size: float = FONT_SIZE) -> float:
    """The width `text` takes in pixels, estimated: a CJK or full-width character is one em, any
    other character 0.6 em (wide enough for the Latin letters and digits of common sans fonts).

    >>> text_width("普欽"), text_width("ABM"), text_width("普欽 (Putin)")
    (24.0, 21.6, 81.6)
    """
    wide = sum(unicodedata.east_asian_width(char) in "WF" for char in text)
    return round(font_size * (wide + 0.6 * (len(text) - wide)), 1)


def ticks(biggest: float, count: int = 5) -> list[float]:
    """Round tick values from 0 to at least `biggest`, about `count` of them, 1-2-5 steps.

    >>> ticks(574), ticks(2), ticks(0)
    ([0, 200, 400, 600], [0, 1, 2], [0, 1])
    """
    if biggest <= 0:
        return [0, 1]
    raw = biggest / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    step = max(1, int(step)) if biggest >= 1 else step  # counts: whole ticks
    return [round(k * step, 10) for k in range(math.ceil(biggest / step - 1e-9) + 1)]


def axis_title(x: float, y: float, text: str, vertical: bool = False) -> str:
    """An axis title; `vertical` turns it to read bottom to top, beside a vertical axis."""
    turn = f' transform="rotate(-90 {x:.1f} {y:.1f})"' if vertical else ""
    return f'<text class="axis-label" x="{x:.1f}" y="{y:.1f}" text-anchor="middle"{turn}>{escape(text)}</text>'


def value_axis(left: float, length: float, top: float, biggest: float) -> tuple[str, float]:
    """A horizontal value axis at height `top` from `left`: its marks and the pixels per unit."""
    values = ticks(biggest)
    scale = length / values[-1]
    marks = [f'<line x1="{left}" x2="{left + length:.1f}" y1="{top:.1f}" y2="{top:.1f}" stroke="#333"/>']
    for value in values:
        x = left + value * scale
        marks.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top:.1f}" y2="{top + 4:.1f}" stroke="#333"/>'
            f'<text x="{x:.1f}" y="{top + 16:.1f}" text-anchor="middle">{format_number(value)}</text>'
        )
    return "".join(marks), scale


def horizontal_bars(
    items: list[tuple[str, float, str]], value_label: str, category_label: str, width: int = 560
) -> str:
    """Bars with their labels on the left and values on the right; (label, value, colour) items.

    The value axis runs along the bottom with round ticks and `value_label` (say what is counted,
    in what unit); `category_label` heads the column of labels.
    """
    label_width, bar_height, gap, top = 170, 18, 4, 22
    plot = width - label_width - 50
    height = top + len(items) * (bar_height + gap) + gap
    axis, scale = value_axis(label_width, plot, height, max([value for _, value, _ in items] + [1]))
    marks = [axis_title(label_width / 2, 14, category_label)]
    for k, (label, value, colour) in enumerate(items):
        y = top + gap + k * (bar_height + gap)
        length = value * scale
        marks.append(
            f'<text x="{label_width - 6}" y="{y + 13}" text-anchor="end">{escape(clip(label, 14))}'
            f"<title>{escape(label)}</title></text>"
            f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar_height}" fill="{colour}">'
            f"<title>{escape(label)}: {format_number(value)}</title></rect>"
            f'<text x="{label_width + length + 4:.1f}" y="{y + 13}">{format_number(value)}</text>'
        )
    marks += [axis, axis_title(label_width + plot / 2, height + 34, value_label)]
    total = height + 42
    return f'<svg width="{width}" height="{total}" viewBox="0 0 {width} {total}" role="img">{"".join(marks)}</svg>'


def grouped_bars(
    groups: list[tuple[str, list[tuple[str, float]]]], colours: dict[str, str], value_label: str, width: int = 560
) -> str:
    """One group per chapter: its name on a row of its own, then one bar per measure."""
    label_width, bar_height, gap, top = 170, 18, 4, 22
    plot = width - label_width - 50
    rows = sum(1 + len(measures) for _, measures in groups)
    height = top + rows * (bar_height + gap) + gap
    biggest = max([value for _, measures in groups for _, value in measures] + [1])
    axis, scale = value_axis(label_width, plot, height, biggest)
    marks, row = [axis_title(label_width / 2, 14, "Chapter, measure")], 0
    for name, measures in groups:
        y = top + gap + row * (bar_height + gap)
        marks.append(f'<text class="group" x="8" y="{y + 13}" font-weight="bold">{escape(clip(name, 40))}</text>')
        row += 1
        for measure, value in measures:
            y = top + gap + row * (bar_height + gap)
            marks.append(
                f'<text x="{label_width - 6}" y="{y + 13}" text-anchor="end">{escape(measure)}</text>'
                f'<rect x="{label_width}" y="{y}" width="{value * scale:.1f}" height="{bar_height}" '
                f'fill="{colours[measure]}"><title>{escape(name)}: {format_number(value)} {measure}</title></rect>'
                f'<text x="{label_width + value * scale + 4:.1f}" y="{y + 13}">{format_number(value)}</text>'
            )
            row += 1
    marks += [axis, axis_title(label_width + plot / 2, height + 34, value_label)]
    total = height + 42
    return f'<svg width="{width}" height="{total}" viewBox="0 0 {width} {total}" role="img">{"".join(marks)}</svg>'


def diverging_years(counts: pd.Series, width: int = 1000, height: int = 320) -> str:
    """Stacked bars per year: cooperation classes upward from the axis, conflict classes downward.

    The vertical axis counts events (ticks at the largest stack up, 0 and the largest stack down),
    the horizontal one is the year of each event's start date.
    """
    left, right, top, bottom = 64, 10, 24, 46
    years = range(counts.index.get_level_values(0).min(), counts.index.get_level_values(0).max() + 1)
    by_year = {
        year: counts.xs(year, level=0).to_dict() if year in counts.index.get_level_values(0) else {} for year in years
    }
    up = max([sum(v for q, v in c.items() if "cooperation" in q) for c in by_year.values()] + [1])
    down = max([sum(v for q, v in c.items() if "conflict" in q) for c in by_year.values()] + [0])
    scale = (height - top - bottom) / (up + down)
    axis = top + up * scale
    step = min((width - left - right) / len(years), 60)  # a few years: narrow bars, not a wall
    every = max(1, math.ceil(len(years) / 20))
    marks = [
        f'<line x1="{left}" x2="{left + step * len(years):.1f}" y1="{axis:.1f}" y2="{axis:.1f}" stroke="#333"/>',
        f'<line x1="{left}" x2="{left}" y1="{top}" y2="{height - bottom}" stroke="#333"/>',
        f'<text x="{left - 4}" y="{top + 4}" text-anchor="end">{up}</text>',
        f'<text x="{left - 4}" y="{axis + 4:.1f}" text-anchor="end">0</text>',
        axis_title(16, (top + height - bottom) / 2, "Events (count): cooperation ↑ conflict ↓", vertical=True),
        axis_title(left + step * len(years) / 2, height - 4, "Year of the event's start date"),
    ]
    if down:
        marks.append(f'<text x="{left - 4}" y="{height - bottom}" text-anchor="end">{down}</text>')
    for k, year in enumerate(years):
        x = left + k * step
        above = below = axis
        for quad in QUAD_COLOURS:
            value = by_year[year].get(quad, 0)
            if not value:
                continue
            size = value * scale
            if "cooperation" in quad:
                above -= size
                y = above
            else:
                y, below = below, below + size
            marks.append(
                f'<rect x="{x + step * 0.1:.1f}" y="{y:.1f}" width="{step * 0.8:.1f}" height="{size:.1f}" '
                f'fill="{QUAD_COLOURS[quad]}"><title>{year} {quad.replace("_", " ")}: {value}</title></rect>'
            )
        if k % every == 0:
            marks.append(f'<text x="{x + step / 2:.1f}" y="{height - bottom + 16}" text-anchor="middle">{year}</text>')
    legend = "".join(
        f'<rect x="{left + 10 + k * 170}" y="4" width="10" height="10" fill="{colour}"/>'
        f'<text x="{left + 24 + k * 170}" y="13">{quad.replace("_", " ")}</text>'
        for k, (quad, colour) in enumerate(QUAD_COLOURS.items())
    )
    return (
        f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img">'
        f"{legend}{''.join(marks)}</svg>"
    )
