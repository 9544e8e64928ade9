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


def pdf_encrypted(path: str) -> InputError:
    return InputError(
        "E010",
        path,
        "the PDF is encrypted; remove the password (qpdf --decrypt --password=PW in.pdf out.pdf) and re-run",
    )


def pdf_scanned(path: str, pages: str) -> InputError:
    verb = "have" if pages.startswith("pages") else "has"
    return InputError("E011", path, f"{pages} {verb} no text layer: the PDF is a scan; OCR it first (e.g. ocrmypdf)")


def pdf_damaged(path: str, reason: str) -> InputError:
    return InputError("E012", path, f"the PDF cannot be read ({reason}); re-export or re-download it")


def pdf_no_body(path: str) -> InputError:
    return InputError(
        "E013", path, "the PDF has text but no body text (only page furniture or notes); check it is a chapter"
    )


def line_too_long(path: str, length: int, limit: int) -> InputError:
    return InputError(
        "E014",
        path,
        f"one line holds {length:,} characters (more than {limit:,}): not a chapter's text as extracted; "
        "break it into paragraphs (one per line) and re-run",
    )


def page_ranges(numbers: list[int]) -> str:
    """`pages 1–12`, `page 3`, `pages 2, 5–6`: page numbers (1-based) as a reader writes them.

    >>> page_ranges([1, 2, 3]), page_ranges([4]), page_ranges([2, 5, 6])
    ('pages 1–3', 'page 4', 'pages 2, 5–6')
    """
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    text = ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)
    return f"{'pages' if len(numbers) > 1 else 'page'} {text}"
