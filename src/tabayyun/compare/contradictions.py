"""Contradictions: statements that cannot both hold.

Two sources:

1. Denials. A statement typed ``denial`` that answers another (``responds_to``)
   contradicts it, even inside one article ("قالت أرمينيا … 200 قتيل" / "باكو
   نفت تلك الإحصائيات"). What the denier says right after, in the same breath
   ("مؤكدةً أن أعداد القتلى لم تتعدَّ 32"), is compared with the claim too.
2. Pairs of statements from different articles that are not copies of each
   other, scored by the stance classifier (``compare/stance``) and kept only when
   a rule says *what* differs (a negator on one side, different numbers, a
   lexicon antonym, a swapped named entity) and the two speak of the same thing
   (enough shared content words). Candidates are blocked so the cost grows
   linearly: statements of the same speaker, and statements sharing rare
   content words (an inverted index read in a window), with a cap per statement.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from ..model import Article, Contradiction, Dossier, Evidence, Statement
from ..pipeline import stage
from .figures import claimant_of
from .stance import StanceModel, model
from .stance_features import Side, Signals, side, signals

log = logging.getLogger(__name__)

THRESHOLD = 0.5  # P(disagree), mean of both orders; set on tests/data/contradiction_pairs.jsonl
MIN_OVERLAP = 0.35  # share of content words in common: below, the two speak of different things
CAP = 8  # candidate partners per statement
RARE_WORDS = 6  # rarest content words of a statement used for blocking
WINDOW = 8  # neighbours read on each side in a word's posting list
MAX_FINDINGS = 500
DENIAL_SCORE = 0.95  # an explicit denial of a statement: the text says they conflict

_ORDER = ("negation", "direction", "affiliation", "number", "entity-swap")
_ANTONYM_KIND = {"direction": "direction", "state": "direction", "polarity": "negation",
                 "affiliation": "affiliation"}


@dataclass
class Item:
    art: int
    st: int
    start: int
    end: int
    side: Side
    speaker: str | None
    label: str
    outlet: str
    figures: dict[str, frozenset[float]]  # category -> values of the figures inside it


def kinds_of(sig: Signals) -> list[str]:
    """What differs, most telling first."""
    found = set()
    if sig.negation:
        found.add("negation")
    if sig.antonym:
        found.add(_ANTONYM_KIND.get(sig.antonym[0], "direction"))
    if sig.numbers:
        found.add("number")
    if sig.entity_swap:
        found.add("entity-swap")
    return [k for k in _ORDER if k in found]


def _fmt(v: float) -> str:
    return f"{v:g}" if v != int(v) else f"{int(v):,}"


def explain(sig: Signals, kinds: list[str]) -> str:
    """What differs, in Arabic then English."""
    ar, en = [], []
    for k in kinds:
        if k == "negation" and sig.negation:
            ar.append(f"النفي («{sig.negator}») في أحد القولين دون الآخر")
            en.append(f"one side negates («{sig.negator}»), the other does not")
        elif k in ("negation", "direction", "affiliation") and sig.antonym:
            _, x, y = sig.antonym
            word = {"negation": ("معنى", "meaning"), "direction": ("اتجاه", "direction"),
                    "affiliation": ("موقف", "side")}[k]
            ar.append(f"{word[0]} معاكس: «{x}» مقابل «{y}»")
            en.append(f"opposite {word[1]}: «{x}» vs «{y}»")
        elif k == "number" and sig.numbers:
            xa = "، ".join(_fmt(v) for v in sig.numbers[0][:3])
            xb = "، ".join(_fmt(v) for v in sig.numbers[1][:3])
            ar.append(f"الأرقام مختلفة: {xa} مقابل {xb}")
            en.append(f"different numbers: {xa} vs {xb}")
        elif k == "entity-swap" and sig.entity_swap:
            x, y = sig.entity_swap
            ar.append(f"جهة مختلفة: «{x}» مقابل «{y}»")
            en.append(f"a different party: «{x}» vs «{y}»")
    return "؛ ".join(ar) + " — " + "; ".join(en)


def _outlets(dossier: Dossier) -> dict[str, str]:
    labels = {s.article: s.label for s in dossier.sources}
    return {a.id: labels.get(a.id) or a.meta.outlet or a.meta.source for a in dossier.articles}


def _items(dossier: Dossier, outlets: dict[str, str]) -> list[Item]:
    out = []
    for ai, a in enumerate(dossier.articles):
        if a.duplicate_of is not None:  # a near-copy says what its original says
            continue
        for si, st in enumerate(a.statements):
            if st.content.end - st.content.start < 3:
                continue
            key, label = claimant_of(a, st)
            text = a.text[st.content.start : st.content.end]
            figs: dict[str, set[float]] = defaultdict(set)
            for q in a.quantities:
                if q.statement == si and q.value is not None and q.category != "other":
                    figs[q.category].add(q.value)
            out.append(Item(ai, si, st.content.start, st.content.end, side(text),
                            key if key != "?" else None, label or "?", outlets[a.id],
                            {k: frozenset(v) for k, v in figs.items()}))
    return out


def _copies(a: Article, b: Article) -> bool:
    return a.id == b.id or a.duplicate_of == b.id or b.duplicate_of == a.id or (
        a.duplicate_of is not None and a.duplicate_of == b.duplicate_of)


def candidates(items: list[Item], articles: tuple[Article, ...], cap: int = CAP) -> set[tuple[int, int]]:
    """Pairs (i, j), i < j, of items from different, non-copied articles."""
    pairs: set[tuple[int, int]] = set()

    def ok(i: int, j: int) -> bool:
        a, b = items[i], items[j]
        return a.art != b.art and not _copies(articles[a.art], articles[b.art])

    by_speaker: dict[str, list[int]] = defaultdict(list)
    for i, it in enumerate(items):
        if it.speaker:
            by_speaker[it.speaker].append(i)
    for group in by_speaker.values():
        for p, i in enumerate(group):  # the next statements of the same speaker, capped
            taken = 0
            for j in group[p + 1 :]:
                if taken >= cap // 2:
                    break
                if ok(i, j):
                    pairs.add((i, j))
                    taken += 1
    df: Counter = Counter()
    words = [frozenset(it.side.stems) for it in items]
    for w in words:
        df.update(w)
    postings: dict[str, list[int]] = defaultdict(list)
    rare: list[list[str]] = []
    for i, w in enumerate(words):
        r = sorted((x for x in w if df[x] > 1 and len(x) > 2), key=lambda x: (df[x], x))[:RARE_WORDS]
        rare.append(r)
        for x in r:
            postings[x].append(i)
    where = {x: {i: p for p, i in enumerate(lst)} for x, lst in postings.items()}
    for i, r in enumerate(rare):
        shared: Counter = Counter()
        for x in r:
            lst, p = postings[x], where[x][i]
            for j in lst[max(0, p - WINDOW) : p + WINDOW + 1]:
                if j != i:
                    shared[j] += 1
        for j, _ in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))[:cap]:
            if ok(i, j):
                pairs.add((min(i, j), max(i, j)))
    return pairs


def _figures_differ(x: Item, y: Item) -> bool:
    return any(x.figures[k].isdisjoint(y.figures[k]) for k in x.figures.keys() & y.figures.keys())


def judge(m: StanceModel, a: Side, b: Side) -> tuple[float, Signals, list[str]]:
    """(score, signals, kinds) of a pair; score 0 when no rule says what differs
    or the two do not speak of the same thing."""
    sig = signals(a, b)  # the rules first: most candidate pairs stop here, cheaply
    kinds = kinds_of(sig)
    if not kinds or sig.overlap < MIN_OVERLAP:
        return 0.0, sig, kinds
    pa, pb = m.predict_sides(a, b), m.predict_sides(b, a)
    return (pa.disagree + pb.disagree) / 2, sig, kinds


def _evidence(a: Article, span, outlet: str) -> Evidence:
    return Evidence(a.id, span.start, span.end, outlet)


def denials(dossier: Dossier, outlets: dict[str, str], m: StanceModel) -> list[Contradiction]:
    out = []
    for a in dossier.articles:
        if a.duplicate_of is not None:
            continue
        sts = a.statements
        for di, d in enumerate(sts):
            if d.type != "denial":
                continue
            for ti in d.responds_to:
                if not 0 <= ti < len(sts) or ti == di:
                    continue
                t = sts[ti]
                _, who_t = claimant_of(a, t)
                _, who_d = claimant_of(a, d)
                ev_t = _evidence(a, t.content, outlets[a.id])
                out.append(Contradiction(
                    "negation", DENIAL_SCORE, ev_t, _evidence(a, d, outlets[a.id]),
                    f"{who_d or 'متحدث'} نفى ما قاله {who_t or 'متحدث'} — "
                    f"{who_d or 'a speaker'} denied what {who_t or 'another speaker'} said"))
                for follow in _same_breath(a, di):
                    score, sig, kinds = judge(m, side(a.text[t.content.start:t.content.end]),
                                              side(a.text[follow.content.start:follow.content.end]))
                    if "number" in kinds:
                        out.append(Contradiction(
                            "number", max(score, 0.8), ev_t, _evidence(a, follow.content, outlets[a.id]),
                            f"{who_d} ↔ {who_t}: " + explain(sig, ["number"])))
    return out


def _same_breath(a: Article, di: int) -> list[Statement]:
    """Statements of the denier that continue the denial ("نفت …، مؤكدةً أن …")."""
    d = a.statements[di]
    out = []
    last = d
    for st in a.statements[di + 1 : di + 4]:
        if st.cue.start - last.content.end > 40:
            break
        same = (st.speaker_id and st.speaker_id == d.speaker_id) or (
            st.speaker and d.speaker and a.text[st.speaker.start:st.speaker.end] == a.text[d.speaker.start:d.speaker.end])
        if not same:
            break
        out.append(st)
        last = st
    return out


def find(dossier: Dossier, m: StanceModel | None = None) -> tuple[list[Contradiction], int]:
    """Contradictions of a dossier, best first, and how many pairs were scored."""
    m = m or model()
    outlets = _outlets(dossier)
    found = denials(dossier, outlets, m)
    items = _items(dossier, outlets)
    pairs = candidates(items, dossier.articles)
    words = [frozenset(it.side.stems) for it in items]
    for i, j in sorted(pairs):
        x, y = items[i], items[j]
        wi, wj = words[i], words[j]
        if wi == wj and x.side.numbers == y.side.numbers and x.side.negators == y.side.negators:
            continue  # the same statement reported twice
        if len(wi & wj) < 0.5 * MIN_OVERLAP * len(wi | wj):
            continue  # cheap bound before the rules: they speak of different things
        score, sig, kinds = judge(m, x.side, y.side)
        if "number" in kinds and (x.figures or y.figures) and not _figures_differ(x, y):
            kinds.remove("number")  # the numbers count different things (killed vs evacuated)
            score = score if kinds else 0.0
        if score < THRESHOLD:
            continue
        a, b = dossier.articles[x.art], dossier.articles[y.art]
        who = f"{x.label} ({x.outlet}) ↔ {y.label} ({y.outlet}): "
        found.append(Contradiction(kinds[0], round(score, 4), Evidence(a.id, x.start, x.end, x.outlet),
                                   Evidence(b.id, y.start, y.end, y.outlet), who + explain(sig, kinds)))
    seen, unique = set(), []
    for c in sorted(found, key=lambda c: -c.score):
        key = frozenset({(c.a.article, c.a.start, c.a.end), (c.b.article, c.b.start, c.b.end)})
        if key not in seen:
            seen.add(key)
            unique.append(c)
    return unique, len(pairs)


@stage("contradictions", requires=("statements", "entities"), provides=("contradictions",))
def contradictions(dossier: Dossier) -> Dossier:
    found, scored = find(dossier)
    notes = ()
    if len(found) > MAX_FINDINGS:
        notes = (f"contradictions: {len(found)} found, the {MAX_FINDINGS} strongest kept",)
        found = found[:MAX_FINDINGS]
    log.info("contradictions: %d pairs scored, %d found", scored, len(found))
    return replace(dossier, contradictions=tuple(found), notes=tuple(dossier.notes) + notes)
