"""Events stage: who did what to whom, when and where, coded with CAMEO, one row per event.

A sentence is read without a parser. Triggers come from a CAMEO lexicon (`data/cameo_triggers.tsv`);
actors are the entity mentions around them, read through the function words Chinese uses to mark
roles (`data/event_cues.tsv`): 在/於 open a place phrase, 對/向 mark a target, 與/和 a partner, 被/遭
a passive agent, 據 a speaker; a title joins its country or organisation (美國 + 國務卿 + 鮑威爾 is
one actor, 鮑威爾). A clause without a subject takes the subject of the clause before it (unless
it holds a noun we cannot name: then its subject is unknown and no event is coded), and a sentence
that names no actor at all continues the actor of the previous sentence's last event.

Statements are coded by what they say, as the CAMEO codebook does: "A 表示，B 願意 ..." is 03,
"A 宣佈將 [attack]" or "A 表示，如果 ...，將 ..." is 13 (threaten), "A 提出 B 必須 ..." is 10
(demand), "A 宣佈 [own act]" is that act, "A 決定 [cooperate]" is 03 (intent) and "A 不 [cooperate]"
is 12 (reject); 希望/可望/計畫 make an act intended, 若/一旦/能否 hypothetical. Triggers inside
quotations, relative clauses (所簽訂的條約, 退出條約的構想), nominalisations (X的反對) and
descriptions (這是...的首次會晤, 首位訪問古巴的總統) are not events of their own, nor is a bare
verb before a time word, which refers back to an event told before (雙方在會見後, 會談結束之後); a
trigger without a named actor gives no event. 雙方/兩國/兩人 are the two sides named earlier in the
sentence or, failing that, those of the paragraph's last meeting, visit or agreement; with no such
pair there is no row. Attending a meeting (參加/出席 + a meeting noun) has the organisation holding it
as target; forces sent somewhere (向X部署) and places left (撤出X) are locations, not targets.

The event's date is the nearest usable date before its trigger (in its own clause, or at the head
of an earlier clause), else the narrative date carried from earlier sentences of the paragraph.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache
from typing import TYPE_CHECKING

from .config import Config
from .datafiles import read_tsv
from .model import Document, Event, Sentence, TimeExpression
from .script import to_simplified

if TYPE_CHECKING:
    from .resources import Resources

ACTOR_LABELS = {"PERSON", "GPE", "ORG", "NORP"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
EVENT_BLOCKS = {"paragraph", "list_item"}
STATEMENT_FRAMES = {"say", "announce", "opinion"}
CLAUSE_STOPS = set("，,；;：:。！？!?︰")
SPEECH_OPENERS = set("：:，,︰「『“")
QUOTES = {"「": "」", "『": "』", "“": "”"}
BRACKETS = {"(": ")", "（": "）"}
BLOCKING_ROLES = {"other", "relative", "quoted"}  # someone named in the clause who is not its subject
OBJECT_NEEDS = {"agreement", "aid", "relation", "force", "meeting"}  # triggers that need such a noun after them
SYMMETRIC_ROOTS = {"03", "04", "05", "06"}  # A 與 B 會晤: source A, target B; elsewhere A 和 B are both sources
ADVERB_CHARS = set("也都还就已将曾正再又并亦则均便即才仍")
PARTNER_TARGET_ROOTS = {"08", "14", "15", "16", "17", "18", "19", "20"}  # 與X妥協, 與X交火: X is the target
PARTNER_JOINS = {"", "和", "与", "及", "以及", "、", "同", "跟"}
NUMERAL = re.compile(r"[0-9０-９一二三四五六七八九十两几]+[个位国名]?")
MEASURE = re.compile(r"([一两二三四五六七八九十几数0-9]+[份项个些]|[此这该本那][次项场])$")
# What jieba may glue to a trigger without changing it: a date or adverb before, an aspect or time particle after
PREFIX_OK = set("0123456789年月日号也又再并曾已将均都还即便就")
SUFFIX_OK = set("时后中了过着完")
ASPECT_PARTICLES = set("了过")


@dataclass(frozen=True)
class Trigger:
    """A lexicon entry: `word` (Traditional), the CAMEO `code` it reports, how it reads its context."""

    word: str
    code: str
    frame: str
    needs: str


@cache
def trigger_lexicon() -> dict[str, Trigger]:
    """Triggers keyed by their Simplified form, the script sentences are matched in."""
    return {row["simplified"]: Trigger(row["trigger"], row["code"], row["frame"], row["needs"])
            for row in read_tsv("cameo_triggers.tsv")}


@cache
def cue_words() -> dict[str, frozenset[str]]:
    """Cue words by role (title, agent, negation, prep_place ...), in Simplified form."""
    roles: dict[str, set[str]] = {}
    for row in read_tsv("event_cues.tsv"):
        roles.setdefault(row["role"], set()).add(row["simplified"])
    return {role: frozenset(words) for role, words in roles.items()}


@cache
def cameo_table() -> dict[str, dict[str, str]]:
    """CAMEO codes with label, Goldstein value, quad class and intent code."""
    return {row["code"]: row for row in read_tsv("cameo_codes.tsv")}


@cache
def _tokenizer():
    import jieba

    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


@cache
def _tagger():
    from jieba import posseg

    return posseg.POSTokenizer(_tokenizer())


def cameo_info(code: str) -> tuple[str, float, str]:
    """Label, Goldstein value and quad class of a CAMEO code (root or finer), for GDELT-style sums.

    >>> cameo_info("057")
    ('Sign formal agreement', 8.0, 'verbal_cooperation')
    >>> cameo_info("19")
    ('Fight', -10.0, 'material_conflict')
    """
    row = cameo_table()[code]
    return row["label"], float(row["goldstein"]), row["quad_class"]


def _intent_code(code: str) -> str:
    """The code for stating one will do `code` (03x for cooperation, 13x for conflict), '' if none."""
    return cameo_table()[code[:2]]["intent_code"]


# ---------------------------------------------------------------- a sentence, read

@dataclass
class Actor:
    """An actor as written: `text` may span a title (美國國務卿); `entity_id` is its named head's id."""

    text: str
    entity_id: str
    start: int
    end: int
    label: str
    role: str = "subject"  # subject, place, target, with, agent, per, relative, other, possessive, quoted


@dataclass
class Hit:
    """A trigger occurrence; `kept` is False for quoted, nominal and relative-clause uses."""

    start: int
    end: int
    trigger: Trigger
    surface: str
    clause: int
    quoted: bool
    kept: bool = True
    nominal: bool = False
    governor: Hit | None = None


@dataclass
class View:
    """A sentence prepared for reading: Simplified text, clauses, shielded spans, tokens, actors, triggers."""

    sentence: Sentence
    norm: str
    clauses: list[tuple[int, int]]
    in_quote: list[bool]
    in_bracket: list[bool]
    tokens: dict[int, str]
    actors: list[Actor] = field(default_factory=list)
    laws: list[tuple[int, int, str]] = field(default_factory=list)
    hits: list[Hit] = field(default_factory=list)
    phrases: list[tuple[int, int, str]] = field(default_factory=list)

    def clause_of(self, pos: int) -> int:
        return next((k for k, (start, end) in enumerate(self.clauses) if start <= pos < end), len(self.clauses) - 1)

    def cue_at(self, role: str, start: int, end: int) -> list[int]:
        """Starts of cue tokens of `role` lying within [start, end)."""
        words = cue_words()[role]
        return sorted(p for p, w in self.tokens.items() if start <= p and p + len(w) <= end and w in words)

    def gap(self, start: int, end: int) -> str:
        """The text between two positions without brackets and whitespace: what joins two actors."""
        return "".join(c for i, c in enumerate(self.norm[start:end], start)
                       if not self.in_bracket[i] and not c.isspace())

    def kept_hits(self, clause: int) -> list[Hit]:
        return [h for h in self.hits if h.clause == clause and h.kept]


