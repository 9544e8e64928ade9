"""When a trigger is a modifier, not an event: named rules, tried in order.

A trigger inside a relative clause (所簽訂的條約), a nominalisation (X的反對), a description
(這是...的首次會晤, 首位訪問古巴的總統), a compound noun (合作關係) or a phrase that only frames
another event (在聲明中, 通過合作來改善) reports no event of its own. Each rule is a small predicate
over the sentence and the trigger; `modifier_rule` names the first that fires, so a row's absence
can be traced to the construction that blocked it.
"""

from __future__ import annotations

from collections.abc import Callable

from .actors import LIST_COMMA, partner_joins, passive_agent
from .view import ACTOR_LABELS, PLACE_LABELS, Hit, View

OBJECT_NEEDS = {"agreement", "aid", "relation", "force", "meeting"}  # triggers that need such a noun after them
NOMINAL_RULES = {"second_noun_of_list", "nominalisation"}  # rules that read the trigger as a noun

Rule = Callable[[View, Hit], bool]


def _before(view: View, hit: Hit) -> str:
    """The trigger's clause up to the trigger, trailing whitespace dropped."""
    return view.norm[view.clauses[hit.clause][0] : hit.start].rstrip()


def _earlier(view: View, hit: Hit, kept_only: bool = False) -> Hit | None:
    """The last trigger before this one in its clause (the last kept one, with `kept_only`)."""
    return next(
        (h for h in reversed(view.hits) if h.clause == hit.clause and h.end <= hit.start and (h.kept or not kept_only)),
        None,
    )


def relative_clause(view: View, hit: Hit) -> bool:
    """Relative clause 所V (所簽訂的條約)."""
    return _before(view, hit)[-1:] == view.tables.word("relative")


def vote_count(view: View, hit: Hit) -> bool:
    """A vote count before the verb (134票反對)."""
    return _before(view, hit)[-1:] == view.tables.word("vote")


def attributive(view: View, hit: Hit) -> bool:
    """The verb modifies a noun through 的 (簽署的條約)."""
    return view.norm[hit.end : hit.end + 1] == view.tables.word("attributive")


def measured_noun(view: View, hit: Hit) -> bool:
    """A measure word makes the verb a noun (一份要求, 此次訪問)."""
    return view.tables.measure.search(_before(view, hit)) is not None


def copula_description(view: View, hit: Hit) -> bool:
    """Description after a copula (這是兩國領導人舉行的首次會晤), or of the event the sentence has just
    told (…進行訪問，這是他首度訪問俄羅斯); a sentence opening with a copula and a clause of its own
    retells the event before it (這是特朗普首次訪華) and is coded."""
    de = view.tables.word("attributive")
    return any(
        (k := view.norm.rfind(word, 0, hit.start)) >= 0
        and (de in view.norm[k : hit.start] or any(h.start < k and not h.quoted for h in view.hits))
        for word in view.tables.cues["copula"]
    )


def elaboration(view: View, hit: Hit) -> bool:
    """An example after an elaboration word (包括加入WTO)."""
    return view.token_before(hit.start) in view.tables.cues["elaboration"]


def inside_place_phrase(view: View, hit: Hit) -> bool:
    """Inside 在...中 around a noun (在聲明中, 在演說中)."""
    return any(
        pos < hit.start < end and localizer in view.tables.cues["place_localizer"]
        for pos, end, localizer in view.phrases
    )


def refers_back(view: View, hit: Hit) -> bool:
    """A bare event verb before a time word names an event told before (在會見後, 會談結束之後,
    訪問期間), unlike one told here with its object or participants (在參加北約峰會後, 與小布希會晤後)."""
    cues = view.tables.cues
    after = view.tokens.get(hit.end, "")
    if after in cues["ended"]:
        after = view.tokens.get(hit.end + len(after), "")
    if after not in cues["time_localizer"] or len(hit.surface) > 2:
        return False
    clause_start = view.clauses[hit.clause][0]
    opener = max(view.cue_at("time_opener", clause_start, hit.start), default=clause_start)
    return not any(
        opener <= a.start and a.end <= hit.start and a.label in ACTOR_LABELS | PLACE_LABELS for a in view.actors
    )


def rank_description(view: View, hit: Hit) -> bool:
    """Description of the actor by a rank (成為首位訪問古巴的美國總統)."""
    clause_start, clause_end = view.clauses[hit.clause]
    return (
        bool(view.cue_at("rank", clause_start, hit.start))
        and view.tables.word("attributive") in view.norm[hit.end : clause_end]
    )


