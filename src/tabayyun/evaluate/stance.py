"""``tabayyun eval stance FILE.csv``: the sentence-pair stance classifier on ANS-style pairs.

CSV with a header and columns ``s1,s2,stance`` (stance: agree / disagree / other),
as in ANS (Khouja, FEVER 2020). Reports accuracy over all rows, macro-F1 over
agree and disagree (the ANS paper's measure; "other" rows still count as errors
when predicted agree or disagree) and per-class precision / recall / F1.
Option ``model=PATH`` scores another weights file.
"""

from __future__ import annotations

import csv
from pathlib import Path

from . import EvalResult, prf

CLASSES = ("agree", "disagree", "other")


def read_pairs(path: Path | str) -> list[tuple[str, str, str]]:
    """(s1, s2, stance) rows; raises ValueError on a file without the columns."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        cols = {c.strip().lower(): c for c in reader.fieldnames or ()}
        need = [c for c in ("s1", "s2", "stance") if c not in cols]
        if need:
            raise ValueError(f"{path}: missing column(s) {', '.join(need)} (expected s1,s2,stance)")
        rows = []
        for r in reader:
            label = (r[cols["stance"]] or "").strip().lower()
            if label in CLASSES:
                rows.append((r[cols["s1"]] or "", r[cols["s2"]] or "", label))
    return rows


def scores(gold: list[str], pred: list[str]) -> dict:
    by = {}
    for c in CLASSES:
        tp = sum(g == c and p == c for g, p in zip(gold, pred))
        fp = sum(g != c and p == c for g, p in zip(gold, pred))
        fn = sum(g == c and p != c for g, p in zip(gold, pred))
        by[c] = prf(tp, fp, fn) | {"n": sum(g == c for g in gold)}
    n = len(gold)
    acc = sum(g == p for g, p in zip(gold, pred)) / n if n else 0.0
    macro = {k: round((by["agree"][k] + by["disagree"][k]) / 2, 4) for k in ("precision", "recall", "f1")}
    return {"accuracy": round(acc, 4), "macro_f1": macro["f1"], "n": n, "by": by,
            "precision": macro["precision"], "recall": macro["recall"], "f1": macro["f1"]}


def evaluate(path: Path, **options) -> EvalResult:
    from ..compare.stance import StanceModel, model

    m = StanceModel(options["model"]) if options.get("model") else model()
    pairs = read_pairs(path)
    if not pairs:
        raise ValueError(f"{path}: no rows with stance agree / disagree / other")
    pred = [m.predict(s1, s2).label for s1, s2, _ in pairs]
    s = scores([p[2] for p in pairs], pred)
    rows = tuple((c, {k: s["by"][c][k] for k in ("precision", "recall", "f1", "n")}) for c in CLASSES if s["by"][c]["n"])
    notes = ("overall precision / recall / f1 / macro_f1: macro over agree and disagree (ANS); "
             "accuracy: over all rows",)
    keys = ("precision", "recall", "f1", "accuracy", "macro_f1", "n")
    return EvalResult("stance", {k: s[k] for k in keys}, rows, notes)
