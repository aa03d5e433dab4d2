"""Wire copy and independence: which articles are not independent sources.

Passages shared near-verbatim are found sentence by sentence: each sentence is
a set of word 4-shingles (crc32 of the normalised words), looked up in an
inverted index that holds only *root* sentences (ones that copy nothing seen
before). A sentence that copies a root is linked to it and not indexed, so a
passage carried by a thousand outlets costs a thousand look-ups, not a million
pairs; shingles shared by very many roots (stock phrases) are not evidence and
are skipped. Cost is near-linear in the number of sentences. (Whole-article
near-duplicates are found earlier by MinHash LSH in ``dedupe``.)

Articles are then joined (union-find) into independence groups when one is a
near-duplicate of another, when they share passages, or when they credit the
same agency for the same figure; ``independent_count`` counts a set of articles
as the number of groups it touches.
"""

from __future__ import annotations

import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace

from ..ingest.outlet import agencies, agency, from_dateline
from ..model import Article, Dossier, Evidence, IndependenceGroup, WireCopy
from ..pipeline import stage

SHINGLE = 4
MIN_WORDS = 8  # shorter sentences ("قالت أذربيجان إن …") are not evidence of copying
MIN_SHARED = 3  # shingles in common
MIN_SIMILARITY = 0.6  # shared shingles / shingles of the shorter sentence
MAX_POSTING = 64  # a shingle in more root sentences than this is a stock phrase


class UnionFind:
    def __init__(self):
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        p = self.parent.setdefault(x, x)
        while p != self.parent[p]:
            self.parent[p] = self.parent[self.parent[p]]
            p = self.parent[p]
        self.parent[x] = p
        return p

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def outlet_labels(dossier: Dossier) -> dict[str, str]:
    labels = {s.article: s.label for s in dossier.sources}
    return {a.id: labels.get(a.id) or a.meta.outlet or a.meta.source or a.id[:8] for a in dossier.articles}


def sentence_shingles(article: Article) -> list[tuple[int, int, set[int]]]:
    """(start, end, shingle hashes) of every sentence long enough to judge."""
    out = []
    toks = article.tokens
    ti = 0
    for s in article.sentences:
        while ti < len(toks) and toks[ti].start < s.start:
            ti += 1
        words = []
        j = ti
        while j < len(toks) and toks[j].end <= s.end:
            if toks[j].kind in ("word", "number", "latin"):
                words.append(toks[j].norm)
            j += 1
        if len(words) >= MIN_WORDS:
            sh = {zlib.crc32(" ".join(words[i : i + SHINGLE]).encode()) for i in range(len(words) - SHINGLE + 1)}
            out.append((s.start, s.end, sh))
    return out


def find_copies(articles: Iterable[Article]) -> list[tuple[str, int, int, str, int, int, float]]:
    """Sentence matches (b article, b start, b end, a article, a start, a end, similarity):
    sentence b copies the earlier root sentence a of another article."""
    index: dict[int, list[int]] = defaultdict(list)
    roots: list[tuple[str, int, int, int]] = []  # (article, start, end, shingle count)
    matches = []
    for art in articles:
        for start, end, sh in sentence_shingles(art):
            votes: Counter = Counter()
            for h in sh:
                post = index.get(h)
                if post and len(post) <= MAX_POSTING:
                    votes.update(post)
            best, best_sim = None, 0.0
            for r, shared in votes.most_common(8):
                ra, _, _, n = roots[r]
                if ra == art.id or shared < MIN_SHARED:
                    continue
                sim = shared / min(len(sh), n)
                if sim > best_sim:
                    best, best_sim = r, sim
            if best is not None and best_sim >= MIN_SIMILARITY:
                ra, rs, re_, _ = roots[best]
                matches.append((art.id, start, end, ra, rs, re_, min(1.0, best_sim)))
                continue
            rid = len(roots)
            roots.append((art.id, start, end, len(sh)))
            for h in sh:
                index[h].append(rid)
    return matches


