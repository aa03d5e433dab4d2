"""Fast CRF decoding with numpy: the CRFsuite model's weights, summed once per
word type and kept as rows of matrices indexed by a word-type id.

CRFsuite's tagger looks up every attribute string of every token (~70 per
token). Here each new word type gets an id and, once, its summed weight rows
(own word and ±2 window offsets, sentence topic conjunctions) and its static
attributes (bigram-vocabulary id, topic, gazetteer phrase starts, flags). An
article is then a numpy array of ids: emissions are gathers and adds, and
word pairs are found by a sorted-code search. Decoding (``ner_viterbi``) is
exact: the same first-order model (state + transition weights, no start/end
weights) as CRFsuite's.
"""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np

from .ner_lexicon import strip_particles
from .ner_viterbi import Lattice

WEIGHTS_FILE = "weights.npz"
_OFFSETS = (0, -2, -1, 1, 2)
_WINDOW_ROWS = np.arange(1, 5)[:, None]  # rows of _OFFSETS[1:] in the per-type matrices
_WINDOW_OFFSETS = np.array(_OFFSETS[1:])[:, None]
_MAX_TYPES = 500_000  # a pathological stream of new words: start over
PEOPLE = 1  # flag: a nationality or group noun ("الأرمن")
TRIGGER = 2  # flag: may open a role trigger ("الرئيس", "ووزير")
SURNAME = 4  # flag: a gazetteer person's surname, with or without particles ("وعلييف")
INSTITUTION = 8  # flag: "وزارة", or a portfolio that may stand for it ("الخارجية")
NEXT_DM = 16  # flag: a nationality adjective ("الفرنسي")
NEXT_PAR = 32  # flag: an opening bracket
MINISTRY = "وزاره"


def export(model_path: Path, out: Path) -> None:
    """Write the weights of a CRFsuite model as ``weights.npz`` (attributes,
    state weight matrix, transition matrix, labels)."""
    import pycrfsuite

    t = pycrfsuite.Tagger()
    t.open(str(model_path))
    info = t.info()
    labels = sorted(info.labels, key=info.labels.get)
    lab = {y: i for i, y in enumerate(labels)}
    attrs = sorted({a for a, _ in info.state_features})
    idx = {a: i for i, a in enumerate(attrs)}
    w = np.zeros((len(attrs), len(labels)), dtype=np.float32)
    for (a, y), v in info.state_features.items():
        w[idx[a], lab[y]] = v
    tr = np.zeros((len(labels), len(labels)), dtype=np.float32)
    for (a, b), v in info.transitions.items():
        tr[lab[a], lab[b]] = v
    np.savez_compressed(out, attrs="\n".join(attrs), w=w, tr=tr, labels="\n".join(labels))


def _pair_table(attrs: dict[str, int], prefix: str, vocab: dict[str, int]):
    """Sorted codes (a × V + b) and weight rows of the word-pair attributes
    ``prefix + "a|b"``. A form containing "|" makes the split ambiguous: every
    split is registered, as the attribute string would match any of them."""
    pairs = []
    for a, row in attrs.items():
        if not a.startswith(prefix):
            continue
        body = a[len(prefix):]
        for k, ch in enumerate(body):
            if ch == "|":
                pairs.append((body[:k], body[k + 1:], row))
    for x, y, _ in pairs:
        vocab.setdefault(x, len(vocab))
        vocab.setdefault(y, len(vocab))
    return pairs


