"""Findings over aligned facts: disputes, attribution conflicts, agreements and
single-source claims, each with the evidence spans it rests on.

Within a fact, figures fall into value classes by their value in base units
(qualifiers aside, so "ما يقرب من 200" and "200 على الأقل" are one class); a
class's interval is what all its figures allow together. Then:

- Dispute: two classes whose intervals cannot both hold (200 / 32 / 27 / 5);
  the note says when the figures cover different time scopes or dates.
- AttributionConflict: one class credited to different claimants by different
  outlets, each outlet crediting someone the other does not.
- Agreement: a fact, or a statement group, that several outlets report
  consistently, in whatever words or units; copies and relays count once.
- SingleSource: a value of a fact, or a statement, that one outlet alone reports.

One pass over the figures grouped by fact, so the cost is linear.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import replace

from ..extract.ner_lexicon import lexicon
from ..model import (
    Agreement, Article, AttributionConflict, Dispute, Dossier, Evidence, Figure, SingleSource,
)
from ..pipeline import stage
from .align import display_value, interval
from .align_labels import date_ar, figure_value, label
from .align_lex import BASE_NAME, UNITS
from .align_statements import speaker_label
from .wire import group_of, outlet_labels

CLAIM_CHARS = 140
DISPUTED_PENALTY = 2.5
_NO_CLAIMANT = (None, "?")


def _unit(arts: dict[str, Article], f: Figure) -> str | None:
    art = arts.get(f.article)
    if art is None or f.quantity >= len(art.quantities):
        return None
    return art.quantities[f.quantity].unit


def _factor(arts: dict[str, Article], f: Figure) -> float:
    return UNITS.get(_unit(arts, f) or "", ("", 1.0))[1]


def _scope(arts: dict[str, Article], f: Figure) -> str | None:
    art = arts.get(f.article)
    if art is None or f.quantity >= len(art.quantities):
        return None
    q = art.quantities[f.quantity]
    return art.text[q.scope.start : q.scope.end] if q.scope else None


def claimant_key(f: Figure) -> str | None:
    """A capital or seat of power speaks for its state (باكو → أذربيجان)."""
    if f.claimant in _NO_CLAIMANT:
        return None
    canon = lexicon().canon.get(f.claimant)
    return canon.state if canon and canon.state else f.claimant


def sources_of(figures, groups: dict[str, str]) -> int:
    """Independent sources behind figures: one per independence group, and one per
    agency relayed ("حسب رويترز" in two outlets is Reuters once)."""
    return len({("agency", f.via[-1]) if f.via else ("group", groups.get(f.article, f.article)) for f in figures})


class _Class:
    """Figures of one fact with one value."""

    def __init__(self, point):
        self.point = point
        self.figures: list[Figure] = []
        self.lo, self.hi = -math.inf, math.inf

    def add(self, f: Figure, lo: float, hi: float):
        self.figures.append(f)
        nlo, nhi = max(self.lo, lo), min(self.hi, hi)
        if nlo <= nhi:
            self.lo, self.hi = nlo, nhi

    def disjoint(self, other: _Class) -> bool:
        return self.hi < other.lo or other.hi < self.lo

    def sort_key(self):
        return -(self.point[0] if self.point[1] is None else self.point[0] or 0)


def _classes(figs: list[Figure], arts) -> list[_Class]:
    classes: dict[tuple, _Class] = {}
    for f in figs:
        k = _factor(arts, f)
        point = (round(f.value * k, 6), None) if f.value is not None else (round((f.low or 0) * k, 6), f.high and round(f.high * k, 6))
        c = classes.get(point) or classes.setdefault(point, _Class(point))
        c.add(f, *interval(f, k))
    return sorted(classes.values(), key=_Class.sort_key)


def _dispute_note(figs: list[Figure], arts) -> str | None:
    scopes = {}
    for f in figs:
        s = _scope(arts, f)
        scopes.setdefault(s or "—", []).append(f"{display_value(f, _unit(arts, f))} ({f.outlet})")
    dates = {f.time for f in figs if f.time}
    parts = []
    if len(scopes) > 1:
        parts.append("values differ in time scope: " + "; ".join(f"{s}: {', '.join(v)}" for s, v in scopes.items()))
    if len(dates) > 1:
        parts.append("figures are dated differently: " + ", ".join(sorted(dates)))
    return " | ".join(parts) or None


def dispute_note_ar(figs: list[Figure], arts) -> str | None:
    """The reader's note: which time scopes the values cover, and their dates."""
    scopes = list(dict.fromkeys(_scope(arts, f) for f in figs))
    dates = sorted({f.time[:10] for f in figs if f.time})
    parts = []
    if len(scopes) > 1:
        named = [f"«{s}»" for s in scopes if s]
        if None in scopes:
            named.append(label("note", "no_scope"))
        parts.append(label("note", "scope").format(scopes="، ".join(named)))
    if len(dates) > 1:
        parts.append(label("note", "dated").format(dates="، ".join(date_ar(d) for d in dates)))
    return " ".join(parts) or None


