"""The roles of one trigger: its subject (from its clause, a governing statement, a pivot, earlier
clauses or the paragraph's topic), its targets, location and the treaties it acts on.

A clause without a subject takes the subject of the clause before it (unless it holds a noun we
cannot name: then its subject is unknown and no event is coded); 雙方/兩國/兩人 are the two sides
named earlier in the sentence or, failing that, those of the paragraph's last meeting, visit or
agreement. Attending a meeting (參加/出席 + a meeting noun) has the organisation holding it as
target; forces sent somewhere (向X部署) and places left (撤出X) are locations, not targets.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .actors import LIST_COMMA, groups, subject_in
from .statements import STATEMENT_FRAMES, Reading, complement_end
from .view import ACTOR_LABELS, PLACE_LABELS, Actor, Context, Hit, View

BLOCKING_ROLES = {"other", "relative", "quoted"}  # someone named in the clause who is not its subject
SYMMETRIC_ROOTS = {"03", "04", "05", "06"}  # A 與 B 會晤: source A, target B; elsewhere A 和 B are both sources
PARTNER_TARGET_ROOTS = {"08", "14", "15", "16", "17", "18", "19", "20"}  # 與X妥協, 與X交火: X is the target
UNNAMED = {"PRONOUN", "COLLECTIVE"}


def resolve(view: View, subject: list[Actor], context: Context) -> list[Actor]:
    """A pronoun takes the subject named in a clause before its own, else the topic; a collective
    (兩人, 雙方) the pair named in a clause before its own, else the paragraph's two parties, else
    nobody: an event between unnamed sides is no row."""
    if not subject or subject[0].label not in UNNAMED:
        return subject
    own_clause = view.clause_of(subject[0].start)
    if subject[0].label == "PRONOUN":
        for clause in range(own_clause - 1, -1, -1):
            named = subject_in(view, *view.clause_zone(clause))
            if named and named[0].label not in UNNAMED:
                return named
        return context.topic
    for clause in range(own_clause - 1, -1, -1):
        named = subject_in(view, *view.clause_zone(clause))
        start, end = view.clauses[clause]
        others = [
            a
            for a in view.actors
            if start <= a.start < end
            and a not in named
            and a.label in ACTOR_LABELS
            and a.role in {"with", "target", "subject", "possessive", "other"}
        ]
        pair = (named + others)[:2]  # 普欽與小布希會晤，雙方; 俄無力阻止北約東擴，雙方; 在普丁訪問越南後，雙方
        if len(pair) == 2 and pair[0].label in ACTOR_LABELS:
            return pair
    return context.parties if len(context.parties) == 2 else []


Found = tuple[list[Actor], str]  # the subject and the rule that found it


def subject(view: View, hit: Hit, context: Context, governor_subject: list[Actor], previous: list[Actor]) -> Found:
    """The trigger's subject and the rule that found it: a pivot's object, its clause,
    a governing statement, the previous predicate (並 ...), earlier clauses, the topic."""
    clause_start = view.clauses[hit.clause][0]
    if hit.governor is not None:
        found = subject_in(view, max(clause_start, hit.governor.end), hit.start)
        if found:
            return _resolved(view, found, context, "source.complement")
        return governor_subject, "source.governor"
    pivot = view.cue_at("pivot", clause_start, hit.start)
    if pivot:
        sent = [
            a
            for a in view.actors
            if pivot[-1] < a.start and a.end <= hit.start and a.role == "subject" and a.label not in {"LOC", "FAC"}
        ]
        if sent:  # 派遣外長謝瓦納澤訪問印尼; a pronoun (允許它們參加) names nobody
            return ([], "") if sent[0].label == "PRONOUN" else (groups(view, sent)[0], "source.pivot_object")
        sent_text = view.bare(pivot[-1] + len(view.tokens[pivot[-1]]), hit.start)
        if sent_text and not view.is_adverb(sent_text):
            return [], ""  # 派遣特遣艦隊前往: who goes is not named
    zone = view.clause_zone(hit.clause)
    found = subject_in(view, zone[0], min(zone[1], hit.start), hit.trigger.frame in STATEMENT_FRAMES)
    if found and found[0].label == "AUTHOR":
        return [], ""  # 我們可以說: the thesis speaking
    if found:
        return _resolved(view, found, context, "source.clause")
    return _borrowed_subject(view, hit, context, previous, zone)


def _resolved(view: View, found: list[Actor], context: Context, rule: str) -> Found:
    """A subject found by `rule`, a pronoun or collective resolved (the rule then names that too)."""
    unnamed = found[0].label in UNNAMED
    return resolve(view, found, context), rule + (f";source.{found[0].label.lower()}" if unnamed else "")


def _borrowed_subject(view: View, hit: Hit, context: Context, previous: list[Actor], zone: tuple[int, int]) -> Found:
    """For a clause without a subject: the previous predicate's (並 ...), an earlier clause's, or the
    topic's; nobody when the clause names someone else or a noun we cannot name."""
    clause_start = view.clauses[hit.clause][0]
    in_zone = [
        a
        for a in view.actors
        if zone[0] <= a.start < hit.start
        and (
            a.role in BLOCKING_ROLES
            or a.role == "with"
            and view.token_before(a.start) in view.tables.cues["conjunction"]
        )
    ]
    if in_zone or any(view.in_quote[zone[0] : hit.start]):
        return [], ""  # the clause names someone else (在小布希結束訪問後, 美國所謂的「戰爭」開打)
    if previous and view.cue_at("chain", clause_start, clause_start + 2):
        return previous, "source.chain"  # 並敦促他們 ...: the subject of the predicate before
    if names_something(view, zone[0], hit.start) and not fronted_object(view, hit):
        return [], ""
    for clause in range(hit.clause - 1, -1, -1):
        earlier = subject_in(view, *view.clause_zone(clause))
        if earlier:
            if earlier[0].label == "AUTHOR":
                return [], ""
            return _resolved(view, earlier, context, "source.earlier_clause")
    if any(
        a.label not in UNNAMED and a.role not in {"with", "target", "place"} for a in view.actors if a.start < hit.start
    ):
        return [], ""
    return context.topic, "source.topic"  # the sentence goes on about the previous one's actor: 隨後又宣佈 ...


