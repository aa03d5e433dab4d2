"""A neutral extractive summary: what independent sources agree on, what is
disputed (each side with its claimant and outlet), what one source alone says,
and a few context sentences — every sentence citing its evidence.

Sentences lifted from articles stay verbatim; sentences built from findings (a
disputed toll listing each value with its claimant) are composed from the data,
each part citing its own evidence. Attributed wording is preferred over loaded
narration (outlet-voice frame terms cost), headings and page furniture are never
used, and a sentence nearly repeating one already chosen (wire copy) is skipped.
Works on whatever the earlier stages produced; says what it could not find.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from ..model import Dossier, Evidence, Figure, SummarySentence
from ..pipeline import stage
from .sentences import ArticleIndex, is_boilerplate, jaccard, neutrality

MAX_CONTEXT, MAX_AGREED, MAX_DISPUTED, MAX_SINGLE = 3, 5, 6, 4
NEAR_DUPLICATE = 0.6  # word-set Jaccard above which a lifted sentence repeats another
OUTLET_OWN = "الوسيلة نفسها"
_MAIN = ("killed", "wounded", "displaced", "evacuated", "detained", "released", "missing")


@lru_cache(maxsize=1)
def labels() -> dict[tuple[str, str], str]:
    path = Path(__file__).resolve().parent.parent / "arabic" / "lexicons" / "dossier_labels.tsv"
    out = {}
    for line in path.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, key, label = line.split("\t")
            out[(kind, key)] = label
    return out


def category_label(category: str) -> str:
    return labels().get(("category", category), category)


def number(v: float | None) -> str:
    if v is None:
        return "?"
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}"


def figure_value(f: Figure) -> str:
    if f.value is None and f.low is not None and f.high is not None:
        v = f"{number(f.low)}–{number(f.high)}"
    else:
        v = number(f.value if f.value is not None else f.low or f.high)
    return labels().get(("qualifier", f.qualifier), "{v}").format(v=v)


class _Picker:
    """Finds the verbatim sentence behind a piece of evidence and remembers what
    was said, so the summary never repeats itself."""

    def __init__(self, dossier: Dossier):
        self.idx = {a.id: ArticleIndex(a) for a in dossier.articles}
        self.chosen: list[frozenset[str]] = []

    def sentence(self, ev: Evidence) -> tuple[str, Evidence, float, frozenset[str]] | None:
        ix = self.idx.get(ev.article)
        if ix is None:
            return None
        a = ix.article
        i = ix.sentence_at(ev.start)
        if i is None or is_boilerplate(a, a.sentences[i]):
            if not (0 <= ev.start < ev.end <= len(a.text)):
                return None
            text = a.text[ev.start : ev.end].strip()
            return (text, ev, 0.0, ix.words(ev.start, ev.end)) if len(text.split()) >= 3 else None
        s = a.sentences[i]
        return a.text[s.start : s.end], Evidence(a.id, s.start, s.end, ev.outlet), neutrality(a, s), ix.sentence_words(i)

    def best(self, evidence) -> tuple[str, Evidence] | None:
        """The most neutral sentence among the evidence that says something new."""
        options = [x for x in (self.sentence(e) for e in evidence) if x is not None]
        options.sort(key=lambda x: -x[2])
        for text, ev, _, words in options:
            if not self.repeats(words):
                self.chosen.append(words)
                return text, ev
        return None

    def repeats(self, words: frozenset[str]) -> bool:
        return any(jaccard(words, w) >= NEAR_DUPLICATE for w in self.chosen)


def iso(name: str) -> str:
    """Wrap a name in Unicode isolates: Latin outlet names and ids inside Arabic
    sentences would otherwise be reordered by the bidi algorithm."""
    return f"\u2068{name}\u2069"


def _outlets(evidence) -> int:
    return len({e.outlet or e.article for e in evidence})


def _context(d: Dossier, pick: _Picker) -> list[SummarySentence]:
    """The events most outlets report, in date order; else the articles' ledes."""
    out: list[tuple[str, SummarySentence]] = []
    events = sorted(d.timeline, key=lambda e: (-_outlets(e.evidence), -len(e.evidence), e.date))
    for e in events:
        if len(out) >= MAX_CONTEXT:
            break
        got = pick.best(e.evidence)
        if got:
            out.append((e.date, SummarySentence(got[0], tuple(e.evidence), "context")))
    if not out:  # no dated events: the first real sentence of each article
        ledes = []
        for a in d.articles:
            if a.duplicate_of is None:
                s = next((s for s in a.sentences if not is_boilerplate(a, s)), None)
                if s is not None:
                    ledes.append(Evidence(a.id, s.start, s.end, _label(d, a.id)))
        for ev in ledes[:MAX_CONTEXT]:
            got = pick.best([ev])
            if got:
                out.append(("", SummarySentence(got[0], (got[1],), "context")))
    return [s for _, s in sorted(out, key=lambda x: x[0])]


