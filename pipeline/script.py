"""Script stage: Traditional ⇄ Simplified with OpenCC, keeping offsets where the converter can.

Character-level OpenCC configurations (`tw2s`, `s2tw`) map one character to one character almost
everywhere, so an offset into the source text is also an offset into its conversion. Phrase-level
configurations (`s2twp`) would rewrite vocabulary and move offsets, so they are not used.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

import opencc

from .config import DEFAULT, Config
from .model import Document

if TYPE_CHECKING:
    from .resources import Resources

COMPATIBILITY_IDEOGRAPH = re.compile(r"[\uf900-\ufaff]")


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


def aligned_simplified(text: str) -> str:
    """`to_simplified(text)` with one character per character: converted character by character
    wherever a phrase rule changed the length.

    CJK compatibility ideographs, which PDF extraction leaves in the text (U+F9E9 for 里), are first
    replaced by the unified ideographs they stand for, one character for one.

    >>> aligned_simplified("倫斯斐")
    '伦斯斐'
    >>> aligned_simplified("布\\uf9e9茲") == "布里兹"
    True
    """
    text = COMPATIBILITY_IDEOGRAPH.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    return per_character(to_simplified, text)


def aligned_traditional(text: str) -> str:
    """`to_traditional(text)` where it keeps the length, else `text` unchanged.

    >>> aligned_traditional("两点")
    '兩點'
    """
    traditional = to_traditional(text)
    return traditional if len(traditional) == len(text) else text


def per_character(convert: Callable[[str], str], text: str) -> str:
    """`convert(text)`, or where that changes the length (a phrase rule, a dropped control
    character), the text converted one character at a time, keeping any character whose
    conversion is not one character.

    >>> per_character(to_simplified, "0" + chr(0) + "國") == "0" + chr(0) + "国"
    True
    """
    converted = convert(text)
    if len(converted) == len(text):
        return converted
    pieces = [convert(char) for char in text]
    return "".join(p if len(p) == 1 else c for p, c in zip(pieces, text))


def convert_sentences(document: Document, resources: Resources | None = None, config: Config = DEFAULT) -> Document:
    """Fill every sentence's `text_trad` and `text_simp`, each the same length as `text`."""
    for sentence in document.sentences():
        sentence.text_trad = per_character(to_traditional, sentence.text)
        sentence.text_simp = per_character(to_simplified, sentence.text)
    return document
