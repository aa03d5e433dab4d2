"""The statements stage: who said what, via whom; then every figure inside a
statement's content points to it (its claimant), the rest are the outlet's own.

Per sentence, on tokens: find reporting cues (lexicon ``statement_cues.tsv``),
the speaker after the cue ("قالت وزارة الدفاع") or before it ("أن باكو نفت"),
then the content: a quotation after ":" or the speaker, or the clause after
"إن/أن", "إلى", "على", "عن". A cue with no findable subject takes the speaker of
the statement it continues ("وأضاف", "مؤكدة"), or stays unknown — never guessed
from nowhere. Reporting chains ("حسب رويترز", "نقلت … عن") become ``via``.
"""

from __future__ import annotations

import bisect
from ..arabic.normalise import normalise_word
from ..model import Article, Quantity, Span, Statement, Via
from ..pipeline import stage
from .statement_core import (
    QUOTE_OPEN, SIBLING_BEFORE, Ctx, Draft, apply_trailing, close_contents, content, previous,
    bare_end, sentence_subject, skip_aside,
)
from .statement_lex import cue, is_head, lex, role
from .statement_speaker import ama_subject, left_subject, noun_phrase
from ..ingest.outlet import agency
from .statement_via import agency_label, naql_parts, source_after


def _next_cue(c: Ctx, k: int, hi: int) -> int:
    return c.next_cue(k, hi)


def _set_content(c: Ctx, d: Draft, con, hi: int, si: int) -> None:
    start, end, direct, how = con
    if end is None:
        end = c.a.sentences[si].end
        if how in ("prep", "bare"):
            end = bare_end(c, start, hi, d.mode == "participle") or end
    d.content, d.direct = (start, end), direct
    if d.typ == "claim":
        words = [normalise_word(w) for w in c.text[start:start + 24].split()[:2]]
        if words and role(words[0], "preposition"):
            words = words[1:]  # "أعرب عن [دعم]"
        if words:
            d.typ = lex().content_types.get(words[0], d.typ)


def _via_source(c: Ctx, i: int, hi: int, here: list[Draft], trailing: list, si: int) -> int:
    """"حسب رويترز" / "فحسب البيان الصادر عن وزارة الدفاع، فإن …": returns the next token."""
    toks = c.toks
    src = source_after(toks, i, hi, c.text)
    if src is None:
        return i + 1
    j, e, cut = src
    sp = c.span(j, e, cut)
    label = agency_label(c.text[sp[0]:sp[1]]) or _named_outlet(c.text[sp[0]:sp[1]])
    w = toks[j].norm
    if not label and not (is_head(w) or is_head(w[1:]) or not w.startswith(("ال", "لل"))):
        return i + 1  # "وفقا للاعتراف الدولي" names no source
    rest = e
    while rest < hi and toks[rest].kind == "punct" and toks[rest].norm not in QUOTE_OPEN:
        rest += 1
    if rest >= hi or (role(toks[rest].norm, "relative") and i > lo_of(c, si)):
        trailing.append((i, sp, label))  # "…، بحسب قطر التي تتوسط في الاتفاق."
        return hi if rest < hi else e
    while rest < hi and toks[rest].kind == "word" and role(toks[rest].norm, "complementizer"):
        rest += 1
    if rest < hi:
        d = Draft(si, i, "claim", "via", sp, region=toks[i].start)
        q = c.quote_at(rest)
        con = (q.start, q.end, True, "quote") if q else (toks[rest].start, None, False, "comp")
        _set_content(c, d, con, hi, si)
        here.append(d)
    return e


def lo_of(c: Ctx, si: int) -> int:
    return c.sent_tok[si][0]


def _named_outlet(text: str) -> str | None:
    """"وكالة الأنباء السودانية": an agency we do not list is still a link of the chain."""
    first = text.split()[:1]
    return text if first and first[0] in ("وكالة", "وكالات", "صحيفة", "قناة", "موقع", "إذاعة", "تلفزيون") else None


