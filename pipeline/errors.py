"""Error messages users can act on: each names the file and what is wrong, on one line."""

from __future__ import annotations


class InputError(Exception):
    """An input file that cannot be processed; the batch records it and goes on."""


def empty_file(path: str) -> InputError:
    return InputError(f"{path}: the file is empty; re-extract the text from the PDF")


def binary_file(path: str) -> InputError:
    return InputError(f"{path}: looks like a binary file, not text; give the .txt extraction of the chapter")


def undecodable(path: str) -> InputError:
    return InputError(f"{path}: cannot decode as UTF-8, UTF-16, Big5 or GB18030; save it as UTF-8")


def unreadable(path: str, reason: str) -> InputError:
    return InputError(f"{path}: cannot be read ({reason})")


def no_text(path: str) -> InputError:
    return InputError(f"{path}: no body text was found after cleaning")
