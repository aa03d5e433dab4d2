"""Sentences, tokens and quotation regions, with offsets, tuned to Arabic news.

Our own rules rather than a general splitter: sentencex splits after "د." and
pysbd splits at "،"; news also needs headings without final punctuation, ".."
used mid-sentence, and quotes that run over several sentences.
"""

from __future__ import annotations

import re
from functools import partial
from itertools import accumulate
from operator import itemgetter

from ..model import Quote, Sentence, Token
from .normalise import normalise_word

# ---------------------------------------------------------------- tokens

_AR_LETTERS = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06fa-\u06ff\u0640\u064b-\u065f\u0670"
_DIGITS = "0-9\u0660-\u0669\u06f0-\u06f9"
_TOKEN_RE = re.compile(
    rf"(?P<number>[{_DIGITS}]+(?:[.,\u066b\u066c][{_DIGITS}]+)*)"
    rf"|(?P<word>[{_AR_LETTERS}]+)"
    r"|(?P<latin>[A-Za-z][A-Za-z0-9]*(?:[.\-_'@/][A-Za-z0-9]+)*)"
    r"|(?P<punct>[^\w\s]|_)"
    r"|(?P<other>[^\s])"
)
_KINDS = (None, "number", "word", "latin", "punct", "other")  # by group index in _TOKEN_RE


# The same alternatives without names, captured as one group: ``split`` returns
# [gap, token, gap, token, …, gap] (gaps are whitespace, maybe empty), so offsets
# are running sums of lengths and no match object is built per token.
_SPLIT_RE = re.compile("(" + re.sub(r"\(\?P<\w+>", "(?:", _TOKEN_RE.pattern) + ")")


class _KindOf(dict):
    """First character -> token kind. Each alternative of ``_TOKEN_RE`` is decided
    by its first character, so the kind of a token is that of its first character."""

    def __missing__(self, ch: str) -> str:
        kind = self[ch] = _KINDS[_TOKEN_RE.match(ch).lastindex]
        return kind


class _NormOf(dict):
    """Word -> ``normalise_word(word)``: a plain dict hit is cheaper than the
    LRU wrapper, and news vocabulary repeats."""

    def __missing__(self, word: str) -> str:
        norm = self[word] = normalise_word(word)
        return norm


_KIND_OF = _KindOf()
_NORM_OF = _NormOf()
_NORM_MAX = 200_000  # words kept before the table is emptied
_NEW_TOKEN = partial(tuple.__new__, Token)  # skips the NamedTuple constructor
_FIRST = itemgetter(0)


def tokenise(text: str) -> tuple[Token, ...]:
    """Split into word, number, latin, punctuation and other tokens with offsets.

    Clitics stay attached (stemming is for matching, see ``stem``); the
    normalised form is kept on each token for lookups."""
    # ~600 tokens an article: every step below runs in C (split, running sums,
    # cached normalisation, kind by first character), no Python code per token
    if len(_NORM_OF) > _NORM_MAX:
        _NORM_OF.clear()
    parts = _SPLIT_RE.split(text)
    words = parts[1::2]
    ends = list(accumulate(map(len, parts)))
    return tuple(map(_NEW_TOKEN, zip(ends[0::2], ends[1::2], map(_NORM_OF.__getitem__, words),
                                     map(_KIND_OF.__getitem__, map(_FIRST, words)))))


# ---------------------------------------------------------------- quotes

# opening mark -> closing marks accepted. Arabic pages mix directions of curly
# quotes (”…“ as well as “…”), so both orders are accepted.
_PAIRS = {
    "«": "»",
    "“": "”“",
    "”": "“”",
    "„": "“”",
    '"': '"',
    "‹": "›",
}


_MARKS_RE = re.compile("[" + re.escape("".join(set("".join(_PAIRS) + "".join(_PAIRS.values())))) + "\n]")


def find_quotes(text: str) -> tuple[Quote, ...]:
    """Regions inside quotation marks (marks excluded). A quote may span several
    sentences; one that never closes ends at its paragraph (``close_mark=None``).

    Walks only the quote marks and line breaks (found by one regex), not every
    character."""
    quotes: list[Quote] = []
    open_at, opener, closers = -1, "", ""
    for m in _MARKS_RE.finditer(text):
        ch, i = m.group(), m.start()
        if open_at < 0:
            if ch in _PAIRS:
                open_at, opener, closers = i, ch, _PAIRS[ch]
            continue
        if ch == "\n":
            if text[open_at + 1 : i].strip():
                quotes.append(Quote(open_at + 1, i, opener, None))
            open_at = -1
        elif ch in closers:
            if i > open_at + 1:
                quotes.append(Quote(open_at + 1, i, opener, ch))
            open_at = -1
    if open_at >= 0 and text[open_at + 1 :].strip():
        quotes.append(Quote(open_at + 1, len(text), opener, None))
    return tuple(quotes)


# ---------------------------------------------------------------- sentences

_TERMINAL = ".!?؟…"
_CLOSERS = "\"'»”“’)]}"
# one-letter Arabic abbreviations ("د." doctor, "أ." professor, "م." engineer)
# and a few short ones; a sentence does not end after them.
_ABBREV = {"د", "أ", "م", "ص", "ج", "ق", "س", "ه", "هـ", "ت", "ش", "ك", "ن", "ع", "ط"}
_HEADING_MAX_WORDS = 14
_BREAK_RE = re.compile(r"[.!?؟…]+")


def _is_abbrev(text: str, dot: int) -> bool:
    # only a word of one or two letters can be an abbreviation: read back at most 3
    k = dot
    lim = max(0, dot - 3)
    while k > lim and not text[k - 1].isspace() and text[k - 1] not in "(\"«":
        k -= 1
    if k == lim and k > 0 and not text[k - 1].isspace() and text[k - 1] not in "(\"«":
        return False  # four letters or more
    word = text[k:dot]
    return word in _ABBREV or (len(word) == 1 and word.isalpha())


def _split_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    s = start
    for m in _BREAK_RE.finditer(text, start, end):
        e = m.end()
        run = m.group()
        if run in ("..", "...") or run == "…":
            continue  # mid-sentence ellipsis in news ("المدنيين.. كذلك")
        if run == "." and _is_abbrev(text, m.start()):
            continue
        if e < end and text[e] not in " \t\"'»”“’)":
            continue  # "3.5", "xeber24.net"
        while e < end and text[e] in _CLOSERS:
            e += 1
        spans.append((s, e))
        s = e
    spans.append((s, end))
    return spans


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    if s < e and (text[s].isspace() or text[e - 1].isspace()):
        piece = text[s:e]
        core = piece.strip()
        if not core:
            return e, e
        s += len(piece) - len(piece.lstrip())
        e = s + len(core)
    return s, e


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Sentence spans. Lines are hard boundaries; a line with no final
    punctuation and few words is a heading."""
    out: list[Sentence] = []
    pos = 0
    for line in text.split("\n"):
        ls, le = pos, pos + len(line)
        pos = le + 1
        ls, le = _trim(text, ls, le)
        if ls == le:
            continue
        pieces = _split_line(text, ls, le)
        heading = (
            len(pieces) == 1
            and text[le - 1] not in _TERMINAL + _CLOSERS + ":،,"
            and len(text[ls:le].split()) <= _HEADING_MAX_WORDS
        )
        for s, e in pieces:
            s, e = _trim(text, s, e)
            if s < e:
                out.append(Sentence(s, e, heading))
    return tuple(out)
