"""A slice of a real day of Saudi news (SaudiNewsNet, research use only: read in
place from ../shared, never copied; skipped when it is absent)."""

import json
from pathlib import Path

import pytest

from tabayyun import analyse
from tabayyun.stories import analyse_stories

ROOT = Path(__file__).resolve().parents[2]
CANDIDATES = (ROOT.parent / "shared", Path("/work/shared"))
CORPUS = next((p / "corpus" / "saudinewsnet-2015-08-03.jsonl" for p in CANDIDATES
               if (p / "corpus" / "saudinewsnet-2015-08-03.jsonl").exists()), None)
pytestmark = pytest.mark.skipif(CORPUS is None, reason="../shared (SaudiNewsNet day) not available")


@pytest.fixture(scope="module")
def slice_path(tmp_path_factory):
    # every 17th line: 80 articles across the day's outlets (the file is sorted by outlet)
    path = tmp_path_factory.mktemp("day") / "slice.jsonl"
    with CORPUS.open(encoding="utf-8") as f:
        lines = f.readlines()[::17]
    lines.insert(5, "{broken json\n")
    path.write_text("".join(lines), encoding="utf-8")
    return path, len(lines)


def test_real_day_slice_accounted_and_split(slice_path):
    slice_path, n = slice_path
    d = analyse([slice_path])
    merged = sum(len(s.also_from) for s in d.sources)
    assert d.inputs == n == len(d.sources) + merged + len(d.skipped)
    assert any("invalid JSON" in s.reason for s in d.skipped)
    assert len({s.outlet for s in d.sources}) >= 3
    split = analyse_stories([slice_path])
    assert split.inputs == n == sum(x.inputs for x in split.stories.values()) + len(split.skipped)
    assert 1 < len(split.stories) < split.articles  # several stories, some with more than one article