def fronted_object(view: View, hit: Hit) -> bool:
    """Whether a disposal verb (予以/加以) stands right before the trigger, adverbs aside (予以嚴正譴責):
    what comes before it in the clause is the act's fronted object, not a subject."""
    found = view.cue_at("disposal", view.clauses[hit.clause][0], hit.start)
    return bool(found) and len(view.bare(found[-1] + len(view.tokens[found[-1]]), hit.start)) <= 3


def fronted_target(view: View, hit: Hit, subject: list[Actor]) -> list[Actor]:
    """The 對-marked actor a disposal verb's act is done to (對於中國政府…的言論，予以嚴正譴責), back to
    the previous act."""
    after = max((h.end for h in view.hits if h.kept and h.end <= hit.start and h is not hit), default=0)
    marked = [
        a
        for a in view.actors
        if after <= a.start
        and a.end <= hit.start
        and a.role == "target"
        and view.clause_of(a.start) >= hit.clause - 1
        and view.token_before(a.start) in view.tables.cues["fronting"]
    ]
    return [a for a in marked if a not in subject][:1]


def names_something(view: View, start: int, end: int) -> bool:
    """Whether an unrecognised noun stands in [start, end) (內容規定, 俄首次提出 with 俄 not tagged):
    the clause has a subject we cannot name, so it must not borrow one."""
    text = view.bare(start, end)
    return any(flag[:1] in {"n", "s", "j"} for flag in view.tags(text)) if text else False


def direct_objects(view: View, hit: Hit) -> list[Actor]:
    """The trigger's object: actors right after it in its clause; the head after a relative clause's 的."""
    clause_end = view.clauses[hit.clause][1]
    stop = next((h.start for h in view.kept_hits(hit.clause) if h.start > hit.start), clause_end)
    if hit.trigger.needs in {"agreement", "relation"}:
        return []  # what is signed or set up is a thing, not a target
    after = [
        a
        for a in view.actors
        if hit.end <= a.start < stop
        and a.label not in UNNAMED | {"LOC", "FAC"}
        and a.role in {"subject", "possessive", "relative", "with"}
    ]
    found = [g for g in groups(view, after) if g[0].role != "with"]
    if not found:
        return []
    de = view.tables.word("attributive")
    particle = view.norm.find(de, found[0][-1].end, stop)
    between = view.gap(found[0][-1].end, particle) if particle >= 0 else ""
    # 指責俄羅斯向烏克蘭的武裝提供武器: a verbal trigger takes a clause, whose subject is the target
    clausal = hit.trigger.frame != "act" and not any(found[0][-1].end <= h.start < particle for h in view.hits)
    if (
        between
        and not clausal
        and found[0][0].role != "relative"
        and not re.search(r"[，。；：、]", between)
        and not any(g[0].start > particle for g in found[1:])
    ):
        return []  # 修改美蘇於1972年簽署的ABM: the actors are in a relative clause
    for later in found[1:]:
        if de in view.gap(found[0][-1].end, later[0].start):
            if later[0].label not in PLACE_LABELS:
                return later  # 接見前來莫斯科訪問的北約秘書長羅伯遜
            visit = hit.trigger.code[:3] == "042"
            return found[0] if visit and found[0][0].label == "GPE" else []  # 前往俄羅斯的聖彼得堡; 關閉俄駐越南的基地
    return found[0]


