"""Sentence-pair stance: do two sentences agree, disagree (cannot both hold), or
neither?

A multinomial logistic model over hashed pair features (``stance_features``),
trained on ANS (``tabayyun train stance``) and shipped as numpy weights, so
scoring a pair is a sparse dot product: no scikit-learn at run time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from .stance_features import DIM, Side, Signals, feature_names, indices, side, signals

MODEL_DIR = Path(str(resources.files("tabayyun").joinpath("models/stance")))
WEIGHTS_FILE = "stance.npz"
LABELS = ("agree", "disagree", "other")


@dataclass(frozen=True)
class Prediction:
    label: str
    probs: dict[str, float]
    signals: Signals

    @property
    def disagree(self) -> float:
        return self.probs.get("disagree", 0.0)


class StanceModel:
    """Weights of a linear model: ``labels``, ``bias`` (L,) and a dense (L, DIM)
    matrix rebuilt from the sparse columns stored in the ``.npz``."""

    def __init__(self, path: Path | str | None = None):
        path = Path(path) if path else MODEL_DIR / WEIGHTS_FILE
        if path.is_dir():
            path = path / WEIGHTS_FILE
        with np.load(path, allow_pickle=False) as z:
            self.labels = tuple(str(x) for x in z["labels"])
            self.bias = z["bias"].astype(np.float64)
            cols, vals = z["cols"], z["weights"]
            if int(z["dim"]) != DIM:
                raise ValueError(f"stance model {path} was built for {int(z['dim'])} features, code uses {DIM}")
        self.weights = np.zeros((DIM, len(self.labels)), dtype=np.float32)
        self.weights[cols] = vals.T

    @classmethod
    def from_arrays(cls, labels, bias, cols, weights) -> StanceModel:
        self = cls.__new__(cls)
        self.labels = tuple(labels)
        self.bias = np.asarray(bias, dtype=np.float64)
        self.weights = np.zeros((DIM, len(self.labels)), dtype=np.float32)
        self.weights[np.asarray(cols)] = np.asarray(weights).T
        return self

    def save(self, path: Path, meta: dict | None = None) -> Path:
        path = Path(path)
        if path.suffix != ".npz":
            path.mkdir(parents=True, exist_ok=True)
            path = path / WEIGHTS_FILE
        cols = np.flatnonzero(np.abs(self.weights).sum(axis=1) > 1e-6).astype(np.int32)
        np.savez_compressed(
            path, labels=np.array(self.labels), bias=self.bias.astype(np.float32), cols=cols,
            weights=self.weights[cols].T.astype(np.float32), dim=np.array(DIM),
            meta=np.array(json.dumps(meta or {}, ensure_ascii=False)),
        )
        return path

    def probs_of(self, names: list[str]) -> dict[str, float]:
        idx = indices(names)
        cols = np.fromiter(idx.keys(), dtype=np.int64, count=len(idx))
        vals = np.fromiter(idx.values(), dtype=np.float64, count=len(idx))
        z = self.bias + vals @ self.weights[cols]
        z = np.exp(z - z.max())
        p = z / z.sum()
        return {lab: float(v) for lab, v in zip(self.labels, p)}

    def predict_sides(self, a: Side, b: Side) -> Prediction:
        sig = signals(a, b)
        probs = self.probs_of(feature_names(a, b, sig))
        label = max(probs, key=probs.get)
        return Prediction(label, probs, sig)

    def predict(self, s1: str, s2: str) -> Prediction:
        """Stance of ``s2`` towards ``s1``. Empty or non-text input gives a
        prediction all the same (the bias), never an exception."""
        return self.predict_sides(side(s1 or ""), side(s2 or ""))


@lru_cache(maxsize=4)
def model(path: str | None = None) -> StanceModel:
    return StanceModel(path)


def predict(s1: str, s2: str) -> Prediction:
    return model().predict(s1, s2)


