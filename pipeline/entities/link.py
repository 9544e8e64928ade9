"""Linking: every mention gets the id of one canonical entity.

Aliases merge through shared lexicon rows and glosses (普欽 / Putin / Путин), suffix variants
(ABM條約 / ABM, 中亞地區 / 中亞), reordered hyphenated names, one-character typos in long names,
given name + surname forms, and one-character abbreviations resolved by what the document talks about.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from ..config import Config
from ..model import Document, Entity, Mention
from ..text import HAN_RUN
from .actors import english_id
from .definitions import definitions
from .lexicon import Cues, EntityLexicon, link_key, match_key

if TYPE_CHECKING:
    from ..resources import Resources

TYPO_LABELS = ("LAW", "ORG", "EVENT")
MIN_TYPO_LENGTH = 6


class UnionFind:
    """Groups of keys; a group's root is its smallest key, so groups do not depend on merge order."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        """The root of `item`'s group (a new group of its own if unseen)."""
        self.parent.setdefault(item, item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: str, b: str) -> None:
        """Merge the groups of `a` and `b`."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def link(documents: list[Document], resources: Resources, config: Config) -> list[Entity]:
    """Give every mention its `entity_id` and return the canonical entities, most mentioned first."""
    entities = resources.entities
    mentions = [(doc.doc_id, m) for doc in documents for s in doc.sentences() for m in s.mentions]
    groups = UnionFind()
    labels_of: dict[str, Counter[str]] = defaultdict(Counter)
    for doc_id, m in mentions:
        key = link_key(m.text)
        labels_of[key][m.label] += 1
        groups.find(key)
        entry = entities.lexicon.by_link_key.get(key) if len(m.text) > 1 else None
        if entry and m.method == "gloss" and m.name_en and link_key(m.name_en) != link_key(entry.name_en):
            # 東亞共同體（EAC）: in this chapter EAC is the glossed body, not the lexicon's EAC
            groups.union(f"{key}@{doc_id}", "en:" + link_key(m.name_en))
            continue
        if m.name_en:
            groups.union(key, "en:" + link_key(m.name_en))
            person = entities.lexicon.person_of_gloss(m.name_en) if m.label == "PERSON" else None
            if person is not None and link_key(m.name_en) not in entities.lexicon.by_link_key:
                groups.union(key, "en:" + link_key(person.name_en))  # Ivanov Igor’ Sergeyevich = Igor Ivanov
        if entry:
            groups.union(key, "en:" + link_key(entry.name_en))
    keys = set(labels_of)
    link_stripped(keys, labels_of, entities, groups)
    link_reordered(documents, keys, groups)
    link_typos(keys, labels_of, entities.cues, groups)
    short_forms = set().union(*(link_within_document(doc, entities, groups) for doc in documents))
    own_keys = link_namesakes(documents, entities, groups)
    return build_entities(mentions, groups, entities, short_forms, own_keys)


def link_stripped(
    keys: set[str], labels_of: dict[str, Counter[str]], entities: EntityLexicon, groups: UnionFind
) -> None:
    """A name and its form without a head word its label may drop (ABM條約 / ABM, 中亞地區 / 中亞),
    when the short form has the same label and no lexicon row makes it another entity (車臣事件 the
    event and 車臣 the republic stay two)."""
    by_key = entities.lexicon.by_link_key
    for key in keys:
        label = labels_of[key].most_common(1)[0][0]
        for suffix in entities.cues.strippable.get(label, ()):
            short = key[: -len(suffix)]
            if not key.endswith(suffix) or short not in keys or labels_of[short].most_common(1)[0][0] != label:
                continue
            if by_key.get(key) is None or by_key.get(short) in (None, by_key.get(key)):
                groups.union(key, short)


def link_reordered(documents: list[Document], keys: set[str], groups: UnionFind) -> None:
    """北約-俄羅斯理事會 and 俄羅斯-北約理事會 name the same body: A-B… and B-A… with the same rest."""
    for doc in documents:
        for sentence in doc.sentences():
            for m in sentence.mentions:
                left, dash, right = match_key(m.text).partition("-")
                if not dash or not left.strip():
                    continue
                first, rest = link_key(left), link_key(right)
                for cut in range(1, len(rest)):
                    swapped = rest[:cut] + first + rest[cut:]
                    if swapped in keys:
                        groups.union(link_key(m.text), swapped)


def one_edit_apart(a: str, b: str, numbering: frozenset[str]) -> bool:
    """Whether two long names differ by one character, not a numeral (削減/裁減 yes, 第一/第二 no).

    >>> one_edit_apart("第四階段削減常規武器", "第四階段裁減常規武器", frozenset("一二三四第"))
    True
    """
    if abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < MIN_TYPO_LENGTH or a == b:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :] and a[i] not in numbering and b[i] not in numbering
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer[i + 1 :] == shorter[i:] and longer[i] not in numbering


