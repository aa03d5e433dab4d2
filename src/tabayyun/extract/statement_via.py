"""Reporting chains: "حسب رويترز", "وفق الأناضول", "بحسب ما نقلت وكالة الإعلام الروسية",
"نقلت وكالات أنباء روسية عن الإدارة الرئاسية", "ناقلة عن وزارة الدفاع"."""

from __future__ import annotations

from ..ingest.outlet import agency
from ..model import Token
from .statement_lex import role
from .statement_speaker import noun_phrase

_QUOTE_MARKS = frozenset('"«»“”„')


def agency_label(text: str) -> str | None:
    """The agency's canonical label if ``text`` names one ("وكالة تاس الروسية للأنباء" -> TASS)."""
    words = text.replace('"', " ").replace("“", " ").replace("”", " ").replace("«", " ").replace("»", " ").split()
    if not words:
        return None
    tries = [" ".join(words)]
    for n in (4, 3, 2, 1):
        if len(words) > n:
            tries.append(" ".join(words[:n]))
    if words[0] in ("وكالة", "وكالات", "صحيفة", "قناة", "موقع") and len(words) > 1:
        tries += [" ".join(words[1:n + 1]) for n in (3, 2, 1)]
    for t in tries:
        hit = agency(t)
        if hit:
            return hit[0]
    return None


def source_after(toks: list[Token], i: int, hi: int, text: str | None = None) -> tuple[int, int, int] | None:
    """After a via opener at ``i``: (first token of the source, end token, offset cut)
    where ``offset cut`` is 1 when a "ل" prefix must be cut ("وفقا لوزارة")."""
    j = i + 1
    cut = 0
    while j < hi and (role(toks[j].norm, "via_filler") or toks[j].norm in _QUOTE_MARKS):
        j += 1
    if j >= hi or toks[j].kind not in ("word", "latin"):
        return None
    if role(toks[j].norm, "via_skip"):
        return None
    if toks[i].norm in ("وفقا", "طبقا") and toks[j].norm.startswith("ل") and j == i + 1:
        cut = 1
    e = noun_phrase(toks, j, hi, text)
    if e is None:
        # a bare agency name the phrase rules do not know ("RT")
        e = j + 1
    while e < hi and toks[e].norm in _QUOTE_MARKS and e + 1 < hi and toks[e + 1].kind == "word" and e == j + 1:
        e += 1
    return j, e, cut


def naql_parts(toks: list[Token], i: int, hi: int, text: str | None = None) -> tuple[tuple[int, int] | None, tuple[int, int]] | None:
    """"نقلت [وكالات أنباء روسية] عن [الإدارة الرئاسية]": (agent token range or None,
    source token range), or None when there is no "عن" close by."""
    j = i + 1
    while j < hi and j <= i + 8 and toks[j].norm != "عن":
        if toks[j].kind == "punct" and toks[j].norm not in _QUOTE_MARKS and toks[j].norm not in "،,":
            return None
        j += 1
    if j >= hi or toks[j].norm != "عن":
        return None
    a0, a1 = i + 1, j
    while a0 < a1 and (toks[a0].kind == "punct"):
        a0 += 1
    while a1 > a0 and toks[a1 - 1].kind == "punct":
        a1 -= 1
    k = j + 1
    while k < hi and toks[k].kind == "punct":
        k += 1
    e = noun_phrase(toks, k, hi, text)
    if e is None:
        return None
    return ((a0, a1) if a1 > a0 else None), (k, e)