@dataclass
class Context:
    """What a sentence inherits from the sentences before it in its paragraph.

    `topic`: the actor the paragraph goes on about (the last event's source), for a sentence that
    names nobody; `parties`: the two sides of the last meeting, visit or agreement, for 雙方/兩國/兩人;
    `date`: the narrative date. Carried actors have offsets -1: they stand in another sentence.
    """

    topic: list[Actor] = field(default_factory=list)
    parties: list[Actor] = field(default_factory=list)
    date: TimeExpression | None = None


def _carried(actors: list[Actor]) -> list[Actor]:
    return [replace(a, start=-1, end=-1) for a in actors]


def _shields(text: str, pairs: dict[str, str]) -> list[bool]:
    """True inside a quotation or bracket; a closer with no opener covers the sentence's start."""
    inside = [False] * len(text)
    closers = set(pairs.values())
    first_closer = next((i for i, c in enumerate(text) if c in closers), -1)
    first_opener = next((i for i, c in enumerate(text) if c in pairs), len(text))
    if 0 <= first_closer < first_opener:
        inside[:first_closer + 1] = [True] * (first_closer + 1)
    depth = 0
    for i, c in enumerate(text):
        if c in pairs:
            depth += 1
        inside[i] = inside[i] or depth > 0
        if c in closers and depth:
            depth -= 1
    return inside


def _clauses(text: str, in_bracket: list[bool]) -> list[tuple[int, int]]:
    spans, start = [], 0
    for i, c in enumerate(text):
        if c in CLAUSE_STOPS and not in_bracket[i]:
            spans.append((start, i))
            start = i + 1
    spans.append((start, len(text)))
    return [s for s in spans if s[1] > s[0]] or [(0, len(text))]


def _match_at(text: str, pos: int, words: frozenset[str], longest: int = 8) -> str:
    """The longest of `words` starting at `pos`, '' if none."""
    for size in range(min(longest, len(text) - pos), 0, -1):
        if text[pos:pos + size] in words:
            return text[pos:pos + size]
    return ""


def read_sentence(sentence: Sentence) -> View:
    """Everything the event rules look at, computed once per sentence."""
    norm = to_simplified(sentence.text)
    if len(norm) != len(sentence.text):
        norm = sentence.text
    in_bracket = _shields(norm, BRACKETS)
    bounds = sorted({0, len(norm), *[p for m in sentence.mentions for p in (m.start, m.end)]})
    tokens = {}
    for a, b in zip(bounds, bounds[1:]):  # segment between mentions so a name never merges with a cue (美將)
        for word, start, _ in _tokenizer().tokenize(norm[a:b], HMM=False):
            tokens[a + start] = word
    view = View(sentence, norm, _clauses(norm, in_bracket), _shields(norm, QUOTES), in_bracket, tokens)
    view.phrases = _place_phrases(view)
    _find_actors(view)
    _find_laws(view)
    _find_hits(view)
    return view


def _place_phrases(view: View) -> list[tuple[int, int, str]]:
    """在/於 phrases as (start, end, localizer): up to a localizer (在...上, 在...時) met before any trigger,
    else up to the trigger (localizer '')."""
    cues, words = cue_words(), frozenset(trigger_lexicon())
    phrases = []
    for pos, word in sorted(view.tokens.items()):
        if word not in {"在", "于"}:
            continue
        clause_end = view.clauses[view.clause_of(pos)][1]
        for p in range(pos + 1, clause_end):
            localizer = view.tokens.get(p, "")
            if localizer in cues["localizer"]:
                phrases.append((pos, p + len(localizer), localizer))
                break
            word_at = _match_at(view.norm, p, words)
            if word_at:
                after = view.tokens.get(p + len(word_at), "")
                if after in cues["place_localizer"]:
                    phrases.append((pos, p + len(word_at) + len(after), after))
                else:
                    phrases.append((pos, p, ""))  # 在北京大學發表演講: the place runs up to the verb
                break
    return phrases


# ---------------------------------------------------------------- actors and treaties

def _find_actors(view: View) -> None:
    """Actors from mentions joined with their titles, then generic agents, collectives and pronouns."""
    norm, cues = view.norm, cue_words()
    mentions = sorted((m for m in view.sentence.mentions if m.start < len(norm) and not view.in_bracket[m.start]),
                      key=lambda m: m.start)
    named = [m for m in mentions if m.label in ACTOR_LABELS | PLACE_LABELS]
    titles = cues["title"] | cues["agent"]
    taken = [False] * len(norm)
    k = 0
    while k < len(named):
        first, j, end = named[k], k, named[k].end
        # country abbreviations before a title are its modifiers (美蘇兩國總統雷根, 俄美首腦), else partners (俄美)
        while j + 1 < len(named) and named[j + 1].start == end and named[j + 1].label in {"GPE", "NORP"}:
            j, end = j + 1, named[j + 1].end
        titled = _title_end(norm, end, titles)
        if titled == end and j > k:
            j, end = k, first.end
            titled = _title_end(norm, end, titles)
        end, head = titled, first
        following = named[j + 1] if j + 1 < len(named) else None
        if following is not None and following.label in {"PERSON", "ORG"} and \
                (following.start == end and end > first.end or
                 first.label == "GPE" and re.fullmatch(r"\s*[「『“]?", norm[end:following.start])):
            j, head, end = j + 1, following, following.end
        text = head.text if head is not first else view.sentence.text[first.start:end]
        label = head.label if head.label in ACTOR_LABELS or end == head.end else "ORG"
        view.actors.append(Actor(text, head.entity_id or head.text, first.start, end, label))
        taken[first.start:end] = [True] * (end - first.start)
        k = j + 1
    for role in ("collective", "agent", "pronoun", "author"):
        pos = 0
        while pos < len(norm):
            word = _match_at(norm, pos, cues[role])
            free = word and not any(taken[pos:pos + len(word)]) and not view.in_bracket[pos]
            if free and (role not in {"pronoun", "author"} or view.tokens.get(pos) == word):
                view.actors.append(Actor(view.sentence.text[pos:pos + len(word)], "", pos, pos + len(word),
                                         role.upper()))
                taken[pos:pos + len(word)] = [True] * len(word)
                pos += len(word)
            else:
                pos += 1
    view.actors.sort(key=lambda a: a.start)
    for actor in view.actors:
        actor.role = _role_of(view, actor)


def _title_end(norm: str, end: int, titles: frozenset[str]) -> int:
    """End of the titles that follow position `end` (國務卿, 的國家安全顧問, 19個會員國), `end` if none."""
    triggers = frozenset(trigger_lexicon())
    while True:
        pos = end + 1 if norm[end:end + 1] == "的" and _match_at(norm, end + 1, titles) else end
        word = _match_at(norm, pos, titles)
        if not word:
            number = NUMERAL.match(norm, pos)
            word = _match_at(norm, number.end(), titles) if number else ""
            pos = number.end() if word else pos
        trigger = _match_at(norm, pos, triggers)
        rest = norm[pos + len(word):pos + len(trigger)]
        if not word or (len(trigger) > len(word) and rest not in triggers):
            return end  # 北約-俄羅斯首腦會議 is a meeting; 俄美首腦會晤 is 俄美首腦 + 會晤
        end = pos + len(word)


