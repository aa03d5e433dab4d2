"""Shared pieces of the statements stage: the draft record, the per-article
index of tokens/quotes, content scanning, and the clean-up rules that cut
contents at sibling statements and apply trailing "حسب رويترز" attributions."""

from __future__ import annotations

import bisect
from itertools import compress
from operator import itemgetter
from dataclasses import dataclass, field

from ..model import Article
from .statement_lex import cue, cue_words, role, trigger_words
from .statement_speaker import noun_phrase

_WINDOW = 22
QUOTE_OPEN = frozenset('"«“”„')
SIBLING_BEFORE = frozenset({"الا", "لكن", "غير", "ولكن", "بينما"})


@dataclass
class Draft:
    sent: int
    cue_i: int
    typ: str
    mode: str
    speaker: tuple[int, int] | None = None  # char span
    content: tuple[int, int] | None = None
    direct: bool = False
    via: list = field(default_factory=list)  # [(start, end, label)]
    region: int = 0  # char offset where the statement's clause starts
    nested: bool = False
    wrapper: bool = False


class Ctx:
    """One article's tokens, sentences and quotes, indexed for the rules."""

    def __init__(self, article: Article):
        self.a = article
        self.text = article.text
        self.toks = list(article.tokens)
        self.starts = list(map(itemgetter(0), self.toks))
        self.sent_tok = []
        for s in article.sentences:
            self.sent_tok.append((bisect.bisect_left(self.starts, s.start), bisect.bisect_left(self.starts, s.end)))
        self.quotes = sorted(article.quotes, key=lambda q: q.start)
        self.q_starts = [q.start for q in self.quotes]
        self.q_by_open = {q.start - 1: q for q in self.quotes}
        trig, cues = trigger_words(), cue_words()
        toks = self.toks
        # C-level filter over the ~600 tokens: the candidates are a few dozen
        found = list(compress(range(len(toks)), map(trig.__contains__, map(itemgetter(2), toks))))
        self.triggers = [i for i in found if not self.in_quote(toks[i].start)]
        self.cue_idx = [i for i in self.triggers if toks[i].norm in cues]

    def next_cue(self, k: int, hi: int) -> int:
        """Index of the first cue at or after token k (outside quotes), else hi."""
        j = bisect.bisect_left(self.cue_idx, k)
        return self.cue_idx[j] if j < len(self.cue_idx) and self.cue_idx[j] < hi else hi

    def in_quote(self, pos: int) -> bool:
        k = bisect.bisect_right(self.q_starts, pos) - 1
        return k >= 0 and self.quotes[k].start <= pos < self.quotes[k].end

    def quote_at(self, tok_i: int):
        t = self.toks[tok_i]
        q = self.q_by_open.get(t.start)
        if q is not None and len(self.text[q.start:q.end].split()) >= 3:
            return q
        return None

    def span(self, i: int, j: int, cut: int = 0) -> tuple[int, int]:
        return self.toks[i].start + cut, self.toks[j - 1].end


def content(c: Ctx, k: int, hi: int, stop: int, typ: str, mode: str):
    """(start, end or None for 'to the clause end', direct, how) of the content scanned
    from token k; ``how`` is quote, comp (after إن/أن), prep or bare."""
    limit = min(stop, hi, k + _WINDOW)
    toks = c.toks
    j = k
    while j < limit:
        t = toks[j]
        w = t.norm
        if w == ":":
            q = c.quote_at(j + 1) if j + 1 < hi else None
            if q:
                return q.start, q.end, True, "quote"
            return (toks[j + 1].start, None, False, "comp") if j + 1 < hi else None
        q = c.quote_at(j)
        if q and (j == k or (j == k + 1 and toks[k].norm in ("،", ",")) or (
                typ in ("claim", "condemnation") and mode == "verb")):
            return q.start, q.end, True, "quote"
        if t.kind == "word" and role(w, "complementizer"):
            n = j + 1
            while n < hi and toks[n].kind == "word" and role(toks[n].norm, "complementizer"):
                n += 1
            if n >= hi:
                return None
            q = c.quote_at(n)
            if q:
                return q.start, q.end, True, "quote"
            return toks[n].start, None, False, "comp"
        if t.kind == "word" and mode != "weak" and not c.in_quote(t.start) and (
            (role(w, "preposition") and (j == k or typ == "call"))
            or (w[:1] == "ب" and len(w) >= 4 and typ in ("accusation", "condemnation", "call", "announcement")
                and (j == k or typ != "announcement"))
        ):
            return t.start, None, False, "prep"
        j += 1
    if mode == "weak":
        return None
    j = k
    while j < hi and j < stop and (toks[j].kind == "punct" or role(toks[j].norm, "time")):
        j += 1
    if j >= hi or j >= stop:
        return None
    return toks[j].start, None, False, "bare"


