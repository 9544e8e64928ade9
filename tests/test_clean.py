"""The cleaner on hand-written hard cases and on excerpts shaped like the corpus."""

from __future__ import annotations

import pytest

from pipeline.clean.markers import MarkerSequence
from pipeline.clean.structure import heading_level, is_table_row
from pipeline.tables import markdown, with_markers

from conftest import cleaned

# (text, before, after, expected next note, expected markers as (digits, n))
MARKER_CASES = [
    ("接軌。1132001 年裡", "", "", 113, [("113", 113)]),
    ("。3812月10 日", "", "", 38, [("38", 38)]),
    ("的概念1是很重要的", "", "", 1, [("1", 1)]),
    ("緊密合作。」21俄美雙方", "", "", 21, [("21", 21)]),
    ("可部署」，22華爾街", "", "", 22, [("22", 22)]),
    ("的意向。57 2000年 3月", "", "", 57, [("57", 57)]),
    ("的壓力。101911事件之後", "", "", 101, [("101", 101)]),
    ("原則 4，使日本", "", "", 4, [("4", 4)]),
    ("122", "。", "不", 122, [("122", 122)]),
]
NOT_MARKER_CASES = [
    ("投票結果是：288", "", "票贊成", 288),
    ("第 102條規定", "", "", 102),
    ("冷戰時期 1972 年", "", "", 1972),
    ("在 2001年 7", "", "月 28 日", 7),
    ("把領海從 3 海里", "", "", 3),
    ("。1998年，", "", "", 19),
    ("削減核武庫 1/3，", "", "", 1),
    ("八大工業國 (G8)", "", "", 8),
    ("早在 1967 年東協", "", "", 1),
]


@pytest.mark.parametrize("text,before,after,expected,markers", MARKER_CASES)
def test_marker_is_found_as_next_number(text, before, after, expected, markers):
    sequence = MarkerSequence(expected, expected + 5)
    found = sequence.find(text, before, after)
    assert [(text[s:e], n) for s, e, n in found] == markers


@pytest.mark.parametrize("text,before,after,expected", NOT_MARKER_CASES)
def test_number_that_is_data_is_not_a_marker(text, before, after, expected):
    assert MarkerSequence(expected, expected + 5).find(text, before, after) == []


def test_marker_glued_to_year_is_split():
    raw = "與世界經濟的接軌。1132001 年裡，俄國經濟成長。\n\n" + " " * 40 + "\n113 新華社，17 Jul 2002。\n"
    document = cleaned(raw)
    block = document.blocks[0]
    assert block.text.startswith("與世界經濟的接軌。2001 年裡")
    assert block.markers == [(len("與世界經濟的接軌。"), 113)]


@pytest.mark.parametrize(
    "line,level",
    [
        ("第三章 普欽對美政策之發展及其戰略目標", 1),
        ("第一節 裁減核武問題", 2),
        ("壹、政治關係", 3),
        ("一、武器交易及軍安合作", 4),
        ("（一）21 世紀前雙邊政治對話機制不斷地建立和完善", 5),
        ("（1）能源方面合作", 6),
        ("本章將分為 5節。第一節：裁減核武問題。", None),
        ("一、二十年來，東協的經濟成長迅速，", None),
        ("1.5 億美元", None),
    ],
)
def test_heading_levels_follow_thesis_numbering(line, level):
    assert heading_level(line) == level


def test_table_row_is_figures_not_prose():
    assert is_table_row("1996 年 1675.6 1209.1 466.5 742.6")
    assert not is_table_row("2000 年 4 月 14 日俄羅斯國會下議院杜馬批准了條約。")


def test_paragraph_opening_with_a_spaced_out_date_is_not_a_table_row():
    """Regression: the spaced-out date's three numbers made a table row of the line, which was
    then split off the paragraph and skipped by the events stage."""
    assert not is_table_row("2000 年 4 月 14 日俄羅斯國會")
    document = cleaned("第一章 緒論\n\n2000 年 4 月 14 日俄羅斯國會\n下議院杜馬批准了第二階段削減戰略武器條約。\n")
    assert [b.kind for b in document.blocks] == ["heading", "paragraph"]
    assert document.blocks[1].text.startswith("2000 年 4 月 14 日俄羅斯國會下議院")


PAGE = """第三章 測試之章

本章的目的，主要是在檢視俄羅斯對美政策中的重要議題，從而闡釋俄美關係的互動與發展，並探討其動因
與後果。1 

在消除核武器的問題上，有核軍控和核裁軍兩個概念。一般來說，核軍控是指限制和控制核力量的發展，而核
裁軍是指裁減和消除核力量的
                                                 
1 MAD的概念要旨是指，沒有任何一個發動核子攻擊的國家可以完全摧毀對方之核武力量，同
時，自己也無法躲避對方經由陸基、海基及空射多重系統反擊之核子攻勢，參見 Kegley, p. 
89. 



俄羅斯對美國政策之研究 – 2000年∼2003年 

 50

發展。美蘇兩國簽 署 中 程 核 武 裁 減 條 約，並於 2000 年 4 月 14 日批准。 

測試之章 
"""


