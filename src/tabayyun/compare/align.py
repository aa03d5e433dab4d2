"""Alignment: which figures of different articles speak of the same fact.

A fact is (category, unit family, who was counted, whose side, cause, time). Each
part is read from the layers the per-article stages made (the quantity's counted
phrase, subset and scope, the tokens of its sentence), never by re-parsing:

- units are brought to one base ("شهر ونصف" = 45 days, "40 طناً" = 40,000 kg),
  and every value becomes an interval (vague "العشرات" = 20..99, "أكثر من" open);
- a figure inside another's "بينهم …" subset is its own fact ("civilians among");
- a part nobody states (no side, no cause) joins the one stated part when it is
  unambiguous (the cause: the story's main one), instead of splitting the fact;
- figures more than three weeks apart are different facts ("2020" vs "Sep 2023");
- for non-casualty figures (durations, aid, money …) the category says too
  little, so two figures also need a content word in common near them
  ("الحصار استمر شهراً ونصف" ~ "دام الحصار 45 يوماً").

Grouping is by hash key, then union-find over an inverted index of context
stems, so cost is near-linear. Statements are aligned in ``align_statements``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from ..extract.ner_lexicon import lexicon
from ..model import Article, Dossier, Figure
from ..pipeline import stage
from .align_labels import fact_ar, month_span_ar, side_en
from .align_lex import BASE_NAME, CASUALTY, UNITS, Words, agents, causes, groups, stems
from .align_statements import align_statements
from .wire import UnionFind

TIME_GAP_DAYS = 21
CAUSE_WINDOW = 14  # words after the figure
CONTEXT_WINDOW = 8  # words either side, for non-casualty topics
AGENT_TRIGGER_WINDOW = 4  # words before the figure where the verb of moving people is looked for
AGENT_DOER_WINDOW = 8  # words before that verb where its doer is looked for
MOVED = frozenset({"evacuated", "displaced"})
_CAUSAL = frozenset({"في", "بسبب", "جراء", "اثر", "نتيجه", "خلال", "اثناء", "اعقاب", "عقب", "اثناء"})
_DEMONSTRATIVE = frozenset({"تلك", "هذه", "ذلك", "هذا", "ال"})


@dataclass(frozen=True, slots=True)
class FigureInfo:
    """What alignment knows of one figure (an index into ``dossier.figures``)."""

    index: int
    family: str
    factor: float
    group: str
    side: str | None
    cause: str | None
    subset: bool
    day: int | None
    agent: str | None
    scope: str | None
    context: frozenset[str]

    def interval(self, f: Figure) -> tuple[float, float]:
        return interval(f, self.factor)


def interval(f: Figure, factor: float = 1.0) -> tuple[float, float]:
    """The values a figure allows, in base units."""
    if f.value is None:
        lo = f.low if f.low is not None else 0.0
        hi = f.high if f.high is not None else math.inf
        return lo * factor, hi * factor
    v = f.value * factor
    q = f.qualifier
    if q == "about":
        return v * 0.9, v * 1.1
    if q in ("at_least", "more_than"):
        return v, math.inf
    if q in ("at_most", "less_than", "up_to"):
        return 0.0, v
    return v, v


def display_value(f: Figure, unit: str | None = None) -> str:
    num = lambda x: f"{x:,.0f}" if x == int(x) else f"{x:,.1f}"
    sym = {"about": "~", "at_least": "≥", "more_than": ">", "at_most": "≤", "less_than": "<", "up_to": "≤"}
    if f.value is None:
        hi = "" if f.high is None else num(f.high)
        out = f"{num(f.low or 0)}–{hi}"
    else:
        out = sym.get(f.qualifier, "") + num(f.value)
    family, factor = UNITS.get(unit or "", ("", 1.0))
    if family in BASE_NAME:
        out += f" {unit}s" if f.value != 1 else f" {unit}"
        if factor != 1.0 and f.value is not None:
            out += f" (= {num(f.value * factor)} {BASE_NAME[family]})"
    return out


def _day(value: str | None) -> int | None:
    if not value or len(value) < 4 or not value[:4].isdigit():
        return None
    try:
        y = int(value[:4])
        m = int(value[5:7]) if len(value) >= 7 else 1
        d = int(value[8:10]) if len(value) >= 10 else 1
        return dt.date(y, m, d).toordinal()
    except ValueError:
        return None


def _side(words: Words, art: Article, q) -> str | None:
    """The state whose side was counted: a nationality word in the counted phrase
    ("جنديًا أرمينيًا") or "الجانب الأرميني" in the figure's sentence."""
    lex = lexicon()
    cands = list(words.between(q.counted.start, q.counted.end)) if q.counted else []
    s, e = words.sentence(q.start)
    sent = words.between(s, e)
    for i, t in enumerate(sent[:-1]):
        if t.norm.endswith("جانب"):
            cands.append(sent[i + 1])
    for t in cands:
        adj = lex.demonym_of(t.norm)
        if adj and lex.demonym.get(adj):
            return lex.demonym[adj]
    return None


