"""Entities: recognition sources, span rules, document memory, linking, lexicon files, displaCy page."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import entities
from pipeline.config import Config
from pipeline.datafiles import read_tsv
from pipeline.entities import LABELS, LEXICON_DIR, Lexicon, lexicon_paths, link_key
from pipeline.model import Block, Document, Sentence
from pipeline.nlp import load
from pipeline.resources import shared
from pipeline.show import render


@pytest.fixture(scope="module")
def nlp():
    return load()


def annotate(document: Document) -> Document:
    return entities.annotate(document, shared(), Config())


def link(documents: list[Document]):
    return entities.link(documents, shared(), Config())


def ents(nlp, text: str) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in nlp(text).ents]


def document(*sentences: str, doc_id: str = "d") -> Document:
    doc = Document(doc_id=doc_id, source=f"{doc_id}.txt")
    for i, text in enumerate(sentences):
        block = Block("paragraph", text, index=i)
        block.sentences = [Sentence(f"{doc_id}:p{i:03d}:s00", text, 0)]
        doc.blocks.append(block)
    return doc


# ---------------------------------------------------------------- lexicon names

LEXICON = [
    (
        "日本首相安倍晉三與印度總理莫迪在東京會談",
        [("日本", "GPE"), ("安倍晉三", "PERSON"), ("印度", "GPE"), ("莫迪", "PERSON"), ("東京", "GPE")],
    ),
    (
        "俄罗斯总统普京与乌克兰总统泽连斯基在巴黎会晤",
        [("俄罗斯", "GPE"), ("普京", "PERSON"), ("乌克兰", "GPE"), ("泽连斯基", "PERSON"), ("巴黎", "GPE")],
    ),
    ("國際原子能總署檢查伊朗的核設施", [("國際原子能總署", "ORG"), ("伊朗", "GPE")]),
    ("1962年古巴飛彈危機", [("古巴飛彈危機", "EVENT")]),
    ("美國參議院否決了全面禁止核試驗條約", [("美國參議院", "ORG"), ("全面禁止核試驗條約", "LAW")]),
    ("回教國家", [("回教", "NORP")]),
    ("他在克里姆林宮接見來賓", [("克里姆林宮", "ORG")]),
]


@pytest.mark.parametrize("text, expected", LEXICON)
def test_lexicon_names_are_found_in_both_scripts(nlp, text, expected):
    assert ents(nlp, text) == expected


# (text, expected): the longest name wins and nothing nests; a name inside a longer word is no name.
SPANS = [
    ("北大西洋公約組織成立於1949年", [("北大西洋公約組織", "ORG")]),
    ("中國大陸的經濟", [("中國大陸", "GPE")]),
    ("沿海地區的港口", []),
    ("打高爾夫球", []),
    ("俄羅斯人民", [("俄羅斯", "GPE")]),
    ("許多俄羅斯人認為", [("俄羅斯人", "NORP")]),
    ("中亞地區的能源", [("中亞地區", "LOC")]),
]


@pytest.mark.parametrize("text, expected", SPANS)
def test_longest_name_wins_and_words_are_not_cut(nlp, text, expected):
    assert ents(nlp, text) == expected


# ---------------------------------------------------------------- titles

TITLES = [
    ("美國國務卿鮑威爾訪問莫斯科", [("美國", "GPE"), ("鮑威爾", "PERSON"), ("莫斯科", "GPE")]),
    ("英國首相布萊爾提出建議", [("英國", "GPE"), ("布萊爾", "PERSON")]),
    ("外交部發言人雅科文科表示", [("外交部", "ORG"), ("雅科文科", "PERSON")]),
    ("行政院長卓榮泰今天在立法院報告", [("卓榮泰", "PERSON"), ("立法院", "ORG")]),
    ("新加坡國防部長張志賢訪問俄羅斯", [("新加坡", "GPE"), ("張志賢", "PERSON"), ("俄羅斯", "GPE")]),
    ("俄羅斯國防部長舉行會議", [("俄羅斯", "GPE")]),
    ("當時副外長應邀出席會議", []),
    ("總統府發表聲明", [("總統府", "ORG")]),
]


@pytest.mark.parametrize("text, expected", TITLES)
def test_name_after_a_title_is_a_person_and_the_title_stays_out(nlp, text, expected):
    assert ents(nlp, text) == expected


# ---------------------------------------------------------------- Chinese personal names

# (text, expected PERSON spans): a surname and a given name where the context says it is a person.
CHINESE_NAMES = [
    ("立委陳文彬今天質詢", ["陳文彬"]),
    ("里長黃志豪說", ["黃志豪"]),
    ("發言人林子倫強調", ["林子倫"]),
    ("總理梁強在河內", ["梁強"]),
    ("新北市副市長劉和然說", ["劉和然"]),
    ("許志偉表示，社區將加強巡邏", ["許志偉"]),
    ("江明哲說", ["江明哲"]),
    ("記者蔡宗憲、劉冠廷綜合報導", ["蔡宗憲", "劉冠廷"]),
    ("陳雅琳、林志玲與王心凌出席", ["陳雅琳", "林志玲", "王心凌"]),
    ("外相山田太郎表示", ["山田太郎"]),
    ("瓜地馬拉外長馬丁尼茲抵達台北", ["馬丁尼茲"]),
]

# Surname characters in ordinary words, titles after a surname, anonymised people: no name.
NOT_NAMES = [
    "方面表示將持續關注",
    "高層指出",
    "黃金價格說明",
    "曾經表示",
    "陳述意見",
    "院長任期",
    "總統任內",
    "賴總統表示",
    "一名林姓男子昨天被捕",
    "立法院三讀通過國家安全法部分條文",
    "教授表示",
    "不只是馬國首相",
]


@pytest.mark.parametrize("text, expected", CHINESE_NAMES)
def test_chinese_name_is_a_person_where_the_context_says_so(nlp, text, expected):
    assert [e.text for e in nlp(text).ents if e.label_ == "PERSON"] == expected


@pytest.mark.parametrize("text", NOT_NAMES)
def test_surname_characters_in_ordinary_words_make_no_person(nlp, text):
    assert [e.text for e in nlp(text).ents if e.label_ == "PERSON"] == []


def test_transliterated_name_after_a_title_stops_before_a_counting_word(nlp):
    assert [e.text for e in nlp("總理卡拉班多次訪問").ents if e.label_ == "PERSON"] == ["卡拉班"]


@pytest.mark.xfail(reason="jieba reads 許家 as a number word (許 'about'), so the name has no name shape")
def test_name_whose_first_characters_jieba_reads_as_a_number(nlp):
    assert [e.text for e in nlp("副教授許家豪的研究").ents if e.label_ == "PERSON"] == ["許家豪"]


@pytest.mark.xfail(reason="a Japanese name is recognised only after a title; 名將 is a description, not a title")
def test_japanese_name_after_a_description(nlp):
    assert ("張本智和", "PERSON") in ents(nlp, "擊敗日本名將張本智和")


# ---------------------------------------------------------------- Taiwan and the news

TAIWAN = [
    ("臺中市西屯區昨晚發生火警", [("臺中市", "GPE"), ("西屯區", "GPE")]),
    ("台中市西屯區昨晚發生火警", [("台中市", "GPE"), ("西屯區", "GPE")]),
    ("陸委會呼籲國台辦停止打壓", [("陸委會", "ORG"), ("國台辦", "ORG")]),
    ("臺北市政府與屏東縣議會", [("臺北市政府", "ORG"), ("屏東縣議會", "ORG")]),
    ("外交部今天表示", [("外交部", "ORG")]),
    ("國民黨與民眾黨合作", [("國民黨", "ORG"), ("民眾黨", "ORG")]),
    ("台積電與鴻海的股價", [("台積電", "ORG"), ("鴻海", "ORG")]),
    ("台大與成大的研究團隊", [("台大", "ORG"), ("成大", "ORG")]),
    ("中華隊在世界棒球經典賽擊敗日本隊", [("中華隊", "ORG"), ("世界棒球經典賽", "EVENT"), ("日本", "GPE")]),
    ("阿美族與太魯閣族的傳統", [("阿美族", "NORP"), ("太魯閣族", "NORP")]),
    ("二二八事件紀念活動在凱達格蘭大道舉行", [("二二八事件", "EVENT"), ("凱達格蘭大道", "FAC")]),
    ("依巴黎條約成立", [("巴黎條約", "LAW")]),
    ("新北市長侯友宜表示", [("新北", "GPE"), ("侯友宜", "PERSON")]),
    ("臺北市長蔣萬安出席", [("臺北", "GPE"), ("蔣萬安", "PERSON")]),
    ("花蓮縣縣長徐榛蔚", [("花蓮縣", "GPE"), ("徐榛蔚", "PERSON")]),
]


@pytest.mark.parametrize("text, expected", TAIWAN)
def test_taiwan_bodies_places_parties_and_companies(nlp, text, expected):
    assert ents(nlp, text) == expected


# Ordinary words that contain a place or company name, or a head word after generic words.
NOT_ENTITIES = [
    "淡水魚的養殖",
    "讓人聯想到過去",
    "朝野黨團協商",
    "是沒有建設性眼光的做法",
    "其他四國都與英美建立同盟",
]


@pytest.mark.parametrize("text", NOT_ENTITIES)
def test_ordinary_words_are_not_names(nlp, text):
    assert [e for e in nlp(text).ents if e.label_ not in ("GPE",)] == []


@pytest.mark.xfail(reason="a party caucus (民進黨團) is read as the party; 朝野黨團 shows why 黨團 is no head word")
def test_party_caucus_is_one_org(nlp):
    assert ents(nlp, "民進黨團總召柯建銘出席") == [("民進黨團", "ORG"), ("柯建銘", "PERSON")]


# ---------------------------------------------------------------- the evaluation suite


@pytest.fixture(scope="module")
def suite():
    spec = importlib.util.spec_from_file_location("ner_suite", Path(__file__).parent / "fixtures/ner_suite/score.py")
    suite = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(suite)
    return suite


@pytest.fixture(scope="module")
def suite_rows(suite):
    return suite.read_suite()


@pytest.fixture(scope="module")
def suite_scores(nlp, suite):
    return suite.score(nlp)


def test_evaluation_suite_keeps_its_floor(suite_scores):
    """Span + label F1 on our own news and thesis sentences (tests/fixtures/ner_suite/); the held-out
    file was written after the lexicons and measures what they do not cover."""
    assert suite_scores["all"]["f1"] >= 0.97
    assert suite_scores["file"]["heldout"]["f1"] >= 0.94
    assert all(label["f1"] >= 0.85 for label in suite_scores["label"].values())


# ---------------------------------------------------------------- glosses

GLOSSES = [
    (
        "美國國防部長倫斯斐 (Donald Henry Rumsfeld) 訪問",
        [
            ("美國", "GPE", ""),
            ("倫斯斐", "PERSON", "Donald Rumsfeld"),
            ("Donald Henry Rumsfeld", "PERSON", "Donald Rumsfeld"),
        ],
    ),
    (
        "泰國外長西堤（Siddhi Savetsila）訪問蘇聯",
        [
            ("泰國", "GPE", ""),
            ("西堤", "PERSON", "Siddhi Savetsila"),
            ("Siddhi Savetsila", "PERSON", "Siddhi Savetsila"),
            ("蘇聯", "GPE", ""),
        ],
    ),
    (
        "南太平洋國家簽署的拉羅東加條約（Treaty of Rarotonga）",
        [
            ("南太平洋", "LOC", ""),
            ("拉羅東加條約", "LAW", "Treaty of Rarotonga"),
            ("Treaty of Rarotonga", "LAW", "Treaty of Rarotonga"),
        ],
    ),
    (
        "成立北大西洋合作理事會 (North Atlantic Cooperation Council, NACC)",
        [
            ("北大西洋合作理事會", "ORG", "North Atlantic Cooperation Council"),
            ("North Atlantic Cooperation Council", "ORG", "North Atlantic Cooperation Council"),
            ("NACC", "ORG", "North Atlantic Cooperation Council"),
        ],
    ),
    (
        "戈巴契夫在克拉斯諾雅爾斯克（Krasnoyarsk）發表演說",
        [("戈巴契夫", "PERSON", ""), ("克拉斯諾雅爾斯克", "GPE", "Krasnoyarsk"), ("Krasnoyarsk", "GPE", "Krasnoyarsk")],
    ),
    (
        "印尼外長（Mochtar Kusumaatmadja）訪問莫斯科",
        [("印尼", "GPE", ""), ("Mochtar Kusumaatmadja", "PERSON", "Mochtar Kusumaatmadja"), ("莫斯科", "GPE", "")],
    ),
]


@pytest.mark.parametrize("text, expected", GLOSSES)
def test_gloss_gives_type_alias_and_english_name(nlp, text, expected):
    got = [(e.text, e.label_, e._.name_en) for e in nlp(text).ents]
    assert [(t, label) for t, label, _ in got] == [(t, label) for t, label, _ in expected]
    assert all(name_en == want for (_, _, name_en), (_, _, want) in zip(got, expected) if want)


# A gloss of a concept or a slogan names no entity.
NOT_GLOSSES = [
    "相互保證毀滅 (Mutual Assured Destruction, MAD) 的概念",
    "發動「聖戰」(Crusade)，但",
    "建立「亞洲集體安全」（Asian collective security）體制",
]


@pytest.mark.parametrize("text", NOT_GLOSSES)
def test_gloss_of_a_concept_names_nothing(nlp, text):
    assert [e for e in nlp(text).ents if e.label_ != "LOC"] == []


# ---------------------------------------------------------------- head words

HEAD_WORDS = [
    ("美國退出全面禁止核試驗條約", [("美國", "GPE"), ("全面禁止核試驗條約", "LAW")]),
    ("兩國簽署反飛彈擴散公約", [("反飛彈擴散公約", "LAW")]),
    ("雙方簽訂和平條約", []),
    ("不敢輕易發動戰爭", []),
    ("飛機撞擊世貿大廈", [("世貿大廈", "FAC")]),
    ("來自北約組織的代表", [("北約組織", "ORG")]),
    ("成立俄羅斯-北約聯合工作委員會", [("俄羅斯-北約聯合工作委員會", "ORG")]),
    ("出席第 57 屆聯大會議", [("第 57 屆聯大會議", "EVENT")]),
    ("北約領袖高峰會議揭幕", [("北約", "ORG")]),
    ("「關於地區反恐怖機構的協定」", [("關於地區反恐怖機構的協定", "LAW")]),
    ("「反恐怖戰爭」正式開打", []),
    ("懷疑「基地」組織在幕後支援", [("基地", "ORG")]),
    ("美國商務部出口管理局認定", [("美國商務部出口管理局", "ORG")]),
    ("法國國防部表示", [("法國國防部", "ORG")]),
    ("國會通過法案", [("國會", "ORG")]),
]


@pytest.mark.parametrize("text, expected", HEAD_WORDS)
def test_names_read_leftwards_from_their_head_word(nlp, text, expected):
    assert ents(nlp, text) == expected


# ---------------------------------------------------------------- abbreviations

ABBREVIATIONS = [
    ("美俄兩國", [("美", "GPE"), ("俄", "GPE")]),
    ("中美關係改善", [("中", "GPE"), ("美", "GPE")]),
    ("普欽在訪美期間", [("普欽", "PERSON"), ("美", "GPE")]),
    ("增強北約與俄關係", [("北約", "ORG"), ("俄", "GPE")]),
    ("俄外交部發表聲明", [("俄", "GPE")]),
    ("美-日-中的安排", [("美", "GPE"), ("日", "GPE"), ("中", "GPE")]),
    ("不只是馬國首相", [("馬國", "GPE")]),
    ("美德與加以說明", []),
    ("其中美俄都", [("美", "GPE"), ("俄", "GPE")]),
    ("12日美國宣佈", [("美國", "GPE")]),
    ("出售蘇-30戰機", []),
    ("非法移民", []),
]


@pytest.mark.parametrize("text, expected", ABBREVIATIONS)
def test_state_abbreviations_only_where_they_stand_for_the_state(nlp, text, expected):
    assert ents(nlp, text) == expected


# ---------------------------------------------------------------- known failures


@pytest.mark.xfail(reason="a country name before a known company name is read as a modifier (上海|亞太經合組織)")
def test_country_before_known_company_is_part_of_its_name(nlp):
    assert ents(nlp, "美國艾克森-美孚石油公司") == [("美國艾克森-美孚石油公司", "ORG")]


@pytest.mark.xfail(reason="jieba glues a particle to the first character of the name (了反|飛彈) and the name loses it")
def test_particle_glued_to_name(nlp):
    assert ents(nlp, "兩國簽署了反飛彈擴散公約") == [("反飛彈擴散公約", "LAW")]


@pytest.mark.xfail(reason="a typo doubling a character leaves a one-character 'verb' that ends the name")
def test_typo_inside_treaty_name(nlp):
    assert ents(nlp, "美國退出反彈道飛彈彈條約") == [("美國", "GPE"), ("反彈道飛彈彈條約", "LAW")]


# ---------------------------------------------------------------- documents


def test_annotate_fills_mentions_with_offsets_into_the_sentence():
    doc = annotate(document("2001年，美國國務卿鮑威爾訪問莫斯科。"))
    mentions = doc.blocks[0].sentences[0].mentions
    assert [(m.text, m.label, m.method) for m in mentions] == [
        ("美國", "GPE", "lexicon"),
        ("鮑威爾", "PERSON", "lexicon"),
        ("莫斯科", "GPE", "lexicon"),
    ]
    text = doc.blocks[0].sentences[0].text
    assert all(text[m.start : m.end] == m.text for m in mentions)


def test_name_glossed_once_is_recognised_bare_later_in_the_document():
    doc = annotate(document("杜馬副主席阿爾巴托夫 (А. Арбатов; A. Arbatov) 指出。", "後來阿爾巴托夫又說。"))
    later = doc.blocks[1].sentences[0].mentions
    assert [(m.text, m.label, m.method, m.name_en) for m in later] == [("阿爾巴托夫", "PERSON", "memory", "A. Arbatov")]


def test_link_merges_aliases_across_documents():
    docs = [
        annotate(
            document("普欽 (Путин Владимир; Putin Vladimir) 訪問北京。", "美國退出反彈道飛彈條約 (ABM)。", doc_id="a")
        ),
        annotate(document("普京与北约秘书长会谈。", "ABM條約失效後，北大西洋公約組織東擴。", doc_id="b")),
    ]
    link(docs)
    ids = {m.text: m.entity_id for d in docs for s in d.sentences() for m in s.mentions}
    assert ids["普欽"] == ids["普京"] == ids["Putin Vladimir"] == ids["Путин Владимир"] == "PERSON:vladimir_putin"
    assert ids["反彈道飛彈條約"] == ids["ABM"] == ids["ABM條約"]
    assert ids["北约"] == ids["北大西洋公約組織"]
    assert ids["北京"] != ids["普欽"]


def test_spacy_pipeline_gives_the_batch_entities_of_a_sentence(nlp, suite_rows):
    """`pipeline.load()` runs the batch's recognition: for a one-sentence document both find the same spans."""
    for text in [*(row["text"] for row in suite_rows), *(text for text, _ in LEXICON + TITLES + GLOSSES)]:
        batch = annotate(document(text)).blocks[0].sentences[0].mentions
        spacy_ents = nlp(text).ents
        assert [(e.start_char, e.end_char, e.label_, e._.entity_method, e._.name_en) for e in spacy_ents] == [
            (m.start, m.end, m.label, m.method, m.name_en) for m in batch
        ], text