def _role_of(view: View, actor: Actor) -> str:
    """What the function word before an actor (or 的/所 after it) makes of it."""
    norm, cues = view.norm, cue_words()
    quote_start = actor.start - 1
    while quote_start >= 0 and norm[quote_start].isspace():
        quote_start -= 1
    if view.in_quote[actor.start] and not (norm[quote_start:quote_start + 1] in QUOTES and
                                           norm[actor.end:actor.end + 1] == QUOTES[norm[quote_start]]):
        return "quoted"  # inside a quotation, but not a quoted name: 「消息報」
    start = quote_start if norm[quote_start:quote_start + 1] in QUOTES else actor.start
    if _match_at(norm, actor.end, cues["place_noun"], 3):
        return "place"  # 伊拉克城鎮那達尼耶, 莫斯科附近
    before = _token_before(view, start)
    if before in cues["determiner"]:  # 對部分俄羅斯公司
        before = _token_before(view, start - len(before))
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
    after = norm[actor.end:actor.end + 1]
    if after == "所":
        return "relative"
    return "possessive" if after == "的" else "subject"


def _token_before(view: View, pos: int) -> str:
    """The word that ends at `pos`, whitespace skipped: the function word in front of an actor.

    When jieba glued the word to the name (各盟邦), the glued part is the word.
    """
    while pos > 0 and view.norm[pos - 1].isspace():
        pos -= 1
    return next((w if p + len(w) == pos else view.norm[p:pos] for p, w in view.tokens.items()
                 if p < pos <= p + len(w)), "")


def _groups(view: View, actors: list[Actor]) -> list[list[Actor]]:
    """Coordinated actors (A、B和C, 北約-俄羅斯, 俄美) as groups, in order."""
    joins = PARTNER_JOINS | cue_words()["dash"]
    groups: list[list[Actor]] = []
    for actor in actors:
        gap = view.gap(groups[-1][-1].end, actor.start) if groups else None
        nested = gap == "" and min(len(groups[-1][-1].text), len(actor.text)) > 1 and actor.label in PLACE_LABELS
        if groups and gap in joins and not nested:
            groups[-1].append(actor)
        else:
            groups.append([actor])
    return groups


def _find_laws(view: View) -> None:
    """Treaties and documents: LAW mentions, and quoted titles ending in an agreement noun (「羅馬宣言」)."""
    laws = [(m.start, m.end, m.text) for m in view.sentence.mentions
            if m.label == "LAW" and m.start < len(view.norm) and not view.in_bracket[m.start]]
    nouns = cue_words()["agreement_noun"]
    for found in re.finditer(r"[「『“]([^」』”]{2,40})[」』”]", view.norm):
        inner = found.group(1)
        if any(inner.endswith(n) for n in nouns) and not any(a < found.end(1) and found.start(1) < b
                                                              for a, b, _ in laws):
            laws.append((found.start(1), found.end(1), view.sentence.text[found.start(1):found.end(1)]))
    view.laws = sorted(laws)


# ---------------------------------------------------------------- triggers

def _aligned(view: View, start: int, end: int) -> bool:
    """A trigger must not be a piece of a longer word (轟炸機, 來說), bar dates, particles and actors glued on."""
    actor_chars = {i for a in view.actors for i in range(a.start, a.end)}
    for pos, word in view.tokens.items():
        token_end = pos + len(word)
        glued = {view.norm[i] for i in range(pos, start) if i not in actor_chars}
        if pos < start < token_end and not glued <= PREFIX_OK and not _is_adverb(view.norm[pos:start]):
            return False
        if pos < end < token_end and not set(view.norm[end:token_end]) <= SUFFIX_OK:
            return False
    return True


def _is_adverb(text: str) -> bool:
    """Whether jieba reads `text` as an adverb or adjective: glued before a verb it is a manner (嚴厲批評)."""
    flags = [flag for _, flag in _tagger().cut(text)]
    return bool(flags) and all(flag in {"d", "ad", "a", "z"} for flag in flags)


def _find_hits(view: View) -> None:
    lexicon = trigger_lexicon()
    words = frozenset(lexicon)
    longest = max(map(len, lexicon))
    blocked = [False] * len(view.norm)
    for m in view.sentence.mentions:
        blocked[m.start:m.end] = [True] * (m.end - m.start)
    for a in view.actors:
        blocked[a.start:a.end] = [True] * (a.end - a.start)
    for m in view.sentence.mentions:  # a meeting named as an event: 舉行上海合作組織元首峰會
        head = next((w for w in sorted(words, key=len, reverse=True) if view.norm[m.start:m.end].endswith(w)), "")
        if m.label == "EVENT" and head and view.cue_at("light_verb", max(0, m.start - 4), m.start):
            view.hits.append(Hit(m.end - len(head), m.end, lexicon[head], view.sentence.text[m.end - len(head):m.end],
                                 view.clause_of(m.start), view.in_quote[m.start]))
    pos = 0
    while pos < len(view.norm):
        word, end = _trigger_at(view.norm, pos, words, longest)
        trigger = lexicon.get(word)
        if not word or any(blocked[pos:end]) or view.in_bracket[pos] or \
                (trigger.needs != "adjacent" and not _aligned(view, pos, end)) or \
                not _needs_met(view, pos, end, trigger):
            pos += 1
            continue
        view.hits.append(Hit(pos, end, trigger, view.sentence.text[pos:end], view.clause_of(pos), view.in_quote[pos]))
        pos = end
    view.hits.sort(key=lambda h: h.start)
    for hit in view.hits:
        hit.kept = not hit.quoted and not _is_modifier(view, hit)


def _trigger_at(norm: str, pos: int, words: frozenset[str], longest: int) -> tuple[str, int]:
    """The longest trigger at `pos` and where it ends; a verb-object trigger may hold an aspect
    particle (交換了意見, 舉行過會談).

    >>> _trigger_at("双方交换了意见。", 2, frozenset({"交换意见"}), 4)
    ('交换意见', 7)
    """
    word = _match_at(norm, pos, words, longest)
    split = norm[pos:pos + 2] + norm[pos + 3:pos + 5]
    if norm[pos + 2:pos + 3] in ASPECT_PARTICLES and len(split) == 4 and split in words and len(word) < 4:
        return split, pos + 5
    return word, pos + len(word)


def _needs_met(view: View, start: int, end: int, trigger: Trigger) -> bool:
    norm = view.norm
    clause_end = view.clauses[view.clause_of(start)][1]
    if trigger.needs == "speech":
        return norm[end:end + 1] in SPEECH_OPENERS and view.tokens.get(start) == norm[start:end]
    if trigger.needs == "adjacent":
        return any(m.start == end for m in view.sentence.mentions)
    clause_start = view.clauses[view.clause_of(start)][0]
    if trigger.needs == "actor":  # 打擊敵對國家, 向南斯拉夫發起攻擊, 轟炸科索沃; not 打擊恐怖主義, 佔領市場
        roles = {"subject", "possessive"} | ({"place"} if trigger.code[:2] in {"18", "19", "20"} else set())
        return any(end <= a.start < clause_end and a.role in roles or
                   clause_start <= a.start < start and a.role == "target" for a in view.actors)
    if trigger.needs == "meeting":  # 參加北約峰會, 出席在東京舉行的會議; not 參加北約 (joining)
        return any(_match_at(norm, p, cue_words()["meeting_noun"]) for p in range(end, clause_end))
    if trigger.needs == "light":  # 舉行峰會, 峰會在羅馬舉行, 俄美首腦會晤; not 在高峰會後
        before = view.cue_at("light_verb", clause_start, start)
        return bool(before or view.cue_at("light_verb", end, min(end + 12, clause_end))) or \
            any(a.end == start for a in view.actors)
    if trigger.needs in OBJECT_NEEDS - {"meeting"}:  # before any other verb: not 通過締結協議
        words, heads = frozenset(trigger_lexicon()), cue_words()["noun_head"]
        limit = clause_end
        if norm[start:end] in cue_words()["means"]:
            limit = next((p for p in range(end, clause_end) if (word := _match_at(norm, p, words))
                          and view.tokens.get(p + len(word)) not in heads), clause_end)
        if trigger.needs == "agreement" and any(end <= a < limit for a, _, _ in view.laws):
            return True
        nouns = cue_words()[trigger.needs + "_noun"]
        # an agreement noun inside a name does not count (東南亞條約組織); an organisation set up does (建立理事會)
        named = {i for m in view.sentence.mentions if m.label != "LAW" and not
                 (trigger.needs == "relation" and m.label == "ORG") for i in range(m.start, m.end)}
        return any(_match_at(norm, p, nouns) and p not in named for p in range(end, limit))
    return True


