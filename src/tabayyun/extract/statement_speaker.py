"""Finding the speaker phrase next to a reporting cue, on the tokens of one sentence.

Arabic news puts the speaker after the verb ("قالت وزارة الدفاع الأذربيجانية إن")
or before it ("إلا أن باكو سرعان ما نفت", "أما تركيا فرأت"). A speaker phrase is
a short noun phrase: a head noun with its genitive ("وزارة الدفاع"), relation
adjectives ("الأذربيجانية"), coordinated names ("الاتحاد الأوروبي وفرنسا") and at
most two name words per head ("إلهام علييف"). We never guess beyond that: no
phrase found means no speaker.
"""

from __future__ import annotations

from ..model import Token
from .statement_lex import cue, is_head, is_nisba, role

_PUNCT_STOP = frozenset("،,.:;؛!?؟\"«»“”()[]-–—/")
_MAX_LEFT = 7
_ARTICLE = ("ال", "وال")


def _stop_word(w: str) -> bool:
    return role(w, "function") or role(w, "time") or role(w, "complementizer") or cue(w) is not None


def _definite(t: Token, text: str | None) -> bool:
    """Starts with the article: checked on the written form when we have it, since
    names such as "إلهام" normalise to a form that starts with "ال"."""
    if text is not None:
        return text.startswith(_ARTICLE, t.start)  # no slice: runs ~50 times an article
    return t.norm.startswith(("ال", "وال"))


def noun_phrase(toks: list[Token], i: int, limit: int, text: str | None = None) -> int | None:
    """End index (exclusive) of a speaker phrase starting at token ``i``, or None."""
    if i >= limit or toks[i].kind not in ("word", "latin"):
        return None
    w0 = toks[i].norm
    if _stop_word(w0) or role(w0, "relative") or role(w0, "filler") or role(w0, "demonstrative"):
        return None
    j = i + 1
    head = is_head(w0) and not _definite(toks[i], text)  # only an indefinite head takes a genitive
    title = role(w0, "title")
    name_prev = not (_definite(toks[i], text) or head)
    names = 1 if name_prev else 0
    while j < limit:
        t = toks[j]
        w = t.norm
        if t.kind not in ("word", "latin") or _stop_word(w) or role(w, "relative"):
            break
        definite = _definite(t, text)
        if head:  # the genitive of a head noun: "وزارة [الدفاع]", "رئيس [الوزراء]"
            head = is_head(w) and not definite
            title = title or role(w, "title")
            name_prev = not definite
            names = 0
            j += 1
            continue
        if (is_nisba(w) or (definite and role(w, "adjective"))) and (definite or not _definite(toks[j - 1], text)):
            name_prev = False
            j += 1
            continue
        if w.startswith("و") and len(w) > 4 and not definite and not cue(w) and not role(w[1:], "function"):
            # coordination "وفرنسا وألمانيا"; a short و-word is more often its own root ("وجود", "وقف")
            j += 1  # coordination: "وفرنسا وألمانيا"
            names = 0
            head = is_head(w)
            name_prev = True
            continue
        if definite:
            break
        if w[:1] == "ل" or (w[:1] == "ب" and (not name_prev or (j + 1 < limit and _definite(toks[j + 1], text)))):
            break  # "قال بلينكن [لباشينيان]", "نددت أرمينيا [بالعمل العسكري]"
        if not (title or name_prev or head):
            break  # a bare word after a definite phrase is its object, not a name
        names += 1
        if names > 2:
            break
        head = is_head(w)
        name_prev = True
        j += 1
    return _with_place(toks, i, j, limit, text)


def _with_place(toks: list[Token], i: int, j: int, limit: int, text: str | None) -> int:
    """"مسؤولون [في قره باغ]": a vague head keeps the place that says who it is."""
    if j + 1 >= limit or toks[j].norm != "في":
        return j
    if not any(role(t.norm, "locatable") or role(t.norm[2:], "locatable") for t in toks[i:j]):
        return j
    nxt = toks[j + 1]
    if nxt.kind != "word" or role(nxt.norm, "not_place") or role(nxt.norm[2:], "not_place") or _stop_word(nxt.norm):
        return j
    e = j + 2
    if e < limit and toks[e].kind == "word" and not _definite(toks[e], text) and not _stop_word(toks[e].norm) \
            and not _definite(nxt, text) and not role(toks[e].norm, "filler"):
        e += 1  # "في قره باغ"
    return e


