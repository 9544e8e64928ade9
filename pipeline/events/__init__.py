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

from .assemble import annotate, sentence_events
from .lexicon import EventTables, Trigger, cameo_info, load_tables, read_cameo_codes
from .view import Context

__all__ = [
    "Context",
    "EventTables",
    "Trigger",
    "annotate",
    "cameo_info",
    "load_tables",
    "read_cameo_codes",
    "sentence_events",
]
