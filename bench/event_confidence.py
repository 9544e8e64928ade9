"""Does `confidence` mean something? Share of right rows per confidence bucket, and per rule.

    .venv/bin/python bench/event_confidence.py --outputs /tmp/evt-s2 --gold tests/fixtures/event_suite2/gold \
        [--scorer /work/shared/eval/score.py] [--rules]

Rows are matched to gold events as the scorer matches them (same sentence, same dates, source found in
the gold's aliases or a symmetric event's sides swapped; a row with the right root preferred); a row is
right when it is matched and its CAMEO root is the gold's. A row in a sentence the gold does not list,
in a chapter the gold codes completely, is wrong; in other chapters it is not judged.
Buckets: < 0.6, 0.6-0.8, > 0.8 (0.8 itself in the middle).
With `--rules`, the same share for every rule name of the `rule` column.
"""

from __future__ import annotations

import argparse
import importlib.util
from collections import defaultdict
from pathlib import Path

import pandas as pd


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def judged_rows(score, outputs: Path, gold: Path) -> pd.DataFrame:
    """The events of `outputs` in gold documents, with a `right` column."""
    docs = sorted(p.name for p in gold.iterdir() if p.is_dir())
    sentences = pd.read_csv(outputs / "sentences.csv", dtype=str, keep_default_na=False)
    events = pd.read_csv(outputs / "events.csv", dtype=str, keep_default_na=False)
    sents = score.Sentences(sentences[sentences["doc_id"].isin(docs)])
    events = events[events["doc_id"].isin(docs)].reset_index(drop=True)
    events["right"] = False
    by_sent = defaultdict(list)
    for k, row in events.iterrows():
        by_sent[row["sentence_id"]].append(k)
    used: set[int] = set()
    listed: set[str] = set()
    for doc in docs:
        for g in score.read_jsonl(gold / doc / "events.jsonl"):
            pos = sents.find(doc, score.norm(g["anchor"]))
            sid = sents.at(doc, pos) if pos is not None else None
            listed.add(sid)
            for ge in g["events"]:
                best = None
                for k in by_sent.get(sid, []):
                    row = events.loc[k]
                    if k in used or (row["start_date"], row["end_date"]) != (ge["start"], ge["end"]):
                        continue
                    direct = score._surf_ok(row["source"], ge["source"])
                    swapped = (
                        ge.get("cameo") in score.SYMMETRIC
                        and score._surf_ok(row["source"], ge.get("target", []))
                        and score._surf_ok(row["target"], ge["source"])
                    )
                    typed = row["cameo"].zfill(2)[:2] == ge["cameo"]
                    if (direct or swapped) and (best is None or typed > best[0]):
                        best = (typed, k)
                if best is not None:
                    used.add(best[1])
                    events.loc[best[1], "right"] = best[0]
    complete = {doc for doc in docs if score._meta(gold / doc).get("events_complete")}
    return events[events["sentence_id"].isin(listed) | events["doc_id"].isin(complete)]


def bucket(confidence: float) -> str:
    return "< 0.6" if confidence < 0.6 else ("> 0.8" if confidence > 0.8 else "0.6-0.8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--outputs", required=True, type=Path)
    parser.add_argument("--gold", required=True, type=Path)
    parser.add_argument("--scorer", default=Path("/work/shared/eval/score.py"), type=Path)
    parser.add_argument("--rules", action="store_true")
    args = parser.parse_args()
    events = judged_rows(load_scorer(args.scorer), args.outputs, args.gold)
    events["bucket"] = events["confidence"].astype(float).map(bucket)
    table = events.groupby("bucket")["right"].agg(n_rows="size", share_right="mean")
    table = table.reindex(["< 0.6", "0.6-0.8", "> 0.8"])
    print("| confidence | n rows | share right |\n|---|---|---|")
    for name, row in table.fillna(0).iterrows():
        print(f"| {name} | {int(row['n_rows'])} | {row['share_right']:.2f} |")
    if args.rules:
        exploded = events.assign(rule=events["rule"].str.split(";")).explode("rule")
        per_rule = exploded.groupby("rule")["right"].agg(n_rows="size", share_right="mean")
        print(per_rule.sort_values("share_right").to_string(float_format="%.2f"))


if __name__ == "__main__":
    main()