def _naql(c: Ctx, i: int, hi: int, here: list[Draft], si: int):
    """"نقلت وكالات أنباء روسية عن الإدارة الرئاسية … قولها إن": a statement, or a
    pending (speaker, via) for the cue that follows ("… عن حاجييف، حيث قال إن")."""
    toks = c.toks
    parts = naql_parts(toks, i, hi, c.text)
    if not parts:
        return None, None
    agent, (k, e) = parts
    via = []
    if agent:
        asp = c.span(*agent)
        via = [(asp[0], asp[1], agency_label(c.text[asp[0]:asp[1]]) or c.text[asp[0]:asp[1]])]  # as written
    elif here and here[-1].speaker:  # "ناقلةً عن …": the governing speaker is the link
        g = here[-1]
        gtext = c.text[g.speaker[0]:g.speaker[1]]
        via = g.via + [(g.speaker[0], g.speaker[1], agency_label(gtext) or gtext)]
    con = content(c, e, hi, _next_cue(c, e, hi), "claim", "weak")
    if con:
        d = Draft(si, i, "claim", "naql", c.span(k, e), via=via, region=toks[i].start)
        _set_content(c, d, con, hi, si)
        here.append(d)
        return e, None
    return e, (c.span(k, e), via)


def _jaa(c: Ctx, i: int, hi: int) -> tuple[int, int] | None:
    """"وجاء في بيان الوزارة:": the speaker after "في بيان"."""
    toks = c.toks
    if i + 3 < hi and toks[i + 1].norm == "في" and toks[i + 2].norm in ("بيان", "البيان", "تقرير", "رساله"):
        e = noun_phrase(toks, i + 3, hi, c.text)
        if e:
            return i + 3, e
    return None


def _find(c: Ctx) -> list[Draft]:
    drafts: list[Draft] = []
    toks = c.toks
    for si, (lo, hi) in enumerate(c.sent_tok):
        heading = c.a.sentences[si].heading
        here: list[Draft] = []
        trailing: list = []  # (opener token, source span, agency label)
        pending = None
        i = lo
        for ti in c.triggers[bisect.bisect_left(c.triggers, lo):bisect.bisect_left(c.triggers, hi)]:
            if ti < i:
                continue  # inside a source phrase already read
            i = ti
            t = toks[i]
            w = t.norm
            if role(w, "via") or (w[:1] in "وف" and role(w[1:], "via")):
                i = _via_source(c, i, hi, here, trailing, si)
                continue
            if role(w, "via_verb") or w in ("ناقله", "ناقلا"):
                nxt, pend = _naql(c, i, hi, here, si)
                if nxt is not None:
                    pending = pend or pending
                    i = nxt
                    continue
            hit = cue(w)
            jaa = _jaa(c, i, hi) if w in ("جاء", "وجاء") else None
            if jaa:
                hit = ("claim", "verb")
            if hit is None or hit[1] == "skip":
                i += 1
                continue
            d = Draft(si, i, hit[0], hit[1], region=t.start)
            k = _speaker(c, d, i, lo, hi, here, drafts, pending, jaa)
            while k < hi and toks[k].kind == "word" and role(toks[k].norm, "filler") and not role(toks[k].norm, "time"):
                k += 1
            con = content(c, k, hi, _next_cue(c, k, hi), d.typ, d.mode)
            if con is not None and heading and con[3] not in ("comp", "quote"):
                con = None  # a title such as "تعهد بدمج الأرمن" is not a statement
            if con is not None:
                _set_content(c, d, con, hi, si)
                here.append(d)
            i += 1
        close_contents(c, here, si)
        apply_trailing(c, drafts, here, trailing, si)
        drafts.extend(here)
    return drafts


