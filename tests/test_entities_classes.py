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


SESSIONS = [
    ("中国共产党第十九次全国代表大会闭幕", [("中国共产党第十九次全国代表大会", "EVENT")]),
    ("第十三届全国人民代表大会第二次会议开幕", [("第十三届全国人民代表大会第二次会议", "EVENT")]),
    ("十八届三中全会提出", [("十八届三中全会", "EVENT")]),
    ("党的二十大报告指出", [("二十大", "EVENT")]),
    ("第六屆立法會議員", [("第六屆立法會", "ORG")]),
    ("莫斯科峰會後", [("莫斯科峰會", "EVENT")]),
]


@pytest.mark.parametrize("text, expected", SESSIONS)
def test_numbered_bodies_sessions_and_summits(nlp, text, expected):
    assert ents(nlp, text) == expected


def test_a_count_of_big_things_is_no_congress(nlp):
    assert ("十五大", "EVENT") not in ents(nlp, "全国十五大城市的房价")


def test_forms_of_address_and_degrees_stay_outside_a_glossed_name(nlp):
    found = ents(nlp, "斐濟總理班尼馬拉瑪(H.E. Rear Admiral Frank Bainimarama)與紐西蘭總督(H.E. Dame Cindy Kiro, PhD)")
    assert ("Cindy Kiro", "PERSON") in found
    assert not any(text.startswith("H.E.") for text, _ in found)


def test_the_two_germanys_are_no_mention_of_one_state(nlp):
    assert ("德", "GPE") not in ents(nlp, "兩德統一後，柏林成為首都")


def test_a_degree_after_a_glossed_name_is_no_name(nlp):
    assert ("PhD", "PERSON") not in ents(nlp, "紐西蘭總督(H.E. Dame Cindy Kiro, PhD)")


DOTTED = [
    ("智利總統米歇爾.巴舍萊表示", ("米歇爾.巴舍萊", "PERSON")),
    ("自治区主席努尔·白克力说", ("努尔·白克力", "PERSON")),
    ("外長阿布杜拉．布代維會面", ("阿布杜拉．布代維", "PERSON")),
]


@pytest.mark.parametrize("text, expected", DOTTED)
def test_transliterated_names_joined_by_a_dot_are_one_person(nlp, text, expected):
    found = ents(nlp, text)
    assert expected in found
    assert not any(label == "PERSON" and text != expected[0] for text, label in found)
