"""Plain-JSON views of model and store records for the API.

Records are frozen (slotted) dataclasses and NamedTuples; this walks them
generically so new fields appear in the API without code here."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from enum import Enum
from pathlib import Path

from ..model import Article

# bulky, derivable layers left out of article JSON unless ?full=true
LEAN_ARTICLE = frozenset({"tokens", "raw", "source_map"})


def jsonable(obj, full: bool = False):
    if obj is None or isinstance(obj, (bool, int, float, str)):
        return obj
    if isinstance(obj, Article) and not full:
        return {
            f.name: jsonable(getattr(obj, f.name), full)
            for f in dataclasses.fields(obj)
            if f.name not in LEAN_ARTICLE
        }
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: jsonable(getattr(obj, f.name), full) for f in dataclasses.fields(obj)}
    if isinstance(obj, tuple) and hasattr(obj, "_asdict"):  # NamedTuple (Token)
        return {k: jsonable(v, full) for k, v in obj._asdict().items()}
    if isinstance(obj, (list, tuple, set, frozenset)):
        return [jsonable(v, full) for v in obj]
    if isinstance(obj, dict):
        return {str(k): jsonable(v, full) for k, v in obj.items()}
    if isinstance(obj, (datetime, date)):
        return obj.isoformat()
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, Path):
        return str(obj)
    return str(obj)


def page(p, full: bool = False) -> dict:
    """A store Page as {items, total, limit, offset}."""
    return {"items": jsonable(list(p.items), full), "total": p.total, "limit": p.limit, "offset": p.offset}