def _speaker(c: Ctx, d: Draft, i: int, lo: int, hi: int, here, drafts, pending, jaa) -> int:
    """Fill ``d.speaker`` (and via); return the token where the content scan starts."""
    toks = c.toks
    k = i + 1
    if jaa:
        d.speaker = c.span(*jaa)
        return jaa[1]
    if d.mode == "participle":
        if here and here[-1].speaker:
            d.speaker, d.via = here[-1].speaker, list(here[-1].via)
        else:
            sub = sentence_subject(c, lo, hi, i)
            d.speaker = c.span(*sub) if sub else None
        return k
    sub = left_subject(toks, lo, i) or ama_subject(toks, lo, i)
    if sub:
        d.speaker = c.span(*sub)
        d.region = toks[sub[0]].start
        b = sub[0] - 1
        d.nested = b >= lo and role(toks[b].norm, "complementizer") and toks[b].norm != "وان" and not (
            b - 1 >= lo and toks[b - 1].norm in SIBLING_BEFORE)
        return _told_to(c, d, k, hi)
    k = _told_to(c, d, k, hi)  # "قال لرويترز مسؤول إن"
    while k < hi and toks[k].kind == "word" and role(toks[k].norm, "filler") and not role(toks[k].norm, "time"):
        k += 1
    e = noun_phrase(toks, k, hi, c.text)
    if e is not None:
        e2 = skip_aside(toks, e, hi)
        if e2 != e and e2 < hi:
            d.speaker = c.span(k, e)
            return e2
    antecedent = None
    if here and here[-1].speaker:
        antecedent = (here[-1].speaker, here[-1].via)
    elif (sub := sentence_subject(c, lo, hi, i)) is not None:
        antecedent = (c.span(*sub), [])
    if e is not None:
        # "وحث أذربيجان على …" after "وأجرى بلينكن …": the phrase is the object
        obj = (toks[i].norm[:1] == "و" and d.typ in ("call", "accusation", "condemnation") and e < hi
               and (role(toks[e].norm, "preposition") or toks[e].norm[:1] == "ب") and antecedent is not None)
        if obj:
            d.speaker, d.via = antecedent[0], list(antecedent[1])
        else:
            d.speaker = c.span(k, e)
            return _told_to(c, d, e, hi)
        return k
    if pending:
        d.speaker, d.via = pending[0], list(pending[1])
    elif antecedent:
        d.speaker, d.via = antecedent[0], list(antecedent[1])
    else:
        prev = previous(drafts, c, d.sent)
        if prev:
            d.speaker, d.via = prev.speaker, list(prev.via)
    return k


_TOLD_HEADS = frozenset({"وكاله", "وكالات", "صحيفه", "قناه", "موقع", "تلفزيون", "اذاعه", "شبكه"})


def _agency_exact(phrase: str) -> str | None:
    """The agency named by the whole phrase, with or without its head word."""
    hit = agency(phrase)
    if hit is None and " " in phrase and normalise_word(phrase.split(" ", 1)[0]) in _TOLD_HEADS:
        hit = agency(phrase.split(" ", 1)[1])
    return hit[0] if hit else None


def _told_to(c: Ctx, d: Draft, k: int, hi: int) -> int:
    """"قال مسؤول لوكالة رويترز إن …": the outlet the speaker talked to is a link
    of the reporting chain (via), not part of the speaker or the content."""
    toks = c.toks
    if k >= hi or toks[k].kind != "word" or not toks[k].norm.startswith("ل") or len(toks[k].norm) < 3:
        return k
    bare = toks[k].norm[1:]
    if bare not in _TOLD_HEADS and _agency_exact(c.text[toks[k].start + 1:toks[k].end]) is None:
        return k
    start = toks[k].start + 1
    found = None
    # the longest phrase of up to 5 words naming an agency ("لوكالة فرانس برس")
    for e in range(k + 1, min(hi, k + 5) + 1):
        if toks[e - 1].kind not in ("word", "latin"):
            break
        label = _agency_exact(c.text[start:toks[e - 1].end])
        if label is not None:
            found = (e, label)
    if found is None:
        return k
    e, label = found
    d.via = list(d.via) + [(start, toks[e - 1].end, label)]
    return e


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " \n\t،,:-–—":
        s += 1
    while e > s and text[e - 1] in " \n\t،,.:;؛-–—":
        e -= 1
    return s, e


