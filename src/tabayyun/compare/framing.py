"""Framing per outlet: which contested terms each outlet uses and in whose voice,
and the words that set each outlet's wording apart.

- ``Dossier.framing``: one ``FramingUse`` per outlet × frame × side × voice,
  counted over the articles' ``frames`` layers (near-copies excluded).
- ``Dossier.outlet_terms``: distinguishing terms by the log-odds ratio with an
  informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin' Words"),
  each outlet against all the others, over light-stemmed content words and
  adjacent content-word bigrams; the prior is the whole corpus's frequencies.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import replace
from functools import lru_cache
from importlib import resources

from ..arabic.normalise import normalise_word
from ..arabic.stem import strip_clitics
from ..model import Article, Dossier, Evidence, FramingUse, OutletTerm
from ..pipeline import stage

MAX_EVIDENCE = 20  # spans kept per matrix cell / term; the count is always complete
TERM_EVIDENCE = 5
Z_MIN = 1.96  # two-sided 95%
MIN_COUNT = 3
PRIOR_SCALE = 0.1  # alpha_0 = 0.1 x corpus size: the prior shrinks rare words, not frequent ones
TOP_TERMS = 15  # per outlet
_VOICES = ("outlet", "attributed", "quoted")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    text = resources.files("tabayyun.compare").joinpath("data/stopwords.txt").read_text("utf-8")
    return frozenset(normalise_word(w) for line in text.splitlines() if not line.startswith("#") for w in line.split())


def outlet_key(src) -> str:
    """Framing is per outlet: every article of a known outlet counts together;
    an article whose outlet is unknown stands alone under its own label."""
    return src.outlet or src.label


def _outlets(dossier: Dossier) -> dict[str, str]:
    keys = {s.article: outlet_key(s) for s in dossier.sources}
    return {a.id: keys.get(a.id) or a.meta.outlet or a.meta.source for a in dossier.articles}


def _labels(dossier: Dossier) -> dict[str, str]:
    """Per-article labels for evidence ("aawsat (2)"): a citation names the article."""
    return {s.article: s.label for s in dossier.sources}


def originals(dossier: Dossier) -> list[Article]:
    """The articles that count: a near-copy repeats its original's wording."""
    return [a for a in dossier.articles if a.duplicate_of is None]


def framing_uses(dossier: Dossier) -> tuple[FramingUse, ...]:
    outlet_of = _outlets(dossier)
    label_of = _labels(dossier)
    cells: dict[tuple[str, str, str, str], list[Evidence]] = defaultdict(list)
    counts: Counter = Counter()
    for a in originals(dossier):
        o = outlet_of[a.id]
        for t in a.frames:
            key = (o, t.frame, t.side, t.voice)
            counts[key] += 1
            if len(cells[key]) < MAX_EVIDENCE:
                cells[key].append(Evidence(a.id, t.start, t.end, label_of.get(a.id, o)))
    return tuple(FramingUse(o, f, s, v, counts[(o, f, s, v)], tuple(cells[(o, f, s, v)])) for (o, f, s, v) in cells)


def framing_matrix(dossier: Dossier) -> tuple[list[str], list[tuple[str, str]], dict]:
    """For renderers: (outlets, columns, cells). ``columns`` are (frame, side) in
    lexicon order (sides no outlet uses left out); ``cells[(outlet, frame, side)]``
    is ``{"outlet": n, "attributed": n, "quoted": n}`` — absent when zero."""
    from ..extract.frame_lexicon import lexicon

    outlets = list(dict.fromkeys(outlet_key(s) for s in dossier.sources if s.duplicate_of is None))
    cells: dict[tuple[str, str, str], dict[str, int]] = {}
    used = set()
    for u in dossier.framing:
        cell = cells.setdefault((u.outlet, u.frame, u.side), dict.fromkeys(_VOICES, 0))
        cell[u.voice] += u.count
        used.add((u.frame, u.side))
        if u.outlet not in outlets:
            outlets.append(u.outlet)
    order = lexicon().frames()
    columns = [c for c in order if c in used] + sorted(used - set(order))
    return outlets, columns, cells


# ---------------------------------------------------------------- distinguishing terms


def _content_words(a: Article):
    """(stem, token) for content words; None marks a break (punctuation, stop word)
    so bigrams never straddle one."""
    stop = stopwords()
    for t in a.tokens:
        if t.kind != "word" or len(t.norm) < 3 or t.norm in stop:
            yield None
            continue
        p, s = strip_clitics(t.norm)
        stem = t.norm[p:len(t.norm) - s]
        if stem in stop or len(stem) < 2:
            yield None
            continue
        yield stem, t


