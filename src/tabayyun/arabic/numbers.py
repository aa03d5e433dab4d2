"""Arabic numbers as written in news: digits (both scripts), number words in
every gender and case, multipliers, duals and vague amounts.

Works on *normalised* text (see ``normalise``), where every Arabic-Indic digit
is ASCII and hamza/ta-marbuta forms are folded, so one regex built from the
lexicons finds every expression; the value is then read from the few words the
match covers. ``find_numbers`` maps offsets back to the original text.

Lexicons (``lexicons/numbers_*.tsv``): number words with their kind, vague
amounts with their range, duals that count on their own, and context words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .normalise import normalise, normalise_with_map, to_original

_LETTER = "\u0621-\u064a"
_NOT_AFTER_LETTER = rf"(?<![{_LETTER}])"
_NOT_BEFORE_LETTER = rf"(?![{_LETTER}])"
# a proclitic cluster: conjunction, preposition, article ("وبالـ", "لل")
_PFX = r"(?:[وف])?(?:[بلك])?(?:ال)?"
_DIG = r"(?<![A-Za-z0-9_./:@#+\-])\d+(?:[.,]\d+)*(?![A-Za-z_/@])"
# words that alone are too ambiguous to count ("أحد" someone, "واحد" after a noun)
_NOT_ALONE = frozenset({"احد", "احدي", "واحد", "واحده", "اثنا", "اثني", "اثنتا", "اثنتي", "الاثنين"})


@dataclass(frozen=True, slots=True)
class Number:
    """A number expression: ``start``/``end`` in the text it was found in."""

    start: int
    end: int
    value: float | None  # None for vague amounts and ordinals
    low: float | None = None
    high: float | None = None
    vague: str | None = None  # "dozens", "hundreds", …
    ordinal: int | None = None  # "الثالث" -> 3 (never a count)
    kind: str = "digits"  # digits, words, dual, vague, ordinal
    counted: str | None = None  # for duals: the singular noun ("مدني")


def _rows(name: str) -> list[list[str]]:
    data = resources.files("tabayyun.arabic").joinpath(f"lexicons/{name}").read_text("utf-8")
    return [
        line.split("\t")
        for line in data.splitlines()
        if line.strip() and not line.startswith("#")
    ]


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class _Lex:
    words: dict  # norm word -> (value, kind)
    vague: dict  # norm phrase -> (class, low, high)
    duals: dict  # norm word -> singular noun
    context: dict  # norm word -> kind
    regex: re.Pattern
    halves: dict = None  # norm unit word -> singular noun ("شهر ونصف" = 1.5 months)


@lru_cache(maxsize=1)
def lexicon() -> _Lex:
    words: dict[str, tuple[float, str]] = {}
    for w, v, k in _rows("numbers_words.tsv"):
        words[normalise(w)] = (float(v), k)
    vague = {normalise(p): (c, float(lo), float(hi)) for p, c, lo, hi in _rows("numbers_vague.tsv")}
    duals = {normalise(w): s for w, s in _rows("numbers_duals.tsv")}
    halves = {normalise(w): s for w, s in _rows("numbers_halves.tsv")}
    context = {normalise(w): k for w, k in _rows("numbers_context.tsv")}
    card = [w for w, (_, k) in words.items() if k != "ordinal"]
    start = [w for w in card if words[w][1] not in ("mult_plural", "half")]
    mults = [w for w in card if words[w][1].startswith("mult")]
    ords = [w for w, (_, k) in words.items() if k == "ordinal"]
    w_start = rf"{_NOT_AFTER_LETTER}{_PFX}(?:{_alt(start)}){_NOT_BEFORE_LETTER}"
    w_any = rf"(?:و\s*)?(?:ال)?(?:{_alt(card)}){_NOT_BEFORE_LETTER}"
    expr = (
        rf"(?P<digits>{_DIG}(?:\s*(?:ال)?(?:{_alt(mults)}){_NOT_BEFORE_LETTER})?)"
        rf"|(?P<words>{w_start}(?:[ \t]+{w_any})*)"
    )
    vag = rf"(?P<vague>{_NOT_AFTER_LETTER}{_PFX}(?:{_alt(vague)}){_NOT_BEFORE_LETTER})"
    dual = rf"(?P<dual>{_NOT_AFTER_LETTER}(?:[وف])?(?:[بل])?(?:{_alt(duals)}){_NOT_BEFORE_LETTER})"
    ordinal = (
        rf"(?P<ordinal>{_NOT_AFTER_LETTER}(?:[وف])?(?:[بلك])?(?:{_alt(ords)})"
        rf"(?:\s+عشر[ه]?)?{_NOT_BEFORE_LETTER})"
    )
    half = (
        rf"(?P<half>{_NOT_AFTER_LETTER}(?:[وف])?(?:[بل])?(?:ال)?(?:{_alt(halves)})\s+ونصف"
        rf"(?:\s+ال(?:{_alt(halves)}))?{_NOT_BEFORE_LETTER})"
    )
    regex = re.compile(f"{vag}|{expr}|{ordinal}|{dual}|{half}")
    return _Lex(words, vague, duals, context, regex, halves)


def parse_digits(s: str) -> float | None:
    """'1,500' -> 1500, '1.5' -> 1.5, '1.500.000' -> 1500000 (ASCII digits)."""
    try:
        if "," in s and "." in s:
            return float(s.replace(",", ""))
        for sep in ",.":
            if sep in s:
                head, *groups = s.split(sep)
                if all(len(g) == 3 for g in groups) and (sep == "," or len(groups) > 1):
                    return float(head + "".join(groups))
                if len(groups) == 1:
                    return float(head + "." + groups[0])
                return None
        return float(s)
    except ValueError:
        return None


_DIGITS_HEAD = re.compile(r"\d+(?:[.,]\d+)*")
_WORD_SPLIT = re.compile(r"\d+(?:[.,]\d+)*|[^\s\d]+")


def _word_value(w: str, words: dict) -> tuple[float, str] | None:
    """Look a word up with its proclitics (و، ب، ل، ال) removed as needed."""
    if w in words:
        return words[w]
    for cut in ("و", "ف", "ب", "ل", "ك", "ال", "وال", "بال", "لل", "فال", "وب", "ول", "وبال", "ولل"):
        if w.startswith(cut) and w[len(cut):] in words:
            return words[w[len(cut):]]
    return None


def _compose(pieces: list[tuple[float, str]]) -> float | None:
    total = 0.0
    cur = 0.0
    last = ""
    last_mult = 0.0
    for v, k in pieces:
        if k == "half":  # "مليون ونصف" = 1.5 million
            total += v * last_mult if last_mult else 0
            cur += 0 if last_mult else v
            continue
        if k.startswith("mult"):
            last_mult = v / 2 if k == "mult_dual" else v
        if k in ("unit", "ten", "teen_ten"):
            cur += v
        elif k == "hundred":
            cur = cur * 100 if (last == "unit" and v == 100 and 0 < cur < 10) else cur + v
        elif k == "mult":
            total += (cur or 1) * v
            cur = 0
        elif k == "mult_plural":
            total += (cur or 1) * v
            cur = 0
        elif k == "mult_dual":
            total += (cur * v / 2) if cur else v
            cur = 0
        last = k
    value = total + cur
    return value or None


def _value_of_words(text: str, words: dict) -> float | None:
    pieces = []
    for w in _WORD_SPLIT.findall(text):
        if w == "و":
            continue
        if w[0].isdigit():
            d = parse_digits(w)
            if d is None:
                return None
            pieces.append((d, "unit"))
            continue
        hit = _word_value(w, words)
        if hit is None:
            return None
        pieces.append(hit)
    return _compose(pieces)


def _read(m: re.Match, lex: _Lex, strict: bool) -> Number | None:
    kind = m.lastgroup
    s = m.group()
    if kind == "vague":
        for cut in ("", "و", "ف", "ب", "ل", "وب", "ول"):
            if s.startswith(cut) and s[len(cut):] in lex.vague:
                cls, lo, hi = lex.vague[s[len(cut):]]
                return Number(m.start(), m.end(), None, lo, hi, cls, kind="vague")
        # the regex's clitic class also lets "كميات" (quantities) read as "ك" + "مئات"
        return None
    if kind == "dual":
        for cut in ("", "و", "ف", "ب", "ل", "وب", "ول", "فب", "فل"):
            if s.startswith(cut) and s[len(cut):] in lex.duals:
                return Number(m.start(), m.end(), 2.0, kind="dual",
                              counted=lex.duals[s[len(cut):]])
        return None
    if kind == "half":  # "شهرا ونصف الشهر": 1.5 of the unit, counted like a dual
        unit = s.split()[0]
        for cut in ("", "و", "ف", "ب", "ل", "ال", "بال", "وال"):
            if unit.startswith(cut) and unit[len(cut):] in lex.halves:
                return Number(m.start(), m.end(), 1.5, kind="dual", counted=lex.halves[unit[len(cut):]])
        return None
    if kind == "ordinal":
        parts = s.split()
        hit = _word_value(parts[0], lex.words)
        if hit is None:
            return None
        return Number(m.start(), m.end(), None, ordinal=int(hit[0]) + (10 if len(parts) > 1 else 0),
                      kind="ordinal")
    if kind == "digits":
        head = _DIGITS_HEAD.match(s)
        d = parse_digits(head.group())
        if d is None:
            return None
        rest = s[head.end():].strip()
        if rest:
            if rest.startswith("ال") and rest not in lex.words:
                rest = rest[2:]
            hit = _word_value(rest, lex.words)
            if hit:
                mult = hit[0] / 2 if hit[1] == "mult_dual" else hit[0]
                d *= mult
        return Number(m.start(), m.end(), d, kind="digits")
    # words
    if strict and len(s.split()) == 1 and (s in _NOT_ALONE or s.lstrip("وف") in _NOT_ALONE):
        return None
    value = _value_of_words(s, lex.words)
    if value is None:
        return None
    return Number(m.start(), m.end(), value, kind="words")


def find_numbers_norm(norm: str, strict: bool = True) -> list[Number]:
    """Number expressions in already-normalised text (offsets into ``norm``).

    ``strict`` drops lone words that are rarely counts ("أحد" someone,
    "الاثنين" Monday, a trailing "واحد")."""
    lex = lexicon()
    out = []
    for m in lex.regex.finditer(norm):
        n = _read(m, lex, strict)
        if n is not None:
            out.append(n)
    return out


_PREFIXES = ("", "و", "ف", "ب", "ل", "ك", "ال", "وال", "فال", "بال", "لل", "كال", "وب", "ول", "وبال", "ولل", "فب", "فل")


@lru_cache(maxsize=1)
def _first_words() -> frozenset:
    lex = lexicon()
    words = set(lex.words) | set(lex.duals) | set(lex.halves)
    words |= {p.split()[0] for p in lex.vague}
    return frozenset(words)


@lru_cache(maxsize=1)
def number_starters() -> frozenset:
    """Every normalised word (with its proclitics) that may open a number
    expression: a set test per token is the cheap pre-filter before the regex."""
    return frozenset(p + w for w in _first_words() for p in _PREFIXES)


def could_start(word: str) -> bool:
    return word in number_starters()


def find_numbers_at(norm: str, positions, strict: bool = True) -> list[Number]:
    """Like ``find_numbers_norm`` but only tries the given start positions
    (sorted): a number-word or digit token found by the tokeniser."""
    lex = lexicon()
    out = []
    last = -1
    for pos in positions:
        if pos < last:
            continue
        m = lex.regex.match(norm, pos)
        if m is None:
            continue
        n = _read(m, lex, strict)
        if n is not None:
            out.append(n)
            last = m.end()
    return out


def find_numbers(text: str, strict: bool = True) -> list[Number]:
    """Number expressions with offsets into the original ``text``."""
    norm, offs = normalise_with_map(text)
    out = []
    for n in find_numbers_norm(norm, strict):
        s, e = to_original(offs, n.start, n.end)
        out.append(Number(s, e, n.value, n.low, n.high, n.vague, n.ordinal, n.kind, n.counted))
    return out


def parse_number(text: str) -> Number | None:
    """Read ``text`` as one number expression (the longest found in it), or None."""
    found = find_numbers(text, strict=False)
    if not found:
        return None
    return max(found, key=lambda n: n.end - n.start)
