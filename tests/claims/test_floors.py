"""Quality floors: the scores on the committed gold files may not drop below these."""

from pathlib import Path

import pytest

from tabayyun.evaluate import run

DATA = Path(__file__).resolve().parents[1] / "data"

# pinned at what was reached (see the report); targets: numbers >= 0.98,
# figures F1 >= 0.90, statements F1 >= 0.85
NUMBERS_FLOOR = 1.0
FIGURES_F1_FLOOR = 1.0
STATEMENTS_F1_FLOOR = 1.0


def test_numbers_floor():
    r = run("numbers", DATA / "numbers_cases.jsonl")
    assert r.metrics["n"] >= 150
    assert r.metrics["accuracy"] >= NUMBERS_FLOOR, r.notes


@pytest.fixture(scope="module")
def claims():
    return run("claims", DATA / "claims_gold.json")


def test_figures_floor(claims):
    assert claims.metrics["figures"]["f1"] >= FIGURES_F1_FLOOR, claims.notes


def test_statements_floor(claims):
    assert claims.metrics["statements"]["f1"] >= STATEMENTS_F1_FLOOR, claims.notes


def test_gold_covers_seeds_and_at_least_ten_passages():
    import json

    arts = json.loads((DATA / "claims_gold.json").read_text("utf-8"))["articles"]
    assert sum("file" in a for a in arts) == 5 and sum("text" in a for a in arts) >= 10


def test_eval_survives_a_bad_case_line(tmp_path):
    f = tmp_path / "n.jsonl"
    f.write_text('{"text": "ثلاثة", "expected": {"value": 3}}\nnot json\n', "utf-8")
    r = run("numbers", f)
    assert r.metrics == {"accuracy": 1.0, "n": 1}