def _is_modifier(view: View, hit: Hit) -> bool:
    """A trigger inside a relative clause, a nominalisation or a description reports no event of its own."""
    norm, cues = view.norm, cue_words()
    clause_start, clause_end = view.clauses[hit.clause]
    before = norm[clause_start:hit.start].rstrip()
    if before[-1:] in {"所", "票"} or norm[hit.end:hit.end + 1] == "的" or MEASURE.search(before):
        return True  # 所簽訂的, 134票反對, 簽署的條約, 一份要求
    if any(word in norm[:hit.start] for word in cues["copula"]):
        return True  # 這是兩國領導人舉行的首次會晤
    if _token_before(view, hit.start) in cues["elaboration"]:
        return True  # 包括加入WTO
    if any(pos < hit.start < end and localizer in cues["place_localizer"] for pos, end, localizer in view.phrases):
        return True  # 在聲明中, 在演說中
    if _refers_back(view, hit):
        return True  # 雙方在會見後, 會談結束之後: the meeting told before
    if view.cue_at("rank", clause_start, hit.start) and "的" in norm[hit.end:clause_end]:
        return True  # 成為首位訪問古巴的美國總統: a description of the actor
    earlier = next((h for h in reversed(view.hits) if h.clause == hit.clause and h.end <= hit.start), None)
    if earlier is not None and earlier.nominal and not earlier.kept and \
            view.gap(earlier.end, hit.start) in PARTNER_JOINS - {""}:
        hit.nominal = True
        return True  # 中國對非洲的投資與援助: the second noun of a list
    if earlier is not None and earlier.kept and earlier.trigger.needs in OBJECT_NEEDS and \
            _match_at(norm, hit.start, cues[earlier.trigger.needs + "_noun"]):
        return True  # 參加北約峰會, 提供10億美元的貸款: the noun is what the verb before acts on
    governor = next((h for h in reversed(view.hits) if h.clause == hit.clause and h.end <= hit.start and h.kept), None)
    particle = norm.find("的", hit.end, clause_end)
    if governor is not None and governor.trigger.needs in OBJECT_NEEDS - {"meeting"} and particle >= 0 and \
            any(_match_at(norm, p, cues[governor.trigger.needs + "_noun"]) for p in range(particle + 1, particle + 5)):
        return True  # 簽署合作打擊恐怖主義的協議: the trigger describes the agreement signed
    occurred = view.cue_at("occur", max(clause_start, hit.start - 4), hit.start)
    paired = any(clause_start <= a.start < hit.start and a.role == "with" for a in view.actors)
    if occurred and _passive_agent(view, hit) is None and not paired:
        return True  # 發生恐怖襲擊: nobody named did it; but A與B發生交火
    topic = view.cue_at("prep_topic", clause_start, hit.start)
    later = [h for h in view.hits if h.clause == hit.clause and h.start > hit.end]
    if topic and (later or view.cue_at("light_verb", hit.end, clause_end)):
        return True  # 就進攻和防禦系統的議題進行討論, 對於俄羅斯公司提供設備表達關切
    means = view.cue_at("means", clause_start, hit.start)
    if means and not any(means[-1] < h.start < hit.start for h in view.hits):
        return True  # 通過合作來改善關係, 藉由能源合作, 經由雙方的軍事合作
    if view.cue_at("predicative", max(clause_start, hit.start - 8), hit.start):
        return True  # 列為反對恐怖主義鬥爭的組成部分
    if view.cue_at("purpose", clause_start, hit.start):
        return True  # 為了怕回教國家反彈, 目的是尋求投資
    if _token_before(view, hit.start) in cues["passive"] and _passive_agent(view, hit) is None:
        return True  # 被邀請加入: the one who acts is not named
    after = view.tokens.get(hit.end, "")
    takes_object = hit.trigger.needs in OBJECT_NEEDS - {"meeting"}  # 簽署條約 is a verb and its object
    if not takes_object and (after in cues["noun_head"] or (
            after in trigger_lexicon() and view.tokens.get(hit.end + len(after), "") in cues["noun_head"])):
        return True  # 合作關係, 簽約儀式, 投資合作規模
    if before.endswith("、") or norm[hit.end:hit.end + 1] == "等":
        return True  # 雙邊貿易、相互投資以及科技合作等: a list of domains
    nominal = re.search(r"的([^的]{0,4})$", before)
    rest = norm[hit.end:clause_end].strip()
    governed = nominal and any(h.kept and h.clause == hit.clause and h.end <= clause_start + nominal.start()
                               for h in view.hits)  # 鎮壓匈牙利的反政府示威: the object of a verb before
    if nominal and len(nominal.group(1)) > 2 and (rest[:1] not in set("的是之与和、上中下后时") if rest else not governed):
        nominal = None  # 的所有手段打擊X: a long modifier and an object after it make a verb
    if nominal and not set(nominal.group(1)) & ADVERB_CHARS and not _adverbial(view, clause_start + nominal.start()) \
            and not any(nominal.start() < a.end - clause_start <= len(before) for a in view.actors):
        particle = clause_start + nominal.start()
        licensed = [p for p in view.cue_at("light_verb", clause_start, particle)
                    if p + len(view.tokens[p]) < particle]  # 進行3天的訪問, but not 舉行的首次會晤
        hit.nominal = True
        return not licensed and _passive_agent(view, hit) is None  # X的反對, but 遭到X的反對
    if hit.trigger.frame == "act" and norm[hit.end:hit.end + 1] not in set("了过着"):  # 退出條約的構想, 部署飛彈的決心
        particle = norm.find("的", hit.end, clause_end)
        if particle >= 0 and "、" not in norm[hit.end:particle] and \
                not any(hit.end < h.start < particle for h in view.hits):
            head = particle + 1
            return any(_match_at(norm, p, cues["clausal_noun"]) for p in range(head, min(head + 3, clause_end)))
    return False


def _refers_back(view: View, hit: Hit) -> bool:
    """Whether a bare event verb before a time word (在會見後, 會談結束之後, 訪問期間) names an event
    told before, as opposed to one told here with its object or participants (在參加北約峰會後,
    與小布希會晤後, 訪俄期間)."""
    cues = cue_words()
    after = view.tokens.get(hit.end, "")
    if after in cues["ended"]:
        after = view.tokens.get(hit.end + len(after), "")
    if after not in cues["time_localizer"] or len(hit.surface) > 2:
        return False
    clause_start = view.clauses[hit.clause][0]
    opener = max(view.cue_at("time_opener", clause_start, hit.start), default=clause_start)
    return not any(opener <= a.start and a.end <= hit.start and a.label in ACTOR_LABELS | PLACE_LABELS
                   for a in view.actors)


