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
import unicodedata
from pathlib import Path

from charset_normalizer import from_bytes

from . import errors
from .model import Document

LEGACY_ENCODINGS = ("big5", "cp950", "gb18030")


def doc_id_for(path: Path) -> str:
    """The input file's stem: `corpus/000_b3886f15280fecea.txt` -> `000_b3886f15280fecea`."""
    return path.stem


def decode(data: bytes, path: str) -> tuple[str, str]:
    """(text, encoding name) of raw bytes, or an InputError naming the file."""
    if not data.strip():
        raise errors.empty_file(path)
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(name), name
    if b"\x00" in data:
        guess = from_bytes(data, cp_isolation=["utf_16_le", "utf_16_be"]).best()
        if guess is None or not _looks_like_text(str(guess)):
            raise errors.binary_file(path)
        return str(guess), guess.encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for name in LEGACY_ENCODINGS:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text, name
    raise errors.undecodable(path)


def _looks_like_text(text: str) -> bool:
    if not text:
        return False
    control = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\n\r\t\f")
    return control <= 0.01 * len(text)


def read(path: Path) -> Document:
    """A Document with `raw` set, or with status 'error' and a one-line reason."""
    document = Document(doc_id=doc_id_for(path), source=str(path))
    try:
        data = path.read_bytes()
        document.sha256 = hashlib.sha256(data).hexdigest()
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
    return document


def content_key(path: Path, version: str) -> str:
    """Cache key of a file: its content hash and the pipeline version that processed it."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return f"{digest[:32]}-{version}"
