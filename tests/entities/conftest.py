from __future__ import annotations

import pytest
from ner_helpers import EXAMPLES, analyse, dossier_of


@pytest.fixture(scope="session")
def seed_articles():
    return [analyse(p.read_text(encoding="utf-8"), p.name) for p in sorted(EXAMPLES.glob("*.txt"))]


@pytest.fixture(scope="session")
def linked_seed(seed_articles):
    from tabayyun.compare.link import link

    return link(dossier_of(seed_articles))
