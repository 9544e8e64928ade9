"""Corpus statistics: the stats tables agree with the tables they are computed from."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
from typer.testing import CliRunner

from pipeline import stats, tables
from pipeline.cli import app
from pipeline.export import write_derived
from pipeline.model import Block, Document, Entity, Event, Footnote, Mention, Sentence, TimeExpression
from pipeline.script import to_simplified, to_traditional

STATS_FILES = ["corpus_stats.csv", "term_frequencies.csv", "entity_frequencies.csv", "cooccurrence.csv", "timeline.csv"]


def _sentence(sentence_id, text, mentions=(), dates=(), events=(), refs=()):
    """A sentence whose mentions and dates are given by surface form; offsets are found here."""
    sentence = Sentence(sentence_id, text, 0, list(refs), to_traditional(text), to_simplified(text))
    for surface, label, entity_id in mentions:
        at = text.index(surface)
        sentence.mentions.append(Mention(at, at + len(surface), surface, label, "lexicon", entity_id))
    for surface, start, end, granularity in dates:
        at = text.index(surface)
        sentence.dates.append(
            TimeExpression(at, at + len(surface), surface, start, end, granularity, "explicit", start[:4])
        )
    sentence.events.extend(events)
    return sentence


def _document(doc_id, title, paragraphs, notes):
    blocks = [
        Block("heading", title, level=1, index=0, section=title, sentences=[_sentence(f"{doc_id}:p000:s00", title)])
    ]
    for k, sentences in enumerate(paragraphs, start=1):
        blocks.append(
            Block("paragraph", "".join(s.text for s in sentences), index=k, section=title, sentences=sentences)
        )
    footnotes = [Footnote(n, text, sentence_id) for n, text, sentence_id in notes]
    return Document(
        doc_id,
        f"corpus/{doc_id}.txt",
        title=title,
        script="traditional",
        blocks=blocks,
        footnotes=footnotes,
        status="ok",
    )


def synthetic_documents() -> tuple[list[Document], list[Entity]]:
    """Two small chapters (Traditional, Simplified) with entities, dates and events, and a failed file."""
    trad = "t01_trad"
    simp = "s02_simp"
    first = [
        _sentence(
            f"{trad}:p001:s00",
            "2001年6月16日，美國總統布希與俄羅斯總統普丁在斯洛維尼亞會晤。",
            mentions=[
                ("美國", "GPE", "Q30"),
                ("布希", "PERSON", "Q207"),
                ("俄羅斯", "GPE", "Q159"),
                ("普丁", "PERSON", "Q7747"),
                ("斯洛維尼亞", "GPE", "Q215"),
            ],
            dates=[("2001年6月16日", "2001-06-16", "2001-06-16", "day")],
            events=[
                Event(
                    "會晤",
                    "04",
                    "Consult",
                    "布希",
                    "Q207",
                    "普丁",
                    "Q7747",
                    location="斯洛維尼亞",
                    start_date="2001-06-16",
                    end_date="2001-06-16",
                    date_text="2001年6月16日",
                )
            ],
            refs=[1],
        ),
        _sentence(
            f"{trad}:p001:s01",
            "同年12月，美國宣布退出反彈道飛彈條約，美國國會沒有反對。",
            mentions=[("美國", "GPE", "Q30"), ("反彈道飛彈條約", "LAW", "Q1190"), ("國會", "ORG", "Q11268")],
            dates=[("同年12月", "2001-12-01", "2001-12-31", "month")],
            events=[
                Event(
                    "退出",
                    "16",
                    "Reduce relations",
                    "美國",
                    "Q30",
                    object="反彈道飛彈條約",
                    start_date="2001-12-01",
                    end_date="2001-12-31",
                    date_text="同年12月",
                )
            ],
            refs=[2, 3],
        ),
    ]
    second = [
        _sentence(
            f"{trad}:p002:s00",
            "俄羅斯批評美國的決定。",
            mentions=[("俄羅斯", "GPE", "Q159"), ("美國", "GPE", "Q30")],
            events=[
                Event(
                    "批評",
                    "11",
                    "Disapprove",
                    "俄羅斯",
                    "Q159",
                    "美國",
                    "Q30",
                    start_date="2001-12-01",
                    end_date="2001-12-31",
                    date_text="同年12月",
                )
            ],
        ),
        _sentence(
            f"{trad}:p002:s01",
            "北約沒有攻擊俄羅斯。",
            mentions=[("北約", "ORG", "Q7184"), ("俄羅斯", "GPE", "Q159")],
            events=[
                Event(
                    "攻擊",
                    "19",
                    "Fight",
                    "北約",
                    "Q7184",
                    "俄羅斯",
                    "Q159",
                    mode="negated",
                    start_date="2002-01-01",
                    end_date="2002-12-31",
                    date_text="2002年",
                )
            ],
        ),
    ]
    notes = [
        (1, "-見 BBC 報導，2001年6月16日。", f"{trad}:p001:s00"),
        (2, '=HYPERLINK("http://example.org","點我")', f"{trad}:p001:s01"),
        (3, "@美國國務院，2001。", f"{trad}:p001:s01"),
    ]
    chapter_one = _document(trad, "第一章 美俄關係", [first, second], notes)
    third = [
        _sentence(
            f"{simp}:p001:s00",
            "2003年，中国与俄罗斯签署条约。",
            mentions=[("中国", "GPE", "Q148"), ("俄罗斯", "GPE", "Q159")],
            dates=[("2003年", "2003-01-01", "2003-12-31", "year")],
            events=[
                Event(
                    "签署",
                    "05",
                    "Engage in diplomatic cooperation",
                    "中国",
                    "Q148",
                    "俄罗斯",
                    "Q159",
                    start_date="2003-01-01",
                    end_date="2003-12-31",
                    date_text="2003年",
                )
            ],
            refs=[1],
        ),
        _sentence(
            f"{simp}:p001:s01",
            "美国威胁中国，普京访问北京。",
            mentions=[
                ("美国", "GPE", "Q30"),
                ("中国", "GPE", "Q148"),
                ("普京", "PERSON", "Q7747"),
                ("北京", "GPE", "Q956"),
            ],
            events=[
                Event("威胁", "13", "Threaten", "美国", "Q30", "中国", "Q148"),
                Event(
                    "访问",
                    "04",
                    "Consult",
                    "普京",
                    "Q7747",
                    "北京",
                    "Q956",
                    mode="intended",
                    start_date="2004-05-01",
                    end_date="2004-05-31",
                    date_text="2004年5月",
                ),
            ],
        ),
    ]
    chapter_two = _document(simp, "第二章 中俄关系", [third], [(1, "+新华社，2003。", f"{simp}:p001:s00")])
    chapter_two.script = "simplified"
    failed = Document("x03_bad", "corpus/x03_bad.txt", status="error", error="corpus/x03_bad.txt: the file is empty")
    documents = [chapter_one, chapter_two, failed]
    names = {
        "Q30": ("GPE", "美國"),
        "Q207": ("PERSON", "布希"),
        "Q159": ("GPE", "俄羅斯"),
        "Q7747": ("PERSON", "普丁"),
        "Q215": ("GPE", "斯洛維尼亞"),
        "Q1190": ("LAW", "反彈道飛彈條約"),
        "Q11268": ("ORG", "國會"),
        "Q7184": ("ORG", "北約"),
        "Q148": ("GPE", "中國"),
        "Q956": ("GPE", "北京"),
    }
    mentions = [m for d in documents for s in d.sentences() for m in s.mentions]
    entities = [
        Entity(
            entity_id,
            label,
            name,
            aliases=sorted({m.text for m in mentions if m.entity_id == entity_id}),
            n_mentions=sum(m.entity_id == entity_id for m in mentions),
        )
        for entity_id, (label, name) in names.items()
    ]
    return documents, entities


def write_synthetic_outputs(out):
    """A small outputs folder written by the real table writer, stats and report included."""
    documents, entities = synthetic_documents()
    tables.write_all(documents, entities, out, {})
    write_derived(out)
    return out


@pytest.fixture
def synthetic(tmp_path):
    return write_synthetic_outputs(tmp_path / "outputs")


def _read(out, name):
    return pd.read_csv(out / name, dtype=str, keep_default_na=False)


def _expected_all_row(out):
    """The ALL row recomputed by hand from sentences.csv, entities.csv, dates.csv and events.csv."""
    sentences, entities = _read(out, "sentences.csv"), _read(out, "entities.csv")
    expected = {
        "n_sentences": len(sentences),
        "n_chars": int(sentences["text"].str.len().sum()),
        "n_mentions": len(entities),
        "n_entities": entities["entity_id"].nunique(),
        "n_dates": len(_read(out, "dates.csv")),
        "n_events": len(_read(out, "events.csv")),
        "n_footnotes": len(_read(out, "footnotes.csv")),
    }
    for label in stats.ENTITY_LABELS:
        expected[f"n_mentions_{label}"] = int((entities["label"] == label).sum())
    return expected


def _all_row(out):
    corpus = pd.read_csv(out / "stats" / "corpus_stats.csv", keep_default_na=False)
    return corpus.set_index("doc_id").loc["ALL"]


def test_all_row_agrees_with_the_tables(synthetic):
    row = _all_row(synthetic)
    for column, value in _expected_all_row(synthetic).items():
        assert row[column] == value, column


def test_all_row_agrees_with_the_corpus_tables(corpus_run):
    out, _ = corpus_run
    row = _all_row(out)
    for column, value in _expected_all_row(out).items():
        assert row[column] == value, column
    assert row["n_tokens"] > row["n_types"] > 0


def test_document_rows_add_up_to_the_all_row(synthetic):
    corpus = pd.read_csv(synthetic / "stats" / "corpus_stats.csv", keep_default_na=False).set_index("doc_id")
    additive = [c for c in corpus.columns if c.startswith("n_") and c not in ("n_types", "n_entities")]
    assert (corpus.drop(index="ALL")[additive].sum() == corpus.loc["ALL", additive]).all()
    assert corpus.loc["ALL", "n_types"] <= corpus.drop(index="ALL")["n_types"].sum()
    assert corpus.loc["ALL", "type_token_ratio"] == round(
        corpus.loc["ALL", "n_types"] / corpus.loc["ALL", "n_tokens"], 4
    )


def test_failed_documents_get_no_row(synthetic):
    corpus = pd.read_csv(synthetic / "stats" / "corpus_stats.csv", keep_default_na=False)
    assert list(corpus["doc_id"]) == ["t01_trad", "s02_simp", "ALL"]


@pytest.mark.parametrize(
    "word, expected",
    [
        ("普欽", True),
        ("2001", True),
        ("ABM", True),
        ("Путин", True),
        ("，", False),
        ("。", False),
        (" ", False),
        ("「", False),
        ("-", False),
    ],
)
def test_tokens_are_words_with_a_letter_or_digit(word, expected):
    assert stats.is_token(word) is expected


@pytest.mark.parametrize(
    "word, tag, expected",
    [
        ("條約", "n", True),
        ("簽署", "v", True),
        ("NATO", "eng", True),
        ("俄羅斯", "ns", True),
        ("安全", "an", True),  # a content word in political writing, kept out of the stop list
        ("的", "uj", False),
        ("在", "p", False),
        ("和", "c", False),
        ("我們", "r", False),
        ("2001", "m", False),
        ("三", "m", False),
        ("，", "x", False),
        ("因此", "c", False),
        ("因為", "v", False),  # stop words, also when jieba mistags them
        ("這些", "n", False),
    ],
)  # Traditional form of a Simplified stop word
def test_terms_leave_out_stop_words_function_words_and_numbers(word, tag, expected):
    assert stats.is_term(word, tag) is expected


def test_terms_are_in_the_source_script_with_document_counts(synthetic):
    terms = _read(synthetic / "stats", "term_frequencies.csv").set_index("term")
    assert terms.loc["俄羅斯", "doc_freq"] == "1" and terms.loc["俄罗斯", "doc_freq"] == "1"
    sentences = _read(synthetic, "sentences.csv")["text"]
    assert all(sentences.str.contains(term, regex=False).any() for term in terms.index)
    assert not ({"的", "與", "与", "，"} & set(terms.index))


def test_entity_frequencies_count_mentions_per_document(synthetic):
    frequencies = pd.read_csv(synthetic / "stats" / "entity_frequencies.csv", keep_default_na=False)
    russia = frequencies[frequencies["entity_id"] == "Q159"].set_index("doc_id")["n_mentions"].to_dict()
    assert russia == {"ALL": 4, "t01_trad": 3, "s02_simp": 1}
    assert frequencies.iloc[0]["doc_id"] == "ALL"
    per_doc = frequencies[frequencies["doc_id"] != "ALL"]
    assert per_doc["n_mentions"].sum() == len(_read(synthetic, "entities.csv"))
    assert frequencies.set_index("entity_id").loc["Q159", "name"].iloc[0] == "俄羅斯"


def test_cooccurrence_counts_each_sentence_once(synthetic):
    pairs = pd.read_csv(synthetic / "stats" / "cooccurrence.csv", keep_default_na=False)
    by_pair = {
        (a, b): (n, d)
        for a, b, n, d in pairs[["entity_a", "entity_b", "n_sentences", "n_docs"]].itertuples(index=False)
    }
    assert by_pair[("Q159", "Q30")] == (2, 1)  # 美國 twice in one sentence counts once
    assert by_pair[("Q148", "Q159")] == (1, 1)
    assert by_pair[("Q148", "Q30")] == (1, 1)
    assert by_pair[("Q207", "Q7747")] == (1, 1)
    assert all(a < b for a, b in by_pair)


def test_timeline_sums_to_the_events_with_quad_classes(synthetic):
    timeline = pd.read_csv(synthetic / "stats" / "timeline.csv", dtype=str, keep_default_na=False)
    assert timeline["n_events"].astype(int).sum() == len(_read(synthetic, "events.csv"))
    quads = dict(zip(timeline["cameo"], timeline["quad_class"]))
    assert quads == {
        "04": "verbal_cooperation",
        "05": "verbal_cooperation",
        "11": "verbal_conflict",
        "13": "verbal_conflict",
        "16": "material_conflict",
        "19": "material_conflict",
    }
    undated = timeline[timeline["year"] == ""]
    assert list(undated["cameo"]) == ["13"]
    assert set(timeline["mode"]) == {"asserted", "negated", "intended"}


def test_empty_entity_and_event_tables_give_headers_only(tmp_path):
    documents, _ = synthetic_documents()
    for sentence in (s for d in documents for s in d.sentences()):
        sentence.mentions, sentence.events = [], []
    tables.write_all(documents, [], tmp_path, {})
    write_derived(tmp_path)
    for name in ["entity_frequencies.csv", "cooccurrence.csv", "timeline.csv"]:
        frame = pd.read_csv(tmp_path / "stats" / name)
        assert frame.empty and len(frame.columns) > 3, name
    assert _all_row(tmp_path)["n_mentions"] == 0


def test_segmentation_is_cached_between_runs(synthetic, monkeypatch):
    def fail(out):
        raise AssertionError("the segmenter should not be needed for unchanged text")

    monkeypatch.setattr(stats, "run_segmenter", fail)
    before = (synthetic / "stats" / "term_frequencies.csv").read_bytes()
    stats.write(synthetic, stats.compute(synthetic))
    assert (synthetic / "stats" / "term_frequencies.csv").read_bytes() == before


def test_stats_command_recomputes_from_existing_outputs(synthetic):
    before = {name: (synthetic / "stats" / name).read_bytes() for name in STATS_FILES}
    shutil.rmtree(synthetic / "stats")
    (synthetic / "report.html").unlink()
    result = CliRunner().invoke(app, ["stats", "--out", str(synthetic)])
    assert result.exit_code == 0, result.output
    assert {name: (synthetic / "stats" / name).read_bytes() for name in STATS_FILES} == before
    assert (synthetic / "report.html").exists()


def test_stats_command_on_a_folder_without_tables_says_what_to_do(tmp_path):
    result = CliRunner().invoke(app, ["stats", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "pipeline run" in result.output


def test_an_entity_missing_from_the_index_is_counted_under_one_name(tmp_path):
    documents, entities = synthetic_documents()
    tables.write_all(documents, [e for e in entities if e.entity_id != "Q7747"], tmp_path, {})
    frequencies = stats.entity_frequencies(stats.read_tables(tmp_path))
    putin = frequencies[frequencies["entity_id"] == "Q7747"]
    assert putin.set_index("doc_id")["n_mentions"].to_dict() == {"ALL": 2, "t01_trad": 1, "s02_simp": 1}
    assert set(putin["name"]) == {"普丁"}  # 普丁 and 普京 once each: the tie goes to the first in code-point order


def test_a_runs_word_counts_give_the_statistics_segmenting_its_tables_gives(corpus_run, tmp_path):
    """A run hands the statistics its entities stage's word counts instead of segmenting every
    sentence again (issue: a thousand chapters); `pipeline stats` segments sentences.csv, and
    both must write the same tables."""
    out, _ = corpus_run
    copy = tmp_path / "copy"
    shutil.copytree(out, copy, ignore=shutil.ignore_patterns(".cache"))
    stats.write(copy, stats.compute(copy))
    for name in ("corpus_stats.csv", "term_frequencies.csv"):
        assert (copy / "stats" / name).read_bytes() == (out / "stats" / name).read_bytes(), name
