"""The framing lexicon (``extract/data/frames.tsv``) compiled for token lookup.

Each lexicon word becomes a *lexeme key*; every surface form it can take
(gender/number endings, pronoun suffixes, tanwin alif) is generated once at
load, so matching a token is a dict lookup per proclitic split, not a regex per
term. Multi-word terms are a trie over lexeme keys. The syntax of the file is
described in its header.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..arabic.normalise import normalise_word

log = logging.getLogger(__name__)

# proclitic clusters accepted before any lexicon word (normalised spelling)
PROCLITICS = (
    "", "و", "ف", "ب", "ل", "ك", "ال", "وال", "فال", "بال", "كال", "لل", "وبال", "فبال",
    "وكال", "ولل", "فلل", "وب", "ول", "فب", "فل", "وك", "فك",
)
_PRONOUN = ("ه", "ها", "هم", "هما", "هن", "كم", "نا")
_TANWIN = "ا"
END = ""  # trie key of a complete term (never a lexeme key)
WILD = "*"


@dataclass(frozen=True, slots=True)
class Term:
    frame: str
    side: str  # "-" = blocker: a longer phrase that is not a framing use
    text: str  # as written in the lexicon
    notes: str = ""


def _strip_article(w: str) -> str:
    return w[2:] if w.startswith("ال") and len(w) > 4 else w


def _forms(word: str, mode: str) -> set[str]:
    """Surface forms (without proclitics) of one normalised lexicon word."""
    if mode == "=":
        return {word}
    out = {word, word + _TANWIN}
    # ة (normalised ه) becomes ت before a suffix: عملية -> عمليتها, عمليتان
    base = word[:-1] + "ت" if word.endswith("ه") else word
    out.update(base + p for p in _PRONOUN)
    if mode == "~":
        return out
    stem = word[:-1] if word.endswith("ه") else word
    for suf in ("ه", "ات", "ون", "ين", "ان", "تان", "تين"):
        out.add(stem + suf)
    out.update(stem + "ت" + p for p in _PRONOUN)  # feminine with a pronoun: محتلتها (rare, harmless)
    out.update(stem + "ات" + p for p in _PRONOUN)  # plural with a pronoun: اعتداءاتهم
    if word.endswith("ي"):  # nisba: انفصالي -> انفصاليه / انفصاليين / انفصاليون
        out.update(word + s for s in ("ه", "ين", "ون", "ات", "ا"))
    return out


def _parse_word(raw: str) -> tuple[str, str, str]:
    """-> (lexeme key, mode, normalised word). Mode "" inflects fully, "~" pronouns
    only, "=" exact; the key carries the mode, so "حرب~" and "حرب" stay apart."""
    mode = ""
    if raw.startswith("="):
        mode, raw = "=", raw[1:]
    elif raw.endswith("~"):
        mode, raw = "~", raw[:-1]
    w = _strip_article(normalise_word(raw))
    return mode + w, mode, w


@dataclass(frozen=True)
class Lexicon:
    forms: dict[str, frozenset[str]]  # surface form -> lexeme keys
    trie: dict
    terms: tuple[Term, ...]
    conflicts: tuple[str, ...]  # the same key path given two different sides
    first: frozenset[str]  # lexeme keys that can start a term

    def frames(self) -> list[tuple[str, str]]:
        """(frame, side) pairs in lexicon order, blockers excluded."""
        seen: dict[tuple[str, str], None] = {}
        for t in self.terms:
            if t.side != "-":
                seen.setdefault((t.frame, t.side), None)
        return list(seen)


def parse(text: str) -> Lexicon:
    forms: dict[str, set[str]] = {}
    trie: dict = {}
    terms: list[Term] = []
    conflicts: list[str] = []
    first: set[str] = set()
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 3:
            raise ValueError(f"frames.tsv line {n}: expected frame<TAB>side<TAB>term, got {line!r}")
        term = Term(cols[0].strip(), cols[1].strip(), cols[2].strip(), cols[3].strip() if len(cols) > 3 else "")
        words = term.text.split()
        if not words or words[0] == WILD:
            raise ValueError(f"frames.tsv line {n}: a term may not be empty or start with '*'")
        node = trie
        for i, raw in enumerate(words):
            if raw == WILD:
                key = WILD
            else:
                key, mode, word = _parse_word(raw)
                for f in _forms(word, mode):
                    forms.setdefault(f, set()).add(key)
                if i == 0:
                    first.add(key)
            node = node.setdefault(key, {})
        old = node.get(END)
        if old is not None and (old.frame, old.side) != (term.frame, term.side):
            conflicts.append(f"line {n}: {term.text!r} is {term.frame}/{term.side}, earlier {old.frame}/{old.side}")
        node.setdefault(END, term)
        terms.append(term)
    for c in conflicts:
        log.warning("frames lexicon: %s", c)
    return Lexicon({k: frozenset(v) for k, v in forms.items()}, trie, tuple(terms), tuple(conflicts), frozenset(first))


@lru_cache(maxsize=1)
def naming_verbs() -> frozenset[str]:
    """Normalised forms of verbs that name something ("تصفهم", "أسمتها"), with
    object pronouns, optionally after و/ف."""
    text = resources.files("tabayyun.extract").joinpath("data/frame_naming.txt").read_text("utf-8")
    out: set[str] = set()
    for line in text.splitlines():
        w = normalise_word(line.strip())
        if not w or line.startswith("#"):
            continue
        base = w[:-1] + "ت" if w.endswith("ه") else w
        # not ي+ه: "تسميه" is also the noun تسمية ("تحت تسمية …"), which names nobody
        pronouns = ("ها", "هم", "هما", "هن") if w.endswith("ي") else ("ه", "ها", "هم", "هما", "هن")
        for f in [w] + [base + p for p in pronouns]:
            out.update((f, "و" + f, "ف" + f))
    return frozenset(out)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    text = resources.files("tabayyun.extract").joinpath("data/frames.tsv").read_text("utf-8")
    return parse(text)
