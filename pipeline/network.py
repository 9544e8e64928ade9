"""The report's actor network: the strongest ties only, labels that never overlap, and a filter.

Rule: of the pairs of actors (PERSON, ORG, GPE, NORP) named in one sentence (`stats/cooccurrence.csv`),
the `NETWORK_TIES` sharing the most sentences are drawn (ties broken by more chapters, then by the
table's order); an actor is drawn when at least one kept tie is its own. A hairball of every pair
hides the structure; the strongest ties show it, and the table under the chart lists them.

Layout, deterministic and free of label collisions: the actors sit on a circle, in label order and
then most mentioned first, clockwise from the top, the first half on the right half of the circle,
the rest on the left. Each half spaces its actors evenly in height, at least `ROW` pixels apart, and
every label is written on its actor's row, wholly outside the circle (rightwards on the right half,
leftwards on the left). Two labels of one half are a row apart, labels of the two halves lie on
either side of the vertical through the centre, and ties are chords inside the circle, so no label
touches another label or a tie. `label_boxes` gives the boxes, with estimated text widths, for tests.

The filter (a minimum number of shared sentences, a check box per label) hides ties and the actors
left without a shown tie; nothing moves, so the layout stays free of collisions.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

import pandas as pd

from .charts import FONT_SIZE, LABEL_COLOURS, OTHER_COLOUR, clip, format_number, text_width

ACTOR_LABELS = ("PERSON", "ORG", "GPE", "NORP")  # the network's nodes
NETWORK_TIES = 60
ROW = 20  # px between two actors of one half circle: a label's height plus room for a neighbour's circle
MIN_RADIUS = 230
LABEL_CHARS = 10
TOP = 56  # px above the circle, for the legend


@dataclass(frozen=True)
class Actor:
    """A drawn actor: its (name, label, entity_id) key, corpus mentions and place."""

    key: tuple[str, str, str]
    mentions: int
    x: float
    y: float
    r: float
    side: int  # +1: on the right half, label to the right; -1: on the left half, label to the left

    @property
    def label(self) -> str:
        return clip(self.key[0], LABEL_CHARS)


def strongest_ties(cooccurrence: pd.DataFrame, limit: int = NETWORK_TIES) -> pd.DataFrame:
    """The `limit` actor pairs sharing the most sentences, then the most chapters; a stable sort
    keeps the table's own order (by entity key) among equals."""
    pairs = cooccurrence[cooccurrence["label_a"].isin(ACTOR_LABELS) & cooccurrence["label_b"].isin(ACTOR_LABELS)]
    ranked = pairs.assign(w=pairs["n_sentences"].astype(int), d=pairs["n_docs"].astype(int))
    ranked = ranked.sort_values(["w", "d"], ascending=False, kind="mergesort")
    return ranked.head(limit).drop(columns=["w", "d"]).reset_index(drop=True)


def place(keys: list[tuple[str, str, str]], mentions: dict) -> tuple[list[Actor], float, float]:
    """Actors on the circle as the module docstring says; also the circle's centre x and radius."""
    order = sorted(keys, key=lambda k: (_label_rank(k[1]), -mentions[k], k))
    right = math.ceil(len(order) / 2)
    halves = [(order[:right], 1), (order[right:][::-1], -1)]  # the left half read top to bottom
    radius = max(MIN_RADIUS, right * ROW / 2)
    widest = max([text_width(clip(k[0], LABEL_CHARS)) for k in keys] + [0])
    centre_x, centre_y = widest + 24 + radius, TOP + radius
    biggest = max(list(mentions.values()) + [1])
    actors = []
    for members, side in halves:
        spacing = 2 * radius / max(len(members), 1)
        for k, key in enumerate(members):
            y = centre_y - radius + (k + 0.5) * spacing
            x = centre_x + side * math.sqrt(max(radius**2 - (y - centre_y) ** 2, 0.0))
            actors.append(Actor(key, mentions[key], x, y, 3 + 7 * math.sqrt(mentions[key] / biggest), side))
    return actors, centre_x, radius


def label_boxes(actors: list[Actor], centre_x: float, radius: float) -> list[tuple[float, float, float, float]]:
    """(left, top, right, bottom) of each actor's label as drawn, its width estimated: beside its
    circle and wholly outside the big circle, whose widest point within the label's height it clears."""
    boxes, centre_y = [], TOP + radius
    for actor in actors:
        nearest = max(abs(actor.y - centre_y) - FONT_SIZE / 2 - 1, 0.0)
        outside = math.sqrt(max(radius**2 - nearest**2, 0.0)) + 4
        width = text_width(actor.label)
        start = centre_x + actor.side * max(abs(actor.x - centre_x) + actor.r + 4, outside)
        left = start if actor.side > 0 else start - width
        boxes.append((left, actor.y - FONT_SIZE / 2 - 1, left + width, actor.y + FONT_SIZE / 2 + 1))
    return boxes