def test_kb_id_is_the_linked_id_where_the_english_name_decides_it(nlp):
    doc = annotate(document("普欽訪問北京，法國國防部表示。"))
    index = {e.entity_id for e in link([doc])}
    kb_ids = {e.text: e.kb_id_ for e in nlp("普欽訪問北京，法國國防部表示。").ents}
    assert kb_ids["普欽"] == "PERSON:vladimir_putin" and kb_ids["北京"] in index
    assert kb_ids["法國國防部"] == ""  # a rule-made name without an English name: known after linking


# (surfaces in one document, the pairs that must share an entity)
VARIANTS = [
    (["中亞地區的能源。", "中亞國家。"], [("中亞地區", "中亞")]),
    (
        ["成立俄羅斯-北約聯合工作委員會。", "北約-俄羅斯聯合工作委員會開會。"],
        [("俄羅斯-北約聯合工作委員會", "北約-俄羅斯聯合工作委員會")],
    ),
    (
        ["簽署第四階段削減常規武器條約。", "第四階段裁減常規武器條約生效。"],
        [("第四階段削減常規武器條約", "第四階段裁減常規武器條約")],
    ),
    (["喬治羅伯遜 (George Robertson) 表示。", "羅伯遜說。"], [("喬治羅伯遜", "羅伯遜")]),
    (["印尼與泰國。", "印尼總統。", "印、泰兩國。"], [("印", "印尼")]),
]