def _cause(words: Words, q) -> str | None:
    """What the figure is the toll of: a cause word after a causal preposition
    within a few words after the figure ("بسبب العمل العسكري", "في انفجار")."""
    s, e = words.sentence(q.start)
    after = words.between(q.end, e)[:CAUSE_WINDOW]
    table = causes()
    for i, t in enumerate(after):
        c = table.get(t.norm)
        if c is None:
            continue
        prev = [w.norm for w in after[max(0, i - 2) : i]]
        if any(p in _CAUSAL for p in prev) or t.norm.startswith(("بال", "فال")) or (
            prev and prev[-1] in _DEMONSTRATIVE and len(prev) > 1 and prev[-2] in _CAUSAL
        ):
            return c
    return None


def _agent(words: Words, q) -> str | None:
    """Who moved the people a figure counts: the doer of a finite verb of moving
    just before the figure ("جنودها … ونقلوا ما يقرب من 500 شخص" -> soldiers), or of a
    masdar after a helper verb ("يقومون بإجلاء"). A bare masdar ("تحدث عن إجلاء 10
    آلاف شخص") names no doer: None. "stated" when a doer is implied but not classed."""
    s, _ = words.sentence(q.start)
    before = words.between(s, q.start)
    table = agents()
    k = len(before)
    for i in range(k - 1, max(-1, k - 1 - AGENT_TRIGGER_WINDOW), -1):
        kind = table.kind(before[i].norm)
        if kind == "masdar":
            if not any(table.kind(t.norm) == "helper" for t in before[max(0, i - 2) : i]):
                return None
        elif kind != "trigger":
            continue
        for t in reversed(before[max(0, i - AGENT_DOER_WINDOW) : i]):
            doer = table.doer(t.norm)
            if doer:
                return doer
        return "stated" if kind == "trigger" else None
    return None


def figure_info(dossier: Dossier) -> list[FigureInfo]:
    arts = {a.id: a for a in dossier.articles}
    words: dict[str, Words] = {}
    table = groups()
    out = []
    for i, f in enumerate(dossier.figures):
        art = arts.get(f.article)
        q = art.quantities[f.quantity] if art and f.quantity < len(art.quantities) else None
        if q is None:
            out.append(FigureInfo(i, "-", 1.0, "", None, None, False, _day(f.time), None, None, frozenset()))
            continue
        w = words.get(art.id) or words.setdefault(art.id, Words(art))
        family, factor = UNITS.get(q.unit or "", (q.unit or ("person" if f.category in CASUALTY else "-"), 1.0))
        group = ""
        if family in ("person", "-") and q.counted:
            group = next((g for t in w.between(q.counted.start, q.counted.end) if (g := table.get(t.norm))), "")
        if family == "person" and not group:
            group = "people"
        subset = any(p.subset and p.subset.start <= q.start < p.subset.end for p in art.quantities if p is not q)
        context = frozenset()
        if f.category not in CASUALTY:
            k = w.index(q.start)
            s, e = w.sentence(q.start)
            near = [t for t in w.toks[max(0, k - CONTEXT_WINDOW) : k + CONTEXT_WINDOW + 1] if s <= t.start < e]
            # names (أذربيجان) are near every figure of a story: the topic is in the other words
            skip = [(q.start, q.end)] + ([(q.counted.start, q.counted.end)] if q.counted else [])
            skip += [(m.start, m.end) for m in art.entities if s <= m.start < e]
            context = frozenset(stems(t for t in near if not any(a <= t.start < b for a, b in skip)))
        out.append(FigureInfo(
            index=i, family=family, factor=factor, group=group,
            side=_side(w, art, q) if family == "person" else None,
            cause=_cause(w, q) if f.category in CASUALTY else None,
            subset=subset, day=_day(f.time),
            agent=_agent(w, q) if f.category in MOVED else None,
            scope=art.text[q.scope.start : q.scope.end] if q.scope else None,
            context=context,
        ))
    return out


