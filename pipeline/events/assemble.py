"""From a sentence to its event rows: read it, find each kept trigger's subject and roles, make one
draft per source, target and treaty, merge drafts that report one event, and carry the paragraph's
context to the next sentence."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..config import Config
from ..model import Document, Event, Sentence, TimeExpression
from . import roles
from .actors import find_actors, find_laws, passive_agent
from .lexicon import EventTables, cameo_info
from .mode import event_date, mode, usable_dates
from .statements import STATEMENT_FRAMES, Reading, govern, read_hit
from .triggers import find_hits
from .view import Actor, Context, Hit, View, Words, carried, new_view

if TYPE_CHECKING:
    from ..entities.actors import ActorCodes
    from ..resources import Resources

EVENT_BLOCKS = {"paragraph", "list_item"}


@dataclass
class Draft:
    """An event being assembled."""

    hit: Hit
    code: str
    source: Actor
    target: Actor | None
    location: Actor | None
    object: str
    mode: str
    date: TimeExpression | None
    rules: tuple[str, ...] = ()


def read_sentence(sentence: Sentence, resources: Resources, words: Words) -> View:
    """Everything the event rules look at, computed once per sentence; for a sentence without a
    trigger only what its dates need (no actors, laws or hits: it gives no event)."""
    view = new_view(sentence, resources.events, words)
    if view.eventful:
        find_actors(view)
        find_laws(view)
        find_hits(view)
    return view


def drafts(
    view: View,
    hit: Hit,
    reading: Reading,
    found: roles.Found,
    dates: list[TimeExpression],
    context: TimeExpression | None,
) -> list[Draft]:
    """The drafts of one trigger, one per source, target and treaty; none for a pivot whose object acts.
    Each draft carries the names of the rules that made it (trigger, code, source, target, date)."""
    subject = found[0]
    clause_start = view.clauses[hit.clause][0]
    zone_start = max(clause_start, hit.governor.end) if hit.governor is not None else clause_start
    if view.tokens.get(hit.start) in view.tables.cues["pivot"] and hit.trigger.frame == "act":
        sent = roles.direct_objects(view, hit)
        if sent and sent[0].label == "PERSON" and any(h.start > hit.end for h in view.kept_hits(hit.clause)):
            return []  # 派遣外長訪問印尼: the visit is the event
    sources, targets, rules = sides_of(view, hit, reading, found, zone_start)
    subject_end = max((a.end for a in subject if a.end <= hit.start), default=zone_start)
    event_mode = mode(view, hit, subject_end) if reading.code == hit.trigger.code else "asserted"
    date, date_rule = event_date(view, hit, dates, context)
    location = roles.location(view, hit, zone_start)
    blocked = sorted({f"modifier.{h.modifier}" for h in view.hits if h.clause == hit.clause and h.modifier})
    objects = roles.objects(view, hit) if reading.inner is None else [""]
    sides: list[Actor | None] = list(targets) or [None]
    return [
        Draft(
            hit,
            reading.code,
            source,
            target if actor_key(target) != actor_key(source) else None,
            location,
            obj,
            event_mode,
            date,
            tuple(
                rules
                + ([] if target is not None and actor_key(target) != actor_key(source) else ["target.none"])
                + blocked
                + [date_rule]
            ),
        )
        for source in sources
        for target in sides
        for obj in objects
    ]


def sides_of(
    view: View, hit: Hit, reading: Reading, found: roles.Found, zone_start: int
) -> tuple[list[Actor], list[Actor], list[str]]:
    """The sources and targets of a trigger, and the rules that found them (after the trigger's and the code's)."""
    subject, source_rule = found
    rules = [hit.found_by] + (["trigger.one_character"] if len(hit.surface) == 1 else []) + [reading.rule]
    agent = passive_agent(view, hit)
    if agent is not None:
        return [agent], subject[:1], rules + ["source.passive_agent", "target.passive_subject"]
    code = (
        reading.code
        if hit.trigger.frame not in STATEMENT_FRAMES
        or (reading.code[:2] in roles.SYMMETRIC_ROOTS and not roles.distributive(view, subject))
        else "01"
    )
    own = roles.direct_objects(view, hit) if hit.trigger.frame == "act" else []
    sources, targets = roles.split_group(view, subject, code, [a for a in own if a not in subject][:1])
    rules.append(source_rule)
    target_rule = "target.group_partner"
    if not targets and not (len(subject) > 2 and code[:2] in roles.SYMMETRIC_ROOTS):
        targets, target_rule = roles.targets(view, hit, reading, subject, zone_start)
    return sources, targets, rules + ([target_rule] if targets else [])


def merge(found: list[Draft]) -> list[Draft]:
    """One row per event: one statement per actor, and one act reported by two verbs in a clause (批准通過)."""
    kept: list[Draft] = []
    for draft in found:
        twin = next((k for k in kept if same_event(k, draft)), None)
        if twin is None:
            kept.append(draft)
        else:
            kept[kept.index(twin)] = replace(
                twin,
                target=twin.target or draft.target,
                object=twin.object or draft.object,
                rules=twin.rules + ("merge.same_event",) * ("merge.same_event" not in twin.rules),
            )
    said = {
        actor_key(d.source)
        for d in kept
        if d.code[:2] != "01" and (d.hit.trigger.frame in STATEMENT_FRAMES or d.hit.governor is not None)
    }
    return [d for d in kept if not (d.code[:2] == "01" and actor_key(d.source) in said)]


def same_event(a: Draft, b: Draft) -> bool:
    """Whether two drafts report one event: same root, source and date, and no conflicting target or treaty."""
    if a.code[:2] != b.code[:2] or actor_key(a.source) != actor_key(b.source) or a.date != b.date:
        return False
    if a.code[:2] == "01" or (
        a.target is not None and actor_key(a.target) == actor_key(b.target) and a.object == b.object
    ):
        return True  # one statement per actor; the same meeting told twice (參加...後，再次舉行會晤)
    if a.code[:3] == b.code[:3] == "042" and a.target is None:
        return True  # 訪華，將到訪上海和北京: the places of a trip told by its visit are one visit
    targets = {actor_key(a.target), actor_key(b.target)} - {""}
    objects = {a.object, b.object} - {""}
    return a.hit.clause == b.hit.clause and len(targets) <= 1 and len(objects) <= 1


def actor_key(actor: Actor | None) -> str:
    """What identifies an actor across drafts: its entity id, else its text."""
    return "" if actor is None else actor.entity_id or actor.text


def to_event(tables: EventTables, draft: Draft, actors: ActorCodes) -> Event:
    """The row of a draft, with its CAMEO label, Goldstein value and quad class, and the CAMEO actor
    codes of its source and target at the event's date."""
    label, _, _ = cameo_info(tables, draft.code[:2])
    date, target = draft.date, draft.target
    day = date.start_date if date else ""
    _, goldstein, quad_class = cameo_info(tables, draft.code)
    return Event(
        trigger=draft.hit.surface,
        cameo=draft.code[:2],
        cameo_label=label,
        cameo_code=draft.code,
        goldstein=goldstein,
        quad_class=quad_class,
        source=draft.source.text,
        source_id=draft.source.entity_id,
        target=target.text if target else "",
        target_id=target.entity_id if target else "",
        location=draft.location.text if draft.location else "",
        location_id=location_id(draft),
        object=draft.object,
        mode=draft.mode,
        start_date=date.start_date if date else "",
        end_date=date.end_date if date else "",
        date_text=date.text if date else "",
        confidence=confidence(tables, draft.rules),
        trigger_start=draft.hit.start,
        rule=";".join(draft.rules),
        plover=plover_type(tables, draft.code),
        source_actor=actors.code(draft.source.entity_id, day) or "",
        target_actor=(actors.code(target.entity_id, day) or "") if target else "",
    )


