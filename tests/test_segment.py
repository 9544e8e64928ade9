"""Segmentation: jieba words as spaCy tokens, exact offsets, both scripts, user dictionaries."""

from __future__ import annotations

import pickle

import jieba.posseg
import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.nlp import load
from pipeline.segment import JiebaTokenizer, Segmenter, Viterbi
from pipeline.text import aligned_simplified


@pytest.fixture(scope="module")
def tokenizer():
    return JiebaTokenizer(spacy.blank("zh").vocab, Segmenter())


# (text, expected words): Traditional text is cut where its Simplified form is cut.
WORDS = [
    ("普欽訪問北京", ["普欽", "訪問", "北京"]),
    ("普京访问北京", ["普京", "访问", "北京"]),
    ("俄羅斯與東南亞國家", ["俄羅斯", "與", "東南亞", "國家"]),
    (
        "戈巴契夫 (Михаил Горбачёв; Mikhail Gorbachev)",
        ["戈巴契夫", "(", "Михаил", "Горбачёв", ";", "Mikhail", "Gorbachev", ")"],
    ),
    ("1987 年 5 月", ["1987", "年", "5", "月"]),
    ("START II條約", ["START", "II", "條約"]),
]


@pytest.mark.parametrize("text, words", WORDS)
def test_traditional_text_is_cut_like_its_simplified_form(tokenizer, text, words):
    assert [t.text for t in tokenizer(text)] == words


def test_jieba_part_of_speech_is_on_tag(tokenizer):
    tags = {t.text: t.tag_ for t in tokenizer("普欽訪問北京")}
    assert tags == {"普欽": "nr", "訪問": "v", "北京": "ns"}


def test_latin_numbers_and_symbols_get_jieba_style_tags(tokenizer):
    assert [t.tag_ for t in tokenizer("NATO 2001 ,")] == ["eng", "m", "x"]


def test_single_space_is_trailing_whitespace_and_more_spaces_are_tokens(tokenizer):
    doc = tokenizer("美國  俄羅斯 ")
    assert [(t.text, t.whitespace_) for t in doc] == [("美國", " "), (" ", ""), ("俄羅斯", " ")]


def test_compatibility_ideograph_is_read_as_the_unified_one():
    assert aligned_simplified("布\uf9e9茲") == "布里兹"


def test_phrase_conversion_never_moves_offsets():
    for text in ["乾隆皇帝", "頭髮", "後來", "台灣", "於是"]:
        assert len(aligned_simplified(text)) == len(text)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="俄羅斯與美國總統普欽訪問北京 ()（）,.，。「」ABCabc123Путин\n\t-", max_size=40))
def test_tokens_cover_the_text_exactly(tokenizer, text):
    doc = tokenizer(text)
    assert doc.text == text
    assert all(token.text for token in doc)


def test_user_dictionary_keeps_a_word_whole(tmp_path):
    plain = JiebaTokenizer(spacy.blank("zh").vocab, Segmenter())
    assert len(plain("克沙皮奧里")) > 1
    user_dict = tmp_path / "words.txt"
    user_dict.write_text("克沙皮奥里 10 nr\n", encoding="utf-8")
    words = JiebaTokenizer(spacy.blank("zh").vocab, Segmenter([user_dict]))
    assert [t.text for t in words("克沙皮奧里")] == ["克沙皮奧里"]


def test_tokenizer_survives_pickling(tokenizer):
    restored = pickle.loads(pickle.dumps(tokenizer))
    assert [t.text for t in restored("普欽訪問北京")] == ["普欽", "訪問", "北京"]


def test_tokenizer_survives_bytes(tokenizer):
    again = JiebaTokenizer(spacy.blank("zh").vocab, Segmenter()).from_bytes(tokenizer.to_bytes())
    assert again.segmenter.user_dicts == tokenizer.segmenter.user_dicts


# (text, words): the pipeline's tokenizer knows the lexicon names, titles and institution words.
PIPELINE_WORDS = [
    ("臺中市西屯區", ["臺中市", "西屯區"]),
    ("台中市西屯區", ["台中市", "西屯區"]),
    ("陸委會主委邱垂正", ["陸委會", "主委", "邱垂正"]),
    ("台積電董事長魏哲家", ["台積電", "董事長", "魏哲家"]),
]


@pytest.mark.parametrize("text, words", PIPELINE_WORDS)
def test_lexicon_names_and_titles_are_words_of_the_pipeline_tokenizer(text, words):
    assert [t.text for t in load().tokenizer(text)] == words


def test_load_builds_the_language_once():
    assert load() is load()
    assert load().pipe_names == ["entities", "dates"]


def test_nlp_pipe_works_in_two_processes():
    docs = list(load().pipe(["普欽訪問北京。", "中美兩國", "美國國務卿鮑威爾"], n_process=2))
    assert [[e.text for e in doc.ents] for doc in docs] == [["普欽", "北京"], ["中", "美"], ["美國", "鮑威爾"]]


def test_user_dictionary_in_traditional_script_cuts_both_scripts(tmp_path):
    """The segmenter cuts the Simplified form of the text: a Traditional user word is added in
    that form, so it keeps 克沙皮奧里 and 克沙皮奥里 whole alike."""
    user_dict = tmp_path / "words.txt"
    user_dict.write_text("# my words\n克沙皮奧里 nr\n", encoding="utf-8")
    segmenter = Segmenter([user_dict])
    assert segmenter.segment("克沙皮奧里說") == [("克沙皮奧里", "nr"), ("說", "v")]
    assert segmenter.segment("克沙皮奥里说")[0] == ("克沙皮奥里", "nr")


HAN_OR_NOT = st.text(
    alphabet=st.sampled_from(list("普欽訪問北京韋傑夫梅德韋傑夫簽署龘齉靐䶮𠀀abc1 ，")), min_size=1, max_size=10
)


@settings(max_examples=300, deadline=None)
@given(HAN_OR_NOT)
def test_the_fast_viterbi_finds_jiebas_route(text):
    """Segmenter's decoder (issue: a thousand chapters) must give jieba's exact path and score."""
    model = (jieba.posseg.char_state_tab_P, jieba.posseg.start_P, jieba.posseg.trans_P, jieba.posseg.emit_P)
    assert Viterbi(*model)(text) == jieba.posseg.viterbi(text, *model)
