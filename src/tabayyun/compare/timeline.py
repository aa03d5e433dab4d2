"""The timeline: the story's dated events on one axis, merged across outlets.

A sentence becomes a candidate event when it has a date of month grain or finer:
its own (``Sentence.time`` pointing inside it), one carried over from the
sentence before (the times stage decides that with care), a statement's date,
or — for a lede or a sentence with a figure — the article's publication date
when it is known to the day. Candidates of the same day whose content words
overlap are one event, with every sentence as evidence; the text shown is the
most neutral one (attributed wording, no outlet-voice loaded terms), verbatim.

Weekday-only dates ("الأربعاء") in an article whose publication date is unknown
are placed by the story's own dated days, but only when the sentence then joins
an event another article dated directly: a guess never makes an event alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..arabic.normalise import normalise
from ..model import Dossier, Evidence, TimelineEvent
from ..pipeline import stage
from .sentences import ArticleIndex, Weights, is_boilerplate, neutrality, overlap

_FINE = {"day", "part_of_day", "hour", "minute"}
_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?")
JOIN = 0.3  # weighted cosine of content words that makes one event
JOIN_SHARED = 0.2  # plain cosine enough when the two also share a speaker or a figure
MIN_SHARED = 3  # …and at least this many content words in common
WINDOW_GAP = 3  # days: dated days closer than this form the story's core window
_CMP = 6  # members of an event compared with a new sentence (keeps merging linear)


@dataclass(slots=True)
class Cand:
    index: ArticleIndex
    sent: int
    day: str  # "YYYY-MM-DD" or "YYYY-MM"
    value: str  # the value as resolved (may be finer than the day)
    grain: str
    own: bool  # the date is written in this very sentence
    inferred: bool  # placed by weekday against the story's days
    score: float
    outlet: str
    head: Cand | None = None  # the sentence this one's date was carried over from

    @property
    def words(self) -> frozenset[str]:
        return self.index.sentence_words(self.sent)

    @property
    def anchors(self) -> frozenset:
        return self.index.speakers(self.sent) | self.index.facts(self.sent)

    @property
    def span(self) -> tuple[int, int]:
        s = self.index.article.sentences[self.sent]
        return s.start, s.end


def _day_of(value: str | None, grain: str) -> str | None:
    if not value:
        return None
    m = _DATE.match(value)
    if not m:
        return None
    if grain in _FINE and m.group(1):
        return m.group(0)
    if grain == "month":
        return m.group(0)[:7]
    return None


def _candidates(idx: ArticleIndex, outlet: str) -> list[Cand]:
    a = idx.article
    pub = a.meta.published
    pub_day = _day_of(pub.value, pub.grain) if pub.grain in _FINE else None
    figure_sents = {idx.sentence_at(q.start) for q in a.quantities if q.category not in ("other", "duration")}
    out: list[Cand] = []
    lede_seen = False
    heads: dict[int, Cand] = {}  # time index -> the last candidate that wrote it
    for i, s in enumerate(a.sentences):
        if is_boilerplate(a, s):
            continue
        lede, lede_seen = not lede_seen, True
        t = a.times[s.time] if s.time is not None and s.time < len(a.times) else None
        own = t is not None and s.start <= t.start < s.end
        value = grain = None
        if t is not None and (t.grain in _FINE or (own and t.grain == "month")):
            value, grain = t.value, t.grain
        if value is None:  # a statement's own date
            for st in a.statements:
                if s.start <= st.cue.start < s.end and st.time is not None and st.time < len(a.times):
                    tt = a.times[st.time]
                    if tt.grain in _FINE and _day_of(tt.value, tt.grain):
                        value, grain, own = tt.value, tt.grain, False
                        break
        if value is None and pub_day and (lede or i in figure_sents):
            value, grain, own = pub.value, pub.grain, False
        day = _day_of(value, grain or "")
        if not day:
            continue
        c = Cand(idx, i, day, value, "month" if len(day) == 7 else grain, own, False,
                 neutrality(a, s) + (0.25 if own else 0.0), outlet)
        if own:
            heads[s.time] = c
        elif t is not None and value == t.value and out and out[-1].sent == i - 1:
            # a carried-over date continues the passage its date came from
            c.head = heads.get(s.time)
        out.append(c)
    return out


def _core_days(cands: list[Cand]) -> list[str]:
    """The densest run of directly dated days (consecutive gaps ≤ WINDOW_GAP)."""
    from datetime import date

    days = sorted({c.day for c in cands if len(c.day) == 10})
    runs: list[list[str]] = []
    for d in days:
        if runs and (date.fromisoformat(d) - date.fromisoformat(runs[-1][-1])).days <= WINDOW_GAP:
            runs[-1].append(d)
        else:
            runs.append([d])
    if not runs:
        return []
    weight = {d: sum(1 for c in cands if c.day == d) for d in days}
    best = max(runs, key=lambda r: sum(weight[d] for d in r))
    first, last = date.fromisoformat(best[0]), date.fromisoformat(best[-1])
    from datetime import timedelta

    return [(first + timedelta(n)).isoformat() for n in range((last - first).days + 1)]


def _weekday_cands(idx: ArticleIndex, outlet: str, core: list[str]) -> list[Cand]:
    """Sentences dated only by an unresolved weekday, placed in the core window
    when that weekday occurs there exactly once."""
    from datetime import date

    from ..extract.time_lexicon import WEEKDAYS

    a = idx.article
    if a.meta.published.value or not core or len(core) > 7:
        return []
    by_wd = {date.fromisoformat(d).weekday(): d for d in core}
    out, done = [], set()
    for t in a.times:
        if t.value is not None or t.kind != "date":
            continue
        words = normalise(a.text[t.start : t.end]).split()
        wd = next((WEEKDAYS[w] for w in words if w in WEEKDAYS), None)
        i = idx.sentence_at(t.start)
        if wd is None or wd not in by_wd or i is None or i in done:
            continue
        s = a.sentences[i]
        if is_boilerplate(a, s):
            continue
        done.add(i)
        out.append(Cand(idx, i, by_wd[wd], by_wd[wd], "day", True, True, neutrality(a, s), outlet))
    return out


def _merge(cands: list[Cand]) -> list[list[Cand]]:
    weights = Weights(c.words for c in cands)
    groups: dict[str, list[list[Cand]]] = {}
    home: dict[int, list[Cand]] = {}  # id(head cand) -> its event
    order = sorted(cands, key=lambda c: (c.head is not None, c.inferred, not c.own, -c.score))
    for c in order:
        events = groups.setdefault(c.day, [])
        if c.head is not None and id(c.head) in home:
            home[id(c.head)].append(c)
            continue
        w, anchors = c.words, c.anchors
        best, best_o = None, 0.0
        for ev in events:
            for m in ev[:_CMP]:
                if len(w & m.words) < MIN_SHARED:
                    continue
                o = weights.cosine(w, m.words)
                plain = overlap(w, m.words)
                if anchors & m.anchors and plain >= JOIN_SHARED:
                    # same speaker or same figure, same day, similar words
                    o = max(o, JOIN) + plain / 4
                if o > best_o:
                    best, best_o = ev, o
        if best is not None and best_o >= JOIN:
            if not any(m.index is c.index and m.sent == c.sent for m in best):
                best.append(c)
            home[id(c)] = best
        elif not c.inferred:
            events.append([c])
            home[id(c)] = events[-1]
    return [ev for evs in groups.values() for ev in evs]


def _event(members: list[Cand]) -> TimelineEvent:
    rep = max(members, key=lambda c: (c.score, -len(c.index.article.text[slice(*c.span)])))
    a = rep.index.article
    finer = {c.value for c in members}
    date_value = rep.value if len(finer) == 1 and len(rep.day) == 10 else rep.day
    grain = rep.grain if date_value == rep.value else ("month" if len(rep.day) == 7 else "day")
    seen, ev = set(), []
    for c in sorted(members, key=lambda c: (c is not rep, c.outlet, c.span)):
        key = (c.index.article.id, c.span)
        if key not in seen:
            seen.add(key)
            ev.append(Evidence(c.index.article.id, *c.span, c.outlet))
    return TimelineEvent(date_value, grain, a.text[slice(*rep.span)], tuple(ev))


def build_timeline(dossier: Dossier) -> tuple[TimelineEvent, ...]:
    labels = {s.article: s.label for s in dossier.sources}
    indexes = [ArticleIndex(a) for a in dossier.articles if a.duplicate_of is None]
    cands: list[Cand] = []
    for idx in indexes:
        cands.extend(_candidates(idx, labels.get(idx.article.id, idx.article.meta.source)))
    core = _core_days([c for c in cands if c.own])
    for idx in indexes:
        cands.extend(_weekday_cands(idx, labels.get(idx.article.id, idx.article.meta.source), core))
    events = [_event(ev) for ev in _merge(cands)]
    return tuple(sorted(events, key=lambda e: (e.date[:10], e.date, -len(e.evidence))))


@stage("timeline", requires=("sentences", "times", "sources"), provides=("timeline",))
def timeline(dossier: Dossier) -> Dossier:
    events = build_timeline(dossier)
    notes = () if events or not dossier.articles else ("no dated events found for the timeline",)
    return replace(dossier, timeline=events, notes=tuple(dossier.notes) + notes)