def link_typos(keys: set[str], labels_of: dict[str, Counter[str]], cues: Cues, groups: UnionFind) -> None:
    """Long Chinese names of laws, bodies and events one typo apart are one name."""
    by_label = defaultdict(list)
    for key in keys:
        label = labels_of[key].most_common(1)[0][0]
        if label in TYPO_LABELS and HAN_RUN.search(key):
            by_label[label].append(key)
    for names in by_label.values():
        for a, b in typo_candidates(names):
            if one_edit_apart(a, b, cues.numbering):
                groups.union(a, b)


def typo_candidates(names: list[str]) -> set[tuple[str, str]]:
    """The pairs of names that may be one edit apart, found by blocking instead of comparing all pairs.

    Two names one edit apart, the shorter of length n, share their first or their last n // 2
    characters (the edit sits in the other half), so a name of length L is filed under its halves
    for a partner of length L (k = L // 2) and for a shorter one (k = (L - 1) // 2); only names
    filed together are compared. Distinct names rarely share a half, so the pairs grow with the
    number of names, not its square.

    >>> sorted(typo_candidates(["第四階段削減常規武器", "第四階段裁減常規武器", "北大西洋公約組織"]))
    [('第四階段裁減常規武器', '第四階段削減常規武器')]
    """
    blocks: dict[tuple[int, str, str], list[str]] = defaultdict(list)
    for name in names:
        if len(name) < MIN_TYPO_LENGTH:
            continue
        for shorter in (len(name), len(name) - 1):
            k = shorter // 2
            blocks[(shorter, "head", name[:k])].append(name)
            blocks[(shorter, "tail", name[len(name) - k :])].append(name)
    pairs: set[tuple[str, str]] = set()
    for members in blocks.values():
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if a != b and abs(len(a) - len(b)) <= 1:
                    pairs.add((max(a, b), min(a, b)))
    return pairs


def link_within_document(document: Document, entities: EntityLexicon, groups: UnionFind) -> set[str]:
    """Links that hold inside one document: a surname after its full name (喬治羅伯遜 -> 羅伯遜,
    奧薩瑪．賓拉登 -> 賓拉登), and a one-character abbreviation to the state the document names
    most among those it may stand for (印 -> 印尼 in a chapter on Southeast Asia), and short forms the
    document defines (see `link_defined`, whose short forms it returns)."""
    mentions = [m for s in document.sentences() for m in s.mentions]
    persons = {link_key(m.text) for m in mentions if m.label == "PERSON" and HAN_RUN.search(m.text)}
    for short in persons:
        longer = {
            p
            for p in persons
            if p.endswith(short) and len(p) - len(short) >= 2 and not p.startswith(entities.cues.familiar_prefixes)
        }
        if len(short) >= 2 and len({groups.find(p) for p in longer}) == 1:
            groups.union(short, longer.pop())
    short_forms = link_defined(document, entities, groups)
    counts = Counter(link_key(m.text) for m in mentions)
    abbreviations = entities.lexicon.abbreviations
    for m in mentions:
        entries = abbreviations.get(match_key(m.text), []) if len(m.text) == 1 else []
        if entries:
            best = max(entries, key=lambda entry: sum(counts[link_key(a)] for a in entry.aliases if len(a) > 1))
            groups.union(link_key(m.text) + "@" + document.doc_id, "en:" + link_key(best.name_en))
    return short_forms


def link_defined(document: Document, entities: EntityLexicon, groups: UnionFind) -> set[str]:
    """A short form the document defines (上海合作組織（簡稱上合組織）) is, in that document, the
    entity of the mention it abbreviates; returns the short forms (the entity is named by its long form)."""
    cues = entities.cues
    short_forms: set[str] = set()
    for sentence in document.sentences():
        spans = {(m.start, m.end): m for m in sentence.mentions}
        for d in definitions(match_key(sentence.text), list(spans), cues.definition_cue, cues.list_joiners):
            short = spans.get((d.short_start, d.short_end))
            if short is not None:
                long = spans[(d.long_start, d.long_end)]
                groups.union(link_key(short.text) + "@" + document.doc_id, link_key(long.text))
                short_forms.add(short.text)
    return short_forms