def light_verb_of_event(view: View, hit: Hit) -> bool:
    """A light verb whose object is another event word of its clause (發動新一輪制裁), not an act of its own."""
    if hit.trigger.needs or view.tokens.get(hit.start) not in view.tables.cues["light_verb"]:
        return False  # 參加北約峰會, 提供貸款: a verb that needs its object noun is the event
    later = next((h for h in view.hits if h.clause == hit.clause and h.start >= hit.end), None)
    return later is not None and not any(hit.end <= a.start < later.start for a in view.actors)


def anniversary(view: View, hit: Hit) -> bool:
    """The anniversary of an event told before (兩國建交35週年), not the event."""
    number = view.tables.numeral.match(view.norm, hit.end)
    return number is not None and bool(view.tables.cue("anniversary", view.norm, number.end()))


def anaphoric(view: View, hit: Hit) -> bool:
    """An event named again by an anaphor (作出上述宣布前), not told here."""
    return view.token_before(hit.start) in view.tables.cues["anaphor"]


def second_noun_of_list(view: View, hit: Hit) -> bool:
    """The second noun of a nominal list (中國對非洲的投資與援助)."""
    earlier = _earlier(view, hit)
    return (
        earlier is not None
        and earlier.nominal
        and not earlier.kept
        and view.gap(earlier.end, hit.start) in partner_joins(view) - {""}
    )


def object_of_verb(view: View, hit: Hit) -> bool:
    """The noun the verb before acts on (參加北約峰會, 提供10億美元的貸款)."""
    earlier = _earlier(view, hit)
    return (
        earlier is not None
        and earlier.kept
        and earlier.trigger.needs in OBJECT_NEEDS
        and bool(view.tables.cue(earlier.trigger.needs + "_noun", view.norm, hit.start))
    )


def describes_object(view: View, hit: Hit) -> bool:
    """Describes the thing a verb before acts on (簽署合作打擊恐怖主義的協議)."""
    governor = _earlier(view, hit, kept_only=True)
    particle = view.norm.find(view.tables.word("attributive"), hit.end, view.clauses[hit.clause][1])
    return (
        governor is not None
        and governor.trigger.needs in OBJECT_NEEDS - {"meeting"}
        and particle >= 0
        and any(
            view.tables.cue(governor.trigger.needs + "_noun", view.norm, p) for p in range(particle + 1, particle + 5)
        )
    )


def occurred_without_agent(view: View, hit: Hit) -> bool:
    """Something happened, nobody named did it (發生恐怖襲擊; but A與B發生交火)."""
    clause_start = view.clauses[hit.clause][0]
    occurred = view.cue_at("occur", max(clause_start, hit.start - 4), hit.start)
    paired = any(clause_start <= a.start < hit.start and a.role == "with" for a in view.actors)
    return bool(occurred) and passive_agent(view, hit) is None and not paired


def topic_phrase(view: View, hit: Hit) -> bool:
    """The topic of another verb (就進攻和防禦系統的議題進行討論, 對於俄羅斯公司提供設備表達關切)."""
    clause_start, clause_end = view.clauses[hit.clause]
    later = [h for h in view.hits if h.clause == hit.clause and h.start > hit.end]
    return bool(view.cue_at("prep_topic", clause_start, hit.start)) and bool(
        later or view.cue_at("light_verb", hit.end, clause_end)
    )


def means_phrase(view: View, hit: Hit) -> bool:
    """The means of another act (通過合作來改善關係, 藉由能源合作)."""
    means = view.cue_at("means", view.clauses[hit.clause][0], hit.start)
    return bool(means) and not any(means[-1] < h.start < hit.start for h in view.hits)


def predicative(view: View, hit: Hit) -> bool:
    """A category after 列為/視為 (列為反對恐怖主義鬥爭的組成部分)."""
    return bool(view.cue_at("predicative", max(view.clauses[hit.clause][0], hit.start - 8), hit.start))


def purpose_phrase(view: View, hit: Hit) -> bool:
    """An aim, not an act (為了怕回教國家反彈, 目的是尋求投資)."""
    return bool(view.cue_at("purpose", view.clauses[hit.clause][0], hit.start))


def passive_without_agent(view: View, hit: Hit) -> bool:
    """A passive whose agent is not named (被邀請加入)."""
    return view.token_before(hit.start) in view.tables.cues["passive"] and passive_agent(view, hit) is None


def compound_noun(view: View, hit: Hit) -> bool:
    """The verb modifies a head noun (合作關係, 簽約儀式, 投資合作規模); not a verb and its object (簽署條約)."""
    if hit.trigger.needs in OBJECT_NEEDS - {"meeting"}:
        return False
    heads = view.tables.cues["noun_head"]
    after = view.tokens.get(hit.end, "")
    if after in view.tables.cues["act_noun"] and view.cue_at("imposing", view.clauses[hit.clause][0], hit.start):
        return False  # 實施一系列制裁措施: the measures are the act
    return after in heads or (after in view.tables.triggers and view.tokens.get(hit.end + len(after), "") in heads)


