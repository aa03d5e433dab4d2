"""Sentence helpers shared by the timeline and the summary: which sentence holds
a span, its content words (for overlap), and how neutral its wording is.

Nothing here re-parses text: content words come from the tokens layer, voice from
the statements and frames layers."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import lru_cache
from pathlib import Path

from ..arabic.normalise import normalise_word
from ..arabic.stem import strip_clitics
from ..model import Article, Sentence

_LEX = Path(__file__).resolve().parent.parent / "arabic" / "lexicons"
PREFIX = 5  # stems compared by their first letters: the light stemmer leaves many suffixes
MIN_WORDS = 5  # shorter sentences are fragments ("حسب رويترز.") or bylines
# lines that are page furniture, not reporting (share buttons, comment prompts)
_BOILERPLATE = ("شاركها", "اترك تعليقا", "اقرأ أيضا", "اقرا ايضا", "exit mobile version", "تابعونا")


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    out = set()
    for line in (_LEX / "dossier_function_words.tsv").read_text("utf-8").splitlines():
        w = line.strip()
        if w and not w.startswith("#"):
            out.add(stem(normalise_word(w)))
            out.add(normalise_word(w))
    return frozenset(out)


def stem(norm: str) -> str:
    p, s = strip_clitics(norm)
    return norm[p : len(norm) - s]


class ArticleIndex:
    """Per-article lookups built once: sentence of an offset, tokens of a span."""

    __slots__ = ("article", "starts", "tok_starts", "content", "ents", "ent_starts")

    def __init__(self, article: Article):
        self.article = article
        self.starts = [s.start for s in article.sentences]
        self.tok_starts = [t.start for t in article.tokens]
        self.content: dict[int, frozenset[str]] = {}
        # linked mentions count as their entity, so "قره باغ" and "كاراباخ" match
        self.ents = sorted((m.start, m.end, m.entity_id) for m in article.entities if m.entity_id)
        self.ent_starts = [e[0] for e in self.ents]

    def _entity_at(self, pos: int) -> tuple[int, int, str] | None:
        i = bisect_right(self.ent_starts, pos) - 1
        if i >= 0 and pos < self.ents[i][1]:
            return self.ents[i]
        return None

    def sentence_at(self, pos: int) -> int | None:
        i = bisect_right(self.starts, pos) - 1
        if i >= 0 and pos < self.article.sentences[i].end:
            return i
        return None

    def words(self, start: int, end: int, skip: tuple[tuple[int, int], ...] = ()) -> frozenset[str]:
        """Light stems of the content words in [start, end), minus function words
        and tokens inside ``skip`` spans (e.g. the date expressions)."""
        fw = function_words()
        toks = self.article.tokens
        out = set()
        for t in toks[bisect_left(self.tok_starts, start) : bisect_left(self.tok_starts, end)]:
            if t.kind not in ("word", "latin") or len(t.norm) < 3:
                continue
            if any(a <= t.start < b for a, b in skip):
                continue
            ent = self._entity_at(t.start) if self.ents else None
            if ent is not None:
                out.add("@" + ent[2])
                continue
            st = stem(t.norm)
            if st not in fw and t.norm not in fw:
                out.add(st[:PREFIX])
        return frozenset(out)

    def speakers(self, i: int) -> frozenset[str]:
        """Who speaks in sentence i: speaker ids and entities inside speaker spans."""
        s = self.article.sentences[i]
        out = set()
        for st in self.article.statements:
            if s.start <= st.cue.start < s.end and st.speaker is not None:
                if st.speaker_id:
                    out.add(st.speaker_id)
                j = bisect_left(self.ent_starts, st.speaker.start)
                while j < len(self.ents) and self.ents[j][0] < st.speaker.end:
                    out.add(self.ents[j][2])
                    j += 1
        return frozenset(out)

    def facts(self, i: int) -> frozenset[tuple[str, float]]:
        """(category, value) of the figures in sentence i."""
        s = self.article.sentences[i]
        return frozenset((q.category, q.value) for q in self.article.quantities
                         if s.start <= q.start < s.end and q.value is not None
                         and q.category not in ("other", "duration"))

    def sentence_words(self, i: int) -> frozenset[str]:
        got = self.content.get(i)
        if got is None:
            s = self.article.sentences[i]
            times = tuple((t.start, t.end) for t in self.article.times if s.start <= t.start < s.end)
            got = self.content[i] = self.words(s.start, s.end, times)
        return got


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Cosine of the two word sets (0 when either is tiny): symmetric, so a short
    fragment does not match everything that shares its few words."""
    if len(a) < 3 or len(b) < 3:
        return 0.0
    return len(a & b) / (len(a) * len(b)) ** 0.5


class Weights:
    """Inverse sentence frequency over a set of sentences: words the whole story
    repeats (its places and parties) count less than the words of one event."""

    def __init__(self, sets):
        import math

        df: dict[str, int] = {}
        n = 0
        for ws in sets:
            n += 1
            for w in ws:
                df[w] = df.get(w, 0) + 1
        self.w = {k: math.log((n + 1) / (v + 0.5)) for k, v in df.items()}
        self.default = math.log(n + 2)

    def norm(self, a: frozenset[str]) -> float:
        g = self.w.get
        return sum(g(x, self.default) ** 2 for x in a) ** 0.5

    def cosine(self, a: frozenset[str], b: frozenset[str]) -> float:
        if len(a) < 3 or len(b) < 3:
            return 0.0
        g = self.w.get
        shared = sum(g(x, self.default) ** 2 for x in a & b)
        d = self.norm(a) * self.norm(b)
        return shared / d if d else 0.0


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def is_boilerplate(article: Article, s: Sentence) -> bool:
    """Headings, fragments and page furniture never stand for an event or a summary line."""
    if s.heading:
        return True
    text = article.text[s.start : s.end]
    if len(text.split()) < MIN_WORDS:
        return True
    low = " ".join(normalise_word(w) for w in text.lower().split())
    return any(normalise_word(b) in low for b in _BOILERPLATE)


def attributed(article: Article, s: Sentence) -> bool:
    """The sentence reports someone's words (a statement with a speaker starts in it)."""
    return any(s.start <= st.cue.start < s.end and st.speaker is not None for st in article.statements)


def loaded_terms(article: Article, s: Sentence) -> int:
    """Contested frame terms the outlet uses in its own voice inside the sentence
    (descriptive sides such as "عملية عسكرية" or "قتلى" are not contested)."""
    return loaded_in(article, s.start, s.end)


def loaded_in(article: Article, start: int, end: int) -> int:
    from .align_labels import neutral_side

    return sum(1 for f in article.frames
               if f.voice == "outlet" and start <= f.start < end and not neutral_side(f.side))


def neutrality(article: Article, s: Sentence) -> float:
    """Higher is better for a neutral report: attributed wording wins, outlet-voice
    loaded terms lose, very long sentences lose a little."""
    n = len(article.text[s.start : s.end])
    score = 1.0 if attributed(article, s) else 0.0
    score -= 1.5 * loaded_terms(article, s)
    if n > 400:
        score -= 0.5
    if n < 50:
        score -= 0.5
    return score
