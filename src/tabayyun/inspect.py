"""``tabayyun inspect``: an article's cleaned text, metadata and every layer with
offsets, for debugging extractors."""

from __future__ import annotations

import dataclasses
import json

from rich.console import Console
from rich.table import Table

from .model import LAYERS, Article


def _fields(rec) -> dict:
    # tokens are NamedTuples (built faster than dataclasses), the other layers dataclasses
    names = rec._fields if hasattr(rec, "_fields") else [f.name for f in dataclasses.fields(rec)]
    return {n: getattr(rec, n) for n in names if n not in ("start", "end")}


def render_article(a: Article, console: Console, as_json: bool = False, layers: tuple[str, ...] = ()) -> None:
    chosen = layers or LAYERS
    if as_json:
        from pydantic import TypeAdapter

        data = json.loads(TypeAdapter(Article).dump_json(a, exclude={"raw"}))
        for name in LAYERS:
            if name not in chosen:
                data.pop(name, None)
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return
    m = a.meta
    console.rule(f"{m.source}  id={a.id}")
    meta = Table(show_header=False)
    for k, v in _fields(m).items():
        if k != "removed":
            meta.add_row(k, str(v))
    console.print(meta)
    for r in m.removed:
        console.print(f"removed [{r.reason}] raw[{r.start}:{r.end}]: {r.text}", markup=False, highlight=False)
    console.print(a.text, markup=False, highlight=False)
    for name in chosen:
        items = getattr(a, name, ())
        if not items:
            continue
        t = Table(title=f"{name} ({len(items)})")
        for col in ("start", "end", "text", "fields"):
            t.add_column(col, overflow="fold")
        for rec in items:
            extra = {k: v for k, v in _fields(rec).items() if k != "norm" or name == "tokens"}
            t.add_row(str(rec.start), str(rec.end), a.text[rec.start : rec.end][:120], str(extra))
        console.print(t)
