"""Rules of the entities stage beyond the CRF: names after personal titles,
bare roles ("الرئيس الأذربيجاني"), and document repeats (a surname alone, a name
found once). A mixin of ``entities.Recogniser``: it uses the recogniser's tagger,
lexicon and featuriser."""

from __future__ import annotations

import bisect

import numpy as np

from ..arabic.normalise import normalise
from ..model import Mention, Span
from .ner_decode import MINISTRY, SURNAME
from .ner_lexicon import strip_particles, surname
from .ner_roles import holds_one, trigger_at

CONF = {"role": 0.6, "rule": 0.6, "repeat": 0.7, "ministry": 0.85}
_METONYMIC = {"foreign-affairs", "defence", "interior"}  # "الخارجية الأمريكية" alone
_PERSONAL = {"head", "government", "minister", "official", "spokesperson", "diplomat",
             "military", "honorific"}
_PRONOUN_ENDINGS = ("ته", "تها", "تهم", "هما", "كم")
# kind words before a body's name ("حركة حماس" → "حماس", "نادي النصر" → "النصر")
_DESCRIPTORS = {"صحيفه", "جريده", "مجله", "قناه", "شبكه", "موقع", "شركه", "حركه", "تنظيم",
                "جماعه", "مجموعه", "وكاله"}
_CLUB_WORDS = {"نادي", "فريق"}
# function words that never start a name (the trained common-word list adds more)
_FUNCTION = set(normalise(w) for w in (
    "إن أن أنه أنها إنه ذلك هذا هذه هذان التي الذي الذين على في من إلى عن مع قد لم لن لا ما "
    "كان كانت يكون ثم بعد قبل خلال حيث أمس اليوم غدا أيضا كما لكن إلا بين عند حتى منذ نحو "
    "بلاده بلادها حكومته قوله وقال وأكد وأضاف قال أكد أضاف أعلن يوم"
).split())


