"""The trained CRF tagger: model file + word clusters, loaded once.

``tag_words(words) -> BIO tags`` (types PER, LOC, ORG, MISC as in ANERcorp);
the entities stage refines types (GPE, NORP) with the gazetteer.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pycrfsuite

from .ner_decode import WEIGHTS_FILE, Decoder
from .ner_features import Featuriser
from .ner_lexicon import lexicon
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


class Tagger:
    def __init__(self, model_dir: Path = MODEL_DIR):
        self.featuriser = Featuriser(
            lexicon(), load_clusters(model_dir / CLUSTERS_FILE), load_known(model_dir / KNOWN_FILE),
            WordClassifier.load(model_dir / WORDCLF_FILE),
        )
        self.decoder = None
        if (model_dir / WEIGHTS_FILE).exists():
            self.decoder = Decoder(model_dir / WEIGHTS_FILE, self.featuriser)
        if self.decoder is not None:  # which optional feature groups the model was trained with
            attrs = self.decoder.index
            self.featuriser.use_bigrams = any(a.startswith(("bg=", "nbg=")) for a in attrs)
            self.featuriser.use_topics = any(a.startswith("tp=") for a in attrs)
            self.featuriser.use_cluster_pairs = any(a.startswith("cb=") for a in attrs)
        labels = self.decoder.labels if self.decoder else []
        self.bilou = any(y.startswith(("L-", "U-")) for y in labels)
        common = model_dir / COMMON_FILE
        self.common = set(load_clusters(common)) if common.exists() else set()
        self.crf = None
        path = model_dir / MODEL_FILE
        if path.exists() and self.decoder is None:
            self.crf = pycrfsuite.Tagger()
            self.crf.open(str(path))
        elif self.decoder is None:
            log.warning("NER model missing at %s: gazetteer-only tagging", path)

    def tag_words(self, words: list[str]) -> list[str]:
        return self.tag_sentences([words])[0][0]

    def tag_sentences(self, sents: list[list[str]]):
        """BIO tags and gazetteer tags for each sentence (long ones are tagged in
        windows of MAX_SENTENCE words; CRF cost is linear anyway)."""
        fz = self.featuriser
        chunks, owner = [], []
        for k, words in enumerate(sents):
            for i in range(0, len(words), MAX_SENTENCE):
                chunks.append(words[i : i + MAX_SENTENCE])
                owner.append(k)
        if fz.wordclf is not None and chunks:
            fz._classify([w for c in chunks for w in c])
        gazs, tags = [], []
        flat, bounds, extras = [], [], []
        for words in chunks:
            infos = [fz.info(w) for w in words]
            gaz = fz.gazetteer_tags(words, infos=infos)
            kn = fz.gazetteer_tags(words, True, infos) if fz.known else None
            gazs.append(gaz)
            if self.decoder is not None:
                base = len(flat)
                bounds.append(base)
                flat.extend(words)
                n = len(words)
                if fz.use_topics:
                    extras.extend((base + i, a) for i, a in fz.topic_extras(words, infos))
                if fz.use_bigrams:
                    extras.extend((base + i, a) for i, a in fz.bigram_extras(infos))
                for tg, name in ((gaz, "gz"), (kn, "kn")):
                    for i, t in enumerate(tg or ()):
                        if t:
                            extras.append((base + i, f"{name}={t}"))
                            if i > 0:
                                extras.append((base + i - 1, f"1{name}={t}"))
                            if i + 1 < n:
                                extras.append((base + i + 1, f"-1{name}={t}"))
            elif self.crf is not None:
                tags.append(self.crf.tag(fz.sentence(words)))
            else:
                tags.append(["O"] * len(words))
        if self.decoder is not None and flat:
            e = self.decoder.emissions(flat, bounds, extras)
            ends = bounds[1:] + [len(flat)]
            tags = self.decoder.viterbi_many([e[a:b] for a, b in zip(bounds, ends)])
        if self.bilou:
            tags = [[_BIO.get(t[:2], "") + t[2:] if t != "O" else t for t in seq] for seq in tags]
        out_t: list[list[str]] = [[] for _ in sents]
        out_g: list[list] = [[] for _ in sents]
        for k, t, g in zip(owner, tags, gazs):
            out_t[k].extend(t)
            out_g[k].extend(g)
        return out_t, out_g
