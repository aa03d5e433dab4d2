"""``tabayyun eval claims GOLD.json``: figures and attributed statements against a gold file.

Gold format (see ``tests/data/claims_gold.json``)::

    {"version": 1, "articles": [
      {"file": "000_….txt",            # a bundled example (tabayyun/examples/karabakh-2023/)
       "statements": [{"cue": "قالت", "cue_at": 812, "speaker": "أرمينيا" | null,
                       "content": "…", "type": "claim", "polarity": "positive",
                       "via": ["Reuters"], "direct": false}],
       "figures": [{"text": "200", "at": 830, "value": 200, "vague": null,
                    "category": "killed", "qualifier": "about",
                    "claimant": "أرمينيا" | null (the outlet's own) | "?" (unknown speaker),
                    "scope": "خلال يوم واحد" | null}]},
      {"name": "p01", "text": "…", "statements": […], "figures": […]}]}

Offsets are into the cleaned article text (``make_article``). A figure is right
when value (or vague class), category and claimant all match; a statement when
its cue overlaps, the speaker matches and the contents overlap (at least half of
the shorter one and a quarter of the longer one). Speakers and claimants match
when one contains the other after normalisation ("أمين المظالم" ⊂ "أمين المظالم
لشؤون حقوق الإنسان …").
"""

from __future__ import annotations

import json
from pathlib import Path

from ..arabic.normalise import match_key
from . import EvalResult, gold_article, prf

_GENERIC = frozenset(match_key(w) for w in "وزارة السلطات الجانب مسؤول مسؤولون الحكومة مصادر مصدر".split())


def _norm(s: str) -> str:
    k = match_key(s).replace("،", " ").replace(",", " ")
    return " ".join(w[1:] if w.startswith("و") and len(w) > 3 else w for w in k.split())


def same_party(gold: str | None, pred: str | None) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    if gold == "?" or pred == "?":
        return gold == pred
    g, p = _norm(gold), _norm(pred)
    if not g or not p:
        return False
    short, long_ = (g, p) if len(g) <= len(p) else (p, g)
    if short not in long_:
        return False
    return short == long_ or len(short.split()) >= 2 or short not in _GENERIC


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return False
    la, lb = a[1] - a[0], b[1] - b[0]
    return inter >= 0.5 * min(la, lb) and inter >= 0.25 * max(la, lb)


def _find_span(text: str, needle: str, near: int) -> tuple[int, int] | None:
    best = None
    i = text.find(needle)
    while i >= 0:
        if best is None or abs(i - near) < abs(best - near):
            best = i
        i = text.find(needle, i + 1)
    return (best, best + len(needle)) if best is not None else None


def predicted_figures(a) -> list[dict]:
    out = []
    for q in a.quantities:
        claimant = None
        if q.statement is not None:
            s = a.statements[q.statement]
            claimant = a.text[s.speaker.start:s.speaker.end] if s.speaker else "?"
        out.append({"at": q.start, "value": q.value, "vague": q.vague, "category": q.category,
                    "claimant": claimant, "qualifier": q.qualifier})
    return out


def _match_figures(gold: list[dict], pred: list[dict]):
    used = set()
    tp = 0
    misses = []
    for g in gold:
        best = None
        for i, p in enumerate(pred):
            if i in used:
                continue
            same_value = (p["value"] is not None and g.get("value") is not None
                          and abs(p["value"] - g["value"]) < 1e-6) or (
                g.get("value") is None and p["value"] is None and p["vague"] == g.get("vague"))
            if same_value and p["category"] == g["category"] and same_party(g.get("claimant"), p["claimant"]):
                if best is None or abs(p["at"] - g.get("at", 0)) < abs(pred[best]["at"] - g.get("at", 0)):
                    best = i
        if best is None:
            misses.append(f"missed figure {g.get('text')!r} {g['category']} by {g.get('claimant')!r}")
        else:
            used.add(best)
            tp += 1
    extra = [f"extra figure {p['value'] or p['vague']} {p['category']} by {p['claimant']!r}"
             for i, p in enumerate(pred) if i not in used]
    return tp, len(pred) - tp, len(gold) - tp, misses + extra


def _match_statements(a, gold: list[dict]):
    text = a.text
    used = set()
    tp = 0
    notes = []
    parts = {"cue": 0, "speaker": 0, "content": 0}
    for g in gold:
        at = g["cue_at"]
        gc = _find_span(text, g["content"], at) if g.get("content") else None
        cand = [i for i, s in enumerate(a.statements) if i not in used and s.cue.start <= at < s.cue.end]
        if not cand:
            notes.append(f"missed statement {g['cue']!r} @{at} by {g.get('speaker')!r}")
            continue
        i = cand[0]
        s = a.statements[i]
        used.add(i)
        parts["cue"] += 1
        spk = text[s.speaker.start:s.speaker.end] if s.speaker else None
        ok_s = same_party(g.get("speaker"), spk)
        ok_c = gc is not None and _overlap(gc, (s.content.start, s.content.end))
        parts["speaker"] += ok_s
        parts["content"] += ok_c
        if ok_s and ok_c:
            tp += 1
        else:
            notes.append(f"wrong statement {g['cue']!r} @{at}: speaker {spk!r} vs {g.get('speaker')!r}"
                         + ("" if ok_c else f"; content {text[s.content.start:s.content.end][:40]!r}"))
    fp = len(a.statements) - tp
    for i, s in enumerate(a.statements):
        if i not in used:
            notes.append(f"extra statement {text[s.cue.start:s.cue.end]!r} @{s.cue.start}")
    return tp, fp, len(gold) - tp, parts, notes


def evaluate(path: Path, **options) -> EvalResult:
    data = json.loads(Path(path).read_text("utf-8"))
    f_tp = f_fp = f_fn = s_tp = s_fp = s_fn = 0
    parts = {"cue": 0, "speaker": 0, "content": 0}
    n_gold_st = 0
    rows = []
    notes: list[str] = []
    for entry in data["articles"]:
        name = entry.get("file") or entry.get("name", "?")
        a = gold_article(entry)
        ftp, ffp, ffn, fnotes = _match_figures(entry.get("figures", []), predicted_figures(a))
        stp, sfp, sfn, sparts, snotes = _match_statements(a, entry.get("statements", []))
        f_tp, f_fp, f_fn = f_tp + ftp, f_fp + ffp, f_fn + ffn
        s_tp, s_fp, s_fn = s_tp + stp, s_fp + sfp, s_fn + sfn
        n_gold_st += len(entry.get("statements", []))
        for k in parts:
            parts[k] += sparts[k]
        rows.append((name, {"figures_f1": prf(ftp, ffp, ffn)["f1"] if ftp + ffp + ffn else None,
                            "statements_f1": prf(stp, sfp, sfn)["f1"] if stp + sfp + sfn else None}))
        notes += [f"{name}: {n}" for n in fnotes + snotes]
    figs = prf(f_tp, f_fp, f_fn)
    sts = prf(s_tp, s_fp, s_fn)
    metrics = {
        "figures": figs, "statements": sts,
        "precision": figs["precision"], "recall": figs["recall"], "f1": figs["f1"],
        "n": f_tp + f_fn, "n_statements": n_gold_st,
        "statement_parts": {k: round(v / n_gold_st, 4) if n_gold_st else 0.0 for k, v in parts.items()},
    }
    return EvalResult("claims", metrics, tuple(rows), tuple(notes))