def split_group(
    view: View, group: list[Actor], code: str, objects: list[Actor] | None = None
) -> tuple[list[Actor], list[Actor]]:
    """Sources and partners of a coordinated subject.

    In a symmetric event (meet, sign, cooperate) the first named is the source and a single
    second one the target; three or more are a multilateral event with no target. When the verb
    meets a person of its own (李強、趙樂際將會見X), the members, all people, each meet that person. Elsewhere
    the members are co-sources (英、美撤離, 俄羅斯與中國反對: two events each), except that 與/同/跟
    marks the other side of a yielding or a conflict (與X交火).
    """
    people = [a for a in objects or [] if a.label == "PERSON"]
    if code[:2] == "04" and len(group) > 1 and people and all(a.label == "PERSON" for a in group):
        return group, people
    if code[:2] in SYMMETRIC_ROOTS:
        return group[:1], group[1:] if len(group) == 2 else []
    sources: list[Actor] = group[:1]
    partners: list[Actor] = []
    for before, actor in zip(group, group[1:]):
        comitative = (
            view.gap(before.end, actor.start) in view.tables.cues["comitative"] and code[:2] in PARTNER_TARGET_ROOTS
        )
        (partners if comitative else sources).append(actor)
    return sources, partners


def distributive(view: View, group: list[Actor]) -> bool:
    """Whether coordinated actors act each on their own (馬來西亞和印尼都表示), not together (美國與古巴宣佈)."""
    if len(group) < 2 or group[0].start < 0:
        return False
    joins = {view.gap(a.end, b.start) for a, b in zip(group, group[1:])}
    each = view.norm[group[-1].end : group[-1].end + 1] == view.tables.word("distributive")
    return bool(joins & (view.tables.cues["conjunction"] | {LIST_COMMA})) or each


def targets(view: View, hit: Hit, reading: Reading, subject: list[Actor], zone_start: int) -> tuple[list[Actor], str]:
    """Whom the trigger acts on and the rule that found it: a partner or 對-target before it, the
    meeting's convener, what a statement's complement names, or the verb's object."""
    last_verb = max((h.end for h in view.kept_hits(hit.clause) if h.end <= hit.start), default=zone_start)
    partners = [
        a
        for a in view.actors
        if max(zone_start, last_verb) <= a.start
        and a.end <= hit.start
        and a.role in {"with", "target"}
        and a not in subject
        and not destination(view, hit, a)
    ]
    if partners:
        return groups(view, partners)[0], "target.partner"
    fronted = fronted_target(view, hit, subject) if fronted_object(view, hit) else []
    if fronted:
        return fronted, "target.fronted"
    if hit.trigger.needs == "meeting":
        return convener(view, hit), "target.convener"
    if hit.trigger.needs in {"force", "leave"}:
        return [], ""  # forces sent and places left are no targets: the place goes to `location`
    if reading.inner is not None:
        marked = [a for a in view.actors if hit.end <= a.start < reading.inner.start and a.role in {"target", "with"}]
        found = marked[:1] or direct_objects(view, reading.inner)[:1] or marked_after(view, reading.inner)
        return found, "target.inner_act"
    if hit.trigger.frame in STATEMENT_FRAMES:
        return _statement_target(view, hit, reading), "target.statement"
    return _object_target(view, hit, reading)


def _statement_target(view: View, hit: Hit, reading: Reading) -> list[Actor]:
    """A demand's addressee (the subject of what is demanded), an appeal's or offer's 對/與-actor."""
    end = complement_end(view, hit)
    if reading.code[:2] == "10" or reading.rule == "code.pejorative":
        return [a for a in view.actors if hit.end <= a.start < end and a.role in {"subject", "possessive"}][:1]
    if reading.code[:2] in {"02", "03"}:
        return [a for a in view.actors if hit.end <= a.start < end and a.role in {"target", "with"}][:1]
    return []


