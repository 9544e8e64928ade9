"""The gloss source: a Chinese name followed by its parenthesised Latin or Cyrillic gloss,
`倫斯斐 (Donald Henry Rumsfeld)`; the gloss gives the English name, an alias and, from its shape,
the type (a personal name, "... Treaty", "... Organization, NATO")."""

from __future__ import annotations

import re

from ...text import HAN_RUN
from ..context import Context
from ..view import Candidate, SentenceView
from .heads import ALPHABETIC, head_label, name_start
from .persons import foreign_name_before, title_before

GLOSS = re.compile(r"[(（]\s*([^()（）]{2,300}?)\s*[)）]")
ACRONYM = re.compile(r"[A-Z][A-Za-z]*[A-Z][A-Za-z]*(?:[ -]?(?:[IVX]+|[0-9]+))?")
CYRILLIC = re.compile(r"[Ѐ-ӿ]")
QUOTE_PAIRS = {"」": "「", "』": "『", "”": "“", "》": "《"}
NAME_PARTICLES = frozenset("de da di do dos du la le van von der den bin ibn al el y of".split())
PLACE_ENDING = re.compile(r"(?:sk|grad|burg|bourg|pol|stan|ville|shire|sk[aiy]y?)$", re.IGNORECASE)
GLOSS_SEPARATORS = (";", "；")
GLOSS_PADDING = " ,，"
# Forms of address before a glossed name and degrees after it, not part of the name (OntoNotes:
# titles are outside PERSON spans): "H.E. Sir Frank Kabui", "Hilda C. Heine, Ed. D".
HONORIFIC = re.compile(
    r"(?:(?:H\.\s?E\.|His Excellency|Her Excellency|The Hon(?:ou?rable|\.)|Hon\.|Sir|Dame"
    r"|Dr\.|Prof\.|Mr\.|Mrs\.|Ms\.)\s+)+"
)
DEGREE = re.compile(r",\s*(?:Ed\.?\s?D|Ph\.?\s?D|M\.?\s?D|LL\.?\s?[BMD]|Esq)\.?\s*$")


def glossed_names(view: SentenceView, context: Context, found: list[Candidate]) -> list[Candidate]:
    """A Chinese name and its parenthesised gloss: `倫斯斐 (Donald Henry Rumsfeld)`. A personal
    name glossed right after a title alone (`印尼外長（Ali Alatas）`) is a PERSON in Latin letters."""
    result: list[Candidate] = []
    known = {(c.start, c.end): c.name_en for c in found if c.method == "lexicon" and c.name_en}
    for match in GLOSS.finditer(view.text):
        content = match.group(1)
        if HAN_RUN.search(content) or len(ALPHABETIC.findall(content)) < 2:
            continue
        parts = [
            (view.compact(s), view.compact(e), view.text[s:e])
            for s, e in gloss_parts(view.text, match.start(1), match.end(1))
        ]
        texts = [text for _, _, text in parts]
        name_end = view.compact(match.start())
        chinese = glossed_chinese(view, context, name_end, texts, found)
        if chinese is None:
            full_names = all(is_personal_name(t) and len(t.split()) > 1 for t in texts)
            if full_names and title_before(view, context, name_end):
                result.extend(Candidate(s, e, "PERSON", "gloss", english_name(texts)) for s, e, _ in parts)
            continue
        listed = next((known[s, e] for s, e, _ in parts if (s, e) in known), "")
        if listed and not translation_fits(view.key[chinese.start : chinese.end], listed, context):
            listed = ""  # 東亞共同體（EAC）: the acronym's lexicon row, the East African Community, is another body
        name_en = chinese.name_en or listed or english_name(texts)
        result.append(Candidate(chinese.start, chinese.end, chinese.label, "gloss", name_en))
        result.extend(Candidate(s, e, chinese.label, "gloss", name_en) for s, e, _ in parts)
    return result


def glossed_chinese(
    view: SentenceView, context: Context, name_end: int, texts: list[str], found: list[Candidate]
) -> Candidate | None:
    """The Chinese name a gloss explains, with its label, or None if the gloss names nothing."""
    if name_end and view.key[name_end - 1] in QUOTE_PAIRS:
        return quoted_glossed(view, context, name_end, texts, found)
    ending_here = [c for c in found if c.end == name_end and c.method != "model"]
    if ending_here:
        return min(ending_here, key=lambda c: (c.start, context.rank(c.method)))
    if not name_end or not HAN_RUN.match(view.key[name_end - 1]):
        return None
    label = gloss_label(context, texts)
    if label:
        start = name_start(view, context, name_end, context.policy.max_glossed_name_length, glossed=True)
        return Candidate(start, name_end, label, "gloss") if name_end - start >= 2 else None
    if all(is_personal_name(t) for t in texts):
        title = title_before(view, context, name_end)  # 蘇哈托總統 (Suharto)
        end = name_end - title
        start = foreign_name_before(view, context, end)
        if end - start < 2:
            return None
        label = "PERSON" if title else personal_or_place(view, context, start, end, texts)
        return Candidate(start, end, label, "gloss")
    return None