@pytest.mark.parametrize("sentences, pairs", VARIANTS)
def test_link_merges_variants_of_one_name(sentences, pairs):
    doc = annotate(document(*sentences))
    link([doc])
    ids = {m.text: m.entity_id for s in doc.sentences() for m in s.mentions}
    for a, b in pairs:
        assert ids[a] == ids[b]


def test_link_keeps_numbered_treaties_apart():
    doc = annotate(document("第一階段裁減戰略武器條約與第二階段裁減戰略武器條約。"))
    link([doc])
    first, second = doc.blocks[0].sentences[0].mentions
    assert first.entity_id != second.entity_id


def test_entities_are_counted_and_ids_are_stable():
    docs = [
        annotate(document("普欽訪問北京。", "普欽回到莫斯科。", doc_id="a")),
        annotate(document("普京访问北京。", doc_id="b")),
    ]
    by_id = {e.entity_id: e for e in link(docs)}
    putin = by_id["PERSON:vladimir_putin"]
    assert (putin.name, putin.name_en, putin.n_mentions, putin.n_docs) == ("普欽", "Vladimir Putin", 3, 2)
    assert sorted(putin.aliases) == ["普京", "普欽"]
    assert sorted(e.entity_id for e in link(docs)) == sorted(by_id)


# ---------------------------------------------------------------- user resources and files


