"""Lexicons of the statements stage, loaded once from ``arabic/lexicons/statement_*.tsv``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..arabic.normalise import normalise


def _lines(name: str) -> list[list[str]]:
    data = resources.files("tabayyun.arabic").joinpath(f"lexicons/{name}").read_text("utf-8")
    return [ln.split("\t") for ln in data.splitlines() if ln.strip() and not ln.startswith("#")]


@dataclass(frozen=True)
class Lex:
    cues: dict  # norm form -> (type, mode)
    content_types: dict  # norm first word of content -> type
    words: dict  # role -> frozenset of norm words


@lru_cache(maxsize=1)
def lex() -> Lex:
    cues: dict[str, tuple[str, str]] = {}
    for typ, mode, forms in _lines("statement_cues.tsv"):
        for f in forms.split(","):
            cues.setdefault(normalise(f.strip()), (typ, mode))
    types = {normalise(w): t for w, t in _lines("statement_types.tsv")}
    words: dict[str, frozenset] = {}
    for role, ws in _lines("statement_words.tsv"):
        words[role] = frozenset(normalise(w.strip()) for w in ws.split(",")) | words.get(role, frozenset())
    return Lex(cues, types, words)


@lru_cache(maxsize=32768)
def cue(norm: str) -> tuple[str, str] | None:
    """(type, mode) when the normalised token is a reporting cue ("وقالت" -> claim/verb)."""
    c = lex().cues
    if norm in c:
        return c[norm]
    if norm[:1] in ("و", "ف") and norm[1:] in c:
        return c[norm[1:]]
    # an object pronoun on a call/accusation verb: "دعتها الولايات المتحدة إلى …"
    for suf in ("ها", "هم", "ه"):
        if norm.endswith(suf) and len(norm) > len(suf) + 2:
            base = norm[: -len(suf)]
            base = base[1:] if base[:1] in ("و", "ف") and base[1:] in c else base
            hit = c.get(base)
            if hit and hit[0] in ("call", "accusation", "condemnation") and hit[1] == "verb":
                return hit
    return None


@lru_cache(maxsize=32768)
def role(norm: str, name: str) -> bool:
    return norm in lex().words.get(name, ())


@lru_cache(maxsize=32768)
def is_head(norm: str) -> bool:
    """A noun that takes a genitive in a speaker phrase, with or without و/ال."""
    heads = lex().words["head"]
    for cut in ("", "و", "ال", "وال"):
        if norm.startswith(cut) and norm[len(cut):] in heads:
            return True
    return False


@lru_cache(maxsize=32768)
def is_nisba(norm: str) -> bool:
    """An adjective of relation: "الأذربيجانية", "انفصالي", "الروسية"."""
    w = norm[1:] if norm.startswith("و") else norm
    return len(w) > 4 and w.endswith(("ي", "يه", "يين", "يون", "يا"))


@lru_cache(maxsize=1)
def cue_words() -> frozenset:
    """Every token form that is a reporting cue (skip rows excluded) or "نقلت"."""
    c = lex().cues
    out = set()
    for form, (typ, mode) in c.items():
        if mode == "skip":
            continue
        forms = {form}
        if typ in ("call", "accusation", "condemnation") and mode == "verb":
            forms |= {form + suf for suf in ("ها", "هم", "ه")}
        out |= {p + f for f in forms for p in ("", "و", "ف")}
    out |= lex().words["via_verb"]
    return frozenset(out)


@lru_cache(maxsize=1)
def trigger_words() -> frozenset:
    """Token forms where a statement may start: cues, "حسب/وفق…", "نقلت", "جاء"."""
    via = {p + w for w in lex().words["via"] for p in ("", "و", "ف")}
    return cue_words() | via | {"ناقله", "ناقلا", "جاء", "وجاء"}
