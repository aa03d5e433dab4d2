"""A neutral brief, extractive where it quotes: the launch of the story; what
independent sources agree on; each dispute in one sentence with every value,
its claimants and outlets; the attribution conflicts; what only one source says;
then the follow-ups — every sentence citing its evidence.

Sentences lifted from articles stay verbatim; sentences built from findings are
composed from the data, each part naming its outlet. A lifted sentence must not
carry the outlet's own loaded wording (``Article.frames`` with voice "outlet" on a
contested side): attributed wording is preferred, and when every candidate is
loaded the attributed statement is quoted instead, or nothing is lifted. Headings
and page furniture are never used, and nothing is said twice.
"""

from __future__ import annotations

from dataclasses import replace

from ..model import Dossier, Evidence, Figure, SummarySentence
from ..pipeline import stage
from .align_labels import category_label, figure_value, label, number  # noqa: F401 (re-exported)
from .sentences import ArticleIndex, is_boilerplate, jaccard, loaded_in, neutrality

MAX_CONTEXT, MAX_AGREED, MAX_DISPUTED, MAX_SINGLE, MAX_CONFLICT_FACTS = 3, 2, 2, 3, 2
NEAR_DUPLICATE = 0.6  # word-set Jaccard above which a lifted sentence repeats another
OUTLET_OWN = "الوسيلة نفسها"
_MAIN = ("killed", "wounded", "displaced", "evacuated", "detained", "released", "missing")


class _Picker:
    """Finds the verbatim sentence behind a piece of evidence and remembers what
    was said, so the summary never repeats itself."""

    def __init__(self, dossier: Dossier):
        self.idx = {a.id: ArticleIndex(a) for a in dossier.articles}
        self.chosen: list[frozenset[str]] = []
        self.told: set[tuple[str, int]] = set()  # (article, sentence) already told

    def sentence(self, ev: Evidence) -> tuple[str, Evidence, float, frozenset[str]] | None:
        """(text, evidence, neutrality, words) of the sentence holding ``ev``; None
        for headings, fragments, and sentences in the outlet's own loaded wording."""
        ix = self.idx.get(ev.article)
        if ix is None:
            return None
        a = ix.article
        i = ix.sentence_at(ev.start)
        if i is None or is_boilerplate(a, a.sentences[i]):
            if not (0 <= ev.start < ev.end <= len(a.text)) or loaded_in(a, ev.start, ev.end):
                return None
            text = a.text[ev.start : ev.end].strip()
            return (text, ev, 0.0, ix.words(ev.start, ev.end)) if len(text.split()) >= 3 else None
        s = a.sentences[i]
        if loaded_in(a, s.start, s.end):
            return None
        return a.text[s.start : s.end], Evidence(a.id, s.start, s.end, ev.outlet), neutrality(a, s), ix.sentence_words(i)

    def best(self, evidence) -> tuple[str, Evidence] | None:
        """The most neutral sentence among the evidence that says something new."""
        options = [x for x in (self.sentence(e) for e in evidence) if x is not None]
        options.sort(key=lambda x: -x[2])
        for text, ev, _, words in options:
            if not self.repeats(words):
                self.chosen.append(words)
                if (w := self._where(ev)) is not None:
                    self.told.add(w)
                return text, ev
        return None

    def done_event(self, event) -> bool:
        """An event is told once, whichever of its sentences told it."""
        where = {self._where(e) for e in event.evidence} - {None}
        return bool(where & self.told)

    def said(self, evidence) -> None:
        """Mark the sentences behind composed findings as said."""
        for ev in evidence:
            w = self._where(ev)
            if w is not None:
                self.told.add(w)
                self.chosen.append(self.idx[w[0]].sentence_words(w[1]))

    def _where(self, ev: Evidence) -> tuple[str, int] | None:
        ix = self.idx.get(ev.article)
        i = ix.sentence_at(ev.start) if ix else None
        return None if i is None else (ev.article, i)

    def repeats(self, words: frozenset[str]) -> bool:
        return any(jaccard(words, w) >= NEAR_DUPLICATE for w in self.chosen)


def iso(name: str) -> str:
    """Wrap a name in Unicode isolates: Latin outlet names and ids inside Arabic
    sentences would otherwise be reordered by the bidi algorithm."""
    return f"\u2068{name}\u2069"