def _conflict(fact: str, c: _Class, labels: dict[str, str]) -> AttributionConflict | None:
    by_outlet: dict[str, set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    for f in c.figures:
        k = claimant_key(f)
        if k is None:
            continue
        by_outlet[f.outlet].add(k)
        names.setdefault(k, f.claimant_label or k)
    outlets = list(by_outlet)
    kinds = list({frozenset(v) for v in by_outlet.values()})  # few distinct claimant sets, many outlets
    clash = len(outlets) > 1 and any(not (a & b) for i, a in enumerate(kinds) for b in kinds[i + 1 :])
    if not clash:
        return None
    figs = tuple(f for f in c.figures if claimant_key(f) is not None)
    value = figs[0].value if figs[0].value is not None else (figs[0].low or 0.0)
    return AttributionConflict(
        fact=fact, value=value, claimants=tuple(names.values()), figures=figs, outlets=tuple(outlets),
        fact_ar=figs[0].fact_ar,
    )


OUTLET_VOICE = "بصوت الوسيلة"


def _claimants(figs) -> str:
    names = list(dict.fromkeys(f.claimant_label or OUTLET_VOICE for f in figs))
    return "، ".join(names)


def reader_value(arts, f: Figure) -> str:
    """Counts read as numbers with their qualifier; durations and weights as written
    ("ثلاث سنوات", "40 طناً"), since the base unit is for comparing, not reading."""
    family = UNITS.get(_unit(arts, f) or "", ("", 1.0))[0]
    if family in BASE_NAME and f.article in arts:
        return _as_written(arts, f)
    return figure_value(f)


# single-source ranking: what a fact-checker must see first (the full list stays in the JSON)
_CATEGORY_WEIGHT = {"killed": 4.0, "wounded": 3.5, "missing": 3.5, "detained": 3.2, "released": 3.2,
                    "displaced": 3.2, "evacuated": 3.0, "population": 2.4, "aid": 2.2, "money": 2.2, "duration": 1.6}
_TYPE_WEIGHT = {"accusation": 1.6, "denial": 1.6, "condemnation": 1.4, "announcement": 1.3, "claim": 1.0,
                "call": 0.9, "support": 0.9}


def figure_importance(f: Figure) -> float:
    w = _CATEGORY_WEIGHT.get(f.category, 1.0)
    if f.claimant not in _NO_CLAIMANT:
        w += 0.3  # attributed: who says it is known
    if f.fact and "among a larger toll" in f.fact:
        w -= 0.8  # a part of a toll reported whole elsewhere
    return round(w, 3)


def statement_importance(art: Article, i: int) -> float:
    st = art.statements[i]
    w = _TYPE_WEIGHT.get(st.type, 1.0)
    if any(q.statement == i and q.category != "other" for q in art.quantities):
        w += 0.5  # a claim carrying a figure
    if st.speaker_id:
        w += 0.2  # a named, linked speaker
    if st.polarity == "negative":
        w += 0.2
    n = st.content.end - st.content.start
    if n < 40 or n > 300:
        w -= 0.3  # fragments and run-on paraphrase say less
    return round(w, 3)


def figure_findings(dossier: Dossier):
    arts = {a.id: a for a in dossier.articles}
    groups = group_of(dossier)
    labels = outlet_labels(dossier)
    by_fact: dict[str, list[Figure]] = defaultdict(list)
    for f in dossier.figures:
        if f.fact and f.category != "other":
            by_fact[f.fact].append(f)
    disputes, conflicts, agreements, single = [], [], [], []
    for fact, figs in by_fact.items():
        classes = _classes(figs, arts)
        outlets = list(dict.fromkeys(f.outlet for f in figs))
        disputed = any(a.disjoint(b) for i, a in enumerate(classes) for b in classes[i + 1 :])
        if disputed:
            ordered = tuple(f for c in classes for f in c.figures)
            disputes.append(Dispute(
                fact=fact, category=figs[0].category, figures=ordered,
                note=_dispute_note(figs, arts),
                values=tuple(display_value(c.figures[0], _unit(arts, c.figures[0])) for c in classes),
                independent_sources=sources_of(figs, groups),
                fact_ar=figs[0].fact_ar, note_ar=dispute_note_ar(ordered, arts),
            ))
        elif len(outlets) > 1:
            agreements.append(Agreement(
                fact=fact, independent_sources=sources_of(figs, groups),
                evidence=tuple(f.evidence for f in figs), kind="figure",
                value=" = ".join(dict.fromkeys(arts[f.article].text[f.evidence.start : f.evidence.end] + _unit_word(arts, f) for f in figs)),
                outlets=tuple(outlets), figures=tuple(figs), fact_ar=figs[0].fact_ar,
            ))
        for c in classes:
            conflict = _conflict(fact, c, labels)
            if conflict:
                conflicts.append(conflict)
            c_outlets = {f.outlet for f in c.figures}
            if len(c_outlets) == 1:
                f = c.figures[0]
                name = f.fact_ar or fact
                single.append(SingleSource(
                    claim=f"{name}: {reader_value(arts, f)} — {_claimants(c.figures)}",
                    outlet=f.outlet, evidence=f.evidence, kind="figure",
                    claimant=f.claimant_label, fact=fact, fact_ar=f.fact_ar,
                    importance=figure_importance(f),
                ))
    disputes.sort(key=lambda d: (-len({f.outlet for f in d.figures}), -len(d.figures), d.fact))
    # a value of a disputed fact is already in front of the reader in the dispute table
    disputed_facts = {d.fact for d in disputes}
    single = [replace(s, importance=round(s.importance - DISPUTED_PENALTY, 3)) if s.fact in disputed_facts else s
              for s in single]
    return disputes, conflicts, agreements, single


def _unit_word(arts, f: Figure) -> str:
    """The counted word after a number, so "45 يوماً" and "شهر ونصف" read whole."""
    art = arts[f.article]
    q = art.quantities[f.quantity]
    return " " + art.text[q.counted.start : q.counted.end] if q.counted and q.counted.start >= q.end else ""


def _as_written(arts, f: Figure) -> str:
    """The number with its counted word on either side ("الأشهر التسعة", "40 طناً")."""
    art = arts[f.article]
    q = art.quantities[f.quantity]
    if q.counted and q.counted.end <= q.start and q.start - q.counted.end <= 2:
        return art.text[q.counted.start : q.end]
    return art.text[q.start : q.end] + _unit_word(arts, f)


def statement_findings(dossier: Dossier):
    labels = outlet_labels(dossier)
    arts = {a.id: a for a in dossier.articles}
    agreements, single = [], []
    grouped: set[tuple[str, int]] = set()
    for g in dossier.statement_groups:
        grouped.update(g.refs)
        if len(g.outlets) < 2:
            continue
        sts = [_statement(arts, a, i) for a, i in g.refs]
        # statements that carry different numbers are a dispute or a contradiction, not agreement
        numbers = {frozenset(q.value for q in arts[a].quantities if q.statement == i) for a, i in g.refs}
        if len(numbers) == 1 and len({s.polarity for s in sts if s}) == 1 and not any(s and s.type == "denial" for s in sts):
            agreements.append(Agreement(
                fact=g.key, independent_sources=g.independent_sources, evidence=g.statements,
                kind="statement", outlets=g.outlets, fact_ar=g.key,
            ))
    for art in dossier.articles:
        if art.duplicate_of is not None:
            continue
        for i, st in enumerate(art.statements):
            if (art.id, i) in grouped or st.speaker is None:
                continue
            content = art.text[st.content.start : st.content.end]
            if len(content.split()) < 3:
                continue
            who = speaker_label(art, st)
            text = content if len(content) <= CLAIM_CHARS else content[:CLAIM_CHARS].rsplit(" ", 1)[0] + " …"
            out = labels.get(art.id, art.id)
            single.append(SingleSource(
                claim=f"{who}: {text}", outlet=out,
                evidence=Evidence(art.id, st.start, st.end, out), kind="statement", claimant=who,
                importance=statement_importance(art, i),
            ))
    return agreements, single


def _statement(arts: dict[str, Article], article_id: str, index: int):
    art = arts.get(article_id)
    return art.statements[index] if art and index < len(art.statements) else None


def notes(dossier: Dossier, disputes, agreements) -> list[str]:
    originals = [a for a in dossier.articles if a.duplicate_of is None]
    out = []
    copies = len(dossier.articles) - len(originals)
    if copies:
        out.append(f"{copies} article(s) are near-copies of another and count once")
    if len(originals) == 1:
        out.append("only one distinct article: nothing to compare across sources (no disputes between outlets, agreements or wire copy)")
    if not dossier.figures:
        out.append("no figures found in any article: no disputes, attribution conflicts or figure agreements")
    shared_fact = any(len(outs) > 1 for outs in _outlets_by_fact(dossier).values())
    if dossier.figures and len(originals) > 1 and not shared_fact:
        out.append("no figure was reported by more than one outlet: every figure is single-source")
    if len(originals) > 1 and not shared_fact and not dossier.statement_groups and not dossier.wire_copy:
        out.append("the articles share no fact, statement or passage: they may be about unrelated events")
    if not any(a.statements for a in originals) and originals:
        out.append("no attributed statements found: no statement alignment or single-source claims")
    return out


def _outlets_by_fact(dossier: Dossier) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for f in dossier.figures:
        if f.fact and f.category != "other":
            out[f.fact].add(f.outlet)
    return out


@stage(
    "findings",
    requires=("facts", "statement_groups", "independence"),
    provides=("disputes", "attribution_conflicts", "agreements", "single_source"),
)
def findings(dossier: Dossier) -> Dossier:
    disputes, conflicts, agreements, single = figure_findings(dossier)
    st_agree, st_single = statement_findings(dossier)
    agreements += st_agree
    # most important first; stable, so equal weights keep article order
    single = sorted(single + st_single, key=lambda s: -s.importance)
    return replace(
        dossier,
        disputes=tuple(disputes),
        attribution_conflicts=tuple(conflicts),
        agreements=tuple(agreements),
        single_source=tuple(single),
        notes=tuple(dossier.notes) + tuple(notes(dossier, disputes, agreements)),
    )
