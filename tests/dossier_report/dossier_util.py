"""Helpers for the dossier report tests: find seed articles, spans and figures."""

from __future__ import annotations

from pathlib import Path

import tabayyun
from tabayyun.model import Evidence

SEEDS = Path(tabayyun.__file__).parent / "examples" / "karabakh-2023"


def art(d, prefix: str):
    return next(a for a in d.articles if Path(a.meta.source).name.startswith(prefix))


def span_of(a, needle: str, outlet: str | None = None) -> Evidence:
    i = a.text.index(needle)
    return Evidence(a.id, i, i + len(needle), outlet)


def label(d, a) -> str:
    return next(s.label for s in d.sources if s.article == a.id)


def fig(d, prefix: str, value: float, category: str = "killed"):
    a = art(d, prefix)
    return next(f for f in d.figures if f.article == a.id and f.value == value and f.category == category)
