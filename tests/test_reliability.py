"""A run is all or nothing, says when it failed, and never trusts what it cannot verify.

Generated inputs (no committed binaries): every case gives the right rows or one error row, the
batch goes on, and the exit status says whether something failed.
"""

from __future__ import annotations

import codecs
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from pipeline import publish, run
from pipeline.cli import EXIT_DOCUMENTS_FAILED, EXIT_OUTPUTS_UNAVAILABLE, app

from conftest import ROOT

CHAPTER = (
    "第一章 緒論\n\n2001年6月16日，小布希與普欽在斯洛維尼亞舉行會晤。\n\n同年12月13日，美國宣佈退出反彈道飛彈條約。\n"
)
OTHER = "第二章 東協\n\n越南於1994年申請加入東協，並於1995年7月28日正式加入。\n"


def documents(out: Path) -> pd.DataFrame:
    return pd.read_csv(out / "documents.csv", dtype=str, keep_default_na=False).set_index("doc_id")


def table(out: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(out / name, dtype=str, keep_default_na=False)


def corpus(tmp_path: Path, files: dict[str, bytes | str]) -> Path:
    folder = tmp_path / "corpus"
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return folder


BAD_INPUTS = {
    "empty": (b"", "E001"),
    "binary": (bytes(range(256)) * 8, "E002"),
    "nul_after_bom": (codecs.BOM_UTF8 + "第一章 緒論\n正文。\x00\x00\x00正文。\n".encode(), "E002"),
    "nul_without_bom": ("第一章 緒論\n正文。\x00\x00\x00正文。\n".encode(), "E002"),
    "invisible_only": ("\u200b\u200d\ufeff\u2060\n\u200b".encode(), "E008"),
    "truncated_utf8": ("第一章 緒論\n正文。".encode()[:-1] + b"\xe6", "E00"),
    "20mb_single_line": (("第一章 緒論 " + "正文，" * 2_300_000).encode(), "E014"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_gets_one_error_row_and_the_good_chapter_is_unchanged(tmp_path, case):
    content, code = BAD_INPUTS[case]
    alone = run([corpus(tmp_path / "a", {"good.txt": CHAPTER})], tmp_path / "alone")
    mixed = run([corpus(tmp_path / "b", {"good.txt": CHAPTER, f"{case}.txt": content})], tmp_path / "mixed")
    assert alone.errors == [] and len(mixed.errors) == 1 and code in mixed.errors[0]
    row = documents(tmp_path / "mixed").loc[case]
    assert row.status == "error" and f"{case}.txt" in row.error and "\n" not in row.error
    for name in ("sentences.csv", "entities.csv", "dates.csv", "events.csv"):
        assert table(tmp_path / "mixed", name).equals(table(tmp_path / "alone", name))


def test_short_gb18030_is_not_read_as_big5(tmp_path):
    from pipeline.ingest import read

    path = tmp_path / "short.txt"
    path.write_bytes("俄罗斯总统普京访问北京。".encode("gb18030"))
    document = read(path)
    assert (document.status, document.encoding, document.raw) == ("ok", "gb18030", "俄罗斯总统普京访问北京。")


def test_same_name_in_two_folders_gives_two_documents(tmp_path):
    folder = corpus(tmp_path, {"a/ch.txt": CHAPTER, "b/ch.txt": OTHER})
    summary = run([folder], tmp_path / "out")
    ids = sorted(documents(tmp_path / "out").index)
    assert ids == ["a_ch", "b_ch"] and summary.errors == []
    assert len(list((tmp_path / "out" / "clean").glob("*.md"))) == 2
    sentences = table(tmp_path / "out", "sentences.csv")
    assert set(sentences.sentence_id.str.split(":").str[0]) == {"a_ch", "b_ch"}


def test_a_file_named_twice_is_processed_once(tmp_path):
    folder = corpus(tmp_path, {"ch.txt": CHAPTER})
    summary = run([folder, folder / "ch.txt", tmp_path / "corpus" / "." / "ch.txt"], tmp_path / "out")
    assert summary.documents == 1


def test_renamed_chapter_gets_ids_from_its_new_name(tmp_path):
    folder = corpus(tmp_path, {"ch_old.txt": CHAPTER})
    run([folder], tmp_path / "out")
    (folder / "ch_old.txt").rename(folder / "ch_new.txt")
    run([folder], tmp_path / "out")
    ids = table(tmp_path / "out", "sentences.csv").sentence_id
    assert ids.str.startswith("ch_new:").all()
    assert table(tmp_path / "out", "entities.csv").mention_id.str.startswith("ch_new:").all()


def test_tampered_cache_entries_are_recomputed(tmp_path):
    folder = corpus(tmp_path, {"000.txt": CHAPTER, "004.txt": OTHER})
    run([folder], tmp_path / "out")
    before = table(tmp_path / "out", "sentences.csv")
    every = sorted((tmp_path / "out" / ".cache").glob("*.json"))
    assert len(every) == 4  # each chapter, and each chapter's events and rows
    for entries in (
        [e for e in every if e.name.startswith("chapter-")],
        [e for e in every if "chapter-" not in e.name],
    ):
        first, second = (entry.read_bytes() for entry in entries)
        entries[0].write_bytes(second)  # two entries swapped
        entries[1].write_bytes(first)
        run([folder], tmp_path / "out")
        assert table(tmp_path / "out", "sentences.csv").equals(before)
    flipped = bytearray(entries[0].read_bytes())
    for k in range(5):
        flipped[len(flipped) // 2 + k] ^= 0x01
    entries[0].write_bytes(bytes(flipped))
    summary = run([folder], tmp_path / "out")
    assert summary.errors == [] and table(tmp_path / "out", "sentences.csv").equals(before)


def test_missing_and_non_regular_paths_are_error_rows(tmp_path):
    folder = corpus(tmp_path, {"good.txt": CHAPTER})
    (folder / "dangling.txt").symlink_to(folder / "nowhere.txt")
    os.mkfifo(folder / "pipe.txt")
    summary = run(
        [folder / "good.txt", folder / "missing.txt", folder / "dangling.txt", folder / "pipe.txt"], tmp_path / "out"
    )
    rows = documents(tmp_path / "out")
    assert rows.loc["good"].status == "ok"
    assert "E007" in rows.loc["pipe"].error and "E004" in rows.loc["missing"].error
    assert rows.loc["dangling"].status == "error" and len(summary.errors) == 3


def test_exit_status_says_a_document_failed(tmp_path):
    folder = corpus(tmp_path, {"good.txt": CHAPTER, "empty.txt": b""})
    runner = CliRunner()
    failed = runner.invoke(app, ["run", str(folder), "--out", str(tmp_path / "out")])
    assert failed.exit_code == EXIT_DOCUMENTS_FAILED and "1 of 2 documents failed" in failed.output
    allowed = runner.invoke(app, ["run", str(folder), "--out", str(tmp_path / "out"), "--allow-errors"])
    assert allowed.exit_code == 0


def test_outputs_describe_this_run_only(tmp_path):
    folder = corpus(tmp_path, {"a.txt": CHAPTER, "b.txt": OTHER})
    from pipeline.config import Config

    run([folder], tmp_path / "out", Config(formats=("csv", "duckdb", "parquet")))
    assert (tmp_path / "out" / "corpus.duckdb").exists()
    (folder / "b.txt").unlink()
    run([folder], tmp_path / "out")
    assert not (tmp_path / "out" / "corpus.duckdb").exists() and not (tmp_path / "out" / "parquet").exists()
    assert [p.stem for p in (tmp_path / "out" / "clean").glob("*.md")] == ["a"]
    assert publish.verify(tmp_path / "out") == []


def test_success_file_lists_every_published_file(tmp_path):
    run([corpus(tmp_path, {"a.txt": CHAPTER})], tmp_path / "out")
    listed = json.loads((tmp_path / "out" / "_SUCCESS").read_text(encoding="utf-8"))["files"]
    assert {"documents.csv", "events.csv", "manifest.json", "report.html", "clean/a.md"} <= set(listed)
    (tmp_path / "out" / "events.csv").write_text("tampered\n", encoding="utf-8")
    assert publish.verify(tmp_path / "out") == ["events.csv"]


def test_a_second_run_into_the_same_folder_is_refused(tmp_path):
    """The other run is another process (the lock is a POSIX record lock: it belongs to a process)."""
    folder = corpus(tmp_path, {"a.txt": CHAPTER})
    out = tmp_path / "out"
    holder = subprocess.Popen(
        [sys.executable, "-c", f"from pipeline import publish; import pathlib, sys, time\n"
         f"with publish.locked(pathlib.Path({str(out)!r})):\n    print('held', flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        result = CliRunner().invoke(app, ["run", str(folder), "--out", str(out)])
    finally:
        holder.kill()
        holder.wait()
    assert result.exit_code == EXIT_OUTPUTS_UNAVAILABLE and f"pid {holder.pid}" in result.output
    assert CliRunner().invoke(app, ["run", str(folder), "--out", str(out)]).exit_code == 0  # killed: lock gone


def test_a_folder_of_other_files_is_never_replaced(tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thesis.docx").write_text("not ours", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["run", str(corpus(tmp_path, {"a.txt": CHAPTER})), "--out", str(tmp_path / "mine")]
    )
    assert result.exit_code == EXIT_OUTPUTS_UNAVAILABLE
    assert (tmp_path / "mine" / "thesis.docx").read_text(encoding="utf-8") == "not ours"


def test_full_disk_leaves_the_old_outputs_whole(tmp_path, monkeypatch):
    folder = corpus(tmp_path, {"a.txt": CHAPTER})
    run([folder], tmp_path / "out")
    before = {p.name: p.read_bytes() for p in (tmp_path / "out").glob("*.csv")}
    (folder / "b.txt").write_text(OTHER, encoding="utf-8")
    from pipeline import tables

    real = tables.atomic_write
    calls = {"n": 0}

    def fills_up(path, data):
        calls["n"] += 1
        if calls["n"] > 3:
            raise OSError(28, "No space left on device")
        real(path, data)

    monkeypatch.setattr(tables, "atomic_write", fills_up)
    result = CliRunner().invoke(app, ["run", str(folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == EXIT_OUTPUTS_UNAVAILABLE and "No space left on device" in result.output
    assert {p.name: p.read_bytes() for p in (tmp_path / "out").glob("*.csv")} == before
    assert not list(tmp_path.glob(".out.staging-*"))


def test_unwritable_folder_is_one_error_line(tmp_path, monkeypatch):
    """A read-only folder (simulated: the suite runs as root, who writes anywhere)."""
    folder = corpus(tmp_path, {"a.txt": CHAPTER})
    run([folder], tmp_path / "out")
    before = (tmp_path / "out" / "sentences.csv").read_bytes()

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(publish, "staging_folder", refuse)
    result = CliRunner().invoke(app, ["run", str(folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == EXIT_OUTPUTS_UNAVAILABLE and "Permission denied" in result.output
    assert len(result.output.strip().splitlines()[-1]) > 40 and "Traceback" not in result.output
    assert (tmp_path / "out" / "sentences.csv").read_bytes() == before


@pytest.mark.slow
def test_kill_at_random_moments_leaves_old_or_new_outputs(tmp_path):
    folder = corpus(tmp_path, {"a.txt": CHAPTER, "b.txt": OTHER})
    out = tmp_path / "out"
    command = [sys.executable, "-m", "pipeline", "run", str(folder), "--out", str(out), "--no-cache"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run(command, check=True, capture_output=True, env=env)
    old = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*.csv")}
    (folder / "c.txt").write_text(CHAPTER.replace("第一章", "第三章"), encoding="utf-8")
    for delay in (0.3, 0.6, 0.9, 1.2, 1.5, 1.8, 2.1, 2.4, 2.7, 3.0):
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait()
        publish.recover(out)  # what the next run does first
        now = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*.csv")}
        assert publish.verify(out) == []
        assert now == old or len(documents(out)) == 3
    subprocess.run(command, check=True, capture_output=True, env=env)
    assert len(documents(out)) == 3 and publish.verify(out) == []


def _event_calls(length: int) -> tuple[int, list[str]]:
    """Python function calls the events stage makes on one sentence of `length` characters."""
    import cProfile
    import pstats

    from pipeline import entities, events
    from pipeline.config import Config
    from pipeline.model import Document
    from pipeline.resources import shared
    from pipeline.runner import document_stages

    resources, config = shared(), Config()
    clause = (
        "2001年6月16日，小布希與普欽在斯洛維尼亞舉行會晤，雙方簽署聯合聲明，美國宣佈退出反彈道飛彈條約，俄羅斯表示遺憾"
    )
    document = Document("x", "x", raw="第一章 緒論\n\n" + (clause * (length // len(clause) + 1))[:length] + "\n")
    for _, stage in document_stages():
        stage(document, resources, config)
    entities.link([document], resources, config)
    profile = cProfile.Profile()
    profile.enable()
    events.annotate(document, resources, config)
    profile.disable()
    return sum(entry[1] for entry in pstats.Stats(profile).stats.values()), document.warnings


def test_events_work_grows_near_linearly_with_sentence_length():
    """Counted, not timed: four times the sentence costs well under sixteen times the calls."""
    short, _ = _event_calls(400)
    long, warnings = _event_calls(1600)
    assert long < 8 * short and warnings == []


def test_a_runaway_sentence_is_capped_with_a_warning():
    calls, warnings = _event_calls(20_000)
    assert calls < 50_000 and len(warnings) == 1 and "longer than 3000 characters" in warnings[0]


def _stage_calls(raw: str) -> dict[str, int]:
    """Function calls of each per-chapter stage on `raw` (counted, so the machine's load does not matter)."""
    import cProfile
    import pstats

    from pipeline.config import Config
    from pipeline.model import Document
    from pipeline.resources import shared
    from pipeline.runner import document_stages

    resources, config = shared(), Config()
    document = Document("x", "x.txt", raw=raw)
    calls = {}
    for name, stage in document_stages():
        profile = cProfile.Profile()
        profile.enable()
        stage(document, resources, config)
        profile.disable()
        calls[name] = sum(entry[1] for entry in pstats.Stats(profile).stats.values())
    return calls


def _short_lines(n: int) -> str:
    return "第一章 緒論\n\n" + "".join(f"第{k}行，{2001 + k % 20}年{1 + k % 12}月，普欽表示。\n" for k in range(n))


@pytest.mark.slow
def test_every_stage_grows_near_linearly_with_the_number_of_lines():
    """Many short lines (issue: 200k short lines): four times the lines, well under five times the work."""
    few, many = _stage_calls(_short_lines(2_000)), _stage_calls(_short_lines(8_000))
    assert {name: many[name] < 5 * few[name] for name in few} == dict.fromkeys(few, True), (few, many)


@pytest.mark.slow
def test_every_stage_grows_near_linearly_with_the_length_of_one_line():
    """One line with no break (issue: a 20 MB single line): four times as long, under five times the work."""
    line = "2001年6月16日，小布希與普欽在斯洛維尼亞舉行會晤；同年12月13日，美國宣佈退出反彈道飛彈條約"
    few, many = _stage_calls(line * 40 + "\n"), _stage_calls(line * 160 + "\n")
    assert {name: many[name] < 5 * few[name] for name in few} == dict.fromkeys(few, True), (few, many)


@pytest.mark.slow
def test_200k_short_lines_are_200k_paragraphs_and_sentences():
    """The issue's 200k short lines, through the cleaner and the sentence splitter (the stages after
    them are near-linear in lines by the counted test above; the whole run takes about 90 s)."""
    from pipeline import sentences
    from pipeline.clean import clean
    from pipeline.config import Config
    from pipeline.model import Document
    from pipeline.resources import shared

    document = Document("x", "x.txt", raw="第一章 緒論\n\n" + "".join(f"第{k}行。\n" for k in range(200_000)))
    clean(document, shared(), Config())
    sentences.split_sentences(document, shared(), Config())
    assert len(document.blocks) == 200_001 and len(list(document.sentences())) == 200_001
    assert document.blocks[-1].text == "第199999行。"
