"""Events: whole classes of construction fixed on the events suite's tuning part (issue 12), each
with a case that must still give its row and one that must not."""

from __future__ import annotations

import pytest
from test_events import coded


@pytest.mark.parametrize(
    "text, names, expected",
    [
        # 予以/加以 fronts the object: the 對-actor is the target, the subject the clause chain's
        (
            "外交部回應，對於中國政府散播的荒謬言論，予以嚴正譴責。",
            {"外交部": "ORG", "中國政府": "ORG"},
            [("11", "外交部", "中國政府")],
        ),
        # a joint show of force is military cooperation, one row for all who hold it
        (
            "中國、俄羅斯、哈薩克舉行聯合軍事演習。",
            {"中國": "GPE", "俄羅斯": "GPE", "哈薩克": "GPE"},
            [("06", "中國", "")],
        ),
        # a light verb before a sanction is no attack of its own
        ("美國發動新一輪制裁。", {"美國": "GPE"}, [("17", "美國", "")]),
        # sanction measures imposed are sanctions
        ("美國對俄羅斯實施一系列制裁措施。", {"美國": "GPE", "俄羅斯": "GPE"}, [("17", "美國", "俄羅斯")]),
        # an anniversary and an event named again are no events
        ("今年恰逢中國和烏拉圭建交35週年。", {"中國": "GPE", "烏拉圭": "GPE"}, []),
        (
            "普欽作出上述宣布前1天，俄羅斯官員譴責美國。",
            {"普欽": "PERSON", "俄羅斯": "GPE", "美國": "GPE"},
            [("11", "俄羅斯官員", "美國")],
        ),
        # a rebuttal is a disapproval, not a bare statement
        ("外交部回擊，強調台灣不屬於中國。", {"外交部": "ORG", "台灣": "GPE", "中國": "GPE"}, [("11", "外交部", "")]),
    ],
)
def test_suite_two_classes(text, names, expected):
    assert coded(text, names) == expected


def test_a_military_exercise_without_a_joint_word_stays_a_show_of_force():
    assert coded("俄羅斯舉行軍事演習。", {"俄羅斯": "GPE"}) == [("15", "俄羅斯", "")]


def test_a_light_verb_before_an_actor_keeps_its_own_act():
    assert [code for code, _, _ in coded("俄羅斯發動對車臣的攻擊。", {"俄羅斯": "GPE", "車臣": "GPE"})] == ["19"]


def test_a_statement_that_condemns_is_a_criticism_of_whom_it_names():
    text = "林劍表示，菲方的表態證明了他們心虛了。"
    assert coded(text, {"林劍": "PERSON", "菲方": "GPE"}) == [("11", "林劍", "菲方")]
    assert coded("林劍表示，菲方的表態值得注意。", {"林劍": "PERSON", "菲方": "GPE"}) == [("01", "林劍", "")]


def test_a_denial_of_what_was_said_takes_no_target_from_a_direction():
    text = "美國指控俄羅斯的公司向伊拉克出售裝備，但俄羅斯方面對此予以否認。"
    names = {"美國": "GPE", "俄羅斯": "GPE", "伊拉克": "GPE"}
    assert ("01", "俄羅斯方面", "") in coded(text, names)
