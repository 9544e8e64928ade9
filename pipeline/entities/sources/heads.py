"""Sources that read a name leftwards from the head word ending it (…條約 LAW, …委員會 ORG,
…事件 EVENT), in running text or inside 「」 quotes, and the tests of what may be part of a name."""

from __future__ import annotations

import re
from collections import defaultdict

from ...text import HAN_RUN
from ..context import Context
from ..view import Candidate, SentenceView

ALPHABETIC = re.compile(r"[A-Za-zÀ-ɏЀ-ӿ]")
QUOTED = re.compile(r"[「『“《]([^「」『』“”《》]{2,60})[」』”》]")
COMMAS = ("，", ",")
STOP_TAGS = frozenset({"x", "p", "c", "r", "rr", "rz", "d", "y", "e", "o", "w", "tg", "f"})
GLUED_NAME_TAGS = frozenset({"n", "nr", "nrt", "ns", "nt", "j"})
PROPER_TAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nt", "j", "eng"})
LONGEST_HEAD = 6


def quoted_names(view: SentenceView, context: Context, found: list[Candidate]) -> list[Candidate]:
    """「…」-quoted titles ending in a head word (「關於地區反恐怖機構的協定」, LAW), quoted
    operation names (「沙漠風暴」行動, EVENT) and quoted names before an ORG head word (「基地」組織)."""
    result = []
    spans = [(c.start, c.end) for c in found]
    for match in QUOTED.finditer(view.key):
        start, end = match.span(1)
        if any(comma in match.group(1) for comma in COMMAS):
            continue
        label = head_label(context, match.group(1))
        if label and not is_name(view, context, start, end, label, spans):
            label = None
        name_en = ""
        if label is None and any(view.key.startswith(word, match.end()) for word in context.cues.operations):
            label = "EVENT"
        elif label is None and (head := org_head_after(view, context, match.end())):
            label = "ORG"
            entries = context.lexicon.names.get(match.group(1) + head)
            name_en = entries[0].name_en if entries else ""
        if label:
            result.append(Candidate(start, end, label, "rule", name_en))
    return result


def org_head_after(view: SentenceView, context: Context, position: int) -> str:
    """The ORG head word of two or three characters at `position` (「基地」|組織), '' if none."""
    following = view.key[position : position + 3]
    return next((following[:n] for n in (3, 2) if context.rules.suffixes.get(following[:n], ("",))[0] == "ORG"), "")


def head_label(context: Context, name: str) -> str | None:
    """The label the head word ending a quoted or glossed `name` gives it, if any."""
    for length in range(min(LONGEST_HEAD, len(name) - 1), 0, -1):
        rule = context.rules.suffixes.get(name[-length:])
        if rule:
            return rule[0]
    return None


def name_start(view: SentenceView, context: Context, end: int, limit: int, glossed: bool = False) -> int:
    """Where a name ending at `end` begins, reading leftwards over name-like words for at most
    `limit` characters; a gloss vouches for a name, so then verbs other than predicates may be
    part of it (反恐中心)."""
    position = end
    if end not in view.starts:  # the head word is glued to a word: 聯大會議 (a name), 發動戰爭 (not)
        start, _, tag = view.tokens[view.token_of[end]]
        if tag not in GLUED_NAME_TAGS:
            return end
        position = start
    while position > 0 and end - position < limit:
        index = view.token_of[position - 1]
        start, token_end, tag = view.tokens[index]
        word = view.key[start:token_end]
        if stops_name(view, context, index, word, "n" if glossed and tag.startswith("v") else tag):
            break
        position = start
    return position


