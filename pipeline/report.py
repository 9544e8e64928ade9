"""The HTML report: one self-contained file that opens offline, for reading the corpus at a glance.

Charts are inline SVG drawn here (the browser draws the Chinese text, so it renders in any font
the reader has), the script is a few lines of inline JavaScript for the tabs and the event filter,
and nothing is fetched. Sections: an overview, the event timeline (cooperation above the axis,
conflict below), the most mentioned entities per label, the actor co-occurrence network, and one
page per chapter listing every event with a link to the sentence that reports it and to the
footnotes that sentence cites, both shown in full.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from html import escape
from pathlib import Path

import numpy as np
import pandas as pd

from . import __version__, tables
from .charts import (
    LABEL_COLOURS,
    OTHER_COLOUR,
    diverging_years,
    figure,
    format_number,
    grouped_bars,
    horizontal_bars,
)
from .network import ACTOR_LABELS, NETWORK_TIES, filter_controls, network_svg, strongest_ties, ties_table
from .network import SCRIPT as NETWORK_SCRIPT
from .stats import ALL, ENTITY_LABELS, Tables

REPORT_FILE = "report.html"
TRIGGER = "TRIGGER"  # the span label of an event trigger in a highlighted sentence
# Events that did not happen are listed on the chapter pages but not drawn on the timeline.
UNREALISED_MODES = ("negated", "hypothetical")
TOP_ENTITIES = 10
TOP_TERMS = 25

STYLE = """
body{font-family:system-ui,"Noto Sans CJK TC","Noto Sans TC","Noto Serif CJK TC","PingFang TC",
"Microsoft JhengHei","AR PL UMing TW",sans-serif;margin:0;color:#222;background:#fafafa;line-height:1.5}
header{background:#263238;color:#fff;padding:12px 24px}header h1{margin:0;font-size:20px}
nav{display:flex;flex-wrap:wrap;gap:4px;padding:8px 24px;background:#eceff1;position:sticky;top:0;z-index:1}
nav a{padding:4px 10px;border-radius:4px;text-decoration:none;color:#263238;background:#fff;border:1px solid #cfd8dc}
nav a.active,nav select.active{background:#263238;color:#fff}
nav select{padding:4px 6px;border-radius:4px;border:1px solid #cfd8dc;max-width:420px}
main{padding:8px 24px 48px;max-width:1200px}
section.tab>h2{border-bottom:2px solid #263238;padding-bottom:4px}
.cards{display:flex;flex-wrap:wrap;gap:8px}
.card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:8px 14px}
.card b{display:block;font-size:22px}
table{border-collapse:collapse;background:#fff;font-size:14px;margin:8px 0}
th,td{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}th{background:#eceff1}
td.num{text-align:right;font-variant-numeric:tabular-nums}
figure.chart{background:#fff;border:1px solid #ddd;border-radius:6px;padding:8px;margin:12px 0;overflow-x:auto}
figcaption{font-size:13px;color:#555}
svg{max-width:100%;height:auto}svg text{font-size:12px;fill:#333}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(360px,1fr));gap:12px}
.sentence{background:#fff;border:1px solid #ddd;border-radius:6px;padding:8px 12px;margin:8px 0}
.sentence .section{font-size:12px;color:#666}
.sentence:target,.footnote:target,tr:target{outline:3px solid #ffb300}
mark{background:#ffe082}.mention{border-bottom:2px solid}
.footnote{font-size:14px;margin:4px 0}
.empty{color:#777;font-style:italic}
input.filter{padding:4px 8px;width:320px}
.network-filter{display:flex;flex-wrap:wrap;gap:12px;align-items:center;margin:8px 0}
code.doc-id{font-size:11px;color:#666}
text.axis-label{font-size:12px;fill:#555;font-weight:600}
"""

SCRIPT = """
(function () {
  var tabs = Array.prototype.slice.call(document.querySelectorAll("section.tab"));
  var links = Array.prototype.slice.call(document.querySelectorAll("nav a"));
  var choice = document.getElementById("chapter-choice");
  function show(id) {
    var target = id ? document.getElementById(id) : null;
    var tab = target ? target.closest("section.tab") : null;
    if (!tab) { tab = tabs[0]; target = null; }
    tabs.forEach(function (t) { t.hidden = t !== tab; });
    links.forEach(function (a) { a.classList.toggle("active", a.getAttribute("href") === "#" + tab.id); });
    choice.value = tab.id.indexOf("tab-doc-") === 0 ? tab.id : "";
    choice.classList.toggle("active", choice.value !== "");
    if (target && target !== tab) { target.scrollIntoView({block: "center"}); }
  }
  function fromHash() { show(decodeURIComponent(location.hash.slice(1))); }
  window.addEventListener("hashchange", fromHash);
  choice.addEventListener("change", function () { if (choice.value) { location.hash = choice.value; } });
  document.querySelectorAll("input.filter").forEach(function (input) {
    input.addEventListener("input", function () {
      var query = input.value.trim().toLowerCase();
      document.getElementById(input.dataset.table).querySelectorAll("tbody tr").forEach(function (row) {
        row.hidden = query !== "" && row.textContent.toLowerCase().indexOf(query) < 0;
      });
    });
  });
  fromHash();
})();
"""


@dataclass
class Chapter:
    """A chapter's rows of every table its page reads, cut from the corpus tables by one groupby each.

    `sentences` and `mentions` hold only the sentences reporting the chapter's events and their
    mentions: the evidence its page shows.
    """

    doc_id: str
    name: str
    stats: dict
    events: pd.DataFrame
    sentences: pd.DataFrame
    mentions: pd.DataFrame
    footnotes: pd.DataFrame
    timeline: pd.DataFrame


def write(out: Path, data: Tables, frames: dict[str, pd.DataFrame]) -> Path:
    """Write `out/report.html` from the tables and the statistics `frames`."""
    path = Path(out) / REPORT_FILE
    tables.atomic_write(path, render(data, frames))
    return path


def render(data: Tables, frames: dict[str, pd.DataFrame]) -> str:
    """The whole report as one HTML string."""
    docs = [doc for doc in frames["corpus_stats"]["doc_id"] if doc != ALL]
    names = chapter_names(docs, dict(zip(data.documents["doc_id"], data.documents["title"])))
    pages = [
        ("overview", "Overview", overview(frames, names)),
        ("timeline", "Timeline", timeline_page(frames["timeline"])),
        ("entities", "Entities", entities_page(frames["entity_frequencies"])),
        ("network", "Network", network_page(frames["cooccurrence"], frames["entity_frequencies"])),
    ]
    chapters = [(f"doc-{c.doc_id}", c.name, chapter_page(c)) for c in split_by_document(data, frames, names)]
    # Chapters are chosen from a list: a corpus of many theses would make a wall of tabs.
    choices = "".join(f'<option value="tab-{escape(key)}">{escape(label)}</option>' for key, label, _ in chapters)
    nav = (
        "".join(f'<a href="#tab-{escape(key)}">{escape(label)}</a>' for key, label, _ in pages)
        + f'<select id="chapter-choice" aria-label="Chapter"><option value="">Chapter …</option>{choices}</select>'
    )
    body = "".join(
        f'<section class="tab" id="tab-{escape(key)}">{content}</section>' for key, _, content in pages + chapters
    )
    return (
        f'<!DOCTYPE html><html lang="zh-Hant"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>Corpus report</title><style>{STYLE}</style></head><body>"
        f"<header><h1>Corpus report</h1><div>{len(docs)} documents · pipeline {escape(__version__)}</div></header>"
        f"<nav>{nav}</nav><main>{body}</main><script>{SCRIPT}{NETWORK_SCRIPT}</script></body></html>\n"
    )


def chapter_names(docs: list[str], titles: dict[str, str]) -> dict[str, str]:
    """What the report calls each chapter: its title; the doc id where it has none, and after the
    title where two chapters share one.

    >>> chapter_names(["a", "b", "c"], {"a": "第一章 緒論", "b": "第一章 緒論", "c": ""})
    {'a': '第一章 緒論 (a)', 'b': '第一章 緒論 (b)', 'c': 'c'}
    """
    named = {doc: (titles.get(doc) or "").strip() or doc for doc in docs}
    shared = Counter(named.values())
    return {doc: f"{name} ({doc})" if shared[name] > 1 and name != doc else name for doc, name in named.items()}


def split_by_document(data: Tables, frames: dict[str, pd.DataFrame], names: dict[str, str]) -> list[Chapter]:
    """Every chapter's rows, in `names` order: each table grouped by doc_id once, so the report's
    time grows with the corpus, not with its square."""
    reported = set(data.events["sentence_id"])
    evidence = {
        "events": data.events,
        "sentences": data.sentences[data.sentences["sentence_id"].isin(reported)],
        "mentions": data.entities[data.entities["sentence_id"].isin(reported)],
        "footnotes": data.footnotes,
        "timeline": frames["timeline"],
    }
    groups = {table: dict(tuple(frame.groupby("doc_id", sort=False))) for table, frame in evidence.items()}
    rows = frames["corpus_stats"].set_index("doc_id").to_dict("index")
    return [
        Chapter(
            doc,
            name,
            rows[doc],
            **{table: groups[table].get(doc, frame.iloc[0:0]) for table, frame in evidence.items()},
        )
        for doc, name in names.items()
    ]


# -- pages -----------------------------------------------------------------------------------


def overview(frames: dict[str, pd.DataFrame], names: dict[str, str]) -> str:
    corpus = frames["corpus_stats"]
    total = corpus[corpus["doc_id"] == ALL].iloc[0]
    per_doc = corpus[corpus["doc_id"] != ALL]
    cards = "".join(
        f'<div class="card"><b>{format_number(total[column])}</b>{label}</div>'
        for column, label in [
            ("n_sentences", "sentences"),
            ("n_tokens", "tokens"),
            ("n_types", "types"),
            ("n_footnotes", "footnotes"),
            ("n_mentions", "entity mentions"),
            ("n_entities", "entities"),
            ("n_dates", "dates"),
            ("n_events", "events"),
        ]
    )
    columns = [
        "doc_id",
        "n_chars",
        "n_sentences",
        "n_footnotes",
        "n_tokens",
        "n_types",
        "type_token_ratio",
        "n_mentions",
        "n_entities",
        "n_dates",
        "n_events",
    ]
    annotations = [
        (
            names.get(row.doc_id, row.doc_id),
            [("mentions", row.n_mentions), ("dates", row.n_dates), ("events", row.n_events)],
        )
        for row in per_doc.itertuples()
    ]
    terms = frames["term_frequencies"].head(TOP_TERMS)
    return (
        f'<h2>Corpus overview</h2><div class="cards">{cards}</div>'
        f"{data_table(corpus[columns], 'corpus-stats', names)}"
        + figure(
            "annotations",
            "Annotations per chapter",
            grouped_bars(
                annotations,
                {"mentions": "#1f77b4", "dates": "#ff7f0e", "events": "#2ca02c"},
                "Rows in the table (count)",
            ),
        )
        + figure(
            "terms",
            f"The {len(terms)} most frequent terms (stop words and function words left out)",
            horizontal_bars(
                [(f"{t.term} ({t.pos})", t.count, "#607d8b") for t in terms.itertuples()],
                "Occurrences in the corpus (tokens)",
                "Term (jieba POS)",
            ),
        )
    )


def timeline_page(timeline: pd.DataFrame) -> str:
    return "<h2>Event timeline</h2>" + timeline_figure(timeline, "timeline")


def timeline_figure(timeline: pd.DataFrame, chart_id: str) -> str:
    drawn = timeline[(timeline["year"].astype(str) != "") & ~timeline["mode"].isin(UNREALISED_MODES)]
    undated = int(timeline.loc[timeline["year"].astype(str) == "", "n_events"].sum())
    unrealised = int(timeline.loc[timeline["mode"].isin(UNREALISED_MODES), "n_events"].sum())
    caption = (
        f"Events per year of their start date, by CAMEO quad class: cooperation above the axis, conflict "
        f"below. Not drawn: {undated} undated, {unrealised} negated or hypothetical."
    )
    if drawn.empty:
        left_out = f"<figcaption>{escape(caption)}</figcaption>" if undated or unrealised else ""
        return f'<p class="empty">No dated events in these tables.</p>{left_out}'
    counts = drawn.groupby([drawn["year"].astype(int), "quad_class"])["n_events"].sum()
    return figure(chart_id, caption, diverging_years(counts))


def entities_page(frequencies: pd.DataFrame) -> str:
    totals = frequencies[frequencies["doc_id"] == ALL]
    if totals.empty:
        return '<h2>Entities</h2><p class="empty">No entity mentions in these tables.</p>'
    labels = [label for label in ENTITY_LABELS if label in set(totals["label"])]
    labels += sorted(set(totals["label"]) - set(labels))
    charts = "".join(
        figure(
            f"entities-{label}",
            f"{label}: the most mentioned",
            horizontal_bars(
                [
                    (row.name, row.n_mentions, LABEL_COLOURS.get(label, OTHER_COLOUR))
                    for row in totals[totals["label"] == label].head(TOP_ENTITIES).itertuples()
                ],
                "Mentions in the corpus (count)",
                f"Entity ({label})",
                width=400,
            ),
        )
        for label in labels
    )
    return f'<h2>Entities</h2><div class="grid">{charts}</div>'


def network_page(cooccurrence: pd.DataFrame, frequencies: pd.DataFrame) -> str:
    ties = strongest_ties(cooccurrence)
    if ties.empty:
        return '<h2>Actor network</h2><p class="empty">No two actors share a sentence in these tables.</p>'
    mentions = frequencies[frequencies["doc_id"] == ALL].groupby(["name", "label", "entity_id"])["n_mentions"].sum()
    caption = (
        f"Actors ({', '.join(ACTOR_LABELS)}) named in the same sentence: the strongest ties by sentences shared "
        f"({len(ties)} drawn, {NETWORK_TIES} at most) and the actors they join. Line width: shared sentences; "
        "circle area: mentions. The filter hides weaker ties and labels; the table lists the ties drawn."
    )
    return (
        "<h2>Actor network</h2>"
        + filter_controls(ties)
        + figure("network", caption, network_svg(ties, mentions))
        + ties_table(ties)
    )


def chapter_page(chapter: Chapter) -> str:
    row, doc, events = chapter.stats, chapter.doc_id, chapter.events
    summary = (
        f"{format_number(row['n_sentences'])} sentences · {format_number(row['n_footnotes'])} footnotes · "
        f"{format_number(row['n_mentions'])} entity mentions · {format_number(row['n_dates'])} dates · "
        f"{format_number(row['n_events'])} events"
    )
    head = f"<h2>{escape(chapter.name)}</h2><p><code>{escape(doc)}</code> · {summary}</p>"
    chart = timeline_figure(chapter.timeline, f"timeline-{doc}")
    if events.empty:
        return head + chart + '<p class="empty">No events in this chapter.</p>'
    notes: dict[str, str] = {}
    for n, text in zip(chapter.footnotes["n"], chapter.footnotes["text"]):
        notes.setdefault(n, text)  # a number given twice: the first note keeps it
    return head + chart + events_table(doc, events, notes) + evidence(chapter, notes)


def events_table(doc: str, events: pd.DataFrame, notes: dict[str, str]) -> str:
    rows = []
    for event in events.itertuples():
        when = event.start_date if event.start_date == event.end_date else f"{event.start_date} – {event.end_date}"
        refs = " ".join(
            f'<a href="#{_footnote_anchor(doc, n)}">[{escape(n)}]</a>' if n in notes else f"[{escape(n)}]"
            for n in _refs(event.footnote_refs)
        )
        rows.append(
            f'<tr id="event-{escape(event.event_id)}">'
            f"<td>{escape(when.strip(' –'))}<br><small>{escape(event.date_text)}</small></td>"
            f"<td>{escape(event.cameo)} {escape(event.cameo_label)}</td><td>{escape(event.source)}</td>"
            f"<td><b>{escape(event.trigger)}</b></td><td>{escape(event.target)}</td><td>{escape(event.object)}</td>"
            f"<td>{escape(event.mode)}</td>"
            f'<td><a class="sentence-link" href="#{_sentence_anchor(event.sentence_id)}">sentence</a></td>'
            f'<td class="footnote-links">{refs}</td></tr>'
        )
    table_id = f"events-{doc}"
    return (
        f'<h3>Events</h3><input class="filter" data-table="{escape(table_id)}" '
        f'placeholder="Filter events (actor, code, trigger, date …)">'
        f'<table class="events" id="{escape(table_id)}"><thead><tr><th>Date</th><th>CAMEO</th><th>Source</th>'
        f"<th>Trigger</th><th>Target</th><th>Object</th><th>Mode</th><th>Sentence</th><th>Notes</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def evidence(chapter: Chapter, notes: dict[str, str]) -> str:
    """The sentences that report the chapter's events, then the footnotes those sentences cite."""
    doc = chapter.doc_id
    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for sentence_id, start, end, label in chapter.mentions[["sentence_id", "start", "end", "label"]].itertuples(
        index=False, name=None
    ):
        spans[sentence_id].append((int(start), int(end), label))
    triggers: dict[str, list[str]] = defaultdict(list)
    for sentence_id, trigger in zip(chapter.events["sentence_id"], chapter.events["trigger"]):
        triggers[sentence_id].append(trigger)
    cards, cited = [], []
    for sentence in chapter.sentences.itertuples():
        marked = list(spans.get(sentence.sentence_id, []))
        for trigger in triggers.get(sentence.sentence_id, []):
            at = sentence.text.find(trigger) if trigger else -1
            if at >= 0:
                marked.append((at, at + len(trigger), TRIGGER))
        refs = _refs(sentence.footnote_refs)
        cited += [n for n in refs if n in notes and n not in cited]
        links = " ".join(
            f'<a href="#{_footnote_anchor(doc, n)}">[{escape(n)}]</a>' if n in notes else f"[{escape(n)}]" for n in refs
        )
        cards.append(
            f'<div class="sentence" id="{_sentence_anchor(sentence.sentence_id)}">'
            f'<div class="section">{escape(sentence.section)} · '
            f"<code>{escape(sentence.sentence_id)}</code></div>"
            f"<div>{highlighted(sentence.text, marked)} {links}</div></div>"
        )
    footnotes = "".join(
        f'<p class="footnote" id="{_footnote_anchor(doc, n)}"><b>[{escape(n)}]</b> {escape(notes[n])}</p>'
        for n in sorted(cited, key=_as_number)
    )
    return (
        f"<h3>Sentences reporting these events</h3>{''.join(cards)}"
        f"<h3>Footnotes cited by these sentences</h3>{footnotes or '<p class=empty>None.</p>'}"
    )


def highlighted(text: str, spans: list[tuple[int, int, str]]) -> str:
    """`text` escaped, with (start, end, label) spans wrapped: a TRIGGER marked, an entity underlined
    in its label's colour. Where spans overlap, the first one wins.

    >>> highlighted("A簽署B", [(1, 3, TRIGGER)])
    'A<mark title="event trigger">簽署</mark>B'
    """
    pieces, position = [], 0
    for start, end, label in sorted(spans):
        if start < position or end > len(text):
            continue
        if label == TRIGGER:
            opening, closing = '<mark title="event trigger">', "</mark>"
        else:
            colour = LABEL_COLOURS.get(label, OTHER_COLOUR)
            opening, closing = (
                f'<span class="mention" style="border-color:{colour}" title="{escape(label)}">',
                "</span>",
            )
        pieces.append(escape(text[position:start]) + opening + escape(text[start:end]) + closing)
        position = end
    return "".join(pieces) + escape(text[position:])


def data_table(frame: pd.DataFrame, table_id: str, names: dict[str, str]) -> str:
    """A plain HTML table; numbers right-aligned, chapters named by title (linked to their page),
    the doc id under the title as a code."""

    def cell(column: str, value) -> str:
        if isinstance(value, (int, float, np.number)):
            return f'<td class="num">{format_number(value)}</td>'
        if column == "doc_id":
            if value == ALL:
                return "<td>All chapters</td>"
            return (
                f'<td><a href="#tab-doc-{escape(value)}">{escape(names.get(value, value))}</a>'
                f'<br><code class="doc-id">{escape(value)}</code></td>'
            )
        return f"<td>{escape(str(value))}</td>"

    head = "".join(f"<th>{'chapter' if column == 'doc_id' else escape(str(column))}</th>" for column in frame.columns)
    rows = "".join(
        "<tr>" + "".join(cell(column, value) for column, value in zip(frame.columns, row)) + "</tr>"
        for row in frame.itertuples(index=False)
    )
    return f'<table id="{escape(table_id)}"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def _refs(joined: str) -> list[str]:
    return [n for n in str(joined).split(";") if n]


def _as_number(n: str) -> tuple[int, str]:
    return (int(n), n) if n.isdigit() else (10**9, n)


def _sentence_anchor(sentence_id: str) -> str:
    return escape(f"sentence-{sentence_id}")


def _footnote_anchor(doc: str, n: str) -> str:
    return escape(f"note-{doc}-{n}")
