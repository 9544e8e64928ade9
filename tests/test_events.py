"""Events stage: triggers, actors, modes, statements, dates and one row per event.

Each case is a sentence with its entity mentions (label per name, found by string search) and
dates, as the entities and dates stages would hand them over.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import datafiles, entities, events, runner
from pipeline.config import Config
from pipeline.model import Block, Document, Mention, Sentence, TimeExpression
from pipeline.resources import shared
from pipeline.script import to_simplified


def sentence(
    text: str,
    names: dict[str, str] | None = None,
    dates: dict[str, tuple[str, str]] | None = None,
    sentence_id: str = "t:p000:s00",
) -> Sentence:
    """A sentence with every occurrence of each name tagged (longest first, no overlap) and the given dates."""
    mentions, taken = [], set()
    for name, label in sorted((names or {}).items(), key=lambda kv: -len(kv[0])):
        for found in re.finditer(re.escape(name), text):
            span = set(range(found.start(), found.end()))
            if not span & taken:
                taken |= span
                mentions.append(Mention(found.start(), found.end(), name, label, "test", entity_id=name))
    expressions = []
    for date_text, (start, end) in (dates or {}).items():
        at = text.index(date_text)
        expressions.append(TimeExpression(at, at + len(date_text), date_text, start, end, "day", "explicit", start))
    return Sentence(sentence_id, text, 0, mentions=sorted(mentions, key=lambda m: m.start), dates=expressions)


def coded(text: str, names: dict[str, str] | None = None, dates: dict[str, tuple[str, str]] | None = None):
    """(cameo, source, target) of the sentence's events."""
    found, _ = events.sentence_events(sentence(text, names, dates), shared())
    return [(e.cameo, e.source, e.target) for e in found]


PUTIN, BUSH = {"普欽": "PERSON"}, {"小布希": "PERSON"}
RU_US = {"俄羅斯": "GPE", "美國": "GPE"}


# ---------------------------------------------------------------- data files


def test_every_trigger_code_is_a_cameo_code_and_all_roots_are_covered():
    codes = shared().events.cameo
    lexicon = shared().events.triggers
    assert all(t.code in codes for t in lexicon.values())
    assert {t.code[:2] for t in lexicon.values()} == {f"{r:02d}" for r in range(1, 21)}
    assert len(lexicon) >= 300


def test_trigger_file_names_its_source_and_keeps_both_scripts():
    path = datafiles.DATA / "cameo_triggers.tsv"
    text = path.read_text(encoding="utf-8")
    assert "CAMEO Conflict and Mediation Event Observations Codebook" in text.splitlines()[1]
    rows = list(csv.DictReader([line for line in text.splitlines() if not line.startswith("#")], delimiter="\t"))
    assert all(row["simplified"] == to_simplified(row["trigger"]) for row in rows)


@pytest.mark.parametrize(
    "code, expected",
    [
        ("057", ("Sign formal agreement", 8.0, "verbal_cooperation")),
        ("04", ("Consult", 1.0, "verbal_cooperation")),
        ("071", ("Provide economic aid", 7.4, "material_cooperation")),
        ("111", ("Criticize or denounce", -2.0, "verbal_conflict")),
        ("195", ("Employ aerial weapons", -10.0, "material_conflict")),
    ],
)
def test_cameo_info_gives_label_goldstein_and_quad_class(code, expected):
    assert events.cameo_info(shared().events, code) == expected


# ---------------------------------------------------------------- triggers and codes


@pytest.mark.parametrize(
    "text, names, expected",
    [
        ("小布希與普欽在莫斯科會晤。", {**BUSH, **PUTIN, "莫斯科": "GPE"}, [("04", "小布希", "普欽")]),
        ("普欽接見倫斯斐。", {**PUTIN, "倫斯斐": "PERSON"}, [("04", "普欽", "倫斯斐")]),
        ("普欽訪問北京。", {**PUTIN, "北京": "GPE"}, [("04", "普欽", "北京")]),
        (
            "美國參議院批准了第二階段裁減戰略武器條約。",
            {"美國參議院": "ORG", "第二階段裁減戰略武器條約": "LAW"},
            [("05", "美國參議院", "")],
        ),
        ("普欽批評美國的飛彈防禦計畫。", {**PUTIN, **RU_US}, [("11", "普欽", "美國")]),
        ("普欽拒絕美國的方案。", {**PUTIN, **RU_US}, [("12", "普欽", "美國")]),
        ("英美聯軍向阿富汗發動軍事攻擊。", {"英": "GPE", "美": "GPE", "阿富汗": "GPE"}, [("19", "英美聯軍", "阿富汗")]),
        ("北約轟炸南斯拉夫。", {"北約": "ORG", "南斯拉夫": "GPE"}, [("19", "北約", "南斯拉夫")]),
        ("美國對伊拉克實施經濟制裁。", {"美國": "GPE", "伊拉克": "GPE"}, [("16", "美國", "伊拉克")]),
        (
            "國際貨幣基金組織向俄羅斯提供貸款。",
            {"國際貨幣基金組織": "ORG", "俄羅斯": "GPE"},
            [("07", "國際貨幣基金組織", "俄羅斯")],
        ),
        ("美國宣佈退出反彈道飛彈條約。", {"美國": "GPE", "反彈道飛彈條約": "LAW"}, [("16", "美國", "")]),
        ("示威者在莫斯科抗議。", {"莫斯科": "GPE"}, [("14", "示威者", "")]),
    ],
)
def test_trigger_gives_its_cameo_root_with_source_and_target(text, names, expected):
    assert coded(text, names) == expected


