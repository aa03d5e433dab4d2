"""``tabayyun eval numbers FILE.jsonl``: accuracy of the Arabic number parser.

Each line: ``{"text": "...", "expected": {"value": N}}`` where the whole text is
one number expression. ``value`` is null for vague amounts and ordinals; when
the expected record also gives ``vague`` or ``ordinal`` those must match too.
An optional ``kind`` field gives a per-kind breakdown; other fields are ignored.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from ..arabic.numbers import parse_number
from . import EvalResult


def _close(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) <= 1e-6 * max(1.0, abs(float(b)))


def check(text: str, expected: dict) -> bool:
    got = parse_number(text)
    value = got.value if got else None
    if not _close(value, expected.get("value")):
        return False
    if "vague" in expected and (got is None or got.vague != expected["vague"]):
        return False
    if "ordinal" in expected and (got is None or got.ordinal != expected["ordinal"]):
        return False
    return True


def evaluate(path: Path, **options) -> EvalResult:
    right = 0
    n = 0
    by: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses: list[str] = []
    for line_no, line in enumerate(Path(path).read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            case = json.loads(line)
            text, expected = case["text"], case["expected"]
        except (ValueError, KeyError, TypeError):
            misses.append(f"line {line_no}: not a case")
            continue
        ok = check(text, expected)
        n += 1
        right += ok
        kind = str(case.get("kind", "all"))
        by[kind][0] += ok
        by[kind][1] += 1
        if not ok:
            misses.append(f"line {line_no}: {text!r}")
    rows = tuple((k, {"accuracy": round(r / t, 4), "n": t}) for k, (r, t) in sorted(by.items()))
    return EvalResult("numbers", {"accuracy": round(right / n, 4) if n else 0.0, "n": n}, rows,
                      tuple(misses[:50]))
