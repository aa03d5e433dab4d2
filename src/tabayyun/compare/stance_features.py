"""Features of a sentence pair for the stance classifier, and the rule signals
that explain a contradiction.

Most of the signal of a minimal edit (ANS: number, entity, negation, direction)
is in the words that appear in only one of the two sentences, and in pairs of
them (one from each side: ارتفاع/انخفاض, المغرب/العراق). Words are normalised
and light-stemmed; features are strings hashed (crc32, stable across runs and
machines) into a fixed-size vector, so the run-time model is one numpy matrix.
Rule signals (negator on one side only, numbers that differ, a lexicon antonym
pair, a swapped named entity) are features too, and are kept as data so the
contradictions stage can say in words what differs.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..arabic.normalise import normalise
from ..arabic.numbers import find_numbers_norm
from ..arabic.stem import light_stem, strip_clitics

DIM = 1 << 18
MAX_WORDS = 80  # per sentence: a pair is about its first clause, and cost stays bounded
MAX_CHARS = 2000
_WORD = re.compile(r"[\u0621-\u064aA-Za-z]+|\d+(?:[.,]\d+)?")


@dataclass(frozen=True)
class Lexicons:
    negators: frozenset[str]
    stop: frozenset[str]
    poles: dict[str, frozenset[tuple[int, int]]]  # key -> {(pair line, side 0/1)}
    kinds: tuple[str, ...]  # pair line -> kind
    entities: dict[str, str]  # word key -> entity id (gazetteer, single words)


def _stems(words: str) -> set[str]:
    out = set()
    for w in words.split():
        n = normalise(w)
        out.add(n)
        out.add(light_stem(w))
    return {w for w in out if w}


@lru_cache(maxsize=1)
def lexicons() -> Lexicons:
    folder = resources.files("tabayyun").joinpath("arabic/lexicons")
    neg, stop = set(), set()
    for line in folder.joinpath("stance_words.tsv").read_text("utf-8").splitlines():
        if line.startswith("#") or "\t" not in line:
            continue
        kind, words = line.split("\t", 1)
        (neg if kind == "negator" else stop).update(_stems(words))
    poles: dict[str, set[tuple[int, int]]] = {}
    kinds: list[str] = []
    for line in folder.joinpath("stance_antonyms.tsv").read_text("utf-8").splitlines():
        if line.startswith("#") or line.count("\t") < 2:
            continue
        kind, a, b = line.split("\t")[:3]
        for pole, words in enumerate((a, b)):
            for x in _stems(words):
                poles.setdefault(x, set()).add((len(kinds), pole))
        kinds.append(kind)
    ents: dict[str, str] = {}
    try:
        from ..extract.ner_lexicon import lexicon

        lex = lexicon()
        for k, cid in lex.alias.items():
            if " " not in k and len(k) > 2:  # a capital stands for its state: باكو = أذربيجان
                ents.setdefault(k, lex.canon[cid].state or cid)
        for adj, state in lex.demonym.items():
            ents.setdefault(adj, state or "norp:" + adj)
    except (OSError, ValueError, IndexError):  # a broken gazetteer must not stop stance
        pass
    return Lexicons(frozenset(neg), frozenset(stop - neg),
                    {k: frozenset(v) for k, v in poles.items()}, tuple(kinds), ents)


@dataclass(frozen=True)
class Side:
    """One sentence as the features see it."""

    stems: tuple[str, ...]  # content stems in order (stop words dropped)
    keys: dict[str, frozenset[str]]  # stem -> matching keys
    all_keys: frozenset[str]
    forms: dict[str, str]  # stem -> first normalised surface form
    negators: frozenset[str]
    numbers: frozenset[float]
    entities: dict[str, str]  # stem -> entity id


_LONG_VOWELS = re.compile("[اوي]")


def skeleton(stem: str) -> str:
    """A crude root-like key: drop an imperfect-verb prefix and the long vowels
    after the first letter, so يصعد/صعود, ينخفض/انخفاض, تهبط/هبوط share a key.
    Only for matching and features (it over-merges, never shown)."""
    if len(stem) >= 4 and stem[0] in "يتنا":
        stem = stem[1:]
    if stem.endswith("ه") and len(stem) > 3:
        stem = stem[:-1]
    return stem[:1] + _LONG_VOWELS.sub("", stem[1:])


@lru_cache(maxsize=65536)
def _word(w: str) -> tuple[str, str, frozenset[str]]:
    """(stem, normalised form without proclitics, matching keys) of a normalised
    word. The keys include the unstripped form because the light stemmer takes
    the ف of فرنسا and the ك of كوريا for clitics."""
    p, s = strip_clitics(w)
    stem = w[p : len(w) - s] or w
    keys = {w, stem, skeleton(stem), skeleton(w)}
    if w.endswith("ا") and len(stem) > 4 and stem.endswith("ا"):  # tanwin alef: أرباحًا
        keys.add(stem[:-1])
    if w[:1] == "و" and len(w) > 3:
        keys.add(w[1:])
    return stem, w[p:] or w, frozenset(keys)


def side(text: str) -> Side:
    lex = lexicons()
    norm = normalise(text[:MAX_CHARS])
    stems, forms, negs, ents, keys = [], {}, set(), {}, {}
    for m in _WORD.finditer(norm):
        w = m.group()
        if w[0].isdigit():
            continue
        stem, bare, ks = _word(w)
        if w in lex.negators or stem in lex.negators or bare in lex.negators:
            negs.add(stem)
        if w in lex.stop or bare in lex.stop:
            continue
        if len(stems) < MAX_WORDS:
            stems.append(stem)
            forms.setdefault(stem, bare)
            keys[stem] = keys.get(stem, frozenset()) | ks
        eid = lex.entities.get(bare) or lex.entities.get(w) or lex.entities.get(stem)
        if eid:
            ents[stem] = eid
    nums = frozenset(n.value for n in find_numbers_norm(norm) if n.value is not None)
    all_keys = frozenset().union(*keys.values()) if keys else frozenset()
    return Side(tuple(stems), keys, all_keys, forms, frozenset(negs), nums, ents)


@dataclass(frozen=True)
class Signals:
    """What differs between two sentences, as rules see it."""

    only_a: tuple[str, ...]  # stems only in a
    only_b: tuple[str, ...]
    overlap: float  # Jaccard of content stems
    negation: str | None  # "a" or "b": the side with a negator the other lacks
    negator: str | None  # the negator word
    numbers: tuple[tuple[float, ...], tuple[float, ...]] | None  # values only in a, only in b
    antonym: tuple[str, str, str] | None  # (kind, word in a, word in b)
    synonym: bool  # a word only in a and one only in b on the same pole of a lexicon pair
    entity_swap: tuple[str, str] | None  # (word in a, word in b): different named entities


def signals(a: Side, b: Side) -> Signals:
    lex = lexicons()
    only_a = tuple(dict.fromkeys(s for s in a.stems if not a.keys[s] & b.all_keys))
    only_b = tuple(dict.fromkeys(s for s in b.stems if not b.keys[s] & a.all_keys))
    na, nb = len(set(a.stems)), len(set(b.stems))
    shared = (na - len(only_a) + nb - len(only_b)) / 2
    overlap = shared / (na + nb - shared) if na + nb else 1.0
    negation = negator = None
    if a.negators - b.negators and not b.negators:
        negation, negator = "a", a.forms.get(min(a.negators - b.negators), min(a.negators))
    elif b.negators - a.negators and not a.negators:
        negation, negator = "b", b.forms.get(min(b.negators - a.negators), min(b.negators))
    numbers = None
    if a.numbers and b.numbers and a.numbers != b.numbers:
        na, nb = a.numbers - b.numbers, b.numbers - a.numbers
        if na and nb:
            numbers = (tuple(sorted(na)), tuple(sorted(nb)))
    # an antonym: a word of one pole of a lexicon pair only in a, of the other only
    # in b, and no unshared word of either side on the same pole as the other's
    # (أطلقت سراح … / الإفراج عن … من السجون is a paraphrase, not سراح/سجون)
    antonym, synonym = None, False
    pa = {x: _poles(lex, a, x) for x in dict.fromkeys(a.stems)}
    pb = {y: _poles(lex, b, y) for y in dict.fromkeys(b.stems)}
    all_a = frozenset().union(*(pa[x] for x in only_a)) if only_a else frozenset()
    all_b = frozenset().union(*(pb[y] for y in only_b)) if only_b else frozenset()
    for x in only_a[:30]:
        for line, pole in sorted(pa[x]):
            other = (line, 1 - pole)
            if other in all_b and (line, pole) not in all_b and other not in all_a:
                y = next(y for y in only_b if other in pb[y])
                antonym = (lex.kinds[line], a.forms.get(x, x), b.forms.get(y, y))
                break
        if antonym:
            break
    synonym = bool(all_a & all_b)
    # a swap: each side names a party the other does not (قطر/إيران), counted by
    # entity id so الدوحة/قطر or أردوغان/تركيا are the same party
    swap = None
    ids_a, ids_b = set(a.entities.values()), set(b.entities.values())
    ea = [s for s in only_a if a.entities.get(s) in ids_a - ids_b]
    eb = [s for s in only_b if b.entities.get(s) in ids_b - ids_a]
    if ea and eb:
        swap = (a.forms.get(ea[0], ea[0]), b.forms.get(eb[0], eb[0]))
    return Signals(only_a, only_b, overlap, negation, negator, numbers, antonym, synonym, swap)


def _poles(lex: Lexicons, sd: Side, stem: str) -> frozenset[tuple[int, int]]:
    out: frozenset[tuple[int, int]] = frozenset()
    for k in (sd.forms.get(stem, stem), *sd.keys.get(stem, ())):
        out |= lex.poles.get(k, frozenset())
    return out


def _dice(x: str, y: str) -> float:
    """Character-bigram Dice similarity: near forms of one word (تمسك/يتمسكون)."""
    bx = {x[i : i + 2] for i in range(len(x) - 1)}
    by = {y[i : i + 2] for i in range(len(y) - 1)}
    return 2 * len(bx & by) / (len(bx) + len(by)) if bx and by else 0.0


def _bin(x: int, edges=(0, 1, 2, 3, 5, 8)) -> int:
    return sum(x >= e for e in edges)


def feature_names(a: Side, b: Side, sig: Signals | None = None) -> list[str]:
    """The pair's features as strings (hashed by ``vector``)."""
    sig = sig or signals(a, b)
    f = ["bias"]
    oa, ob = sig.only_a[:25], sig.only_b[:25]
    f += ["a:" + w for w in oa]
    f += ["b:" + w for w in ob]
    f += ["u:" + w for w in oa + ob]
    for x in oa[:8]:
        for y in ob[:8]:
            f.append("p:" + (x + "|" + y if x < y else y + "|" + x))
    ka = [skeleton(w) for w in oa]
    kb = [skeleton(w) for w in ob]
    f += ["k:" + k for k in ka + kb]
    for x in ka[:8]:
        for y in kb[:8]:
            f.append("pk:" + (x + "|" + y if x < y else y + "|" + x))
    if len(oa) == 1 and len(ob) == 1:
        f.append("sub:" + oa[0] + "|" + ob[0])
        f.append("sub1")
    elif not oa or not ob:
        f.append(f"ins:{bool(oa)}/{bool(ob)}")
    f += ["fa:" + a.forms.get(w, w) for w in oa]
    f += ["fb:" + b.forms.get(w, w) for w in ob]
    soft = sum(any(_dice(x, y) >= 0.5 for y in ob) for x in oa)
    f.append(f"soft:{_bin(soft)}/{_bin(len(oa) - soft)}")
    f.append(f"n:{_bin(len(oa))}/{_bin(len(ob))}")
    ov = int(sig.overlap * 10)
    f.append(f"ov:{ov}")
    f.append(f"ov:{ov}/{_bin(min(len(oa), len(ob)))}")
    if not oa and not ob:
        f.append("same")
    if sig.negation:
        f += ["neg", "neg:" + sig.negation]
    elif a.negators and b.negators:
        f.append("neg:both")
    if sig.numbers:
        f.append("num:diff")
    elif a.numbers and b.numbers and a.numbers & b.numbers:
        f.append("num:same")
    elif bool(a.numbers) != bool(b.numbers):
        f.append("num:one")
    if sig.antonym:
        f += ["ant", "ant:" + sig.antonym[0]]
    if sig.synonym:
        f.append("syn")
    if sig.entity_swap:
        f.append("ent:swap")
        if len(oa) <= 2 and len(ob) <= 2:
            f.append("ent:swap:only")
    return f


def _h(s: str) -> int:
    return zlib.crc32(s.encode("utf-8")) & (DIM - 1)


@lru_cache(maxsize=262144)
def _hashed(s: str) -> int:
    return _h(s)


def indices(names: list[str]) -> dict[int, float]:
    """Hashed feature index -> count."""
    out: dict[int, float] = {}
    for n in names:
        i = _hashed(n)
        out[i] = out.get(i, 0.0) + 1.0
    return out
