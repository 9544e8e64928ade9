"""Text primitives every stage shares: character classes, same-length script shadows (from
`script.py`, re-exported here), and the longest dictionary word at a position.

A *shadow* of a text is its conversion to one script with exactly one character per character,
so an offset into the shadow is an offset into the text: stages match their Simplified or
Traditional word lists in the shadow and report spans of the original.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .script import aligned_simplified, aligned_traditional

__all__ = ["HAN_RUN", "WordIndex", "aligned_simplified", "aligned_traditional", "is_cjk", "is_han"]

HAN_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
HAN_RUN = re.compile(f"[{HAN_RANGES}]+")
HAN = re.compile(f"[{HAN_RANGES}]")
KANA_AND_SYMBOLS = re.compile(r"[\u3040-\u30ff\u3007]")


def is_han(char: str) -> bool:
    """A Han ideograph: unified (with extensions A–F) or compatibility.

    >>> [is_han(c) for c in "年a，\uf98e"]
    [True, False, False, True]
    """
    return bool(char) and HAN.fullmatch(char[0]) is not None


def is_cjk(char: str) -> bool:
    """A Han ideograph, kana or 〇: characters of running CJK text (no spaces between them).

    >>> [is_cjk(c) for c in "年か〇，a"]
    [True, True, True, False, False]
    """
    return is_han(char) or (bool(char) and KANA_AND_SYMBOLS.fullmatch(char[0]) is not None)


class WordIndex:
    """Words indexed by their first character, for the longest word at a position in one lookup
    per candidate length instead of a scan of the whole list.

    >>> index = WordIndex(["年底", "年", "年中"])
    >>> index.longest_at("去年底", 1), index.longest_at("去年底", 0)
    ('年底', '')
    >>> index.all_at("年中期", 0)
    ['年中', '年']
    """

    def __init__(self, words: Iterable[str]):
        self.lengths: dict[str, list[int]] = {}
        self.words = frozenset(word for word in words if word)
        for word in self.words:
            self.lengths.setdefault(word[0], []).append(len(word))
        for first, sizes in self.lengths.items():
            self.lengths[first] = sorted(set(sizes), reverse=True)

    def all_at(self, text: str, position: int) -> list[str]:
        """Every word starting at `position`, longest first."""
        sizes = self.lengths.get(text[position : position + 1], ())
        return [text[position : position + n] for n in sizes if text[position : position + n] in self.words]

    def longest_at(self, text: str, position: int) -> str:
        """The longest word starting at `position`, '' if none."""
        for size in self.lengths.get(text[position : position + 1], ()):
            if text[position : position + size] in self.words:
                return text[position : position + size]
        return ""

    def __contains__(self, word: object) -> bool:
        return word in self.words
