"""A character n-gram classifier of words: how much a word, out of context,
looks like part of a person's, place's or organisation's name.

Unseen names are the recall gap of the CRF (it knows a word only if it saw it);
letters carry much of the signal ("-وف", "-يان", "غ" and "ف" in transliterations,
"ال-" in common nouns). Trained out-of-fold for the CRF's training features,
stored as hashed n-gram weights (``wordclf.npz``) and cached per word type.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

N_FEATURES = 2**17
NGRAMS = (2, 5)
LABELS = ("O", "PER", "LOC", "ORG", "MISC")


def vectoriser():
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(analyzer="char_wb", ngram_range=NGRAMS, n_features=N_FEATURES,
                             alternate_sign=False, norm="l2", lowercase=False)


def fit(words: list[str], labels: list[str], seed: int):
    """Weights (len(LABELS) × N_FEATURES) and intercepts of a linear classifier."""
    from sklearn.linear_model import SGDClassifier

    x = vectoriser().transform(words)
    y = np.array([LABELS.index(t) for t in labels])
    clf = SGDClassifier(loss="log_loss", alpha=2e-6, max_iter=15, tol=None,
                        random_state=seed, class_weight=None)
    clf.fit(x, y)
    coef = np.zeros((len(LABELS), N_FEATURES), dtype=np.float32)
    icpt = np.zeros(len(LABELS), dtype=np.float32)
    for row, cls in enumerate(clf.classes_):
        coef[cls] = clf.coef_[row]
        icpt[cls] = clf.intercept_[row]
    return coef, icpt


class WordClassifier:
    def __init__(self, coef: np.ndarray, icpt: np.ndarray):
        self.coef = coef
        self.icpt = icpt
        self.vec = vectoriser()

    @classmethod
    def load(cls, path: Path) -> WordClassifier | None:
        if not path.exists():
            return None
        z = np.load(path)
        return cls(z["coef"].astype(np.float32), z["icpt"])

    def save(self, path: Path) -> None:
        np.savez_compressed(path, coef=self.coef.astype(np.float16), icpt=self.icpt)

    def features(self, words: list[str]) -> list[tuple[str, ...]]:
        """Per word: ("wc=PER", "wcb=PER3") — the best non-O label if it is
        likely enough, with its probability bucket."""
        if not words:
            return []
        x = self.vec.transform(words)
        scores = np.asarray(x @ self.coef.T) + self.icpt
        scores -= scores.max(axis=1, keepdims=True)
        p = np.exp(scores)
        p /= p.sum(axis=1, keepdims=True)
        out = []
        for row in p:
            k = int(np.argmax(row[1:])) + 1
            b = int(row[k] * 5)  # 0..4 (5 only at exactly 1.0)
            feats = (f"wcb={LABELS[k]}{min(b, 4)}",)
            if row[k] > 0.4:
                feats = feats + (f"wc={LABELS[k]}",)
            out.append(feats)
        return out