def _adverbial(view: View, particle: int) -> bool:
    """Whether 的 at `particle` marks a manner (意有所指的表示, Taiwanese 的 for 地), not a possessor.

    It does after an idiom, adverb or adjective, when the clause already has its subject before.
    """
    previous = next((p for p, w in view.tokens.items() if p + len(w) == particle), None)
    if previous is None or any(a.end == particle for a in view.actors):
        return False
    flags = [flag for _, flag in _tagger().cut(view.tokens[previous])]
    clause_start = view.clauses[view.clause_of(particle)][0]
    subject = any(clause_start <= a.start and a.end <= previous and a.role == "subject" for a in view.actors)
    return subject and bool(flags) and flags[-1] in {"i", "l", "d", "ad", "a", "z"}


def _passive_agent(view: View, hit: Hit) -> Actor | None:
    """The agent of a passive (遭到 X 的反對, 被 X 劫持), if the trigger has one."""
    return next((a for a in reversed(view.actors)
                 if a.end <= hit.start and a.role == "agent" and hit.start - a.end <= 4), None)


# ---------------------------------------------------------------- statements and their complements

def _opens_speech(view: View, hit: Hit) -> bool:
    return view.norm[hit.end:].lstrip()[:1] in SPEECH_OPENERS


def _complement_end(view: View, hit: Hit) -> int:
    """Where what a statement or appeal says ends.

    "A 表示，..." runs to the sentence's end (or the closing quote); "A 宣佈取消 X" without a
    pause stays in its clause; an appeal or rejection runs over the clauses that continue it
    (no subject of their own, an act first).
    """
    norm = view.norm
    if hit.trigger.frame in STATEMENT_FRAMES:
        if not _opens_speech(view, hit):
            return view.clauses[hit.clause][1]
        opener = re.match(r"\s*[：:︰]?\s*([「『“])", norm[hit.end:])
        if opener:
            close = norm.find(QUOTES[opener.group(1)], hit.end + opener.end())
            return close + 1 if close >= 0 else len(norm)
        return len(norm)
    end = view.clauses[hit.clause][1]
    for clause in range(hit.clause + 1, len(view.clauses)):
        start, clause_end = view.clauses[clause]
        first = next(iter(view.kept_hits(clause)), None)
        if _subject_in(view, start, first.start if first else clause_end) or \
                (first and (first.trigger.frame != "act" or view.cue_at("refusal", start, first.start))):
            break
        end = clause_end
    return end


def _govern(view: View) -> None:
    """Mark the triggers said, appealed for or rejected inside another trigger's complement."""
    for hit in view.hits:
        if hit.governor or not hit.kept or hit.trigger.frame == "act":
            continue
        end = _complement_end(view, hit)
        for inner in view.hits:
            if hit.end <= inner.start < end and inner.governor is None:
                inner.governor = hit


@dataclass
class Reading:
    """What a trigger amounts to: its code, the inner trigger that gives the target, own acts announced."""

    code: str
    inner: Hit | None = None
    announced: list[Hit] = field(default_factory=list)


def _read(view: View, hit: Hit) -> Reading:
    """Code a trigger by what it says or refuses, per the codebook (03, 10, 12, 13, or the announced act)."""
    code = hit.trigger.code
    if hit.trigger.frame == "opinion":
        return Reading(code)
    if hit.trigger.frame not in STATEMENT_FRAMES:
        refused = view.cue_at("refusal", max(view.clauses[hit.clause][0], hit.start - 4), hit.start)
        if refused and "03" <= code[:2] <= "08":
            return Reading("120")  # 不接受貸款, 不與其簽訂協定: a refusal to cooperate
        decided = view.cue_at("decision", view.clauses[hit.clause][0], hit.start)
        if decided and _intent_code(code)[:2] == "03" and not any(decided[-1] < h.start < hit.start for h in view.hits):
            return Reading(_intent_code(code))  # 決定恢復提供貸款: a decision to cooperate, told before it is done
        return Reading(code)
    inner = [h for h in view.hits if h.governor is hit]
    end = _complement_end(view, hit)
    quoted = view.in_quote[min(end, len(view.norm)) - 1] and view.norm[end - 1:end] in QUOTES.values()
    condition = view.cue_at("hypothetical", hit.end, end)
    if not quoted and condition and view.cue_at("future", condition[0], end):
        act = next((h for h in inner if h.start > condition[0] and _intent_code(h.trigger.code)[:2] == "13"), None)
        return Reading("130", act)
    for act in [] if quoted else inner:
        negated = view.cue_at("negation", max(hit.end, act.start - 4), act.start)
        if act.trigger.frame == "verbal" and act.kept and not act.nominal and not negated:
            return Reading(act.trigger.code, act)
        future = view.cue_at("future", hit.end, act.start)
        if act.trigger.frame == "act" and future and _intent_code(act.trigger.code) and \
                not view.cue_at("prep_topic", hit.end, future[-1]) and \
                view.tokens.get(future[-1] + len(view.tokens[future[-1]])) not in cue_words()["passive"]:
            return Reading(_intent_code(act.trigger.code), act)
    if not quoted and view.cue_at("modal", hit.end, end):
        return Reading("100")
    if hit.trigger.frame == "announce":
        return Reading(code, None, [h for h in inner if h.kept and h.trigger.frame != "say"])
    return Reading(code)


# ---------------------------------------------------------------- roles of one trigger

def _subject_in(view: View, start: int, end: int, speech: bool = False) -> list[Actor]:
    """The subject in [start, end): the first unmarked actor group (with its 與-partners).

    An 'X的' actor counts only when it opens the zone (俄羅斯的一些公司向伊拉克出售), and a 據 actor
    only for a statement (據消息報報道).
    """
    inside = [a for a in view.actors if start <= a.start and a.end <= end and a.label not in {"LOC", "FAC"}]
    roles = {"subject", "with", "per"} if speech else {"subject", "with"}
    candidates = [a for a in inside if a.role in roles]
    groups = _groups(view, candidates)
    for k, group in enumerate(groups):
        if group[0].role not in roles - {"with"}:
            continue
        if k + 1 < len(groups) and view.gap(group[-1].end, groups[k + 1][0].start).endswith("的") and \
                any(group[-1].end <= h.start < groups[k + 1][0].start for h in view.hits):
            continue  # 結束南韓訪問的普欽: the head is the subject
        rest = _bare(view, group[-1].end, end)
        return group if (len(rest) <= 3 and "的" not in rest) or _opens_clause(view, start, group[0]) else []
    if inside and inside[0].role == "possessive" and not candidates and _opens_clause(view, start, inside[0]):
        return inside[:1]
    return []


def _opens_clause(view: View, start: int, actor: Actor) -> bool:
    """Whether nothing but adverbials stands before the actor in its clause: a subject, not an object.

    Dates, 在-phrases, brackets and other actors are skipped; a relative clause may end in 的
    (與東協毫無關係的蘇聯); up to four other characters are adverbs or conjunctions (所以, 當時).
    """
    rest = _bare(view, start, actor.start)
    return rest.endswith("的") or len(rest) <= 4


def _bare(view: View, start: int, end: int) -> str:
    """The text in [start, end) without dates, 在-phrases, brackets, names and whitespace."""
    skip = set()
    for date in view.sentence.dates:
        skip.update(range(date.start, date.end))
    for pos, phrase_end, _ in view.phrases:
        skip.update(range(pos, phrase_end))
    for other in [*view.actors, *view.sentence.mentions]:  # a named meeting too (舉行第二次南北高峰會)
        skip.update(range(other.start, other.end))
    return "".join(c for i, c in enumerate(view.norm[start:end], start)
                   if i not in skip and not view.in_bracket[i] and not c.isspace())