def _passages(matches, labels: dict[str, str], credited: dict[str, set[str]]) -> list[WireCopy]:
    """Consecutive copied sentences of one article from one source become one passage."""
    by_pair: dict[tuple[str, str], list] = defaultdict(list)
    for m in matches:
        by_pair[(m[0], m[3])].append(m)
    out = []
    for (b, a), ms in by_pair.items():
        ms.sort(key=lambda m: m[1])
        run = [ms[0]]
        for m in ms[1:] + [None]:
            if m is not None and m[4] >= run[-1][5] and m[4] - run[-1][5] <= 2 and m[1] - run[-1][2] <= 2:
                run.append(m)
                continue
            sim = sum(r[6] for r in run) / len(run)
            shared = sorted(credited.get(a, set()) & credited.get(b, set()))
            out.append(WireCopy(
                a=Evidence(a, run[0][4], run[-1][5], labels.get(a)),
                b=Evidence(b, run[0][1], run[-1][2], labels.get(b)),
                similarity=round(sim, 3),
                agency=shared[0] if shared else None,
            ))
            run = [m] if m is not None else []
    out.sort(key=lambda w: (w.a.article, w.a.start, w.b.article, w.b.start))
    return out


def credited_agencies(article: Article) -> set[str]:
    """Canonical labels of the agencies an article credits: its dateline, the "via"
    chains of its statements, agencies speaking in it."""
    known = {label for label, _ in agencies().values()}
    out = set()
    hit = from_dateline(article.raw or article.text)
    if hit:
        out.add(hit[0])
    if article.meta.outlet_how == "dateline" and article.meta.outlet:
        out.add(article.meta.outlet)
    for st in article.statements:
        for v in st.via:
            if v.agent in known:
                out.add(v.agent)
            else:
                found = agency(v.agent)
                if found:
                    out.add(found[0])
        if st.speaker_id and st.speaker_id.startswith("org:agency:") and st.speaker:
            found = agency(article.text[st.speaker.start : st.speaker.end])
            if found:
                out.add(found[0])
    return out


def independence_groups(dossier: Dossier, copies: list[WireCopy]) -> tuple[IndependenceGroup, ...]:
    uf = UnionFind()
    reasons: list[tuple[str, str, str]] = []
    for a in dossier.articles:
        if a.duplicate_of:
            reasons.append((a.id, a.duplicate_of, "near-duplicate"))
    for w in copies:
        reasons.append((w.a.article, w.b.article, "shared-passages"))
    known = {label for label, _ in agencies().values()}
    by_item: dict[tuple, list[str]] = defaultdict(list)
    for f in dossier.figures:
        for v in f.via:
            if v in known:
                by_item[(v, f.category, f.value, f.low, f.high)].append(f.article)
    for (ag, *_), arts in by_item.items():
        for other in arts[1:]:
            if other != arts[0]:
                reasons.append((arts[0], other, f"same-agency:{ag}"))
    for a, b, _ in reasons:
        uf.union(a, b)
    comp_reasons: dict[str, set[str]] = defaultdict(set)
    for a, _, r in reasons:
        comp_reasons[uf.find(a)].add(r)
    members: dict[str, list[str]] = defaultdict(list)
    for a in dossier.articles:
        members[uf.find(a.id)].append(a.id)
    labels = outlet_labels(dossier)
    groups = []
    for root, arts in members.items():
        if len(arts) > 1:
            groups.append(IndependenceGroup(
                articles=tuple(arts),
                outlets=tuple(dict.fromkeys(labels[x] for x in arts)),
                reason=", ".join(sorted(comp_reasons[root])),
            ))
    return tuple(groups)


def group_of(dossier: Dossier) -> dict[str, str]:
    """Article id -> id of its independence group (its own id when independent)."""
    out = {}
    for g in dossier.independence:
        for a in g.articles:
            out[a] = g.articles[0]
    for a in dossier.articles:
        out.setdefault(a.id, a.duplicate_of or a.id)
    return out


def independent_count(article_ids: Iterable[str], dossier: Dossier) -> int:
    """How many independent sources a set of articles is: copies, near-duplicates
    and relays of the same agency item count once."""
    g = group_of(dossier)
    return len({g.get(a, a) for a in article_ids})


@stage("wire", requires=("articles", "tokens", "sentences", "statements", "figures"), provides=("wire_copy", "independence"))
def wire(dossier: Dossier) -> Dossier:
    originals = [a for a in dossier.articles if a.duplicate_of is None]
    labels = outlet_labels(dossier)
    credited = {a.id: credited_agencies(a) for a in originals}
    copies = _passages(find_copies(originals), labels, credited)
    groups = independence_groups(dossier, copies)
    return replace(dossier, wire_copy=tuple(copies), independence=groups)
