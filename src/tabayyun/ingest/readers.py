"""Read inputs — files, directories (recursive), globs, stdin, texts — into
Articles, or Skipped records with a one-line reason. Never raises on bad input:
every input unit comes out as exactly one Article or one Skipped."""

from __future__ import annotations

import glob
import io
import logging
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from ..errors import InputError, Reasons
from ..model import Article, Meta, Skipped
from ..settings import Settings
from .build import make_article
from .decode import decode
from .formats import Unit, feed_units, html_units, json_units, jsonl_units

log = logging.getLogger(__name__)

TEXT_EXT = {".txt", ".text", ".md", ""}
HTML_EXT = {".html", ".htm", ".xhtml"}
JSON_EXT = {".json"}
JSONL_EXT = {".jsonl", ".ndjson"}
FEED_EXT = {".xml", ".rss", ".atom", ".feed"}
KNOWN_EXT = TEXT_EXT | HTML_EXT | JSON_EXT | JSONL_EXT | FEED_EXT
_GLOB_CHARS = set("*?[")


def read_inputs(inputs: Iterable, settings: Settings | None = None) -> Iterator[Article | Skipped]:
    """Paths (str or Path), "-" for stdin, or Article objects."""
    settings = settings or Settings()
    for item in inputs:
        if isinstance(item, Article):
            yield item
        elif str(item) == "-":
            yield from _finish(_stdin_units(settings), settings)
        else:
            yield from _path(str(item), settings)


def read_text(text: str, meta: Meta | None = None, settings: Settings | None = None) -> Article | Skipped:
    """One article from a Python string (the API's path for texts)."""
    meta = meta or Meta(source="<text>")
    return next(_finish(iter([Unit(text, meta)]), settings or Settings()))


def _finish(units: Iterator[Unit | Skipped], settings: Settings) -> Iterator[Article | Skipped]:
    for u in units:
        if isinstance(u, Skipped):
            yield u
            continue
        try:
            yield make_article(u.raw, u.meta, settings)
        except InputError as exc:
            yield Skipped(exc.source, exc.reason)


def _path(spec: str, settings: Settings) -> Iterator[Article | Skipped]:
    if _GLOB_CHARS & set(spec) and not os.path.exists(spec):
        matches = sorted(glob.glob(spec, recursive=True))
        if not matches:
            yield Skipped(spec, Reasons.NO_MATCH)
        for m in matches:
            yield from _path(m, settings)
        return
    p = Path(spec)
    try:
        is_dir, is_file = p.is_dir(), p.is_file()
    except OSError as exc:  # e.g. a name too long for the file system
        yield Skipped(spec[:200], Reasons.UNREADABLE.format(detail=exc.strerror or exc))
        return
    if is_dir:
        yield from _directory(p, settings)
    elif is_file:
        yield from _finish(_file_units(p, settings), settings)
    else:
        yield Skipped(spec, Reasons.NO_MATCH)


def _directory(d: Path, settings: Settings) -> Iterator[Article | Skipped]:
    files = sorted(
        f for f in d.rglob("*")
        if f.is_file() and not any(part.startswith(".") for part in f.relative_to(d).parts)
    )
    if not files:
        yield Skipped(str(d), Reasons.EMPTY_DIR)
        return
    # every file is read or listed with its reason, so inputs = articles + merged + skipped
    for f in files:
        if f.suffix.lower() in KNOWN_EXT:
            yield from _finish(_file_units(f, settings), settings)
        else:
            yield Skipped(str(f), Reasons.UNKNOWN_TYPE.format(ext=f.suffix.lower()))


def _read_bytes(p: Path, settings: Settings, limit: bool = True) -> bytes:
    source = str(p)
    try:
        size = p.stat().st_size
        if limit and size > settings.max_bytes:
            raise InputError(source, Reasons.TOO_LARGE.format(size=_mb(size), limit=_mb(settings.max_bytes)))
        return p.read_bytes()
    except OSError as exc:
        raise InputError(source, Reasons.UNREADABLE.format(detail=exc.strerror or exc)) from None


def _mb(n: int) -> str:
    # "0.0 MB > limit 0.0 MB" says nothing: small sizes in bytes
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n:,} bytes"


