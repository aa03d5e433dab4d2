"""Clitic-aware light stemming for matching (not for display).

A Light10-style stemmer (Larkey et al.) over *normalised* words: strip one
proclitic cluster (و ف ب ل ك with or without ال) and one suffix, keeping a stem
of at least three letters. Returns offsets so the stem can be located in the
word. Our own because the permissive options over-stem (Snowball) or are GPL.
"""

from __future__ import annotations

from functools import lru_cache

from .normalise import normalise_word

# all in normalised spelling (ة→ه, أ→ا). Conjunctions first, then the article
# or a preposition, as in Light10.
_CONJ = ("و", "ف")
_ARTICLE = ("بال", "كال", "لل", "ال")
_PREP = ("ب", "ل", "ك")
_SUFFIXES = (
    "هما", "كما", "ات", "ون", "ين", "ان", "يه", "ها", "هم", "هن", "كم", "نا", "يا",
    "ه", "ي",
)
_MIN_STEM = 3


@lru_cache(maxsize=131072)
def strip_clitics(word: str) -> tuple[int, int]:
    """Return ``(prefix_len, suffix_len)`` for a normalised word.

    ``word[prefix_len:len(word) - suffix_len]`` is the light stem. Strips only when
    at least three letters remain, and a lone preposition (ب ل ك) only before four,
    so "وباكو" and "باكو" both stem to "باكو"."""
    p = 0
    if word[:1] in _CONJ and len(word) - 1 >= _MIN_STEM:
        p = 1
    rest = word[p:]
    for pre in _ARTICLE:
        if rest.startswith(pre) and len(rest) - len(pre) >= _MIN_STEM:
            p += len(pre)
            break
    else:
        if rest[:1] in _PREP and len(rest) - 1 >= _MIN_STEM + 1:
            p += 1
    s = 0
    for suf in _SUFFIXES:
        if word.endswith(suf) and len(word) - p - len(suf) >= _MIN_STEM:
            s = len(suf)
            break
    return p, s


def light_stem(word: str) -> str:
    """Normalise then light-stem a single word: "وباكو" → "باكو", "الانفصاليين" → "انفصالي"."""
    w = normalise_word(word)
    p, s = strip_clitics(w)
    return w[p : len(w) - s]


def strip_proclitics(word: str) -> str:
    """Remove only the leading clitics (keep suffixes): for name lookup, where
    "لأذربيجان" must become "اذربيجان" but "علييف" must stay whole."""
    w = normalise_word(word)
    p, _ = strip_clitics(w)
    return w[p:]