def _counts(a: Article):
    """Counter of unigram and bigram stems, and their spans, for one article."""
    c: Counter = Counter()
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    prev = None
    for item in _content_words(a):
        if item is None:
            prev = None
            continue
        stem, tok = item
        c[stem] += 1
        spans[stem].append((tok.start, tok.end))
        if prev is not None:
            bg = prev[0] + " " + stem
            c[bg] += 1
            spans[bg].append((prev[1].start, tok.end))
        prev = item
    return c, spans


def log_odds(target: Counter, rest: Counter, prior: Counter, a0: float,
             n_rest: int | None = None) -> dict[str, tuple[float, float]]:
    """Monroe et al. (2008) eq. 16-22: {word: (delta, z)} for ``target`` vs ``rest``
    with the informative Dirichlet prior ``alpha_w = a0 * prior_w / |prior|``.
    ``rest`` need only hold the target's words when ``n_rest`` gives its size."""
    n_t, n_p = sum(target.values()), sum(prior.values())
    n_r = sum(rest.values()) if n_rest is None else n_rest
    out = {}
    for w, y_t in target.items():
        a_w = a0 * prior[w] / n_p
        y_r = rest.get(w, 0)
        d = math.log((y_t + a_w) / (n_t + a0 - y_t - a_w)) - math.log((y_r + a_w) / (n_r + a0 - y_r - a_w))
        var = 1.0 / (y_t + a_w) + 1.0 / (y_r + a_w)
        out[w] = (d, d / math.sqrt(var))
    return out


def outlet_terms(dossier: Dossier, z_min: float = Z_MIN, min_count: int = MIN_COUNT) -> tuple[OutletTerm, ...]:
    outlet_of = _outlets(dossier)
    per: dict[str, Counter] = defaultdict(Counter)
    where: dict[str, dict[str, list[Evidence]]] = defaultdict(lambda: defaultdict(list))
    display: dict[tuple[str, str], str] = {}
    for a in originals(dossier):
        o = outlet_of[a.id]
        c, spans = _counts(a)
        per[o].update(c)
        for w, ss in spans.items():
            display.setdefault((o, w), a.text[ss[0][0]:ss[0][1]])
            ev = where[o][w]
            for s, e in ss[: max(0, TERM_EVIDENCE - len(ev))]:
                ev.append(Evidence(a.id, s, e, o))
    if len(per) < 2:
        return ()
    total: Counter = Counter()
    for c in per.values():
        total.update(c)
    n_total = sum(total.values())
    a0 = PRIOR_SCALE * n_total
    out: list[OutletTerm] = []
    for o, c in per.items():
        # the rest of the corpus, only where this outlet has words: O(its vocabulary),
        # not O(the whole vocabulary) per outlet
        rest = {w: total[w] - n for w, n in c.items()}
        scored = log_odds(c, rest, total, a0, n_rest=n_total - sum(c.values()))
        keep = [(z, w) for w, (d, z) in scored.items() if z >= z_min and c[w] >= min_count]
        keep.sort(key=lambda x: (-x[0], x[1]))
        # a word that is mostly seen inside a kept bigram ("قره" in "قره باغ") adds nothing
        bigrams = [w for _, w in keep if " " in w]
        chosen = [
            (z, w) for z, w in keep
            if " " in w or not any(w in b.split() and 2 * c[b] >= c[w] for b in bigrams)
        ][:TOP_TERMS]
        for z, w in chosen:
            out.append(OutletTerm(o, display[(o, w)], round(z, 3), c[w], tuple(where[o][w])))
    return tuple(out)


@stage("framing", requires=("frames", "tokens", "sources"), provides=("framing", "outlet_terms"))
def framing(dossier: Dossier) -> Dossier:
    uses = framing_uses(dossier)
    terms = outlet_terms(dossier)
    notes = []
    if dossier.articles and not uses:
        notes.append("framing: no contested terms from the framing lexicon were found")
    if len({outlet_key(s) for s in dossier.sources if s.duplicate_of is None}) < 2 and dossier.articles:
        notes.append("framing: one outlet only, so no outlet's wording can be compared with another's")
    return replace(dossier, framing=uses, outlet_terms=terms, notes=tuple(dossier.notes) + tuple(notes))