@pytest.mark.parametrize(
    "traditional",
    [
        "普欽與小布希在莫斯科舉行會晤。",
        "俄羅斯譴責美國入侵伊拉克。",
        "美國國務卿鮑威爾表示，美國將向俄羅斯提供援助。",
    ],
)
def test_simplified_text_gives_the_same_events_as_traditional(traditional):
    names = {**PUTIN, **BUSH, **RU_US, "莫斯科": "GPE", "伊拉克": "GPE", "鮑威爾": "PERSON"}
    simplified = to_simplified(traditional)
    simplified_names = {to_simplified(k): v for k, v in names.items()}
    expected = [(c, to_simplified(s), to_simplified(t)) for c, s, t in coded(traditional, names)]
    assert expected and coded(simplified, simplified_names) == expected


# ---------------------------------------------------------------- actors


@pytest.mark.parametrize(
    "text, names, expected",
    [
        # a title joins its country; the named person is the actor
        (
            "美國國務卿鮑威爾訪問莫斯科。",
            {"美國": "GPE", "鮑威爾": "PERSON", "莫斯科": "GPE"},
            [("04", "鮑威爾", "莫斯科")],
        ),
        ("美國國務卿訪問莫斯科。", {"美國": "GPE", "莫斯科": "GPE"}, [("04", "美國國務卿", "莫斯科")]),
        (
            "小布希的國家安全顧問萊斯飛往莫斯科。",
            {**BUSH, "萊斯": "PERSON", "莫斯科": "GPE"},
            [("04", "萊斯", "莫斯科")],
        ),
        # partners: A 與 B in a symmetric event; A 和 B as co-sources elsewhere
        ("美國國務卿與俄羅斯外長簽署條約。", RU_US, [("05", "美國國務卿", "俄羅斯外長")]),
        (
            "馬來西亞和印尼都表示支持。",
            {"馬來西亞": "GPE", "印尼": "GPE"},
            [("05", "馬來西亞", ""), ("05", "印尼", "")],
        ),
        ("俄羅斯、中國和印度舉行峰會。", {"俄羅斯": "GPE", "中國": "GPE", "印度": "GPE"}, [("04", "俄羅斯", "")]),
        # passive: the agent acts on the clause's subject
        (
            "北約提出東擴計劃，遭到俄的強烈反對。",
            {"北約": "ORG", "俄": "GPE"},
            [("03", "北約", ""), ("12", "俄", "北約")],
        ),
        # a clause without a subject takes the one before it
        (
            "俄羅斯國會下議院在普欽的敦促下，終於批准了該條約。",
            {"俄羅斯": "GPE", **PUTIN},
            [("05", "俄羅斯國會下議院", "")],
        ),
        # pivot: 派遣 X 訪問 Y is a visit by X
        (
            "戈巴契夫派遣外長謝瓦納澤訪問印尼。",
            {"戈巴契夫": "PERSON", "謝瓦納澤": "PERSON", "印尼": "GPE"},
            [("04", "謝瓦納澤", "印尼")],
        ),
        # a pronoun is the subject named earlier in the sentence
        (
            "普欽在漢城發表演說，他在演說中再度批評美國。",
            {**PUTIN, "漢城": "GPE", "美國": "GPE"},
            [("01", "普欽", ""), ("11", "普欽", "美國")],
        ),
    ],
)
def test_actors_are_read_from_the_words_around_them(text, names, expected):
    assert coded(text, names) == expected


