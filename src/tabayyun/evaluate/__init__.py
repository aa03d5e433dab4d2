"""Scorers for public gold formats, one module per kind.

``tabayyun eval KIND FILE`` imports ``tabayyun.evaluate.KIND`` and calls its
``evaluate(path, **options) -> EvalResult``. A kind exists when its module does:
adding a scorer is adding a module, nothing else.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class EvalResult:
    kind: str
    metrics: dict  # precision, recall, f1, accuracy, n — as they apply
    rows: tuple[tuple[str, dict], ...] = ()  # per-type / per-category breakdown
    notes: tuple[str, ...] = field(default=())

    def as_json(self) -> dict:
        out = dict(self.metrics)
        out["kind"] = self.kind
        if self.rows:
            out["by"] = {name: m for name, m in self.rows}
        return out


def kinds() -> list[str]:
    here = Path(__file__).parent
    return sorted(m.name for m in pkgutil.iter_modules([str(here)]) if not m.name.startswith("_"))


def run(kind: str, path: Path, **options) -> EvalResult:
    if kind not in kinds():
        raise ValueError(f"unknown evaluation kind '{kind}' (known: {', '.join(kinds()) or 'none'})")
    module = importlib.import_module(f"{__name__}.{kind}")
    return module.evaluate(path, **options)


def prf(tp: int, fp: int, fn: int) -> dict:
    """Precision, recall, F1 from counts (0.0 where undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "tp": tp, "fp": fp, "fn": fn}


def gold_article(entry: dict):
    """A gold entry's article through the per-article stages: ``{"file": name}``
    names a bundled seed article, ``{"text": ...}`` carries the text."""
    from importlib import resources

    from ..extract import default_stages
    from ..ingest.build import make_article
    from ..pipeline import Pipeline

    if "file" in entry:
        raw = resources.files("tabayyun").joinpath("examples/karabakh-2023", entry["file"]).read_text("utf-8")
    else:
        raw = entry["text"]
    return Pipeline(default_stages()).run_article(make_article(raw))
