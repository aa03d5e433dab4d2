"""Arabic-aware search terms, query parsing and snippets, shared by SQLite FTS5
and PostgreSQL full text so both engines see the same tokens.

Every article is indexed as a string of *terms*: each word normalised
(``arabic.normalise``) and light-stemmed (clitics and one suffix stripped by
``arabic.stem``), so "وقرة باغ" and "قره باغ" index the same. A term is only
letters and digits (``str.isalnum``): FTS5's unicode61 tokenizer keeps it whole,
and it can be written into a PostgreSQL tsvector/tsquery literal without quoting
problems. The user's query goes through the same function, then is rebuilt as an
engine query from parsed parts, never pasted in, so quotes, ``*``, ``--`` or
``'; DROP`` are just text.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ..arabic.normalise import normalise
from ..arabic.segment import tokenise
from ..arabic.stem import _MIN_STEM, _SUFFIXES, strip_clitics

_PART_RE = re.compile(r"[^\W_]+")
# PostgreSQL keeps word positions up to 16383 (larger ones are clamped)
PG_MAX_POS = 16383


def search_stem(norm: str) -> str:
    """Light stem plus one more suffix: search wants "الانفصاليين" (stem
    "انفصالي") and "الانفصالي" (stem "انفصال") to meet; over-stemming costs a
    little precision, a missed plural costs the hit."""
    p, s = strip_clitics(norm)
    term = norm[p : len(norm) - s]
    if s:
        for suf in _SUFFIXES:
            if term.endswith(suf) and len(term) - len(suf) >= _MIN_STEM:
                return term[: -len(suf)]
    return term


def term_spans(text: str) -> list[tuple[str, int, int]]:
    """(term, start, end) for every searchable piece of ``text``; offsets are
    into ``text`` and cover the whole word (clitics included) for highlighting."""
    out: list[tuple[str, int, int]] = []
    for tok in tokenise(text):
        if tok.kind == "word":
            term = search_stem(tok.norm)
            if term.isalnum():
                out.append((term, tok.start, tok.end))
                continue
        elif tok.kind not in ("number", "latin", "other"):
            continue
        for m in _PART_RE.finditer(tok.norm):
            out.append((m.group().lower(), tok.start + m.start(), tok.start + m.end()))
    return out


def index_terms(text: str) -> str:
    """The string stored in the full-text index (terms separated by spaces)."""
    return " ".join(t for t, _, _ in term_spans(text))


def pg_tsvector(terms: str) -> str:
    """A tsvector literal with positions (so phrases work), built from our own
    terms rather than PostgreSQL's parser, which splits some words differently."""
    pos: dict[str, list[int]] = {}
    for i, t in enumerate(terms.split(), 1):
        pos.setdefault(t, []).append(min(i, PG_MAX_POS))
    return " ".join(f"'{t}':" + ",".join(map(str, p[:256])) for t, p in pos.items())


# ---------------------------------------------------------------- queries


@dataclass(frozen=True, slots=True)
class Item:
    terms: tuple[str, ...]  # one term, or a phrase of adjacent terms
    prefix: bool = False  # the last term matches any word starting with it


# a query is OR-groups of AND-ed items
Query = tuple[tuple[Item, ...], ...]

_QUERY_RE = re.compile(r'"([^"]*)"?|(\S+)')


def parse(q: str) -> Query:
    """Words are AND-ed; "double quotes" make a phrase; a word ending in * is a
    prefix; OR (upper case) between words makes alternatives. Everything else
    (punctuation, SQL) is only text and becomes terms or disappears."""
    groups: list[list[Item]] = [[]]
    for m in _QUERY_RE.finditer(q or ""):
        phrase, word = m.group(1), m.group(2)
        if word == "OR":
            if groups[-1]:
                groups.append([])
            continue
        chunk = phrase if phrase is not None else word
        terms = tuple(t for t, _, _ in term_spans(chunk))
        if not terms:
            continue
        prefix = phrase is None and word.endswith("*") and len(terms) == 1
        if phrase is None and len(terms) > 1:
            # "foo-bar" or "قره-باغ": the pieces must be adjacent, as written
            groups[-1].append(Item(terms))
        else:
            groups[-1].append(Item(terms, prefix))
    return tuple(tuple(g) for g in groups if g)