def test_location_and_treaty_are_filled():
    found, _ = events.sentence_events(
        sentence(
            "2002年5月24日，小布希與普欽在莫斯科簽署「俄美裁減戰略攻擊性武器條約」。",
            {**BUSH, **PUTIN, "莫斯科": "GPE", "俄美裁減戰略攻擊性武器條約": "LAW"},
            {"2002年5月24日": ("2002-05-24", "2002-05-24")},
        ),
        shared(),
    )
    assert [(e.cameo, e.source, e.target, e.location, e.object, e.start_date) for e in found] == [
        ("05", "小布希", "普欽", "莫斯科", "俄美裁減戰略攻擊性武器條約", "2002-05-24")
    ]
    assert found[0].source_id == "小布希" and found[0].trigger == "簽署" and found[0].trigger_start >= 0


def test_a_sentence_without_a_named_actor_takes_the_previous_sentences_only_when_it_names_nobody():
    first = sentence("普欽抵達北京。", {**PUTIN, "北京": "GPE"})
    _, context = events.sentence_events(first, shared())
    follow_up, _ = events.sentence_events(sentence("隨後又宣佈關閉金蘭灣基地。"), shared(), context)
    analysis, _ = events.sentence_events(sentence("廢除條約的構想意味著合作的結束。"), shared(), context)
    assert [(e.cameo, e.source) for e in follow_up] == [("08", "普欽")]
    assert analysis == []


# ---------------------------------------------------------------- statements, coded by what they say


@pytest.mark.parametrize(
    "text, names, expected",
    [
        ("普欽表示：「大家都知道我們的態度。」", PUTIN, [("01", "普欽", "")]),
        (
            "羅伯遜表示，北約願意讓俄羅斯擁有更多參與權。",
            {"羅伯遜": "PERSON", "北約": "ORG", "俄羅斯": "GPE"},
            [("03", "羅伯遜", "俄羅斯")],
        ),
        ("小布希宣佈將對恐怖組織發動聖戰。", BUSH, [("13", "小布希", "恐怖組織")]),
        (
            "波頓表示，如果美俄不能達成協議，美將片面退出條約。",
            {"波頓": "PERSON", "美": "GPE", "俄": "GPE"},
            [("13", "波頓", "")],
        ),
        ("小布希提出伊拉克政權必須滿足五項條件。", {**BUSH, "伊拉克": "GPE"}, [("10", "小布希", "伊拉克")]),
        ("倫斯斐宣佈取消兩次導彈試驗。", {"倫斯斐": "PERSON"}, [("08", "倫斯斐", "")]),
        ("俄決定不接受IMF貸款。", {"俄": "GPE", "IMF": "ORG"}, [("12", "俄", "IMF")]),
        (
            "據俄「消息報」29日報道，庫德林說俄羅斯不需要貸款。",
            {"俄": "GPE", "消息報": "ORG", "庫德林": "PERSON", "俄羅斯": "GPE"},
            [("01", "消息報", "")],
        ),
        ("美國官員認為，俄羅斯必須改革。", {"美國": "GPE", "俄羅斯": "GPE"}, [("01", "美國官員", "")]),
    ],
)
def test_statements_are_coded_by_what_they_say(text, names, expected):
    assert coded(text, names) == expected


# ---------------------------------------------------------------- mode


@pytest.mark.parametrize(
    "text, mode",
    [
        ("俄羅斯與美國簽署了條約。", "asserted"),
        ("俄羅斯與美國並未簽署條約。", "negated"),
        ("俄羅斯與美國沒有簽署條約。", "negated"),
        ("俄羅斯將與美國簽署條約。", "intended"),
        ("俄羅斯計畫與美國簽署條約。", "intended"),
        ("如果俄羅斯與美國簽署條約，局勢將會緩和。", "hypothetical"),
    ],
)
def test_mode_follows_negation_intent_and_condition(text, mode):
    found, _ = events.sentence_events(sentence(text, RU_US), shared())
    assert [(e.cameo, e.mode) for e in found] == [("05", mode)]


# ---------------------------------------------------------------- what is not an event


@pytest.mark.parametrize(
    "text, names",
    [
        ("在過去所有維護和平的努力中，合作是很重要的。", {}),  # no actor
        ("普欽表示，1972年所簽訂的ABM是全球安全的根基。", {**PUTIN, "ABM": "LAW"}),  # relative clause (所簽訂的)
        ("俄羅斯與美國的合作關係日益密切。", RU_US),  # compound noun (合作關係)
        ("普欽在聲明中把打擊恐怖主義列為重點。", PUTIN),  # inside 在…中, 列為
        ("這是美國新政府上臺後兩國領導人舉行的首次會晤。", RU_US),  # a description
        ("我們可以說，俄羅斯與美國的關係改善了。", RU_US),  # the thesis speaking
        ("俄羅斯與東協共同打擊國際恐怖主義。", {"俄羅斯": "GPE", "東協": "ORG"}),  # no one is attacked
        ("美國遭受911恐怖攻擊。", {"美國": "GPE"}),  # nobody named did it
        ("小布希說：「俄羅斯將與美國簽署條約。」", {**BUSH, **RU_US}),  # quoted, not a fact
    ],
)
def test_no_event_from_descriptions_quotes_and_analysis(text, names):
    found = coded(text, names)
    assert all(code == "01" for code, _, _ in found), found


