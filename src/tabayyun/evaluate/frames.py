"""``tabayyun eval frames GOLD.jsonl``: framing terms against a gold file.

One JSON object a line (see ``tests/data/frames_gold.jsonl``)::

    {"name": "w01", "text": "…", "terms": [{"text": "غزو", "frame": "operation",
      "side": "invasion", "voice": "attributed", "nth": 1}]}
    {"name": "seed-001", "file": "001_….txt", "terms": [{"text": "…", "at": 114, …}]}

``file`` names a bundled example (``tabayyun/examples/karabakh-2023/``). A gold
span is located by its text: the occurrence nearest ``at`` (an offset into the
cleaned article text) or the ``nth`` one (default 1). A predicted term is right
when its span overlaps a gold span with the same frame and side (one-to-one);
voice accuracy is over the matched pairs. An article with no gold terms still
counts its predictions as false positives.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from . import EvalResult, gold_article, prf


def locate(text: str, needle: str, at: int | None = None, nth: int = 1) -> tuple[int, int] | None:
    hits, i = [], text.find(needle)
    while i >= 0:
        hits.append(i)
        i = text.find(needle, i + 1)
    if not hits:
        return None
    if at is not None:
        i = min(hits, key=lambda h: abs(h - at))
    elif 1 <= nth <= len(hits):
        i = hits[nth - 1]
    else:
        return None
    return i, i + len(needle)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


def score_article(article, gold: list[dict], notes: list[str], name: str) -> tuple[Counter, Counter]:
    """Counts per frame: tp/fp/fn, voice_ok/voice_n."""
    c, per = Counter(), {}
    golds = []
    for g in gold:
        span = locate(article.text, g["text"], g.get("at"), g.get("nth", 1))
        if span is None:
            notes.append(f"{name}: gold term {g['text']!r} not found in the text; skipped")
            continue
        golds.append((span, g))
    used = set()
    for t in article.frames:
        match = None
        for k, (span, g) in enumerate(golds):
            if k not in used and g["frame"] == t.frame and g["side"] == t.side and _overlap(span, (t.start, t.end)):
                match = k
                break
        key = t.frame
        per.setdefault(key, Counter())
        if match is None:
            c["fp"] += 1
            per[key]["fp"] += 1
            notes.append(f"{name}: extra {article.text[t.start:t.end]!r} {t.frame}/{t.side} ({t.voice})")
            continue
        used.add(match)
        c["tp"] += 1
        per[key]["tp"] += 1
        c["voice_n"] += 1
        want = golds[match][1]["voice"]
        if t.voice == want:
            c["voice_ok"] += 1
        else:
            notes.append(f"{name}: voice of {article.text[t.start:t.end]!r} is {t.voice}, gold {want}")
    for k, (span, g) in enumerate(golds):
        if k not in used:
            c["fn"] += 1
            per.setdefault(g["frame"], Counter())["fn"] += 1
            notes.append(f"{name}: missed {g['text']!r} {g['frame']}/{g['side']} ({g['voice']})")
    return c, per


def evaluate(path: Path, **options) -> EvalResult:
    total, per, notes = Counter(), {}, []
    articles = 0
    for n, line in enumerate(Path(path).read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
            gold = entry["terms"]
            name = entry.get("name") or entry.get("file") or f"line {n}"
            article = gold_article(entry)
        except (ValueError, KeyError, TypeError, FileNotFoundError) as exc:
            notes.append(f"line {n}: skipped ({type(exc).__name__}: {exc})")
            continue
        articles += 1
        c, p = score_article(article, gold, notes, name)
        total.update(c)
        for k, v in p.items():
            per.setdefault(k, Counter()).update(v)
    metrics = prf(total["tp"], total["fp"], total["fn"])
    metrics["voice_accuracy"] = round(total["voice_ok"] / total["voice_n"], 4) if total["voice_n"] else 0.0
    metrics["n"] = articles
    rows = tuple((k, prf(v["tp"], v["fp"], v["fn"])) for k, v in sorted(per.items()))
    return EvalResult("frames", metrics, rows, tuple(notes))
