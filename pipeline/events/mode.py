"""Whether an event is asserted, intended, negated or hypothetical, and which date it takes.

希望/可望/計畫 and 將 make an act intended, 若/一旦/能否 hypothetical, 不/未/沒有 after the last
verb negated. The event's date is the nearest usable date before its trigger (in its own clause,
or at the head of an earlier clause), else one right after it in its clause, else the narrative
date carried from earlier sentences of the paragraph.
"""

from __future__ import annotations

from ..model import TimeExpression
from .view import Hit, View, word_after


def mode(view: View, hit: Hit, subject_end: int) -> str:
    """asserted, intended, negated or hypothetical, from the cues between the subject and the trigger."""
    clause_start = view.clauses[hit.clause][0]
    window = max(clause_start, subject_end)
    if view.cue_at("hypothetical", 0, hit.start):
        return "hypothetical"
    pivots = view.tables.cues["pivot"]
    last_verb = max(
        (h.end for h in view.kept_hits(hit.clause) if h.end <= hit.start and view.tokens.get(h.start) not in pivots),
        default=window,
    )
    if view.cue_at("negation", max(window, last_verb), hit.start):
        return "negated"
    if view.cue_at("future", window, hit.start) or view.cue_at("intent", window, hit.start):
        return "intended"
    return "asserted"


def usable_dates(view: View) -> list[TimeExpression]:
    """Dates that can date an event: resolved, outside quotes and brackets, not an anchor (911事件後)."""
    cues = view.tables.cues
    usable = []
    for date in view.sentence.dates:
        if (
            not date.start_date
            or date.start >= len(view.norm)
            or view.in_bracket[date.start]
            or view.in_quote[date.start]
        ):
            continue
        after = view.tokens.get(word_after(view.norm, date.end), "")
        before = view.norm[max(0, date.start - 3) : date.start].rstrip()
        head = date.start < view.clause_zone(view.clause_of(date.start))[1]
        relative, attributive = view.tables.word("relative"), view.tables.word("attributive")
        if after in cues["date_anchor"] or after == relative or (after == attributive and not head):
            continue
        if any(before.endswith(word) for word in cues["date_end"]):
            continue
        usable.append(date)
    return usable


def event_date(
    view: View, hit: Hit, dates: list[TimeExpression], context: TimeExpression | None
) -> tuple[TimeExpression | None, str]:
    """The nearest date before the trigger in its clause or at the head of an earlier clause, else one
    right after it in its clause (成立於1949年), else the context; and the rule that found it
    (`date.clause`, `date.sentence`, `date.clause_after`, `date.paragraph`, `date.none`)."""
    clause_start, clause_end = view.clauses[hit.clause]
    heads = [d for d in dates if d.end <= clause_start and d.start < view.clause_zone(view.clause_of(d.start))[1]]
    own = [d for d in dates if clause_start <= d.start and d.end <= hit.start]
    if own or heads:
        return max(own or heads, key=lambda d: d.end), "date.clause" if own else "date.sentence"
    after = [
        d
        for d in dates
        if hit.end <= d.start < clause_end and not any(d.end <= h.start < clause_end for h in view.hits)
    ]
    if after:
        return min(after, key=lambda d: d.start), "date.clause_after"
    return context, "date.paragraph" if context is not None else "date.none"