def _object_target(view: View, hit: Hit, reading: Reading) -> tuple[list[Actor], str]:
    """An act's or verbal act's target: its direct object, a 對-actor it governs, or the place visited."""
    # an intent's object is what is intended, except the actor an invitation names (邀請本會董事長)
    objects = [] if hit.trigger.code[:2] == "03" and hit.trigger.needs != "actor" else direct_objects(view, hit)
    if hit.trigger.frame == "verbal" and objects and len(view.bare(hit.end, objects[0].start)) > 2:
        objects = []  # 同意設立委員會: what is set up is no target
    if objects:
        return objects, "target.object"
    if hit.trigger.frame == "verbal":
        roles = frozenset({"target", "with"} if reading.code[:2] in {"03", "12"} else {"target"})
        marked = marked_after(view, hit, roles)
        if marked:
            return marked, "target.marked_after"
    if hit.trigger.frame == "act":  # 暫停對日本出口稀土
        objects = [
            a
            for a in view.actors
            if a.role == "target"
            and hit.end < a.start
            and view.gap(hit.end, a.start) in view.tables.cues["prep_target"]
        ][:1]
        if objects:
            return objects, "target.prep_after"
    if hit.trigger.code[:3] == "042":
        places = [a for a in view.actors if hit.end <= a.start < view.clauses[hit.clause][1] and a.role == "place"]
        return places[:1], "target.place_visited"
    return [], ""


def marked_after(view: View, hit: Hit, roles: frozenset[str] = frozenset({"target"})) -> list[Actor]:
    """The first 對/向-marked actor in what the trigger governs (承諾...取消對俄的歧視); for a refusal or
    an offer also the 與-partner (拒絕與達賴喇嘛會面)."""
    end = complement_end(view, hit)
    return [a for a in view.actors if hit.end <= a.start < end and a.role in roles][:1]


def destination(view: View, hit: Hit, actor: Actor) -> bool:
    """Whether a 向-marked actor is where forces are sent (向沙烏地阿拉伯部署部隊), not whom they face."""
    return hit.trigger.needs == "force" and view.token_before(actor.start) in view.tables.cues["prep_direction"]


def convener(view: View, hit: Hit) -> list[Actor]:
    """Who holds the meeting attended: the organisation or country its name begins with (北約峰會,
    東協外長會議 -> 東協); none for a meeting named by its place or members (在義大利舉行的八國首腦會議)."""
    clause_end = view.clauses[hit.clause][1]
    meeting = next((p for p in range(hit.end, clause_end) if view.tables.cue("meeting_noun", view.norm, p)), clause_end)
    for actor in view.actors:
        if view.cue_at("time_opener", hit.end, actor.start):
            break  # 參加在法國朗布依埃舉行的高峰會議
        if hit.end <= actor.start < meeting and actor.role != "place" and actor.label in {"ORG", "GPE"}:
            named = next((m for m in view.sentence.mentions if m.start == actor.start), None)
            return [replace(actor, text=named.text, end=named.end) if named else actor]
    return []


def location(view: View, hit: Hit, zone_start: int) -> Actor | None:
    """Where the event happens: the last place before the trigger (or in its clause); for a visit
    or a departure the last place after it."""
    clause_start, clause_end = view.clauses[hit.clause]
    places = [
        a
        for a in view.actors
        if zone_start <= a.start and a.end <= hit.start and (a.role == "place" or destination(view, hit, a))
    ] or [a for a in view.actors if clause_start <= a.start < clause_end and a.role == "place"]
    if places:
        return places[-1]
    if hit.trigger.code[:3] == "042" or hit.trigger.needs == "leave":
        heads = [a for a in view.actors if hit.end <= a.start < clause_end and a.label in PLACE_LABELS]
        return heads[-1] if heads else None
    return None


def objects(view: View, hit: Hit) -> list[str]:
    """The treaties or documents acted on; coordinated ones are each an event of their own."""
    clause_end = view.clauses[hit.clause][1]
    stop = next((h.start for h in view.kept_hits(hit.clause) if h.start > hit.start), clause_end)
    laws = [law for law in view.laws if hit.end <= law[0] < stop]
    if not laws:
        return [""]
    group = [laws[0]]
    for law in laws[1:]:
        if view.tables.treaty_gap.fullmatch(view.gap(group[-1][1], law[0])):
            group.append(law)
        else:
            break
    return [text for _, _, text in group]
