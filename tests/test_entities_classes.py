"""Entities: classes of names beyond the lexicons' own rows (formal state names, administrative
units, ...), each checked on sentences of its own, not taken from an evaluation text."""

from __future__ import annotations

import pytest

from pipeline.nlp import load


@pytest.fixture(scope="module")
def nlp():
    return load()


def ents(nlp, text: str) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in nlp(text).ents]


FORMS = [
    ("土庫曼斯坦共和國總統訪問北京", [("土庫曼斯坦共和國", "GPE"), ("北京", "GPE")]),
    ("代表团抵达阿塞拜疆共和国首都", [("阿塞拜疆共和国", "GPE")]),
    ("澳門特別行政區的經濟", [("澳門特別行政區", "GPE")]),
    ("会议在重庆市举行", [("重庆市", "GPE")]),
    ("西藏自治区的发展", [("西藏自治区", "GPE")]),
]


@pytest.mark.parametrize("text, expected", FORMS)
def test_formal_state_names_and_administrative_units(nlp, text, expected):
    assert ents(nlp, text) == expected
