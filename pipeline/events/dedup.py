"""Retellings: the same event told again (an introduction, a summary, a conclusion repeating a body
sentence). Every row is kept as evidence; `event_key` names the event a row reports and
`duplicate_of` points at its first telling, the way event datasets apply their one-a-day filter,
but with provenance. `events_unique` is that filter's result: one row per key with the sentences
that tell it.

A key is (source_id, target_id, CAMEO root, start_date). A row without a date or without a source
id gets no key: two undated meetings of the same pair are as likely two meetings as one told
twice, so they are never merged. A row without a target keys with an empty target (`A 表示` on one
day by one actor is one statement).
"""

from __future__ import annotations

import pandas as pd

KEY_FIELDS = ("source_id", "target_id", "cameo", "start_date")
UNIQUE_COLUMNS = [
    "event_key",
    "event_id",
    "doc_id",
    "sentence_id",
    "start_date",
    "end_date",
    "cameo",
    "cameo_label",
    "plover",
    "source",
    "source_id",
    "target",
    "target_id",
    "location",
    "location_id",
    "object",
    "mode",
    "n_tellings",
    "doc_ids",
    "sentence_ids",
]


def event_key(row: dict) -> str:
    """The key of an event row, '' when it has no date or no source id.

    >>> event_key({"source_id": "GPE:russia", "target_id": "", "cameo": "01", "start_date": "2001-06-16"})
    'GPE:russia||01|2001-06-16'
    >>> event_key({"source_id": "GPE:russia", "target_id": "GPE:china", "cameo": "04", "start_date": ""})
    ''
    """
    if not row["source_id"] or not row["start_date"]:
        return ""
    return "|".join(str(row[name])[:2] if name == "cameo" else str(row[name]) for name in KEY_FIELDS)


def mark_duplicates(rows: list[dict], first: dict[str, str] | None = None) -> None:
    """Set `event_key` and `duplicate_of` on rows given in document, then reading order: a row whose
    key an earlier row has is a retelling of that row's event. `first` (event_key -> event_id of
    the first telling) carries the earlier chapters' keys and is extended."""
    first = {} if first is None else first
    for row in rows:
        key = event_key(row)
        row["event_key"] = key
        row["duplicate_of"] = first.get(key, "") if key else ""
        if key:
            first.setdefault(key, row["event_id"])


def events_unique(events: pd.DataFrame) -> pd.DataFrame:
    """One row per event key: the first telling's fields, how many rows tell it and where."""
    if events.empty or "event_key" not in events:
        return pd.DataFrame(columns=UNIQUE_COLUMNS)
    keyed = events[events["event_key"].fillna("") != ""]
    if keyed.empty:
        return pd.DataFrame(columns=UNIQUE_COLUMNS)
    grouped = keyed.groupby("event_key", sort=False)
    first = grouped.head(1).set_index("event_key")
    first["n_tellings"] = grouped.size()
    first["doc_ids"] = grouped["doc_id"].agg(lambda ids: ";".join(dict.fromkeys(ids)))
    first["sentence_ids"] = grouped["sentence_id"].agg(lambda ids: ";".join(dict.fromkeys(ids)))
    return first.reset_index().reindex(columns=UNIQUE_COLUMNS, fill_value="")
