"""The trained CRF tagger: model file + word clusters, loaded once.

``tag_words(words) -> BIO tags`` (types PER, LOC, ORG, MISC as in ANERcorp);
the entities stage refines types (GPE, NORP) with the gazetteer.
"""

from __future__ import annotations

import bisect
import logging
from pathlib import Path

from typing import NamedTuple

import numpy as np

from .ner_decode import WEIGHTS_FILE, Decoder, export
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
        if self.featuriser.use_cluster_pairs:
            raise ValueError("cluster-pair attributes are not supported by the fast decoder")
        labels = self.decoder.labels
        self.bilou = any(y.startswith(("L-", "U-")) for y in labels)
        bio = [_BIO.get(y[:2], "") + y[2:] if y != "O" else y for y in labels]
        self.bio_labels = bio
        self.types = [y[2:] if y != "O" else "" for y in bio]  # per label index
        self.begins = [y.startswith("B-") for y in bio]
        # first two words of every phrase of two words or more, per table
        self._attr_rows: dict[str, int | None] = {}
        self._pairs = [{" ".join(k.split(" ")[:2]) for k in table if " " in k}
                       for table in (self.featuriser.lex.alias, self.featuriser.known)]
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
        chunks = []
        for a, b in zip(starts, [*starts[1:], n]):
            chunks.extend(range(a, b, MAX_SENTENCE))
        cs = np.array(chunks, dtype=np.int64)
        ends = np.append(cs[1:], n)
        fz = self.featuriser
        gaz = self._matches(ids, cs, ends, 0)
        extras: list[tuple[int, int]] = []
        cl, el = cs.tolist(), ends.tolist()
        self._extras(gaz, "gz", cl, el, extras)
        if fz.known:
            self._extras(self._matches(ids, cs, ends, 1), "kn", cl, el, extras)
        e = dec.emissions(ids, cs, extras)
        return Tagged(ids, dec.viterbi(e, cs), gaz)

    def _matches(self, ids, cs, ends, which: int) -> list[tuple[int, int, str]]:
        """Longest phrase matches within chunks, of the gazetteer (``which`` 0)
        or of the training-name list (1). Most words start no phrase, or only a
        one-word one (decided per type); longer phrases are tried only where
        the first two words start one."""
        dec = self.decoder
        known = which == 1
        table = self.featuriser.known if known else self.featuriser.lex.alias
        pairs = self._pairs[which]
        most = dec.starts[which][ids]
        one = dec.one[which]
        cand = np.flatnonzero(most > 0)
        if not len(cand):
            return []
        idl = ids.tolist()
        chunk_end = ends[np.searchsorted(cs, cand, side="right") - 1].tolist()
        norm, strip = dec.norm, dec.strip
        canon = self.featuriser.lex.canon
        out, free = [], 0
        for i, end, top in zip(cand.tolist(), chunk_end, most[cand].tolist()):
            if i < free:
                continue
            first = idl[i]
            found = 0
            if top > 1 and i + 1 < end:
                nxt = norm[idl[i + 1]]
                if f"{norm[first]} {nxt}" in pairs or f"{strip[first]} {nxt}" in pairs:
                    for k in range(min(top, MAX_PHRASE, end - i), 1, -1):
                        rest = [norm[j] for j in idl[i + 1 : i + k]]
                        cid = table.get(" ".join([norm[first], *rest])) or table.get(
                            " ".join([strip[first], *rest]))
                        if cid:
                            out.append((i, i + k, cid if known else canon[cid].type))
                            found = k
                            break
            if not found and one[first] is not None:
                out.append((i, i + 1, one[first]))
                found = 1
            free = i + found
        return out

    def _extras(self, matches, name, cs: list[int], ends: list[int], out) -> None:
        """Phrase-match attributes on the matched tokens and their neighbours, as
        (token, weight row) pairs; attributes the model has no weight for are dropped."""
        rows = self._attr_rows
        index = self.decoder.index
        for a, b, typ in matches:
            c = bisect.bisect_right(cs, a) - 1
            lo, hi = cs[c], ends[c]
            for i in range(a, b):
                t = ("B-" if i == a else "I-") + typ
                for j, attr in ((i, f"{name}={t}"), (i - 1, f"1{name}={t}"),
                                (i + 1, f"-1{name}={t}")):
                    if lo <= j < hi:
                        r = rows.get(attr, -1)
                        if r == -1:
                            r = rows[attr] = index.get(attr)
                        if r is not None:
                            out.append((j, r))

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
