"""Sources that find known names: lexicon names in either script, the document's memory, and the
names a known name makes with the word after it (俄羅斯人, 中亞地區, 美國國防部)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...text import HAN_RUN, WordIndex
from ..context import Context
from ..view import Candidate, SentenceView

LATIN_RUN = re.compile(r"[0-9A-Za-zÀ-ɏЀ-ӿ][0-9A-Za-zÀ-ɏЀ-ӿ'’.\-&/ ]*")
LATIN_WORD = re.compile(r"[^\s'’.\-&/]+(?:['’][^\s'’.\-&/]+)*\.?")


def lexicon_matches(view: SentenceView, context: Context, found: list[Candidate]) -> list[Candidate]:
    """Every lexicon name in the sentence that is not a piece of a longer word. Before the title
    of its head the place gives up its 市 or 縣 to the title, as segmentation standards cut it
    (臺北|市長, 屏東|縣長), whichever way jieba cut it. A state or place inside one word with its
    formal or administrative form is that word (香港特別行政區, 天津市)."""
    result = []
    key, names, office_titles = view.key, context.lexicon.names, context.cues.office_titles
    for start, name in names_in(key, context.lexicon.name_index):
        end = start + len(name)
        entries = names[name]
        if key[end - 1 : end + 1] in office_titles and key[start : end - 1] in names:
            short = names[key[start : end - 1]][0]
            result.append(Candidate(start, end - 1, short.label, "lexicon", short.name_en))
        elif context.fits_words(view, start, end):
            result.append(Candidate(start, end, entries[0].label, "lexicon", entries[0].name_en))
        elif entries[0].label == "GPE" and (form := state_form_end(view, context, end, within=True)):
            # the formal or administrative name is one word (香港特別行政區, 天津市)
            result.append(Candidate(start, form, "GPE", "rule", entries[0].name_en))
    return result


def names_in(key: str, index: WordIndex) -> Iterator[tuple[int, str]]:
    """(start, name) of every word of `index` in `key`, by start, the shorter names first: what
    `index.all_at` finds at each position, in one pass without a call per character.

    >>> list(names_in("美國人", WordIndex(["美國", "美國人", "國人"])))
    [(0, '美國'), (0, '美國人'), (1, '國人')]
    """
    lengths, words = index.lengths, index.words
    for start, first in enumerate(key):
        sizes = lengths.get(first)
        if sizes is None:
            continue
        rest = len(key) - start
        if sizes[0] > rest:  # near the end a longer size reads the rest of the text: count it once
            sizes = sorted({min(size, rest) for size in sizes}, reverse=True)
        for size in reversed(sizes):
            if (name := key[start : start + size]) in words:
                yield start, name


def latin_matches(view: SentenceView, context: Context, found: list[Candidate]) -> list[Candidate]:
    """Latin/Cyrillic names and acronyms (NATO, Putin), whole words only, up to eight words."""
    result = []
    for run in LATIN_RUN.finditer(view.text):
        words = list(LATIN_WORD.finditer(run.group()))
        for i, first in enumerate(words):
            for last in words[i : i + 8]:
                start, end = run.start() + first.start(), run.start() + last.end()
                for text_end in {end, end - (view.text[end - 1] == ".")}:
                    entries = context.lexicon.latin.get(" ".join(view.text[start:text_end].split()))
                    if entries:
                        result.append(
                            Candidate(
                                view.compact(start),
                                view.compact(text_end),
                                entries[0].label,
                                "lexicon",
                                entries[0].name_en,
                            )
                        )
    return result


def memory_matches(view: SentenceView, context: Context, found: list[Candidate]) -> list[Candidate]:
    """The names the document introduced elsewhere (see `annotate.document_memory`)."""
    result: list[Candidate] = []
    for name, (label, name_en) in context.memory.items():
        if name not in view.key and name not in view.text:
            continue
        if HAN_RUN.search(name):
            spans = [m.span() for m in re.finditer(re.escape(name), view.key) if context.fits_words(view, *m.span())]
        else:
            spans = [
                (view.compact(m.start()), view.compact(m.end()))
                for m in re.finditer(r"(?<![\w])" + re.escape(name) + r"(?![\w])", view.text)
            ]
        result.extend(Candidate(start, end, label, "memory", name_en) for start, end in spans)
    return result


def demonyms(view: SentenceView, context: Context, found: list[Candidate]) -> list[Candidate]:
    """A country or region followed by 人 is a NORP (俄羅斯人); a region followed by 地區 is
    still that region (中亞地區), a state or place followed by its formal or administrative
    form still that state or place (烏茲別克斯坦共和國, 香港特別行政區)."""
    result = []
    people = context.cues.demonym_suffix
    for c in found:
        if c.label not in ("GPE", "LOC") or c.end - c.start < 2:
            continue
        if view.key.startswith(people, c.end) and c.end + len(people) in view.ends:
            result.append(Candidate(c.start, c.end + len(people), "NORP", "rule", ""))
        if c.label == "GPE" and (end := state_form_end(view, context, c.end)):
            result.append(Candidate(c.start, end, "GPE", "rule", c.name_en))
        for suffix in context.cues.region_suffixes if c.label == "LOC" else ():
            if view.key.startswith(suffix, c.end) and c.end + len(suffix) in view.ends:
                result.append(Candidate(c.start, c.end + len(suffix), "LOC", "rule", c.name_en))
    return result


def state_form_end(view: SentenceView, context: Context, position: int, within: bool = False) -> int:
    """End of the longest state form or administrative suffix at `position` (共和國, 自治區, 市)
    that ends a word (`within`: and does not reach past the word), 0 if there is none. A place
    gives up its 市 or 縣 to the title of its head (臺北|市長)."""
    key = view.key
    for form in context.cues.state_forms:
        end = position + len(form)
        if not key.startswith(form, position) or key[end - 1 : end + 1] in context.cues.office_titles:
            continue
        if end in view.ends and (not within or view.token_of[end - 1] == view.token_of[position - 1]):
            return end
    return 0


def institution_end(view: SentenceView, context: Context, position: int) -> int:
    """End of the longest institution word at `position` that is a whole word and not the start
    of a title (國防部|長); `position` if there is none."""
    for word in context.entities.institution_index.all_at(view.key, position):
        end = position + len(word)
        if end in view.ends and not view.key.startswith(context.cues.title_suffix, end):
            return end
    return position


def institutions(view: SentenceView, context: Context, found: list[Candidate]) -> list[Candidate]:
    """A state followed by institution words is one ORG (法國國防部); some stand alone (國會)."""
    result = []
    names = context.lexicon.names
    for c in found:
        if c.label != "GPE" or c.end - c.start < 2:
            continue
        end = c.end
        while (following := institution_end(view, context, end)) > end:
            end = following
        if end > c.end:  # a known name of the whole institution gives its English name (美國商務部|出口管理局)
            known = [
                names[view.key[c.start : j]][0].name_en for j in range(end, c.end, -1) if view.key[c.start : j] in names
            ]
            result.append(Candidate(c.start, end, "ORG", "rule", known[0] if known else ""))
    for start, end, _ in view.tokens:
        if context.rules.institutions.get(view.key[start:end]) and not view.key.startswith(
            context.cues.title_suffix, end
        ):
            result.append(Candidate(start, end, "ORG", "rule"))
    return result