def _label(d: Dossier, article: str) -> str:
    return next((s.label for s in d.sources if s.article == article), article[:8])


def _agreed(d: Dossier, pick: _Picker) -> list[SummarySentence]:
    out = []
    for ag in sorted(d.agreements, key=lambda g: -g.independent_sources):
        if len(out) >= MAX_AGREED:
            break
        got = pick.best(ag.evidence)
        if got:
            text = f"أوردت {ag.independent_sources} من المصادر المستقلة الأمر نفسه، ومنه: «{got[0]}»"
            out.append(SummarySentence(text, tuple(ag.evidence), "agreed"))
    return out


def _claims(figures) -> tuple[str, tuple[Evidence, ...]]:
    """"200 على الأقل حسب أرمينيا (الجزيرة)؛ 32 حسب باكو (…)" — one part per value
    and claimant, each part's evidence cited."""
    parts: dict[tuple[str, str], list[Figure]] = {}
    for f in figures:
        parts.setdefault((figure_value(f), f.claimant_label or OUTLET_OWN), []).append(f)
    text = "؛ ".join(
        f"{value} حسب {who} ({'، '.join(dict.fromkeys(iso(f.outlet) for f in fs))})" for (value, who), fs in parts.items()
    )
    return text, tuple(f.evidence for f in figures)


def _disputed(d: Dossier, pick: _Picker) -> list[SummarySentence]:
    out = []
    for dp in d.disputes[:MAX_DISPUTED]:
        if not dp.figures:
            continue
        claims, ev = _claims(dp.figures)
        note = f" ({dp.note})" if dp.note else ""
        out.append(SummarySentence(f"{category_label(dp.category)}: روايات متباينة — {claims}.{note}", ev, "disputed"))
    for c in d.attribution_conflicts[:MAX_DISPUTED]:
        if not c.figures:
            continue
        who = "، ".join(dict.fromkeys(f"{f.claimant_label or OUTLET_OWN} لدى {iso(f.outlet)}" for f in c.figures))
        cat = category_label(c.figures[0].category)
        out.append(SummarySentence(f"الرقم {number(c.value)} ({cat}) منسوب إلى جهات مختلفة: {who}.",
                                   tuple(f.evidence for f in c.figures), "disputed"))
    by_id = {a.id: a for a in d.articles}
    for c in sorted(d.contradictions, key=lambda c: -c.score)[:3]:
        a, b = by_id.get(c.a.article), by_id.get(c.b.article)
        if a is None or b is None:
            continue
        ta, tb = a.text[c.a.start : c.a.end].strip(), b.text[c.b.start : c.b.end].strip()
        out.append(SummarySentence(f"روايتان متعارضتان: «{ta}» ({iso(c.a.outlet or _label(d, a.id))}) مقابل «{tb}» ({iso(c.b.outlet or _label(d, b.id))}).",
                                   (c.a, c.b), "disputed"))
    return out


def _single(d: Dossier, pick: _Picker) -> list[SummarySentence]:
    out = []
    ranked = sorted(d.single_source, key=lambda s: -max((x[2] for x in [pick.sentence(s.evidence)] if x), default=-9))
    for s in ranked:
        if len(out) >= MAX_SINGLE:
            break
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
    context = _context(d, pick)
    agreed, disputed, single = _agreed(d, pick), _disputed(d, pick), _single(d, pick)
    extra = [] if disputed or agreed else _figures_context(d)
    missing = [name for name, got in (("agreements between independent sources", d.agreements),
                                      ("disputed facts", d.disputes or d.attribution_conflicts or d.contradictions),
                                      ("single-source claims", d.single_source)) if not got]
    notes = (f"summary: no {', no '.join(missing)} found",) if missing and d.articles else ()
    out = context[:1] + agreed + disputed + extra + single + context[1:]
    return tuple(s for s in out if s.citations), notes


@stage("summary", requires=("figures",), provides=("summary",))
def summary(dossier: Dossier) -> Dossier:
    sentences, notes = build_summary(dossier)
    return replace(dossier, summary=sentences, notes=tuple(dossier.notes) + notes)
