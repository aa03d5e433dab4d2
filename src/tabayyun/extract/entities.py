"""The entities stage: PER, ORG, LOC, GPE and NORP mentions with offsets.

A CRF trained on ANERcorp (``ner_tagger``) proposes mentions sentence by
sentence; the bundled gazetteer adds names the CRF missed, refines LOC into GPE
and gives canonical ids; nationality nouns ("الأرمن"، "الانفصاليين") become
NORP; titles before or after a person's name become its role; bare roles
("الرئيس الأذربيجاني") become PER mentions without an id, for the link stage.

Metonymy: a capital or seat of power used as an actor ("نفت باكو"، "قال
الكرملين") keeps its own id (the place reading) and records the state in
``Mention.actor`` when the document model has that field.
"""

from __future__ import annotations

import bisect
from functools import lru_cache
from operator import itemgetter, sub
from pathlib import Path

import numpy as np

from ..arabic.normalise import normalise_with_map, normalise_word
from ..model import Article, Mention, Sentence, Span, Token
from ..pipeline import stage
from .ner_decode import INSTITUTION, PEOPLE, TRIGGER
from .ner_features import MAX_WORD
from .ner_lexicon import Lexicon, lexicon, strip_particles
from .ner_roles import role_after, role_before
from .ner_rules import CONF, RulesMixin
from .ner_tagger import MODEL_DIR, Tagger

# a capital after these is a place, not an actor
_LOCATIVE = {"في", "الي", "من", "عبر", "قرب", "داخل", "نحو", "حول", "وفي", "الى", "مدينه",
             "العاصمه", "عاصمه", "ومن"}
# gazetteer-only single words too ambiguous to add without the CRF agreeing
_AMBIGUOUS = {"فتح", "حماس", "العربيه", "الجزيره", "الالمانيه", "الفرنسيه", "وفا", "سانا",
              "واس", "وام", "قنا", "ترند", "الشرق الاوسط", "الخليج", "جورجيا", "الاتحاد"}
# a word naming what kind of body follows ("صحيفة الغارديان", "حركة حماس"): not
# part of the name when the rest is the same entity's name; a club word never is
# ("نادي الهلال" → "الهلال", though "الهلال" alone is not in the gazetteer)
_TANWIN = "\u064b"
_START, _END, _NORM = itemgetter(0), itemgetter(1), itemgetter(2)
_CUTS: dict[tuple[str, int], int] = {}  # (word, normalised letters) -> offset in the word
_CONF = {"both": 0.95, "crf": 0.8, "gaz": 0.75, "norp": 0.85, "ministry": 0.85, **CONF}


@lru_cache(maxsize=4)
def load_tagger(model_dir: Path | None = None) -> Tagger:
    return Tagger(model_dir or MODEL_DIR)


