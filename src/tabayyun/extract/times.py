"""The times stage: temporal expressions resolved against the publication date.

Rules (``time_rules``) find expressions in the normalised text; the publication
date comes from metadata or, failing that, from the text (``time_published``);
``time_resolve`` turns each expression into an ISO value with its anchor and
confidence; each sentence then gets its event date (``time_sentences``).
Offsets are mapped back to ``article.text``. The clock is never read.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from datetime import date

from ..arabic.segment import tokenise
from ..model import Article, Published, Span, TimeExpr, Token
from ..pipeline import stage
from .shared import normalised
from .time_offsets import OffsetMap
from .time_published import infer
from .time_resolve import Ref, Resolved, Resolver
from .time_rules import Cand
from .time_scan import WORDS, scan
from .time_sentences import sentence_times

log = logging.getLogger(__name__)

_GAP_TIME_DATE = re.compile(r"\s*(?:,\s*)?(?:(?:من|في|يوم)\s+)?$")
_SINCE = re.compile(r"(?:^|\s)منذ\s*$")
_RANGE_GAP = re.compile(r"\s*(?:الي|حتي|و|-|\u2013)\s*$")
_RANGE_OPEN = re.compile(r"(?:^|\s)(?:من|بين|ما\s+بين)\s+$")
_DATEISH = ("dmy", "weekday", "rel", "numeric", "hijri")


def parse_published(p: Published) -> Ref | None:
    """A Ref from a Published record (metadata or inferred); None when unusable."""
    v = (p.value or "").strip()
    try:
        if len(v) >= 10 and v[4] == "-" and v[7] == "-":
            return Ref(date(int(v[:4]), int(v[5:7]), int(v[8:10])),
                       p.grain if p.grain in ("year", "month") else "day", p.confidence or 0.9)
        if len(v) == 7 and v[4] == "-":
            return Ref(date(int(v[:4]), int(v[5:7]), 15), "month", p.confidence or 0.9)
        if len(v) == 4 and v.isdigit():
            return Ref(date(int(v), 12, 15), "year", p.confidence or 0.9)
    except ValueError:
        pass
    return None


def _merge_times_of_day(cands: list[Cand], norm: str) -> list[Cand]:
    """"الساعة العاشرة من صباح الثلاثاء", "الثلاثاء الساعة 10": one datetime."""
    out: list[Cand] = []
    i = 0
    while i < len(cands):
        c = cands[i]
        nxt = cands[i + 1] if i + 1 < len(cands) else None
        if nxt is not None and {c.rule, nxt.rule} & {"time"} and len(norm[c.end:nxt.start]) < 12:
            t, d = (c, nxt) if c.rule == "time" else (nxt, c)
            if d.rule in _DATEISH and _GAP_TIME_DATE.match(norm[c.end:nxt.start]):
                h = t.f["h"]
                part = d.f.get("part") or d.f.get("part2") or ""
                if h < 12 and part in ("مساء", "عصر", "ليله", "ليل", "بعد ظهر") and not t.f.get("ampm"):
                    h += 12  # "الساعة العاشرة مساء الثلاثاء"
                f = dict(d.f, h=h, mi=t.f["mi"])
                out.append(Cand(c.start, nxt.end, d.rule, f))
                i += 2
                continue
        out.append(c)
        i += 1
    return out


def _post(pairs: list[tuple[Cand, Resolved]], norm: str, pub: Ref | None, pub_value: str | None):
    """"منذ 2020" -> interval up to publication; "من 19 إلى 21 سبتمبر" -> one interval."""
    out: list[tuple[Cand, Resolved]] = []
    for c, r in pairs:
        if r.kind == "date" and r.value and not r.value.startswith("-") and (
            c.f.get("trig") == "منذ" or _SINCE.search(norm, max(0, c.start - 6), c.start)
        ):
            r = Resolved("interval", r.value, r.grain, pub_value if pub else None, r.anchor,
                         r.confidence, r.day)
        if out and r.kind == "date" and r.value and out[-1][1].kind == "date" and out[-1][1].value:
            pc, pr = out[-1]
            gap = norm[pc.end:c.start]
            if len(gap) < 8 and _RANGE_GAP.match(gap) and _RANGE_OPEN.search(
                norm, max(0, pc.start - 10), pc.start
            ):
                merged = Cand(pc.start, c.end, "range", {})
                out[-1] = (merged, Resolved("interval", pr.value, pr.grain, r.value, pr.anchor,
                                            min(pr.confidence, r.confidence), r.day))
                continue
        out.append((c, r))
    return out


def _words(tokens: tuple[Token, ...], omap: OffsetMap):
    """Trigger-candidate tokens as (start, end, norm, kind) in normalised offsets."""
    keep = [t for t in tokens if t[2] in WORDS or t[3] == "number"]
    if omap.identity:
        return [(t.start, t.end, t.norm, t.kind) for t in keep]
    # omap.to_norm for each start, by one walk over the deleted runs (starts ascend)
    runs, shift = omap.orig_starts, omap.shift
    out = []
    k, n_runs, before = 0, len(runs), 0
    for start, _, w, kind in keep:
        while k < n_runs and runs[k] < start:
            before = shift[k]
            k += 1
        s = start - before
        out.append((s, s + len(w), w, kind))
    return out


def extract(text: str, published: Published | None = None,
            tokens: tuple[Token, ...] | None = None) -> tuple[tuple[TimeExpr, ...], Published]:
    """Temporal expressions of ``text`` and the publication date used.

    ``published`` from metadata is used as is; when absent (or ``how == "none"``)
    it is inferred from the text, with evidence and confidence. ``tokens`` (the
    segment layer) saves tokenising again."""
    published = published or Published()
    if not text or not text.strip():
        return (), published
    norm, omap = normalised(text)
    if tokens is None:
        tokens = tokenise(text)
    toks = _words(tokens, omap)
    cands = _merge_times_of_day(scan(norm, toks), norm)
    pub = parse_published(published) if published.how != "none" else None
    if pub is None and published.how == "none":
        found = infer(cands, norm)
        if found is not None:
            pub = found.ref
            s, e = omap.span(found.start, found.end)
            d = found.ref.day
            value = {"day": d.isoformat(), "month": f"{d.year}-{d.month:02d}",
                     "year": str(d.year)}[found.ref.grain]
            published = Published(value, found.ref.grain, found.how,
                                  round(found.ref.confidence, 3), Span(s, e))
    resolver = Resolver(cands, pub)
    pairs = []
    for c in cands:
        try:
            r = resolver.resolve(c)
        except (ValueError, OverflowError, KeyError) as exc:  # a rule gap must not stop the article
            log.debug("time candidate %r skipped: %s", norm[c.start:c.end], exc)
            continue
        if r is not None:
            pairs.append((c, r))
    pub_value = published.value if pub else None
    times = []
    for c, r in _post(pairs, norm, pub, pub_value):
        s, e = omap.span(c.start, c.end)
        times.append(TimeExpr(s, e, r.kind, r.value, r.grain, r.end_value, r.anchor,
                              round(r.confidence, 3)))
    return tuple(times), published


@stage("times", requires=("sentences", "tokens"), provides=("times", "published", "sentence_dates"))
def times(article: Article) -> Article:
    found, published = extract(article.text, article.meta.published, article.tokens)
    sentences = sentence_times(article.text, article.sentences, found)
    meta = article.meta
    if published != meta.published:
        meta = replace(meta, published=published)
    return article.with_layers(times=found, sentences=sentences, meta=meta)