def test_user_lexicon_adds_names_and_wins(tmp_path):
    lexicon = tmp_path / "mine.tsv"
    lexicon.write_text(
        "# Test names.\nlabel\tname_en\taliases\nPERSON\tKlaus Testmann\t柯勞斯特曼|Testmann\n"
        "ORG\tNorthern Test Forum\t北方測試論壇\n",
        encoding="utf-8",
    )
    nlp = load(extra_lexicons=[lexicon])
    assert [(e.text, e.label_, e._.name_en) for e in nlp("柯勞斯特曼出席北方測試論壇").ents] == [
        ("柯勞斯特曼", "PERSON", "Klaus Testmann"),
        ("北方測試論壇", "ORG", "Northern Test Forum"),
    ]


def linked(resources, *sentences: str) -> list[tuple[str, str]]:
    doc = entities.annotate(document(*sentences), resources, Config())
    entities.link([doc], resources, Config())
    return [(m.text, m.entity_id) for s in doc.sentences() for m in s.mentions]


def test_user_lexicon_row_wins_the_link_over_bundled_rows(tmp_path):
    """A user row `GPE Chechnya 車臣` links every 車臣 to that row: not to the bundled event 車臣事件
    (Chechen wars), whose head word linking may strip, nor to a bundled row of another name."""
    from pipeline.resources import Resources

    lexicon = tmp_path / "mine.tsv"
    lexicon.write_text("label\tname_en\taliases\nGPE\tChechen Republic of Ichkeria\t車臣\n", encoding="utf-8")
    mentions = linked(Resources.build((str(lexicon),)), "車臣事件爆發後，車臣局勢惡化。", "俄軍再度進入車臣。")
    assert ("車臣事件", "EVENT:chechen_wars") in mentions
    assert [i for t, i in mentions if t == "車臣"] == ["GPE:chechen_republic_of_ichkeria"] * 2
    lexicon.write_text("label\tname_en\taliases\nGPE\tChechnya\t車臣\n", encoding="utf-8")
    mentions = linked(Resources.build((str(lexicon),)), "車臣事件爆發後，車臣局勢惡化。")
    assert mentions == [("車臣事件", "EVENT:chechen_wars"), ("車臣", "GPE:chechnya")]