def fts5_query(query: Query) -> str:
    def item(it: Item) -> str:
        s = '"' + " ".join(it.terms) + '"'
        return s + " *" if it.prefix else s

    return " OR ".join("(" + " AND ".join(item(i) for i in g) + ")" for g in query)


def pg_tsquery(query: Query) -> str:
    def item(it: Item) -> str:
        parts = [f"'{t}'" for t in it.terms]
        if it.prefix:
            parts[-1] += ":*"
        return "(" + " <-> ".join(parts) + ")"

    return " | ".join("(" + " & ".join(item(i) for i in g) + ")" for g in query)


# ---------------------------------------------------------------- snippets


_WINDOW = 800
_OVERLAP = 200


def find_match(text: str, query: Query) -> tuple[int, int]:
    """Offsets of the first passage of ``text`` that matches an item of the query
    ((0, 0) when none does, e.g. a filter-only search).

    Reads the text in overlapping windows and tokenises only the windows where a
    wanted term occurs as a substring of the normalised text (a stem is always a
    slice of its normalised word, so this never skips a match): a hit costs a
    fraction of tokenising the whole article."""
    if not query:
        return (0, 0)
    firsts = {it.terms[0] for g in query for it in g}
    start = 0
    while start < len(text):
        end = len(text) if len(text) - start <= _WINDOW else text.find(" ", start + _WINDOW)
        end = len(text) if end == -1 else end
        window = text[start:end]
        folded = normalise(window).lower()
        if any(t in folded for t in firsts):
            found = _first_match(window, query)
            if found:
                return found[0] + start, found[1] + start
        if end >= len(text):
            break
        nxt = text.rfind(" ", start, end - _OVERLAP) + 1
        start = nxt if nxt > start else end
    return (0, 0)


def _first_match(text: str, query: Query) -> tuple[int, int] | None:
    spans = term_spans(text)
    terms = [t for t, _, _ in spans]
    best: tuple[int, int] | None = None
    last = -1
    for group in query:
        for it in group:
            n = len(it.terms)
            for i in range(len(terms) - n + 1):
                if terms[i : i + n - 1] == list(it.terms[:-1]) and (
                    terms[i + n - 1].startswith(it.terms[-1]) if it.prefix else terms[i + n - 1] == it.terms[-1]
                ):
                    if best is None or spans[i][1] < best[0]:
                        best = (spans[i][1], spans[i + n - 1][2])
                        last = i + n - 1
                    break
    if best is None:
        return None
    # extend over the following words that are also asked for ("قره باغ" whole)
    wanted = {t for g in query for it in g for t in it.terms}
    while last + 1 < len(spans) and spans[last + 1][0] in wanted:
        last += 1
        best = (best[0], spans[last][2])
    return best


def score(text: str, query: Query) -> float:
    """How much the article is about the query: sum over the wanted terms of
    log(1 + occurrences in the normalised text). Cheap, and the same whatever
    engine found the article."""
    if not query:
        return 0.0
    folded = normalise(text).lower()
    terms = {t for g in query for it in g for t in it.terms}
    return round(sum(math.log1p(folded.count(t)) for t in terms), 4)


def snippet(text: str, start: int, end: int, before: int = 70, after: int = 130) -> tuple[str, int]:
    """A window of the original text around ``[start, end)``, cut at spaces;
    returns (snippet, offset of its first character)."""
    s = max(0, start - before)
    if s > 0:
        sp = text.find(" ", s, start)
        s = sp + 1 if sp != -1 else s
    e = min(len(text), end + after)
    if e < len(text):
        sp = text.rfind(" ", end, e)
        e = sp if sp != -1 else e
    return text[s:e].replace("\n", " "), s
