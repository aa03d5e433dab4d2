from pathlib import Path

import pytest

from tabayyun.extract.segment import segment
from tabayyun.extract.times import times
from tabayyun.ingest.build import make_article
from tabayyun.model import Published

SEED = Path(__file__).resolve().parents[2] / "src" / "tabayyun" / "examples" / "karabakh-2023"
NAMES = {
    "harvest": "000_1b533fc5b68fb5bb.txt",
    "xeber": "001_c5d3505209b3c779.txt",
    "reuters": "002_8dbedb21f1a31f38.txt",
    "friday": "003_40d0f5eff5bdb6b3.txt",
    "wednesday": "004_b2d432f4c5225c23.txt",
}


def run_seed(name: str, published: Published | None = None):
    a = segment(make_article((SEED / NAMES[name]).read_text(encoding="utf-8")))
    if published is not None:
        from dataclasses import replace

        a = replace(a, meta=replace(a.meta, published=published))
    return times(a)


@pytest.fixture(scope="session")
def seed():
    cache = {}

    def get(name, published=None):
        key = (name, published)
        if key not in cache:
            cache[key] = run_seed(name, published)
        return cache[key]

    return get


def find(article, surface: str):
    """The first time expression whose text contains ``surface``, or is
    contained in it (a proclitic or "في" may sit on either side)."""
    for t in article.times:
        span = article.text[t.start:t.end]
        if surface in span or (span in surface and len(span) >= 0.6 * len(surface)):
            return t
    raise AssertionError(f"no time expression for {surface!r}: "
                         f"{[article.text[t.start:t.end] for t in article.times]}")