def test_page_furniture_goes_and_paragraph_rejoins_across_the_page():
    document = cleaned(PAGE)
    texts = [b.text for b in document.blocks]
    assert texts[0] == "第三章 測試之章"
    assert texts[1].endswith("並探討其動因與後果。")
    assert texts[2] == (
        "在消除核武器的問題上，有核軍控和核裁軍兩個概念。一般來說，核軍控是指限制和控制核力量的發展，"
        "而核裁軍是指裁減和消除核力量的發展。美蘇兩國簽署中程核武裁減條約，並於 2000 年 4 月 14 日批准。"
    )
    assert not any("政策之研究" in t or t.strip() == "50" for t in texts)


def test_footnote_continuation_starting_with_a_digit_is_joined():
    note = cleaned(PAGE).footnotes[0]
    assert note.n == 1
    assert note.text.endswith("參見 Kegley, p. 89.")


def test_heading_equal_to_the_running_header_survives_once():
    document = cleaned(PAGE)
    assert [b.text for b in document.blocks if b.kind == "heading"] == ["第三章 測試之章"]


def test_bullets_become_list_items_and_wrapped_items_rejoin():
    raw = (
        "主要如下： \n\n\ufffd 1972年：美蘇兩國簽訂了反彈道飛彈條約 (ABM)，禁止部署導彈防禦系\n\n統。 \n"
        "\ufffd 1979年：第二階段限制戰略武器 (Strategic Arms Limitation Talks II, SALT \nII) 條約規定上限。 \n"
    )
    blocks = cleaned(raw).blocks
    assert [b.kind for b in blocks] == ["paragraph", "list_item", "list_item"]
    assert blocks[1].text == "1972年：美蘇兩國簽訂了反彈道飛彈條約 (ABM)，禁止部署導彈防禦系統。"
    assert blocks[2].text.endswith("SALT II) 條約規定上限。")


def test_markdown_writes_markers_and_definitions():
    raw = "這是一段話。1 \n\n" + " " * 40 + "\n1 一個註腳。 \n"
    document = cleaned(raw)
    assert with_markers(document.blocks[0]) == "這是一段話。[^1]"
    assert markdown(document).endswith("[^1]: 一個註腳。\n")


def test_every_clean_character_maps_back_to_its_source():
    document = cleaned(PAGE)
    for block in document.blocks:
        for char, offset in zip(block.text, block.offsets):
            assert offset == -1 or document.raw[offset] == char or char == " " and document.raw[offset].isspace()


def test_edit_log_accounts_for_every_dropped_character():
    document = cleaned(PAGE)
    kept = {o for b in document.blocks for o in b.offsets if o >= 0}
    dropped = {i for e in document.edits for i in range(e.start, e.end)}
    assert kept | dropped == set(range(len(document.raw)))
    assert {"footnote", "page_furniture"} <= {e.rule for e in document.edits}


def test_plain_text_with_one_paragraph_per_line_keeps_its_paragraphs():
    raw = (
        "2023年5月4日\n行政院長今天上午在立法院備詢時表示，政府將持續推動能源轉型。\n"
        "他指出，去年的綠電占比已達百分之九。\n\n民進黨團總召則說，明年將再提出修法。\n"
    )
    assert [b.text for b in cleaned(raw).blocks] == [
        "2023年5月4日",
        "行政院長今天上午在立法院備詢時表示，政府將持續推動能源轉型。",
        "他指出，去年的綠電占比已達百分之九。",
        "民進黨團總召則說，明年將再提出修法。",
    ]


def test_headings_between_paragraphs_of_a_plain_text_file_stand_alone():
    raw = (
        "一、政治關係\n\n日本與東協於一九七七年建立對話關係，雙方定期舉行外長會議，討論區域安全與經濟合作等議題。\n\n"
        "二、經濟關係\n\n日本對東協的直接投資在一九九零年代快速增長，成為區域生產網絡的重要支柱。\n"
    )
    blocks = cleaned(raw).blocks
    assert [(b.kind, b.level) for b in blocks] == [("heading", 4), ("paragraph", 0), ("heading", 4), ("paragraph", 0)]


