"""Property-based tests of the dates stage: never a crash, valid intervals and offsets, determinism."""

from __future__ import annotations

import dataclasses
import re
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.config import Config
from pipeline.dates import DateContext, find_dates, publication_interval, reference_date
from pipeline.resources import shared

LEXICON = shared().dates
CONFIG = Config()

PIECES = st.sampled_from(
    [
        "年",
        "月",
        "日",
        "號",
        "世紀",
        "年代",
        "初",
        "中",
        "底",
        "末",
        "上半年",
        "下旬",
        "春",
        "冬",
        "份",
        "的",
        "同年",
        "該年",
        "今年",
        "隔天",
        "次年",
        "當月",
        "上世紀",
        "民國",
        "前",
        "元",
        "九一一",
        "911",
        "事件",
        "0",
        "1",
        "2",
        "9",
        "12",
        "13",
        "29",
        "30",
        "31",
        "90",
        "99",
        "1999",
        "2001",
        "0000",
        "9999",
        "2199",
        "一",
        "二",
        "○",
        "〇",
        "十",
        "廿",
        "百",
        "二○○一",
        "九十",
        "至",
        "-",
        "∼",
        "~",
        "和",
        "、",
        "，",
        "。",
        "：",
        "「",
        "」",
        "（",
        "）",
        "(",
        ")",
        "《",
        "》",
        " ",
        "\n",
        "/",
        ".",
        "俄羅斯",
        "美國",
        "Dec",
        "May",
        "15,",
        "http://x.org/2001/02/30/",
        "p. ",
        "０",
        "２",
        "年年",
        "月月",
        "日日",
        "今天",
        "昨天",
        "明年",
        "去年",
        "本月",
        "下個月",
        "上",
        "下",
        "本",
        "這個",
        "週",
        "周",
        "星期",
        "禮拜",
        "三",
        "五",
        "天",
        "末",
        "兩",
        "個月",
        "以前",
        "之後",
        "的今天",
        "昨（3）日",
        "今(31)日",
        "112",
        "度",
        "民國前",
        "2023-05-04",
        "112/5/4",
        "（四）",
        "(一)",
        "元旦",
        "聖誕節",
        "至今年",
    ]
)
TEXTS = st.one_of(st.text(max_size=120), st.lists(PIECES, max_size=60).map("".join))
DAYS = st.dates(min_value=date(1, 1, 1), max_value=date(9998, 12, 31))
NARRATIVES = st.builds(
    DateContext,
    year=st.none() | st.integers(1, 9998),
    month=st.none() | st.tuples(st.integers(1, 9998), st.integers(1, 12)),
    day=st.none() | DAYS,
    mentioned_year=st.none() | st.integers(1, 9998),
)
CONTEXTS = st.one_of(
    NARRATIVES,
    st.builds(
        lambda narrative, reference, speech: DateContext(
            narrative.year, narrative.month, narrative.day, narrative.mentioned_year, reference, speech
        ),
        NARRATIVES,
        st.none() | DAYS,
        st.none() | NARRATIVES,
    ),
)
CITED = st.lists(DAYS.map(lambda d: (d.isoformat(), d.isoformat())), max_size=2).map(tuple)
KINDS = {"explicit", "contextual", "event_name", "in_title", "unresolved"}
GRANULARITIES = {"day", "month", "year", "decade", "century", "part"}


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.none() | CONTEXTS, CITED, st.booleans())
def test_dates_have_valid_offsets_and_intervals(text, context, cited, in_title):
    dates, after = find_dates(text, LEXICON, context, cited=cited, in_title=in_title)
    assert isinstance(after, DateContext)
    previous_end = 0
    for d in dates:
        assert 0 <= d.start < d.end <= len(text)
        assert d.text == text[d.start : d.end]
        assert d.start >= previous_end
        previous_end = d.end
        assert d.kind in KINDS and d.granularity in GRANULARITIES
        if d.kind == "unresolved":
            assert d.start_date == d.end_date == d.value == ""
        else:
            assert date.fromisoformat(d.start_date) <= date.fromisoformat(d.end_date)
            assert d.value


@settings(max_examples=100, deadline=None)
@given(TEXTS, st.none() | CONTEXTS)
def test_dates_are_deterministic(text, context):
    assert find_dates(text, LEXICON, context) == find_dates(text, LEXICON, context)


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_publication_interval_is_empty_or_a_valid_interval(text):
    start, end = publication_interval(text, LEXICON)
    assert (start == "") == (end == "")
    if start:
        assert date.fromisoformat(start) <= date.fromisoformat(end)
    assert publication_interval(text, LEXICON) == (start, end)


@settings(max_examples=100, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join), st.dates(min_value=date(2, 1, 1), max_value=date(9997, 12, 31)))
def test_today_is_the_document_date_whatever_came_before(text, written):
    _, context = find_dates(text, LEXICON, DateContext.written_on(written))
    dates, _ = find_dates("，今天", LEXICON, context)
    assert [(d.text, d.start_date) for d in dates] == [("今天", written.isoformat())]


@settings(max_examples=100, deadline=None)
@given(TEXTS)
def test_reference_date_is_none_or_a_day_of_the_first_lines(text):
    reference = reference_date(text, LEXICON, CONFIG.dates)
    assert reference is None or isinstance(reference, date)


EVERY_POSITION = dataclasses.replace(
    LEXICON, patterns=dataclasses.replace(LEXICON.patterns, phrase_start=re.compile(r"[\s\S]"))
)


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.none() | CONTEXTS)
def test_trying_readers_only_where_a_phrase_can_start_finds_what_trying_everywhere_finds(text, context):
    """The start filter (issue: dates tried at every character) may only skip, never change."""
    assert find_dates(text, LEXICON, context) == find_dates(text, EVERY_POSITION, context)