def network_svg(ties: pd.DataFrame, mentions: pd.Series) -> str:
    """The network of `ties` (rows of cooccurrence.csv); `mentions` by (name, label, entity_id)."""
    ends = [
        (tuple(a), tuple(b), int(n))
        for a, b, n in zip(
            ties[["name_a", "label_a", "entity_a"]].itertuples(index=False, name=None),
            ties[["name_b", "label_b", "entity_b"]].itertuples(index=False, name=None),
            ties["n_sentences"],
        )
    ]
    keys = list(dict.fromkeys(key for a, b, _ in ends for key in (a, b)))
    counts = {key: int(mentions.get(key, 1)) for key in keys}
    actors, centre_x, radius = place(keys, counts)
    at = {actor.key: k for k, actor in enumerate(actors)}
    heaviest = max([n for _, _, n in ends] + [1])
    lines = "".join(
        f'<line class="tie" data-a="{at[a]}" data-b="{at[b]}" data-label-a="{a[1]}" data-label-b="{b[1]}" '
        f'data-weight="{n}" x1="{actors[at[a]].x:.1f}" y1="{actors[at[a]].y:.1f}" x2="{actors[at[b]].x:.1f}" '
        f'y2="{actors[at[b]].y:.1f}" stroke="#78909c" stroke-opacity="0.6" stroke-width="{1 + 5 * n / heaviest:.1f}">'
        f"<title>{escape(a[0])} – {escape(b[0])}: {n} sentences</title></line>"
        for a, b, n in ends
    )
    nodes = "".join(
        f'<g class="actor" data-node="{k}" data-label="{actor.key[1]}">'
        f'<circle cx="{actor.x:.1f}" cy="{actor.y:.1f}" r="{actor.r:.1f}" '
        f'fill="{LABEL_COLOURS.get(actor.key[1], OTHER_COLOUR)}" stroke="#fff">'
        f"<title>{escape(actor.key[0])} ({actor.key[1]}): {format_number(actor.mentions)} mentions</title></circle>"
        f'<text x="{box[0] if actor.side > 0 else box[2]:.1f}" y="{actor.y + FONT_SIZE * 0.35:.1f}" '
        f'text-anchor="{"start" if actor.side > 0 else "end"}">{escape(actor.label)}</text></g>'
        for k, (actor, box) in enumerate(zip(actors, label_boxes(actors, centre_x, radius)))
    )
    width = 2 * centre_x
    height = TOP + 2 * radius + 24
    return (
        f'<svg id="network-svg" width="{width:.0f}" height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'role="img">{legend(counts, min(n for _, _, n in ends), heaviest)}{lines}{nodes}</svg>'
    )


def legend(counts: dict, lightest: int, heaviest: int) -> str:
    """What colour, circle size and line width stand for, with their units and ranges."""
    colours = "".join(
        f'<circle cx="{14 + k * 90}" cy="12" r="6" fill="{LABEL_COLOURS[label]}"/>'
        f'<text x="{24 + k * 90}" y="16">{label}</text>'
        for k, label in enumerate(ACTOR_LABELS)
    )
    low, high = min(counts.values()), max(counts.values())
    units = (
        f"circle area: mentions in the corpus ({format_number(low)}–{format_number(high)}); "
        f"line width: sentences naming both ({format_number(lightest)}–{format_number(heaviest)})"
    )
    return f'<g class="legend">{colours}<text x="8" y="40">{escape(units)}</text></g>'


def filter_controls(ties: pd.DataFrame) -> str:
    """The filter above the chart: minimum shared sentences and the labels shown (see SCRIPT in report.py)."""
    heaviest = int(ties["n_sentences"].astype(int).max())
    labels = [label for label in ACTOR_LABELS if label in set(ties["label_a"]) | set(ties["label_b"])]
    boxes = "".join(
        f'<label><input type="checkbox" class="network-label" value="{label}" checked> {label}</label> '
        for label in labels
    )
    return (
        f'<form id="network-filter" class="network-filter" onsubmit="return false">'
        f'<label>Minimum shared sentences <input type="range" id="network-min" min="1" max="{heaviest}" value="1">'
        f' <output id="network-min-value">1</output></label> {boxes}</form>'
    )


def ties_table(ties: pd.DataFrame) -> str:
    """The drawn ties as a table, strongest first, filtered with the chart."""
    rows = "".join(
        f'<tr data-weight="{int(t.n_sentences)}" data-label-a="{t.label_a}" data-label-b="{t.label_b}">'
        f"<td>{escape(t.name_a)} <small>{t.label_a}</small></td><td>{escape(t.name_b)} <small>{t.label_b}</small></td>"
        f'<td class="num">{int(t.n_sentences)}</td><td class="num">{int(t.n_docs)}</td></tr>'
        for t in ties.itertuples()
    )
    return (
        '<table id="network-ties"><thead><tr><th>Actor</th><th>Actor</th><th>Shared sentences</th>'
        f"<th>Chapters</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def _label_rank(label: str) -> int:
    return ACTOR_LABELS.index(label) if label in ACTOR_LABELS else len(ACTOR_LABELS)


SCRIPT = """
(function () {
  var form = document.getElementById("network-filter");
  if (!form) { return; }
  var minimum = document.getElementById("network-min");
  function apply() {
    var least = Number(minimum.value), shown = {}, visible = {};
    document.getElementById("network-min-value").textContent = minimum.value;
    form.querySelectorAll("input.network-label").forEach(function (box) { shown[box.value] = box.checked; });
    function kept(element) {
      var data = element.dataset;
      return Number(data.weight) >= least && shown[data.labelA] && shown[data.labelB];
    }
    document.querySelectorAll("#network-svg line.tie").forEach(function (line) {
      var on = kept(line);
      line.style.display = on ? "" : "none";
      if (on) { visible[line.dataset.a] = visible[line.dataset.b] = true; }
    });
    document.querySelectorAll("#network-svg g.actor").forEach(function (actor) {
      actor.style.display = visible[actor.dataset.node] ? "" : "none";
    });
    document.querySelectorAll("#network-ties tbody tr").forEach(function (row) { row.hidden = !kept(row); });
  }
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  apply();
})();
"""
