"""`pipeline show`: the chapter page shows what the run's tables say, with the run's options, from its cache."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from typer.testing import CliRunner

from pipeline import entities, events, runner, show
from pipeline.cli import app
from pipeline.resources import Resources

# 青丘 is a place of legend no bundled lexicon names: only the user lexicon below makes it a GPE.
CHAPTER = """第三章 測試之章

2001年 6月 16日，小布希與普欽在青丘舉行會晤。

同年 12月 13日，美國宣佈退出反彈道飛彈條約，青丘表示遺憾。
"""
LEXICON = "# A test lexicon: one place of legend.\nlabel\tname_en\taliases\nGPE\tQingqiu\t青丘\n"


def _run(tmp_path, *options: str):
    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    (corpus / "legend.txt").write_text(CHAPTER, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["run", str(corpus), "--out", str(out), *options])
    assert result.exit_code == 0, result.output
    return out


def _show(out) -> str:
    result = CliRunner().invoke(app, ["show", "legend", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return (out / "show" / "legend.html").read_text(encoding="utf-8")


def _marked(page: str, label: str) -> list[str]:
    """The texts displaCy marks with `label`."""
    return re.findall(rf"<mark[^>]*>\s*([^<]+?)\s*<span[^>]*>{label}</span>", page)


def test_without_the_lexicon_the_place_is_no_entity(tmp_path):
    assert "青丘" not in _marked(_show(_run(tmp_path)), "GPE")


@pytest.mark.parametrize("cache", ["--cache", "--no-cache"])
def test_show_uses_the_runs_user_lexicon(tmp_path, cache):
    lexicon = tmp_path / "legend.tsv"
    lexicon.write_text(LEXICON, encoding="utf-8")
    out = _run(tmp_path, "--lexicon", str(lexicon), cache)
    assert "青丘" in set(pd.read_csv(out / "entities.csv")["text"])
    assert _marked(_show(out), "GPE").count("青丘") == 2


def test_show_reads_the_cached_chapter_and_the_tables_without_running_a_stage(tmp_path, monkeypatch):
    lexicon = tmp_path / "legend.tsv"
    lexicon.write_text(LEXICON, encoding="utf-8")
    out = _run(tmp_path, "--lexicon", str(lexicon))
    calls = []

    def counted(name):
        def stage(*args, **kwargs):
            calls.append(name)
            raise AssertionError(f"{name} ran")

        return stage

    monkeypatch.setattr(runner, "document_stages", counted("document_stages"))
    monkeypatch.setattr(entities, "link", counted("link"))
    monkeypatch.setattr(events, "annotate", counted("events"))
    monkeypatch.setattr(Resources, "build", classmethod(lambda cls, *a: counted("Resources.build")()))
    page = _show(out)
    assert calls == []
    assert _marked(page, "GPE").count("青丘") == 2
    assert page.count("<li>") == len(pd.read_csv(out / "events.csv"))


def test_the_shown_chapter_holds_the_tables_rows(tmp_path):
    out = _run(tmp_path)
    chapter, from_tables = show.load_chapter(tmp_path / "corpus" / "legend.txt", out, "legend")
    assert from_tables
    read = {name: pd.read_csv(out / f"{name}.csv", dtype=str, keep_default_na=False) for name in ("entities", "events")}
    mentions = [
        (s.sentence_id, str(m.start), m.text, m.label, m.entity_id) for s in chapter.sentences() for m in s.mentions
    ]
    assert mentions == list(
        read["entities"][["sentence_id", "start", "text", "label", "entity_id"]].itertuples(index=False, name=None)
    )
    shown = [
        (s.sentence_id, e.cameo, e.trigger, e.source_id, e.target_id) for s in chapter.sentences() for e in s.events
    ]
    assert shown == list(
        read["events"][["sentence_id", "cameo", "trigger", "source_id", "target_id"]].itertuples(index=False, name=None)
    )


def test_a_chapter_changed_since_the_run_is_annotated_on_its_own(tmp_path):
    out = _run(tmp_path)
    (tmp_path / "corpus" / "legend.txt").write_text(CHAPTER + "\n2002年，普欽訪問北京。\n", encoding="utf-8")
    chapter, from_tables = show.load_chapter(tmp_path / "corpus" / "legend.txt", out, "legend")
    assert not from_tables
    assert any("北京" in m.text for s in chapter.sentences() for m in s.mentions)
