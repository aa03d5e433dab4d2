"""Uploaded files and pasted text → Articles or Skipped, through the CLI's own
readers, so bad input is handled exactly as ``tabayyun add`` handles it."""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..ingest.formats import parse_meta_date
from ..ingest.readers import KNOWN_EXT, read_inputs, read_text
from ..model import Article, Meta, Skipped
from ..settings import Settings
from .errors import WebError

# what a browser or curl may send for the formats the readers know
OK_TYPES = {
    "", "application/octet-stream", "application/json", "application/x-ndjson", "application/jsonl",
    "application/x-jsonlines", "application/xml", "application/rss+xml", "application/atom+xml",
    "application/xhtml+xml",
}


@dataclass
class Received:
    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    inputs: int = 0


def safe_name(name: str | None, n: int) -> str:
    """The file's base name only (no directories), tame characters."""
    base = Path((name or "").replace("\\", "/")).name
    base = re.sub(r"[^\w.\-]+", "_", base).strip("._")[:120]
    return base or f"upload-{n}.txt"


def check_type(name: str, content_type: str | None) -> None:
    ext = Path(name).suffix.lower()
    ctype = (content_type or "").split(";")[0].strip().lower()
    if ext not in KNOWN_EXT:
        raise WebError(415, f"{name}: unsupported file type '{ext}' (accepted: {', '.join(sorted(e for e in KNOWN_EXT if e))}, or no extension)")
    if not (ctype in OK_TYPES or ctype.startswith("text/")):
        raise WebError(415, f"{name}: unsupported content type '{ctype}'")


def read_files(files: list[tuple[str, str | None, bytes]], settings: Settings, into: Received) -> None:
    """files: (name, content type, data). Type errors raise 415 before anything is read."""
    named = [(safe_name(n, i), ct, data) for i, (n, ct, data) in enumerate(files, 1)]
    for name, ct, _ in named:
        check_type(name, ct)
    with tempfile.TemporaryDirectory(prefix="tabayyun-upload-") as tmp:
        for i, (name, _, data) in enumerate(named):
            # each file in its own folder: two uploads may share a name
            d = Path(tmp) / str(i)
            d.mkdir()
            path = d / name
            path.write_bytes(data)
            prefix = str(path)
            for item in read_inputs([str(path)], settings):
                into.inputs += 1
                if isinstance(item, Skipped):
                    into.skipped.append(Skipped(item.source.replace(prefix, f"upload:{name}"), item.reason))
                else:
                    src = item.meta.source.replace(prefix, f"upload:{name}")
                    into.articles.append(replace(item, meta=replace(item.meta, source=src)))


def read_paste(text: str, settings: Settings, into: Received, title: str = "", outlet: str = "",
               date: str = "", url: str = "") -> None:
    if not text.strip():
        return
    into.inputs += 1
    meta = Meta(
        source="paste",
        title=title.strip() or None,
        outlet=outlet.strip() or None,
        outlet_how="metadata" if outlet.strip() else None,
        url=url.strip() or None,
        published=parse_meta_date(date.strip()) if date.strip() else Meta().published,
    )
    item = read_text(text, meta, settings)
    (into.skipped if isinstance(item, Skipped) else into.articles).append(item)
