"""Dates stage: expressions found, their intervals, context resolution, footnote dates, spaCy."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import spacy

from pipeline.config import Config
from pipeline.dates import DateContext, annotate, find_dates, publication_interval, reference_date
from pipeline.model import Block, Document, Footnote, Sentence
from pipeline.resources import shared
from pipeline.script import to_simplified

RESOURCES = shared()
CONFIG = Config()
LEXICON = RESOURCES.dates

SUITE = Path(__file__).parent / "fixtures" / "dates_suite" / "expressions.jsonl"

NO_CONTEXT = DateContext()
IN_2001 = DateContext(year=2001, month=(2001, 7), day=None, mentioned_year=2001)


def found(text: str, context: DateContext = NO_CONTEXT, **options) -> list[tuple[str, str, str, str, str]]:
    dates, _ = find_dates(text, LEXICON, context, **options)
    return [(d.text, d.start_date, d.end_date, d.granularity, d.kind) for d in dates]


# (text, [(expression, start, end, granularity, kind)])
EXPLICIT = [
    ("2000年4月14日俄羅斯", [("2000年4月14日", "2000-04-14", "2000-04-14", "day", "explicit")]),
    ("在 2000 年 4 月 14 日，", [("2000 年 4 月 14 日", "2000-04-14", "2000-04-14", "day", "explicit")]),
    ("2001年 2月\n28日結束", [("2001年 2月\n28日", "2001-02-28", "2001-02-28", "day", "explicit")]),
    ("1995 年 5 月在該", [("1995 年 5 月", "1995-05-01", "1995-05-31", "month", "explicit")]),
    ("1968 年產生的", [("1968 年", "1968-01-01", "1968-12-31", "year", "explicit")]),
    ("1994 年的 7 月 25 日", [("1994 年的 7 月 25 日", "1994-07-25", "1994-07-25", "day", "explicit")]),
    ("1999∼2001年，", [("1999∼2001年", "1999-01-01", "2001-12-31", "year", "explicit")]),
    ("1999年至2001年", [("1999年至2001年", "1999-01-01", "2001-12-31", "year", "explicit")]),
    ("1995 年至 99 年", [("1995 年至 99 年", "1995-01-01", "1999-12-31", "year", "explicit")]),
    ("2003年4月9-11日", [("2003年4月9-11日", "2003-04-09", "2003-04-11", "day", "explicit")]),
    ("2006 年 9 月 25 至 \n30 日", [("2006 年 9 月 25 至 \n30 日", "2006-09-25", "2006-09-30", "day", "explicit")]),
    ("1999年12月30日至2000年1月2日", [("1999年12月30日至2000年1月2日", "1999-12-30", "2000-01-02", "day", "explicit")]),
    ("2001年12月30日至1月2日", [("2001年12月30日至1月2日", "2001-12-30", "2002-01-02", "day", "explicit")]),
    ("2004 年 11 至 12 月間", [("2004 年 11 至 12 月", "2004-11-01", "2004-12-31", "month", "explicit")]),
    (
        "2005年和2006年之間",
        [
            ("2005年", "2005-01-01", "2005-12-31", "year", "explicit"),
            ("2006年", "2006-01-01", "2006-12-31", "year", "explicit"),
        ],
    ),
    ("90年至91年間", [("90年至91年", "1990-01-01", "1991-12-31", "year", "explicit")]),
    ("85至89年間", [("85至89年", "1985-01-01", "1989-12-31", "year", "explicit")]),
    ("70 年代初", [("70 年代初", "1970-01-01", "1972-12-31", "part", "explicit")]),
    ("20 世紀 90 年代", [("20 世紀 90 年代", "1990-01-01", "1999-12-31", "decade", "explicit")]),
    ("80年代後期", [("80年代後期", "1985-01-01", "1989-12-31", "part", "explicit")]),
    ("90年代中期", [("90年代中期", "1993-01-01", "1996-12-31", "part", "explicit")]),
    ("九十年代末", [("九十年代末", "1997-01-01", "1999-12-31", "part", "explicit")]),
    ("1990年代", [("1990年代", "1990-01-01", "1999-12-31", "decade", "explicit")]),
    ("70 年代中至 70 年代末", [("70 年代中至 70 年代末", "1973-01-01", "1979-12-31", "part", "explicit")]),
    ("21世紀初", [("21世紀初", "2001-01-01", "2030-12-31", "part", "explicit")]),
    ("21世紀", [("21世紀", "2001-01-01", "2100-12-31", "century", "explicit")]),
    ("二十世紀末", [("二十世紀末", "1971-01-01", "2000-12-31", "part", "explicit")]),
    ("2001年底", [("2001年底", "2001-10-01", "2001-12-31", "part", "explicit")]),
    ("1999年年底", [("1999年年底", "1999-10-01", "1999-12-31", "part", "explicit")]),
    ("2001年年中組建", [("2001年年中", "2001-04-01", "2001-09-30", "part", "explicit")]),
    ("2002年初，", [("2002年初", "2002-01-01", "2002-03-31", "part", "explicit")]),
    ("2000年下半年", [("2000年下半年", "2000-07-01", "2000-12-31", "part", "explicit")]),
    ("2001年上半年", [("2001年上半年", "2001-01-01", "2001-06-30", "part", "explicit")]),
    ("1999年春北約", [("1999年春", "1999-03-01", "1999-05-31", "part", "explicit")]),
    ("1999年冬", [("1999年冬", "1999-12-01", "2000-02-29", "part", "explicit")]),
    ("2001年第一季", [("2001年第一季", "2001-01-01", "2001-03-31", "part", "explicit")]),
    ("2002年10月底", [("2002年10月底", "2002-10-21", "2002-10-31", "part", "explicit")]),
    ("2003 年 8 月初", [("2003 年 8 月初", "2003-08-01", "2003-08-10", "part", "explicit")]),
    ("2005 年 12 月中旬", [("2005 年 12 月中旬", "2005-12-11", "2005-12-20", "part", "explicit")]),
    ("2001年2月下旬", [("2001年2月下旬", "2001-02-21", "2001-02-28", "part", "explicit")]),
    ("1997 年元月", [("1997 年元月", "1997-01-01", "1997-01-31", "month", "explicit")]),
    ("二○○一年", [("二○○一年", "2001-01-01", "2001-12-31", "year", "explicit")]),
    ("一九九九年十二月五日", [("一九九九年十二月五日", "1999-12-05", "1999-12-05", "day", "explicit")]),
    ("民國九十年", [("民國九十年", "2001-01-01", "2001-12-31", "year", "explicit")]),
    ("民國 90 年 3 月", [("民國 90 年 3 月", "2001-03-01", "2001-03-31", "month", "explicit")]),
    ("民國八十九年至九十年", [("民國八十九年至九十年", "2000-01-01", "2001-12-31", "year", "explicit")]),
    ("90年3月", [("90年3月", "1990-03-01", "1990-03-31", "month", "explicit")]),
    ("民國八十年代以來", [("民國八十年代", "1991-01-01", "2000-12-31", "decade", "explicit")]),
    ("一九九○年代", [("一九九○年代", "1990-01-01", "1999-12-31", "decade", "explicit")]),
    # 在2001年中 is "during 2001": only the doubled 年年中 is mid-year; the year contains either reading
    ("在2001年中，", [("2001年", "2001-01-01", "2001-12-31", "year", "explicit")]),
    ("2001年中國加入世貿", [("2001年", "2001-01-01", "2001-12-31", "year", "explicit")]),
    ("1999年初步達成協議", [("1999年", "1999-01-01", "1999-12-31", "year", "explicit")]),
    ("2001/12/14", [("2001/12/14", "2001-12-14", "2001-12-14", "day", "explicit")]),
    ("911事件爲俄美關係", [("911事件", "2001-09-11", "2001-09-11", "day", "event_name")]),
    ("在 911之後", [("911", "2001-09-11", "2001-09-11", "day", "event_name")]),
    ("「911 事件改變了", [("911 事件", "2001-09-11", "2001-09-11", "day", "event_name")]),
    ("美國遭受911恐怖襲擊", [("911", "2001-09-11", "2001-09-11", "day", "event_name")]),
    ("九一一事件後", [("九一一事件", "2001-09-11", "2001-09-11", "day", "event_name")]),
    ("2001年9月11日上午8點55分", [("2001年9月11日", "2001-09-11", "2001-09-11", "day", "explicit")]),
    ("自1995年起就", [("1995年", "1995-01-01", "1995-12-31", "year", "explicit")]),
    ("2012年12月31日前", [("2012年12月31日", "2012-12-31", "2012-12-31", "day", "explicit")]),
]


@pytest.mark.parametrize("text, expected", EXPLICIT)
def test_explicit_dates_are_found_and_normalised(text, expected):
    assert found(text) == expected


NOT_DATES = [
    "雙方主宰了世界將近 40 年",
    "在過去的10年間",
    "經過 9個月的談判",
    "10年",
    "50多年來",
    "依第 102條規定",
    "288 票贊成，131 票反對",
    "有 911 人死亡",
    "近年來",
    "當時",
    "冷戰時期",
    "這10年中",
    "每年年底",
    "歲月中",
    "每月",
    "數日之後",
    "第3日",
    "與 3 日本企業",
    "3號公路",
    "2,001年",
    "1000萬美元",
    "300年前",
    "不同年齡",
    "俄羅斯與中國在 2/3 的議題上",
    "停火三日",
    "在10-20年間",
    "公元前221年",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_durations_counts_and_vague_periods_are_not_dates(text):
    assert found(text, IN_2001) == []


# (text, expected) in a context where the narrative stands in July 2001
CONTEXTUAL = [
    ("同年，美國國務", [("同年", "2001-01-01", "2001-12-31", "year", "contextual")]),
    ("同年5月1日，", [("同年5月1日", "2001-05-01", "2001-05-01", "day", "contextual")]),
    ("同年的 3 月 27 日", [("同年的 3 月 27 日", "2001-03-27", "2001-03-27", "day", "contextual")]),
    ("於該年的 6 月在莫斯科", [("該年的 6 月", "2001-06-01", "2001-06-30", "month", "contextual")]),
    ("翌年 7 月", [("翌年 7 月", "2002-07-01", "2002-07-31", "month", "contextual")]),
    ("次年", [("次年", "2002-01-01", "2002-12-31", "year", "contextual")]),
    ("今年11月間", [("今年11月", "2001-11-01", "2001-11-30", "month", "contextual")]),
    ("去年底", [("去年底", "2000-10-01", "2000-12-31", "part", "contextual")]),
    (
        "10 月和 11 月",
        [
            ("10 月", "2001-10-01", "2001-10-31", "month", "contextual"),
            ("11 月", "2001-11-01", "2001-11-30", "month", "contextual"),
        ],
    ),
    ("從9月份起", [("9月份", "2001-09-01", "2001-09-30", "month", "contextual")]),
    ("於當月底提供", [("當月底", "2001-07-21", "2001-07-31", "part", "contextual")]),
    ("他將在月底赴莫斯科", [("月底", "2001-07-21", "2001-07-31", "part", "contextual")]),
    ("出口占上半年出口總額", [("上半年", "2001-01-01", "2001-06-30", "part", "contextual")]),
    ("27日晚間", [("27日", "2001-07-27", "2001-07-27", "day", "contextual")]),
    ("元月", [("元月", "2001-01-01", "2001-01-31", "month", "contextual")]),
    ("上世紀90年代", [("上世紀90年代", "1990-01-01", "1999-12-31", "decade", "contextual")]),
]


@pytest.mark.parametrize("text, expected", CONTEXTUAL)
def test_contextual_dates_take_what_is_missing_from_the_context(text, expected):
    assert found(text, IN_2001) == expected


def test_contextual_date_without_context_is_unresolved():
    assert found("27日晚間，同年") == [("27日", "", "", "day", "unresolved"), ("同年", "", "", "year", "unresolved")]


def resolve_in_order(sentences: list[str]) -> list[tuple[str, str]]:
    """(expression, start_date) of each date of a sequence of sentences, in reading order."""
    context, result = DateContext(), []
    for sentence in sentences:
        dates, context = find_dates(sentence, LEXICON, context)
        result += [(d.text, d.start_date) for d in dates]
    return result


# (sentences in reading order, [(expression, start_date)])
READING_ORDER = [
    (
        ["2001年7月22日，兩國元首會晤。", "萊斯在高峰會的隔天飛往莫斯科。"],
        [("2001年7月22日", "2001-07-22"), ("隔天", "2001-07-23")],
    ),
    (
        ["1997年：簽署條約。", "同年，國務卿在9月簽字。"],
        [("1997年", "1997-01-01"), ("同年", "1997-01-01"), ("9月", "1997-09-01")],
    ),
    (
        ["2001年3月28日，美國宣佈。", "6月1日，俄羅斯表示。"],
        [("2001年3月28日", "2001-03-28"), ("6月1日", "2001-06-01")],
    ),
    (
        ["2002年6月14日，俄羅斯退出條約。", "12月10日，白宮公佈報告。"],
        [("2002年6月14日", "2002-06-14"), ("12月10日", "2002-12-10")],
    ),
    (
        ["2002年9月12日發表演說。", "11月8日，聯合國通過決議。", "次月，雙方會談。"],
        [("2002年9月12日", "2002-09-12"), ("11月8日", "2002-11-08"), ("次月", "2002-12-01")],
    ),
    (
        [
            "2008年8月8日，北京奥运会开幕。",
            "同月，俄罗斯与格鲁吉亚爆发战争。",
            "8月26日，俄罗斯承认南奥塞梯独立。",
            "次年3月，美俄关系“重启”。",
            "2009年7月6日至8日，奥巴马访问莫斯科。",
        ],
        [
            ("2008年8月8日", "2008-08-08"),
            ("同月", "2008-08-01"),
            ("8月26日", "2008-08-26"),
            ("次年3月", "2009-03-01"),
            ("2009年7月6日至8日", "2009-07-06"),
        ],
    ),
    (
        ["民國九十七年五月二十日，馬英九就任總統。", "同年十一月，陳雲林來台。"],
        [("民國九十七年五月二十日", "2008-05-20"), ("同年十一月", "2008-11-01")],
    ),
]


@pytest.mark.parametrize("sentences, expected", READING_ORDER)
def test_context_runs_through_sentences_in_reading_order(sentences, expected):
    assert resolve_in_order(sentences) == expected


def test_bare_day_skips_an_intervening_year_only_date():
    sentences = ["2001年2月28日結束訪問，普欽表示，1972年所簽訂的 ABM是基石。", "小布希則在美國時間 27日晚間發表演說。"]
    assert resolve_in_order(sentences)[-1] == ("27日", "2001-02-27")


def test_background_year_does_not_move_the_narrative():
    sentences = ["2001年10月21日，兩國元首會晤，並就1972年的ABM條約交換意見。", "倫斯斐在10月25日宣佈取消試驗。"]
    assert resolve_in_order(sentences)[-1] == ("10月25日", "2001-10-25")


def test_background_month_does_not_move_the_narrative():
    sentences = [
        "2000 年 4 月 14 日杜馬批准條約，因為中間黨派在 1999年 12月的議會選舉中獲勝。",
        "普欽也在4月15日重申。",
    ]
    assert resolve_in_order(sentences)[-1] == ("4月15日", "2000-04-15")


def test_sentence_initial_earlier_date_moves_the_narrative():
    sentences = ["2003年5月14日，杜馬通過條約。", "1999年7月，國際貨幣基金會恢復貸款。", "8月25日，俄羅斯付款。"]
    assert resolve_in_order(sentences)[-1] == ("8月25日", "1999-08-25")


def test_same_year_refers_back_even_to_a_background_date():
    sentences = ["2001年10月21日，雙方討論 1972年的條約。", "同年，蘇聯簽署。"]
    assert resolve_in_order(sentences)[-1] == ("同年", "1972-01-01")


def test_parenthetical_date_is_an_aside():
    sentences = [
        "2005 年 12 月 12 日，普丁前往吉隆坡會見戴克辛（2007 年 4 月因政變而下台），並出席了 12 月 14 日的高峰會。"
    ]
    assert resolve_in_order(sentences)[-1] == ("12 月 14 日", "2005-12-14")


# (sentence, cited footnote dates, context, [(expression, start_date)])
FOOTNOTE_HINTS = [
    # the note dates the report itself: 14日 is 14 Dec 2001, not the 14th of the narrative's June 2002
    (
        "消息報 14日報導寫到：",
        (("2001-12-14", "2001-12-14"),),
        DateContext(2002, (2002, 6), None, 2002),
        [("14日", "2001-12-14")],
    ),
    # 23日 next to a note of 23 Mar 2003 while the context stands in November 2002
    (
        "華盛頓郵報 23日報道",
        (("2003-03-23", "2003-03-23"),),
        DateContext(2002, (2002, 11), None, 2002),
        [("23日", "2003-03-23")],
    ),
    # a month-day far from every cited report takes the report's year
    (
        "8月25日付給 IMF",
        (("2001-11-19", "2001-11-19"),),
        DateContext(2000, None, None, 2000),
        [("8月25日", "2001-08-25")],
    ),
    # consistent with the report: the context stands
    (
        "3日在北京大學演講",
        (("2002-12-04", "2002-12-04"),),
        DateContext(2002, (2002, 12), None, 2002),
        [("3日", "2002-12-03")],
    ),
    # quoted 今天 is no later than its report
    (
        "普欽說：「美國今天的舉動」",
        (("2001-12-13", "2001-12-13"),),
        DateContext(2001, (2001, 12), date(2001, 12, 14), 2001),
        [("今天", "2001-12-13")],
    ),
    # consistent with the context: a report of the 19th of the next month does not move it
    (
        "19日，美國國防部下令",
        (("2001-10-19", "2001-10-19"),),
        DateContext(2001, (2001, 9), None, 2001),
        [("19日", "2001-09-19")],
    ),
    # a note dated only by year gives no hint
    (
        "24日發表評論",
        (("2002-01-01", "2002-12-31"),),
        DateContext(2001, (2001, 7), None, 2001),
        [("24日", "2001-07-24")],
    ),
]


@pytest.mark.parametrize("sentence, cited, context, expected", FOOTNOTE_HINTS)
def test_cited_footnote_dates_overrule_the_mechanical_context(sentence, cited, context, expected):
    dates, _ = find_dates(sentence, LEXICON, context, cited=cited)
    assert [(d.text, d.start_date) for d in dates] == expected


# (footnote text, (pub_start, pub_end))
PUBLICATION = [
    ("「美俄核武談判牽動亞太安全」，中央日報，19 Apr 2000, p. 2。", ("2000-04-19", "2000-04-19")),
    ("“Putin's Progress,” Wall Street Journal, 16 Nov 2001.", ("2001-11-16", "2001-11-16")),
    (
        "“ASEAN, Russia Cooperation”, Office of the Prime Minister, May 15, 2007, http://x.my/",
        ("2007-05-15", "2007-05-15"),
    ),
    ("Asia Times Online, Dec.12, 2006, http://www.atimes.com/.", ("2006-12-12", "2006-12-12")),
    ("Sunday Times, 25, July 1993, quoted from", ("1993-07-25", "1993-07-25")),
    ("NATO’s Sixteen Nations 36, 7 (Dec 1991): 58-62.", ("1991-12-01", "1991-12-31")),
    ("David Tanks, “National Missile Defense,” IF-PA, Jul 2000, http://www.ifpa.org/", ("2000-07-01", "2000-07-31")),
    ("Comparative Strategy 14 (1995): 239.", ("1995-01-01", "1995-12-31")),
    ("李少軍，國際安全警示錄 (北京：金城出版社，1997), p. 202。", ("1997-01-01", "1997-12-31")),
    ("俄羅斯新聞網，「俄計劃擴大」，2006 年 12 月 7 日，http://big5.rusnews.cn/。", ("2006-12-07", "2006-12-07")),
    ("曹衛平，「關係」，湖南文理學院學報，2005 年 11月第 30 卷第 6 期，頁 80。", ("2005-11-01", "2005-11-30")),
    ("中國時報，民國九十年三月五日，第2版。", ("2001-03-05", "2001-03-05")),
    ("見 2001/12/14 新聞稿", ("2001-12-14", "2001-12-14")),
    ("Известия, 14 декабря 2001 г.", ("2001-12-14", "2001-12-14")),
    # the date in a quoted title is the subject, not the publication
    ("魏宗雷，「2002年美國外交及戰略作了哪些調整？」，中國網，25 Dec 2002, http://x.cn/", ("2002-12-25", "2002-12-25")),
    ("「俄羅斯 2003年經濟情勢分析」，蕃薯藤，5 Jan 2003, http://news.yam.com/x.html。", ("2003-01-05", "2003-01-05")),
    # a declaration dated only in its title
    (
        "“Kuala Lumpur Declaration, 14 December 2005”, at http://www.aseansec.org/18098.htm.",
        ("2005-12-14", "2005-12-14"),
    ),
    # only the URL dates it
    (
        "“Путин помирился с Америкой,” Газета Ru., http://www.gazeta.ru/2003/05/14/pauelliputin.shtml.",
        ("2003-05-14", "2003-05-14"),
    ),
    # page ranges and volume numbers are not dates
    ("Foreign Affairs 81, 2 (2002): 16-31.", ("2002-01-01", "2002-12-31")),
    # comments in prose cite nothing
    ("從歷史上看，1955年，蘇聯提出加入北約；戈巴契夫在 1990年便曾三度提及此事。普欽舊話重提意在改善關係。", ("", "")),
    ("根據第二階段裁減戰略武器條約的規定，到 2007年，俄羅斯和美國的核武庫將分別削減到 3500枚核彈頭以下。", ("", "")),
    ("Donald S. Zagoria, “Soviet Policy in Southeast Asia”, p.168.", ("", "")),
]


@pytest.mark.parametrize("text, expected", PUBLICATION)
def test_publication_interval_is_the_most_specific_citation_date(text, expected):
    assert publication_interval(text, LEXICON) == expected


def small_document() -> Document:
    heading = Block(
        "heading",
        "第一節 2001年以後的俄美關係",
        level=2,
        index=0,
        sentences=[Sentence("d:p000:s00", "第一節 2001年以後的俄美關係", 0)],
    )
    first = Block(
        "paragraph",
        "2002年6月13日美國退出條約。對此，消息報 14日報導寫到：",
        index=1,
        sentences=[
            Sentence("d:p001:s00", "2002年6月13日美國退出條約。", 0),
            Sentence("d:p001:s01", "對此，消息報 14日報導寫到：", 17),
        ],
    )
    quote = Block(
        "quote",
        "「一切皆在意料之中」。",
        index=2,
        sentences=[Sentence("d:p002:s00", "「一切皆在意料之中」。", 0, footnote_refs=[1])],
    )
    title = Block(
        "paragraph",
        "俄羅斯政府批准了「2020年前俄羅斯能源戰略」。",
        index=3,
        sentences=[Sentence("d:p003:s00", "俄羅斯政府批准了「2020年前俄羅斯能源戰略」。", 0)],
    )
    notes = [Footnote(1, "“Плановая ошибка,” Известия [消息報], 14 Dec 2001, p. 1.")]
    return Document(doc_id="d", source="d.txt", blocks=[heading, first, quote, title], footnotes=notes)


def test_annotate_fills_footnote_publication_dates():
    document = annotate(small_document(), RESOURCES, CONFIG)
    assert (document.footnotes[0].pub_start, document.footnotes[0].pub_end) == ("2001-12-14", "2001-12-14")


def test_annotate_marks_heading_dates_in_title():
    document = annotate(small_document(), RESOURCES, CONFIG)
    heading_dates = document.blocks[0].sentences[0].dates
    assert [(d.text, d.kind, d.start_date) for d in heading_dates] == [("2001年", "in_title", "2001-01-01")]


def test_sentence_ending_in_colon_is_dated_by_the_note_of_its_quotation():
    document = annotate(small_document(), RESOURCES, CONFIG)
    bare_day = document.blocks[1].sentences[1].dates[0]
    assert (bare_day.text, bare_day.start_date, bare_day.kind) == ("14日", "2001-12-14", "contextual")


def test_date_inside_a_quoted_document_title_is_in_title():
    document = annotate(small_document(), RESOURCES, CONFIG)
    title_date = document.blocks[3].sentences[0].dates[0]
    assert (title_date.text, title_date.kind, title_date.start_date) == ("2020年", "in_title", "2020-01-01")


def test_date_in_quoted_speech_is_not_a_title():
    assert found("他說：「2001年是關鍵的一年」") == [("2001年", "2001-01-01", "2001-12-31", "year", "explicit")]


def test_offsets_index_the_sentence_text():
    text = "俄羅斯在 2000 年 4 月 14 日批准，911事件後又在 10月 改變"
    dates, _ = find_dates(text, LEXICON, IN_2001)
    assert (
        [text[d.start : d.end] for d in dates] == [d.text for d in dates] == ["2000 年 4 月 14 日", "911事件", "10月"]
    )


def test_simplified_text_gives_the_same_dates_as_traditional():
    traditional = "同年的3月27日，俄羅斯在2001年年底與20世紀90年代後期的隔天"
    simplified = to_simplified(traditional)
    assert simplified != traditional
    assert found(simplified, IN_2001) == [(to_simplified(t), *rest) for t, *rest in found(traditional, IN_2001)]


def test_values_follow_timex3():
    dates, _ = find_dates(
        "2001年6月16日、2001年6月、2001年、90年代、21世紀、2001年上半年、1999年春", LEXICON, NO_CONTEXT
    )
    assert [d.value for d in dates] == ["2001-06-16", "2001-06", "2001", "199", "20", "2001-H1", "1999-SP"]


def test_spacy_component_sets_dates_and_spans_on_a_blank_chinese_pipeline():
    import pipeline.dates  # noqa: F401  (registers the component)

    nlp = spacy.blank("zh")
    nlp.add_pipe("dates")
    doc = nlp("2001年7月22日普欽和小布希會晤，隔天萊斯飛往莫斯科。911事件後")
    assert [(d.text, d.start_date) for d in doc._.dates] == [
        ("2001年7月22日", "2001-07-22"),
        ("隔天", "2001-07-23"),
        ("911事件", "2001-09-11"),
    ]
    assert [(s.text, s.label_) for s in doc.spans["dates"]] == [
        ("2001年7月22日", "DATE"),
        ("隔天", "DATE"),
        ("911事件", "DATE"),
    ]


def test_spacy_component_keeps_dates_resolved_in_document_context():
    import pipeline.dates  # noqa: F401

    nlp = spacy.blank("zh")
    nlp.add_pipe("dates")
    doc = nlp.make_doc("普欽也在4月15日重申")
    doc._.dates = find_dates(doc.text, LEXICON, DateContext(2000, (2000, 4), None, 2000))[0]
    doc = nlp.get_pipe("dates")(doc)
    assert [(s.text, doc._.dates[0].start_date) for s in doc.spans["dates"]] == [("4月15日", "2000-04-15")]


KNOWN_FAILURES = [
    pytest.param(
        "直到今天，俄羅斯仍然",
        [],
        marks=pytest.mark.xfail(
            reason="今天 meaning the present (the author's time) is resolved like quoted speech's 今天"
        ),
    ),
    pytest.param(
        "2001年春節",
        [("2001年春節", "2001-01-24", "2001-01-24", "day", "explicit")],
        marks=pytest.mark.xfail(reason="lunar holidays need a lunisolar calendar; only the year is found"),
    ),
    pytest.param(
        "2001年上半年至2002年下半年",
        [("2001年上半年至2002年下半年", "2001-01-01", "2002-12-31", "part", "explicit")],
        marks=pytest.mark.xfail(reason="ranges between parts of years are two expressions"),
    ),
]


@pytest.mark.parametrize("text, expected", KNOWN_FAILURES)
def test_known_failures(text, expected):
    assert found(text, DateContext(2001, (2001, 7), date(2001, 7, 22), 2001)) == expected


# ---------------------------------------------------------------- the time of speaking (news)

# a news story dated Thursday 4 May 2023: its week runs from Monday 1 May to Sunday 7 May
WRITTEN = DateContext.written_on(date(2023, 5, 4))

# (text, [(expression, start, end, granularity, kind)]) with the document dated 2023-05-04
DEICTIC = [
    ("今天上午召開院會", [("今天", "2023-05-04", "2023-05-04", "day", "contextual")]),
    ("今日", [("今日", "2023-05-04", "2023-05-04", "day", "contextual")]),
    ("本日", [("本日", "2023-05-04", "2023-05-04", "day", "contextual")]),
    ("昨天", [("昨天", "2023-05-03", "2023-05-03", "day", "contextual")]),
    ("昨日", [("昨日", "2023-05-03", "2023-05-03", "day", "contextual")]),
    ("前天", [("前天", "2023-05-02", "2023-05-02", "day", "contextual")]),
    ("明天凌晨", [("明天", "2023-05-05", "2023-05-05", "day", "contextual")]),
    ("明日", [("明日", "2023-05-05", "2023-05-05", "day", "contextual")]),
    ("後天起", [("後天", "2023-05-06", "2023-05-06", "day", "contextual")]),
    ("今晨", [("今晨", "2023-05-04", "2023-05-04", "day", "contextual")]),
    ("昨晚", [("昨晚", "2023-05-03", "2023-05-03", "day", "contextual")]),
    ("明晚", [("明晚", "2023-05-05", "2023-05-05", "day", "contextual")]),
    ("今年", [("今年", "2023-01-01", "2023-12-31", "year", "contextual")]),
    ("本年", [("本年", "2023-01-01", "2023-12-31", "year", "contextual")]),
    ("去年", [("去年", "2022-01-01", "2022-12-31", "year", "contextual")]),
    ("前年", [("前年", "2021-01-01", "2021-12-31", "year", "contextual")]),
    ("明年", [("明年", "2024-01-01", "2024-12-31", "year", "contextual")]),
    ("後年", [("後年", "2025-01-01", "2025-12-31", "year", "contextual")]),
    ("本月", [("本月", "2023-05-01", "2023-05-31", "month", "contextual")]),
    ("這個月", [("這個月", "2023-05-01", "2023-05-31", "month", "contextual")]),
    ("上月", [("上月", "2023-04-01", "2023-04-30", "month", "contextual")]),
    ("上個月", [("上個月", "2023-04-01", "2023-04-30", "month", "contextual")]),
    ("下月", [("下月", "2023-06-01", "2023-06-30", "month", "contextual")]),
    ("下個月", [("下個月", "2023-06-01", "2023-06-30", "month", "contextual")]),
    ("上月28日", [("上月28日", "2023-04-28", "2023-04-28", "day", "contextual")]),
    ("明年1月1日", [("明年1月1日", "2024-01-01", "2024-01-01", "day", "contextual")]),
    ("去年10月至今年3月", [("去年10月至今年3月", "2022-10-01", "2023-03-31", "month", "contextual")]),
]

PARTS_OF_DEICTIC_UNITS = [
    ("本月底", [("本月底", "2023-05-21", "2023-05-31", "part", "contextual")]),
    ("上個月底", [("上個月底", "2023-04-21", "2023-04-30", "part", "contextual")]),
    ("下月初", [("下月初", "2023-06-01", "2023-06-10", "part", "contextual")]),
    ("本月中", [("本月中", "2023-05-11", "2023-05-20", "part", "contextual")]),
    ("今年底", [("今年底", "2023-10-01", "2023-12-31", "part", "contextual")]),
    ("明年初", [("明年初", "2024-01-01", "2024-03-31", "part", "contextual")]),
    ("預計年底前完工", [("年底", "2023-10-01", "2023-12-31", "part", "contextual")]),
]

WEEKS = [
    ("本週", [("本週", "2023-05-01", "2023-05-07", "part", "contextual")]),
    ("這週", [("這週", "2023-05-01", "2023-05-07", "part", "contextual")]),
    ("上週，", [("上週", "2023-04-24", "2023-04-30", "part", "contextual")]),
    ("下週", [("下週", "2023-05-08", "2023-05-14", "part", "contextual")]),
    ("上個星期", [("上個星期", "2023-04-24", "2023-04-30", "part", "contextual")]),
    ("週三", [("週三", "2023-05-03", "2023-05-03", "day", "contextual")]),
    ("星期五", [("星期五", "2023-05-05", "2023-05-05", "day", "contextual")]),
    ("禮拜天", [("禮拜天", "2023-05-07", "2023-05-07", "day", "contextual")]),
    ("上週三凌晨", [("上週三", "2023-04-26", "2023-04-26", "day", "contextual")]),
    ("下週一", [("下週一", "2023-05-08", "2023-05-08", "day", "contextual")]),
    ("上星期天", [("上星期天", "2023-04-30", "2023-04-30", "day", "contextual")]),
    ("下個禮拜二", [("下個禮拜二", "2023-05-09", "2023-05-09", "day", "contextual")]),
    ("本週末", [("本週末", "2023-05-06", "2023-05-07", "part", "contextual")]),
    ("下週三至週五", [("下週三至週五", "2023-05-10", "2023-05-12", "day", "contextual")]),
    ("周三晚間", [("周三", "2023-05-03", "2023-05-03", "day", "contextual")]),
    ("部長周五表示", [("周五", "2023-05-05", "2023-05-05", "day", "contextual")]),
    ("上週日本首相訪美", [("上週", "2023-04-24", "2023-04-30", "part", "contextual")]),
]

OFFSETS = [
    ("三天後", [("三天後", "2023-05-07", "2023-05-07", "day", "contextual")]),
    ("3天前", [("3天前", "2023-05-01", "2023-05-01", "day", "contextual")]),
    ("三日後", [("三日後", "2023-05-07", "2023-05-07", "day", "contextual")]),
    ("兩週前", [("兩週前", "2023-04-17", "2023-04-23", "part", "contextual")]),
    ("兩個月後", [("兩個月後", "2023-07-01", "2023-07-31", "month", "contextual")]),
    ("3個月以前", [("3個月以前", "2023-02-01", "2023-02-28", "month", "contextual")]),
    ("兩年前", [("兩年前", "2021-01-01", "2021-12-31", "year", "contextual")]),
    ("十年之後", [("十年之後", "2033-01-01", "2033-12-31", "year", "contextual")]),
    ("去年的今天", [("去年的今天", "2022-05-04", "2022-05-04", "day", "contextual")]),
    ("十年前的今天", [("十年前的今天", "2013-05-04", "2013-05-04", "day", "contextual")]),
]

# Taiwanese newspapers spell out the day of 昨天, 今天, 明天; a bare day is in the story's month
NEWSPAPER_DAYS = [
    ("行政院昨（3）日宣布", [("昨（3）日", "2023-05-03", "2023-05-03", "day", "contextual")]),
    ("今(4)日起", [("今(4)日", "2023-05-04", "2023-05-04", "day", "contextual")]),
    ("明（5）日", [("明（5）日", "2023-05-05", "2023-05-05", "day", "contextual")]),
    ("5日晚間", [("5日", "2023-05-05", "2023-05-05", "day", "contextual")]),
    ("（中央社記者王明台北4日電）", [("4日", "2023-05-04", "2023-05-04", "day", "contextual")]),
]

HOLIDAYS = [
    ("今年聖誕節", [("今年聖誕節", "2023-12-25", "2023-12-25", "day", "contextual")]),
    ("元旦連假", [("元旦", "2023-01-01", "2023-01-01", "day", "contextual")]),
    ("2001年元旦", [("2001年元旦", "2001-01-01", "2001-01-01", "day", "explicit")]),
    ("去年的跨年夜", [("去年的跨年夜", "2022-12-31", "2022-12-31", "day", "contextual")]),
]


@pytest.mark.parametrize(
    "text, expected", DEICTIC + PARTS_OF_DEICTIC_UNITS + WEEKS + OFFSETS + NEWSPAPER_DAYS + HOLIDAYS
)
def test_deictic_words_count_from_the_document_date(text, expected):
    assert found(text, WRITTEN) == expected


NOT_DATES_IN_NEWS = [
    "展覽將持續三天",
    "他服務了兩年",
    "到職第三天",
    "創校五十週年",
    "週年慶",
    "每週三休館",
    "週末假期",
    "周一鳴教授指出",
    "周五郎的小說",
    "會上周恩來指出",
    "比分是5/4",
    "近日",
    "日前",
    "三年多前",
    "十多年前",
    "數天後",
    "幾年前",
    "他三天前往美國",
    "十五日後",
    "已有150年歷史",
    "100年來",
    "在100年的時間裡",
    "西元前100年",
    "後天環境",
    "中國的明天",
    "時至今日",
    "請於3日內回覆",
    "這兩天",
    "上午抵達，下午離開",
]


@pytest.mark.parametrize("text", NOT_DATES_IN_NEWS)
def test_durations_names_and_vague_words_are_not_dates_in_news(text):
    assert found(text, WRITTEN) == []


# (text, [(expression, start, end, granularity, kind)]) without any context
NOTATIONS = [
    ("2023-05-04", [("2023-05-04", "2023-05-04", "2023-05-04", "day", "explicit")]),
    ("2023/5/4", [("2023/5/4", "2023-05-04", "2023-05-04", "day", "explicit")]),
    ("2023.5.4", [("2023.5.4", "2023-05-04", "2023-05-04", "day", "explicit")]),
    ("２０２３年５月４日", [("２０２３年５月４日", "2023-05-04", "2023-05-04", "day", "explicit")]),
    ("２０２３／５／４", [("２０２３／５／４", "2023-05-04", "2023-05-04", "day", "explicit")]),
    ("112年5月4日", [("112年5月4日", "2023-05-04", "2023-05-04", "day", "explicit")]),
    ("民國112年5月4日", [("民國112年5月4日", "2023-05-04", "2023-05-04", "day", "explicit")]),
    ("112/5/4", [("112/5/4", "2023-05-04", "2023-05-04", "day", "explicit")]),
    ("一一二年五月四日", [("一一二年五月四日", "2023-05-04", "2023-05-04", "day", "explicit")]),
    ("二〇二三年五月四日", [("二〇二三年五月四日", "2023-05-04", "2023-05-04", "day", "explicit")]),
    ("民國前1年", [("民國前1年", "1911-01-01", "1911-12-31", "year", "explicit")]),
    ("112年度預算", [("112年", "2023-01-01", "2023-12-31", "year", "explicit")]),
    ("110至112年", [("110至112年", "2021-01-01", "2023-12-31", "year", "explicit")]),
    ("於112年，", [("112年", "2023-01-01", "2023-12-31", "year", "explicit")]),
    ("2023年5月4日（星期四）", [("2023年5月4日（星期四）", "2023-05-04", "2023-05-04", "day", "explicit")]),
    ("2023/5/4(四)", [("2023/5/4(四)", "2023-05-04", "2023-05-04", "day", "explicit")]),
    # a weekday that is not the date's own is no note of it
    ("2023年5月4日（一）", [("2023年5月4日", "2023-05-04", "2023-05-04", "day", "explicit")]),
]


@pytest.mark.parametrize("text, expected", NOTATIONS)
def test_dates_in_other_notations_are_normalised(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("五月四日", [("五月四日", "2023-05-04", "2023-05-04", "day", "contextual")]),
        ("十二月的選舉", [("十二月", "2023-12-01", "2023-12-31", "month", "contextual")]),
    ],
)
def test_chinese_numeral_month_days_take_the_document_year(text, expected):
    assert found(text, WRITTEN) == expected


def test_simplified_deictic_words_give_the_same_dates_as_traditional():
    traditional = "上週三他出訪，下個月返國，三天後再議，兩年前曾提出，後天起降溫。"
    simplified = to_simplified(traditional)
    assert simplified != traditional
    assert found(simplified, WRITTEN) == [(to_simplified(t), *rest) for t, *rest in found(traditional, WRITTEN)]


def resolve_from(context: DateContext, sentences: list[str]) -> list[tuple[str, str]]:
    """(expression, start_date) of each date of a sequence of sentences read from `context`."""
    result = []
    for sentence in sentences:
        dates, context = find_dates(sentence, LEXICON, context)
        result += [(d.text, d.start_date) for d in dates]
    return result


# (context, sentences in reading order, [(expression, start_date)])
ANCHORS = [
    # regression: 去年 moved the anchor and 明年 came out as 2023
    (WRITTEN, ["立法院去年通過預算，明年將再審議。"], [("去年", "2022-01-01"), ("明年", "2024-01-01")]),
    # a date of the narrative does not move the time of speaking
    (WRITTEN, ["2020年3月1日，他入獄。", "今年他出獄。"], [("2020年3月1日", "2020-03-01"), ("今年", "2023-01-01")]),
    # anaphoric words follow the narrative
    (
        WRITTEN,
        ["2020年3月1日，他入獄。", "隔天，同年的判決確定。"],
        [("2020年3月1日", "2020-03-01"), ("隔天", "2020-03-02"), ("同年", "2020-01-01")],
    ),
    (WRITTEN, ["去年5月，他赴日考察。", "同年8月返台。"], [("去年5月", "2022-05-01"), ("同年8月", "2022-08-01")]),
    # counted offsets count from the narrative once a date has moved it
    (WRITTEN, ["2010年，他入獄。", "三年後，他獲釋。"], [("2010年", "2010-01-01"), ("三年後", "2013-01-01")]),
    (WRITTEN, ["總統2日出訪，三天後返國。"], [("2日", "2023-05-02"), ("三天後", "2023-05-05")]),
    # in a thesis, 十年前 is ten years before the narrative's year
    (
        NO_CONTEXT,
        ["1999年3月，北約首次東擴。", "十年前，柏林圍牆倒塌。"],
        [("1999年3月", "1999-03-01"), ("十年前", "1989-01-01")],
    ),
    # quoted deictic words in a thesis count from the quoted speech, one after another
    (
        NO_CONTEXT,
        ["2001年6月16日，兩國元首會晤。", "普欽說：「去年我們多次接觸，明年將有更多合作。」"],
        [("2001年6月16日", "2001-06-16"), ("去年", "2000-01-01"), ("明年", "2002-01-01")],
    ),
    # a look back inside the sentence leaves the narrative where it was
    (
        NO_CONTEXT,
        ["2010年6月1日，雙方簽約，這是三年前談判的成果。", "6月5日，國會批准。"],
        [("2010年6月1日", "2010-06-01"), ("三年前", "2007-01-01"), ("6月5日", "2010-06-05")],
    ),
]


@pytest.mark.parametrize("context, sentences, expected", ANCHORS)
def test_deictic_words_keep_their_anchor_and_anaphoric_words_follow_the_narrative(context, sentences, expected):
    assert resolve_from(context, sentences) == expected


# (first lines of a document, its reference date or None)
DATELINES = [
    ("2023年5月4日\n立法院今天三讀通過。", date(2023, 5, 4)),
    ("2023-05-04\n內文", date(2023, 5, 4)),
    ("中央社 2023/05/04\n內文", date(2023, 5, 4)),
    ("民國112年5月4日\n內文", date(2023, 5, 4)),
    ("2023/5/4 14:30 中央社\n內文", date(2023, 5, 4)),
    ("（中央社記者王小明台北2023年5月4日電）\n內文", date(2023, 5, 4)),
    ("２０２３年５月４日（星期四）\n內文", date(2023, 5, 4)),
    ("立法院三讀通過預算案\n2023-05-04\n內文", date(2023, 5, 4)),
    ("第三章 普欽對美政策之發展\n本章的目的", None),
    ("2001年9月11日，美國遭受恐怖攻擊。", None),
    ("第一節 2001年9月11日事件\n內文", None),
    ("2001年9月11日的衝擊\n內文", None),
    ("2005年6月\n內文", None),
    ("1999年至2001年\n內文", None),
    ("標題\n作者\n單位\n2023-05-04\n內文", None),
    ("", None),
]


@pytest.mark.parametrize("raw, expected", DATELINES)
def test_reference_date_is_a_dateline_in_the_first_lines(raw, expected):
    assert reference_date(raw, LEXICON, CONFIG.dates) == expected


def test_annotate_resolves_deictic_words_against_the_dateline():
    paragraph = Block(
        "paragraph",
        "中央社 2023/05/04立法院去年通過預算，明年將再審議。",
        index=0,
        sentences=[
            Sentence("n:p000:s00", "中央社 2023/05/04立法院去年通過預算，明年將再審議。", 0),
            Sentence("n:p000:s01", "5日晚間再談。", 28),
        ],
    )
    document = annotate(
        Document(
            doc_id="n",
            source="n.txt",
            raw="中央社 2023/05/04\n立法院去年通過預算，明年將再審議。5日晚間再談。",
            blocks=[paragraph],
        ),
        RESOURCES,
        CONFIG,
    )
    assert [(d.text, d.start_date) for s in document.sentences() for d in s.dates] == [
        ("2023/05/04", "2023-05-04"),
        ("去年", "2022-01-01"),
        ("明年", "2024-01-01"),
        ("5日", "2023-05-05"),
    ]


def suite_scores() -> tuple[int, int, int]:
    """(correct, expected, spurious) over the dates suite: an expression is correct when its span
    and its interval are both right."""
    correct = expected = spurious = 0
    for line in SUITE.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        reference = item["reference"]
        context = DateContext.written_on(date.fromisoformat(reference)) if reference else DateContext()
        got = {(d.start, d.end, d.start_date, d.end_date) for d in find_dates(item["text"], LEXICON, context)[0]}
        wanted = {(e["start"], e["end"], e["start_date"], e["end_date"]) for e in item["expected"]}
        correct, expected, spurious = correct + len(got & wanted), expected + len(wanted), spurious + len(got - wanted)
    return correct, expected, spurious


def test_dates_suite_accuracy_is_at_least_95_percent():
    correct, expected, spurious = suite_scores()
    assert expected >= 80
    assert correct / (expected + spurious) >= 0.95


NEWS_KNOWN_FAILURES = [
    pytest.param(
        "今明兩天",
        [("今明兩天", "2023-05-04", "2023-05-05", "day", "contextual")],
        marks=pytest.mark.xfail(reason="two deictic days sharing one count (今明兩天, 明後兩天) are not read"),
    ),
    pytest.param(
        "據今日美國報報導",
        [],
        marks=pytest.mark.xfail(reason="今日 at the head of a media name (今日美國報, 今日俄羅斯) is read as today"),
    ),
    pytest.param(
        "今年國慶日",
        [("今年國慶日", "2023-10-10", "2023-10-10", "day", "contextual")],
        marks=pytest.mark.xfail(
            reason="國慶日 depends on the country (10-10 in Taiwan, 10-01 in the PRC, 07-04 in the US); only 今年 is found"
        ),
    ),
    pytest.param(
        "冷戰結束10年後",
        [("冷戰結束10年後", "2001-01-01", "2001-12-31", "year", "contextual")],
        marks=pytest.mark.xfail(reason="offsets from a named event count from the narrative instead"),
    ),
]


@pytest.mark.parametrize("text, expected", NEWS_KNOWN_FAILURES)
def test_news_known_failures(text, expected):
    assert found(text, WRITTEN) == expected


def test_spacy_component_finds_what_the_batch_stage_finds(tmp_path):
    from pipeline import ingest, sentences
    from pipeline.clean import clean

    text = (
        "中央社 2023/05/04\n立法院去年通過預算，明年將再審議。5日晚間再談。\n"
        "普欽在會後表示，隔天將與小布希通電話，下週三再見面。\n同年3月，兩國簽署協議。\n"
    )
    path = tmp_path / "news.txt"
    path.write_text(text, encoding="utf-8")
    document = annotate(
        sentences.split_sentences(clean(ingest.read(path), RESOURCES, CONFIG), RESOURCES, CONFIG), RESOURCES, CONFIG
    )
    batch = [(d.text, d.start_date, d.end_date, d.kind) for s in document.sentences() for d in s.dates]
    nlp = spacy.blank("zh")
    nlp.add_pipe("dates")
    doc = nlp(text)
    assert [(d.text, d.start_date, d.end_date, d.kind) for d in doc._.dates] == batch
    assert [text[d.start : d.end] for d in doc._.dates] == [d[0] for d in batch]
    assert len(batch) == 7


def test_bare_part_opening_a_sentence_is_found_whatever_ends_it():
    # the old part_at also looked one character before position 0, i.e. at the sentence's last one (春)
    assert found("月底前完成，預計在春", DateContext.standing_at(date(2001, 7, 3))) == [
        ("月底", "2001-07-21", "2001-07-31", "part", "contextual")
    ]
