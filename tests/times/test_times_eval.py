"""Quality floor on the committed case set (tests/data/times_cases.jsonl)."""

import json
from pathlib import Path

from tabayyun.evaluate import run

CASES = Path(__file__).resolve().parents[1] / "data" / "times_cases.jsonl"
FLOOR = 0.99  # measured 1.0 (198/198) since Hijri dates use the Umm al-Qura table


def test_case_set_is_large_enough():
    lines = [json.loads(x) for x in CASES.read_text(encoding="utf-8").splitlines() if x.strip()]
    assert len(lines) >= 150
    assert all({"text", "reference_time", "expected"} <= set(c) for c in lines)


def test_accuracy_floor():
    result = run("times", CASES)
    assert result.metrics["accuracy"] >= FLOOR, result.notes


def test_no_false_dates_on_negative_cases():
    result = run("times", CASES)
    assert result.metrics["precision"] == 1.0, result.notes