# ---------------------------------------------------------------- one row per event


@pytest.mark.parametrize(
    "text, names, expected",
    [
        ("普欽拒絕了美國所提退出條約的構想。", {**PUTIN, **RU_US}, [("12", "普欽", "美國")]),  # 退出 modifies 構想
        ("美國參議院正式批准通過條約。", {"美國參議院": "ORG"}, [("05", "美國參議院", "")]),
        (
            "北約正式接納波蘭、捷克、匈牙利三國為新成員國。",
            {"北約": "ORG", "波蘭": "GPE", "捷克": "GPE", "匈牙利": "GPE"},
            [("05", "北約", "波蘭"), ("05", "北約", "捷克"), ("05", "北約", "匈牙利")],
        ),
        ("白宮公佈了報告，宣佈將對敵對國家發動攻擊。", {"白宮": "ORG"}, [("13", "白宮", "敵對國家")]),
    ],
)
def test_one_row_per_event_not_per_trigger_word(text, names, expected):
    assert coded(text, names) == expected


def test_two_treaties_signed_are_two_events():
    found, _ = events.sentence_events(
        sentence(
            "普欽與小布希簽署了「俄美裁減戰略攻擊性武器條約」和「俄美新型戰略夥伴關係聯合宣言」。", {**PUTIN, **BUSH}
        ),
        shared(),
    )
    assert [e.object for e in found] == ["俄美裁減戰略攻擊性武器條約", "俄美新型戰略夥伴關係聯合宣言"]


# ---------------------------------------------------------------- dates


def test_each_event_takes_the_nearest_date_before_its_trigger():
    found, _ = events.sentence_events(
        sentence(
            "2002年12月1日普欽抵達北京，3日在北京大學發表演講。",
            {**PUTIN, "北京": "GPE"},
            {"2002年12月1日": ("2002-12-01", "2002-12-01"), "3日": ("2002-12-03", "2002-12-03")},
        ),
        shared(),
    )
    assert [(e.cameo, e.start_date, e.date_text) for e in found] == [
        ("04", "2002-12-01", "2002年12月1日"),
        ("01", "2002-12-03", "3日"),
    ]


@pytest.mark.parametrize(
    "text, dates, expected",
    [
        ("911事件後，普欽與小布希會晤。", {"911事件": ("2001-09-11", "2001-09-11")}, ""),  # an anchor, not the date
        ("普欽與小布希簽署了1972年的條約。", {"1972年": ("1972-01-01", "1972-12-31")}, ""),  # the treaty's date
        ("普欽與小布希於2001年11月會晤。", {"2001年11月": ("2001-11-01", "2001-11-30")}, "2001-11-01"),
    ],
)
def test_dates_that_are_anchors_or_belong_to_a_thing_do_not_date_the_event(text, dates, expected):
    found, _ = events.sentence_events(sentence(text, {**PUTIN, **BUSH}, dates), shared())
    assert [e.start_date for e in found] == [expected]


def test_the_narrative_date_carries_within_a_paragraph_only():
    dated = sentence(
        "2003年3月25日小布希與普欽通電話。",
        {**BUSH, **PUTIN},
        {"2003年3月25日": ("2003-03-25", "2003-03-25")},
        "t:p001:s00",
    )
    analysis = sentence("這顯示兩國關係的變化。", {}, sentence_id="t:p001:s01")
    undated = sentence("美國指控俄羅斯的一些公司。", RU_US, sentence_id="t:p001:s02")
    next_paragraph = sentence("美國指控俄羅斯的一些公司。", RU_US, sentence_id="t:p002:s00")
    after_heading = sentence("美國指控俄羅斯的一些公司。", RU_US, sentence_id="t:p004:s00")
    document = Document(
        "t",
        "test",
        blocks=[
            Block(
                "paragraph", dated.text + analysis.text + undated.text, index=1, sentences=[dated, analysis, undated]
            ),
            Block("paragraph", next_paragraph.text, index=2, sentences=[next_paragraph]),
            Block("heading", "第二節", level=2, index=3),
            Block("paragraph", after_heading.text, index=4, sentences=[after_heading]),
            Block(
                "quote",
                "小布希說，美國將與俄羅斯合作。",
                index=5,
                sentences=[sentence("小布希說，美國將與俄羅斯合作。", {**BUSH, **RU_US}, sentence_id="t:p005:s00")],
            ),
        ],
    )
    events.annotate(document, shared(), Config())
    assert [(e.cameo, e.start_date) for e in undated.events] == [("11", "2003-03-25")]
    assert [(e.cameo, e.start_date) for e in next_paragraph.events] == [("11", "")]
    assert [(e.cameo, e.start_date) for e in after_heading.events] == [("11", "")]
    assert document.blocks[4].sentences[0].events == []