def _clause_zone(view: View, clause: int) -> tuple[int, int]:
    """A clause's pre-verbal zone: from its start to its first kept trigger."""
    start, end = view.clauses[clause]
    first = next((h for h in view.kept_hits(clause) if h.governor is None), None)
    return start, first.start if first else end


def _resolve(view: View, subject: list[Actor], context: Context) -> list[Actor]:
    """A pronoun takes the subject named in a clause before its own, else the topic; a collective
    (兩人, 雙方) the pair named in a clause before its own, else the paragraph's two parties, else
    nobody: an event between unnamed sides is no row."""
    if not subject or subject[0].label not in {"PRONOUN", "COLLECTIVE"}:
        return subject
    own_clause = view.clause_of(subject[0].start)
    if subject[0].label == "PRONOUN":
        for clause in range(own_clause - 1, -1, -1):
            named = _subject_in(view, *_clause_zone(view, clause))
            if named and named[0].label not in {"PRONOUN", "COLLECTIVE"}:
                return named
        return context.topic
    for clause in range(own_clause - 1, -1, -1):
        named = _subject_in(view, *_clause_zone(view, clause))
        start, end = view.clauses[clause]
        others = [a for a in view.actors if start <= a.start < end and a not in named and a.label in ACTOR_LABELS
                  and a.role in {"with", "target", "subject", "possessive", "other"}]
        pair = (named + others)[:2]  # 普欽與小布希會晤，雙方; 俄無力阻止北約東擴，雙方; 在普丁訪問越南後，雙方
        if len(pair) == 2 and pair[0].label in ACTOR_LABELS:
            return pair
    return context.parties if len(context.parties) == 2 else []


def _subject(view: View, hit: Hit, context: Context, governor_subject: list[Actor],
             previous: list[Actor]) -> tuple[list[Actor], float]:
    """The trigger's subject and how sure we are: a pivot's object, its clause, a governing statement,
    the previous predicate (並 ...), earlier clauses, the topic."""
    clause_start = view.clauses[hit.clause][0]
    speech = hit.trigger.frame in STATEMENT_FRAMES
    if hit.governor is not None:
        subject = _subject_in(view, max(clause_start, hit.governor.end), hit.start)
        return (_resolve(view, subject, context), 0.85) if subject else (governor_subject, 0.8)
    pivot = view.cue_at("pivot", clause_start, hit.start)
    if pivot:
        sent = [a for a in view.actors if pivot[-1] < a.start and a.end <= hit.start and a.role == "subject"
                and a.label not in {"LOC", "FAC"}]
        if sent:  # 派遣外長謝瓦納澤訪問印尼; a pronoun (允許它們參加) names nobody
            return ([], 0.0) if sent[0].label == "PRONOUN" else (_groups(view, sent)[0], 0.85)
        sent_text = _bare(view, pivot[-1] + len(view.tokens[pivot[-1]]), hit.start)
        if sent_text and not _is_adverb(sent_text):
            return [], 0.0  # 派遣特遣艦隊前往: who goes is not named
    zone = _clause_zone(view, hit.clause)
    subject = _subject_in(view, zone[0], min(zone[1], hit.start), speech)
    if subject and subject[0].label == "AUTHOR":
        return [], 0.0  # 我們可以說: the thesis speaking
    if subject:
        return _resolve(view, subject, context), 0.9
    in_zone = [a for a in view.actors if zone[0] <= a.start < hit.start and (
        a.role in BLOCKING_ROLES or a.role == "with" and _token_before(view, a.start) in {"和", "及", "以及"})]
    if in_zone or any(view.in_quote[zone[0]:hit.start]):
        return [], 0.0  # the clause names someone else (在小布希結束訪問後, 美國所謂的「戰爭」開打)
    if previous and view.cue_at("chain", clause_start, clause_start + 2):
        return previous, 0.8  # 並敦促他們 ...: the subject of the predicate before
    if _names_something(view, zone[0], hit.start):
        return [], 0.0
    for clause in range(hit.clause - 1, -1, -1):
        earlier = _subject_in(view, *_clause_zone(view, clause))
        if earlier:
            return ([], 0.0) if earlier[0].label == "AUTHOR" else (_resolve(view, earlier, context), 0.75)
    if any(a.label not in {"COLLECTIVE", "PRONOUN"} and a.role not in {"with", "target", "place"}
           for a in view.actors if a.start < hit.start):
        return [], 0.0
    return context.topic, 0.6  # the sentence goes on about the previous one's actor: 隨後又宣佈 ...


def _names_something(view: View, start: int, end: int) -> bool:
    """Whether an unrecognised noun stands in [start, end) (內容規定, 俄首次提出 with 俄 not tagged):
    the clause has a subject we cannot name, so it must not borrow one."""
    text = _bare(view, start, end)
    return any(flag[:1] in {"n", "s", "j"} for _, flag in _tagger().cut(text)) if text else False


def _direct_objects(view: View, hit: Hit) -> list[Actor]:
    """The trigger's object: actors right after it in its clause; the head after a relative clause's 的."""
    clause_end = view.clauses[hit.clause][1]
    stop = next((h.start for h in view.kept_hits(hit.clause) if h.start > hit.start), clause_end)
    if hit.trigger.needs in {"agreement", "relation"}:
        return []  # what is signed or set up is a thing, not a target
    after = [a for a in view.actors if hit.end <= a.start < stop and a.label not in {"COLLECTIVE", "PRONOUN", "LOC", "FAC"}
             and a.role in {"subject", "possessive", "relative", "with"}]
    groups = [g for g in _groups(view, after) if g[0].role != "with"]
    if not groups:
        return []
    particle = view.norm.find("的", groups[0][-1].end, stop)
    between = view.gap(groups[0][-1].end, particle) if particle >= 0 else ""
    # 指責俄羅斯向烏克蘭的武裝提供武器: a verbal trigger takes a clause, whose subject is the target
    clausal = hit.trigger.frame != "act" and not any(groups[0][-1].end <= h.start < particle for h in view.hits)
    if between and not clausal and groups[0][0].role != "relative" and not re.search(r"[，。；：、]", between) and \
            not any(g[0].start > particle for g in groups[1:]):
        return []  # 修改美蘇於1972年簽署的ABM: the actors are in a relative clause
    for later in groups[1:]:
        if "的" in view.gap(groups[0][-1].end, later[0].start):
            if later[0].label not in PLACE_LABELS:
                return later  # 接見前來莫斯科訪問的北約秘書長羅伯遜
            visit = hit.trigger.code[:3] == "042"
            return groups[0] if visit and groups[0][0].label == "GPE" else []  # 前往俄羅斯的聖彼得堡; 關閉俄駐越南的基地
    return groups[0]


def _split_group(view: View, group: list[Actor], code: str) -> tuple[list[Actor], list[Actor]]:
    """Sources and partners of a coordinated subject.

    In a symmetric event (meet, sign, cooperate) the first named is the source and a single
    second one the target; three or more are a multilateral event with no target. Elsewhere
    the members are co-sources (英、美撤離, 俄羅斯與中國反對: two events each), except that 與/同/跟
    marks the other side of a yielding or a conflict (與X交火).
    """
    if code[:2] in SYMMETRIC_ROOTS:
        return group[:1], group[1:] if len(group) == 2 else []
    sources, partners = group[:1], []
    for before, actor in zip(group, group[1:]):
        comitative = view.gap(before.end, actor.start) in {"与", "同", "跟"} and code[:2] in PARTNER_TARGET_ROOTS
        (partners if comitative else sources).append(actor)
    return sources, partners


