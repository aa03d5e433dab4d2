"""Near-duplicate articles: MinHash over word 5-shingles of the normalised body,
with LSH for candidates (datasketch), so the cost stays near-linear.

A near-duplicate is linked to the first article it copies (``duplicate_of``) and
is not counted twice by later stages. Exact duplicates never get here: they share
a content id and are merged at ingest.
"""

from __future__ import annotations

import zlib
from dataclasses import replace

import numpy as np
from datasketch import MinHash, MinHashLSH

from ..model import Article, Dossier
from ..pipeline import stage
from ..settings import Settings

SHINGLE = 5


def _hash(b: bytes) -> int:
    # crc32 is deterministic across runs (Python's hash() is salted) and fast
    return zlib.crc32(b)


def shingles(article: Article) -> set[bytes]:
    words = [t.norm for t in article.tokens if t.kind in ("word", "number", "latin")]
    if len(words) < SHINGLE:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}


def signature(article: Article, settings: Settings) -> MinHash:
    m = MinHash(num_perm=settings.minhash_perm, seed=settings.seed, hashfunc=_hash)
    sh = shingles(article)
    if sh:
        m.update_batch(list(sh))
    return m


def _jaccard(a: MinHash, b: MinHash) -> float:
    return float(np.count_nonzero(a.hashvalues == b.hashvalues)) / len(a.hashvalues)


def find_near_duplicates(articles: tuple[Article, ...], settings: Settings) -> dict[str, str]:
    """Map article id -> id of the earlier article it nearly copies."""
    lsh = MinHashLSH(threshold=settings.near_duplicate, num_perm=settings.minhash_perm)
    sigs: dict[str, MinHash] = {}
    dup: dict[str, str] = {}
    for a in articles:
        sig = signature(a, settings)
        best, best_j = None, 0.0
        for cand in lsh.query(sig):
            j = _jaccard(sig, sigs[cand])
            if j >= settings.near_duplicate and j > best_j:
                best, best_j = cand, j
        if best is not None:
            dup[a.id] = dup.get(best, best)  # point at the original, not a copy
        else:
            lsh.insert(a.id, sig)
            sigs[a.id] = sig
    return dup


def make_dedupe(settings: Settings):
    @stage("dedupe", requires=("tokens", "articles"), provides=("duplicate_of",))
    def dedupe(dossier: Dossier) -> Dossier:
        dup = find_near_duplicates(dossier.articles, settings)
        if not dup:
            return dossier
        arts = tuple(replace(a, duplicate_of=dup[a.id]) if a.id in dup else a for a in dossier.articles)
        return replace(dossier, articles=arts)

    return dedupe
