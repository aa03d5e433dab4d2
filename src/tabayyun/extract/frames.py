"""The frames stage: contested vocabulary, and in whose voice it is used.

Terms come from the framing lexicon (``data/frames.tsv``), matched on token
norms through a trie (longest match, left to right; a blocker phrase such as
"رئيس التحرير" swallows its words). Voice:

- ``quoted``: inside quotation marks, or in the content of a direct statement;
- ``attributed``: in the content of an indirect (reported) statement;
- ``outlet``: anywhere else — the outlet's own narration.

A term inside a statement's content points to that statement (the innermost).
"""

from __future__ import annotations

from ..arabic.normalise import normalise_with_map
from ..model import Article, FrameTerm, Token
from ..pipeline import stage
from .frame_lexicon import END, PROCLITICS, WILD, Lexicon, lexicon

_CACHE_MAX = 200_000
_NONE: tuple = ()


class Matcher:
    """Finds lexicon terms in a token sequence. Token lookups are cached: news
    vocabulary repeats, so after warm-up a token costs one dict lookup."""

    def __init__(self, lex: Lexicon):
        self.lex = lex
        self._cache: dict[str, tuple[tuple[str, int], ...]] = {}

    def lexemes(self, norm: str) -> tuple[tuple[str, int], ...]:
        """(lexeme key, proclitic length) pairs the normalised token can be."""
        hit = self._cache.get(norm)
        if hit is None:
            forms, found = self.lex.forms, []
            for p in PROCLITICS:
                if norm.startswith(p) and len(norm) - len(p) >= 2:
                    for key in forms.get(norm[len(p):], _NONE):
                        found.append((key, len(p)))
            hit = tuple(found) if found else _NONE
            if len(self._cache) > _CACHE_MAX:
                self._cache.clear()
            self._cache[norm] = hit
        return hit

    def find(self, tokens: tuple[Token, ...]) -> list[tuple[int, int, int, object]]:
        """-> [(first token, last token + 1, proclitic length of the first, Term)],
        blockers already dropped."""
        out = []
        n, i, lex, first = len(tokens), 0, self.lex, self.lex.first
        root = lex.trie
        while i < n:
            tok = tokens[i]
            if tok[3] != "word":
                i += 1
                continue
            starts = [(k, p) for k, p in self.lexemes(tok[2]) if k in first]
            if not starts:
                i += 1
                continue
            best = None  # (end, proclitic length, term)
            stack = [(root[k], i + 1, p) for k, p in starts]
            while stack:
                node, j, p = stack.pop()
                term = node.get(END)
                if term is not None and (best is None or j > best[0]):
                    best = (j, p, term)
                if j >= n or tokens[j][3] != "word":
                    continue
                for k, _ in self.lexemes(tokens[j][2]):
                    child = node.get(k)
                    if child is not None:
                        stack.append((child, j + 1, p))
                wild = node.get(WILD)
                if wild is not None:
                    stack.append((wild, j + 1, p))
            if best is None:
                i += 1
                continue
            if best[2].side != "-":
                out.append((i, best[0], best[1], best[2]))
            i = best[0]
        return out


_MATCHER: Matcher | None = None


def matcher() -> Matcher:
    global _MATCHER
    if _MATCHER is None:
        _MATCHER = Matcher(lexicon())
    return _MATCHER


def _display_start(text: str, tok: Token, plen: int) -> int:
    """Start of the term without a leading conjunction or preposition ("و", "ب",
    "ل" …) but with its article: "والانفصاليين" is highlighted from "ال"."""
    if plen == 0:
        return tok.start
    prefix = tok.norm[:plen]
    cut = plen - 2 if prefix.endswith(("ال", "لل")) else plen
    if cut <= 0:
        return tok.start
    word = text[tok.start:tok.end]
    if len(word) == len(tok.norm):
        return tok.start + cut
    _, offsets = normalise_with_map(word)
    return tok.start + offsets[cut]


def voice_of(article: Article, start: int) -> tuple[str, int | None]:
    """(voice, statement index) of a position: quoted > direct content >
    indirect content > the outlet's own narration."""
    best, size = None, None
    for k, st in enumerate(article.statements):
        c = st.content
        if c.start <= start < c.end and (size is None or c.end - c.start < size):
            best, size = k, c.end - c.start
    for q in article.quotes:
        if q.start <= start < q.end:
            return "quoted", best
    if best is None:
        return "outlet", None
    return ("quoted" if article.statements[best].direct else "attributed"), best


@stage("frames", requires=("sentences", "tokens", "quotes", "statements"), provides=("frames",))
def frames(article: Article) -> Article:
    toks, text = article.tokens, article.text
    found = []
    for i, j, plen, term in matcher().find(toks):
        start = _display_start(text, toks[i], plen)
        voice, st = voice_of(article, start)
        found.append(FrameTerm(start, toks[j - 1].end, term.frame, term.side, voice, st))
    return article.with_layers(frames=tuple(found))
