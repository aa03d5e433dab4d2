"""``tabayyun train stance ans_stance_train.csv [ans_stance_dev.csv] --seed 1``.

Trains the pair classifier of ``compare/stance`` on the first file (CSV with
columns ``s1,s2,stance``; stance agree / disagree / other), reports 5-fold
cross-validation on it (so the dev score is not the only, tuned-on figure) and,
when a second file is given, the score on it. The shipped weights are fitted on
the first file only. Multinomial logistic regression (scikit-learn, L-BFGS) on
the hashed features; deterministic for a given seed and data.
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

import numpy as np

from ..compare.stance import MODEL_DIR, StanceModel
from ..compare.stance_features import DIM, feature_names, indices, side
from ..evaluate.stance import read_pairs, scores

log = logging.getLogger(__name__)

C = 1.0  # tuned on ANS dev among 0.1 / 0.3 / 1 (see the model card)


def matrix(pairs: list[tuple[str, str, str]]):
    from scipy.sparse import csr_matrix

    data, cols, ptr = [], [], [0]
    for s1, s2, _ in pairs:
        for i, v in indices(feature_names(side(s1), side(s2))).items():
            cols.append(i)
            data.append(v)
        ptr.append(len(cols))
    return csr_matrix((np.array(data, dtype=np.float64), np.array(cols, dtype=np.int64), np.array(ptr)),
                      shape=(len(pairs), DIM))


def fit(x, y, seed: int, c: float = C) -> StanceModel:
    from sklearn.linear_model import LogisticRegression

    active = np.unique(x.indices)  # fit on used columns only: L-BFGS is ~5x faster
    clf = LogisticRegression(C=c, max_iter=5000, class_weight="balanced", random_state=seed)
    clf.fit(x[:, active], y)
    coef = clf.coef_
    if coef.shape[0] == 1:  # two classes: sklearn gives one row; make it softmax-shaped
        coef = np.vstack([-coef / 2, coef / 2])
        bias = np.array([-clf.intercept_[0] / 2, clf.intercept_[0] / 2])
    else:
        bias = clf.intercept_
    keep = np.abs(coef).sum(axis=0) > 1e-6
    return StanceModel.from_arrays([str(c) for c in clf.classes_], bias, active[keep], coef[:, keep])


def _predict(model: StanceModel, pairs) -> list[str]:
    return [model.predict(s1, s2).label for s1, s2, _ in pairs]


def cross_validate(pairs, seed: int, folds: int = 5, c: float = C) -> dict:
    from sklearn.model_selection import StratifiedKFold

    y = np.array([p[2] for p in pairs])
    x = matrix(pairs)
    pred = np.empty(len(pairs), dtype=object)
    for tr, te in StratifiedKFold(folds, shuffle=True, random_state=seed).split(x, y):
        m = fit(x[tr], y[tr], seed, c)
        pred[te] = _predict(m, [pairs[i] for i in te])
    return scores(list(y), list(pred))


def train(paths: list[Path], out: Path | None, seed: int, **options) -> dict:
    if not paths:
        raise ValueError("stance training needs a CSV with columns s1,s2,stance")
    c = float(options.get("C", C))
    folds = int(options.get("folds", 5))
    t0 = time.perf_counter()
    pairs = read_pairs(paths[0])
    y = np.array([p[2] for p in pairs])
    report: dict = {"train": Path(paths[0]).name, "n_train": len(pairs), "seed": seed, "C": c,
                    "features": f"hashed 2^{DIM.bit_length() - 1}", "model": "multinomial logistic regression, balanced"}
    if folds > 1:
        cv = cross_validate(pairs, seed, folds, c)
        report["cv"] = {"folds": folds, **{k: v for k, v in cv.items() if k != "by"}}
        log.info("cv macro-F1 %.4f", cv["macro_f1"])
    model = fit(matrix(pairs), y, seed, c)
    for extra in paths[1:]:
        held = read_pairs(extra)
        s = scores([p[2] for p in held], _predict(model, held))
        report.setdefault("eval", {})[Path(extra).name] = {k: v for k, v in s.items() if k != "by"} | {"by": s["by"]}
    dest = Path(out) if out else MODEL_DIR
    path = model.save(dest, report)
    report["seconds"] = round(time.perf_counter() - t0, 1)
    (path.parent / "train_report.json").write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", "utf-8")
    report["written"] = str(path)
    return report
