"""Calibrate story clustering: grid search of the scorer weights and the join
threshold on the tuning split of a gold clustering, maximising B-cubed F1.

``tabayyun train clusters ARTICLES.jsonl GOLD.jsonl [--out params.json]`` writes
the chosen parameters with the F1-vs-threshold curve and the scores on every
split (default: the shipped ``compare/cluster_params.json``). Calibrating on
``tune`` and reporting ``heldout`` keeps the held-out score honest. The search is
exhaustive over a fixed grid, so it is deterministic (the seed is unused).
"""

from __future__ import annotations

import itertools
import json
from dataclasses import asdict, replace
from importlib import resources
from pathlib import Path

from ..compare.cluster import PARAMS_FILE, ClusterParams, prepare
from ..evaluate.clusters import load, read_gold, score

GRID = {
    "w_member": (0.5, 1.0),
    "w_entities": (0.0, 0.2),
    "w_figures": (0.0, 0.1),
    "w_time": (0.0, 0.2, 0.4),
    "w_places": (0.0, 0.15, 0.3),
    "min_member": (0.0, 0.1, 0.15, 0.2),
}
THRESHOLDS = tuple(round(0.1 + 0.025 * i, 3) for i in range(21))  # 0.1 … 0.6


def _default_out() -> Path:
    return Path(str(resources.files("tabayyun.compare").joinpath(PARAMS_FILE)))


def undated(items):
    """The same articles as if all came out on one day: a day's feed, where
    closeness in time tells stories apart no more than it does here."""
    return [(e, replace(f, day=None)) for e, f in items]


def calibrate(items, gold, base: ClusterParams | None = None) -> tuple[ClusterParams, dict, list]:
    """Best params on ``items`` and the F1 curve over thresholds for its weights.

    The objective is the mean B-cubed F1 of the articles with their dates and
    without them (``undated``): gold sets spread over months make the date an
    easy cue, which a real day's feed does not give."""
    base = base or ClusterParams()
    runs = [(items, prepare([f for _, f in items], base))]
    nodate = undated(items)
    runs.append((nodate, prepare([f for _, f in nodate], base)))

    def both(p):
        ms = [score(it, gold, p, pr) for it, pr in runs]
        return (ms[0]["f1"] + ms[1]["f1"]) / 2, ms

    best, best_key = None, None
    for values in itertools.product(*GRID.values()):
        weights = dict(zip(GRID, values))
        for t in THRESHOLDS:
            p = replace(base, threshold=t, **weights)
            f1, _ = both(p)
            # ties: the higher threshold and the stricter member gate (both
            # merge less; a real day's feed chains topics otherwise), then
            # the smaller weights
            key = (f1, t, weights["min_member"], -sum(values))
            if best_key is None or key > best_key:
                best, best_key = p, key
    curve = []
    for t in THRESHOLDS:
        f1, (m, mu) = both(replace(best, threshold=t))
        curve.append({"threshold": t, "precision": m["precision"], "recall": m["recall"], "f1": m["f1"],
                      "stories": m["stories"], "f1_undated": mu["f1"], "objective": round(f1, 4)})
    # the middle of the best plateau, not its edge: the widest margin either way
    top = max(c["objective"] for c in curve)
    plateau = [c["threshold"] for c in curve if c["objective"] == top]
    best = replace(best, threshold=plateau[(len(plateau) - 1) // 2])
    return best, both(best)[1][0], curve


def train(paths: list[Path], out: Path | None, seed: int, split: str = "tune", **options) -> dict:
    if len(paths) != 2:
        raise ValueError("clusters needs ARTICLES.jsonl GOLD.jsonl")
    stories, splits = read_gold(paths[1])
    items, _ = load(paths[0])
    tune = [(e, f) for e, f in items if not splits or splits.get(e) == split]
    params, _, curve = calibrate(tune, stories)
    scores = {"all": score(items, stories, params), "all_undated": score(undated(items), stories, params)}
    for name in sorted(set(splits.values())):
        part = [(e, f) for e, f in items if splits.get(e) == name]
        scores[name] = score(part, stories, params)
        scores[name + "_undated"] = score(undated(part), stories, params)
    out = out or _default_out()
    data = {
        "params": asdict(params),
        "calibrated_on": f"{Path(paths[0]).name} split={split} ({len(tune)} articles)",
        "grid": {k: list(v) for k, v in GRID.items()} | {"threshold": list(THRESHOLDS)},
        "curve": curve,
        "scores": scores,
    }
    Path(out).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return {name: m["f1"] for name, m in scores.items()} | {"threshold": params.threshold, "out": str(out)}
