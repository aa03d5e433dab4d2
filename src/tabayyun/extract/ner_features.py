"""CRF features for Arabic NER, computed once per word type.

A token's features are the concatenation of its own type features and its
neighbours' (±2), each list prefixed by the offset and cached per (word,
offset): tagging a sentence is then list concatenation, no per-token string
work. Gazetteer phrase matches (several words) are the only per-sentence part.
"""

from __future__ import annotations

from ..arabic.normalise import normalise_word
from ..arabic.stem import strip_clitics
from .ner_lexicon import MAX_PHRASE, Lexicon

MAX_WORD = 40  # longer tokens are cut for features (a 1,000-letter token is noise)
_CACHE_LIMIT = 200_000


def _shape(w: str) -> str:
    if w.isdigit():
        return "D"
    if w.isascii():
        return "L" if any(c.isalpha() for c in w) else "P"
    if any(c.isdigit() for c in w):
        return "M"
    return "A" if any(c.isalpha() for c in w) else "P"


class Featuriser:
    def __init__(self, lex: Lexicon, clusters: dict[str, tuple[str, ...]] | None = None,
                 known: dict[str, str] | None = None, wordclf=None):
        self.lex = lex
        self.wordclf = wordclf  # ner_wordclf.WordClassifier or None
        self._wc: dict[str, tuple[str, ...]] = {}
        self._start_cache: dict[bool, dict[str, int]] = {False: {}, True: {}}
        self._tk: dict[str, tuple[str, ...]] = {}
        self._owns: dict[str, dict[str, str]] = {}
        self.use_topics = True
        self.use_bigrams = False
        self.use_cluster_pairs = False
        self.use_topic_next = False
        self.clusters = clusters or {}
        # names seen tagged in the training data (built out-of-fold when training)
        self.known = known or {}
        self.known_first = {k.split(" ")[0] for k in self.known}
        self._cache: dict[tuple[str, int], list[str]] = {}
        self._info: dict[str, tuple[str, str]] = {}

    # ------------------------------------------------------------ per type

    def info(self, word: str) -> tuple[str, str]:
        """(normalised, proclitic-stripped) forms of a word, cached."""
        got = self._info.get(word)
        if got is None:
            n = normalise_word(word[:MAX_WORD])
            p, _ = strip_clitics(n) if len(n) > 3 else (0, 0)
            got = (n, n[p:])
            if p >= 2 and n[:p].endswith(("ال", "لل")) and got[1] in self.lex.bare:
                got = (n, "ال" + n[p:])  # "المالي" (financial) is not "مالي" (Mali)
            if len(self._info) < _CACHE_LIMIT:
                self._info[word] = got
        return got

    def _own(self, word: str) -> dict[str, str]:
        got = self._owns.get(word)
        if got is None:
            got = self._own_features(word)
            if len(self._owns) >= _CACHE_LIMIT:
                self._owns.clear()
            self._owns[word] = got
        return got

    def _own_features(self, word: str) -> dict[str, str]:
        n, s = self.info(word)
        lex = self.lex
        f = {"w": n, "s": s, "sh": _shape(n)}
        f["len"] = str(min(len(s), 8))
        f["pre"] = n[: len(n) - len(s)]
        for k in (1, 2, 3, 4):
            f[f"x{k}"] = n[-k:]
        for k in (2, 3):
            f[f"p{k}"] = s[:k]
        if f["sh"] == "A" and len(s) > 3:  # inner letter trigrams: shape of foreign names
            for i in range(len(s) - 2):
                f["3g:" + s[i : i + 3]] = "1"
        for k, v in enumerate(self._wc.get(s, ())):
            f[f"wc{k}"] = v
        kw = self.known.get("w:" + s)
        if kw:
            f["kw"] = kw
        cl = self.clusters.get(s)
        if cl:
            for i, c in enumerate(cl):
                f[f"c{i}"] = c
        else:
            f["unk"] = "1"  # unknown to the unlabelled-text vocabulary
        g = lex.alias.get(n) or lex.alias.get(s)
        if g:
            f["g1"] = lex.canon[g].type
        if n in lex.first_words or s in lex.first_words:
            f["gf"] = "1"
        t = lex.triggers.get(n) or lex.triggers.get(s)
        if t:
            f["t"] = t
        if n in lex.role_first or s in lex.role_first:
            f["r"] = "1"
        if s in lex.given or n in lex.given:
            f["gn"] = "1"
        if lex.demonym_of(n):
            f["dm"] = "1"
        if s in lex.people or n in lex.people:
            f["np"] = "1"
        return f

    # which features the neighbours contribute, by offset
    _WINDOW = {
        -2: ("s", "c1", "t", "r"),
        -1: ("w", "s", "x2", "c0", "c1", "g1", "t", "r", "gn", "dm", "pre", "kw"),
        1: ("w", "s", "x2", "c0", "c1", "g1", "t", "dm", "gn", "kw"),
        2: ("s", "c1", "t", "dm"),
    }

    def feats(self, word: str, off: int) -> list[str]:
        got = self._cache.get((word, off))
        if got is None:
            got = self.feats_of(self._own(word), off)
            if len(self._cache) < _CACHE_LIMIT:
                self._cache[(word, off)] = got
        return got

    def feats_of(self, own: dict[str, str], off: int) -> list[str]:
        """The attributes a word with these own features gives the token at
        ``-off`` from it (``off`` 0: the word's own token)."""
        if off == 0:
            got = [k if k.startswith("3g:") else v if k.startswith("wc") else f"{k}={v}"
                   for k, v in own.items()]
        else:
            got = [f"{off}{k}={own[k]}" for k in self._WINDOW[off] if k in own]
        if off in (-1, 1):
            got.append(f"{off}wc={own['w']}|{own.get('c1', '')}")
            got.extend(f"{off}{v}" for k, v in own.items() if k.startswith("wc"))
        return got

    # ------------------------------------------------------------ per sentence

    def _firsts(self, known: bool) -> dict[str, int]:
        """First word of every phrase -> the most words a phrase starting with it has."""
        attr = "_first_known" if known else "_first_gaz"
        got = getattr(self, attr, None)
        if got is None:
            got = {}
            for k in (self.known if known else self.lex.alias):
                parts = k.split(" ")
                got[parts[0]] = max(got.get(parts[0], 0), len(parts))
            setattr(self, attr, got)
        return got

    def _starts(self, words, infos, known: bool, firsts: dict[str, int]) -> list[int]:
        """Per word, the longest phrase that may start with it (0: none); cached
        per word type, since most words start nothing."""
        cache = self._start_cache[known]
        out = []
        for w, (norm, strip) in zip(words, infos):
            got = cache.get(w)
            if got is None:
                got = max(firsts.get(norm, 0), firsts.get(strip, 0))
                if len(cache) < _CACHE_LIMIT:
                    cache[w] = got
            out.append(got)
        return out

    def gazetteer_tags(self, words: list[str], known: bool = False,
                       infos: list[tuple[str, str]] | None = None) -> list[str | None]:
        """Longest gazetteer phrase matches as BIO tags of the canonical type
        (or of the training-data name list when ``known``)."""
        n = len(words)
        out: list[str | None] = [None] * n
        table = self.known if known else self.lex.alias
        firsts = self._firsts(known)
        if infos is None:
            infos = [self.info(w) for w in words]
        canon = self.lex.canon
        starts = self._starts(words, infos, known, firsts)
        i = 0
        while i < n:
            longest = starts[i]
            if not longest:
                i += 1
                continue
            norm, strip = infos[i]
            found = 0
            for k in range(min(longest, MAX_PHRASE, n - i), 0, -1):
                rest = [x[0] for x in infos[i + 1 : i + k]]
                cid = table.get(" ".join([norm, *rest])) or table.get(" ".join([strip, *rest]))
                if cid:
                    typ = cid if known else canon[cid].type
                    out[i] = "B-" + typ
                    for j in range(i + 1, i + k):
                        out[j] = "I-" + typ
                    found = k
                    break
            i += found or 1
        return out

    def bigram_extras(self, infos) -> list[tuple[int, str]]:
        """Word-pair attributes (proclitic-stripped forms): "وزير|الخارجيه"."""
        out = []
        for i in range(1, len(infos)):
            a = f"bg={infos[i - 1][1]}|{infos[i][1]}"
            out.append((i, a))
            out.append((i - 1, "n" + a))
        if self.use_cluster_pairs:  # the same over 256 clusters: generalises to unseen pairs
            cl = [self.clusters.get(s, ("", "?"))[1] for _, s in infos]
            for i in range(1, len(infos)):
                out.append((i, f"cb={cl[i - 1]}|{cl[i]}"))
                out.append((i - 1, f"ncb={cl[i - 1]}|{cl[i]}"))
        return out

    def topic_of(self, infos) -> str | None:
        """A sentence's topic: that of its first topic word."""
        topics = self.lex.topics
        for norm, strip in infos:
            topic = topics.get(strip) or topics.get(norm)
            if topic:
                return topic
        return None

    @staticmethod
    def next_kind(norm: str, lex) -> str | None:
        """What the next word says about a name: a nationality adjective ("ليون
        الفرنسي": in sport, a club) or an opening bracket ("بورتو ( البرتغال )")."""
        if norm == "(":
            return "par"
        return "dm" if lex.demonym_of(norm) else None

    def topic_next_extras(self, words: list[str], infos, topic: str) -> list[tuple[int, str]]:
        """Sentence topic conjoined with what the next word is (``next_kind``),
        alone and with the word's gazetteer type."""
        out = []
        for i in range(len(words) - 1):
            nk = self.next_kind(infos[i + 1][0], self.lex)
            if nk:
                g1 = self._own(words[i]).get("g1", "-")
                out.append((i, f"tpx={topic}|{nk}"))
                out.append((i, f"tpx={topic}|{g1}|{nk}"))
        return out

    def topic_extras(self, words: list[str], infos) -> list[tuple[int, str]]:
        """Sentence topic (sport, business) conjoined with each word's cluster,
        gazetteer type and word-classifier label: (token index, attribute)."""
        topic = self.topic_of(infos)
        if topic is None:
            return []
        out = []
        for i, w in enumerate(words):
            for k in self._topic_keys(w):
                out.append((i, f"tp={topic}|{k}"))
        return out

    def _topic_keys(self, word: str) -> tuple[str, ...]:
        got = self._tk.get(word)
        if got is None:
            got = self.topic_keys_of(self._own(word))
            if len(self._tk) < _CACHE_LIMIT:
                self._tk[word] = got
        return got

    @staticmethod
    def topic_keys_of(own: dict[str, str]) -> tuple[str, ...]:
        return tuple(f"{k}={own[k]}" for k in ("c1", "g1", "wc1") if k in own)

    def _classify(self, words: list[str]) -> None:
        """Run the word classifier once, in a batch, on word types not seen yet."""
        new = {self.info(w)[1] for w in words} - self._wc.keys()
        new = sorted(w for w in new if w and not w.isascii())
        if new:
            if len(self._wc) > _CACHE_LIMIT:
                self._wc.clear()
            self._wc.update(zip(new, self.wordclf.features(new)))

    def sentence(self, words: list[str]) -> list[list[str]]:
        n = len(words)
        if self.wordclf is not None:
            self._classify(words)
        infos = [self.info(w) for w in words]
        gaz = self.gazetteer_tags(words, infos=infos)
        kn = self.gazetteer_tags(words, True, infos) if self.known else [None] * n
        out = []
        for i in range(n):
            f = ["b"] + self.feats(words[i], 0)
            for off in (-2, -1, 1, 2):
                j = i + off
                if 0 <= j < n:
                    f.extend(self.feats(words[j], off))
                elif off in (-1, 1):
                    f.append("BOS" if off < 0 else "EOS")
            g = gaz[i]
            if g:
                f.append("gz=" + g)
            if i > 0 and gaz[i - 1]:
                f.append("-1gz=" + gaz[i - 1])
            if i + 1 < n and gaz[i + 1]:
                f.append("1gz=" + gaz[i + 1])
            k = kn[i]
            if k:
                f.append("kn=" + k)
            if i > 0 and kn[i - 1]:
                f.append("-1kn=" + kn[i - 1])
            if i + 1 < n and kn[i + 1]:
                f.append("1kn=" + kn[i + 1])
            out.append(f)
        if self.use_topics:
            for i, a in self.topic_extras(words, infos):
                out[i].append(a)
        if self.use_topic_next:
            topic = self.topic_of(infos)
            if topic:
                for i, a in self.topic_next_extras(words, infos, topic):
                    out[i].append(a)
        if self.use_bigrams:
            for i, a in self.bigram_extras(infos):
                out[i].append(a)
        return out