class Recogniser(RulesMixin):
    """``ministries=False`` leaves ministry mentions out (ANERcorp, and gold
    written to its convention, mark "وزارة الخارجية" O)."""

    def __init__(self, tagger: Tagger | None = None, lex: Lexicon | None = None,
                 ministries: bool = True, encoder=None):
        self.ministries = ministries
        # ner_encoder.EncoderTagger (the accurate mode): its tags replace the
        # CRF's; gazetteer, rules, roles and linking stay the same
        self.encoder = encoder
        self.tagger = tagger or load_tagger()
        self.lex = lex or lexicon()
        self.fz = self.tagger.featuriser
        self._names: dict = {}  # mention text -> name key (``_name_key``)

    # ------------------------------------------------------------ lookups

    def resolve(self, norms: list[str]) -> str | None:
        """Canonical id of a phrase (normalised words), first word with or
        without its proclitics."""
        alias = self.lex.alias
        rest = norms[1:]
        first = norms[0]
        cid = alias.get(" ".join([first, *rest]))
        if cid is None:
            cid = alias.get(" ".join([self.fz.info(first)[1], *rest]))
        return cid

    # ------------------------------------------------------------ the stage

    def __call__(self, article: Article) -> Article:
        text = article.text
        toks = article.tokens
        if not toks:
            return article.with_layers(entities=())
        starts = list(map(_START, toks))
        widest = max(map(sub, map(_END, toks), starts))
        if widest > 10 * MAX_WORD:  # rare: drop the 1,000-letter tokens
            toks = [t for t in toks if t.end - t.start <= 10 * MAX_WORD or t.kind != "word"]
            if not toks:
                return article.with_layers(entities=())
            starts = list(map(_START, toks))
        bounds = [(s.start, s.end) for s in article.sentences] or [(0, len(text))]
        ranges = []  # sentences as token index ranges
        for s_start, s_end in bounds:
            a = bisect.bisect_left(starts, s_start)
            b = bisect.bisect_left(starts, s_end)
            if a < b:
                ranges.append((a, b))
        # tokens outside every sentence are not tagged
        flat = bool(ranges) and ranges[0][0] == 0 and ranges[-1][1] == len(toks) and all(
            x[1] == y[0] for x, y in zip(ranges, ranges[1:]))
        sel = toks if flat else [toks[i] for a, b in ranges for i in range(a, b)]
        # word types are keyed by their normalised form (features depend on it
        # only), cut as the featuriser cuts it
        keys = list(map(_NORM, sel))
        if widest > MAX_WORD:
            keys = [k if t.end - t.start <= MAX_WORD else normalise_word(text[t.start : t.start + MAX_WORD])
                    for k, t in zip(keys, sel)]
        first, pos = [], 0
        for a, b in ranges:
            first.append(pos)
            pos += b - a
        got = self.tagger.tag(keys, first)
        if self.encoder is not None:
            got = got._replace(labels=self._encoder_labels(text, sel, first))
        dec = self.tagger.decoder
        ids = got.ids.tolist()
        norms = list(map(dec.norm.__getitem__, ids))
        strips = list(map(dec.strip.__getitem__, ids))
        # every token's norm; when the keys are those norms, the list at hand
        vocab = set(keys) if flat and widest <= MAX_WORD else set(map(_NORM, toks))
        out: list[Mention] = []
        for k, (crf, gaz, people, trig, inst) in self._per_sentence(got, first).items():
            a = first[k]
            b = first[k + 1] if k + 1 < len(first) else len(keys)
            out.extend(self._sentence(text, sel[a:b], vocab, strips[a:b], norms[a:b], crf, gaz,
                                      people, trig, inst))
        if flat and widest <= MAX_WORD:  # token norms are the type norms
            parts, tok_ids = list(map(dec.part.__getitem__, ids)), got.ids
        else:
            parts, tok_ids = [strip_particles(t.norm) for t in toks], None
        out.extend(self._repeats(text, toks, out, starts, parts, tok_ids))
        out.sort(key=lambda m: (m.start, m.end))
        return article.with_layers(entities=tuple(out))

    def _encoder_labels(self, text: str, sel, first: list[int]) -> np.ndarray:
        """The encoder's BIO tags as the CRF's label indices; it reads the
        words as written (it was trained on them, not on normalised forms)."""
        words = [text[t.start : t.end] for t in sel]
        bounds = [*first, len(words)]
        tags = self.encoder.tag_sentences([words[a:b] for a, b in zip(bounds, bounds[1:])])
        index = {y: i for i, y in enumerate(self.tagger.bio_labels)}
        o = index["O"]
        return np.array([index.get(t, o) for s in tags for t in s], dtype=np.int64)

    def _per_sentence(self, got, first: list[int]) -> dict:
        """Per sentence with anything to find: CRF spans, gazetteer spans, and
        positions of nationality nouns and of possible role triggers, all
        relative to the sentence, and of ministry words. Sentences with none of
        these yield nothing."""
        tg = self.tagger
        per: dict[int, tuple[list, list, list, list, list]] = {}
        sent = np.zeros(len(got.ids), dtype=np.int64)
        sent[first[1:]] = 1
        sent_of = np.cumsum(sent).tolist()  # token -> sentence

        def slot(i):
            k = sent_of[i]
            got_ = per.get(k)
            if got_ is None:
                got_ = per[k] = ([], [], [], [], [])
            return k, got_

        lab = got.labels
        opens = set(first)
        types, begins = tg.types, tg.begins
        nz = np.flatnonzero(lab != tg.decoder.o).tolist()
        if nz:  # BIO spans: a B, a type change or a sentence start opens one
            labs = lab[nz].tolist()
            span = None
            for i, y in zip(nz, labs):
                t = types[y]
                if span is not None and (i != span[1] or begins[y] or t != span[2]
                                         or i in opens):
                    k, lists = slot(span[0])
                    lists[0].append((span[0] - first[k], span[1] - first[k], span[2]))
                    span = None
                if span is None:
                    span = [i, i + 1, t]
                else:
                    span[1] = i + 1
            k, lists = slot(span[0])
            lists[0].append((span[0] - first[k], span[1] - first[k], span[2]))
        for a, b, t in got.gazetteer:
            k, lists = slot(a)
            lists[1].append((a - first[k], b - first[k], t))
        flags = tg.decoder.flags[got.ids]
        for bit, where in ((PEOPLE, 2), (TRIGGER, 3), (INSTITUTION, 4)):
            for i in np.flatnonzero(flags & bit).tolist():
                k, lists = slot(i)
                lists[where].append(i - first[k])
        return dict(sorted(per.items()))

    def tag_words(self, words: list[str]) -> list[str]:
        return self.tag_document([words])[0]

    def tag_document(self, sents: list[list[str]]) -> list[list[str]]:
        """BIO tags over pre-tokenised sentences of one document, through the
        whole stage (CRF, gazetteer, rules, document repeats): what ``tabayyun
        eval ner`` scores. Bare roles are left out (they are not names)."""
        text_parts, toks, sentences, owner = [], [], [], []
        pos = 0
        for k, words in enumerate(sents):
            s0 = pos
            for i, w in enumerate(words):
                toks.append(Token(pos, pos + len(w), self.fz.info(w)[0], "word"))
                owner.append((k, i))
                text_parts.append(w)
                pos += len(w) + 1
            if words:
                sentences.append(Sentence(s0, pos - 1))
        text = " ".join(text_parts)
        out = [["O"] * len(w) for w in sents]
        if not toks:
            return out
        art = self(Article(id="eval", text=text, tokens=tuple(toks), sentences=tuple(sentences)))
        starts = [t.start for t in toks]
        for m in art.entities:
            if m.role is not None and (m.role.start, m.role.end) == (m.start, m.end):
                continue
            a = bisect.bisect_right(starts, m.start) - 1
            b = bisect.bisect_left(starts, m.end)
            k = owner[a][0]
            if owner[b - 1][0] != k:
                continue
            span = out[k][owner[a][1] : owner[b - 1][1] + 1]
            if all(t == "O" for t in span):
                out[k][owner[a][1] : owner[b - 1][1] + 1] = (
                    [f"B-{m.type}"] + [f"I-{m.type}"] * (len(span) - 1))
        return out

    def _sentence(self, text, toks, vocab, strips, norms, crf, gaz, people, trig,
                  inst=()) -> list[Mention]:
        chosen: dict[tuple[int, int], tuple[str, str]] = {}
        taken = [False] * len(toks)
        bodies = self._ministries(strips, norms, chosen, taken, inst) \
            if inst and self.ministries else {}
        cover = {}  # token -> the gazetteer span over it (they do not overlap)
        for g in gaz:
            for j in range(g[0], g[1]):
                cover[j] = g
        for a, b, t in crf:
            how = "crf"
            g = cover.get(a)  # only a gazetteer span over the first word can apply
            if g is not None:
                ga, gb, gt = g
                if ga <= a and b <= gb and (ga, gb) != (a, b):
                    a, b, how = ga, gb, "both"  # a longer gazetteer name wins over a CRF piece of it
                elif (ga, gb) == (a, b):
                    how = "both"
                elif ga == a and gb < b and t == "LOC" and gt in ("LOC", "GPE") \
                        and self.resolve(norms[a:b]) is None:
                    b, how = gb, "both"  # "قره باغ شأن": the CRF ran past the place
            if t == "PER" and how == "crf" and b - a > 1 and norms[a].startswith("ال") \
                    and self.lex.demonym_of(norms[a]):
                a += 1  # "الكاميروني صامويل إيتو": the nationality belongs to the title
            if how == "crf" and t != "PER":
                parts = self._gazetteer_names(cover, a, b)
                if parts:  # "وهيومن رايتس ووتش والهلال الأحمر": two names, not one
                    for ga, gb, gt in parts:
                        if not any(taken[ga:gb]):
                            chosen[(ga, gb)] = (gt, "both")
                            taken[ga:gb] = [True] * (gb - ga)
                    continue
            if any(taken[a:b]) or self._not_a_person(t, how, norms[a:b]):
                continue
            chosen[(a, b)] = (t, how)
            taken[a:b] = [True] * (b - a)
        for a, b, t in gaz:
            if any(taken[a:b]):
                continue
            phrase = " ".join(norms[a:b])
            cid = self.resolve(norms[a:b])
            canon = self.lex.canon.get(cid)
            if phrase in _AMBIGUOUS or strips[a] in _AMBIGUOUS:
                continue
            if canon is not None and canon.kind == "agency" and not self._agency_context(norms, a):
                continue
            chosen[(a, b)] = (t, "gaz")
            taken[a:b] = [True] * (b - a)
        for i in people:  # nationality and group nouns
            if not taken[i]:
                chosen[(i, i + 1)] = ("NORP", "norp")
                taken[i] = True
        self._names_after_titles(strips, norms, chosen, taken, trig)
        chosen = self._split_people(chosen, strips, norms, vocab)
        spans = sorted(chosen.items())
        people = [k for k, (t, _) in spans if t == "PER"]
        out = []
        for (a, b), (t, how) in spans:
            lo, hi = 0, len(norms)
            if people:  # a role phrase stops at the next person's name
                lo = max([e for s_, e in people if e <= a], default=0)
                hi = min([s_ for s_, e in people if s_ >= b], default=len(norms))
            if how == "ministry":
                m = self._ministry_mention(text, toks, strips, norms, a, b, *bodies[(a, b)])
            else:
                m = self._mention(text, toks, strips, norms, vocab, a, b, t, how, lo, hi)
            if m is not None:
                out.append(m)
        out.extend(self._bare_roles(text, toks, norms, taken, trig))
        return out

    def _split_people(self, chosen, strips, norms, vocab):
        """Split "بلينكن لباشينيان": a name inside a PER run that carries a
        preposition and is written bare elsewhere starts a new person."""
        if not any(t == "PER" for t, _ in chosen.values()):
            return chosen
        out = {}
        for (a, b), (t, how) in chosen.items():
            cuts = [a]
            if t == "PER":
                for j in range(a + 1, b):
                    strip = strips[j]
                    if strip != norms[j] and norms[j][:1] in ("ل", "ب", "و") and strip in vocab \
                            and len(strip) >= 4:
                        cuts.append(j)
            cuts.append(b)
            for x, y in zip(cuts, cuts[1:]):
                out[(x, y)] = (t, how)
        return out

    def _not_a_person(self, typ: str, how: str, norms: list[str]) -> bool:
        """CRF persons that are titles ("أمين المظالم": "أمين" is also a first
        name) or descriptions ("الجيب الجبلي": a person's first name never
        carries the article)."""
        if typ != "PER" or how != "crf":
            return False
        if " ".join(norms) in self.lex.roles:
            return True
        first = strip_particles(norms[0])
        if first in self.tagger.common:
            return True  # "نظيره التركي": a name does not open with a common word
        return len(norms) > 1 and all(strip_particles(w).startswith("ال") for w in norms)

    def _agency_context(self, norms: list[str], a: int) -> bool:
        before = " ".join(norms[max(0, a - 3) : a])
        return any(w in before for w in ("وكاله", "حسب", "وفق", "نقلت", "لوكاله", "بحسب", "نقلا"))

    def _mention(self, text, toks, strips, norms, vocab, a, b, typ, how, lo=0, hi=None) -> Mention | None:
        if typ == "MISC" and how == "crf":
            return Mention(toks[a].start, toks[b - 1].end, "MISC", confidence=0.6)
        tok = toks[a]
        start = tok.start
        first, strip = norms[a], strips[a]
        lex = self.lex
        whole = first if b - a == 1 else " ".join(norms[a:b])
        cid = lex.alias.get(whole)  # as ``resolve``
        if cid is None and strip != first:
            cid = lex.alias.get(strip if b - a == 1 else " ".join([strip, *norms[a + 1 : b]]))
        canon = lex.canon.get(cid) if cid is not None else None
        if canon is not None and canon.type == "ORG" and b - a > 1:
            a2, b2 = self._name_only(norms, strips, a, b, cid)
            if (a2, b2) != (a, b):
                a, b = a2, b2
                tok = toks[a]
                start = tok.start
                first, strip = norms[a], strips[a]
                whole = first if b - a == 1 else " ".join(norms[a:b])
        if b - a == 1 and _TANWIN in text[start : tok.end] and (canon or lex.demonym_of(first)):
            return None  # "أرمينيًا": an adjective in the accusative, not the country
        # drop a proclitic ("لأذربيجان", "وباكو", "لباشينيان") when what remains is
        # a known name or is written bare elsewhere in the article; the article
        # "ال" stays part of the name ("الأمم المتحدة", "ألمانيا" untouched)
        if strip != first and len(strip) >= 3 and (
            (canon is not None and whole not in lex.alias)
            or (canon is None and b - a == 1 and strip in vocab)
            or (canon is None and first[:1] in ("و", "ف") and len(strip) == len(first) - 1
                and (strip in vocab or strip in lex.given))
        ):
            cut = len(first) - len(strip)
            rest = norms[a + 1 : b]
            for c in range(1, cut):  # "وبرشلونة": strip_proclitics also took the "ب"
                if " ".join([first[c:], *rest]) in lex.alias:
                    cut = c
                    break
            prefix = first[:cut]
            if prefix.endswith("ال") or prefix.endswith("لل"):
                cut -= 2
            if cut > 0:
                start = self._clitic_cut(text, tok, cut)
        cid = label = actor = None
        if canon is not None:
            typ, cid, label = canon.type, canon.id, canon.label
            if canon.state and canon.kind in ("capital", "seat"):
                prev = norms[a - 1] if a else ""
                place = canon.kind == "capital" and (prev in _LOCATIVE or first[:1] == "ب"
                                                     and strip != first)
                if not place:
                    actor = canon.state
        role = None
        if typ == "PER":
            r = role_before(lex, norms, a, lo) or role_after(
                lex, norms, b, len(norms) if hi is None else hi)
            if r:
                role = Span(self._cut_conj(text, toks[r[0]], norms[r[0]]), toks[r[1] - 1].end)
        return Mention(start, toks[b - 1].end, typ, cid, label, role, _CONF[how], actor)

    @staticmethod
    def _clitic_cut(text, tok, n_norm: int) -> int:
        """Offset after the first ``n_norm`` normalised letters of a token
        (diacritics or tatweel may sit between); cached per word."""
        word = text[tok.start : tok.end]
        got = _CUTS.get((word, n_norm))
        if got is None:
            got = normalise_with_map(word)[1][n_norm]
            if len(_CUTS) < 100_000:
                _CUTS[(word, n_norm)] = got
        return tok.start + got

    def _cut_conj(self, text, tok, norm) -> int:
        """Start of a role phrase without its conjunction ("ورئيس" → "رئيس")."""
        if norm[:1] in ("و", "ف") and norm not in self.lex.role_first \
                and norm[1:] in self.lex.role_first:
            return self._clitic_cut(text, tok, 1)
        return tok.start


_DEFAULT: Recogniser | None = None
_ACCURATE: Recogniser | None = None


@stage("entities", requires=("tokens", "sentences"), provides=("entities",))
def entities(article: Article) -> Article:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Recogniser()
    return _DEFAULT(article)


@stage("entities", requires=("tokens", "sentences"), provides=("entities",))
def entities_accurate(article: Article) -> Article:
    """The same stage with the fine-tuned encoder's tags instead of the CRF's
    (``--ner accurate``): better names, ~100× slower."""
    global _ACCURATE
    if _ACCURATE is None:
        from .ner_encoder import load_encoder

        _ACCURATE = Recogniser(encoder=load_encoder())
    return _ACCURATE(article)