def _entity_id(article: Article, span) -> str | None:
    """The entity the speaker phrase is about: a mention at its head (or its role
    title) or covering most of it — not a place named inside it ("سلطات أرمن [قره باغ]")."""
    first_end = article.text.find(" ", span[0], span[1])
    first_end = span[1] if first_end < 0 else first_end
    best, best_len = None, 0
    for m in article.entities:
        if not m.entity_id or m.end <= span[0] or m.start >= span[1]:
            continue
        o = min(m.end, span[1]) - max(m.start, span[0])
        at_head = m.start < first_end or (m.role is not None and m.role.start < first_end)
        if (at_head or o * 2 >= span[1] - span[0] or m.type == "PER") and o > best_len:
            best, best_len = m.entity_id, o
    return best


class _TimeOf:
    """The first time expression starting in ``[s, e)``: a bisect over the starts
    (times come in text order), a scan only if they ever do not."""

    __slots__ = ("times", "starts", "ordered")

    def __init__(self, times):
        self.times = times
        self.starts = [t.start for t in times]
        self.ordered = all(a <= b for a, b in zip(self.starts, self.starts[1:]))

    def __call__(self, s: int, e: int) -> int | None:
        if self.ordered:
            i = bisect.bisect_left(self.starts, s)
            return i if i < len(self.starts) and self.starts[i] < e else None
        for i, t in enumerate(self.times):
            if s <= t.start < e:
                return i
        return None


def build(article: Article) -> tuple[Statement, ...]:
    if not article.tokens or not article.sentences:
        return ()
    c = Ctx(article)
    drafts = [d for d in _find(c) if d.content]
    drafts.sort(key=lambda d: (c.toks[d.cue_i].start, d.wrapper))
    out: list[Statement] = []
    seen = set()
    kept: list[Draft] = []
    time_of = _TimeOf(article.times)
    for d in drafts:
        s, e = _trim(article.text, *d.content)
        if e <= s or d.cue_i in seen:
            continue
        seen.add(d.cue_i)
        d.content = (s, e)
        kept.append(d)
    for d in kept:
        cue_t = c.toks[d.cue_i]
        speaker = Span(*d.speaker) if d.speaker else None
        vias = tuple(Via(vs, ve, label, None) for vs, ve, label in d.via)
        start = min(cue_t.start, d.speaker[0] if d.speaker else cue_t.start, d.content[0])
        end = max(d.content[1], cue_t.end, d.speaker[1] if d.speaker else 0)
        responds = ()
        if d.typ == "denial":
            first = article.text[d.content[0]:d.content[0] + 8].split()[:1]
            from ..arabic.normalise import normalise_word

            if first and role(normalise_word(first[0]), "demonstrative"):
                responds = tuple(
                    j for j, o in enumerate(out)
                    if o.content.end <= cue_t.start and kept[j].sent >= d.sent - 1
                    and (o.speaker is None or speaker is None
                         or article.text[o.speaker.start:o.speaker.end] != article.text[speaker.start:speaker.end])
                )
        out.append(Statement(
            start, end, Span(cue_t.start, cue_t.end), Span(*d.content), speaker,
            _entity_id(article, d.speaker) if d.speaker else None, d.direct, d.typ,
            "negative" if d.typ == "denial" else "positive", vias,
            time_of(start, d.content[0]), responds,
        ))
    return tuple(out)


def attribute(article: Article, statements: tuple[Statement, ...]):
    """Each quantity points to the innermost statement whose content holds it."""
    qs = []
    for q in article.quantities:
        best, best_len = None, None
        for i, s in enumerate(statements):
            if s.content.start <= q.start and q.end <= s.content.end:
                n = s.content.end - s.content.start
                if best_len is None or n < best_len:
                    best, best_len = i, n
        qs.append(q if q.statement == best else _with_statement(q, best))
    return tuple(qs)


def _with_statement(q, i):
    # the constructor, not dataclasses.replace: several times cheaper per figure
    return Quantity(q.start, q.end, q.value, q.low, q.high, q.vague, q.qualifier, q.unit, q.category,
                    q.counted, q.subset, q.scope, q.time, i)


@stage("statements", requires=("tokens", "sentences", "quotes", "quantities"), provides=("statements", "attribution"))
def statements(article: Article) -> Article:
    st = build(article)
    return article.with_layers(statements=st, quantities=attribute(article, st))
