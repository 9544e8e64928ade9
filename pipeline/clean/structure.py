"""What kind of block a line opens: heading (and its level), list item, caption, table row.

Heading levels follow how Taiwanese theses number them (CONTRACT.md): 第X章 1, 第X節 2, 壹、 3,
一、 4, （一） 5, （1） / 1. 6. A level the chapter does not use is simply skipped.
"""

from __future__ import annotations

import re

from .lines import SENTENCE_END, is_cjk

_NUM = "一二三四五六七八九十百零〇两兩"
HEADING_PATTERNS = (
    (1, re.compile(rf"^第\s*[{_NUM}\d]+\s*章")),
    (2, re.compile(rf"^第\s*[{_NUM}\d]+\s*[節节]")),
    (3, re.compile(r"^[壹貳贰參参叁肆伍陸陆柒捌玖拾]+\s*、")),
    (4, re.compile(rf"^[{_NUM}]+\s*、")),
    (5, re.compile(rf"^[（(]\s*[{_NUM}]+\s*[）)]")),
    (6, re.compile(r"^(?:[（(]\s*\d{1,2}\s*[）)]|\d{1,2}\s*[.、](?!\d))")),
)
MAX_HEADING_WIDTH = 60
HEADING_NUMBER = re.compile("|".join(f"(?:{p.pattern})" for _, p in HEADING_PATTERNS))

BULLETS = "\ufffd•●○■□◆◇▪▫※►▶➢✓✔❖◎◦⚫∙"
BULLET = re.compile(rf"^\s*[{BULLETS}]\s*")
CAPTION = re.compile(
    r"^[(（]?\s*(?:圖|表|图|Figure|Fig\.|Table)\s*[\d一二三四五六七八九十]+(?:\s*[-–.－]\s*\d+)?\s*[)）]?\s*[、：:.]?"
)
SOURCE_LINE = re.compile(r"^(?:資料來源|资料来源|來源|来源|說明|说明|註|注|Source|Note)s?\s*[：:]")
UNIT_LINE = re.compile(r"^[（(]\s*(?:單位|单位|Unit)")
ENUMERATED = re.compile(r"^[（(]?\d{1,2}\s*[）).、]")
DATE_UNITS = "年月日"  # the units of a date written with spaces between its parts (2000 年 4 月)
NUMBER_TOKEN = re.compile(r"^[-+]?\d[\d,]*(?:\.\d+)?%?$")


def bare_heading_number(text: str) -> int | None:
    """Level of a line that holds only a heading's number (`第三章`), its title on the next line."""
    text = text.strip()
    for level, pattern in HEADING_PATTERNS[:3]:
        match = pattern.match(text)
        if match and match.end() == len(text):
            return level
    return None


def heading_level(text: str) -> int | None:
    """Markdown level of a heading line, or None.

    >>> heading_level("第一節 裁減核武問題"), heading_level("（一）雙邊貿易量"), heading_level("本章將分為 5節。")
    (2, 5, None)
    """
    text = text.strip()
    if not text or len(text) > MAX_HEADING_WIDTH:
        return None
    for level, pattern in HEADING_PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        rest = text[match.end() :].strip()
        if not rest or not (
            is_cjk(rest[0]) or rest[0] in '「『《“"' or rest[0].isalpha() or rest[0].isdigit() and level < 6
        ):
            return None
        # a heading is a title, not a sentence: no full stop inside, no trailing comma or semicolon
        body = rest.rstrip("：: ")
        if any(c in body for c in SENTENCE_END) or body.endswith(("，", ",", "、", "；", ";")):
            return None
        if level == 6 and len(rest) > 30:
            return None
        return level
    return None


def is_table_row(text: str) -> bool:
    """A row of figures: three or more numeric cells, little running text.

    >>> is_table_row("1997 年 1624.8 1030.8 594.0 436.8"), is_table_row("2000 年 4 月 14 日俄羅斯國會")
    (True, False)
    >>> is_table_row("2004 年 1624.8 1030.8 594.0")
    True
    """
    tokens = text.split()
    numbers = sum(1 for t in tokens if NUMBER_TOKEN.match(t))
    prose = sum(1 for c in text if is_cjk(c))
    return (
        numbers >= 3
        and prose <= 4 * len(tokens)
        and numbers >= len(tokens) / 2
        and not any(c in text for c in "，。；")
        and not any(_date_runs_into_prose(token) for token in tokens)
    )


def _date_runs_into_prose(token: str) -> bool:
    """A date unit glued to running text (`日俄羅斯國會`): the line is a sentence that opens with a
    spaced-out date, not a row of figures or of dates (a cell `日` stands alone).

    >>> _date_runs_into_prose("日俄羅斯國會"), _date_runs_into_prose("日")
    (True, False)
    """
    return len(token) > 2 and token[0] in DATE_UNITS and all(is_cjk(c) for c in token[1:3])


def is_table_header(text: str) -> bool:
    """Column labels: several short CJK cells separated by spaces, no punctuation."""
    cells = text.split()
    return len(cells) >= 3 and all(len(c) <= 8 for c in cells) and not any(c in text for c in "，。；：、")