@pytest.mark.parametrize(
    "fixture,extraction,labels",
    [
        ("typeset", "pdftotext", [str(n) for n in range(23, 29)]),
        ("typeset", "layout", [str(n) for n in range(23, 29)]),
        ("typeset", "pdfplumber", [str(n) for n in range(23, 29)]),
        ("typeset2", "pdftotext", ["57", "58", "59"]),
        ("typeset2", "pdfplumber", ["57", "58", "59"]),  # numbers atop the page, no form feeds
    ],
)
def test_pages_carry_their_printed_numbers(fixture, extraction, labels):
    from conftest import ROOT

    raw = (ROOT / "tests" / "fixtures" / fixture / f"chapter.{extraction}.txt").read_text(encoding="utf-8")
    document = cleaned(raw)
    assert [page.label for page in document.pages] == labels
    last = document.blocks[-1]
    assert document.block_page(last) == labels[-1] and document.block_page(document.blocks[0]) == labels[0]


def test_text_without_page_breaks_has_no_pages():
    assert cleaned("第一章 緒論\n\n正文一段。\n").pages == []


def test_paragraphs_opening_with_consecutive_years_are_body_not_notes():
    """Regression (silent data loss): `2003年…` then `2004年…` looked like notes 2003 and 2004."""
    raw = (
        "第三章 上海合作組織\n"
        "2002年6月7日，六國元首在聖彼得堡簽署《上海合作組織憲章》。\n"
        "2003年8月，五國舉行首次多邊聯合反恐軍事演習。\n"
        "2004年1月，秘書處在北京正式啟動。6月17日，蒙古獲得觀察員地位。\n"
        "6月15日，六國元首在上海會晤。\n"
    )
    document = cleaned(raw)
    assert document.footnotes == []
    assert [b.text[:5] for b in document.blocks[1:]] == ["2002年", "2003年", "2004年", "6月15日"]


def test_a_wrapped_line_opening_with_a_year_stays_in_its_paragraph():
    raw = (
        "第一章 緒論\n\n"
        "美國與俄羅斯在 2001 年 12 月就飛彈防禦問題多次交換意見，雙方未能達成共識，美國隨即在\n"
        "2001 年 12 月 13 日宣佈退出條約。1\n\n"
        "俄羅斯表示遺憾。2\n\n"
        "1 《聯合報》，2001年12月14日，版A2。\n"
        "2 同註 1。\n"
    )
    document = cleaned(raw)
    assert [(f.n, f.text) for f in document.footnotes] == [(1, "《聯合報》，2001年12月14日，版A2。"), (2, "同註 1。")]
    assert "美國隨即在2001 年 12 月 13 日宣佈退出條約。" in document.blocks[1].text


def test_long_running_header_repeated_at_page_edges_goes():
    title = "兩岸事務性協商的制度化：從香港會談到第二次辜汪會談（1990-1998）"
    body = "兩岸民間的探親、旅遊、貿易與投資活動隨即快速增加，民間交流雖然增進了彼此的瞭解"
    raw = f"{body}\n{body}\n41\n\f{title}\n\n{body}\n{body}\n42\n\f{title}\n\n{body}。\n43\n"
    document = cleaned(raw)
    assert all("制度化" not in block.text for block in document.blocks)


def test_heading_after_a_full_line_ending_a_sentence_opens_a_block():
    full = "兩岸自分治以來，長期處於軍事對峙與政治隔絕的狀態，直到後期民間往來重啟，雙方"
    raw = f"{full}\n{full}\n{full[:-1]}。\n第一節 兩岸中介團體的成立\n{full}。\n"
    document = cleaned(raw)
    assert [b.kind for b in document.blocks][:3] == ["paragraph", "heading", "paragraph"]


def test_circled_marks_restarting_per_page_are_numbered_through_the_chapter():
    body = "东盟一方面积极推动内部经济合作，另一方面调整对外关系，与邻近大国的关系也随之进入新的阶段"
    raw = (
        f"{body}。➀ {body}，{body}。➁\n\n➀ 《东南亚国家联盟宣言》，1967 年 8 月 8 日。\n➁ 张义明：\n《中国自由贸易区战略》。\n56\n\f"
        f"{body}。① {body}。\n\n① 莫仁仁：《推动合作研究》。\n57\n"
    )
    document = cleaned(raw)
    assert [(f.n, f.mark) for f in document.footnotes] == [(1, "①"), (2, "②"), (3, "①")]
    assert document.footnotes[1].text == "张义明：《中国自由贸易区战略》。"
    assert [n for block in document.blocks for _, n in block.markers] == [1, 2, 3]
    assert all("张义明" not in block.text for block in document.blocks)