def domain_list(view: View, hit: Hit) -> bool:
    """A list of domains (雙邊貿易、相互投資以及科技合作等)."""
    return _before(view, hit).endswith(LIST_COMMA) or view.norm[hit.end : hit.end + 1] == view.tables.word("etcetera")


def nominalisation(view: View, hit: Hit) -> bool:
    """Nominalisation X的V (美國的反對), unless a light verb or a passive licenses it (進行3天的訪問, 遭到X的反對)."""
    particle = nominal_particle(view, hit)
    if particle is None:
        return False
    licensed = [
        p
        for p in view.cue_at("light_verb", view.clauses[hit.clause][0], particle)
        if p + len(view.tokens[p]) < particle
    ]  # 進行3天的訪問, but not 舉行的首次會晤
    return not licensed and passive_agent(view, hit) is None


def clausal_noun_modifier(view: View, hit: Hit) -> bool:
    """An act modifying a clausal noun through 的 (退出條約的構想, 部署飛彈的決心)."""
    if (
        nominal_particle(view, hit) is not None
        or hit.trigger.frame != "act"
        or view.norm[hit.end : hit.end + 1] in view.tables.cues["aspect"] | view.tables.cues["progressive"]
    ):
        return False
    clause_end = view.clauses[hit.clause][1]
    particle = view.norm.find(view.tables.word("attributive"), hit.end, clause_end)
    if (
        particle < 0
        or LIST_COMMA in view.norm[hit.end : particle]
        or any(hit.end < h.start < particle for h in view.hits)
    ):
        return False
    head = particle + 1
    return any(view.tables.cue("clausal_noun", view.norm, p) for p in range(head, min(head + 3, clause_end)))


MODIFIER_RULES: tuple[Rule, ...] = (
    relative_clause,
    vote_count,
    attributive,
    measured_noun,
    copula_description,
    elaboration,
    inside_place_phrase,
    refers_back,
    rank_description,
    anniversary,
    anaphoric,
    light_verb_of_event,
    second_noun_of_list,
    object_of_verb,
    describes_object,
    occurred_without_agent,
    topic_phrase,
    means_phrase,
    predicative,
    purpose_phrase,
    passive_without_agent,
    compound_noun,
    domain_list,
    nominalisation,
    clausal_noun_modifier,
)


def modifier_rule(view: View, hit: Hit) -> str | None:
    """The name of the first rule that reads the trigger as a modifier, None if it reports an event."""
    return next((rule.__name__ for rule in MODIFIER_RULES if rule(view, hit)), None)


def is_modifier(view: View, hit: Hit) -> bool:
    """Whether a trigger reports no event of its own (see `MODIFIER_RULES`)."""
    return modifier_rule(view, hit) is not None


def nominal_particle(view: View, hit: Hit) -> int | None:
    """The 的 that makes the trigger a noun (X的反對), None if it is a verb.

    Not after a long modifier followed by an object (的所有手段打擊X), an adverb (也都), a manner
    的 (意有所指的表示), or a 的 inside an actor's name.
    """
    clause_start, clause_end = view.clauses[hit.clause]
    before = _before(view, hit)
    nominal = view.tables.nominal_tail.search(before)
    if nominal is None:
        return None
    rest = view.norm[hit.end : clause_end].strip()
    # 鎮壓匈牙利的反政府示威: the object of a verb before
    governed = any(h.kept and h.clause == hit.clause and h.end <= clause_start + nominal.start() for h in view.hits)
    if len(nominal.group(1)) > 2 and (rest[:1] not in view.tables.cues["after_noun"] if rest else not governed):
        return None  # 的所有手段打擊X: a long modifier and an object after it make a verb
    particle = clause_start + nominal.start()
    if (
        set(nominal.group(1)) & view.tables.cues["adverb_char"]
        or _adverbial(view, particle)
        or any(nominal.start() < a.end - clause_start <= len(before) for a in view.actors)
    ):
        return None
    return particle


def _adverbial(view: View, particle: int) -> bool:
    """Whether 的 at `particle` marks a manner (意有所指的表示, Taiwanese 的 for 地), not a possessor.

    It does after an idiom, adverb or adjective, when the clause already has its subject before.
    """
    held = view.token_holding(particle - 1) if particle > 0 else None
    previous = held[0] if held and held[0] + len(held[1]) == particle else None
    if previous is None or any(a.end == particle for a in view.actors):
        return False
    flags = view.tags(view.tokens[previous])
    clause_start = view.clauses[view.clause_of(particle)][0]
    subject = any(clause_start <= a.start and a.end <= previous and a.role == "subject" for a in view.actors)
    return subject and bool(flags) and flags[-1] in {"i", "l", "d", "ad", "a", "z"}
