"""The frames stage: contested vocabulary, and in whose voice it is used.

Terms come from the framing lexicon (``data/frames.tsv``), matched on token
norms through a trie (longest match, left to right; a blocker phrase such as
"رئيس التحرير" swallows its words). Voice:

- ``quoted``: inside quotation marks, or in the content of a direct statement;
- ``attributed``: in the content of an indirect (reported) statement;
- ``outlet``: anywhere else — the outlet's own narration; except a term a few
  words after a naming verb ("مقاتلين تصفهم أنقرة بالإرهابيين"), which is the
  namer's word: ``attributed``.

A term inside a statement's content points to that statement (the innermost).
"""

from __future__ import annotations

from itertools import compress
from operator import itemgetter

from ..arabic.normalise import normalise_with_map
from ..model import Article, FrameTerm, Token
from ..pipeline import stage
from .frame_lexicon import END, PROCLITICS, WILD, Lexicon, lexicon, naming_verbs

_CACHE_MAX = 200_000
_NONE: tuple = ()
_NORM = itemgetter(2)


class _Opens(dict):
    __slots__ = ("m",)

    def __init__(self, m: "Matcher"):
        super().__init__()
        self.m = m

    def __missing__(self, norm: str) -> bool:
        first = self.m.lex.first
        opens = self[norm] = any(key in first for key, _ in self.m.lexemes(norm))
        return opens


class Matcher:
    """Finds lexicon terms in a token sequence. Token lookups are cached: news
    vocabulary repeats, so after warm-up a token costs one dict lookup."""

    def __init__(self, lex: Lexicon):
        self.lex = lex
        self._cache: dict[str, tuple[tuple[str, int], ...]] = {}
        # norm -> can it open a term (one of its lexemes starts one)? A dict of the
        # norms seen, filled on a miss: one C-level lookup per token picks the few
        # places to walk from, and the table stays as small as the vocabulary
        self._opens = _Opens(self)

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
        n, after = len(tokens), 0
        root, get, lexemes = self.lex.trie, self._cache.get, self.lexemes
        if len(self._opens) > _CACHE_MAX:
            self._opens.clear()
        for i in compress(range(n), map(self._opens.__getitem__, map(_NORM, tokens))):
            if i < after:
                continue  # inside the term found last
            tok = tokens[i]
            if tok[3] != "word":
                continue
            hit = get(tok[2])
            if hit is None:
                hit = lexemes(tok[2])
            best = None  # (end, proclitic length, term)
            for key, p in hit:
                node = root.get(key)
                if node is None:
                    continue
                stack = [(node, i + 1)]
                while stack:
                    node, j = stack.pop()
                    term = node.get(END)
                    if term is not None and (best is None or j > best[0]):
                        best = (j, p, term)
                    if j >= n or len(node) == (term is not None):  # a leaf, or no word follows
                        continue
                    nxt = tokens[j]
                    if nxt[3] != "word":
                        continue
                    h = get(nxt[2])
                    if h is None:
                        h = lexemes(nxt[2])
                    for k, _ in h:
                        child = node.get(k)
                        if child is not None:
                            stack.append((child, j + 1))
                    wild = node.get(WILD)
                    if wild is not None:
                        stack.append((wild, j + 1))
            if best is None:
                continue
            if best[2].side != "-":
                out.append((i, best[0], best[1], best[2]))
            after = best[0]
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


class Voices:
    """Voice of positions visited left to right: a sweep over the quotes and the
    statement contents (both in text order), so an article costs O(terms +
    statements) rather than a scan of every statement per term."""

    def __init__(self, article: Article):
        self.statements = article.statements
        self.contents = sorted((st.content.start, st.content.end, k) for k, st in enumerate(article.statements))
        self.quotes = sorted((q.start, q.end) for q in article.quotes)
        self._c = self._q = 0
        self._open_c: list[tuple[int, int, int]] = []
        self._open_q: list[tuple[int, int]] = []

    def at(self, pos: int) -> tuple[str, int | None]:
        """(voice, statement index): quoted > direct content > indirect content >
        the outlet's own narration. ``pos`` must not decrease between calls."""
        cs, qs = self.contents, self.quotes
        while self._c < len(cs) and cs[self._c][0] <= pos:
            self._open_c.append(cs[self._c])
            self._c += 1
        while self._q < len(qs) and qs[self._q][0] <= pos:
            self._open_q.append(qs[self._q])
            self._q += 1
        best = None
        if self._open_c:
            self._open_c = [c for c in self._open_c if c[1] > pos]
            if self._open_c:
                best = min(self._open_c, key=lambda c: c[1] - c[0])[2]
        if self._open_q:
            self._open_q = [q for q in self._open_q if q[1] > pos]
            if self._open_q:
                return "quoted", best
        if best is None:
            return "outlet", None
        return ("quoted" if self.statements[best].direct else "attributed"), best


def voice_of(article: Article, start: int) -> tuple[str, int | None]:
    """The voice of one position (see :class:`Voices`)."""
    return Voices(article).at(start)


_NAMING_WINDOW = 6  # word tokens between a naming verb and the term it introduces


def _named_by_someone(toks: tuple[Token, ...], i: int, verbs: frozenset[str]) -> bool:
    """A naming verb within a few words before token ``i``, with no punctuation between."""
    k, seen = i - 1, 0
    while k >= 0 and seen < _NAMING_WINDOW:
        t = toks[k]
        if t[3] == "punct":
            return False
        if t[2] in verbs:
            return True
        seen += 1
        k -= 1
    return False


@stage("frames", requires=("sentences", "tokens", "quotes", "statements"), provides=("frames",))
def frames(article: Article) -> Article:
    toks, text = article.tokens, article.text
    found = []
    verbs = naming_verbs()
    hits = matcher().find(toks)
    if not hits:
        return article.with_layers(frames=())
    voices = Voices(article)
    for i, j, plen, term in hits:
        start = _display_start(text, toks[i], plen)
        voice, st = voices.at(start)
        if voice == "outlet" and _named_by_someone(toks, i, verbs):
            voice = "attributed"
        found.append(FrameTerm(start, toks[j - 1].end, term.frame, term.side, voice, st))
    return article.with_layers(frames=tuple(found))