def _distributive(view: View, group: list[Actor]) -> bool:
    """Whether coordinated actors act each on their own (馬來西亞和印尼都表示), not together (美國與古巴宣佈)."""
    if len(group) < 2 or group[0].start < 0:
        return False
    joins = {view.gap(a.end, b.start) for a, b in zip(group, group[1:])}
    return bool(joins & {"和", "及", "以及", "、"}) or view.norm[group[-1].end:group[-1].end + 1] == "都"


def _targets(view: View, hit: Hit, reading: Reading, subject: list[Actor], zone_start: int) -> list[Actor]:
    last_verb = max((h.end for h in view.kept_hits(hit.clause) if h.end <= hit.start), default=zone_start)
    partners = [a for a in view.actors if max(zone_start, last_verb) <= a.start and a.end <= hit.start
                and a.role in {"with", "target"} and a not in subject and not _destination(view, hit, a)]
    if partners:
        return _groups(view, partners)[0]
    if hit.trigger.needs == "meeting":
        return _convener(view, hit)
    if hit.trigger.needs in {"force", "leave"}:
        return []  # forces sent and places left are no targets: the place goes to `location`
    if reading.inner is not None:
        marked = [a for a in view.actors if hit.end <= a.start < reading.inner.start and a.role in {"target", "with"}]
        return marked[:1] or _direct_objects(view, reading.inner)[:1] or _marked_after(view, reading.inner)
    if hit.trigger.frame in STATEMENT_FRAMES:
        end = _complement_end(view, hit)
        if reading.code[:2] == "10":
            return [a for a in view.actors if hit.end <= a.start < end and a.role in {"subject", "possessive"}][:1]
        if reading.code[:2] in {"02", "03"}:
            return [a for a in view.actors if hit.end <= a.start < end and a.role in {"target", "with"}][:1]
        return []
    objects = [] if hit.trigger.code[:2] == "03" else _direct_objects(view, hit)
    if hit.trigger.frame == "verbal" and objects and len(_bare(view, hit.end, objects[0].start)) > 2:
        objects = []  # 同意設立委員會: what is set up is no target
    if not objects and hit.trigger.frame == "verbal":
        objects = _marked_after(view, hit, frozenset({"target", "with"} if reading.code[:2] in {"03", "12"} else {"target"}))
    if not objects and hit.trigger.frame == "act":  # 暫停對日本出口稀土
        objects = [a for a in view.actors if a.role == "target" and hit.end < a.start and
                   view.gap(hit.end, a.start) in cue_words()["prep_target"]][:1]
    if not objects and hit.trigger.code[:3] == "042":
        objects = [a for a in view.actors if hit.end <= a.start < view.clauses[hit.clause][1] and a.role == "place"][:1]
    return objects


def _marked_after(view: View, hit: Hit, roles: frozenset[str] = frozenset({"target"})) -> list[Actor]:
    """The first 對/向-marked actor in what the trigger governs (承諾...取消對俄的歧視); for a refusal or
    an offer also the 與-partner (拒絕與達賴喇嘛會面)."""
    end = _complement_end(view, hit)
    return [a for a in view.actors if hit.end <= a.start < end and a.role in roles][:1]


def _destination(view: View, hit: Hit, actor: Actor) -> bool:
    """Whether a 向-marked actor is where forces are sent (向沙烏地阿拉伯部署部隊), not whom they face."""
    return hit.trigger.needs == "force" and _token_before(view, actor.start) in cue_words()["prep_direction"]


def _convener(view: View, hit: Hit) -> list[Actor]:
    """Who holds the meeting attended: the organisation or country its name begins with (北約峰會,
    東協外長會議 -> 東協); none for a meeting named by its place or members (在義大利舉行的八國首腦會議)."""
    clause_end = view.clauses[hit.clause][1]
    meeting = next((p for p in range(hit.end, clause_end) if _match_at(view.norm, p, cue_words()["meeting_noun"])),
                   clause_end)
    for actor in view.actors:
        if view.cue_at("time_opener", hit.end, actor.start):
            break  # 參加在法國朗布依埃舉行的高峰會議
        if hit.end <= actor.start < meeting and actor.role != "place" and actor.label in {"ORG", "GPE"}:
            named = next((m for m in view.sentence.mentions if m.start == actor.start), None)
            return [replace(actor, text=named.text, end=named.end) if named else actor]
    return []


def _location(view: View, hit: Hit, zone_start: int) -> str:
    clause_start, clause_end = view.clauses[hit.clause]
    places = [a for a in view.actors if zone_start <= a.start and a.end <= hit.start and
              (a.role == "place" or _destination(view, hit, a))] or \
             [a for a in view.actors if clause_start <= a.start < clause_end and a.role == "place"]
    if places:
        return places[-1].text
    if hit.trigger.code[:3] == "042" or hit.trigger.needs == "leave":
        heads = [a for a in view.actors if hit.end <= a.start < clause_end and a.label in PLACE_LABELS]
        return heads[-1].text if heads else ""
    return ""


def _objects(view: View, hit: Hit) -> list[str]:
    """The treaties or documents acted on; coordinated ones are each an event of their own."""
    clause_end = view.clauses[hit.clause][1]
    stop = next((h.start for h in view.kept_hits(hit.clause) if h.start > hit.start), clause_end)
    laws = [law for law in view.laws if hit.end <= law[0] < stop]
    if not laws:
        return [""]
    group = [laws[0]]
    for law in laws[1:]:
        if re.fullmatch(r"[」』”]?([、和与及][^，。；：]{0,8})?[「『“]?", view.gap(group[-1][1], law[0])):
            group.append(law)
        else:
            break
    return [text for _, _, text in group]


def _mode(view: View, hit: Hit, subject_end: int) -> str:
    clause_start = view.clauses[hit.clause][0]
    window = max(clause_start, subject_end)
    if view.cue_at("hypothetical", 0, hit.start):
        return "hypothetical"
    pivots = cue_words()["pivot"]
    last_verb = max((h.end for h in view.kept_hits(hit.clause) if h.end <= hit.start
                     and view.tokens.get(h.start) not in pivots), default=window)
    if view.cue_at("negation", max(window, last_verb), hit.start):
        return "negated"
    if view.cue_at("future", window, hit.start) or view.cue_at("intent", window, hit.start):
        return "intended"
    return "asserted"


# ---------------------------------------------------------------- dates

def _usable_dates(view: View) -> list[TimeExpression]:
    """Dates that can date an event: resolved, outside quotes and brackets, not an anchor (911事件後)."""
    cues = cue_words()
    usable = []
    for date in view.sentence.dates:
        if not date.start_date or date.start >= len(view.norm) or view.in_bracket[date.start] or \
                view.in_quote[date.start]:
            continue
        after_pos = date.end + len(view.norm[date.end:]) - len(view.norm[date.end:].lstrip())
        after = view.tokens.get(after_pos, "")
        before = view.norm[max(0, date.start - 3):date.start].rstrip()
        head = date.start < _clause_zone(view, view.clause_of(date.start))[1]
        if after in cues["date_anchor"] or after == "所" or (after == "的" and not head):
            continue
        if any(before.endswith(word) for word in cues["date_end"]):
            continue
        usable.append(date)
    return usable


def _event_date(view: View, hit: Hit, dates: list[TimeExpression],
                context: TimeExpression | None) -> tuple[TimeExpression | None, bool]:
    """The nearest date before the trigger in its clause or at the head of an earlier clause, else one
    right after it in its clause (成立於1949年), else the context."""
    clause_start, clause_end = view.clauses[hit.clause]
    heads = [d for d in dates if d.end <= clause_start and d.start < _clause_zone(view, view.clause_of(d.start))[1]]
    before = [d for d in dates if clause_start <= d.start and d.end <= hit.start] or heads
    if before:
        return max(before, key=lambda d: d.end), False
    after = [d for d in dates if hit.end <= d.start < clause_end
             and not any(d.end <= h.start < clause_end for h in view.hits)]
    if after:
        return min(after, key=lambda d: d.start), False
    return context, True


