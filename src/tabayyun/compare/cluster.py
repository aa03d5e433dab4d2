"""Story clustering: sort a stream of analysed articles into stories (one real-world
event or development each), online — a new article joins the best existing story
or opens a new one.

Two steps per article, so the cost stays near-linear in the stream:
1. candidates from an inverted index over the article's most telling stemmed
   content words and linked entities; each posting list keeps only its most
   recently touched stories (``posting_cap``), so a common word costs no more
   than a rare one;
2. a linear score over those candidates: TF-IDF cosine against the story centroid
   and against its closest kept member, the share of the article's entities the
   story already has, shared specific figures, and day proximity (unknown days
   are neutral). The weights and the join threshold are calibrated on gold
   clusterings (``tabayyun train clusters``), stored in ``cluster_params.json``.

Wire copies (``duplicate_of`` from the dedupe stage, or a near-identical member)
always join their original's story, so a story lists every outlet that ran it.
IDF is learnt online from the stream itself, so results depend only on the
articles and their order: ``cluster(articles)`` equals ``add()`` in that order.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from importlib import resources

from ..model import Article, Dossier
from ..settings import Settings
from .cluster_features import Features, features

PARAMS_FILE = "cluster_params.json"


@dataclass(frozen=True, slots=True)
class ClusterParams:
    threshold: float = 0.3  # join the best story when its score reaches this
    w_centroid: float = 1.0  # cosine to the story centroid
    w_member: float = 0.5  # cosine to the closest kept member
    w_entities: float = 0.2  # share of the article's entity weight found in the story
    w_figures: float = 0.1  # shared specific figures (2 or more count fully)
    w_time: float = 0.1  # 0 within a day of the story's days … -1 at time_scale days apart or more; 0 unknown
    w_places: float = 0.0  # +1 the article's places are the story's … -1 none are; 0 unknown
    time_scale: float = 14.0  # days apart at which the time penalty is full
    wire: float = 0.85  # cosine to a member at which an article is a copy: always joins
    min_member: float = 0.0  # and no join below this cosine to the closest kept member (stops chaining)
    top_terms: int = 12  # index keys per article: its highest TF-IDF stems …
    top_entities: int = 8  # … and its rarest entities
    posting_cap: int = 32  # stories kept per index key (most recently touched)
    candidates: int = 10  # stories scored per article
    member_keep: int = 4  # member vectors kept per story (the first and the latest)
    vector_terms: int = 60  # terms kept per article vector
    centroid_terms: int = 300  # terms kept per story centroid

    @classmethod
    def from_dict(cls, d: dict) -> ClusterParams:
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in names})


@lru_cache(maxsize=1)
def default_params() -> ClusterParams:
    """The calibrated parameters shipped with the package (defaults if absent)."""
    try:
        text = resources.files("tabayyun.compare").joinpath(PARAMS_FILE).read_text("utf-8")
    except FileNotFoundError:
        return ClusterParams()
    return ClusterParams.from_dict(json.loads(text).get("params", {}))


def story_id_for(article_id: str) -> str:
    """A story is named after the article that opened it: stable and unique."""
    return "story-" + article_id


class _Story:
    __slots__ = ("id", "order", "members", "centroid", "norm2", "kept", "entities", "figures",
                 "first_day", "last_day", "outlets", "places")

    def __init__(self, sid: str, order: int):
        self.id = sid
        self.order = order
        self.members: list[str] = []
        self.centroid: dict[str, float] = {}
        self.norm2 = 0.0
        self.kept: list[dict[str, float]] = []  # member unit vectors: first + latest
        self.entities: Counter = Counter()
        self.figures: set = set()
        self.places: set = set()
        self.first_day: int | None = None
        self.last_day: int | None = None
        self.outlets: dict[str, None] = {}


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    get = b.get
    return sum(w * get(t, 0.0) for t, w in a.items())


class StoryClusterer:
    """Online story clustering: a new article joins an existing story or opens a new one."""

    def __init__(self, settings: Settings | None = None, params: ClusterParams | None = None):
        self.settings = settings or Settings()
        self.params = params or default_params()
        self._stories: dict[str, _Story] = {}
        self._story_of: dict[str, str] = {}
        self._df: Counter = Counter()  # stems and entity keys -> articles seen with them
        self._n = 0
        self._postings: dict[str, dict[str, None]] = {}

    # ------------------------------------------------------------ public API

    def seed(self, article: Article, story: str) -> None:
        """Load an article already assigned to ``story`` (e.g. from a store)."""
        self.seed_features(features(article), story)

    def seed_features(self, f: Features, story: str) -> None:
        self._place(f, story, None)

    def add(self, article: Article) -> str:
        """Assign the article to a story and return the story id."""
        return self.add_features(features(article))

    def add_features(self, f: Features, prepared=None) -> str:
        """``add`` over precomputed features; ``prepared`` is ``(vector, keys)`` from
        ``prepare`` (they depend on the articles seen before, never on decisions)."""
        known = self._story_of.get(f.id)
        if known is not None:
            return known
        vec, keys = prepared or self._vector(f)
        sid = self._choose(f, vec, keys)
        return self._place(f, sid, (vec, keys))

    def stories(self) -> dict[str, list[str]]:
        """Story id -> article ids, in the order stories were opened."""
        return {sid: list(s.members) for sid, s in self._stories.items()}

    def story_of(self, article_id: str) -> str | None:
        return self._story_of.get(article_id)

    def outlets(self, story: str) -> list[str]:
        s = self._stories.get(story)
        return list(s.outlets) if s else []

    # ------------------------------------------------------------ scoring

    def _idf(self, key: str) -> float:
        return math.log((self._n + 1) / (self._df.get(key, 0) + 1)) + 1.0

    def _vector(self, f: Features) -> tuple[dict[str, float], list[str]]:
        """Unit TF-IDF vector (top terms) and the index keys of the article."""
        p = self.params
        w = {t: (1.0 + math.log(c)) * self._idf(t) for t, c in f.terms.items()}
        top = sorted(w.items(), key=lambda kv: (-kv[1], kv[0]))[: p.vector_terms]
        norm = math.sqrt(sum(v * v for _, v in top)) or 1.0
        vec = {t: v / norm for t, v in top}
        ents = sorted(f.entities, key=lambda e: (-self._idf(e), e))[: p.top_entities]
        keys = [t for t, _ in top[: p.top_terms]] + ["e|" + e for e in ents]
        return vec, keys

    def _lookup_keys(self, f: Features, vec: dict[str, float], keys: list[str]) -> list[str]:
        """Keys to look candidates up by: the article's highest-weighted terms and
        rarest entities *that some earlier article had* (the rarest of all are
        often new to the stream and would find nothing)."""
        p, df = self.params, self._df
        terms = [t for t in vec if df.get(t)][: p.top_terms]  # vec is ordered by weight
        ents = sorted((e for e in f.entities if df.get(e)), key=lambda e: (-self._idf(e), e))[: p.top_entities]
        return terms + ["e|" + e for e in ents]

    def _candidates(self, f: Features, keys: list[str]) -> list[_Story]:
        hits: Counter = Counter()
        for k in keys:
            post = self._postings.get(k)
            if post:
                for sid in post:
                    hits[sid] += 1
        ranked = sorted(hits.items(), key=lambda kv: (-kv[1], self._stories[kv[0]].order))
        out = [self._stories[sid] for sid, _ in ranked[: self.params.candidates]]
        return out

    def score(self, f: Features, vec: dict[str, float], s: _Story) -> tuple[float, float]:
        """(score, best member cosine) of the article against one story."""
        p = self.params
        cc = _dot(vec, s.centroid) / math.sqrt(s.norm2) if s.norm2 > 0 else 0.0
        cm = max((_dot(vec, m) for m in s.kept), default=0.0)
        ent = 0.0
        if f.entities:
            ents = sorted(f.entities)  # a fixed order: float sums must not depend on hash seeds
            total = sum(self._idf(e) for e in ents)
            ent = sum(self._idf(e) for e in ents if e in s.entities) / total
        fig = min(1.0, len(f.figures & s.figures) / 2.0) if f.figures else 0.0
        pl = 0.0
        if f.places and s.places:
            places = sorted(f.places)
            total = sum(self._idf(e) for e in places)
            pl = 2.0 * sum(self._idf(e) for e in places if e in s.places) / total - 1.0
        t = 0.0
        if f.day is not None and s.first_day is not None:
            # only a penalty: in a day's feed every story is "same day", so being
            # close in time is no evidence, while weeks apart is evidence against
            gap = max(0, s.first_day - f.day - 1, f.day - s.last_day - 1)
            t = -min(gap, p.time_scale) / p.time_scale
        total = p.w_centroid * cc + p.w_member * cm + p.w_entities * ent + p.w_figures * fig + p.w_time * t + p.w_places * pl
        return total, cm

    def _choose(self, f: Features, vec: dict[str, float], keys: list[str]) -> str | None:
        if f.duplicate_of and f.duplicate_of in self._story_of:
            return self._story_of[f.duplicate_of]
        best, best_score = None, -math.inf
        for s in self._candidates(f, self._lookup_keys(f, vec, keys)):
            sc, cm = self.score(f, vec, s)
            if cm >= self.params.wire:
                return s.id
            if cm < self.params.min_member:
                continue
            if sc > best_score:
                best, best_score = s, sc
        if best is not None and best_score >= self.params.threshold:
            return best.id
        return None

    # ------------------------------------------------------------ state

    def _observe(self, f: Features) -> None:
        """Count the article into the document frequencies (online IDF)."""
        self._n += 1
        self._df.update(f.terms.keys())
        self._df.update(f.entities)

    def _place(self, f: Features, sid: str | None, prepared) -> str:
        if f.id in self._story_of:
            return self._story_of[f.id]
        vec, keys = prepared if prepared is not None else self._vector(f)
        if sid is None:
            sid = story_id_for(f.id)
        s = self._stories.get(sid)
        if s is None:
            s = self._stories[sid] = _Story(sid, len(self._stories))
        p = self.params
        s.members.append(f.id)
        self._story_of[f.id] = sid
        for t, w in vec.items():
            old = s.centroid.get(t, 0.0)
            s.centroid[t] = old + w
            s.norm2 += 2 * old * w + w * w
        if len(s.centroid) > 2 * p.centroid_terms:
            top = sorted(s.centroid.items(), key=lambda kv: (-kv[1], kv[0]))[: p.centroid_terms]
            s.centroid = dict(top)
            s.norm2 = sum(w * w for _, w in top)
        if len(s.kept) < p.member_keep:
            s.kept.append(vec)
        else:
            s.kept[-1 if p.member_keep == 1 else (len(s.members) - 1) % (p.member_keep - 1) + 1] = vec
        s.entities.update(f.entities)
        s.figures |= f.figures
        s.places |= f.places
        if f.day is not None:
            s.first_day = f.day if s.first_day is None else min(s.first_day, f.day)
            s.last_day = f.day if s.last_day is None else max(s.last_day, f.day)
        if f.outlet:
            s.outlets[f.outlet] = None
        self._observe(f)
        for k in keys:
            post = self._postings.setdefault(k, {})
            post.pop(sid, None)
            post[sid] = None  # most recently touched last
            if len(post) > p.posting_cap:
                del post[next(iter(post))]
        return sid


def cluster(articles: Iterable[Article], settings: Settings | None = None,
            params: ClusterParams | None = None) -> dict[str, str]:
    """Article id -> story id; the same result as ``add()`` in the given order."""
    c = StoryClusterer(settings, params)
    return {a.id: c.add(a) for a in articles}


def cluster_features(feats: Iterable[Features], params: ClusterParams | None = None) -> dict[str, str]:
    """``cluster`` over precomputed features (calibration and benchmarks)."""
    c = StoryClusterer(None, params)
    return {f.id: c.add_features(f) for f in feats}


def prepare(feats: list[Features], params: ClusterParams | None = None) -> list[tuple[dict, list]]:
    """Each article's (vector, index keys) as ``add`` in this order would compute
    them: for calibration, which re-clusters the same stream many times."""
    c = StoryClusterer(None, params)
    out, seen = [], set()
    for f in feats:
        out.append(c._vector(f))
        if f.id not in seen:
            seen.add(f.id)
            c._observe(f)
    return out


def cluster_prepared(feats: list[Features], prepared: list, params: ClusterParams | None = None) -> dict[str, str]:
    c = StoryClusterer(None, params)
    return {f.id: c.add_features(f, pr) for f, pr in zip(feats, prepared)}


def split_dossier(dossier: Dossier, settings: Settings | None = None,
                  params: ClusterParams | None = None) -> list[Dossier]:
    """One Dossier per story, each holding its articles and their sources; run the
    cross-article stages on each to get per-story findings."""
    assign = cluster(dossier.articles, settings, params)
    groups: dict[str, list[Article]] = {}
    for a in dossier.articles:
        groups.setdefault(assign[a.id], []).append(a)
    out = []
    for members in groups.values():
        ids = {a.id for a in members}
        out.append(replace(
            dossier,
            articles=tuple(members),
            sources=tuple(s for s in dossier.sources if s.article in ids),
            inputs=len(members),
            skipped=(),
        ))
    return out