class RulesMixin:
    def _name_like(self, strip: str, norm: str) -> bool:
        """A word that may be part of a name: Arabic letters, not a common word,
        no pronoun suffix, not a title, nationality or trigger. ``strip``: the
        word without proclitics."""
        lex = self.lex
        return (
            len(norm) >= 2 and norm.isalpha() and not norm.isascii()
            and (strip == norm or norm[:1] not in "لبك")  # "لشؤون": a name takes no preposition
            and norm not in self.tagger.common and norm not in _FUNCTION
            and norm not in lex.roles
            and norm not in lex.triggers and strip not in lex.triggers
            and not norm.endswith(_PRONOUN_ENDINGS) and lex.demonym_of(norm) is None
        )

    def _ministries(self, strips, norms, chosen, taken, inst) -> dict:
        """"وزارة الدفاع الأذربيجانية", "لوزارة خارجية أرمينيا", "وزارة الداخلية في
        أذربيجان", "الخارجية الأمريكية": one ORG mention per ministry, with the
        state it belongs to (its actor) when the text names one. A portfolio
        alone ("الدفاع") is a ministry only with a nationality after it.
        Returns span -> (portfolio key, state id or None)."""
        lex = self.lex
        n = len(norms)
        out = {}
        for i in inst:
            if taken[i]:
                continue
            head = MINISTRY in (norms[i], strips[i])
            j = i + 1 if head else i
            if not head and not self._stands_for_ministry(norms, i):
                continue
            key, end, bare = None, j, False
            for k in range(min(3, n - j), 0, -1):
                words = norms[j : j + k]
                if not head:
                    words = [strip_particles(words[0]), *words[1:]]
                key = lex.ministries.get(" ".join(words))
                if key is None and head and k == 1:  # "وزارة خارجية أرمينيا"
                    key = lex.ministries.get("ال" + words[0])
                    bare = key is not None
                if key is not None:
                    end = j + k
                    break
            if key is None:
                continue
            while head and end < n and end - j < 4 and norms[end].startswith("وال") \
                    and lex.demonym_of(norms[end]) is None:
                end += 1  # "وزارة الطاقة والمعادن", "وزارة الاقتصاد والتجارة"
            state, stop = None, end
            if end < n:
                stem = lex.demonym_of(norms[end])
                place = self._state_at(norms, end + (norms[end] in ("في", "ب")))
                if not bare and stem is not None and lex.demonym.get(stem):
                    state, stop = lex.demonym[stem], end + 1
                elif bare and place:
                    state, stop = place[0], end + place[1]
                elif norms[end] in ("في", "ب") and place:
                    state = place[0]  # the place stays a mention of its own
            if (not head and state is None) or any(taken[i:stop]):
                continue
            chosen[(i, stop)] = ("ORG", "ministry")
            taken[i:stop] = [True] * (stop - i)
            out[(i, stop)] = (key, state)
        return out

    def _stands_for_ministry(self, norms, i) -> bool:
        """"قالت الخارجية الأمريكية": a portfolio without "وزارة" stands for the
        ministry only when it is one used that way, carries a feminine
        nationality right after it ("وزير الخارجية الأمريكي" is a title), and
        follows no noun it could describe ("السياسة الخارجية الأمريكية",
        "وسائل الإعلام الروسية") and no title ("وزيرة الخارجية الأمريكية")."""
        lex = self.lex
        if lex.ministries.get(strip_particles(norms[i])) not in _METONYMIC or i + 1 >= len(norms):
            return False
        nxt = norms[i + 1]
        if not (nxt.endswith("يه") and lex.demonym_of(nxt)):
            return False
        if i == 0:
            return True
        raw = norms[i - 1]
        prev = strip_particles(raw)
        titles = ("وزير", "وكيل", "مدير", "متحدث")
        return not prev.startswith("ال") and prev not in lex.role_first and raw not in lex.role_first \
            and not raw.startswith(titles) and not raw[1:].startswith(titles)

    def _state_at(self, norms, i) -> tuple[str, int] | None:
        """(state id, words) of a state named at word ``i`` (a capital counts for its state)."""
        for k in (3, 2, 1):
            if i + k > len(norms):
                continue
            cid = self.lex.alias.get(" ".join([strip_particles(norms[i]), *norms[i + 1 : i + k]]))
            c = self.lex.canon.get(cid) if cid else None
            if c is not None and c.type == "GPE":
                state = c.state if c.kind == "capital" and c.state else c.id
                return state, k
        return None

    def _ministry_mention(self, text, toks, strips, norms, a, b, key, state) -> Mention:
        tok = toks[a]
        start = tok.start
        norm = norms[a]
        if norm != MINISTRY:  # "لوزارة" → "وزارة", "والخارجية" → "الخارجية"
            rest = strips[a] if strips[a] == MINISTRY else strip_particles(norm)
            if rest != norm:
                start = self._clitic_cut(text, tok, len(norm) - len(rest))
        eid = label = None
        if state:
            eid = f"org:ministry:{key}:{state}"
            canon = self.lex.canon.get(state)
            label = f"وزارة {self.lex.ministry_names[key]}"
            if canon is not None:
                label += f" ({canon.label})"
        return Mention(start, toks[b - 1].end, "ORG", eid, label, None, CONF["ministry"], state)

    def _names_after_titles(self, strips, norms, chosen, taken, trig) -> None:
        """"رئيس الوزراء سامر خليلوف": one or two name-like words right after a
        personal title (and its nationality) that the CRF left out are a person.
        ``trig``: the positions where a title may start."""
        n = len(norms)
        for i in trig:
            length = trigger_at(self.lex, norms, i) if not taken[i] else 0
            if not length:
                continue
            kind = self.lex.roles.get(" ".join(norms[i : i + length]))
            if kind is None:  # matched without its conjunction
                kind = self.lex.roles.get(" ".join([norms[i][1:], *norms[i + 1 : i + length]]))
            if kind is None or kind[0] not in _PERSONAL:
                continue
            k = i + length
            while k < n and k - i - length < 2 and not taken[k] and self.lex.demonym_of(norms[k]):
                k += 1
            # a bare one-word title ("وزير", "رئيس") is too loose: it must carry a
            # nationality, or be a multi-word or honorific title
            if k == i + length and length == 1 and kind[0] != "honorific":
                continue
            if k < n and norms[k].startswith("ال"):
                continue  # a first name rarely carries the article
            j = k
            while j < n and j - k < 2 and not taken[j] and self._name_like(strips[j], norms[j]):
                j += 1
            if j > k:
                chosen[(k, j)] = ("PER", "rule")
                taken[k:j] = [True] * (j - k)

    def _bare_roles(self, text, toks, norms, taken, trig) -> list[Mention]:
        """"الرئيس الأذربيجاني" with no name next to it: a PER mention whose id
        the link stage fills from the story."""
        out = []
        n = len(norms)
        free = 0
        for i in trig:
            length = trigger_at(self.lex, norms, i) if i >= free and not taken[i] else 0
            if not length:
                continue
            k = i + length
            if k < n and not taken[k] and self.lex.demonym_of(norms[k]):
                k += 1
            else:
                continue
            near_name = any(taken[k : k + 3])
            phrase = " ".join(norms[i:k])
            if not near_name and holds_one(self.lex, phrase):
                start = self._cut_conj(text, toks[i], norms[i])
                span = Span(start, toks[k - 1].end)
                out.append(Mention(start, span.end, "PER", role=span, confidence=CONF["role"]))
            free = k
        return out


    def _name_key(self, span: str, typ: str):
        """(normalised words, first without particles; a person's surname or
        None) of a mention's text, or None when it is too long; cached."""
        got = self._names.get((span, typ), False)
        if got is False:
            words = [self.fz.info(w)[0] for w in span.split()]
            got = None
            if words and len(words) <= 6:
                words[0] = strip_particles(words[0])
                last = surname(words) if typ == "PER" else None
                if not (last and last not in self.tagger.common and last not in _FUNCTION
                        and self.lex.demonym_of(last) is None):
                    last = None
                got = (tuple(words), last)
            if len(self._names) > 100_000:
                self._names.clear()
            self._names[(span, typ)] = got
        return got

    def _repeats(self, text, toks, found: list[Mention], starts, parts, ids=None) -> list[Mention]:
        """Document consistency: a person's surname alone ("علييف") and any name
        found once ("البنك التجاري") are mentions wherever else they occur.
        ``starts``: token start offsets; ``parts``: token norms without
        particles; ``ids``: the tokens' word-type ids when their norms are the
        types' norms (candidates are then found per type)."""
        names: dict[tuple[str, ...], tuple[str, str | None, str | None]] = {}
        for m in found:
            if m.type in ("MISC", "NORP") or (
                    m.role is not None and (m.role.start, m.role.end) == (m.start, m.end)):
                continue
            got = self._name_key(text[m.start : m.end], m.type)
            if got is None:
                continue
            words, last = got
            if last:
                names.setdefault((last,), ("PER", None, None))
            names.setdefault(words, (m.type, m.entity_id, m.label))
        longest: dict[str, int] = {}
        for k in names:
            longest[k[0]] = max(longest.get(k[0], 0), len(k))
        lex_longest = self.lex.surnames  # one-word names
        covered = [False] * len(toks)
        for m in found:
            i = bisect.bisect_right(starts, m.start) - 1  # the span may start after a clitic
            while i < len(toks) and toks[i].start < m.end:
                covered[i] = True
                i += 1
        out = []
        free = 0
        if ids is not None:  # word types that may start a name: gazetteer surnames, or by lookup
            dec = self.tagger.decoder
            hit = (dec.flags[ids] & SURNAME) > 0
            mask = np.zeros(len(dec.norm), dtype=bool)
            for k in longest:
                i = dec.type_id(k)
                if i is not None:
                    mask[i] = True
                for j in dec.by_part.get(k, ()):
                    mask[j] = True
            hit |= mask[ids]
            cand = np.flatnonzero(hit).tolist()
        else:
            cand = [i for i, (t, p) in enumerate(zip(toks, parts)) if t.norm in longest
                    or p in longest or t.norm in lex_longest or p in lex_longest]
        for i in cand:
            t = toks[i]
            if i < free or covered[i] or t.kind != "word":
                continue
            strip = parts[i]
            n = max(longest.get(t.norm, 0), longest.get(strip, 0),
                    1 if t.norm in lex_longest or strip in lex_longest else 0)
            hit = None
            for k in range(min(n, len(toks) - i), 0, -1):
                rest = tuple(x.norm for x in toks[i + 1 : i + k])
                if any(covered[i : i + k]):
                    continue
                for first in (t.norm, strip):
                    key = (first, *rest)
                    got = names.get(key)
                    if got is None and k == 1:
                        cid = self.lex_surnames().get(first)
                        if cid is not None:
                            got = ("PER", cid, self.lex.canon[cid].label)
                    if got is not None:
                        hit = (k, first, got)
                        break
                if hit:
                    break
            if hit is None or (hit[0] == 1 and (t.norm in self.tagger.common or t.norm in _FUNCTION)):
                continue
            k, first, (typ, cid, label) = hit
            start = t.start
            if first != t.norm:
                start = self._clitic_cut(text, t, len(t.norm) - len(strip))
            out.append(Mention(start, toks[i + k - 1].end, typ, entity_id=cid, label=label,
                               confidence=CONF["repeat"]))
            covered[i : i + k] = [True] * k
            free = i + k
        return out

    def lex_surnames(self) -> dict[str, str]:
        """Surnames of gazetteer people that belong to one person only."""
        return self.lex.surnames

    @staticmethod
    def _gazetteer_names(cover, a, b):
        """The gazetteer names that tile tokens a..b exactly, when there are two
        or more of them (a CRF span run over several known names), else None."""
        out, i = [], a
        while i < b:
            g = cover.get(i)
            if g is None or g[0] != i or g[1] > b:
                return None
            out.append(g)
            i = g[1]
        return out if len(out) > 1 else None

    def _name_only(self, norms, strips, a, b, cid) -> tuple[int, int]:
        """The name inside a body's mention, as news NER marks it: without a
        kind word before it ("حركة حماس" → "حماس", "نادي النصر" → "النصر"), or
        a nationality after it ("برشلونة الإسباني" → "برشلونة") when what is
        left names the same entity ("الهلال السعودي" stays whole)."""
        if strips[a] in _CLUB_WORDS or (
                strips[a] in _DESCRIPTORS and self.lex.alias.get(" ".join(norms[a + 1 : b])) == cid):
            a += 1
        if b - a > 1 and self.lex.demonym_of(norms[b - 1]) and self.resolve(norms[a : b - 1]) == cid:
            b -= 1
        return a, b
