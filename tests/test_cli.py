"""The command line: run, show and stats, as a user types them."""

from __future__ import annotations

import shutil

import pytest
from typer.testing import CliRunner

from pipeline.cli import app

from conftest import CORPUS

EXCERPT = """第三章 測試之章

2001年 6月 16日，小布希與普欽在斯洛維尼亞 (Slovenia) 首都盧布爾雅那 (Ljubljana) 舉行會晤。 

同年 12月 13日，美國宣佈退出反彈道飛彈條約，俄羅斯表示遺憾。 
"""


def test_run_then_show_then_stats(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "excerpt.txt").write_text(EXCERPT, encoding="utf-8")
    out = tmp_path / "out"
    runner = CliRunner()

    result = runner.invoke(app, ["run", str(corpus), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 documents" in result.output and "0 errors" in result.output

    result = runner.invoke(app, ["show", "excerpt", "--out", str(out)])
    assert result.exit_code == 0, result.output
    page = (out / "show" / "excerpt.html").read_text(encoding="utf-8")
    assert "普欽" in page and "PERSON" in page and "DATE" in page
    assert 'class="events"' in page and "2001-06-16" in page

    result = runner.invoke(app, ["stats", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "stats" / "corpus_stats.csv").exists() and (out / "report.html").exists()


def test_show_names_an_unknown_chapter(tmp_path):
    result = CliRunner().invoke(app, ["show", "no_such_chapter", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "no_such_chapter" in result.output


@pytest.mark.slow
def test_python_dash_m_runs_the_same_command(tmp_path):
    import subprocess
    import sys

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(sorted(CORPUS.glob("*.txt"))[0], corpus)
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", str(corpus), "--out", str(tmp_path / "o")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "o" / "events.csv").exists()


def test_user_dictionary_words_reach_the_term_frequencies(tmp_path):
    """--user-dict changes what the run cuts: its word is one term in term_frequencies.csv."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "excerpt.txt").write_text(EXCERPT.replace("舉行會晤", "舉行克沙皮奧里會晤"), encoding="utf-8")
    words = tmp_path / "words.txt"
    words.write_text("克沙皮奧里 20 nz\n", encoding="utf-8")
    runner = CliRunner()
    counts = {}
    for name, extra in (("plain", []), ("user", ["--user-dict", str(words)])):
        out = tmp_path / name
        result = runner.invoke(app, ["run", str(corpus), "--out", str(out), "--no-cache", *extra])
        assert result.exit_code == 0, result.output
        assert runner.invoke(app, ["stats", "--out", str(out)]).exit_code == 0
        terms = (out / "stats" / "term_frequencies.csv").read_text(encoding="utf-8")
        counts[name] = "克沙皮奧里," in terms
    assert counts == {"plain": False, "user": True}


def test_run_help_prints_the_user_dictionary_format_whole():
    result = CliRunner().invoke(app, ["run", "--help"], env={"COLUMNS": "200"})
    text = " ".join(result.output.split())
    assert "one word per line, optionally followed by a frequency and a tag" in text