def quoted_glossed(
    view: SentenceView, context: Context, name_end: int, texts: list[str], found: list[Candidate]
) -> Candidate | None:
    """The quoted name before a gloss (「聖戰」(Crusade)): a lexicon name, or one whose head word
    or gloss gives a label; None for a quoted concept."""
    opening = view.key.rfind(QUOTE_PAIRS[view.key[name_end - 1]], 0, name_end - 1)
    start, end = opening + 1, name_end - 1
    label = head_label(context, view.key[start:end]) or gloss_label(context, texts)
    known = [c for c in found if (c.start, c.end) == (start, end) and c.method == "lexicon"]
    if opening >= 0 and (known or label):
        return known[0] if known else Candidate(start, end, label or "", "gloss")
    return None


def personal_or_place(view: SentenceView, context: Context, start: int, end: int, texts: list[str]) -> str:
    """PERSON, unless a one-word gloss names a place: jieba calls it one, a locative word
    precedes it (在|克拉斯諾雅爾斯克), or the Latin form has a place ending (-sk, -grad, -burg)."""
    if not all(len(t.split()) == 1 for t in texts):
        return "PERSON"
    tag = view.tokens[view.token_of[end - 1]][2]
    before = view.key[max(0, start - 2) : start]
    if tag == "ns" or before.endswith(context.cues.locatives) or any(PLACE_ENDING.search(t) for t in texts):
        return "GPE"
    return "PERSON"


def gloss_label(context: Context, texts: list[str]) -> str | None:
    """The label a gloss's head words give (Treaty -> LAW, Organization -> ORG), if any."""
    for text in texts:
        for word in reversed(re.findall(r"[^\W\d_]+", text)):
            label = context.rules.gloss_keywords.get(word.casefold())
            if label:
                return label
    return None


def translation_fits(chinese: str, name_en: str, context: Context) -> bool:
    """Whether an English name can translate a Chinese name: every lexicon name inside the Chinese
    name (東亞 = East Asia) has its words in the English name ("East Asia Summit" yes, "East African
    Community" no), a word counting when an English word starts with it (Africa / African)."""
    words = re.findall(r"[a-z]+", name_en.casefold())
    for start in range(len(chinese)):
        for end in range(start + 2, len(chinese) + (start > 0)):
            for entry in context.lexicon.names.get(chinese[start:end], ())[:1]:
                needed = re.findall(r"[a-z]+", entry.name_en.casefold())
                if needed and not all(any(w.startswith(n) for w in words) for n in needed):
                    return False
    return True


def gloss_parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the names inside a gloss: split at ';', and a trailing acronym after ',' apart.

    >>> t = "(Anti-Ballistic Missile Treaty, ABM)"
    >>> [t[s:e] for s, e in gloss_parts(t, 1, len(t) - 1)]
    ['Anti-Ballistic Missile Treaty', 'ABM']
    """
    spans = []
    position = start
    for piece in re.split(r"([;；])", text[start:end]):
        if piece not in GLOSS_SEPARATORS:
            head, comma, tail = piece.rpartition(",")
            if comma and ACRONYM.fullmatch(tail.strip()) and not DEGREE.search(piece):
                spans.append((position, position + len(head)))
                spans.append((position + len(head) + 1, position + len(piece)))
            else:
                spans.append((position, position + len(piece)))
        position += len(piece)
    stripped = []
    for s, e in spans:
        if honorific := HONORIFIC.match(text, s, e):
            s = honorific.end()
        if degree := DEGREE.search(text[s:e]):
            e = s + degree.start()
        while s < e and text[s] in GLOSS_PADDING:
            s += 1
        while e > s and text[e - 1] in GLOSS_PADDING:
            e -= 1
        if e - s >= 2:
            stripped.append((s, e))
    return stripped


def is_personal_name(text: str) -> bool:
    """Whether a gloss looks like a personal name: capitalised words or initials, no acronym.

    >>> is_personal_name("Mihail, S. Gorbachev"), is_personal_name("Mutual Assured Destruction, MAD")
    (True, False)
    """
    words = [w for w in re.split(r"[\s,]+", text) if w]
    if not 1 <= len(words) <= 5 or re.search(r"\d", text):
        return False
    for word in words:
        core = word.strip(".")
        if core.casefold() in NAME_PARTICLES or re.fullmatch(r"[A-ZА-ЯЁ]\.?", word):
            continue
        if not core[:1].isupper() or (len(core) > 1 and core.isupper()):
            return False
    return True


def english_name(texts: list[str]) -> str:
    """The gloss part to use as `name_en`: a Latin-script name before an acronym or Cyrillic."""
    latin = [t for t in texts if not CYRILLIC.search(t)]
    full = [t for t in latin if not ACRONYM.fullmatch(t)]
    return " ".join((full or latin or texts or [""])[0].split())
