"""Fast CRF decoding with numpy: the CRFsuite model's weights, summed once per
(word type, window offset) and cached as rows of a matrix.

CRFsuite's tagger looks up every attribute string of every token (~70 per
token); here a token costs five row indices (its own word and its ±2
neighbours) plus a few sentence-level attributes, and Viterbi runs over all
sentences of an article at once. Decoding is exact: the same first-order
model (state + transition weights, no start/end weights) as CRFsuite's.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

WEIGHTS_FILE = "weights.npz"
MAX_EXTRA = 10  # sentence-level attributes per token (b, BOS/EOS, gz, kn)


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


class Decoder:
    def __init__(self, path: Path, featuriser):
        z = np.load(path)
        attrs = str(z["attrs"]).split("\n")
        self.index = {a: i for i, a in enumerate(attrs)}
        self.w = z["w"]
        self.tr = z["tr"]
        self.labels = str(z["labels"]).split("\n")
        self.fz = featuriser
        n_lab = len(self.labels)
        # one row per word type and window offset (0, -2, -1, +1, +2); row 0 is zero
        self._m = np.zeros((5, 4096, n_lab), dtype=np.float32)
        self._id: dict[str, int] = {}

    def _vec(self, attrs) -> np.ndarray:
        get = self.index.get
        rows = [i for i in map(get, attrs) if i is not None]
        if not rows:
            return np.zeros(len(self.labels), dtype=np.float32)
        return self.w[rows].sum(axis=0)

    def _attr_vec(self, attr: str) -> np.ndarray:
        i = self.index.get(attr)
        return self.w[i] if i is not None else np.zeros(len(self.labels), dtype=np.float32)

    def _new_word(self, word: str) -> int:
        n = len(self._id) + 1
        if n >= 500_000:  # a pathological stream of new words: start over
            self._id.clear()
            n = 1
        if n >= self._m.shape[1]:
            self._m = np.concatenate([self._m, np.zeros_like(self._m)], axis=1)
        for k, off in enumerate((0, -2, -1, 1, 2)):
            self._m[k, n] = self._vec(self.fz.feats(word, off))
        self._id[word] = n
        return n

    def emissions(self, words: list[str], bounds: list[int], extras: list) -> np.ndarray:
        """Label scores (tokens × labels) of several sentences laid end to end;
        ``bounds`` are the sentence start offsets (window features stop at them),
        ``extras`` (token index, attribute) pairs for sentence-level attributes."""
        get, new = self._id.get, self._new_word
        ids = np.fromiter(((get(w) or new(w)) for w in words), dtype=np.int64, count=len(words))
        n = len(words)
        sent = np.zeros(n, dtype=np.int64)
        sent[np.array(bounds[1:], dtype=np.int64)] = 1
        sent = np.cumsum(sent)
        m = self._m
        e = m[0][ids] + self._attr_vec("b")
        for k, off in ((1, -2), (2, -1), (3, 1), (4, 2)):
            if off < 0:
                ok = (sent[-off:] == sent[:off])[:, None]
                e[-off:] += np.where(ok, m[k][ids[:off]], 0)
            else:
                ok = (sent[:-off] == sent[off:])[:, None]
                e[:-off] += np.where(ok, m[k][ids[off:]], 0)
        ends = bounds[1:] + [n]
        e[np.array(bounds)] += self._attr_vec("BOS")
        e[np.array(ends) - 1] += self._attr_vec("EOS")
        if extras:  # sentence-level attributes: most (unseen word pairs) have no weight
            get = self.index.get
            pairs = [(i, r) for i, r in ((i, get(a)) for i, a in extras) if r is not None]
            if pairs:
                tok, row = zip(*pairs)
                np.add.at(e, np.array(tok), self.w[np.array(row)])
        return e

    def viterbi_many(self, es: list[np.ndarray]) -> list[list[str]]:
        """Viterbi over several sentences at once (padded; a padded step keeps
        the score and points back to itself)."""
        if not es:
            return []
        n_lab = len(self.labels)
        lens = np.array([len(e) for e in es])
        s_n, t_n = len(es), int(lens.max())
        e = np.zeros((s_n, t_n, n_lab), dtype=np.float32)
        for k, x in enumerate(es):
            e[k, : len(x)] = x
        tr = self.tr[None, :, :]
        score = e[:, 0, :].copy()
        back = np.zeros((s_n, t_n, n_lab), dtype=np.int64)
        ident = np.arange(n_lab)
        for t in range(1, t_n):
            cand = score[:, :, None] + tr
            arg = cand.argmax(axis=1)
            new = cand.max(axis=1) + e[:, t, :]
            live = (lens > t)[:, None]
            score = np.where(live, new, score)
            back[:, t, :] = np.where(live, arg, ident)
        labels = self.labels
        out = []
        for k in range(s_n):
            best = int(score[k].argmax())
            path = [best]
            bk = back[k]
            for t in range(int(lens[k]) - 1, 0, -1):
                best = int(bk[t, best])
                path.append(best)
            out.append([labels[i] for i in reversed(path)])
        return out