def confidence(tables: EventTables, rules: tuple[str, ...]) -> float:
    """How likely the row is right, from the rules that made it: the base plus each rule's weight
    (`data/event_confidence.tsv`, estimated on the events suite), kept within 0.05..0.99.

    >>> from pipeline.events.lexicon import load_tables
    >>> tables = load_tables()
    >>> confidence(tables, ("trigger.lexicon", "code.act", "source.clause", "target.object", "date.clause"))
    0.9
    >>> confidence(tables, ("trigger.lexicon", "code.statement", "source.clause", "target.none", "date.none"))
    0.2
    """
    total = tables.confidence["base"] + sum(tables.confidence.get(rule, 0.0) for rule in rules)
    return round(max(0.05, min(0.99, total)), 2)


def plover_type(tables: EventTables, code: str) -> str:
    """The PLOVER event type of a CAMEO code (its own row, else its root's), '' for 01/02 (no PLOVER type).

    >>> from pipeline.events.lexicon import load_tables
    >>> tables = load_tables()
    >>> plover_type(tables, "057"), plover_type(tables, "163"), plover_type(tables, "010")
    ('SUPPORT', 'COERCE', '')
    """
    return tables.plover.get(code) or tables.plover.get(code[:2], "")


def location_id(draft: Draft) -> str:
    """The entity id of the event's place, if the place is a named entity and not one of its actors."""
    place = draft.location
    if place is None or place.entity_id == place.text:
        return ""  # not linked to an entity (an id equal to the text is the text standing in for one)
    actors = {actor_key(draft.source), actor_key(draft.target)}
    return "" if place.entity_id in actors else place.entity_id