def _kind(p: Path, head: str) -> str:
    ext = p.suffix.lower()
    if ext in JSONL_EXT:
        return "jsonl"
    if ext in JSON_EXT:
        return "json"
    if ext in HTML_EXT:
        return "html"
    if ext in FEED_EXT:
        return "feed"
    start = head.lstrip()[:500].lower()
    if start.startswith("<?xml") or "<rss" in start or "<feed" in start:
        return "feed" if ("<rss" in start or "<feed" in start or "<rdf" in start) else "html"
    if start.startswith("<!doctype html") or start.startswith("<html"):
        return "html"
    return "text"


def _file_units(p: Path, settings: Settings) -> Iterator[Unit | Skipped]:
    source = str(p)
    if p.suffix.lower() in JSONL_EXT:  # streamed: a large JSONL of many articles is normal
        yield from _jsonl_file(p, settings)
        return
    try:
        data = _read_bytes(p, settings)
        text, encoding = decode(data, source)
    except InputError as exc:
        yield Skipped(exc.source, exc.reason)
        return
    kind = _kind(p, text[:1000])
    if kind == "json":
        units = json_units(text, source, settings)
    elif kind == "html":
        units = html_units(text, source)
    elif kind == "feed":
        units = feed_units(data, source)
    else:
        units = iter([Unit(text, Meta(source=source))])
    for u in units:
        yield replace(u, meta=replace(u.meta, encoding=encoding)) if isinstance(u, Unit) else u


def _jsonl_file(p: Path, settings: Settings) -> Iterator[Unit | Skipped]:
    source = str(p)
    try:
        fh = p.open("rb")
    except OSError as exc:
        yield Skipped(source, Reasons.UNREADABLE.format(detail=exc.strerror or exc))
        return
    with fh:
        any_line = False
        encoding = _utf16(fh.read(4000))
        fh.seek(0)
        # UTF-16 lines cannot be split on the byte b"\n" (it is half of a character)
        lines = (io.TextIOWrapper(fh, encoding=encoding, errors="replace") if encoding else fh)
        for n, raw in enumerate(lines, 1):
            if not raw.strip():
                continue
            any_line = True
            if encoding:
                for u in jsonl_units(iter([raw]), source, settings):
                    where = f"{source}:{n}"
                    yield replace(u, source=where) if isinstance(u, Skipped) else replace(u, meta=replace(u.meta, source=where))
            else:
                yield from jsonl_line(raw, f"{source}:{n}", settings)
        if not any_line:
            yield Skipped(source, Reasons.EMPTY)


def _utf16(head: bytes) -> str | None:
    """"utf-16" for a UTF-16 JSONL file (with a BOM, or NULs as every other byte)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if len(head) >= 4 and b"\x00" in head:
        # the high byte of ASCII is 0 and of Arabic 0x06 (as decode.py tells BOM-less UTF-16)
        even, odd = head[0::2], head[1::2]
        for enc, hi in (("utf-16-le", odd), ("utf-16-be", even)):
            if sum(b in (0, 6) for b in hi) > 0.9 * len(hi):
                return enc
    return None


def jsonl_line(raw: bytes, where: str, settings: Settings) -> Iterator[Unit | Skipped]:
    """One raw JSONL line -> its unit (or why it was skipped). Shared with the
    batch runner, which reads byte ranges of the same files on workers."""
    try:
        line, _ = decode(raw, where)
    except InputError as exc:
        yield Skipped(exc.source, exc.reason)
        return
    for u in jsonl_units(iter([line]), where, settings):
        # jsonl_units numbers lines from 1 within what it was given
        yield replace(u, source=where) if isinstance(u, Skipped) else replace(u, meta=replace(u.meta, source=where))


def finish(units: Iterator[Unit | Skipped], settings: Settings) -> Iterator[Article | Skipped]:
    """Units -> Articles (cleaned, identified) or Skipped."""
    return _finish(units, settings)


def _stdin_units(settings: Settings) -> Iterator[Unit | Skipped]:
    data = sys.stdin.buffer.read()
    try:
        text, encoding = decode(data, "<stdin>")
    except InputError as exc:
        yield Skipped(exc.source, exc.reason)
        return
    head = text.lstrip()[:1]
    if head in "{[":
        first_line = text.lstrip().split("\n", 1)[0]
        if first_line.rstrip().endswith("}") and text.strip().count("\n") >= 1:
            yield from jsonl_units(iter(text.splitlines()), "<stdin>", settings)
        else:
            yield from json_units(text, "<stdin>", settings)
    elif head == "<":
        yield from html_units(text, "<stdin>")
    else:
        yield Unit(text, Meta(source="<stdin>", encoding=encoding))
