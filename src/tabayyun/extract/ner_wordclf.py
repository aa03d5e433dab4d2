"""A character n-gram classifier of words: how much a word, out of context,
looks like part of a person's, place's or organisation's name.

Unseen names are the recall gap of the CRF (it knows a word only if it saw it);
letters carry much of the signal ("-وف", "-يان", "غ" and "ف" in transliterations,
"ال-" in common nouns). Trained out-of-fold for the CRF's training features,
stored as hashed n-gram weights (``wordclf.npz``) and cached per word type.
The n-grams are hashed with CRC-32 (stable across runs and machines, and no
scikit-learn import at run time, which alone costs ~1 s).
"""

from __future__ import annotations

import zlib
from pathlib import Path

import numpy as np

N_FEATURES = 2**17
NGRAMS = (2, 3, 4, 5)
LABELS = ("O", "PER", "LOC", "ORG", "MISC")


def ngrams(word: str) -> tuple[np.ndarray, np.ndarray]:
    """Hashed character n-grams of " word " (indices, L2-normalised counts)."""
    w = f" {word} "
    counts: dict[int, int] = {}
    for n in NGRAMS:
        for i in range(len(w) - n + 1):
            h = zlib.crc32(w[i : i + n].encode("utf-8")) % N_FEATURES
            counts[h] = counts.get(h, 0) + 1
    if not counts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    idx = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
    val = np.fromiter(counts.values(), dtype=np.float32, count=len(counts))
    return idx, val / np.sqrt((val * val).sum())


def fit(words: list[str], labels: list[str], seed: int):
    """Weights (len(LABELS) × N_FEATURES) and intercepts of a linear classifier."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import SGDClassifier

    cache: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    rows, cols, vals = [], [], []
    for r, w in enumerate(words):
        got = cache.get(w)
        if got is None:
            got = cache[w] = ngrams(w)
        rows.append(np.full(len(got[0]), r))
        cols.append(got[0])
        vals.append(got[1])
    x = csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
                   shape=(len(words), N_FEATURES))
    y = np.array([LABELS.index(t) for t in labels])
    clf = SGDClassifier(loss="log_loss", alpha=2e-6, max_iter=15, tol=None, random_state=seed)
    clf.fit(x, y)
    coef = np.zeros((len(LABELS), N_FEATURES), dtype=np.float32)
    icpt = np.zeros(len(LABELS), dtype=np.float32)
    for row, cls in enumerate(clf.classes_):
        coef[cls] = clf.coef_[row]
        icpt[cls] = clf.intercept_[row]
    return coef, icpt


class WordClassifier:
    def __init__(self, coef: np.ndarray, icpt: np.ndarray):
        self.coef_t = np.ascontiguousarray(coef.T.astype(np.float32))  # features × labels
        self.icpt = icpt.astype(np.float32)

    @classmethod
    def load(cls, path: Path) -> WordClassifier | None:
        if not path.exists():
            return None
        z = np.load(path)
        return cls(z["coef"], z["icpt"])

    def save(self, path: Path) -> None:
        np.savez_compressed(path, coef=self.coef_t.T.astype(np.float16), icpt=self.icpt)

    def features(self, words: list[str]) -> list[tuple[str, ...]]:
        """Per word: ("wcb=PER3", "wc=PER") — the best non-O label with its
        probability bucket, and the label alone when it is likely enough."""
        out = []
        for word in words:
            idx, val = ngrams(word)
            s = val @ self.coef_t[idx] + self.icpt
            s = np.exp(s - s.max())
            p = s / s.sum()
            k = int(np.argmax(p[1:])) + 1
            feats = (f"wcb={LABELS[k]}{min(int(p[k] * 5), 4)}",)
            if p[k] > 0.4:
                feats = feats + (f"wc={LABELS[k]}",)
            out.append(feats)
        return out