# ---------------------------------------------------------------- what a sentence inherits from its paragraph


def paragraph_events(texts: list[str], names: dict[str, str]) -> list[list[tuple[str, str, str, str]]]:
    """(cameo, source, target, mode) of each sentence's events, the sentences read as one paragraph."""
    context, found = events.Context(), []
    for text in texts:
        rows, context = events.sentence_events(sentence(text, names), shared(), context)
        found.append([(e.cameo, e.source, e.target, e.mode) for e in rows])
    return found


KOREA_JAPAN = {"金大中": "PERSON", "小渕惠三": "PERSON", "東京": "GPE", "日本": "GPE", "南韓": "GPE", "北韓": "GPE"}


@pytest.mark.parametrize(
    "texts, expected",
    [
        # 雙方/兩國/兩人 are the two sides of the paragraph's last meeting, visit or agreement
        (["金大中與小渕惠三在東京舉行會談。", "雙方簽署了聯合宣言。"], [("05", "金大中", "小渕惠三", "asserted")]),
        (["金大中訪問日本。", "兩國隨即建立外交關係。"], [("05", "金大中", "日本", "asserted")]),
        # ... or the pair named earlier in the sentence, subject and object alike
        (
            ["南韓拒絕北韓的要求，雙方隨即簽署協定。"],
            [("12", "南韓", "北韓", "asserted"), ("05", "南韓", "北韓", "asserted")],
        ),
        # ... and nobody when no pair has been named: no row with 雙方 as its actor
        (["雙方簽署了聯合宣言。"], []),
        # the sides go on as the subject of a following sentence that names none
        (
            ["金大中與小渕惠三在東京舉行會談。", "雙方表示，兩國將加強合作。", "並希望將來能簽署漁業協定。"],
            [("05", "金大中", "小渕惠三", "intended")],
        ),
    ],
)
def test_collectives_resolve_to_the_two_sides_named_before(texts, expected):
    assert paragraph_events(texts, KOREA_JAPAN)[-1] == expected


@pytest.mark.parametrize(
    "text, names, expected",
    [
        # a bare verb before a time word refers back to an event told before
        ("雙方在會談後發表聲明。", {}, []),
        ("會談結束之後，金大中返回漢城。", {"金大中": "PERSON", "漢城": "GPE"}, []),
        # with its own object or participants it tells one
        (
            "金大中在訪問日本之後返回漢城。",
            {"金大中": "PERSON", "日本": "GPE", "漢城": "GPE"},
            [("04", "金大中", "日本")],
        ),
        # a relative clause on a noun, and a description of the actor
        ("以色列與埃及簽署的和平條約至今仍然有效。", {"以色列": "GPE", "埃及": "GPE"}, []),
        ("歐巴馬成為首位訪問古巴的美國總統。", {"歐巴馬": "PERSON", "古巴": "GPE", "美國": "GPE"}, []),
        # the second noun of a nominal list is a noun too
        ("中國對非洲的投資與援助日益增加。", {"中國": "GPE", "非洲": "LOC"}, []),
        # who goes is not named: 派遣 X 前往 is no visit by the sender
        ("英國派遣特遣艦隊前往南大西洋。", {"英國": "GPE"}, [("15", "英國", "")]),
    ],
)
def test_temporal_adverbials_relative_clauses_and_descriptions_report_no_new_event(text, names, expected):
    assert coded(text, names) == expected


