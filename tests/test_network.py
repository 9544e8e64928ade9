"""The report's actor network: the strongest ties only, and labels that never overlap."""

from __future__ import annotations

import itertools
import math
import re

import pandas as pd
import pytest

from pipeline import network
from pipeline.charts import text_width


def _pairs(weights: list[int], labels=("GPE", "PERSON"), name_length: int = 4) -> pd.DataFrame:
    """Co-occurrence rows: pair k joins actors 2k and 2k+1 (names of `name_length` characters) with weight k."""
    rows = []
    for k, weight in enumerate(weights):
        a, b = (f"{chr(0x4E00 + 2 * k) * name_length}", f"{chr(0x4E01 + 2 * k) * name_length}")
        rows.append(
            {
                "entity_a": f"Q{2 * k}",
                "name_a": a,
                "label_a": labels[k % len(labels)],
                "entity_b": f"Q{2 * k + 1}",
                "name_b": b,
                "label_b": labels[(k + 1) % len(labels)],
                "n_sentences": weight,
                "n_docs": 1,
            }
        )
    return pd.DataFrame(rows)


def _overlap(one, two) -> bool:
    return one[0] < two[2] and two[0] < one[2] and one[1] < two[3] and two[1] < one[3]


def test_only_the_strongest_ties_are_kept_and_only_their_actors_are_drawn():
    weights = [(k * 37) % 101 + 1 for k in range(100)]
    pairs = _pairs(weights)
    pairs.loc[5, "label_a"] = "LAW"  # not an actor: never drawn, however strong
    pairs.loc[5, "n_sentences"] = 1000
    kept = network.strongest_ties(pairs, limit=10)
    actor_weights = [w for k, w in enumerate(weights) if k != 5]
    assert sorted(kept["n_sentences"], reverse=True) == sorted(actor_weights, reverse=True)[:10]
    svg = network.network_svg(kept, pd.Series(dtype=int))
    assert len(re.findall(r'<line class="tie"', svg)) == 10
    drawn = set(re.findall(r"<title>([^<(]+) \(", svg))
    assert drawn == {name.strip() for name in set(kept["name_a"]) | set(kept["name_b"])}


def test_ties_of_equal_weight_keep_the_table_order():
    kept = network.strongest_ties(_pairs([3, 5, 3, 3]), limit=3)
    assert list(kept["entity_a"]) == ["Q2", "Q0", "Q4"]


@pytest.mark.parametrize("n_ties, name_length", [(1, 2), (7, 10), (60, 10), (60, 3)])
def test_no_two_labels_overlap_and_no_label_covers_an_actor_or_enters_the_circle(n_ties, name_length):
    kept = network.strongest_ties(_pairs(list(range(n_ties, 0, -1)), name_length=name_length))
    keys = list(
        dict.fromkeys(
            k for t in kept.itertuples() for k in [(t.name_a, t.label_a, t.entity_a), (t.name_b, t.label_b, t.entity_b)]
        )
    )
    mentions = {key: 1 + k * 13 for k, key in enumerate(keys)}
    actors, centre_x, radius = network.place(keys, mentions)
    boxes = network.label_boxes(actors, centre_x, radius)
    assert len(boxes) == len(keys) == 2 * n_ties
    for one, two in itertools.combinations(boxes, 2):
        assert not _overlap(one, two), (one, two)
    centre_y = network.TOP + radius
    for box, actor in zip(boxes, actors):
        assert box[2] - box[0] == text_width(actor.label)
        assert box[0] >= 0
        for other in actors:  # a label clears every actor's circle
            nearest_x = min(max(other.x, box[0]), box[2])
            nearest_y = min(max(other.y, box[1]), box[3])
            assert math.hypot(nearest_x - other.x, nearest_y - other.y) > other.r
        nearest_x = min(max(centre_x, box[0]), box[2])  # the box's point nearest the centre ...
        nearest_y = min(max(centre_y, box[1]), box[3])
        assert math.hypot(nearest_x - centre_x, nearest_y - centre_y) > radius  # ... lies outside: ties are chords
        assert box[2] <= 2 * centre_x  # inside the drawing