def test_a_lexicon_folder_stands_for_its_files(tmp_path):
    (tmp_path / "a.tsv").write_text("label\tname_en\taliases\nGPE\tTestland\t測試蘭\n", encoding="utf-8")
    assert lexicon_paths((str(tmp_path),))[0] == tmp_path / "a.tsv"


@pytest.mark.parametrize("path", sorted(LEXICON_DIR.glob("*.tsv")), ids=lambda p: p.name)
def test_bundled_lexicons_are_well_formed(path: Path):
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# ") and "ompiled from" in "".join(lines[:3]), "a header line names the source"
    rows = read_tsv(path)
    assert len(rows) >= 30
    for row in rows:
        assert row["label"] in LABELS and row["name_en"] and row["aliases"], row
        assert all(alias.strip() == alias and alias and "(" not in alias for alias in row["aliases"].split("|")), row


def test_bundled_lexicons_are_broad():
    assert len(Lexicon.from_files(lexicon_paths()).entries) >= 3400


def test_an_alias_names_one_entity_only():
    """Two entities sharing an alias would be merged by linking; one-character abbreviations (印
    for India and Indonesia) are resolved by the document instead."""
    owners = {}
    for entry in Lexicon.from_files(lexicon_paths()).entries:
        for alias in entry.aliases:
            if len(alias) > 1:
                owners.setdefault(link_key(alias), set()).add(entry.name_en)
    assert {alias: names for alias, names in owners.items() if len(names) > 1} == {}


