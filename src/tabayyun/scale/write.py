"""Batch outputs: Parquet tables (one row per article, per layer span, per
figure, per finding, per story, per skipped input) and a report per story.

Layer rows are flattened one level: a nested span becomes ``<name>_start`` /
``<name>_end``; tuples become JSON text. Every row keeps its article id and
story, and span rows keep ``start``/``end`` into the article text."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from ..model import LAYERS, Article, Dossier, Skipped

_ROW_LAYERS = tuple(x for x in LAYERS if x not in ("tokens",))  # tokens are derivable and bulky
FINDINGS = ("disputes", "attribution_conflicts", "contradictions", "agreements", "single_source",
            "framing", "timeline", "summary", "wire_copy", "independence")


def flat(rec, prefix: str = "") -> dict:
    row = {}
    for f in dataclasses.fields(rec):
        v = getattr(rec, f.name)
        key = prefix + f.name
        if v is None and "Span" in str(f.type):
            row[key + "_start"], row[key + "_end"] = None, None
        elif dataclasses.is_dataclass(v):
            if {"start", "end"} <= {x.name for x in dataclasses.fields(v)} and len(dataclasses.fields(v)) <= 3:
                row[key + "_start"], row[key + "_end"] = v.start, v.end
            else:
                row[key] = json.dumps(dataclasses.asdict(v), ensure_ascii=False)
        elif isinstance(v, (tuple, list)):
            row[key] = json.dumps([dataclasses.asdict(x) if dataclasses.is_dataclass(x) else x for x in v],
                                  ensure_ascii=False)
        else:
            row[key] = v
    return row


def article_row(a: Article, story: str) -> dict:
    m, p = a.meta, a.meta.published
    return {
        "id": a.id, "story": story, "external_id": m.external_id, "source": m.source, "outlet": m.outlet,
        "outlet_how": m.outlet_how, "url": m.url, "title": m.title, "author": m.author,
        "language": m.language, "published": p.value, "published_grain": p.grain, "published_how": p.how,
        "chars": len(a.text), "duplicate_of": a.duplicate_of, "text": a.text,
    }


def story_row(story: str, d: Dossier) -> dict:
    dates = sorted(s.published.value for s in d.sources if s.published.value)
    first = d.articles[0] if d.articles else None
    title = (first.meta.title or (first.text[first.sentences[0].start:first.sentences[0].end] if first.sentences else first.text[:120])) if first else ""
    return {
        "story": story, "title": title, "articles": len(d.articles),
        "outlets": json.dumps(sorted({s.label for s in d.sources}), ensure_ascii=False),
        "first_date": dates[0] if dates else None, "last_date": dates[-1] if dates else None,
        **{k: len(getattr(d, k)) for k in FINDINGS},
    }


def write_outputs(out: Path, articles: list[Article], assignment: dict[str, str],
                  dossiers: dict[str, Dossier], skipped: list[Skipped], reports: bool = True) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    out.mkdir(parents=True, exist_ok=True)
    tables: dict[str, list[dict]] = {"articles": [], "stories": [], "figures": [], "findings": [], "skipped": []}
    for layer in _ROW_LAYERS:
        tables[layer] = []
    for a in articles:
        story = assignment[a.id]
        tables["articles"].append(article_row(a, story))
        for layer in _ROW_LAYERS:
            for i, rec in enumerate(getattr(a, layer)):
                row = {"article": a.id, "story": story, "index": i, **flat(rec)}
                if "start" in row and "end" in row:
                    row["text"] = a.text[row["start"]:row["end"]]
                tables[layer].append(row)
    for story, d in dossiers.items():
        tables["stories"].append(story_row(story, d))
        tables["figures"] += [{"story": story, **flat(f)} for f in d.figures]
        for kind in FINDINGS:
            for i, rec in enumerate(getattr(d, kind)):
                tables["findings"].append({"story": story, "kind": kind, "index": i,
                                           "json": json.dumps(dataclasses.asdict(rec), ensure_ascii=False)})
    tables["skipped"] = [{"source": s.source, "reason": s.reason} for s in skipped]
    for name, rows in tables.items():
        # pyarrow infers the schema from the first row: give every row every column
        cols = list(dict.fromkeys(k for r in rows for k in r))
        table = pa.Table.from_pylist([{c: r.get(c) for c in cols} for r in rows]) if rows else pa.table({})
        pq.write_table(table, out / f"{name}.parquet")
    if reports:
        _reports(out / "stories", dossiers)


def _reports(root: Path, dossiers: dict[str, Dossier]) -> None:
    from ..report.html import to_html
    from ..report.json import to_json

    for story, d in dossiers.items():
        folder = root / _safe(story)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "report.html").write_text(to_html(d), encoding="utf-8")
        (folder / "dossier.json").write_text(to_json(d), encoding="utf-8")


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in name)[:80] or "story"
