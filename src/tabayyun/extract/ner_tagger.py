"""The trained CRF tagger: model file + word clusters, loaded once.

``tag_words(words) -> BIO tags`` (types PER, LOC, ORG, MISC as in ANERcorp);
the entities stage refines types (GPE, NORP) with the gazetteer.
"""

from __future__ import annotations

import logging
from pathlib import Path

from typing import NamedTuple

import numpy as np

from .ner_decode import NEXT_DM, NEXT_PAR, WEIGHTS_FILE, Decoder, export
from .ner_features import Featuriser
from .ner_lexicon import MAX_PHRASE, lexicon
from .ner_wordclf import WordClassifier

log = logging.getLogger(__name__)

MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "ner"
MODEL_FILE = "ner.crfsuite"
CLUSTERS_FILE = "clusters.tsv"
KNOWN_FILE = "known.tsv"
COMMON_FILE = "common.tsv"
WORDCLF_FILE = "wordclf.npz"
_BIO = {"B-": "B-", "I-": "I-", "L-": "I-", "U-": "B-"}  # BILOU labels read as BIO
MAX_SENTENCE = 200  # longer token runs are tagged in windows (CRF cost is linear anyway)


def load_clusters(path: Path) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    if not path.exists():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            cols = line.split("\t")
            out[cols[0]] = tuple(cols[1:])
    return out


def load_known(path: Path) -> dict[str, str]:
    return {k: v[0] for k, v in load_clusters(path).items()}


class Tagged(NamedTuple):
    """One article's tagging: word-type ids, BIO label index per token (see
    ``Tagger.types`` / ``Tagger.begins``) and gazetteer phrase matches."""

    ids: np.ndarray
    labels: np.ndarray
    gazetteer: list[tuple[int, int, str]]  # (first token, end token, type)