def test_endnotes_under_a_notes_heading_with_bracketed_marks():
    body = "两会在中断近十年后恢复协商，双方签署多项协议，两岸关系进入新的阶段，访问台湾"
    raw = f"{body}。[1] {body}。[\n2] {body}。\n\f注释\n[1] 〈新加坡汪辜会谈三十年〉\n，\n《联合早报》。\n[2] 段宇宏，前引文。\n28\n"
    document = cleaned(raw)
    assert [(f.n, f.mark, f.text) for f in document.footnotes] == [
        (1, "[1]", "〈新加坡汪辜会谈三十年〉，《联合早报》。"),
        (2, "[2]", "段宇宏，前引文。"),
    ]
    assert [n for block in document.blocks for _, n in block.markers] == [1, 2]
    assert "注释" not in "".join(block.text for block in document.blocks)


def test_bracketed_note_labels_are_whole_markers():
    body = "東協成立以來一直以政治與安全合作為主，經濟合作的成果並不顯著，區域的和平與穩定"
    raw = f"{body}。（註一）{body}。（註二）\n\n（註一）臺 灣 東 協 研 究 中 心 ，〈東協憲章〉。\n（註二）張義明，《戰略》。\n- 15 -\n"
    document = cleaned(raw)
    assert [(f.n, f.mark) for f in document.footnotes] == [(1, "（註一）"), (2, "（註二）")]
    assert document.footnotes[0].text == "臺灣東協研究中心，〈東協憲章〉。"
    assert "註" not in document.blocks[0].text


# A full body line (36 CJK characters) and a full note line (set smaller: 44 characters).
_BODY = "美俄雙方在條約生效後七年內將部署的戰略核彈頭削減約三分之一運載工具則削"
_NOTE = "〈美俄總統簽核裁軍條約〉，《大公報》，二〇一〇年四月八日，轉引自中國新聞網之報導全文與其評論"


def _cite(n: int) -> str:
    """A full body line citing note n in its middle."""
    return f"{_BODY[:20]}。{n} {_BODY[:14]}"


def test_note_numbers_gathered_after_the_notes_are_matched_in_ascending_order():
    # pdftotext on a LaTeX page: note 1's text, `2`, note 2's text, then `1`, then the page number;
    # the notes follow the last body line with no blank line.
    raw = (
        f"{_BODY}\n{_cite(1)}\n{_BODY}\n{_cite(2)}\n{_BODY}\n"
        f"{_NOTE}\n檢索日期：2024 年 1 月 12 日。\n2\n《世界日報》，〈何謂削減戰略武器條約？〉，前引文。\n1\n\n113\n\f"
        f"{_BODY}。\n\n114\n\f"
    )
    document = cleaned(raw)
    assert [(f.n, f.text) for f in document.footnotes] == [
        (1, f"{_NOTE}檢索日期：2024 年 1 月 12 日。"),
        (2, "《世界日報》，〈何謂削減戰略武器條約？〉，前引文。"),
    ]
    assert [n for block in document.blocks for _, n in block.markers] == [1, 2]
    body = "".join(block.text for block in document.blocks)
    assert "檢索日期" not in body and "世界日報" not in body and "113" not in body


def test_note_numbers_before_their_notes_with_a_note_running_over_the_page():
    # numbers on the line before their note; note 2 runs over the page end and continues above
    # the next page's first number; notes 3 and 4 share one chunk (4's number comes last).
    raw = (
        f"{_BODY}\n{_cite(1)}\n{_cite(2)}\n{_BODY}\n"
        "1\n\nWoolf, op. cit., pp. 15-22.\n2\n\nU.S. Department of State, Joint Statement by the\n\n114\n\f"
        f"{_BODY}\n{_cite(3)}\n{_cite(4)}\n{_BODY}\n"
        "President of the United States, December 4, 2009.\n3\n\n〈美俄總統簽核裁軍條約〉\n，\n《大公報》。\n"
        "〈奧巴馬和梅德韋傑夫簽署條約削減核武〉，美國之音。\n4\n\n115\n\f"
    )
    document = cleaned(raw)
    assert [(f.n, f.text) for f in document.footnotes] == [
        (1, "Woolf, op. cit., pp. 15-22."),
        (2, "U.S. Department of State, Joint Statement by the President of the United States, December 4, 2009."),
        (3, "〈美俄總統簽核裁軍條約〉，《大公報》。"),
        (4, "〈奧巴馬和梅德韋傑夫簽署條約削減核武〉，美國之音。"),
    ]
    assert [n for block in document.blocks for _, n in block.markers] == [1, 2, 3, 4]
    body = "".join(block.text for block in document.blocks)
    assert "President" not in body and "大公報" not in body


def test_bare_numbers_the_body_did_not_cite_are_no_notes():
    # a lone number that continues no cited sequence (a table cell, a page number) stays put
    raw = f"{_BODY}\n{_BODY}。\n745\n{_BODY}。\n\n113\n\f{_BODY}。\n\n114\n\f"
    document = cleaned(raw)
    assert document.footnotes == []