def _closes(t: Token) -> bool:
    return t.kind == "punct" or role(t.norm, "boundary") or role(t.norm, "relative") or cue(t.norm) is not None


def left_subject(toks: list[Token], lo: int, cue_i: int) -> tuple[int, int] | None:
    """A subject before the cue ("أن باكو سرعان ما نفت"): token range, or None.

    Only between a clause boundary (أن، أما، حيث، كانت، a comma…) and the verb,
    and only a short phrase with no particle or time word in it."""
    if toks[cue_i].norm[:1] in ("و", "ف"):
        return None  # "وقالت …": the verb opens its clause
    j = cue_i - 1
    while j >= lo and toks[j].kind == "word" and role(toks[j].norm, "filler") and not role(toks[j].norm, "time"):
        j -= 1  # "سرعان ما", "بدورها", "قد"
    end = j + 1
    k = j
    while k >= lo and cue_i - k <= _MAX_LEFT and not _closes(toks[k]):
        k -= 1
    if k >= lo and not _closes(toks[k]):
        return None  # no clause boundary close enough
    start = k + 1
    if start >= end:
        if k >= lo and role(toks[k].norm, "relative"):
            return _before_relative(toks, lo, k)
        if k >= lo and toks[k].norm in ("،", ","):
            return _apposed(toks, lo, k)
        return None
    for t in toks[start:end]:
        w = t.norm
        if t.kind not in ("word", "latin") or role(w, "time") or (w[:1] in "وف" and role(w[1:], "function")):
            return None
    if role(toks[start].norm, "function"):
        return None
    if any(role(t.norm, "function") for t in toks[start:end]) and noun_phrase(toks, start, end + 1) != end:
        return None  # a particle inside is fine only as the speaker's place ("مصادر طبية في غزة")
    if noun_phrase(toks, start, end) is None:
        return None
    return start, end


def _apposed(toks: list[Token], lo: int, comma: int) -> tuple[int, int] | None:
    """"أن وزير دفاع تركيا، يشار غولمر، أبلغ": a subject with its apposition."""
    k = comma - 1
    while k >= lo and comma - k <= 4 and toks[k].kind == "word":
        k -= 1
    if k < lo or k == comma - 1 or toks[k].norm not in ("،", ","):
        return None
    j = k - 1
    while j >= lo and k - j <= _MAX_LEFT and toks[j].kind == "word" and not role(toks[j].norm, "boundary"):
        j -= 1
    if j < lo or j == k - 1 or not role(toks[j].norm, "complementizer"):
        return None
    if any(role(t.norm, "function") for t in toks[j + 1:comma]):
        return None
    return j + 1, comma


def _before_relative(toks: list[Token], lo: int, rel: int) -> tuple[int, int] | None:
    j = rel - 1
    if j >= lo and toks[j].kind == "punct":
        j -= 1
    if j < lo or toks[j].kind != "word":
        return None
    end = j + 1
    if not toks[j].norm.startswith("ال"):
        return j, end
    while j - 1 >= lo and toks[j - 1].kind == "word" and toks[j - 1].norm.startswith("ال"):
        j -= 1
    if j - 1 >= lo and toks[j - 1].kind == "word" and is_head(toks[j - 1].norm):
        j -= 1
    return j, end


def ama_subject(toks: list[Token], lo: int, cue_i: int) -> tuple[int, int] | None:
    """"أما الجانب الروسي، الذي …، رأت": the phrase after "أما" up to its comma."""
    for k in range(lo, cue_i):
        if toks[k].norm == "اما":
            e = k + 1
            while e < cue_i and toks[e].kind != "punct":
                e += 1
            if e > k + 1:
                return k + 1, e
            return None
        if toks[k].kind == "punct" and k > lo + 1:
            return None
    return None