class Tagger:
    def __init__(self, model_dir: Path = MODEL_DIR):
        self.featuriser = Featuriser(
            lexicon(), load_clusters(model_dir / CLUSTERS_FILE), load_known(model_dir / KNOWN_FILE),
            WordClassifier.load(model_dir / WORDCLF_FILE),
        )
        weights = model_dir / WEIGHTS_FILE
        if not weights.exists() and (model_dir / MODEL_FILE).exists():
            weights = self._export(model_dir / MODEL_FILE)
        if not weights.exists():
            log.warning("NER model missing at %s: gazetteer-only tagging", model_dir)
            weights = None
        self.decoder = Decoder(weights, self.featuriser)
        attrs = self.decoder.index  # which optional feature groups the model was trained with
        self.featuriser.use_bigrams = any(a.startswith(("bg=", "nbg=")) for a in attrs)
        self.featuriser.use_topics = any(a.startswith("tp=") for a in attrs)
        self.featuriser.use_cluster_pairs = any(a.startswith("cb=") for a in attrs)
        self.featuriser.use_topic_next = any(a.startswith("tpx=") for a in attrs)
        if self.featuriser.use_cluster_pairs:
            raise ValueError("cluster-pair attributes are not supported by the fast decoder")
        labels = self.decoder.labels
        self.bilou = any(y.startswith(("L-", "U-")) for y in labels)
        bio = [_BIO.get(y[:2], "") + y[2:] if y != "O" else y for y in labels]
        self.bio_labels = bio
        self.types = [y[2:] if y != "O" else "" for y in bio]  # per label index
        self.begins = [y.startswith("B-") for y in bio]
        # first two words of every phrase of two words or more, per table
        self._attr_rows: list[np.ndarray | None] = [None, None]
        common = model_dir / COMMON_FILE
        self.common = set(load_clusters(common)) if common.exists() else set()

    @staticmethod
    def _export(model: Path) -> Path:
        import tempfile

        out = Path(tempfile.mkdtemp(prefix="tabayyun-ner-")) / WEIGHTS_FILE
        export(model, out)
        return out

    def tag_words(self, words: list[str]) -> list[str]:
        return self.tag_sentences([words])[0][0]

    def tag(self, words: list[str], starts: list[int]) -> Tagged:
        """Tag the words of one article; ``starts`` are sentence start indices
        (sentences longer than MAX_SENTENCE are tagged in windows)."""
        n = len(words)
        dec = self.decoder
        ids = dec.ids(words)
        if n == 0:
            return Tagged(ids, np.zeros(0, dtype=np.int64), [])
        if any(b - a > MAX_SENTENCE for a, b in zip(starts, [*starts[1:], n])):
            chunks = []
            for a, b in zip(starts, [*starts[1:], n]):
                chunks.extend(range(a, b, MAX_SENTENCE))
            cs = np.array(chunks, dtype=np.int64)
        else:
            cs = np.array(starts, dtype=np.int64)
        chunk = np.zeros(n, dtype=np.int64)
        chunk[cs[1:]] = 1
        chunk = np.cumsum(chunk)
        ends = np.append(cs[1:], n)
        lo, hi = cs[chunk], ends[chunk]  # per token: its chunk's bounds
        gaz = self._matches(ids, hi, 0)
        extras = [self._extras(gaz, 0, lo, hi)]
        if self.featuriser.known:
            extras.append(self._extras(self._matches(ids, hi, 1), 1, lo, hi))
        if self.featuriser.use_topic_next:
            extras.append(self._topic_next(ids, cs, chunk))
        e = dec.emissions(ids, cs, extras, chunk)
        names = dec.type_names
        return Tagged(ids, dec.decode(e, cs, chunk),
                      [(a, b, names[t]) for a, b, t in zip(*(x.tolist() for x in gaz))])

    def _matches(self, ids, hi, which: int):
        """Longest phrase matches of the gazetteer (``which`` 0) or of the
        training-name list (1), left to right, within chunks: arrays of first
        token, end token, type index. A word's one-word match is decided per
        word type; longer phrases are tried (in Python) only where the first
        two words start one."""
        dec = self.decoder
        n = len(ids)
        top = dec.starts[which][ids]
        multi = np.flatnonzero(top[:-1] > 1)
        multi = multi[multi + 1 < hi[multi]]
        found_a, found_b, found_t = [], [], []
        if len(multi):
            codes, width = dec.prefix_codes[which]
            second = dec.p_second[which][ids[multi + 1]]
            ok = np.zeros(len(multi), dtype=bool)
            for form in (0, 1):  # the first word as itself, or without proclitics
                f = dec.p_first[which, form][ids[multi]]
                c = f * width + second
                at = np.minimum(np.searchsorted(codes, c), max(len(codes) - 1, 0))
                ok |= (f >= 0) & (second >= 0) & (codes[at] == c) if len(codes) else False
            multi = multi[ok]
        if len(multi):
            known = which == 1
            table = self.featuriser.known if known else self.featuriser.lex.alias
            canon = self.featuriser.lex.canon
            norm, strip = dec.norm, dec.strip
            idl = ids.tolist()
            free = 0
            for i, most, end in zip(multi.tolist(), top[multi].tolist(), hi[multi].tolist()):
                if i < free:
                    continue
                first = idl[i]
                for k in range(min(most, MAX_PHRASE, end - i), 1, -1):
                    rest = [norm[j] for j in idl[i + 1 : i + k]]
                    cid = table.get(" ".join([norm[first], *rest])) or table.get(
                        " ".join([strip[first], *rest]))
                    if cid:
                        found_a.append(i)
                        found_b.append(i + k)
                        found_t.append(dec.type_id_of(cid if known else canon[cid].type))
                        free = i + k
                        break
        one = dec.one[which][ids]
        if found_a:  # one-word matches outside the longer ones
            covered = np.zeros(n + 1, dtype=np.int64)
            np.add.at(covered, np.array(found_a), 1)
            np.add.at(covered, np.array(found_b), -1)
            one = np.where(np.cumsum(covered[:n]) > 0, -1, one)
        single = np.flatnonzero(one >= 0)
        a = np.concatenate([np.array(found_a, dtype=np.int64), single])
        b = np.concatenate([np.array(found_b, dtype=np.int64), single + 1])
        t = np.concatenate([np.array(found_t, dtype=np.int64), one[single].astype(np.int64)])
        order = np.argsort(a, kind="stable")
        return a[order], b[order], t[order]

    def _extras(self, matches, which: int, lo, hi):
        """Phrase-match attributes on the matched tokens and their neighbours
        (``gz=B-LOC`` on the token, ``1gz=`` on the one before, ``-1gz=`` on the
        one after): (token indices, weight rows) per attribute kind."""
        a, b, t = matches
        if not len(a):
            return []
        lens = b - a
        tok = np.repeat(a, lens)
        tok = tok + (np.arange(len(tok)) - np.repeat(np.cumsum(lens) - lens, lens))
        begin = (tok == np.repeat(a, lens)).astype(np.int64)
        typ = np.repeat(t, lens)
        rows = self._rows_for(which)
        out = []
        for kind, shift in ((0, 0), (1, -1), (2, 1)):
            j = tok + shift
            r = rows[kind, begin, typ]
            ok = (j >= lo[tok]) & (j < hi[tok]) & (r >= 0)
            if ok.any():
                out.append((j[ok], r[ok]))
        return out

    def _topic_next(self, ids, cs, chunk):
        """Sentence topic × what the next word is (see ``Featuriser.next_kind``)."""
        dec = self.decoder
        n = len(ids)
        if n < 2:
            return []
        tok_tp = dec.token_topics(ids, cs, chunk)
        nxt = np.zeros(n, dtype=np.int64)
        nxt[:-1] = dec.flags[ids[1:]] & (NEXT_DM | NEXT_PAR)
        nxt[:-1] *= chunk[1:] == chunk[:-1]
        sel = np.flatnonzero((tok_tp >= 0) & (nxt > 0))
        groups: list[tuple[list[int], list[int]]] = [([], []), ([], [])]
        index = dec.index
        for i, tp, k, t in zip(sel.tolist(), tok_tp[sel].tolist(), nxt[sel].tolist(),
                               ids[sel].tolist()):
            topic, nk = dec.topics[tp], "par" if k & NEXT_PAR else "dm"
            for g, attr in zip(groups, (f"tpx={topic}|{nk}", f"tpx={topic}|{dec.g1[t]}|{nk}")):
                r = index.get(attr)
                if r is not None:
                    g[0].append(i)
                    g[1].append(r)
        return [(np.array(a, dtype=np.int64), np.array(b, dtype=np.int64)) for a, b in groups if a]

    def _rows_for(self, which: int) -> np.ndarray:
        """Weight rows (kind × inside/begin × type; -1: no weight) of the
        phrase-match attributes, rebuilt when a new type name appears."""
        names = self.decoder.type_names
        got = self._attr_rows[which]
        if got is None or got.shape[2] < len(names):
            name = ("gz", "kn")[which]
            index = self.decoder.index
            got = np.full((3, 2, max(len(names), 1)), -1, dtype=np.int64)
            for k, typ in enumerate(names):
                for begin, bio in ((0, "I-"), (1, "B-")):
                    for kind, pre in enumerate(("", "1", "-1")):
                        got[kind, begin, k] = index.get(f"{pre}{name}={bio}{typ}", -1)
            self._attr_rows[which] = got
        return got

    def tag_sentences(self, sents: list[list[str]]):
        """BIO tags and gazetteer BIO tags (None for no match) of each sentence."""
        words = [w for s in sents for w in s]
        starts, pos = [], 0
        for s in sents:
            if s:
                starts.append(pos)
            pos += len(s)
        got = self.tag(words, starts)
        tags = [self.bio_labels[i] for i in got.labels.tolist()]
        gaz: list[str | None] = [None] * len(words)
        for a, b, typ in got.gazetteer:
            gaz[a] = "B-" + typ
            for j in range(a + 1, b):
                gaz[j] = "I-" + typ
        out_t, out_g, pos = [], [], 0
        for s in sents:
            out_t.append(tags[pos : pos + len(s)])
            out_g.append(gaz[pos : pos + len(s)])
            pos += len(s)
        return out_t, out_g
