"""Score story clustering against a gold clustering with B-cubed precision,
recall and F1 (Bagga & Baldwin 1998: per article, the share of its predicted
story that is in its gold story, and the share of its gold story it was put with).

``tabayyun eval clusters ARTICLES.jsonl GOLD.jsonl``: ARTICLES is ordinary JSONL
input (its ``id`` field becomes each article's ``Meta.external_id``); GOLD has one
``{"id": ..., "story": ...}`` per line, optionally ``"split"`` (e.g. tune / heldout):
each split is then also clustered on its own and reported as a row.
Articles are analysed by the per-article pipeline, then clustered in file order.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

from ..compare.cluster import ClusterParams, cluster_features, cluster_prepared
from ..compare.cluster_features import Features, features
from . import EvalResult


def read_gold(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """(external id -> gold story, external id -> split)."""
    story, split = {}, {}
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            key, st = str(rec["id"]), str(rec["story"])
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}:{n}: gold lines need 'id' and 'story' ({exc})") from None
        story[key] = st
        if rec.get("split"):
            split[key] = str(rec["split"])
    return story, split


def load(articles_path: Path) -> tuple[list[tuple[str, Features]], int]:
    """Analyse the articles; return (external id, features) in file order, and the
    number of input lines skipped. Exact copies merged at ingest keep their own id."""
    from ..api import _run_article, default_pipeline, ingest
    from ..compare.dedupe import find_near_duplicates
    from ..settings import Settings

    articles, skipped, also_from, _ = ingest([str(articles_path)])
    pipeline = default_pipeline()
    notes: list[str] = []  # a stage failing on one article keeps its earlier layers (as analyse does)
    done = [_run_article(pipeline, a, notes) for a in articles]
    dup = find_near_duplicates(tuple(done), Settings())
    done = [replace(a, duplicate_of=dup.get(a.id)) for a in done]
    # line number -> external id, to name the copies ingest merged
    line_ids = {}
    for n, line in enumerate(Path(articles_path).read_text(encoding="utf-8").splitlines(), 1):
        try:
            rec = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(rec, dict) and rec.get("id") is not None:
            line_ids[n] = str(rec["id"])
    out: list[tuple[int, str, Features]] = []
    for a in done:
        f = features(a)
        line = _line(a.meta.source)
        out.append((line, a.meta.external_id or a.id, f))
        for src in also_from.get(a.id, ()):
            ln = _line(src)
            if ln in line_ids:
                # a byte-identical copy: the same features under its own id
                out.append((ln, line_ids[ln], _renamed(f, line_ids[ln])))
    out.sort(key=lambda t: t[0])
    return [(ext, f) for _, ext, f in out], len(skipped)


def _line(source: str) -> int:
    tail = source.rsplit(":", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def _renamed(f: Features, new_id: str) -> Features:
    return replace(f, id="copy:" + new_id, duplicate_of=f.id)


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> dict:
    """B-cubed P/R/F1 over the items both mappings hold."""
    items = [i for i in gold if i in pred]
    if not items:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0, "n": 0}
    pc = defaultdict(set)
    gc = defaultdict(set)
    for i in items:
        pc[pred[i]].add(i)
        gc[gold[i]].add(i)
    p = r = 0.0
    for i in items:
        both = len(pc[pred[i]] & gc[gold[i]])
        p += both / len(pc[pred[i]])
        r += both / len(gc[gold[i]])
    p, r = p / len(items), r / len(items)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "n": len(items),
            "stories": len(pc), "gold_stories": len(gc)}


def score(items: list[tuple[str, Features]], gold: dict[str, str],
          params: ClusterParams | None = None, prepared: list | None = None) -> dict:
    """Cluster the items in order and score them against gold (by external id).
    ``prepared``: the items' vectors from ``compare.cluster.prepare`` (calibration)."""
    if prepared is not None:
        assign = cluster_prepared([f for _, f in items], prepared, params)
    else:
        assign = cluster_features([f for _, f in items], params)
    items = [(ext, f) for ext, f in items if ext in gold]
    pred = {ext: assign[f.id] for ext, f in items}
    return bcubed(pred, gold)


def evaluate(path: Path, gold: Path | None = None, split: str | None = None, **options) -> EvalResult:
    if gold is None:
        raise ValueError("clusters needs two files: tabayyun eval clusters ARTICLES.jsonl GOLD.jsonl")
    stories, splits = read_gold(Path(gold))
    items, skipped = load(Path(path))
    params = None
    if options.get("params"):
        data = json.loads(Path(options["params"]).read_text(encoding="utf-8"))
        params = ClusterParams.from_dict(data.get("params", data))
    if split:
        items = [(e, f) for e, f in items if splits.get(e) == split]
    metrics = score(items, stories, params)
    rows = []
    if not split and splits:
        for name in sorted(set(splits.values())):
            part = [(e, f) for e, f in items if splits.get(e) == name]
            rows.append((name, score(part, stories, params)))
    found = {e for e, _ in items}
    missing = [k for k in stories if k not in found and (not split or splits.get(k) == split)]
    notes = [f"stories predicted {metrics.get('stories', 0)} vs gold {metrics.get('gold_stories', 0)}"]
    if missing:
        notes.append(f"{len(missing)} gold id(s) not found in the articles: {', '.join(missing[:5])}")
    if skipped:
        notes.append(f"{skipped} input line(s) skipped")
    return EvalResult("clusters", metrics, tuple(rows), tuple(notes))

