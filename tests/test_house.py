"""The house rules that keep the code changeable: sizes, a cache that knows the code, a real spaCy pipeline."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest
import spacy

import pipeline
from pipeline import cache, datafiles, runner
from pipeline.clean import clean
from pipeline.model import Document

from conftest import CORPUS, ROOT

PACKAGE = ROOT / "pipeline"
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 60


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_or_function_is_too_long(path):
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= MAX_MODULE_LINES
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and (node.end_lineno or node.lineno) - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert long == []


def test_editing_a_data_file_changes_the_code_digest(tmp_path):
    copy = tmp_path / "pipeline"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = datafiles.tree_digest(copy)
    table = copy / "data" / "cameo_codes.tsv"
    table.write_text(table.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert datafiles.tree_digest(copy) != before


@pytest.mark.slow
def test_changed_code_invalidates_the_cached_chapter(tmp_path, monkeypatch):
    chapter = tmp_path / "in" / "ch.txt"
    chapter.parent.mkdir()
    chapter.write_text("第一章 緒論\n\n2001年6月16日，普欽與布希在斯洛維尼亞會晤。\n", encoding="utf-8")
    runner.run([chapter], tmp_path / "out")
    cleaned: list[str] = []
    original = runner.clean
    monkeypatch.setattr(runner, "clean", lambda document, *a: cleaned.append(document.doc_id) or original(document, *a))
    runner.run([chapter], tmp_path / "out")
    assert cleaned == []  # unchanged code and data: served from the cache
    monkeypatch.setattr(cache, "code_digest", lambda: "another version of the code")
    runner.run([chapter], tmp_path / "out")
    assert cleaned == ["ch"]


def test_cache_entries_are_data_not_code(tmp_path):
    chapter = tmp_path / "ch.txt"
    chapter.write_text("第一章 緒論\n\n2001年，美國國務卿鮑威爾訪問莫斯科。\n", encoding="utf-8")
    runner.run([chapter], tmp_path / "out")
    entries = sorted(p.name for p in (tmp_path / "out" / ".cache").iterdir() if p.is_file())
    assert len(entries) == 2 and all(name.endswith(".json") for name in entries)  # the chapter, its events and rows
    assert entries[0].startswith("chapter-")


def test_pipeline_config_names_the_registered_tokenizer():
    nlp = pipeline.load()
    assert nlp.config["nlp"]["tokenizer"]["@tokenizers"] == "pipeline.jieba_tokenizer.v1"
    assert nlp.pipe_names == ["entities", "dates"]


@pytest.mark.slow
def test_saved_pipeline_loads_back_with_the_same_entities_and_dates(tmp_path):
    raw = sorted(CORPUS.glob("*.txt"))[0].read_text(encoding="utf-8")
    document = clean(Document(doc_id="ch", source="ch.txt", raw=raw))
    text = "\n".join(block.text for block in document.blocks[:40])
    nlp = pipeline.load()
    nlp.to_disk(tmp_path / "nlp")
    restored = spacy.load(tmp_path / "nlp")
    first, second = nlp(text), restored(text)
    assert [(e.start_char, e.end_char, e.label_, e.kb_id_) for e in first.ents] == [
        (e.start_char, e.end_char, e.label_, e.kb_id_) for e in second.ents
    ]
    assert len(first.ents) > 50
    assert first._.dates == second._.dates and len(first._.dates) > 5
