"""Entities: country and CAMEO actor codes (data/lexicon/codes/), at a date for people with offices,
in entity_index.csv and as events.csv's source_actor / target_actor."""

from __future__ import annotations

import pytest

from pipeline import entities, events
from pipeline.config import Config
from pipeline.datafiles import read_tsv
from pipeline.entities.actors import CODES_DIR, ActorCodes, english_id
from pipeline.entities.lexicon import LEXICON_DIR
from pipeline.model import Block, Document, Sentence, TimeExpression
from pipeline.resources import shared
from pipeline.tables import event_rows, index_rows


@pytest.fixture(scope="module")
def codes() -> ActorCodes:
    return ActorCodes.from_files()


def lexicon_ids() -> set[str]:
    return {english_id(r["label"], r["name_en"]) for p in LEXICON_DIR.glob("*.tsv") for r in read_tsv(p)}


def test_every_code_row_names_a_lexicon_row():
    """The names live in the lexicon only: a code row whose key no lexicon row has is a typo."""
    known = lexicon_ids()
    keys = [english_id(r["label"], r["name_en"]) for r in read_tsv(CODES_DIR / "actors.tsv")]
    keys += [english_id("PERSON", r["name_en"]) for r in read_tsv(CODES_DIR / "offices.tsv")]
    assert sorted(set(keys) - known) == []


def test_every_state_of_the_lexicon_has_a_country(codes):
    """Every current state of countries.tsv has its ISO-3 code, and a state is coded as its country alone."""
    states = [english_id(r["label"], r["name_en"]) for r in read_tsv(LEXICON_DIR / "countries.tsv")]
    missing = [s for s in states if not codes.country(s)]
    assert len(missing) <= 6, missing  # historical states (Prussia, Ottoman Empire ...) have none
    assert codes.code("GPE:taiwan") == codes.country("GPE:taiwan") == "TWN"


CODES = [
    ("GPE:russia", "", "RUS"),
    ("GPE:china", "", "CHN"),
    ("ORG:state_duma", "", "RUSLEG"),
    ("ORG:ministry_of_defence_of_russia", "", "RUSGOVMIL"),
    ("ORG:legislative_yuan", "", "TWNLEG"),
    ("ORG:united_nations", "", "IGOUNO"),
    ("ORG:north_atlantic_treaty_organization", "", "IGOWSTNAT"),
    ("ORG:association_of_southeast_asian_nations", "", "IGOASN"),
    ("ORG:shanghai_cooperation_organisation", "", "IGOSCO"),
    ("ORG:european_union", "", "IGOEEC"),
    # a person is coded by the office he holds on the date, an elite outside his terms
    ("PERSON:george_w_bush", "2003-03-20", "USAGOV"),
    ("PERSON:george_w_bush", "2012-01-01", "USAELI"),
    ("PERSON:sergei_ivanov", "2004-06-01", "RUSGOVMIL"),
    ("PERSON:sergei_ivanov", "2014-06-01", "RUSGOV"),
    ("PERSON:igor_ivanov", "2004-06-01", "RUSGOV"),
    ("PERSON:kofi_annan", "2001-09-11", "IGOUNO"),
    ("PERSON:no_such_person", "2001-09-11", None),
]


@pytest.mark.parametrize("entity_id, date, expected", CODES)
def test_actor_code_of_an_entity_at_a_date(codes, entity_id, date, expected):
    assert codes.code(entity_id, date) == expected


def test_user_lexicon_rows_may_carry_their_own_codes():
    user = [{"label": "ORG", "name_en": "Shanghai Cooperation Organisation", "cameo_actor": "IGOASASCO"}]
    assert ActorCodes.from_files(user).code("ORG:shanghai_cooperation_organisation") == "IGOASASCO"


def chapter(text: str, date: TimeExpression | None = None) -> Document:
    doc = Document(doc_id="d", source="d.txt")
    block = Block("paragraph", text, index=0)
    sentence = Sentence("d:p000:s00", text, 0)
    sentence.text_trad = sentence.text_simp = text
    if date:
        sentence.dates = [date]
    block.sentences = [sentence]
    doc.blocks.append(block)
    return doc


def test_entity_index_and_events_carry_the_actor_codes():
    """普欽 in 2001 is Russia's president (RUSGOV); the United States is USA; both tables show it."""
    text = "2001年6月16日，普欽與美國總統布希在斯洛維尼亞會晤。"
    date = TimeExpression(0, 10, "2001年6月16日", "2001-06-16", "2001-06-16", "day", "explicit", "2001-06-16")
    doc = entities.annotate(chapter(text, date), shared(), Config())
    index = index_rows(entities.link([doc], shared(), Config())).set_index("entity_id")
    assert index.loc["PERSON:vladimir_putin", "country"] == "RUS"
    assert index.loc["GPE:united_states", "cameo_actor"] == "USA"
    events.annotate(doc, shared(), Config())
    rows = event_rows([doc])
    meeting = rows[rows.source_id == "PERSON:vladimir_putin"].iloc[0]
    assert (meeting.source_actor, meeting.start_date) == ("RUSGOV", "2001-06-16")
    assert meeting.target_actor == "USAGOV"


def linked(*sentences: str) -> list[tuple[str, str]]:
    doc = Document(doc_id="d", source="d.txt")
    for i, text in enumerate(sentences):
        block = Block("paragraph", text, index=i)
        block.sentences = [Sentence(f"d:p{i:03d}:s00", text, 0)]
        doc.blocks.append(block)
    entities.annotate(doc, shared(), Config())
    entities.link([doc], shared(), Config())
    return [(m.text, m.entity_id) for s in doc.sentences() for m in s.mentions if m.label == "PERSON"]


def test_a_surname_after_a_title_is_the_namesake_who_held_that_office():
    """Igor Ivanov was foreign minister, Sergei Ivanov defence minister: 外長伊凡諾夫 and
    國防部長伊凡諾夫 are two people, whichever full name the chapter gives."""
    assert linked("俄羅斯外長伊凡諾夫訪問北京。", "國防部長謝爾蓋·伊凡諾夫表示反對。") == [
        ("伊凡諾夫", "PERSON:igor_ivanov"),
        ("謝爾蓋·伊凡諾夫", "PERSON:sergei_ivanov"),
    ]
    assert linked("俄羅斯國防部長伊凡諾夫訪問北京。") == [("伊凡諾夫", "PERSON:sergei_ivanov")]


@pytest.mark.parametrize(
    "name, codes",
    [("美國國防部", ("USA", "USAGOVMIL")), ("俄羅斯外交部", ("RUS", "RUSGOV")), ("日本自衛隊", ("JPN", "JPNMIL"))],
)
def test_a_states_institution_named_by_rule_gets_the_states_code_and_its_role(name, codes):
    from pipeline.entities.link import entity_codes

    assert entity_codes(shared().entities, "", "ORG", name) == codes


def test_a_gloss_in_another_word_order_or_with_a_patronymic_is_the_lexicon_person():
    """伊凡諾夫 (Ivanov Igor’ Sergeyevich) and 伊凡洛夫 (Igor S. Ivanov) are the lexicon's Igor Ivanov."""
    assert {
        i for _, i in linked("外交部長伊凡諾夫 (Ivanov Igor’ Sergeyevich) 表示。", "伊凡洛夫 (Igor S. Ivanov) 說。")
    } == {"PERSON:igor_ivanov"}