class Decoder:
    def __init__(self, path: Path | None, featuriser):
        if path is None:  # no model: every token is O (gazetteer-only tagging)
            attrs, self.w = [], np.zeros((0, 1), dtype=np.float32)
            self.tr, self.labels = np.zeros((1, 1), dtype=np.float32), ["O"]
        else:
            z = np.load(path)
            attrs = str(z["attrs"]).split("\n")
            self.w = z["w"]
            self.tr = z["tr"]
            self.labels = str(z["labels"]).split("\n")
        self.index = {a: i for i, a in enumerate(attrs)}
        self.fz = featuriser
        self.n_lab = len(self.labels)
        self.o = self.labels.index("O") if "O" in self.labels else 0
        lex = featuriser.lex
        self.topics = sorted(set(lex.topics.values()))
        self._topic_index = {t: i for i, t in enumerate(self.topics)}
        pair_vocab: dict[str, int] = {}
        bg = _pair_table(self.index, "bg=", pair_vocab)
        nbg = _pair_table(self.index, "nbg=", pair_vocab)
        self._pair_vocab = pair_vocab
        n_pair = max(len(pair_vocab), 1)
        self._pairs = []
        for table in (bg, nbg):
            codes = np.array([pair_vocab[x] * n_pair + pair_vocab[y] for x, y, _ in table],
                             dtype=np.int64)
            rows = np.array([r for _, _, r in table], dtype=np.int64)
            order = np.argsort(codes, kind="stable")
            self._pairs.append((codes[order], rows[order]))
        self._n_pair = n_pair
        self._zero = np.zeros(self.n_lab, dtype=np.float32)
        self.lattice = Lattice(self.tr, self.o)
        self._rows: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()
        self.type_names: list[str] = []
        self._type_index: dict[str, int] = {}
        # two-word prefixes of the phrase tables (gazetteer, training names):
        # (first-word vocabulary, second-word vocabulary), and sorted prefix codes
        self._prefix_vocab, self.prefix_codes = [], []
        for table in (featuriser.lex.alias, featuriser.known or {}):
            fv: dict[str, int] = {}
            sv: dict[str, int] = {}
            codes = []
            for k in table:
                parts = k.split(" ")
                if len(parts) > 1:
                    codes.append((fv.setdefault(parts[0], len(fv)), sv.setdefault(parts[1], len(sv))))
            self._prefix_vocab.append((fv, sv))
            width = max(len(sv), 1)
            self.prefix_codes.append((np.unique(np.array([a * width + b for a, b in codes],
                                                         dtype=np.int64)), width))
        self.reset()

    # ------------------------------------------------------------ word types

    def reset(self, capacity: int = 4096) -> None:
        """Empty the word-type table (id 0 is a zero row: "no neighbour")."""
        self._id: dict[str, int] = {}
        self.norm: list[str] = [""]  # per type id
        self.strip: list[str] = [""]
        self.part: list[str] = [""]  # without particles, article kept (ner_lexicon.strip_particles)
        self.by_part: dict[str, list[int]] = {}  # part -> type ids
        self.g1: list[str] = ["-"]  # gazetteer type of the word alone ("-": none)
        self._m = np.zeros((len(_OFFSETS), capacity, self.n_lab), dtype=np.float32)
        self._tp = np.zeros((max(len(self.topics), 1), capacity, self.n_lab), dtype=np.float32)
        self.topic = np.full(capacity, -1, dtype=np.int16)
        self.pair = np.full(capacity, -1, dtype=np.int64)
        # phrase tables (0: gazetteer, 1: training-name list): per type, the
        # longest phrase that may start with it and its one-word match's type
        self.starts = np.zeros((2, capacity), dtype=np.int8)
        self.one = np.full((2, capacity), -1, dtype=np.int16)  # index into type_names
        # ids of the word (as itself, and without proclitics) among the first
        # words of two-word phrase prefixes, and of the word among second words
        self.p_first = np.full((2, 2, capacity), -1, dtype=np.int64)
        self.p_second = np.full((2, capacity), -1, dtype=np.int64)
        self.flags = np.zeros(capacity, dtype=np.uint8)

    def _grow(self, need: int) -> None:
        cap = self.topic.shape[0]
        if need < cap:
            return
        while cap <= need:
            cap *= 2

        def more(a, axis=0, fill=0):
            shape = list(a.shape)
            shape[axis] = cap - a.shape[axis]
            return np.concatenate([a, np.full(shape, fill, dtype=a.dtype)], axis=axis)

        self._m = more(self._m, 1)
        self._tp = more(self._tp, 1)
        self.topic = more(self.topic, 0, -1)
        self.pair = more(self.pair, 0, -1)
        self.starts = more(self.starts, 1)
        self.one = more(self.one, 1, -1)
        self.p_first = more(self.p_first, 2, -1)
        self.p_second = more(self.p_second, 1, -1)
        self.flags = more(self.flags)

    def _vec(self, attrs) -> np.ndarray:
        get = self.index.get
        rows = [i for i in map(get, attrs) if i is not None]
        if not rows:
            return self._zero
        return self.w[rows].sum(axis=0)

    def row(self, attr: str) -> np.ndarray:
        got = self._rows.get(attr)
        if got is None:
            i = self.index.get(attr)
            got = self._rows[attr] = self.w[i] if i is not None else self._zero
        return got

    def ids(self, words: list[str]) -> np.ndarray:
        """Word-type ids of ``words``; new types are featurised once, in a batch."""
        out = list(map(self._id.get, words))
        if None in out:
            with self._lock:  # one writer; readers only see types whose rows are complete
                # (a reset, at _MAX_TYPES, is not safe against concurrent readers)
                new = list(dict.fromkeys(w for w in words if w not in self._id))
                if len(self._id) + len(new) >= _MAX_TYPES:
                    self.reset()  # every word of this article is new again
                    new = list(dict.fromkeys(words))
                self._add(new)
            out = list(map(self._id.__getitem__, words))
        return np.fromiter(out, np.int64, len(out))  # cheaper than np.array for ~600 ints

    def type_id_of(self, name: str) -> int:
        """Index of an entity type name in ``type_names``."""
        got = self._type_index.get(name)
        if got is None:
            got = self._type_index[name] = len(self.type_names)
            self.type_names.append(name)
        return got

    def type_id(self, key: str) -> int | None:
        """The id of a word type by its key (the normalised word), if seen."""
        return self._id.get(key)

    def _add(self, words: list[str]) -> None:
        fz = self.fz
        if fz.wordclf is not None:
            fz._classify(words)
        first = len(self.norm)
        self._grow(first + len(words))
        lex = fz.lex
        tables = [(lex.alias, fz._firsts(False), False)]
        if fz.known:
            tables.append((fz.known, fz._firsts(True), True))
        canon = lex.canon
        type_id = self.type_id_of
        topics, pv = lex.topics, self._pair_vocab
        people, rf, surnames = lex.people, lex.role_first, lex.surnames
        ministry_first = lex.ministry_first
        get = self.index.get
        rows: list[int] = []  # weight rows of every (word, vector), summed in one batch below
        counts: list[int] = []
        use_topics = fz.use_topics and self.topics
        for k, word in enumerate(words):
            i = first + k
            norm, strip = fz.info(word)
            self.norm.append(norm)
            self.strip.append(strip)
            own = fz._own_features(word)  # not cached there: the rows are kept here
            self.g1.append(own.get("g1", "-"))
            for off in _OFFSETS:
                got = [r for r in map(get, fz.feats_of(own, off)) if r is not None]
                rows.extend(got)
                counts.append(len(got))
            t = topics.get(strip) or topics.get(norm)
            if t:
                self.topic[i] = self._topic_index[t]
            if use_topics:
                keys = fz.topic_keys_of(own)
                for name in self.topics:
                    got = [r for r in map(get, [f"tp={name}|{x}" for x in keys]) if r is not None]
                    rows.extend(got)
                    counts.append(len(got))
            self.pair[i] = pv.get(strip, -1)
            for t_k, (table, firsts, known) in enumerate(tables):
                self.starts[t_k, i] = min(max(firsts.get(norm, 0), firsts.get(strip, 0)), 127)
                cid = table.get(norm) or table.get(strip)
                if cid:
                    self.one[t_k, i] = type_id(cid if known else canon[cid].type)
                fv, sv = self._prefix_vocab[t_k]
                self.p_first[t_k, 0, i] = fv.get(norm, -1)
                self.p_first[t_k, 1, i] = fv.get(strip, -1)
                self.p_second[t_k, i] = sv.get(norm, -1)
            part = strip_particles(norm)
            self.part.append(part)
            self.by_part.setdefault(part, []).append(i)
            f = 0
            if norm in surnames or part in surnames:
                f |= SURNAME
            if norm in people or strip in people:
                f |= PEOPLE
            if norm in rf or norm[1:] in rf or "ا" + norm[2:] in rf:
                f |= TRIGGER
            if MINISTRY in (norm, strip) or part in ministry_first:
                f |= INSTITUTION
            nk = fz.next_kind(norm, lex)
            if nk:
                f |= NEXT_PAR if nk == "par" else NEXT_DM
            self.flags[i] = f
        self._sum_rows(first, len(words), rows, counts, use_topics)
        self._id.update(zip(words, range(first, first + len(words))))  # visible once complete

    def _sum_rows(self, first: int, n: int, rows: list[int], counts: list[int], use_topics) -> None:
        """Sum the weight rows of new word types into their matrices, in one
        numpy reduction (a segment per word and vector; empty ones are zero)."""
        if not n:
            return
        counts_a = np.array(counts, dtype=np.int64)
        w = np.concatenate([self.w[np.array(rows, dtype=np.int64)],
                            np.zeros((1, self.n_lab), dtype=np.float32)])
        at = np.concatenate([[0], np.cumsum(counts_a)[:-1]])
        sums = np.add.reduceat(w, at, axis=0)
        sums[counts_a == 0] = 0.0
        per = len(_OFFSETS) + (len(self.topics) if use_topics else 0)
        sums = sums.reshape(n, per, self.n_lab)
        self._m[:, first : first + n] = sums[:, : len(_OFFSETS)].transpose(1, 0, 2)
        if use_topics:
            self._tp[:, first : first + n] = sums[:, len(_OFFSETS) :].transpose(1, 0, 2)

    # ------------------------------------------------------------ scoring

    def emissions(self, ids: np.ndarray, starts: np.ndarray, extras=(), chunk=None) -> np.ndarray:
        """Label scores (tokens × labels) of several chunks laid end to end;
        ``starts`` are the chunk start offsets (window features stop at them),
        ``extras`` groups of (token indices, weight rows) for phrase-level
        attributes (no token twice in one pair), ``chunk`` each token's chunk."""
        n = len(ids)
        if chunk is None:
            chunk = np.zeros(n, dtype=np.int64)
            chunk[starts[1:]] = 1
            chunk = np.cumsum(chunk)
        m = self._m
        e = m[0][ids]
        e += self.row("b")
        # the ±2 neighbours' rows in one gather: chunks laid out with two
        # empty (id 0, zero row) slots between them
        pos = np.arange(n) + 2 * chunk + 2
        ext = np.zeros(n + 2 * len(starts) + 2, dtype=np.int64)
        ext[pos] = ids
        e += m[_WINDOW_ROWS, ext[pos + _WINDOW_OFFSETS]].sum(axis=0)
        e[starts] += self.row("BOS")
        ends = np.append(starts[1:], n) - 1
        e[ends] += self.row("EOS")
        fz = self.fz
        if fz.use_topics and self.topics:
            tok_tp = self.token_topics(ids, starts, chunk)
            sel = np.flatnonzero(tok_tp >= 0)
            if len(sel):
                e[sel] += self._tp[tok_tp[sel], ids[sel]]
        if fz.use_bigrams and n > 1:
            p = self.pair[ids]
            i = np.flatnonzero((p[:-1] >= 0) & (p[1:] >= 0) & (chunk[:-1] == chunk[1:]))
            if len(i):
                codes = p[i] * self._n_pair + p[i + 1]
                for (table, rows), shift in zip(self._pairs, (1, 0)):
                    if not len(table):
                        continue
                    at = np.minimum(np.searchsorted(table, codes), len(table) - 1)
                    hit = table[at] == codes
                    if hit.any():  # one pair per token and side: no repeated index
                        e[i[hit] + shift] += self.w[rows[at[hit]]]
        for group in extras:
            for tok, row in group:
                e[tok] += self.w[row]
        return e

    def decode(self, e: np.ndarray, starts: np.ndarray, chunk=None) -> np.ndarray:
        """Best label index per token, each chunk on its own (``ner_viterbi``)."""
        return self.lattice.decode(e, starts, chunk)

    def token_topics(self, ids, starts, chunk) -> np.ndarray:
        """Per token, its chunk's topic index (-1: none): that of the chunk's
        first topic word."""
        tp = self.topic[ids]
        pos = np.flatnonzero(tp >= 0)
        if not len(pos):
            return np.full(len(ids), -1, dtype=np.int64)
        ch, first = np.unique(chunk[pos], return_index=True)
        of_chunk = np.full(len(starts), -1, dtype=np.int64)
        of_chunk[ch] = tp[pos[first]]
        return of_chunk[chunk]

    def viterbi_many(self, es: list[np.ndarray]) -> list[list[str]]:
        """Label strings per sentence (kept for callers with per-sentence scores)."""
        if not es:
            return []
        lens = [len(x) for x in es]
        keep = [i for i, x in enumerate(lens) if x]
        if not keep:
            return [[] for _ in es]
        flat = np.concatenate([es[i] for i in keep])
        lab = self.decode(flat, np.cumsum([0, *[lens[i] for i in keep][:-1]]).astype(np.int64))
        labels = self.labels
        out, a = [], 0
        names = [labels[i] for i in lab.tolist()]
        for x in lens:
            out.append(names[a : a + x])
            a += x
        return out
