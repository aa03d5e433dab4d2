"""Training entry points: ``tabayyun train KIND DATA... --out PATH --seed N``
imports ``tabayyun.training.KIND`` and calls ``train(paths, out, seed, **options)``,
which returns a dict of scores to print. Deterministic for a given seed."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path


def kinds() -> list[str]:
    here = Path(__file__).parent
    return sorted(m.name for m in pkgutil.iter_modules([str(here)]) if not m.name.startswith("_"))


def run(kind: str, paths: list[Path], out: Path | None, seed: int, **options) -> dict:
    if kind not in kinds():
        raise ValueError(f"unknown training kind '{kind}' (known: {', '.join(kinds()) or 'none'})")
    module = importlib.import_module(f"{__name__}.{kind}")
    return module.train(paths, out, seed, **options)
