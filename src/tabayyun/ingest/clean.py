"""Cleaning: drop site boilerplate, bylines and repeated lines, keeping an
offset-true body.

The body is made of whole lines of the raw text, so every character of
``Article.text`` is a character of the input; ``source_map`` says where each
kept piece came from and ``Removed`` records keep what was dropped and why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..model import Removed

_DASHES = "ـ\\-–—|/:"
# "كاجين أحمد ـ xeber24.net": a short name, a dash, a domain — alone on a line.
_BYLINE_DOMAIN_RE = re.compile(
    rf"^(?P<author>[^\n{_DASHES}]{{2,60}}?)\s*[{_DASHES}]\s*"
    r"(?P<domain>(?:www\.)?[A-Za-z0-9][A-Za-z0-9\-]*(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,})\s*$"
)
_DOMAIN_LINE_RE = re.compile(r"^(?:www\.)?[A-Za-z0-9][A-Za-z0-9\-]*(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$")
# "بقلم: فلان" / "كتب: فلان" / "By John Smith"
_BYLINE_NAME_RE = re.compile(
    r"^(?:بقلم|كتب|كتبت|إعداد|اعداد|تحرير|by)\s*[:：\-–]?\s*(?P<author>[^\n]{2,60})$", re.I
)
_REPEAT_MIN_CHARS = 15


@dataclass(frozen=True, slots=True)
class Cleaned:
    text: str
    source_map: tuple[tuple[int, int, int], ...]  # (text_start, raw_start, length)
    removed: tuple[Removed, ...]
    author: str | None = None
    byline_domain: str | None = None


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    tail, anywhere = [], []
    data = resources.files("tabayyun.ingest").joinpath("data/boilerplate.tsv").read_text("utf-8")
    for line in data.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        where, pattern = line.split("\t", 1)
        (tail if where == "tail" else anywhere).append(pattern)
    anywhere_re = re.compile("^(?:" + "|".join(anywhere) + r")\s*$", re.I)
    tail_re = re.compile("^(?:" + "|".join(tail + anywhere) + r")\s*$", re.I)
    return tail_re, anywhere_re


def _lines(raw: str) -> list[tuple[int, int]]:
    """(start, end) of each line, end excluding the newline."""
    out, pos = [], 0
    for line in raw.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def clean(raw: str) -> Cleaned:
    """Clean one article's raw text (newlines already normalised to ``\\n``)."""
    tail_re, anywhere_re = _patterns()
    lines = _lines(raw)
    drop: dict[int, str] = {}
    author = domain = None

    # leading byline: the first non-empty line, if it is one
    first = next((i for i, (s, e) in enumerate(lines) if raw[s:e].strip()), None)
    if first is not None:
        head = raw[lines[first][0] : lines[first][1]].strip()
        m = _BYLINE_DOMAIN_RE.match(head)
        n = _BYLINE_NAME_RE.match(head) if m is None else None
        if m:
            author, domain = m.group("author").strip(), m.group("domain").lower()
            drop[first] = "byline"
        elif n and len(head.split()) <= 8:
            author = n.group("author").strip()
            drop[first] = "byline"
        elif _DOMAIN_LINE_RE.match(head):
            domain = head.lower()
            drop[first] = "byline"

    # trailing block of boilerplate, from the end up
    for i in range(len(lines) - 1, -1, -1):
        line = raw[lines[i][0] : lines[i][1]].strip()
        if not line:
            continue
        if tail_re.match(line):
            drop[i] = "boilerplate"
            continue
        if domain is None and _DOMAIN_LINE_RE.match(line):
            domain = line.lower()
            drop[i] = "byline"
            continue
        break

    # whole-line boilerplate anywhere, and repeated lines
    by_ends: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for i, (s, e) in enumerate(lines):
        if i in drop:
            continue
        line = raw[s:e].strip()
        if not line:
            continue
        if anywhere_re.match(line):
            drop[i] = "boilerplate"
            continue
        if len(line) >= _REPEAT_MIN_CHARS:
            # lines equal up to spacing share their first and last words: only
            # those are compared whole (splitting every line into words is costly)
            ends = (line.split(None, 1)[0], line.rsplit(None, 1)[-1])
            by_ends.setdefault(ends, []).append((i, line))
    for group in by_ends.values():
        if len(group) < 2:
            continue
        seen: set[str] = set()
        for i, line in group:
            key = " ".join(line.split())  # exact repeats; normalising every line costs too much
            if key in seen:
                drop[i] = "repeated-line"
            seen.add(key)

    return _assemble(raw, lines, drop, author, domain)


def _assemble(raw, lines, drop, author, domain) -> Cleaned:
    removed = tuple(
        Removed(lines[i][0], lines[i][1], why, raw[lines[i][0] : lines[i][1]])
        for i, why in sorted(drop.items())
    )
    # kept raw ranges: whole lines with their newline, merged when adjacent
    ranges: list[list[int]] = []
    for i, (s, e) in enumerate(lines):
        if i in drop:
            continue
        e2 = min(e + 1, len(raw))
        if ranges and ranges[-1][1] == s:
            ranges[-1][1] = e2
        else:
            ranges.append([s, e2])
    # trim outer whitespace without rewriting characters
    while ranges and not raw[ranges[0][0] : ranges[0][1]].strip():
        ranges.pop(0)
    while ranges and not raw[ranges[-1][0] : ranges[-1][1]].strip():
        ranges.pop()
    if ranges:
        s, e = ranges[0]
        while s < e and raw[s].isspace():
            s += 1
        ranges[0][0] = s
        s, e = ranges[-1]
        while e > s and raw[e - 1].isspace():
            e -= 1
        ranges[-1][1] = e
    pieces, smap, pos = [], [], 0
    for s, e in ranges:
        pieces.append(raw[s:e])
        smap.append((pos, s, e - s))
        pos += e - s
    return Cleaned("".join(pieces), tuple(smap), removed, author, domain)


def to_raw(source_map: tuple[tuple[int, int, int], ...], offset: int) -> int:
    """Map an offset in the cleaned text back to the raw input."""
    for t0, r0, n in source_map:
        if t0 <= offset <= t0 + n:
            return r0 + offset - t0
    raise ValueError(f"offset {offset} is outside the text")
