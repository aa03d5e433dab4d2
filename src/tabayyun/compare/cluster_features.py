"""What story clustering reads from one analysed article: stemmed content words,
linked entity keys, a day, and figures. Computed once per article, from the
layers the per-article stages produced (no re-parsing beyond the title).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

from ..arabic.normalise import match_key
from ..arabic.segment import tokenise
from ..arabic.stem import strip_clitics
from ..extract.ner_lexicon import strip_particles
from ..model import Article

_MIN_STEM = 3
# A figure only says "same story" when it is specific: 3 killed is common, 37 is not.
_MIN_FIGURE = 5
_PLACE_TYPES = ("GPE", "LOC", "FAC")
TITLE_WEIGHT = 2  # a title word counts as two body words: titles name the story


@dataclass(frozen=True, slots=True)
class Features:
    """The clustering view of one article."""

    id: str
    terms: Counter  # stem -> count (body + weighted title)
    entities: frozenset[str]  # linked entity ids, or type + normalised name when unlinked
    day: int | None  # date.toordinal() of the article's day, None when unknown
    figures: frozenset[tuple[str, float]]  # (category, value)
    outlet: str | None = None
    duplicate_of: str | None = None
    places: frozenset[str] = frozenset()  # the entity keys that are places (GPE, LOC, FAC)


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    text = resources.files("tabayyun.compare").joinpath("cluster_stopwords.txt").read_text("utf-8")
    words = {w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")}
    return frozenset(words)


@lru_cache(maxsize=262144)
def content_stem(norm: str) -> str | None:
    """Light stem of a normalised word, or None for stop and short words."""
    stop = stopwords()
    if norm in stop:
        return None
    p, s = strip_clitics(norm)
    stem = norm[p : len(norm) - s]
    if len(stem) < _MIN_STEM or stem in stop or norm[p:] in stop:
        return None
    return stem


def _terms(article: Article) -> Counter:
    c: Counter = Counter()
    for t in article.tokens or tokenise(article.text):
        if t.kind == "word":
            s = content_stem(t.norm)
            if s:
                c[s] += 1
        elif t.kind == "latin" and len(t.norm) > 2:
            c[t.norm] += 1
    if article.meta.title:
        for t in tokenise(article.meta.title):
            if t.kind == "word":
                s = content_stem(t.norm)
                if s:
                    c[s] += TITLE_WEIGHT
    return c


def entity_key(article: Article, m) -> str | None:
    if m.entity_id and not m.entity_id.startswith("local:"):
        return m.entity_id
    words = match_key(article.text[m.start : m.end]).split(" ")
    if not words or not words[0]:
        return None
    # unlinked names and nationality nouns: light-stemmed words, so that
    # "الانفصاليين" and "الانفصاليون" are one key
    words = [strip_particles(words[0]), *words[1:]]
    key = " ".join(w[p : len(w) - s] for w in words for p, s in [strip_clitics(w)])
    # no type in the key: the tagger may call one name PER here and LOC there
    return "name:" + key if len(key) >= 3 else None


def _iso_day(value: str | None) -> int | None:
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


def article_day(article: Article) -> int | None:
    """The day the article speaks of: its publication day when known (metadata,
    dateline or text), else the most frequent absolute event day in the text."""
    pub = article.meta.published
    if pub.how != "none" and pub.how != "inferred":
        d = _iso_day(pub.value)
        if d is not None:
            return d
    days = Counter(
        d for t in article.times
        if t.kind in ("date", "datetime") and t.anchor == "absolute"
        for d in [_iso_day(t.value)] if d is not None
    )
    if days:
        return max(days.items(), key=lambda kv: (kv[1], kv[0]))[0]
    return None


def _figures(article: Article) -> frozenset[tuple[str, float]]:
    out = set()
    for q in article.quantities:
        if q.value is None or q.category in ("other", "duration") or abs(q.value) < _MIN_FIGURE:
            continue
        if q.category == "other" or not math.isfinite(q.value):
            continue
        out.add((q.category, float(q.value)))
    return frozenset(out)


def features(article: Article) -> Features:
    keyed = [(m.type, k) for m in article.entities for k in [entity_key(article, m)] if k]
    ents = frozenset(k for _, k in keyed)
    return Features(
        id=article.id,
        terms=_terms(article),
        entities=ents,
        day=article_day(article),
        figures=_figures(article),
        places=frozenset(k for t, k in keyed if t in _PLACE_TYPES),
        outlet=article.meta.outlet,
        duplicate_of=article.duplicate_of,
    )
