"""Actors of a sentence: entity mentions joined with their titles (美國 + 國務卿 + 鮑威爾 is one
actor, 鮑威爾), generic agents, collectives and pronouns; the role the function word before each
gives it; coordinated groups; treaties and documents; and a clause's subject."""

from __future__ import annotations

import re

from ..model import Mention
from .view import ACTOR_LABELS, PLACE_LABELS, QUOTES, Actor, Hit, View

LIST_COMMA = "、"
GENERIC_ROLES = ("collective", "agent", "pronoun", "author")


def partner_joins(view: View) -> set[str]:
    """What may stand between two coordinated actors: nothing, an and-word, a with-word or 、."""
    cues = view.tables.cues
    return {"", LIST_COMMA} | cues["conjunction"] | cues["comitative"]


def find_actors(view: View) -> None:
    """Actors from mentions joined with their titles, then generic agents, collectives and pronouns."""
    norm = view.norm
    mentions = sorted(
        (m for m in view.sentence.mentions if m.start < len(norm) and not view.in_bracket[m.start]),
        key=lambda m: m.start,
    )
    named = [m for m in mentions if m.label in ACTOR_LABELS | PLACE_LABELS]
    taken = [False] * len(norm)
    k = 0
    while k < len(named):
        actor, k = _named_actor(view, named, k)
        view.actors.append(actor)
        taken[actor.start : actor.end] = [True] * (actor.end - actor.start)
    for role in GENERIC_ROLES:
        _find_generic(view, role, taken)
    view.actors.sort(key=lambda a: a.start)
    for actor in view.actors:
        actor.role = role_of(view, actor)


def _named_actor(view: View, named: list[Mention], k: int) -> tuple[Actor, int]:
    """The actor that starts with mention `k`, with its titles and titled head, and the next mention's index."""
    norm = view.norm
    first, j, end = named[k], k, named[k].end
    # country abbreviations before a title are its modifiers (美蘇兩國總統雷根, 俄美首腦), else partners (俄美)
    while j + 1 < len(named) and named[j + 1].start == end and named[j + 1].label in {"GPE", "NORP"}:
        j, end = j + 1, named[j + 1].end
    titled = title_end(view, end)
    if titled == end and j > k:
        j, end = k, first.end
        titled = title_end(view, end)
    end, head = titled, first
    following = named[j + 1] if j + 1 < len(named) else None
    if (
        following is not None
        and following.label in {"PERSON", "ORG"}
        and (
            following.start == end
            and end > first.end
            or first.label == "GPE"
            and re.fullmatch(r"\s*[「『“]?", norm[end : following.start])
        )
    ):
        j, head, end = j + 1, following, following.end
    text = head.text if head is not first else view.sentence.text[first.start : end]
    label = head.label if head.label in ACTOR_LABELS or end == head.end else "ORG"
    return Actor(text, head.entity_id or head.text, first.start, end, label), j + 1


def _find_generic(view: View, role: str, taken: list[bool]) -> None:
    """Unnamed actors of one cue role (雙方, 示威者, 他, 我們) where no actor stands yet."""
    norm, pos = view.norm, 0
    while (found := view.tables.next_cue(role, norm, pos)) is not None:
        pos, word = found.start(), found.group()
        free = not any(taken[pos : pos + len(word)]) and not view.in_bracket[pos]
        if free and (role not in {"pronoun", "author"} or view.tokens.get(pos) == word):
            view.actors.append(Actor(view.sentence.text[pos : pos + len(word)], "", pos, pos + len(word), role.upper()))
            taken[pos : pos + len(word)] = [True] * len(word)
            pos += len(word)
        else:
            pos += 1


def title_end(view: View, end: int) -> int:
    """End of the titles that follow position `end` (國務卿, 的國家安全顧問, 19個會員國), `end` if none."""
    norm, tables = view.norm, view.tables
    while True:
        de = tables.word("attributive")
        pos = end + 1 if norm[end : end + 1] == de and _longest_title(view, end + 1) else end
        word = _longest_title(view, pos)
        if not word:
            number = tables.numeral.match(norm, pos)
            if number is not None:
                word = _longest_title(view, number.end())
                pos = number.end() if word else pos
        trigger = tables.trigger_word(norm, pos)
        rest = norm[pos + len(word) : pos + len(trigger)]
        if not word or (len(trigger) > len(word) and rest not in tables.triggers):
            return end  # 北約-俄羅斯首腦會議 is a meeting; 俄美首腦會晤 is 俄美首腦 + 會晤
        end = pos + len(word)


def _longest_title(view: View, pos: int) -> str:
    """The longest title or generic agent word at `pos`."""
    return max(view.tables.cue("title", view.norm, pos), view.tables.cue("agent", view.norm, pos), key=len)


