"""Score the times stage on JSONL cases.

Each line: ``{"text", "reference_time", "expected": {"value" | "from"/"to", "grain"[, "kind"]},
"surface"?, "tag"?}``. ``reference_time`` is the publication date (null: infer it
from the text, as for an article without metadata); ``expected: null`` means no
date may come out (bad input). ``surface`` picks the expression when the text
holds several; otherwise the longest expression with a value is scored.

A value is right when it equals the expected one at the expected grain (a day
answer "2023-09-19TMO" is right for day "2023-09-19"). Metrics: ``accuracy`` over
all cases, and precision/recall/F1 of finding a dated expression at all.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from ..extract.times import extract
from ..model import Published, TimeExpr
from . import EvalResult, prf

_PREFIX = {"year": 4, "month": 7, "day": 10}


def _published(ref: str | None) -> Published | None:
    if not ref:
        return None
    grain = "year" if len(ref) == 4 else "month" if len(ref) == 7 else "day"
    return Published(ref, grain, "metadata", 1.0)


def _same(got: str | None, want: str | None, grain: str) -> bool:
    if want is None:
        return got is None
    if got is None:
        return False
    n = _PREFIX.get(grain)
    if n is not None and not want.startswith("T") and not want.startswith("P"):
        return len(got) >= n and got[:n] == want[:n]
    return got == want


def _pick(text: str, times: tuple[TimeExpr, ...], surface: str | None) -> TimeExpr | None:
    dated = [t for t in times if t.value]
    if surface:
        at = text.find(surface)
        if at >= 0:
            end = at + len(surface)
            over = [t for t in dated if t.start < end and t.end > at]
            return max(over, key=lambda t: t.end - t.start) if over else None
    return max(dated, key=lambda t: t.end - t.start) if dated else None


def score_case(case: dict) -> tuple[bool, bool, TimeExpr | None]:
    """(correct, something dated was found, the expression scored)."""
    text = case.get("text") or ""
    times, _ = extract(text, _published(case.get("reference_time")))
    exp = case.get("expected")
    if exp is None:
        dated = [t for t in times if t.value and t.kind != "duration"]
        return not dated, bool(dated), None
    t = _pick(text, times, case.get("surface"))
    if t is None:
        return False, False, None
    grain = exp.get("grain", "day")
    if "kind" in exp and exp["kind"] != t.kind:
        return False, True, t
    if "from" in exp:
        ok = t.kind == "interval" and _same(t.value, exp["from"], grain) and _same(
            t.end_value, exp.get("to"), grain)
    else:
        ok = _same(t.value, exp["value"], grain)
    return ok, True, t


def evaluate(path: Path, **options) -> EvalResult:
    cases = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()
             if line.strip()]
    right = tp = fp = fn = 0
    by: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses: list[str] = []
    for case in cases:
        ok, found, t = score_case(case)
        right += ok
        positive = case.get("expected") is not None
        tp += positive and found
        fn += positive and not found
        fp += (not positive) and found
        tag = case.get("tag") or (case["expected"] or {}).get("grain", "none")
        by[tag][0] += ok
        by[tag][1] += 1
        if not ok:
            misses.append(f"{case.get('text', '')[:70]} -> {t.value if t else None}"
                          f" (want {case.get('expected')})")
    metrics = {"accuracy": round(right / len(cases), 4) if cases else 0.0, "n": len(cases)}
    metrics.update(prf(tp, fp, fn))
    rows = tuple((tag, {"accuracy": round(r / n, 4), "n": n}) for tag, (r, n) in sorted(by.items()))
    return EvalResult("times", metrics, rows, tuple(misses))
