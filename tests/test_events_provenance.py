"""Events: what each row says about itself — the rules that made it, the event it retells, its PLOVER
type, its place's entity id and a confidence that follows the evidence."""

from __future__ import annotations

import re

import pandas as pd
from test_events import sentence

from pipeline import datafiles, events
from pipeline.events.assemble import confidence, plover_type
from pipeline.events.dedup import event_key, events_unique, mark_duplicates
from pipeline.resources import shared

from conftest import ROOT

MEETING = "2001年6月16日，俄羅斯總統普欽與美國總統小布希在斯洛維尼亞會晤。"
NAMES = {"俄羅斯": "GPE", "普欽": "PERSON", "美國": "GPE", "小布希": "PERSON", "斯洛維尼亞": "GPE"}


def rows_of(text: str, names: dict[str, str], dates: dict[str, tuple[str, str]] | None = None):
    found = sentence(text, names, dates)
    for m in found.mentions:
        m.entity_id = f"{m.label}:{m.text}"  # linked ids, as the entities stage gives them
    return events.sentence_events(found, shared())[0]


def test_a_meeting_names_its_trigger_source_target_and_date_rules():
    (row,) = rows_of(MEETING, NAMES, {"2001年6月16日": ("2001-06-16", "2001-06-16")})
    assert row.rule.split(";") == [
        "trigger.lexicon",
        "code.act",
        "source.clause",
        "target.group_partner",
        "date.sentence",
    ]
    assert row.plover == "CONSULT"
    assert row.location == "斯洛維尼亞" and row.location_id == "GPE:斯洛維尼亞"


def test_an_undated_statement_without_target_says_so_and_is_less_sure():
    (said,) = rows_of("普欽表示，俄羅斯不會退出。", {"普欽": "PERSON", "俄羅斯": "GPE"})
    (met,) = rows_of(MEETING, NAMES, {"2001年6月16日": ("2001-06-16", "2001-06-16")})
    assert "target.none" in said.rule.split(";") and said.rule.endswith("date.none")
    assert said.confidence < 0.6 < 0.8 < met.confidence


def test_a_place_that_is_an_actor_of_the_event_has_no_location_id():
    for row in rows_of("普欽在俄羅斯會見小布希。", {"普欽": "PERSON", "俄羅斯": "GPE", "小布希": "PERSON"}):
        assert row.location_id not in {row.source_id, row.target_id} or not row.location_id


def test_every_rule_name_and_confidence_weight_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    weights = [row["rule"] for row in datafiles.read_tsv("event_confidence.tsv") if row["rule"] != "base"]
    seen = [
        rule
        for text, names in [(MEETING, NAMES), ("普欽表示，俄羅斯不會退出。", {"普欽": "PERSON", "俄羅斯": "GPE"})]
        for row in rows_of(text, names)
        for rule in row.rule.split(";")
    ]
    for rule in weights + seen:
        assert f"`{rule}`" in readme or rule.startswith("modifier."), rule


def test_confidence_adds_the_rules_weights_within_bounds():
    tables = shared().events
    assert confidence(tables, ()) == 0.7
    assert confidence(tables, ("target.none",) * 10) == 0.05


def test_every_cameo_code_but_statements_and_appeals_has_a_plover_type():
    tables = shared().events
    codes = [code for code in tables.cameo if code[:2] not in {"01", "02"}]
    assert all(plover_type(tables, code) for code in codes)
    assert plover_type(tables, "010") == plover_type(tables, "02") == ""
    assert {plover_type(tables, c) for c in ("163", "1712", "192")} == {"COERCE", "ASSAULT"}
    header = (datafiles.DATA / "cameo_plover.tsv").read_text(encoding="utf-8").splitlines()[:4]
    assert any("openeventdata/PLOVER" in line for line in header)


def _row(event_id: str, source: str, target: str, cameo: str, date: str, doc: str = "d1") -> dict:
    return {
        "event_id": event_id,
        "doc_id": doc,
        "sentence_id": event_id.rsplit(":", 1)[0],
        "source_id": source,
        "target_id": target,
        "cameo": cameo,
        "start_date": date,
    }


def test_retellings_point_at_the_first_telling_and_undated_rows_get_no_key():
    rows = [
        _row("d1:p001:s00:e00", "GPE:russia", "GPE:usa", "16", "2001-12-13"),
        _row("d1:p002:s00:e00", "GPE:russia", "", "01", "2001-12-13"),
        _row("d1:p009:s01:e00", "GPE:russia", "GPE:usa", "16", "2001-12-13"),
        _row("d1:p009:s02:e00", "GPE:russia", "GPE:usa", "04", ""),
        _row("d2:p001:s00:e00", "GPE:russia", "GPE:usa", "16", "2001-12-13", doc="d2"),
        _row("d2:p001:s00:e01", "GPE:russia", "GPE:usa", "04", ""),
    ]
    mark_duplicates(rows)
    assert [r["duplicate_of"] for r in rows] == ["", "", "d1:p001:s00:e00", "", "d1:p001:s00:e00", ""]
    assert rows[3]["event_key"] == "" and event_key(rows[1]) == "GPE:russia||01|2001-12-13"
    unique = events_unique(pd.DataFrame(rows))
    withdrawal = unique[unique["event_key"] == "GPE:russia|GPE:usa|16|2001-12-13"].iloc[0]
    assert withdrawal["n_tellings"] == 3 and withdrawal["doc_ids"] == "d1;d2"
    assert withdrawal["sentence_ids"] == "d1:p001:s00;d1:p009:s01;d2:p001:s00"
    assert len(unique) == 2 and not re.search(r"\|04\|", ";".join(unique["event_key"]))


def test_a_chapter_retelling_an_earlier_chapters_event_points_at_it(tmp_path):
    """Chapters are written one by one (streamed); retellings are still marked across the corpus."""
    from pipeline import run

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    told = "2001年12月13日，美國宣佈退出反彈道飛彈條約。\n"
    (corpus / "a.txt").write_text("第一章 緒論\n\n" + told, encoding="utf-8")
    (corpus / "b.txt").write_text("第五章 結論\n\n" + told, encoding="utf-8")
    run([corpus], tmp_path / "out")
    rows = pd.read_csv(tmp_path / "out" / "events.csv", dtype=str, keep_default_na=False)
    first, again = rows[rows["doc_id"] == "a"].iloc[0], rows[rows["doc_id"] == "b"].iloc[0]
    assert first["event_key"] == again["event_key"] != "" and first["duplicate_of"] == ""
    assert again["duplicate_of"] == first["event_id"]