@pytest.mark.parametrize(
    "text, names, expected",
    [
        # attending a meeting: the organisation holding it is the target, a place or a list of members is not
        ("俄羅斯參加了每年舉行的東協外長會議。", {"俄羅斯": "GPE", "東協": "ORG"}, [("04", "俄羅斯", "東協")]),
        (
            "三木武夫出席在法國朗布依埃舉行的六國高峰會議。",
            {"三木武夫": "PERSON", "法國": "GPE"},
            [("04", "三木武夫", "")],
        ),
        ("俄羅斯參加北約。", {"俄羅斯": "GPE", "北約": "ORG"}, []),  # joining, not attending
        # forces sent to a place and a place left are locations, not targets
        ("美國向沙烏地阿拉伯部署大批部隊。", {"美國": "GPE", "沙烏地阿拉伯": "GPE"}, [("15", "美國", "")]),
        ("蘇聯軍隊撤出阿富汗。", {"蘇聯": "GPE", "阿富汗": "GPE"}, [("08", "蘇聯軍隊", "")]),
        # 對 X right after an act, 與 X in a refusal, the subject of what is accused
        ("中國宣佈暫停對日本出口稀土。", {"中國": "GPE", "日本": "GPE"}, [("16", "中國", "日本")]),
        ("中國政府拒絕與達賴喇嘛會面。", {"中國政府": "ORG", "達賴喇嘛": "PERSON"}, [("12", "中國政府", "達賴喇嘛")]),
        (
            "美國指責俄羅斯向烏克蘭東部的武裝提供武器。",
            {"美國": "GPE", "俄羅斯": "GPE", "烏克蘭": "GPE"},
            [("11", "美國", "俄羅斯")],
        ),
        # A 與 B announcing they will cooperate: one event between them; A 和 B 都: each on its own
        ("美國與古巴宣佈將恢復外交關係。", {"美國": "GPE", "古巴": "GPE"}, [("03", "美國", "古巴")]),
        # a decision to cooperate is intent to (03)
        (
            "國際貨幣基金組織決定恢復向俄羅斯提供貸款。",
            {"國際貨幣基金組織": "ORG", "俄羅斯": "GPE"},
            [("03", "國際貨幣基金組織", "俄羅斯")],
        ),
        # an aspect particle inside a verb-object trigger, an adverb glued to a verb
        ("金大中與小渕惠三交換了意見。", KOREA_JAPAN, [("04", "金大中", "小渕惠三")]),
        ("普欽嚴厲批評美國的外交政策。", {**PUTIN, "美國": "GPE"}, [("11", "普欽", "美國")]),
    ],
)
def test_roles_of_attendance_movement_refusal_and_joint_statements(text, names, expected):
    assert coded(text, names) == expected


@pytest.mark.parametrize(
    "text, mode",
    [
        ("日本政府希望將來能與中國簽署漁業協定。", "intended"),
        ("日本政府盼望與中國簽署漁業協定。", "intended"),
        ("日本政府可望於年內與中國簽署漁業協定。", "intended"),
        ("日本政府有意與中國簽署漁業協定。", "intended"),
        ("日本政府打算與中國簽署漁業協定。", "intended"),
        ("日本政府預計將與中國簽署漁業協定。", "intended"),
        ("日本政府能否與中國簽署漁業協定，仍有變數。", "hypothetical"),
        ("倘若日本政府與中國簽署漁業協定，漁民將受惠。", "hypothetical"),
        ("一旦日本政府與中國簽署漁業協定，漁民將受惠。", "hypothetical"),
        ("只要日本政府與中國簽署漁業協定，漁民就會受惠。", "hypothetical"),
        ("日本政府尚未與中國簽署漁業協定。", "negated"),
        ("日本政府已與中國簽署漁業協定。", "asserted"),
    ],
)
def test_intent_condition_and_negation_cues_set_the_mode(text, mode):
    found, _ = events.sentence_events(sentence(text, {"日本政府": "ORG", "中國": "GPE"}), shared())
    assert [(e.cameo, e.source, e.target, e.mode) for e in found] == [("05", "日本政府", "中國", mode)]


# ---------------------------------------------------------------- known failures


@pytest.mark.xfail(reason="an event told in a relative clause on its actor (結束南韓訪問的普欽) is read as a modifier")
def test_relative_clause_on_the_actor_reports_the_visit():
    assert ("04", "普欽", "南韓") in coded("結束南韓訪問的普欽離開漢城。", {**PUTIN, "南韓": "GPE", "漢城": "GPE"})


@pytest.mark.xfail(
    reason="a duration (進行3天的訪問) does not stretch the event's dates; the dates stage gives the day"
)
def test_duration_stretches_the_visit_over_its_days():
    found, _ = events.sentence_events(
        sentence(
            "2001年2月19日，北約秘書長對俄羅斯進行3天的訪問。",
            {"北約": "ORG", "俄羅斯": "GPE"},
            {"2001年2月19日": ("2001-02-19", "2001-02-19")},
        ),
        shared(),
    )
    assert [(e.start_date, e.end_date) for e in found] == [("2001-02-19", "2001-02-21")]


@pytest.mark.xfail(reason="verbs outside the lexicon's CAMEO sense (撞擊 'crash into') are not triggers")
def test_hijacked_plane_crashing_is_an_assault():
    assert coded("一駕被恐怖分子劫持的客機撞擊世貿大廈。", {"世貿大廈": "FAC"}) == [("18", "恐怖分子", "")]


# ---------------------------------------------------------------- the event suite: unseen sentences, end to end