def and_list(items) -> str:
    """"أ"، "أ وب"، "أ، وب وج" — Arabic coordination."""
    items = list(dict.fromkeys(items))
    if len(items) <= 1:
        return "".join(items)
    return "، ".join(items[:-1]) + " و" + items[-1]


def sources_phrase(n: int) -> str:
    """Arabic number agreement for "independent sources"."""
    if n == 1:
        return "مصدر واحد"
    if n == 2:
        return "مصدران مستقلان"
    if 3 <= n <= 10:
        return f"{n} مصادر مستقلة"
    return f"{n} مصدرًا مستقلًا"


def _outlets(evidence) -> int:
    return len({e.outlet or e.article for e in evidence})


def _label(d: Dossier, article: str) -> str:
    return next((s.label for s in d.sources if s.article == article), article[:8])


def _events(d: Dossier, pick: _Picker, limit: int, skip_first: bool = False) -> list[tuple[str, SummarySentence]]:
    """The events most outlets report, lifted verbatim, as (date, sentence)."""
    out: list[tuple[str, SummarySentence]] = []
    events = sorted(d.timeline, key=lambda e: (-_outlets(e.evidence), -len(e.evidence), e.date))
    for e in events:
        if len(out) >= limit:
            break
        if pick.done_event(e):
            continue
        got = pick.best(e.evidence)
        if got:
            pick.said(e.evidence)
            out.append((e.date, SummarySentence(got[0], tuple(e.evidence), "context")))
    return out


def _lead(d: Dossier, pick: _Picker) -> list[SummarySentence]:
    """The story's launch: the dated event most outlets report (earliest on ties);
    without dated events, the first real sentence of each article."""
    got = _events(d, pick, 1)
    if got:
        return [got[0][1]]
    out = []
    for a in d.articles:
        if a.duplicate_of is None and len(out) < 1:
            s = next((s for s in a.sentences if not is_boilerplate(a, s)), None)
            if s is not None:
                best = pick.best([Evidence(a.id, s.start, s.end, _label(d, a.id))])
                if best:
                    out.append(SummarySentence(best[0], (best[1],), "context"))
    return out


def _agreed(d: Dossier, pick: _Picker) -> list[SummarySentence]:
    out = []
    for ag in sorted(d.agreements, key=lambda g: (-g.independent_sources, g.kind != "figure")):
        if len(out) >= MAX_AGREED:
            break
        who = and_list(iso(o) for o in (ag.outlets or tuple(e.outlet or e.article for e in ag.evidence)))
        n = sources_phrase(ag.independent_sources)
        if ag.kind == "figure" and ag.figures:
            values = and_list(figure_value(f) for f in ag.figures)
            out.append(SummarySentence(f"يتفق {n} ({who}) على {ag.fact_ar or ag.fact}: {values}.", tuple(ag.evidence), "agreed"))
            pick.said(ag.evidence)
            continue
        got = pick.best(ag.evidence)
        if got:
            pick.said(ag.evidence)
            out.append(SummarySentence(f"يورد {n} ({who}) الأمر نفسه، ومنه في {iso(got[1].outlet or _label(d, got[1].article))}: «{got[0]}»",
                                       tuple(ag.evidence), "agreed"))
    return out


def _claims(figures) -> tuple[str, tuple[Evidence, ...]]:
    """"نحو 200 حسب أرمينيا (مقال 1)، و200 على الأقل حسب أ وب (مقال 5)؛ 32 …" — one
    part per value class (highest first), each value with its claimants and outlet."""
    classes: dict[float, dict[tuple[str, str], list[str]]] = {}
    for f in figures:
        base = f.value if f.value is not None else (f.low or 0.0)
        parts = classes.setdefault(base, {})
        parts.setdefault((figure_value(f), f.outlet), []).append(f.claimant_label or OUTLET_OWN)
    text = "؛ ".join(
        "، و".join(f"{value} حسب {and_list(who)} ({iso(outlet)})" for (value, outlet), who in parts.items())
        for parts in classes.values()
    )
    return text, tuple(f.evidence for f in figures)


def _conflicts_sentence(conflicts, name: str) -> SummarySentence | None:
    parts, ev = [], []
    for c in conflicts:
        by_outlet: dict[str, list[str]] = {}
        for f in c.figures:
            by_outlet.setdefault(f.outlet, []).append(f.claimant_label or OUTLET_OWN)
            ev.append(f.evidence)
        who = "، و".join(f"{and_list(w)} لدى {iso(o)}" for o, w in by_outlet.items())
        parts.append(f"الرقم {number(c.value)} منسوب إلى جهات مختلفة: {who}")
    if not parts:
        return None
    return SummarySentence(f"في {name}، " + "؛ و".join(parts) + ".", tuple(ev), "disputed")


