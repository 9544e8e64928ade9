"""The HTML report: self-contained, every event traceable, and it renders in headless Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser

import pandas as pd
import pytest

from pipeline import report, stats, tables
from pipeline.export import write_derived

from test_stats import synthetic, synthetic_documents  # noqa: F401  (fixture)

CHROMIUM = shutil.which("chromium")
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
MARKS = re.compile(r"<(rect|circle|path|line|polygon|polyline)\b")
# Prepended to the report in the test only: records script errors, console.error calls and failed
# resource loads, and writes them into the DOM once the page has loaded, for --dump-dom to show.
ERROR_HOOK = """<script>
window.__errors = [];
function __record(message) { window.__errors.push(String(message)); }
window.addEventListener("error", function (e) {
  __record(e.message || ("failed to load " + (e.target && (e.target.src || e.target.href))));
}, true);
window.addEventListener("unhandledrejection", function (e) { __record("unhandled rejection: " + e.reason); });
var __consoleError = console.error;
console.error = function () { __record(Array.prototype.join.call(arguments, " ")); __consoleError.apply(console, arguments); };
window.addEventListener("load", function () {
  var out = document.createElement("pre"); out.id = "console-errors";
  out.textContent = JSON.stringify(window.__errors); document.body.appendChild(out);
});
</script>"""


class Elements(HTMLParser):
    """Text content of every element with an id, links with the id of the event row they sit in,
    and the tags and attributes used (to check nothing is loaded from elsewhere)."""

    def __init__(self, html: str):
        super().__init__()
        self.stack: list[tuple[str, str]] = []
        self.text: dict[str, str] = {}
        self.links: list[tuple[str, str]] = []  # (id of the event row holding the link, href)
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "a":
            rows = [element_id for _, element_id in self.stack if element_id.startswith("event-")]
            self.links.append((rows[-1] if rows else "", attrs.get("href", "")))
        if tag not in VOID_TAGS:
            self.stack.append((tag, attrs.get("id", "")))
            if attrs.get("id"):
                self.text[attrs["id"]] = ""

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        for _, element_id in self.stack:
            if element_id:
                self.text[element_id] += data


def _html(out) -> str:
    return (out / report.REPORT_FILE).read_text(encoding="utf-8")


def test_report_is_one_self_contained_file(synthetic):
    html = _html(synthetic)
    for tag, attrs in Elements(html).tags:
        assert tag not in {"link", "img", "iframe", "object", "embed", "source"}, tag
        if tag == "script":
            assert "src" not in attrs
    assert "url(" not in html and "@import" not in html
    assert "http" not in "".join(re.findall(r"<script>.*?</script>|<style>.*?</style>", html, re.S))


def test_every_event_links_to_its_sentence_and_footnotes(synthetic):
    page = Elements(_html(synthetic))
    events = pd.read_csv(synthetic / "events.csv", dtype=str, keep_default_na=False)
    sentences = pd.read_csv(synthetic / "sentences.csv", dtype=str, keep_default_na=False).set_index("sentence_id")
    notes = pd.read_csv(synthetic / "footnotes.csv", dtype=str, keep_default_na=False).set_index(["doc_id", "n"])
    rows = {f"event-{event_id}" for event_id in events["event_id"]}
    assert rows <= set(page.text)
    for event in events.itertuples():
        links = [href[1:] for row, href in page.links if row == f"event-{event.event_id}"]
        sentence_links = [target for target in links if target.startswith("sentence-")]
        assert len(sentence_links) == 1, event.event_id
        assert sentences.loc[event.sentence_id, "text"] in page.text[sentence_links[0]]
        note_links = [target for target in links if target.startswith("note-")]
        assert len(note_links) == len([n for n in event.footnote_refs.split(";") if n])
        for target, n in zip(note_links, event.footnote_refs.split(";")):
            assert notes.loc[(event.doc_id, n), "text"] in page.text[target]


GPE = '<span class="mention" style="border-color:#2ca02c" title="GPE">'


@pytest.mark.parametrize(
    "text, spans, expected",
    [
        ("A簽署B", [(1, 3, report.TRIGGER)], 'A<mark title="event trigger">簽署</mark>B'),
        ("<美國>", [(1, 3, "GPE")], f"&lt;{GPE}美國</span>&gt;"),
        ("美國總統", [(0, 2, "GPE"), (1, 4, report.TRIGGER)], f"{GPE}美國</span>總統"),  # overlap: the first wins
        ("短", [(0, 5, report.TRIGGER)], "短"),  # past the end: dropped
        ("沒有標註", [], "沒有標註"),
    ],
)
def test_highlighted_wraps_spans_and_escapes_text(text, spans, expected):
    assert report.highlighted(text, spans) == expected


def test_report_is_byte_identical_when_rewritten(synthetic):
    before = _html(synthetic)
    data = stats.read_tables(synthetic)
    report.write(synthetic, data, stats.compute(synthetic, data))
    assert _html(synthetic) == before


def _empty_outputs(tmp_path):
    documents, _ = synthetic_documents()
    for sentence in (s for d in documents for s in d.sentences()):
        sentence.mentions, sentence.events = [], []
    tables.write_all(documents, [], tmp_path, {})
    write_derived(tmp_path)
    return tmp_path


def test_report_on_tables_without_entities_or_events_says_so(tmp_path):
    html = _html(_empty_outputs(tmp_path))
    assert "No entity mentions in these tables." in html
    assert "No dated events in these tables." in html
    assert "No events in this chapter." in html


def _rendered(path, tmp_path, fragment: str = "") -> str:
    """The DOM of the report after its scripts ran in headless Chromium, with the error hook."""
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (CI installs Debian's chromium; locally: apt-get install chromium)")
    hooked = tmp_path / "hooked.html"
    hooked.write_text(path.read_text(encoding="utf-8").replace("<head>", "<head>" + ERROR_HOOK, 1), encoding="utf-8")
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--virtual-time-budget=5000",
        "--dump-dom",
        hooked.as_uri() + fragment,
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def _console_errors(dom: str) -> str:
    found = re.search(r'<pre id="console-errors">(.*?)</pre>', dom, re.S)
    assert found, "the page did not finish loading"
    return found.group(1)


def _marks_per_chart(dom: str) -> dict[str, int]:
    charts = re.findall(r'<figure class="chart" data-chart="([^"]+)">(.*?)</figure>', dom, re.S)
    return {name: len(MARKS.findall(body)) for name, body in charts}


def test_report_renders_in_chromium_without_errors_and_every_chart_has_marks(synthetic, tmp_path):
    dom = _rendered(synthetic / report.REPORT_FILE, tmp_path)
    assert _console_errors(dom) == "[]"
    marks = _marks_per_chart(dom)
    expected = {
        "annotations",
        "terms",
        "timeline",
        "entities-PERSON",
        "entities-GPE",
        "entities-ORG",
        "entities-LAW",
        "network",
        "timeline-t01_trad",
        "timeline-s02_simp",
    }
    assert set(marks) == expected
    assert all(count > 0 for count in marks.values()), marks


def test_report_on_empty_tables_renders_without_errors(tmp_path):
    dom = _rendered(_empty_outputs(tmp_path / "outputs") / report.REPORT_FILE, tmp_path)
    assert _console_errors(dom) == "[]"
    assert all(count > 0 for count in _marks_per_chart(dom).values())


def test_a_link_to_a_sentence_opens_its_chapter_page(synthetic, tmp_path):
    dom = _rendered(synthetic / report.REPORT_FILE, tmp_path, "#sentence-s02_simp:p001:s00")
    visible = re.findall(r'<section class="tab" id="([^"]+)">', dom)
    assert visible == ["tab-doc-s02_simp"]


class VisibleText(HTMLParser):
    """The text a reader sees: outside <code>, <script>, <style> and <title> tooltips."""

    HIDDEN = {"code", "script", "style", "title"}

    def __init__(self, html: str):
        super().__init__()
        self.depth, self.parts = 0, []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.depth += tag in self.HIDDEN

    def handle_endtag(self, tag):
        self.depth -= tag in self.HIDDEN

    def handle_data(self, data):
        if not self.depth:
            self.parts.append(data)


def test_chapters_are_named_by_title_and_doc_ids_show_only_as_codes(synthetic):
    html = _html(synthetic)
    visible = "".join(VisibleText(html).parts)
    for doc, title in [("t01_trad", "第一章 美俄關係"), ("s02_simp", "第二章 中俄关系")]:
        assert doc not in visible
        assert f"<code>{doc}</code>" in html or f'<code class="doc-id">{doc}</code>' in html
        assert f'<option value="tab-doc-{doc}">{title}</option>' in html
        assert f'<a href="#tab-doc-{doc}">{title}</a>' in html  # the overview table
        assert f"<h2>{title}</h2>" in html
    annotations = re.search(r'data-chart="annotations">(.*?)</figure>', html, re.S).group(1)
    assert "第一章 美俄關係" in annotations and "第二章 中俄关系" in annotations


def test_every_chart_labels_its_axes_and_the_network_its_units(synthetic):
    charts = dict(re.findall(r'<figure class="chart" data-chart="([^"]+)">(.*?)</figure>', _html(synthetic), re.S))
    assert len(charts) == 10
    for name, body in charts.items():
        if name == "network":
            legend = re.search(r'<g class="legend">(.*?)</g>', body).group(1)
            assert "circle area: mentions in the corpus" in legend and "line width: sentences naming both" in legend
            continue
        titles = re.findall(r'<text class="axis-label"[^>]*>([^<]+)</text>', body)
        assert len(titles) == 2, name  # one per axis
        assert any("(" in title for title in titles), name  # the value axis names its unit


def test_report_is_built_from_one_split_of_the_tables(synthetic, monkeypatch):
    data = stats.read_tables(synthetic)
    frames = stats.compute(synthetic, data)
    splits, pages = [], []
    split, page = report.split_by_document, report.chapter_page
    monkeypatch.setattr(report, "split_by_document", lambda *a: splits.append(1) or split(*a))
    monkeypatch.setattr(report, "chapter_page", lambda chapter: pages.append(chapter) or page(chapter))
    report.render(data, frames)
    assert len(splits) == 1
    assert [c.doc_id for c in pages] == ["t01_trad", "s02_simp"]
    for table in ("events", "footnotes", "timeline"):
        for chapter in pages:
            assert set(getattr(chapter, table)["doc_id"]) <= {chapter.doc_id}, table
        source = frames["timeline"] if table == "timeline" else getattr(data, table)
        assert sum(len(getattr(c, table)) for c in pages) == len(source), table
    reported = set(data.events["sentence_id"])
    assert sum(len(c.sentences) for c in pages) == len(reported)


# Prepended to <body> in the filter test: once the page has loaded, sets the network's minimum to 2
# and unticks ORG, as a reader would.
FILTER_HOOK = """<script>
window.addEventListener("load", function () {
  var minimum = document.getElementById("network-min");
  minimum.value = "2";
  minimum.dispatchEvent(new Event("input", {bubbles: true}));
  var org = document.querySelector('input.network-label[value="ORG"]');
  org.checked = false;
  org.dispatchEvent(new Event("change", {bubbles: true}));
});
</script>"""


def test_the_network_filter_hides_weak_ties_unticked_labels_and_actors_left_alone(synthetic, tmp_path):
    page = synthetic / report.REPORT_FILE
    filtered = tmp_path / "filtered.html"
    filtered.write_text(page.read_text(encoding="utf-8").replace("</body>", FILTER_HOOK + "</body>"), encoding="utf-8")
    dom = _rendered(filtered, tmp_path, "#tab-network")
    assert _console_errors(dom) == "[]"
    ties = re.findall(r'<line class="tie"([^>]*)>', dom)
    assert {"display: none" in attributes for attributes in ties} == {True, False}  # some hidden, some shown
    for attributes in ties:
        weight = int(re.search(r'data-weight="(\d+)"', attributes).group(1))
        hidden = "display: none" in attributes
        assert hidden == (weight < 2 or 'data-label-a="ORG"' in attributes or 'data-label-b="ORG"' in attributes)
    shown = re.findall(r'<g class="actor" data-node="\d+" data-label="(\w+)"(?! style="display: none;")', dom)
    assert shown and "ORG" not in shown
    rows = re.findall(r'<tr (data-weight="[^>]*)>', dom)
    assert len(rows) == len(ties)
    for attributes in rows:
        weight = int(re.search(r'data-weight="(\d+)"', attributes).group(1))
        assert ('hidden=""' in attributes) == (weight < 2 or "ORG" in attributes)