def bare_end(c: Ctx, start: int, hi: int, participle: bool) -> int | None:
    """Where a content with no إن/أن ends: the first comma for a participle
    ("مؤكدة مواصلة تقديم المساعدات، وتضمنت …"), else a comma before وذلك/بينما."""
    k = bisect.bisect_left(c.starts, start)
    while k < hi:
        t = c.toks[k]
        if t.norm in ("،", ","):
            if participle or (k + 1 < hi and role(c.toks[k + 1].norm, "content_end")):
                return t.start
            if k + 2 < hi and c.toks[k + 1].norm == "في" and c.toks[k + 2].norm == "حين":
                return t.start
        k += 1
    return None


def skip_aside(toks, e: int, hi: int) -> int:
    """After a speaker, skip "-في بيان-" or "(…)" asides."""
    if e < hi and toks[e].norm in ("-", "–", "—", "("):
        close = ")" if toks[e].norm == "(" else toks[e].norm
        for n in range(e + 1, min(hi, e + 12)):
            if toks[n].norm == close:
                return n + 1
    return e


def sentence_subject(c: Ctx, lo: int, hi: int, cue_i: int):
    """"ووزعت طواقم وزارة الطوارئ …، مؤكدة": the subject after the sentence's first verb."""
    if cue_i <= lo + 1:
        return None
    w0 = c.toks[lo].norm
    if c.toks[lo].kind != "word" or role(w0, "function") or role(w0, "boundary") or cue(w0) or len(w0) < 4:
        return None
    if w0[:1] == "و" and role(w0[1:], "function"):
        return None
    e = noun_phrase(c.toks, lo + 1, cue_i, c.text)
    if e is None or e == lo + 1 and c.toks[lo + 1].norm.startswith("ال"):
        return None
    return lo + 1, e


def previous(drafts: list[Draft], c: Ctx, si: int):
    """The last statement with a speaker in the previous two (non-heading) sentences."""
    seen = 0
    s = si - 1
    while s >= 0 and seen < 2:
        if not c.a.sentences[s].heading:
            seen += 1
        for d in reversed(drafts):
            if d.sent == s and d.speaker:
                return d
        s -= 1
    return None


def close_contents(c: Ctx, here: list[Draft], si: int) -> None:
    """Cut each indirect content at the next sibling statement of its sentence."""
    toks = c.toks
    for a_i, a in enumerate(here):
        if a.direct or a.content is None:
            continue
        for b in here[a_i + 1:]:
            if b.region <= a.content[0]:
                continue
            if b.nested and a.content[0] <= b.region < a.content[1]:
                continue
            cut = b.region
            k = bisect.bisect_left(c.starts, cut) - 1
            while k >= 0 and toks[k].start >= a.content[0] and (
                toks[k].kind == "punct" or role(toks[k].norm, "boundary")
                or toks[k].norm in ("و", "خاصه", "في", "بعد", "قبل", "منذ")
            ) and toks[k].norm not in QUOTE_OPEN:
                cut = toks[k].start
                k -= 1
            if a.content[0] < cut < a.content[1]:
                a.content = (a.content[0], cut)
            break


def apply_trailing(c: Ctx, drafts, here, trailing, si: int) -> None:
    """", حسب رويترز." attributes what comes before it: a via for the statements
    there, and a statement of its own for what they do not cover."""
    toks = c.toks
    sent = c.a.sentences[si]
    for op_i, sp, label in trailing:
        end = toks[op_i].start
        k = op_i - 1
        while k >= 0 and toks[k].start >= sent.start and toks[k].kind == "punct" and toks[k].norm not in QUOTE_OPEN:
            end = toks[k].start
            k -= 1
        start = sent.start
        targets = [d for d in here if c.toks[d.cue_i].start < end]
        if end <= start + 1 and si > 0:  # "حسب رويترز." on its own: the sentence before
            prev = c.a.sentences[si - 1]
            start, end = prev.start, prev.end
            while end > start and c.text[end - 1] in ".،, ":
                end -= 1
            targets = [d for d in drafts if d.sent == si - 1]
        if end <= start:
            continue
        cov_start = max(start, min(d.region for d in targets)) if targets else start
        covered = 0
        for d in targets:
            if d.content and d.content[1] > end and d.content[0] < end:
                d.content = (d.content[0], end)
            if label:
                d.via.insert(0, (sp[0], sp[1], label))
            if d.content:
                covered += max(0, min(d.content[1], end) - max(d.region, cov_start))
        if label and covered >= 0.6 * (end - cov_start):
            continue
        w = Draft(si, op_i, "claim", "via", sp, (start, end), False, region=start, wrapper=True)
        here.append(w)


