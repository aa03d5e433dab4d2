"""The trained CRF tagger: model file + word clusters, loaded once.

``tag_words(words) -> BIO tags`` (types PER, LOC, ORG, MISC as in ANERcorp);
the entities stage refines types (GPE, NORP) with the gazetteer.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pycrfsuite

from .ner_features import Featuriser
from .ner_lexicon import lexicon

log = logging.getLogger(__name__)

MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "ner"
MODEL_FILE = "ner.crfsuite"
CLUSTERS_FILE = "clusters.tsv"
KNOWN_FILE = "known.tsv"
COMMON_FILE = "common.tsv"
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
            lexicon(), load_clusters(model_dir / CLUSTERS_FILE), load_known(model_dir / KNOWN_FILE)
        )
        common = model_dir / COMMON_FILE
        self.common = set(load_clusters(common)) if common.exists() else set()
        self.crf = None
        path = model_dir / MODEL_FILE
        if path.exists():
            self.crf = pycrfsuite.Tagger()
            self.crf.open(str(path))
        else:
            log.warning("NER model missing at %s: gazetteer-only tagging", path)

    def tag_words(self, words: list[str]) -> list[str]:
        if not words:
            return []
        if self.crf is None:
            return ["O"] * len(words)
        out: list[str] = []
        for i in range(0, len(words), MAX_SENTENCE):
            chunk = words[i : i + MAX_SENTENCE]
            out.extend(self.crf.tag(self.featuriser.sentence(chunk)))
        return out

    def marginals(self, n: int, tags: list[str]) -> list[float]:
        """Marginal probability of each predicted tag (call right after tag)."""
        return [self.crf.marginal(t, i) for i, t in zip(range(n), tags)] if self.crf else []