def stops_name(view: SentenceView, context: Context, index: int, word: str, tag: str) -> bool:
    """Whether a word cannot be part of a name read leftwards: punctuation, function words,
    predicates (any verb not known inside names), a date or a quantity."""
    measures = context.cues.measures
    if word == "-" or word == "·" or ALPHABETIC.search(word):
        return False
    if word.isspace() or word in context.rules.boundaries or word in context.rules.titles:
        return True
    if word[0].isdigit():
        end = view.tokens[index][1]
        return view.key[end : end + 1] in measures or end == len(view.key)
    if word in context.lexicon.abbreviations or word in context.rules.name_verbs:
        return False
    after_number = index and view.word(index - 1)[-1:].isdigit()
    if after_number and len(word) == 1 and HAN_RUN.match(word) and word not in measures:
        return False  # a counter after a number: 第57屆, 20國
    if tag == "m":
        return not context.cues.ordinal_word.fullmatch(word)
    if tag == "t":
        return any(char in context.cues.time_characters for char in word)
    return tag in STOP_TAGS or tag.startswith("u") or (tag.startswith("v") and tag != "vn")


def suffixed_names(view: SentenceView, context: Context, found: list[Candidate]) -> list[Candidate]:
    """Names read leftwards from a head word: 全面禁止核試驗條約, 東協區域論壇, 車臣戰爭.

    A name that only adds words before a known name ending at the same place (上海|亞太經合組織,
    撞擊|世貿大廈) is not made: the known name is the whole name."""
    result = []
    spans = [(c.start, c.end) for c in found]
    known_ends = defaultdict(list)
    for c in found:
        if c.method in ("lexicon", "memory"):
            known_ends[c.end].append(c.start)
    for suffix, (label, condition) in context.rules.suffixes.items():
        if condition == "quoted" or suffix not in view.key:
            continue
        for match in re.finditer(re.escape(suffix), view.key):
            suffix_start, end = match.span()
            if end not in view.ends:
                continue
            start = name_start(view, context, suffix_start, context.policy.max_name_length)
            if suffix_start - start < 2 or any(start < known for known in known_ends[end]):
                continue
            if meets_condition(view, context, start, suffix_start, condition, spans) and is_name(
                view, context, start, suffix_start, label, spans
            ):
                result.append(Candidate(start, end, label, "rule"))
    return result


def meets_condition(
    view: SentenceView, context: Context, start: int, end: int, condition: str, spans: list[tuple[int, int]]
) -> bool:
    """Whether the words before a head word meet its row's condition (`name_suffixes.tsv`):
    `ordinal` wants a numbered ordinal (第57屆), `proper` a proper-noun part."""
    if condition == "ordinal":
        return bool(context.cues.ordinal.search(view.key[start:end]))
    if condition == "proper":
        return has_proper_part(view, context, start, end, spans)
    return True


def is_name(
    view: SentenceView, context: Context, start: int, end: int, label: str, spans: list[tuple[int, int]]
) -> bool:
    """Whether the words before a head word make a name rather than a kind of thing: a LAW needs
    more than generic modifiers (和平條約 is a kind of treaty), other labels a proper part."""
    if label == "LAW":  # 和平條約 is a kind of treaty; 巴黎條約, a known place before it, is a name
        return not is_generic(view, context, start, end) or (start, end) in spans
    return has_proper_part(view, context, start, end, spans)


def is_generic(view: SentenceView, context: Context, start: int, end: int) -> bool:
    """Whether `[start, end)` is only modifiers such as 和平, 雙邊 (a kind of treaty, not a name)."""
    if ALPHABETIC.search(view.key[start:end]):
        return False
    words = [view.word(i) for i in range(view.token_of[start], view.token_of[end - 1] + 1)]
    return end - start < 3 or all(w in context.rules.generic_modifiers for w in words)


def has_proper_part(view: SentenceView, context: Context, start: int, end: int, proper: list[tuple[int, int]]) -> bool:
    """Whether a name has a proper-noun part (a known name, a jieba name tag, Latin, a number, or
    state abbreviations only: 美中|友協, 中美|商會)."""
    if any(s < end and start < e for s, e in proper):
        return True
    if end - start >= 2 and all(char in context.lexicon.abbreviations for char in view.key[start:end]):
        return True
    if re.search(r"[0-9A-Za-z]", view.key[start:end]) or context.cues.ordinal.search(view.key[start:end]):
        return True
    return any(view.tokens[i][2] in PROPER_TAGS for i in range(view.token_of[start], view.token_of[end - 1] + 1))