def _split_by_topic(members: list[FigureInfo]) -> list[list[FigureInfo]]:
    """Figures sharing a context stem, by union-find over an inverted index."""
    uf = UnionFind()
    post: dict[str, list[int]] = defaultdict(list)
    for m in members:
        uf.find(str(m.index))
        for s in m.context:
            post[s].append(m.index)
    for ids in post.values():
        if len(ids) <= 200:  # a stem near everything says nothing
            for x in ids[1:]:
                uf.union(str(ids[0]), str(x))
    parts: dict[str, list[FigureInfo]] = defaultdict(list)
    for m in members:
        parts[uf.find(str(m.index))].append(m)
    return list(parts.values())


def _split_by_time(members: list[FigureInfo]) -> list[list[FigureInfo]]:
    dated = sorted((m for m in members if m.day is not None), key=lambda m: m.day)
    chunks: list[list[FigureInfo]] = []
    for m in dated:
        if chunks and m.day - chunks[-1][-1].day <= TIME_GAP_DAYS:
            chunks[-1].append(m)
        else:
            chunks.append([m])
    undated = [m for m in members if m.day is None]
    if not chunks:
        return [undated]
    max(chunks, key=len).extend(undated)
    return chunks


def _time_label(members: list[FigureInfo]) -> str:
    days = sorted(m.day for m in members if m.day is not None)
    if not days:
        return "undated"
    a, b = dt.date.fromordinal(days[0]), dt.date.fromordinal(days[-1])
    return a.strftime("%b %Y") if (a.year, a.month) == (b.year, b.month) else f"{a:%b %Y}–{b:%b %Y}"


def _who(family: str, group: str) -> str:
    return group or (BASE_NAME.get(family) or (family if family != "-" else ""))


def _label(cat: str, family: str, group: str, subset: bool, side: str | None, agent: str | None = None) -> str:
    """The machine key of a fact (English, stable across runs): "killed: Armenian side"."""
    who = _who(family, group)
    if side:
        name = side_en(side)
        who = name if who == "people" else f"{who}, {name}"
    if agent:
        who = f"{who}, moved by {agent}"
    if subset:
        who = f"{who} (among a larger toll)"
    return f"{cat}: {who}" if who else cat