def _disputed(d: Dossier, pick: _Picker) -> list[SummarySentence]:
    out = []
    by_fact: dict[str, list] = {}
    for c in d.attribution_conflicts:
        by_fact.setdefault(c.fact, []).append(c)
    done: set[str] = set()
    for dp in d.disputes[:MAX_DISPUTED]:
        if not dp.figures:
            continue
        claims, ev = _claims(dp.figures)
        name = dp.fact_ar or category_label(dp.category)
        scope = " " + label("note", "scope_short") if dp.note_ar and "«" in dp.note_ar else ""
        out.append(SummarySentence(f"{name} موضع خلاف: {claims}.{scope}", ev, "disputed"))
        pick.said(ev)
        conflict = _conflicts_sentence(by_fact.get(dp.fact, []), name)
        if conflict:
            out.append(conflict)
            done.add(dp.fact)
    for fact, cs in by_fact.items():  # conflicts on facts no summarised dispute covers
        if fact in done or len(done) >= MAX_CONFLICT_FACTS:
            continue
        sentence = _conflicts_sentence(cs, cs[0].fact_ar or category_label(cs[0].figures[0].category))
        if sentence:
            out.append(sentence)
            done.add(fact)
    by_id = {a.id: a for a in d.articles}
    for c in sorted(d.contradictions, key=lambda c: -c.score)[:2]:
        a, b = by_id.get(c.a.article), by_id.get(c.b.article)
        if a is None or b is None:
            continue
        ta, tb = a.text[c.a.start : c.a.end].strip(), b.text[c.b.start : c.b.end].strip()
        out.append(SummarySentence(f"روايتان متعارضتان: «{ta}» ({iso(c.a.outlet or _label(d, a.id))}) مقابل «{tb}» ({iso(c.b.outlet or _label(d, b.id))}).",
                                   (c.a, c.b), "disputed"))
    return out


def _single(d: Dossier, pick: _Picker) -> list[SummarySentence]:
    """The most important claims one outlet alone makes (findings rank them)."""
    out = []
    disputed = {dp.fact for dp in d.disputes}
    for s in sorted(d.single_source, key=lambda s: -s.importance):
        if len(out) >= MAX_SINGLE:
            break
        if s.fact in disputed:
            continue
        got = pick.best([s.evidence])
        if got:
            out.append(SummarySentence(f"تنفرد {iso(s.outlet)} بما يلي: «{got[0]}»", (s.evidence,), "single-source"))
    return out


def _figures_context(d: Dossier) -> list[SummarySentence]:
    """Without findings, the main counts as reported, each with its claimant: no
    verdict, just who says what."""
    covered = {dp.category for dp in d.disputes}
    out = []
    for cat in _MAIN:
        rows = [f for f in d.figures if f.category == cat and (f.value is not None or f.low is not None)]
        if not rows or cat in covered:
            continue
        claims, ev = _claims(rows)
        out.append(SummarySentence(f"الأرقام الواردة عن {category_label(cat)}: {claims}.", ev, "context"))
    return out[:3]


def build_summary(d: Dossier) -> tuple[tuple[SummarySentence, ...], tuple[str, ...]]:
    pick = _Picker(d)
    lead = _lead(d, pick)
    agreed, disputed = _agreed(d, pick), _disputed(d, pick)
    single = _single(d, pick)
    extra = [] if disputed or agreed else _figures_context(d)
    follow = [s for _, s in sorted(_events(d, pick, MAX_CONTEXT - 1), key=lambda x: x[0])]
    missing = [name for name, got in (("agreements between independent sources", d.agreements),
                                      ("disputed facts", d.disputes or d.attribution_conflicts or d.contradictions),
                                      ("single-source claims", d.single_source)) if not got]
    notes = (f"summary: no {', no '.join(missing)} found",) if missing and d.articles else ()
    out = lead + agreed + disputed + extra + single + follow
    return tuple(s for s in out if s.citations), notes


@stage("summary", requires=("figures",), provides=("summary",))
def summary(dossier: Dossier) -> Dossier:
    sentences, notes = build_summary(dossier)
    return replace(dossier, summary=sentences, notes=tuple(dossier.notes) + notes)
