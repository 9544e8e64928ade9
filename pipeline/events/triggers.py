"""Trigger occurrences: lexicon words that stand as words of their own (not pieces of a longer
word), whose needs are met (an object noun, an actor, a light verb), each marked kept or not by
the modifier rules (`modifiers.py`)."""

from __future__ import annotations

from .lexicon import Trigger
from .modifiers import NOMINAL_RULES, OBJECT_NEEDS, modifier_rule, nominal_particle
from .view import Hit, View

SPEECH_OPENERS = set("：:，,︰「『“")
DIGITS = set("0123456789")


def find_hits(view: View) -> None:
    """The sentence's triggers: named meetings after a light verb, then lexicon words left to right."""
    blocked = [False] * len(view.norm)
    for m in view.sentence.mentions:
        blocked[m.start : m.end] = [True] * (m.end - m.start)
    for a in view.actors:
        blocked[a.start : a.end] = [True] * (a.end - a.start)
    _find_named_meetings(view)
    pos = 0
    # where no trigger starts, trigger_at finds nothing: jump to the next character one starts with
    while (start := view.tables.trigger_start.search(view.norm, pos)) is not None:
        pos = start.start()
        word, end = view.tables.trigger_at(view.norm, pos)
        trigger = view.tables.triggers.get(word)
        if (
            trigger is None
            or any(blocked[pos:end])
            or view.in_bracket[pos]
            or (trigger.needs != "adjacent" and not _aligned(view, pos, end))
            or not needs_met(view, pos, end, trigger)
        ):
            pos += 1
            continue
        view.hits.append(Hit(pos, end, trigger, view.sentence.text[pos:end], view.clause_of(pos), view.in_quote[pos]))
        pos = end
    view.hits.sort(key=lambda h: h.start)
    for hit in view.hits:
        if hit.quoted:
            hit.kept = False
            continue
        hit.modifier = modifier_rule(view, hit)
        hit.kept = hit.modifier is None
        hit.nominal = hit.modifier in NOMINAL_RULES or (hit.kept and nominal_particle(view, hit) is not None)


def _find_named_meetings(view: View) -> None:
    """A meeting named as an event after a light verb (舉行上海合作組織元首峰會): its head noun is the trigger."""
    for m in (m for m in view.sentence.mentions if m.label == "EVENT"):
        head = view.tables.trigger_suffix(view.norm[m.start : m.end])
        if head and view.cue_at("light_verb", max(0, m.start - 4), m.start):
            view.hits.append(
                Hit(
                    m.end - len(head),
                    m.end,
                    view.tables.triggers[head],
                    view.sentence.text[m.end - len(head) : m.end],
                    view.clause_of(m.start),
                    view.in_quote[m.start],
                    found_by="trigger.named_meeting",
                )
            )


def _aligned(view: View, start: int, end: int) -> bool:
    """A trigger must not be a piece of a longer word (轟炸機, 來說), bar dates, particles and actors glued on."""
    # what jieba may glue to a trigger without changing it: a date or adverb before, an aspect or time particle after
    glued_before, glued_after = DIGITS | view.tables.cues["glued_before"], view.tables.cues["glued_after"]
    before = view.token_holding(start)
    if before is not None and before[0] < start:
        pos = before[0]
        glued = {view.norm[i] for i in range(pos, start) if not any(a.start <= i < a.end for a in view.actors)}
        if not glued <= glued_before and not view.is_adverb(view.norm[pos:start]):
            return False
    after = view.token_holding(end)
    if after is not None and after[0] < end and not set(view.norm[end : after[0] + len(after[1])]) <= glued_after:
        return False
    return True


def needs_met(view: View, start: int, end: int, trigger: Trigger) -> bool:
    """Whether the context the trigger needs is there: a speech opener, an adjacent name, an actor
    acted on, a meeting noun, a light verb, or the noun a verb-object trigger acts on."""
    norm = view.norm
    clause_start, clause_end = view.clauses[view.clause_of(start)]
    if trigger.needs == "speech":
        return norm[end : end + 1] in SPEECH_OPENERS and view.tokens.get(start) == norm[start:end]
    if trigger.needs == "adjacent":
        return any(m.start == end for m in view.sentence.mentions)
    if trigger.needs == "actor":  # 打擊敵對國家, 向南斯拉夫發起攻擊, 轟炸科索沃; not 打擊恐怖主義, 佔領市場
        roles = {"subject", "possessive"} | ({"place"} if trigger.code[:2] in {"18", "19", "20"} else set())
        return any(
            end <= a.start < clause_end and a.role in roles or clause_start <= a.start < start and a.role == "target"
            for a in view.actors
        )
    if trigger.needs == "meeting":  # 參加北約峰會, 出席在東京舉行的會議; not 參加北約 (joining)
        return any(view.tables.cue("meeting_noun", norm, p) for p in range(end, clause_end))
    if trigger.needs == "light":  # 舉行峰會, 峰會在羅馬舉行, 俄美首腦會晤; not 在高峰會後
        before = view.cue_at("light_verb", clause_start, start)
        return bool(before or view.cue_at("light_verb", end, min(end + 12, clause_end))) or any(
            a.end == start for a in view.actors
        )
    if trigger.needs in OBJECT_NEEDS - {"meeting"}:
        return _object_noun_follows(view, start, end, trigger)
    return True


def _object_noun_follows(view: View, start: int, end: int, trigger: Trigger) -> bool:
    """Whether the noun a verb-object trigger acts on follows it, before any other verb (not 通過締結協議)."""
    norm, cues = view.norm, view.tables.cues
    clause_end = view.clauses[view.clause_of(start)][1]
    limit = clause_end
    if norm[start:end] in cues["means"]:
        limit = next(
            (
                p
                for p in range(end, clause_end)
                if (word := view.tables.trigger_word(norm, p))
                and view.tokens.get(p + len(word)) not in cues["noun_head"]
            ),
            clause_end,
        )
    if trigger.needs == "agreement" and any(end <= a < limit for a, _, _ in view.laws):
        return True
    # an agreement noun inside a name does not count (東南亞條約組織); an organisation set up does (建立理事會)
    named = {
        i
        for m in view.sentence.mentions
        if m.label != "LAW" and not (trigger.needs == "relation" and m.label == "ORG")
        for i in range(m.start, m.end)
    }
    return any(view.tables.cue(trigger.needs + "_noun", norm, p) and p not in named for p in range(end, limit))
