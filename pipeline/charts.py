"""Inline SVG charts of the report: bars, the diverging event timeline and the actor network.

Drawn as SVG text so the browser renders the Chinese labels in whatever font the reader has, and
nothing is fetched.
"""

from __future__ import annotations

import math
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
ACTOR_LABELS = ("PERSON", "ORG", "GPE", "NORP")  # the network's nodes
NETWORK_NODES = 40
GRAVITY = 0.5


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


def horizontal_bars(items: list[tuple[str, float, str]], width: int = 560) -> str:
    """Bars with their labels on the left and values on the right; (label, value, colour) items."""
    label_width, bar_height, gap = 170, 18, 4
    biggest = max([value for _, value, _ in items] + [1])
    height = len(items) * (bar_height + gap) + gap
    marks = []
    for k, (label, value, colour) in enumerate(items):
        y = gap + k * (bar_height + gap)
        length = (width - label_width - 50) * value / biggest
        marks.append(
            f'<text x="{label_width - 6}" y="{y + 13}" text-anchor="end">{escape(clip(label, 14))}</text>'
            f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar_height}" fill="{colour}">'
            f"<title>{escape(label)}: {format_number(value)}</title></rect>"
            f'<text x="{label_width + length + 4:.1f}" y="{y + 13}">{format_number(value)}</text>'
        )
    return f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img">{"".join(marks)}</svg>'


def grouped_bars(groups: list[tuple[str, list[tuple[str, float]]]], colours: dict[str, str]) -> str:
    """Consecutive bars per group (a chapter, by its number), one bar per measure."""
    return horizontal_bars(
        [
            (f"{group.split('_')[0]} {measure}", value, colours[measure])
            for group, measures in groups
            for measure, value in measures
        ]
    )


def diverging_years(counts: pd.Series, width: int = 1000, height: int = 300) -> str:
    """Stacked bars per year: cooperation classes upward from the axis, conflict classes downward."""
    left, right, top, bottom = 40, 10, 20, 30
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
        f'<text x="{left - 4}" y="{top + 4}" text-anchor="end">{up}</text>',
        f'<text x="{left - 4}" y="{axis + 4:.1f}" text-anchor="end">0</text>',
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
            marks.append(f'<text x="{x + step / 2:.1f}" y="{height - 8}" text-anchor="middle">{year}</text>')
    legend = "".join(
        f'<rect x="{left + 10 + k * 170}" y="2" width="10" height="10" fill="{colour}"/>'
        f'<text x="{left + 24 + k * 170}" y="11">{quad.replace("_", " ")}</text>'
        for k, (quad, colour) in enumerate(QUAD_COLOURS.items())
    )
    return (
        f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img">'
        f"{legend}{''.join(marks)}</svg>"
    )


def network(pairs: pd.DataFrame, mentions: pd.Series, size: int = 760) -> str:
    """The co-occurrence network of the most mentioned actors, laid out by a spring model.

    Nodes are (name, label, entity_id); `mentions` holds their corpus mention counts.
    """
    nodes_a = list(zip(pairs["name_a"], pairs["label_a"], pairs["entity_a"]))
    nodes_b = list(zip(pairs["name_b"], pairs["label_b"], pairs["entity_b"]))
    weight = {key: int(mentions.get(key, 1)) for key in set(nodes_a) | set(nodes_b)}
    kept = sorted(weight, key=lambda key: (-weight[key], key))[:NETWORK_NODES]
    position_of = {key: k for k, key in enumerate(kept)}
    edges = [
        (position_of[a], position_of[b], int(n))
        for a, b, n in zip(nodes_a, nodes_b, pairs["n_sentences"])
        if a in position_of and b in position_of
    ]
    xy = spring_layout(len(kept), edges) * (size - 120) + 60
    heaviest = max([n for _, _, n in edges] + [1])
    biggest = max(weight.values())
    lines = "".join(
        f'<line x1="{xy[a, 0]:.1f}" y1="{xy[a, 1]:.1f}" x2="{xy[b, 0]:.1f}" y2="{xy[b, 1]:.1f}" '
        f'stroke="#90a4ae" stroke-opacity="0.7" stroke-width="{1 + 5 * n / heaviest:.1f}">'
        f"<title>{escape(kept[a][0])} – {escape(kept[b][0])}: {n} sentences</title></line>"
        for a, b, n in edges
    )
    circles = "".join(
        f'<circle cx="{xy[k, 0]:.1f}" cy="{xy[k, 1]:.1f}" r="{4 + 14 * math.sqrt(weight[key] / biggest):.1f}" '
        f'fill="{LABEL_COLOURS.get(key[1], OTHER_COLOUR)}" fill-opacity="0.85" stroke="#fff">'
        f"<title>{escape(key[0])} ({key[1]}): {weight[key]} mentions</title></circle>"
        f'<text x="{xy[k, 0]:.1f}" y="{xy[k, 1] - 6 - 14 * math.sqrt(weight[key] / biggest):.1f}" '
        f'text-anchor="middle">{escape(clip(key[0], 10))}</text>'
        for k, key in enumerate(kept)
    )
    legend = "".join(
        f'<circle cx="{14 + k * 90}" cy="10" r="6" fill="{LABEL_COLOURS[label]}"/>'
        f'<text x="{24 + k * 90}" y="14">{label}</text>'
        for k, label in enumerate(ACTOR_LABELS)
    )
    return f'<svg width="{size}" height="{size}" viewBox="0 0 {size} {size}" role="img">{legend}{lines}{circles}</svg>'


def spring_layout(n: int, edges: list[tuple[int, int, int]], iterations: int = 300) -> np.ndarray:
    """Fruchterman-Reingold positions in the unit square, deterministic (nodes start on a circle).

    >>> spring_layout(2, [(0, 1, 1)]).shape
    (2, 2)
    """
    if n == 1:
        return np.full((1, 2), 0.5)
    angles = np.linspace(0, 2 * np.pi, n, endpoint=False)
    xy = np.column_stack([np.cos(angles), np.sin(angles)]) * 0.5 + 0.5
    ideal = 1 / math.sqrt(n)
    weights = np.zeros((n, n))
    for a, b, w in edges:
        weights[a, b] = weights[b, a] = math.log1p(w)
    temperature = 0.1
    for _ in range(iterations):
        delta = xy[:, None, :] - xy[None, :, :]
        distance = np.maximum(np.linalg.norm(delta, axis=2), 1e-3)
        force = ideal**2 / distance**2 - weights * distance / ideal
        np.fill_diagonal(force, 0)
        # A pull towards the centre keeps actors unconnected to the main group from drifting to the edges.
        shift = (delta * force[:, :, None]).sum(axis=1) + GRAVITY * math.sqrt(n) * (0.5 - xy)
        length = np.maximum(np.linalg.norm(shift, axis=1), 1e-9)
        xy += shift / length[:, None] * np.minimum(length, temperature)[:, None]
        temperature *= 0.98
    low, high = xy.min(axis=0), xy.max(axis=0)
    return (xy - low) / np.where(high - low > 0, high - low, 1)
