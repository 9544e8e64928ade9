"""Statements coded by what they say, as the CAMEO codebook does: "A 表示，B 願意 ..." is 03,
"A 宣佈將 [attack]" or "A 表示，如果 ...，將 ..." is 13 (threaten), "A 提出 B 必須 ..." is 10
(demand), "A 宣佈 [own act]" is that act, "A 決定 [cooperate]" is 03 (intent) and "A 不 [cooperate]"
is 12 (reject). Here: where a statement's complement ends, which triggers it governs, and the code
each trigger amounts to."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .actors import subject_in
from .lexicon import intent_code
from .triggers import SPEECH_OPENERS
from .view import QUOTES, Hit, View

STATEMENT_FRAMES = {"say", "announce", "opinion"}
JOINT_CODES = {"15": "062"}  # a show of force done together is military cooperation (joint exercises)
TOLD_ROOTS = {"04", "15", "16", "17", "18", "19", "20"}  # observable acts a speaker may report of others


def opens_speech(view: View, hit: Hit) -> bool:
    """Whether a speech opener (colon, comma, quotation mark) follows the trigger."""
    return view.norm[hit.end :].lstrip()[:1] in SPEECH_OPENERS


def complement_end(view: View, hit: Hit) -> int:
    """Where what a statement or appeal says ends.

    "A 表示，..." runs to the sentence's end (or the closing quote); "A 宣佈取消 X" without a
    pause stays in its clause; an appeal or rejection runs over the clauses that continue it
    (no subject of their own, an act first).
    """
    norm = view.norm
    if hit.trigger.frame in STATEMENT_FRAMES:
        if not opens_speech(view, hit):
            return view.clauses[hit.clause][1]
        opener = re.match(r"\s*[：:︰]?\s*([「『“])", norm[hit.end :])
        if opener:
            close = norm.find(QUOTES[opener.group(1)], hit.end + opener.end())
            return close + 1 if close >= 0 else len(norm)
        return len(norm)
    end = view.clauses[hit.clause][1]
    for clause in range(hit.clause + 1, len(view.clauses)):
        start, clause_end = view.clauses[clause]
        first = next(iter(view.kept_hits(clause)), None)
        if subject_in(view, start, first.start if first else clause_end) or (
            first and (first.trigger.frame != "act" or view.cue_at("refusal", start, first.start))
        ):
            break
        end = clause_end
    return end


def govern(view: View) -> None:
    """Mark the triggers said, appealed for or rejected inside another trigger's complement."""
    for hit in view.hits:
        if hit.governor or not hit.kept or hit.trigger.frame == "act":
            continue
        end = complement_end(view, hit)
        for inner in view.hits:
            if hit.end <= inner.start < end and inner.governor is None:
                inner.governor = hit


@dataclass
class Reading:
    """What a trigger amounts to: its code, the inner trigger that gives the target, own acts announced."""

    code: str
    inner: Hit | None = None
    announced: list[Hit] = field(default_factory=list)
    rule: str = "code.act"  # the rule that gave the code (README, events: rule names)


def read_hit(view: View, hit: Hit) -> Reading:
    """Code a trigger by what it says or refuses, per the codebook (03, 10, 12, 13, or the announced act)."""
    if hit.trigger.frame == "opinion":
        return Reading(hit.trigger.code, rule="code.opinion")
    if hit.trigger.frame not in STATEMENT_FRAMES:
        return _read_act(view, hit)
    return _read_statement(view, hit)


def _read_act(view: View, hit: Hit) -> Reading:
    """An act refused is a rejection (12); a cooperative act decided on is intent (03); else the act."""
    code = hit.trigger.code
    refused = view.cue_at("refusal", max(view.clauses[hit.clause][0], hit.start - 4), hit.start)
    if refused and "03" <= code[:2] <= "08":
        return Reading("120", rule="code.refusal")  # 不接受貸款, 不與其簽訂協定: a refusal to cooperate
    joint = view.cue_at("joint", view.clauses[hit.clause][0], hit.start)
    if joint and code[:2] in JOINT_CODES and not any(joint[-1] < h.start < hit.start for h in view.hits):
        return Reading(JOINT_CODES[code[:2]], rule="code.joint")  # 舉行聯合軍事演習
    decided = view.cue_at("decision", view.clauses[hit.clause][0], hit.start)
    intent = intent_code(view.tables, code)
    if decided and intent[:2] == "03" and not any(decided[-1] < h.start < hit.start for h in view.hits):
        return Reading(
            intent, rule="code.decision"
        )  # 決定恢復提供貸款: a decision to cooperate, told before it is done
    return Reading(code)


def _read_statement(view: View, hit: Hit) -> Reading:
    """A statement is a threat, the verbal act it reports, an intent, a demand, an announced own act, or itself."""
    code = hit.trigger.code
    inner = [h for h in view.hits if h.governor is hit]
    end = complement_end(view, hit)
    quoted = view.in_quote[min(end, len(view.norm)) - 1] and view.norm[end - 1 : end] in QUOTES.values()
    condition = view.cue_at("hypothetical", hit.end, end)
    if not quoted and condition and view.cue_at("future", condition[0], end):
        threats = [h for h in inner if h.start > condition[0] and intent_code(view.tables, h.trigger.code)[:2] == "13"]
        act = threats[0] if threats else None
        return Reading("130", act, rule="code.threat")
    told = [] if quoted else _told_acts(view, hit, inner)
    if told:
        return Reading(code, None, told, "code.told_act")
    for act in [] if quoted else inner:
        negated = view.cue_at("negation", max(hit.end, act.start - 4), act.start)
        if act.trigger.frame == "verbal" and act.kept and not act.nominal and not negated:
            return Reading(act.trigger.code, act, rule="code.verbal_complement")
        future = view.cue_at("future", hit.end, act.start)
        intent = intent_code(view.tables, act.trigger.code)
        if (
            act.trigger.frame == "act"
            and future
            and intent
            and not view.cue_at("prep_topic", hit.end, future[-1])
            and view.tokens.get(future[-1] + len(view.tokens[future[-1]])) not in view.tables.cues["passive"]
        ):
            return Reading(intent, act, rule="code.intent")
    if not quoted and view.cue_at("modal", hit.end, end):
        return Reading("100", rule="code.demand")
    if hit.trigger.frame == "say" and any(view.tables.cue("pejorative", view.norm, p) for p in range(hit.end, end)):
        return Reading("111", rule="code.pejorative")  # 林劍表示，菲方…心虛了: a criticism
    if hit.trigger.frame == "announce":
        return Reading(code, None, [h for h in inner if h.kept and h.trigger.frame != "say"], "code.announce")
    return Reading(code, rule="code.statement")


def _told_acts(view: View, hit: Hit, inner: list[Hit]) -> list[Hit]:
    """Visits, meetings and material conflict a statement reports of someone named in its complement
    (普欽說，奧斯汀訪問烏克蘭; 毛寧表示，這將是拉卡列首次訪華; 發言人表示，俄方將驅逐...): coded as
    that actor's acts, not as the speaker's. Cooperation said of others stays the speaker's claim."""
    if hit.trigger.frame != "say" or not opens_speech(view, hit):
        return []
    return [
        act
        for act in inner
        if act.kept
        and not act.nominal
        and act.trigger.frame == "act"
        and act.trigger.code[:2] in TOLD_ROOTS
        and subject_in(view, hit.end, act.start)
        and not view.cue_at("hypothetical", hit.end, act.start)
    ]
