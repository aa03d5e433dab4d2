"""Helpers for the entities tests: analyse a text, build a dossier."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from tabayyun.extract.entities import entities
from tabayyun.extract.segment import segment
from tabayyun.ingest.build import make_article
from tabayyun.model import Article, Dossier, Source

EXAMPLES = Path(__file__).resolve().parents[2] / "src" / "tabayyun" / "examples" / "karabakh-2023"


def analyse(text: str, source: str = "t"):
    # make_article refuses empty input (an ingest error): build the bare record then
    a = segment(make_article(text) if text.strip() else Article(id="empty", text=text))
    a = replace(a, meta=replace(a.meta, source=source))
    return entities(a)


def dossier_of(articles, labels=None) -> Dossier:
    labels = labels or [f"outlet{i}" for i in range(len(articles))]
    sources = tuple(
        Source(article=a.id, source=a.meta.source, label=lab, outlet=lab, outlet_how=None,
               title=None, author=None, url=None, published=a.meta.published, language="ar",
               language_score=1.0, chars=len(a.text), removed=(), duplicate_of=a.duplicate_of)
        for a, lab in zip(articles, labels)
    )
    return Dossier(articles=tuple(articles), sources=sources)