# ---------------------------------------------------------------- events

@dataclass
class Draft:
    """An event being assembled."""

    hit: Hit
    code: str
    source: Actor
    target: Actor | None
    location: str
    object: str
    mode: str
    date: TimeExpression | None
    confidence: float


def _drafts(view: View, hit: Hit, reading: Reading, subject: list[Actor], confidence: float,
            dates: list[TimeExpression], context: TimeExpression | None) -> list[Draft]:
    clause_start = view.clauses[hit.clause][0]
    zone_start = max(clause_start, hit.governor.end) if hit.governor is not None else clause_start
    if view.tokens.get(hit.start) in cue_words()["pivot"] and hit.trigger.frame == "act":
        sent = _direct_objects(view, hit)
        if sent and sent[0].label == "PERSON" and any(h.start > hit.end for h in view.kept_hits(hit.clause)):
            return []  # 派遣外長訪問印尼: the visit is the event
    agent = _passive_agent(view, hit)
    if agent is not None:
        sources, targets = [agent], subject[:1]
    else:
        code = reading.code if hit.trigger.frame not in STATEMENT_FRAMES or \
            (reading.code[:2] in SYMMETRIC_ROOTS and not _distributive(view, subject)) else "01"
        sources, targets = _split_group(view, subject, code)
        targets = targets or ([] if len(subject) > 2 and code[:2] in SYMMETRIC_ROOTS
                              else _targets(view, hit, reading, subject, zone_start))
    subject_end = max((a.end for a in subject if a.end <= hit.start), default=zone_start)
    mode = _mode(view, hit, subject_end) if reading.code == hit.trigger.code else "asserted"
    date, from_context = _event_date(view, hit, dates, context)
    location = _location(view, hit, zone_start)
    confidence -= (0.1 if from_context else 0) + (0.1 if len(hit.surface) == 1 else 0)
    objects = _objects(view, hit) if reading.inner is None else [""]
    return [Draft(hit, reading.code, source, target if _actor_key(target) != _actor_key(source) else None,
                  location, obj, mode, date, confidence)
            for source in sources for target in (targets or [None]) for obj in objects]


def _merge(drafts: list[Draft]) -> list[Draft]:
    """One row per event: one statement per actor, and one act reported by two verbs in a clause (批准通過)."""
    kept: list[Draft] = []
    for draft in drafts:
        twin = next((k for k in kept if _same_event(k, draft)), None)
        if twin is None:
            kept.append(draft)
        else:
            kept[kept.index(twin)] = replace(twin, target=twin.target or draft.target,
                                             object=twin.object or draft.object)
    said = {_actor_key(d.source) for d in kept if d.code[:2] != "01" and (
        d.hit.trigger.frame in STATEMENT_FRAMES or d.hit.governor is not None)}
    return [d for d in kept if not (d.code[:2] == "01" and _actor_key(d.source) in said)]


def _same_event(a: Draft, b: Draft) -> bool:
    if a.code[:2] != b.code[:2] or _actor_key(a.source) != _actor_key(b.source) or a.date != b.date:
        return False
    if a.code[:2] == "01" or (a.target is not None and _actor_key(a.target) == _actor_key(b.target)
                              and a.object == b.object):
        return True  # one statement per actor; the same meeting told twice (參加...後，再次舉行會晤)
    targets = {_actor_key(a.target), _actor_key(b.target)} - {""}
    objects = {a.object, b.object} - {""}
    return a.hit.clause == b.hit.clause and len(targets) <= 1 and len(objects) <= 1


def _actor_key(actor: Actor | None) -> str:
    return "" if actor is None else actor.entity_id or actor.text


def _to_event(draft: Draft) -> Event:
    label, _, _ = cameo_info(draft.code[:2])
    date, target = draft.date, draft.target
    _, goldstein, quad_class = cameo_info(draft.code)
    return Event(trigger=draft.hit.surface, cameo=draft.code[:2], cameo_label=label, cameo_code=draft.code,
                 goldstein=goldstein, quad_class=quad_class, source=draft.source.text,
                 source_id=draft.source.entity_id, target=target.text if target else "",
                 target_id=target.entity_id if target else "", location=draft.location, object=draft.object,
                 mode=draft.mode, start_date=date.start_date if date else "", end_date=date.end_date if date else "",
                 date_text=date.text if date else "", confidence=round(max(0.05, min(0.99, draft.confidence)), 2),
                 trigger_start=draft.hit.start)


def sentence_events(sentence: Sentence, context: Context | None = None) -> tuple[list[Event], Context]:
    """Events of one sentence, given what the paragraph said before it; returns them and the context
    for the next sentence."""
    context = context or Context()
    view = read_sentence(sentence)
    _govern(view)
    dates = _usable_dates(view)
    readings = {id(h): _read(view, h) for h in view.hits if h.kept}
    announced = {id(a) for h in view.hits if h.kept for a in readings[id(h)].announced}
    subjects: dict[int, list[Actor]] = {}
    drafts: list[Draft] = []
    previous: list[Actor] = []
    for hit in view.hits:
        if not hit.kept or (hit.governor is not None and id(hit) not in announced):
            continue
        governor_subject = subjects.get(id(hit.governor), []) if hit.governor is not None else []
        subject, confidence = _subject(view, hit, context, governor_subject, previous)
        subjects[id(hit)] = subject
        if subject and not readings[id(hit)].announced:
            found = _drafts(view, hit, readings[id(hit)], subject, confidence, dates, context.date)
            drafts.extend(found)
            previous = subject if found else previous
    zones = [_clause_zone(view, k) for k in range(len(view.clauses))]
    heads = [d for d in dates if any(a <= d.start < b for a, b in zones)]
    sides = [[d.source, d.target] for d in drafts if d.target is not None and d.code[:2] in SYMMETRIC_ROOTS
             and d.source.label not in {"COLLECTIVE", "PRONOUN"} and d.hit.trigger.needs != "meeting"]
    topic = previous if drafts and drafts[-1].source in previous else [d.source for d in drafts[-1:]]
    following = Context(topic=_carried(topic),  # 雙方表示 ... 並希望: both sides go on
                        parties=_carried(sides[-1]) if sides else context.parties,
                        date=drafts[-1].date if drafts and drafts[-1].date else (heads[-1] if heads else context.date))
    return [_to_event(d) for d in _merge(drafts)], following


@dataclass(frozen=True)
class EventTables:
    """The CAMEO trigger lexicon, the cue words and the CAMEO code table."""

    triggers: dict[str, Trigger]
    cues: dict[str, frozenset[str]]
    cameo: dict[str, dict[str, str]]


def load_tables() -> EventTables:
    return EventTables(trigger_lexicon(), cue_words(), cameo_table())


def annotate(document: Document, resources: Resources, config: Config) -> Document:
    """Fill `sentence.events` for every body sentence, in reading order.

    What a sentence inherits (the actor talked about, the two parties, the narrative date) carries
    from sentence to sentence within a paragraph only: a new paragraph or a heading often moves on
    to analysis, and a date carried into it would date what the text does not. Quotations, captions
    and tables give no events: a quotation's speaker is coded where the text introduces it.
    """
    for block in document.blocks:
        context = Context()
        for sentence in block.sentences:
            if block.kind not in EVENT_BLOCKS:
                sentence.events = []
                continue
            sentence.events, context = sentence_events(sentence, context)
    return document
