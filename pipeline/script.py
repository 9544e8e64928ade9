"""Script stage: Traditional ⇄ Simplified with OpenCC, keeping offsets where the converter can.

Character-level OpenCC configurations (`tw2s`, `s2tw`) map one character to one character almost
everywhere, so an offset into the source text is also an offset into its conversion. Phrase-level
configurations (`s2twp`) would rewrite vocabulary and move offsets, so they are not used.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

import opencc

from .config import DEFAULT, Config
from .model import Document

if TYPE_CHECKING:
    from .resources import Resources


@cache
def converter(config: str) -> opencc.OpenCC:
    """One cached OpenCC converter per configuration name."""
    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """Simplified form of `text` (Traditional in, Simplified out; Simplified passes unchanged).

    >>> to_simplified("俄羅斯與東協關係")
    '俄罗斯与东协关系'
    """
    return converter("tw2s").convert(text)


def to_traditional(text: str) -> str:
    """Traditional (Taiwan standard characters) form of `text`.

    >>> to_traditional("俄罗斯与东协关系")
    '俄羅斯與東協關係'
    """
    return converter("s2tw").convert(text)


def detect_script(text: str) -> str:
    """'traditional', 'simplified' or 'mixed', from how many characters each conversion changes."""
    to_simp = sum(a != b for a, b in zip(text, to_simplified(text)))
    to_trad = sum(a != b for a, b in zip(text, to_traditional(text)))
    if to_simp == to_trad == 0:
        return "traditional"
    if to_trad == 0 or to_simp >= 10 * to_trad:
        return "traditional"
    if to_simp == 0 or to_trad >= 10 * to_simp:
        return "simplified"
    return "mixed"


def convert_sentences(document: Document, resources: Resources | None = None, config: Config = DEFAULT) -> Document:
    """Fill every sentence's `text_trad` and `text_simp`."""
    for sentence in document.sentences():
        sentence.text_trad = to_traditional(sentence.text)
        sentence.text_simp = to_simplified(sentence.text)
    return document