def sentence_events(
    sentence: Sentence, resources: Resources, context: Context | None = None, words: Words | None = None
) -> tuple[list[Event], Context]:
    """Events of one sentence, given what the paragraph said before it; returns them and the context
    for the next sentence. `words` holds the document's texts already cut (a new one if none)."""
    context = context or Context()
    view = read_sentence(sentence, resources, words or Words(resources.segmenter))
    govern(view)
    dates = usable_dates(view)
    readings = {id(h): read_hit(view, h) for h in view.hits if h.kept}
    announced = {id(a) for h in view.hits if h.kept for a in readings[id(h)].announced}
    subjects: dict[int, list[Actor]] = {}
    made_drafts: list[Draft] = []
    previous: list[Actor] = []
    for hit in view.hits:
        if not hit.kept or (hit.governor is not None and id(hit) not in announced):
            continue
        governor_subject = subjects.get(id(hit.governor), []) if hit.governor is not None else []
        found = roles.subject(view, hit, context, governor_subject, previous)
        subject = found[0]
        subjects[id(hit)] = subject
        if subject and not readings[id(hit)].announced:
            made = drafts(view, hit, readings[id(hit)], found, dates, context.date)
            made_drafts.extend(made)
            previous = subject if made else previous
    following = _following_context(view, made_drafts, previous, dates, context)
    return [to_event(view.tables, d, resources.entities.actors) for d in merge(made_drafts)], following


def _following_context(
    view: View, found: list[Draft], previous: list[Actor], dates: list[TimeExpression], context: Context
) -> Context:
    """What the next sentence inherits: the last event's actors, the last pair of sides, the narrative date."""
    zones = [view.clause_zone(k) for k in range(len(view.clauses))]
    heads = [d for d in dates if any(a <= d.start < b for a, b in zones)]
    sides = [
        [d.source, d.target]
        for d in found
        if d.target is not None
        and d.code[:2] in roles.SYMMETRIC_ROOTS
        and d.source.label not in roles.UNNAMED
        and d.hit.trigger.needs != "meeting"
    ]
    topic = previous if found and found[-1].source in previous else [d.source for d in found[-1:]]
    return Context(
        topic=carried(topic),  # 雙方表示 ... 並希望: both sides go on
        parties=carried(sides[-1]) if sides else context.parties,
        date=found[-1].date if found and found[-1].date else (heads[-1] if heads else context.date),
    )


def annotate(document: Document, resources: Resources, config: Config) -> Document:
    """Fill `sentence.events` for every body sentence, in reading order.

    What a sentence inherits (the actor talked about, the two parties, the narrative date) carries
    from sentence to sentence within a paragraph only: a new paragraph or a heading often moves on
    to analysis, and a date carried into it would date what the text does not. Quotations, captions
    and tables give no events: a quotation's speaker is coded where the text introduces it.
    """
    longest = config.events.max_sentence_chars
    words = Words(resources.segmenter)
    for block in document.blocks:
        context = Context()
        for sentence in block.sentences:
            if block.kind not in EVENT_BLOCKS or len(sentence.text) > longest:
                sentence.events = []
                continue
            sentence.events, context = sentence_events(sentence, resources, context, words)
    too_long = [s.sentence_id for s in document.sentences() if len(s.text) > longest]
    if too_long:
        document.warnings.append(
            f"{len(too_long)} sentences longer than {longest} characters were not read for events "
            f"(first: {too_long[0]}); check the extraction's punctuation"
        )
    return document