def role_of(view: View, actor: Actor) -> str:
    """What the function word before an actor (or 的/所 after it) makes of it."""
    norm, cues = view.norm, view.tables.cues
    quote_start = actor.start - 1
    while quote_start >= 0 and norm[quote_start].isspace():
        quote_start -= 1
    if view.in_quote[actor.start] and not (
        norm[quote_start : quote_start + 1] in QUOTES and norm[actor.end : actor.end + 1] == QUOTES[norm[quote_start]]
    ):
        return "quoted"  # inside a quotation, but not a quoted name: 「消息報」
    start = quote_start if norm[quote_start : quote_start + 1] in QUOTES else actor.start
    if view.tables.cue("place_noun", norm, actor.end):
        return "place"  # 伊拉克城鎮那達尼耶, 莫斯科附近
    before = view.token_before(start)
    if before in cues["determiner"]:  # 對部分俄羅斯公司
        before = view.token_before(start - len(before))
    for pos, end, localizer in view.phrases:
        if pos < actor.start < end and localizer:
            return "place" if actor.label in PLACE_LABELS | {"ORG"} else "other"
    for role in ("prep_agent", "prep_per", "prep_other", "prep_target", "prep_with", "prep_place"):
        if before in cues[role]:
            role = role[5:]
            if role == "target" and actor.label in {"LOC", "FAC"}:
                return "place"
            if role == "place":
                return "place" if actor.label in PLACE_LABELS | {"ORG"} else "other"
            return role
    after = norm[actor.end : actor.end + 1]
    if after == view.tables.word("relative"):
        return "relative"
    return "possessive" if after == view.tables.word("attributive") else "subject"


def groups(view: View, actors: list[Actor]) -> list[list[Actor]]:
    """Coordinated actors (A、B和C, 北約-俄羅斯, 俄美) as groups, in order."""
    joins = partner_joins(view) | view.tables.cues["dash"]
    found: list[list[Actor]] = []
    for actor in actors:
        gap = view.gap(found[-1][-1].end, actor.start) if found else None
        nested = gap == "" and min(len(found[-1][-1].text), len(actor.text)) > 1 and actor.label in PLACE_LABELS
        if found and gap in joins and not nested:
            found[-1].append(actor)
        else:
            found.append([actor])
    return found


def find_laws(view: View) -> None:
    """Treaties and documents: LAW mentions, and quoted titles ending in an agreement noun (「羅馬宣言」)."""
    laws = [
        (m.start, m.end, m.text)
        for m in view.sentence.mentions
        if m.label == "LAW" and m.start < len(view.norm) and not view.in_bracket[m.start]
    ]
    nouns = view.tables.cues["agreement_noun"]
    for found in re.finditer(r"[「『“]([^」』”]{2,40})[」』”]", view.norm):
        inner = found.group(1)
        if any(inner.endswith(n) for n in nouns) and not any(
            a < found.end(1) and found.start(1) < b for a, b, _ in laws
        ):
            laws.append((found.start(1), found.end(1), view.sentence.text[found.start(1) : found.end(1)]))
    view.laws = sorted(laws)


def passive_agent(view: View, hit: Hit) -> Actor | None:
    """The agent of a passive (遭到 X 的反對, 被 X 劫持), if the trigger has one."""
    return next(
        (a for a in reversed(view.actors) if a.end <= hit.start and a.role == "agent" and hit.start - a.end <= 4), None
    )


def subject_in(view: View, start: int, end: int, speech: bool = False) -> list[Actor]:
    """The subject in [start, end): the first unmarked actor group (with its 與-partners).

    An 'X的' actor counts only when it opens the zone (俄羅斯的一些公司向伊拉克出售), and a 據 actor
    only for a statement (據消息報報道).
    """
    inside = [a for a in view.actors if start <= a.start and a.end <= end and a.label not in {"LOC", "FAC"}]
    roles = {"subject", "with", "per"} if speech else {"subject", "with"}
    candidates = [a for a in inside if a.role in roles]
    found = groups(view, candidates)
    de = view.tables.word("attributive")
    for k, group in enumerate(found):
        if group[0].role not in roles - {"with"}:
            continue
        if (
            k + 1 < len(found)
            and view.gap(group[-1].end, found[k + 1][0].start).endswith(de)
            and any(group[-1].end <= h.start < found[k + 1][0].start for h in view.hits)
        ):
            continue  # 結束南韓訪問的普欽: the head is the subject
        rest = view.bare(group[-1].end, end)
        return group if (len(rest) <= 3 and de not in rest) or opens_clause(view, start, group[0]) else []
    if inside and inside[0].role == "possessive" and not candidates and opens_clause(view, start, inside[0]):
        return inside[:1]
    return []


def opens_clause(view: View, start: int, actor: Actor) -> bool:
    """Whether nothing but adverbials stands before the actor in its clause: a subject, not an object.

    Dates, 在-phrases, brackets and other actors are skipped; a relative clause may end in 的
    (與東協毫無關係的蘇聯); up to four other characters are adverbs or conjunctions (所以, 當時).
    """
    rest = view.bare(start, actor.start)
    return rest.endswith(view.tables.word("attributive")) or len(rest) <= 4