def align_figures(dossier: Dossier) -> tuple[tuple[Figure, ...], list[FigureInfo]]:
    infos = figure_info(dossier)
    base: dict[tuple, list[FigureInfo]] = defaultdict(list)
    for m, f in zip(infos, dossier.figures):
        base[(f.category, m.family, m.group, m.subset)].append(m)
    facts: dict[int, str] = {}
    facts_ar: dict[int, str] = {}
    for (cat, family, group, subset), members in base.items():
        common = Counter(m.cause for m in members if m.cause).most_common(1)
        main_cause = common[0][0] if common else None
        by_cause: dict[str | None, list[FigureInfo]] = defaultdict(list)
        for m in members:
            by_cause[m.cause or main_cause].append(m)
        parts: dict[tuple, list[FigureInfo]] = defaultdict(list)
        for cause, ms in by_cause.items():
            sides = {m.side for m in ms if m.side}
            for m in ms:
                parts[(m.side or (next(iter(sides)) if len(sides) == 1 else None), cause)].append(m)
        many_causes = len({c for _, c in parts}) > 1
        split = [(side, cause, agent, part) for (side, cause), ms in parts.items()
                 for agent, part in _split_by_agent(ms, dossier.figures)]
        for side, cause, agent, ms in split:
            label = _label(cat, family, group, subset, side, agent)
            if many_causes and cause:
                label += f" ({cause})"
            topics = [ms] if cat in CASUALTY else _split_by_topic(ms)
            for ti, topic in enumerate(topics):
                chunks = _split_by_time(topic)
                for chunk in chunks:
                    key = label
                    topic_word = _topic_word(topic) if len(topics) > 1 else None
                    if topic_word:
                        key += " — " + topic_word
                    period = None
                    if len(chunks) > 1:
                        key += f", {_time_label(chunk)}"
                        period = _period_ar(chunk)
                    ar = fact_ar(cat, _who(family, group), side, subset, cause if many_causes else None,
                                 agent, topic_word and _topic_text(dossier, topic, topic_word), period)
                    for m in chunk:
                        facts[m.index] = key
                        facts_ar[m.index] = ar
    figs = tuple(replace(f, fact=facts.get(i), fact_ar=facts_ar.get(i)) for i, f in enumerate(dossier.figures))
    return figs, infos


def _split_by_agent(members: list[FigureInfo], figures) -> list[tuple[str | None, list[FigureInfo]]]:
    """What one named doer moved is a part of everyone moved: like a "بينهم" subset,
    a part below the whole is its own fact, not a rival count ("جنودها … نقلوا 500
    شخص" vs "إجلاء أكثر من 10 آلاف شخص"). A part that equals or exceeds the whole
    stays with it, to agree or to be disputed. Two doers, no whole: one fact each."""
    whole = [m for m in members if m.agent is None]
    by_agent: dict[str, list[FigureInfo]] = defaultdict(list)
    for m in members:
        if m.agent is not None:
            by_agent[m.agent].append(m)
    if not by_agent or (not whole and len(by_agent) == 1):
        return [(None, members)]
    floor = min((m.interval(figures[m.index])[0] for m in whole), default=None)
    main, out = list(whole), []
    for agent, part in by_agent.items():
        below = floor is not None and all(m.interval(figures[m.index])[1] < floor for m in part)
        if below or floor is None:
            out.append((agent, part))
        else:
            main.extend(part)
    return ([(None, main)] if main else []) + out


def _period_ar(members: list[FigureInfo]) -> str:
    days = sorted(m.day for m in members if m.day is not None)
    if not days:
        return "دون تاريخ"
    return month_span_ar(dt.date.fromordinal(days[0]), dt.date.fromordinal(days[-1]))


def _topic_text(dossier: Dossier, members: list[FigureInfo], stem: str) -> str:
    """The topic stem as one of its figures' sentences writes it, for the reader."""
    from ..arabic.stem import strip_clitics

    arts = {a.id: a for a in dossier.articles}
    for m in members:
        f = dossier.figures[m.index]
        art = arts.get(f.article)
        if art is None:
            continue
        w = Words(art)
        k = w.index(f.evidence.start)
        for t in w.toks[max(0, k - CONTEXT_WINDOW) : k + CONTEXT_WINDOW + 1]:
            p, s = strip_clitics(t.norm)
            if t.norm[p : len(t.norm) - s] == stem:
                return art.text[t.start : t.end]
    return stem


def _topic_word(members: list[FigureInfo]) -> str:
    """The context stem most of these figures share, to tell topics apart in the key."""
    c = Counter(s for m in members for s in m.context)
    return min(c, key=lambda s: (-c[s], s)) if c else "?"


@stage("align", requires=("figures", "statements", "tokens", "wire_copy", "independence"), provides=("facts", "statement_groups"))
def align(dossier: Dossier) -> Dossier:
    figs, _ = align_figures(dossier)
    dossier = replace(dossier, figures=figs)
    return replace(dossier, statement_groups=align_statements(dossier))