def link_namesakes(documents: list[Document], entities: EntityLexicon, groups: UnionFind) -> dict[int, str]:
    """A bare surname after a title is the namesake who held that office (外長伊凡諾夫 = Igor Ivanov,
    國防部長伊凡諾夫 = Sergei Ivanov, see `namesakes.py`): such a mention gets a key of its own, linked
    to that person; returns those keys by mention."""
    own_keys: dict[int, str] = {}
    for document in documents:
        for sentence in document.sentences():
            for m in sentence.mentions:
                entry = (
                    entities.namesakes.resolve(sentence, m.start, m.text, entities.actors)
                    if m.label == "PERSON"
                    else None
                )
                if entry is not None:
                    own_keys[id(m)] = f"{link_key(m.text)}@{sentence.sentence_id}:{m.start}"
                    groups.union(own_keys[id(m)], "en:" + link_key(entry.name_en))
    return own_keys


def build_entities(
    mentions: list[tuple[str, Mention]],
    groups: UnionFind,
    entities: EntityLexicon,
    short_forms: set[str],
    own_keys: dict[int, str],
) -> list[Entity]:
    """One entity per group, most mentioned first, its id set on every member mention, with the
    country and actor code the code tables give its lexicon row."""
    members: dict[str, list[tuple[str, Mention]]] = defaultdict(list)
    for doc_id, m in mentions:
        key = link_key(m.text)
        abbreviated = f"{key}@{doc_id}"
        if id(m) in own_keys:
            root = groups.find(own_keys[id(m)])
        else:
            root = groups.find(abbreviated) if abbreviated in groups.parent else groups.find(key)
        members[root].append((doc_id, m))
    lexicon = entities.lexicon
    found: list[Entity] = []
    used_ids: set[str] = set()
    for root, group in sorted(members.items(), key=lambda item: (-len(item[1]), item[0])):
        label = Counter(m.label for _, m in group).most_common(1)[0][0]
        surfaces = Counter(m.text for _, m in group)
        chinese = [s for s in surfaces if HAN_RUN.search(s)] or list(surfaces)
        name = max(chinese, key=lambda s: (len(s) > 1, s not in short_forms, surfaces[s], len(s)))
        entry = next(
            (
                lexicon.by_link_key.get(link_key(s))
                for s in chinese
                if len(s) > 1 and lexicon.by_link_key.get(link_key(s))
            ),
            # a group no surface of which is a lexicon alias, linked to a row by its English name (a namesake)
            lexicon.by_link_key.get(root[3:]) if root.startswith("en:") else None,
        )
        glossed = Counter(m.name_en for _, m in group if m.name_en)
        if entry is None and label == "PERSON":  # glossed Ivanov Sergey Borisovich: the lexicon's Sergei Ivanov
            entry = next(filter(None, map(lexicon.person_of_gloss, glossed)), None)
        name_en = entry.name_en if entry else (glossed.most_common(1)[0][0] if glossed else "")
        entity_id = make_entity_id(label, name_en, name, used_ids)
        code_key = english_id(label, name_en)
        for _, m in group:
            m.entity_id = entity_id
        found.append(
            Entity(
                entity_id,
                label,
                name,
                name_en,
                [s for s, _ in surfaces.most_common()],
                len(group),
                len({d for d, _ in group}),
                *entity_codes(entities, code_key, label, name),
            )
        )
    return found


def entity_codes(entities: EntityLexicon, code_key: str, label: str, name: str) -> tuple[str, str]:
    """(country, CAMEO actor code) of an entity: its lexicon row's, else, for a state's institution
    named by rule (俄羅斯外交部, 美國國防部), the state's country with the institution word's role
    (`patterns/institutions.tsv`): RUSGOV, USAGOVMIL.

    >>> from pipeline.entities.lexicon import load_lexicon
    >>> entity_codes(load_lexicon(), "", "ORG", "俄羅斯外交部"), entity_codes(load_lexicon(), "", "ORG", "某某外交部")
    (('RUS', 'RUSGOV'), ('', ''))
    """
    actors = entities.actors
    if actors.country(code_key) or actors.code(code_key):
        return actors.country(code_key) or "", actors.code(code_key) or ""
    key = match_key(name)
    if label == "ORG":
        for cut in range(len(key) - 1, 1, -1):
            role = entities.rules.institution_roles.get(key[cut:], "")
            state = entities.lexicon.names.get(key[:cut], [])
            country = actors.country(english_id(state[0].label, state[0].name_en)) if role and state else None
            if country:
                return country, country + role
    return "", ""


def make_entity_id(label: str, name_en: str, name: str, used: set[str]) -> str:
    """A stable id from the canonical name: `PERSON:vladimir_putin`, `ORG:北约` when no English name.

    >>> make_entity_id("PERSON", "Vladimir Putin", "普欽", set())
    'PERSON:vladimir_putin'
    """
    entity_id = english_id(label, name_en) or f"{label}:{''.join(match_key(name).split())}"
    if entity_id in used:
        entity_id += "_" + hashlib.sha1(name.encode()).hexdigest()[:6]
    used.add(entity_id)
    return entity_id
