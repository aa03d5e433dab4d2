"""Lexicons and word helpers shared by alignment and findings (data in
``arabic/lexicons/align_*.tsv``), plus the unit table used to compare values."""

from __future__ import annotations

import bisect
from functools import lru_cache
from importlib import resources

from ..arabic.normalise import normalise
from ..arabic.stem import strip_clitics
from ..model import Article

# unit -> (family, factor to the family's base unit): "شهر ونصف" and "45 يوماً"
# are both days; "40 طناً" and "40 ألف كيلوغرام" are both kilograms
UNITS = {
    "minute": ("time", 1 / 1440), "hour": ("time", 1 / 24), "day": ("time", 1.0),
    "week": ("time", 7.0), "month": ("time", 30.0), "year": ("time", 365.0),
    "decade": ("time", 3650.0), "tonne": ("mass", 1000.0), "kg": ("mass", 1.0),
}
BASE_NAME = {"time": "days", "mass": "kg"}
CASUALTY = frozenset({"killed", "wounded", "missing", "displaced", "evacuated", "detained", "released"})


def _rows(name: str) -> list[list[str]]:
    data = resources.files("tabayyun.arabic").joinpath(f"lexicons/{name}").read_text("utf-8")
    return [line.split("\t") for line in data.splitlines() if line.strip() and not line.startswith("#")]


class _Table:
    """word -> label with exact and prefix (``word*``) rows, normalised."""

    def __init__(self, rows: list[list[str]]):
        self.exact: dict[str, str] = {}
        self.prefix: list[tuple[str, str]] = []
        for cols in rows:
            key = normalise(cols[0].rstrip("*"))
            if cols[0].endswith("*"):
                self.prefix.append((key, cols[1]))
            else:
                self.exact[key] = cols[1]

    def get(self, word: str) -> str | None:
        p, s = strip_clitics(word)
        for form in (word, word[p:], word[p : len(word) - s]):
            if form in self.exact:
                return self.exact[form]
        bare = word[p:]
        for key, label in self.prefix:
            if bare.startswith(key) and len(bare) <= len(key) + 3:
                return label
        return None


@lru_cache(maxsize=1)
def groups() -> _Table:
    return _Table(_rows("align_groups.tsv"))


@lru_cache(maxsize=1)
def causes() -> _Table:
    return _Table(_rows("align_causes.tsv"))


class _Agents:
    """align_agents.tsv: verbs of moving people, helper verbs, and doer nouns."""

    def __init__(self, rows: list[list[str]]):
        by: dict[str, list[list[str]]] = {}
        for cols in rows:
            by.setdefault(cols[0], []).append(cols[1:])
        self.kinds = {k: _Table([[r[0], k] for r in v]) for k, v in by.items() if k != "doer"}
        self.doers = _Table(by.get("doer", []))

    def kind(self, word: str) -> str | None:
        for k, table in self.kinds.items():
            if table.get(word):
                return k
        return None

    def doer(self, word: str) -> str | None:
        return self.doers.get(word)


@lru_cache(maxsize=1)
def agents() -> _Agents:
    return _Agents(_rows("align_agents.tsv"))


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    return frozenset(normalise(r[0]) for r in _rows("align_stopwords.tsv"))


@lru_cache(maxsize=131072)
def content_stem(norm: str) -> str | None:
    """The light stem of a content word, None for function words, numbers, short words."""
    if len(norm) < 3 or norm in stopwords() or not norm[0].isalpha():
        return None
    p, s = strip_clitics(norm)
    stem = norm[p : len(norm) - s]
    if len(stem) < 3 or stem in stopwords() or norm[p:] in stopwords():
        return None
    return stem


class Words:
    """The word tokens of one article, found by offset."""

    def __init__(self, article: Article):
        self.toks = [t for t in article.tokens if t.kind in ("word", "number", "latin")]
        self.starts = [t.start for t in self.toks]
        self.sent_starts = [s.start for s in article.sentences]
        self.sents = article.sentences

    def between(self, start: int, end: int):
        i = bisect.bisect_left(self.starts, start)
        j = bisect.bisect_left(self.starts, end)
        return self.toks[i:j]

    def sentence(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.sent_starts, pos) - 1
        if 0 <= i < len(self.sents) and self.sents[i].start <= pos < self.sents[i].end:
            return self.sents[i].start, self.sents[i].end
        return max(0, pos - 200), pos + 200

    def index(self, pos: int) -> int:
        return bisect.bisect_left(self.starts, pos)


def stems(words) -> set[str]:
    return {s for t in words if (s := content_stem(t.norm))}
