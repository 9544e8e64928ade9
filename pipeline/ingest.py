"""Ingest stage: bytes on disk to NFC text, whatever the encoding.

UTF-8 (with or without BOM), UTF-16 (BOM) and the legacy CJK encodings Big5 and GB18030 are
detected. Unicode NFC is applied at once: chapters extracted from PDFs are full of CJK
compatibility ideographs (年 U+F98E for 年) that break regular expressions and jieba; NFC folds them
to the unified ideograph. NFKC is never applied to the text itself, since it would also rewrite
full-width punctuation the chapter uses.
"""

from __future__ import annotations

import codecs
import hashlib
import stat
import unicodedata
from pathlib import Path

from charset_normalizer import from_bytes

from . import errors
from .model import Document

LEGACY_ENCODINGS = ("big5", "cp950", "gb18030")
# charset_normalizer's mess ratio above which a legacy decoding is taken for mojibake.
MAX_CHAOS = 0.3
# A paragraph per line is the longest line an extractor writes: a line of a million characters (some
# 600 pages) is a file whose line breaks were lost, which no reader can cite by paragraph.
LONGEST_LINE = 1_000_000


def doc_id_for(path: Path) -> str:
    """The input file's stem: `corpus/000_b3886f15280fecea.txt` -> `000_b3886f15280fecea`."""
    return path.stem


def doc_ids(files: list[Path]) -> dict[Path, str]:
    """A unique doc id for every file: its stem, or where several files share a stem, the stem
    after as many parent folder names as tell them apart (`a/ch.txt`, `b/ch.txt` -> `a_ch`, `b_ch`).

    >>> list(doc_ids([Path("x/a/ch.txt"), Path("y/b/ch.txt"), Path("z/other.txt")]).values())
    ['a_ch', 'b_ch', 'other']
    """
    by_stem: dict[str, list[Path]] = {}
    for path in files:
        by_stem.setdefault(path.stem, []).append(path)
    ids: dict[Path, str] = {}
    for stem, paths in by_stem.items():
        depth = 0
        names = [stem] * len(paths)
        while len(set(names)) < len(names) and depth < max(len(p.parts) for p in paths):
            depth += 1
            names = ["_".join([*p.resolve().parent.parts[-depth:], stem]).lstrip("/_") for p in paths]
        ids.update(zip(paths, names))
    return {path: ids[path] for path in files}


def decode(data: bytes, path: str) -> tuple[str, str]:
    """(text, encoding name) of raw bytes, or an InputError naming the file."""
    if not data.strip():
        raise errors.empty_file(path)
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            text = data.decode(name, errors="replace")
            if "\x00" in text or not _looks_like_text(text):  # NUL bytes are binary, BOM or not
                raise errors.binary_file(path)
            return text, name
    if b"\x00" in data:
        guess = from_bytes(data, cp_isolation=["utf_16_le", "utf_16_be"]).best()
        if guess is None or not _looks_like_text(str(guess)):
            raise errors.binary_file(path)
        return str(guess), guess.encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return _legacy(data, path)


def _legacy(data: bytes, path: str) -> tuple[str, str]:
    """Big5 or GB18030: the candidates that decode, judged by charset_normalizer's language
    coherence (a short GB18030 file also decodes as Big5, into nonsense); a result that still looks
    like mojibake is refused, naming the candidates."""
    candidates = []
    for name in LEGACY_ENCODINGS:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            candidates.append(name)
    if not candidates:
        raise errors.undecodable(path)
    if len(candidates) == 1:
        return data.decode(candidates[0]), candidates[0]
    best = from_bytes(data, cp_isolation=candidates).best()
    if best is None or best.chaos > MAX_CHAOS:
        raise errors.ambiguous_encoding(path, candidates)
    return data.decode(best.encoding), best.encoding


def _looks_like_text(text: str) -> bool:
    if not text:
        return False
    control = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\n\r\t\f")
    replaced = text.count("\ufffd")
    return control <= 0.01 * len(text) and replaced <= 0.01 * len(text)


def has_visible_text(text: str) -> bool:
    """Whether any letter, digit or ideograph is there (zero-width and other format characters,
    spaces and controls alone are no chapter).

    >>> has_visible_text("\u200b\u200d \ufeff"), has_visible_text("\u200b年")
    (False, True)
    """
    return any(unicodedata.category(c)[0] in "LN" for c in text)


def _is_pdf(path: Path, data: bytes) -> bool:
    """A `.pdf` file, or any file that starts like one (`%PDF-`)."""
    return path.suffix.lower() == ".pdf" or data[:1024].lstrip().startswith(b"%PDF-")


def read(path: Path, doc_id: str | None = None) -> Document:
    """A Document with `raw` set, or with status 'error' and a one-line reason. PDFs (by suffix or
    by their first bytes) are read by `pipeline.pdf`, which also builds blocks and footnotes."""
    document = Document(doc_id=doc_id or doc_id_for(path), source=str(path))
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # a FIFO or device would block or never end
            raise errors.not_a_file(str(path))
        data = path.read_bytes()
        document.sha256 = hashlib.sha256(data).hexdigest()
        if data.strip() and _is_pdf(path, data):
            from .pdf import read_pdf  # the PDF reader (pypdfium2) is loaded only for PDFs

            return read_pdf(document, data)
        text, document.encoding = decode(data, str(path))
    except errors.InputError as error:
        document.status, document.error = "error", str(error)
        return document
    except OSError as error:
        document.status, document.error = "error", str(errors.unreadable(str(path), error.strerror or str(error)))
        return document
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    document.raw = unicodedata.normalize("NFC", text)
    if not _looks_like_text(document.raw):
        document.status, document.error = "error", str(errors.binary_file(str(path)))
    elif not has_visible_text(document.raw):
        document.status, document.error = "error", str(errors.no_visible_text(str(path)))
    elif (longest := longest_line(document.raw)) > LONGEST_LINE:
        document.status, document.error = "error", str(errors.line_too_long(str(path), longest, LONGEST_LINE))
    return document


def longest_line(text: str) -> int:
    r"""The length of the longest line of `text`.

    >>> longest_line("第一章\n正文正文。\n")
    5
    """
    return max(map(len, text.split("\n")))
