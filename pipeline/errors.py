"""Error messages users can act on: each has a code, names the file and says what to do, on one line.

    >>> str(empty_file("corpus/ch1.txt"))
    'corpus/ch1.txt: [E001] the file is empty; re-extract the text from the PDF'

The codes are stable (README lists them), so a script can match on them; the wording may improve.
"""

from __future__ import annotations


class InputError(Exception):
    """An input file that cannot be processed; the batch records it and goes on."""

    def __init__(self, code: str, path: str, problem: str):
        super().__init__(f"{path}: [{code}] {problem}")
        self.code = code
        self.path = path


def empty_file(path: str) -> InputError:
    return InputError("E001", path, "the file is empty; re-extract the text from the PDF")


def binary_file(path: str) -> InputError:
    return InputError("E002", path, "looks like a binary file, not text; give the .txt extraction of the chapter")


def undecodable(path: str) -> InputError:
    return InputError("E003", path, "cannot decode as UTF-8, UTF-16, Big5 or GB18030; save it as UTF-8")


def unreadable(path: str, reason: str) -> InputError:
    return InputError("E004", path, f"cannot be read ({reason}); check that the file exists and is readable")


def no_text(path: str) -> InputError:
    return InputError("E005", path, "no body text was found after cleaning; check that it is a chapter's text")


def stage_failed(path: str, stage: str, error: Exception, log_file: str) -> InputError:
    return InputError(
        "E006",
        path,
        f"the {stage} stage failed ({type(error).__name__}: {error}); "
        f"the traceback is in {log_file}; please report it with that file",
    )


def not_a_file(path: str) -> InputError:
    return InputError("E007", path, "is not a regular file (a folder, FIFO or device); give the chapter's file")


def no_visible_text(path: str) -> InputError:
    return InputError("E008", path, "holds no visible text (only spaces, controls or zero-width characters)")


def ambiguous_encoding(path: str, candidates: list[str]) -> InputError:
    return InputError(
        "E009", path, f"decodes as {' or '.join(candidates)} but neither reads as Chinese text; save it as UTF-8"
    )