# Original thesis-style sentences about other regions and eras (Japan-China, Korea, EU-Russia, the Middle
# East, Africa, Latin America, 1950-2020), one JSON object a line: `sentence`, the `text` it stands in when it
# needs context (paragraphs on their own lines), its gold `events` in the scorer's shape (cameo root, source
# and target surfaces, start/end as an interval, '' when undated) plus `mode`, and a `note` on the
# phenomenon. asserted/modality/negatives/actors/dates.jsonl guided the rules; heldout.jsonl was written
# after them and first scored p 0.80, r 0.59, full_f1 0.55.
SUITE = Path(__file__).parent / "fixtures" / "event_suite"
SYMMETRIC_ROOTS = {"03", "04", "05", "06"}  # as the scorer (shared/eval/score.py) matches them
SUITE_FLOORS = {
    "p": 0.85,
    "r": 0.80,
    "type_acc": 0.85,
    "full_f1": 0.75,
    "mode_acc": 0.90,
}  # measured 0.95/0.92/0.96/0.88/1.0


def suite_cases() -> list[dict]:
    """The suite's cases: a sentence (inside its `text`, if it needs context) and its gold events."""
    return [
        json.loads(line)
        for path in sorted(SUITE.glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def suite_sentences(cases: list[dict], folder: Path) -> list[Sentence | None]:
    """Each case's text through the real stages (one chapter per case), then events; its scored sentence."""
    documents = []
    for k, case in enumerate(cases):
        path = folder / f"case{k:03d}.txt"
        path.write_text(case.get("text", case["sentence"]) + "\n", encoding="utf-8")
        documents.append(runner.process(path, shared(), Config()))
    entities.link(documents, shared(), Config())
    found = []
    for case, document in zip(cases, documents):
        events.annotate(document, shared(), Config())
        found.append(
            next((s for s in document.sentences() if _matchable(case["sentence"]) in _matchable(s.text)), None)
        )
    return found


def _matchable(text: str) -> str:
    """As the scorer compares strings: NFKC, Simplified, no whitespace."""
    return re.sub(r"\s+", "", to_simplified(unicodedata.normalize("NFKC", text)))


def _surface_ok(surface: str, options: list[str]) -> bool:
    surface = _matchable(surface)
    return bool(surface) and any(
        o and (surface == o or (min(len(surface), len(o)) >= 2 and (surface in o or o in surface)))
        for o in map(_matchable, options)
    )


def score_suite(cases: list[dict], sentences: list[Sentence | None]) -> tuple[dict[str, float], list[str]]:
    """The scorer's event matching (same dates, source surface, symmetric swap), plus mode accuracy.

    Returns the metrics and one line per mismatch, for reading.
    """
    tp = fp = fn = typed = full = moded = 0
    misses = []
    for case, sentence in zip(cases, sentences):
        candidates = [[event, False] for event in (sentence.events if sentence else [])]
        for gold in case["events"]:
            best = None
            for candidate in candidates:
                event = candidate[0]
                if candidate[1] or (event.start_date, event.end_date) != (gold["start"], gold["end"]):
                    continue
                swapped = (
                    gold["cameo"] in SYMMETRIC_ROOTS
                    and _surface_ok(event.source, gold["target"])
                    and _surface_ok(event.target, gold["source"])
                )
                if _surface_ok(event.source, gold["source"]) or swapped:
                    score = (event.cameo == gold["cameo"]) * 2 + 1
                    if best is None or score > best[0]:
                        best = (score, candidate)
            if best is None:
                fn += 1
                misses.append(
                    f"{case['id']} missed {gold['cameo']} {gold['source'][0]} -> {gold['target'][:1]} {gold['start']}"
                )
                continue
            best[1][1] = True
            event = best[1][0]
            tp += 1
            if event.cameo != gold["cameo"]:
                misses.append(f"{case['id']} coded {event.cameo} {event.trigger}, gold {gold['cameo']}")
                continue
            typed += 1
            moded += event.mode == gold["mode"]
            if event.mode != gold["mode"]:
                misses.append(f"{case['id']} mode {event.mode}, gold {gold['mode']}")
            target_ok = (
                (not gold["target"] and not event.target)
                or _surface_ok(event.target, gold["target"])
                or (gold["cameo"] in SYMMETRIC_ROOTS and _surface_ok(event.target, gold["source"]))
            )
            full += target_ok
            if not target_ok:
                misses.append(f"{case['id']} target {event.target!r}, gold {gold['target'][:2]}")
        for event, used in candidates:
            if not used:
                fp += 1
                misses.append(
                    f"{case['id']} extra {event.cameo} {event.trigger} {event.source} -> {event.target} "
                    f"{event.start_date}"
                )
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    full_p = full / (tp + fp) if tp + fp else 0.0
    full_r = full / (tp + fn) if tp + fn else 0.0
    metrics = {
        "p": p,
        "r": r,
        "type_acc": typed / max(1, tp),
        "mode_acc": moded / max(1, typed),
        "full_f1": 2 * full_p * full_r / (full_p + full_r) if full_p + full_r else 0.0,
    }
    return {**{k: round(v, 4) for k, v in metrics.items()}, "tp": tp, "fp": fp, "fn": fn}, misses


@pytest.fixture(scope="module")
def suite_run(tmp_path_factory):
    cases = suite_cases()
    return cases, suite_sentences(cases, tmp_path_factory.mktemp("event_suite"))


def test_suite_cases_are_well_formed():
    cases = suite_cases()
    assert len(cases) >= 120 and len({c["id"] for c in cases}) == len(cases)
    for case in cases:
        assert case["sentence"] in case.get("text", case["sentence"])
        for gold in case["events"]:
            assert gold["cameo"] in shared().events.cameo and gold["source"]
            assert gold["mode"] in {"asserted", "negated", "intended", "hypothetical"}


def test_every_suite_sentence_is_found_after_cleaning_and_splitting(suite_run):
    cases, sentences = suite_run
    assert [c["id"] for c, s in zip(cases, sentences) if s is None] == []


def test_event_suite_scores_above_its_floor(suite_run):
    metrics, misses = score_suite(*suite_run)
    print(metrics, *misses, sep="\n")
    assert all(metrics[name] >= floor for name, floor in SUITE_FLOORS.items()), metrics


# ---------------------------------------------------------------- robustness

NAMES = ["普欽", "小布希", "美國", "俄羅斯", "北約", "條約"]
WORDS = [
    "表示",
    "會晤",
    "簽署",
    "與",
    "在",
    "，",
    "。",
    "「",
    "」",
    "(",
    ")",
    "將",
    "未",
    "如果",
    "的",
    "所",
    "批評",
    "宣佈",
    "對",
    "向",
    "被",
    "2001年",
    "並",
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(NAMES + WORDS), min_size=1, max_size=25))
def test_any_sentence_gives_well_formed_events(pieces):
    text = "".join(pieces)
    names = {
        n: ("LAW" if n == "條約" else "ORG" if n == "北約" else "GPE" if n in {"美國", "俄羅斯"} else "PERSON")
        for n in NAMES
        if n in text
    }
    dates = {"2001年": ("2001-01-01", "2001-12-31")} if "2001年" in text else {}
    found, _ = events.sentence_events(sentence(text, names, dates), shared())
    for event in found:
        assert event.cameo in shared().events.cameo and event.source
        assert 0 <= event.trigger_start < len(text) and text[event.trigger_start :].startswith(event.trigger)
        assert event.mode in {"asserted", "negated", "intended", "hypothetical"}


# ---------------------------------------------------------------- event classes (suite-2 conventions)


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        # expelling diplomats reduces relations (166), not the deportation of individuals (174)
        ("英國驅逐兩名伊朗外交官。", {"英國": "GPE", "伊朗": "GPE"}, {("16", "英國")}),
        # co-subjects who each meet a person: one row each, the person met is the target
        (
            "馬克宏、梅克爾將會見拜登。",
            {"馬克宏": "PERSON", "梅克爾": "PERSON", "拜登": "PERSON"},
            {("04", "馬克宏", "拜登"), ("04", "梅克爾", "拜登")},
        ),
        # a visit written as one word
        ("蕭茲明年訪華。", {"蕭茲": "PERSON"}, {("04", "蕭茲", "")}),
        # an invitation is intent to meet (036) and the invitee is its target
        ("日本邀請印度總理訪問東京。", {"日本": "GPE", "印度": "GPE", "東京": "GPE"}, {("03", "日本", "印度總理")}),
    ],
)
def test_event_classes_are_coded_by_their_own_rule(text, names, expected):
    width = len(next(iter(expected)))
    assert expected <= {row[:width] for row in coded(text, names)}


def test_a_copula_sentence_retelling_a_visit_is_coded_but_not_a_copula_clause_after_the_visit():
    names = {"蕭茲": "PERSON", "北京": "GPE"}
    assert [c for c, _, _ in coded("這是蕭茲首次訪華。", names)] == ["04"]
    assert [c for c, _, _ in coded("蕭茲抵達北京，這是他首次訪華。", names)] == ["04"]


def test_a_visit_or_expulsion_a_speaker_reports_of_another_actor_is_that_actors_act():
    names = {"馬克宏": "PERSON", "拜登": "PERSON", "日本": "GPE"}
    assert ("04", "拜登", "日本") in coded("馬克宏說，拜登上月訪問日本。", names)
    assert all(source != "馬克宏" for _, source, _ in coded("馬克宏說，拜登上月訪問日本。", names))