# ---------------------------------------------------------------- offsets and rendering


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet="美俄中日國蘇聯總統普欽訪問北京與條約組織的「」()（）NATOAB 12年,，。", max_size=30))
def test_mentions_are_valid_spans_that_do_not_overlap(nlp, text):
    doc = nlp(text)
    assert doc.text == text
    last_end = 0
    for ent in doc.ents:
        assert last_end <= ent.start_char < ent.end_char <= len(text)
        assert ent.text == text[ent.start_char : ent.end_char] and ent.text.strip() == ent.text
        last_end = ent.end_char


def test_render_shows_mentions_and_dates():
    from pipeline.dates import annotate as annotate_dates

    doc = annotate(annotate_dates(document("2001年，普欽訪問北京。"), shared(), Config()))
    doc.blocks.insert(0, Block("heading", "第一章 緒論", level=1))
    html = render(doc)
    assert "<!DOCTYPE html>" in html and "第一章 緒論" in html
    assert "PERSON" in html and "GPE" in html and "DATE" in html


# ---------------------------------------------------------------- typo linking by blocking


def synthetic_names(count: int, seed: int = 7) -> list[str]:
    """`count` distinct long Han names, every tenth followed by a one-character typo of itself."""
    import random

    rng = random.Random(seed)
    chars = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    names: list[str] = []
    while len(names) < count:
        name = "".join(rng.choice(chars) for _ in range(rng.randint(6, 14)))
        names.append(name)
        if len(names) % 10 == 0:
            k = rng.randrange(len(name))
            names.append(name[:k] + rng.choice(chars) + name[k + 1 :])
    return list(dict.fromkeys(names))


