from pathlib import Path

import pytest

DATA = Path(__file__).parents[1] / "data"
ARTICLES = DATA / "clusters_articles.jsonl"
GOLD = DATA / "clusters_gold.jsonl"


@pytest.fixture(scope="session")
def gold_items():
    """(external id, features) of the gold articles, analysed once per session."""
    from tabayyun.evaluate.clusters import load

    items, skipped = load(ARTICLES)
    assert skipped == 0
    return items


@pytest.fixture(scope="session")
def gold():
    from tabayyun.evaluate.clusters import read_gold

    return read_gold(GOLD)
