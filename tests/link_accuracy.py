"""Entity-link accuracy against hand-checked mention links (tests/fixtures/links_heldout/).

    python tests/link_accuracy.py OUTPUTS [GOLD_LINKS]

A gold mention is found when the paragraph its gold names holds a mention with the same text, the
same occurrence counted in reading order. A found mention is linked right when its entity_id is the
id most of its gold entity's found mentions carry, and that id's found mentions are mostly of its
gold entity: one entity, one id, both ways. Prints found, right and the accuracy over found mentions.
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd

GOLD = Path(__file__).parent / "fixtures" / "links_heldout" / "links.jsonl"


def our_mentions(out: Path) -> dict[tuple[str, int, str], list[str]]:
    """(doc, paragraph index as the gold counts it, text) -> entity ids in reading order."""
    sentences = pd.read_csv(out / "sentences.csv", dtype=str, keep_default_na=False)
    mentions = pd.read_csv(out / "entities.csv", dtype=str, keep_default_na=False)
    paragraph = dict(zip(sentences["sentence_id"], sentences["paragraph"].astype(int) - 1))  # block 0: heading
    order = {sid: k for k, sid in enumerate(sentences["sentence_id"])}
    mentions = mentions.assign(order=mentions["sentence_id"].map(order), at=mentions["start"].astype(int))
    found: dict[tuple[str, int, str], list[str]] = defaultdict(list)
    for row in mentions.sort_values(["order", "at"]).itertuples():
        found[row.doc_id, paragraph[row.sentence_id], row.text].append(row.entity_id)
    return found


def link_accuracy(out: Path, gold_path: Path = GOLD) -> dict[str, float]:
    gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    ours = our_mentions(out)
    pairs = []
    for g in gold:
        ids = ours.get((g["doc"], g["paragraph_index"], g["text"]), [])
        if g["occurrence"] < len(ids):
            pairs.append((g["entity"], ids[g["occurrence"]]))
    id_of = {e: Counter(i for ge, i in pairs if ge == e).most_common(1)[0][0] for e, _ in pairs}
    entity_of = {i: Counter(ge for ge, oi in pairs if oi == i).most_common(1)[0][0] for _, i in pairs}
    right = sum(id_of[e] == i and entity_of[i] == e for e, i in pairs)
    return {"gold": len(gold), "found": len(pairs), "right": right, "accuracy": round(right / max(1, len(pairs)), 4)}


if __name__ == "__main__":
    print(link_accuracy(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else GOLD))