def test_typo_linking_compares_a_number_of_pairs_linear_in_the_names():
    """Blocking by halves: doubling the names about doubles the comparisons (all pairs would quadruple)."""
    from pipeline.entities.link import typo_candidates

    small, large = (len(typo_candidates(synthetic_names(n))) for n in (2000, 4000))
    assert small < 2000 and large < 2.5 * small


def test_typo_linking_by_blocking_finds_every_pair_all_pairs_would():
    from pipeline.entities.link import one_edit_apart, typo_candidates

    names = synthetic_names(600) + ["第四階段削減常規武器", "第四階段裁減常規武器", "第四階段削減常規武器談判"]
    numbering = frozenset("一二三四第")
    every = {
        (max(a, b), min(a, b)) for i, a in enumerate(names) for b in names[i + 1 :] if one_edit_apart(a, b, numbering)
    }
    found = {pair for pair in typo_candidates(names) if one_edit_apart(*pair, numbering)}
    assert found == every and len(every) >= 60


# ---------------------------------------------------------------- short forms defined in the text

DEFINITIONS = [
    (("各國成立亞洲和平合作委員會（以下簡稱「和合會」），總部設在曼谷。", "和合會的秘書長由各國輪流擔任。"), "和合會"),
    (("欧亚和平合作委员会（以下简称“和合会”）成立。", "和合会秘书长表示欢迎。"), "和合会"),
    (("1996年成立的亞洲和平合作委員會，以下稱「和平會」，每年集會。", "和平會通過決議。"), "和平會"),
    (("太平洋漁業合作委員會（下稱漁委會）發表聲明。", "漁委會表示將調查。"), "漁委會"),
    (("太平洋渔业合作委员会（简称渔委会）发表声明。", "渔委会表示将调查。"), "渔委会"),
]


@pytest.mark.parametrize("sentences, short", DEFINITIONS)
def test_a_defined_short_form_is_the_long_forms_entity_for_the_rest_of_the_chapter(sentences, short):
    doc = annotate(document(*sentences))
    index = link([doc])
    mentions = [m for s in doc.sentences() for m in s.mentions]
    long = mentions[0]
    shorts = [m for m in mentions if m.text == short]
    assert len(shorts) == 2 and {m.label for m in shorts} == {long.label} == {"ORG"}
    assert {m.entity_id for m in shorts} == {long.entity_id}
    assert next(e for e in index if e.entity_id == long.entity_id).name == long.text


def test_a_short_form_for_a_list_is_no_definition():
    """中國和俄羅斯（以下稱「雙方」）: the short form stands for both; neither state becomes 雙方."""
    doc = annotate(document("中华人民共和国和俄罗斯联邦（以下称“双方”）签署条约。"))
    link([doc])
    assert [m.text for s in doc.sentences() for m in s.mentions] == ["中华人民共和国", "俄罗斯联邦"]


def test_a_definition_holds_in_its_own_chapter_only():
    defined = annotate(document("太平洋漁業合作委員會（下稱漁委會）發表聲明。", "漁委會表示將調查。", doc_id="a"))
    other = annotate(document("漁委會表示將調查。", doc_id="b"))
    link([defined, other])
    assert [m.text for s in other.sentences() for m in s.mentions] == []


# ---------------------------------------------------------------- linking classes


def test_a_gloss_acronym_of_another_lexicon_body_does_not_translate_the_name():
    """東亞共同體（EAC）: EAC is also the East African Community's acronym, but 東亞 is East Asia, which
    that English name does not translate; in this chapter EAC is the glossed body. Elsewhere the
    lexicon row holds."""
    asia = annotate(document("日本提出建立東亞共同體（EAC）的構想。", "EAC的成員包括中國。", doc_id="a"))
    africa = annotate(document("東非共同體（EAC）擴大。", "EAC的成員包括肯亞。", doc_id="b"))
    link([asia, africa])
    ids = {(d.doc_id, m.text): m.entity_id for d in (asia, africa) for s in d.sentences() for m in s.mentions}
    assert ids["a", "東亞共同體"] == ids["a", "EAC"] != "ORG:east_african_community"
    assert ids["b", "東非共同體"] == ids["b", "EAC"] == "ORG:east_african_community"


def test_a_chinese_name_and_its_english_name_are_one_entity():
    docs = [
        annotate(document("馬國首相馬哈迪表示將加強雙方關係。", doc_id="a")),
        annotate(document("Mahathir spoke.", doc_id="b")),
    ]
    link(docs)
    assert {m.entity_id for d in docs for s in d.sentences() for m in s.mentions if m.label == "PERSON"} == {
        "PERSON:mahathir_mohamad"
    }


ABBREVIATIONS_INSIDE_NAMES = [
    ("東德與西德於1990年統一。", [("東德", "GPE"), ("西德", "GPE")]),
    ("美中友協會長訪問北京。", [("美中友協", "ORG"), ("北京", "GPE")]),
    ("中美商會發表聲明。", [("中美商會", "ORG")]),
    ("美中兩國發表聲明。", [("美", "GPE"), ("中", "GPE")]),  # negative: the pair alone is still two states
]


@pytest.mark.parametrize("text, expected", ABBREVIATIONS_INSIDE_NAMES)
def test_one_character_abbreviations_do_not_fire_inside_longer_names(nlp, text, expected):
    assert ents(nlp, text) == expected
