"""``tabayyun train ner anercorp_train.conll --out src/tabayyun/models/ner --seed 1``.

Trains the CRF of ``extract/ner_tagger`` on the first 90% of the sentences and
scores the last 10% (the dev split, never trained on). Word clusters (k-means
over SVD-reduced left/right neighbour counts of proclitic-stripped forms, three
granularities, like Brown-cluster prefixes) are computed from the unlabelled text
of the training split plus any ``--extra`` files, so dev text never leaks in.
With ``final=True`` the shipped model is retrained on all sentences, with the
same settings, after the dev score is measured. Deterministic for a seed.
"""

from __future__ import annotations

import json
import logging
import time
from collections import Counter
from pathlib import Path

import numpy as np

from ..evaluate.ner import read_conll, score
from ..extract.ner_decode import WEIGHTS_FILE, export
from ..extract.ner_features import Featuriser
from ..extract.ner_lexicon import lexicon
from ..extract.ner_tagger import (
    CLUSTERS_FILE, COMMON_FILE, KNOWN_FILE, MODEL_DIR, MODEL_FILE, WORDCLF_FILE, Tagger,
    load_clusters,
)
from ..evaluate.ner import spans

log = logging.getLogger(__name__)

CLUSTER_SIZES = (64, 256, 1024)


_KEEP = {"PER": "PER", "LOC": "LOC", "GPE": "LOC", "ORG": "ORG", "MISC": "MISC"}


def _map_tag(tag: str) -> str:
    """ANERcorp's tag set: PER, LOC (countries too), ORG, MISC; Wojood's other
    types (DATE, OCC, NORP, CARDINAL …) become O."""
    if tag == "O":
        return tag
    typ = _KEEP.get(tag[2:])
    return f"{tag[:2]}{typ}" if typ else "O"


def build_clusters(sentences: list[list[str]], seed: int, min_count: int = 2) -> dict:
    """word (proclitic-stripped) -> cluster ids at each granularity."""
    from scipy.sparse import csr_matrix
    from sklearn.cluster import MiniBatchKMeans
    from sklearn.decomposition import TruncatedSVD
    from sklearn.preprocessing import normalize

    fz = Featuriser(lexicon())
    seqs = [[fz.info(w)[1] for w in s] for s in sentences]
    freq = Counter(w for s in seqs for w in s)
    vocab = sorted(w for w, c in freq.items() if c >= min_count)
    index = {w: i for i, w in enumerate(vocab)}
    ctx = {w: i for i, (w, _) in enumerate(freq.most_common(3000))}
    rows, cols = [], []
    for s in seqs:
        padded = ["<s>", *s, "</s>"]
        for j in range(1, len(padded) - 1):
            r = index.get(padded[j])
            if r is None:
                continue
            for side, nb in ((0, padded[j - 1]), (1, padded[j + 1])):
                c = ctx.get(nb)
                if c is not None:
                    rows.append(r)
                    cols.append(side * len(ctx) + c)
    m = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(vocab), 2 * len(ctx)))
    m.sum_duplicates()
    m.data = np.log1p(m.data)
    dims = min(100, m.shape[1] - 1, len(vocab) - 1)
    vec = normalize(TruncatedSVD(dims, random_state=seed).fit_transform(normalize(m)))
    out: dict[str, list[str]] = {w: [] for w in vocab}
    for k in CLUSTER_SIZES:
        k = min(k, len(vocab))
        km = MiniBatchKMeans(k, random_state=seed, n_init=3, batch_size=4096).fit(vec)
        for w, lab in zip(vocab, km.labels_):
            out[w].append(str(lab))
    return out


def _write_clusters(path: Path, clusters: dict) -> None:
    lines = [f"{w}\t" + "\t".join(c) for w, c in sorted(clusters.items())]
    path.write_text("# word\tk64\tk256\tk1024\n" + "\n".join(lines) + "\n", encoding="utf-8")


def _majority(c: Counter) -> str:
    return min(c, key=lambda label: (-c[label], label))


def known_names(sents, min_count: int = 1) -> dict[str, str]:
    """Entity phrases of tagged sentences -> majority type (MISC left out)."""
    fz = Featuriser(lexicon())
    counts: dict[str, Counter] = {}
    for s in sents:
        words = [w for w, _ in s]
        for a, b, typ in sorted(spans([t for _, t in s])):
            if typ == "MISC":
                continue
            first = fz.info(words[a])[1]
            k = " ".join([first] + [fz.info(w)[0] for w in words[a + 1 : b]])
            counts.setdefault(k, Counter())[typ] += 1
    # ties are broken by label name: a set's order (hash seed) must not decide
    out = {k: _majority(c) for k, c in counts.items() if sum(c.values()) >= min_count}
    # single words that are mostly inside names of one type ("w:" keys)
    words: dict[str, Counter] = {}
    for s in sents:
        for w, t in s:
            words.setdefault(fz.info(w)[1], Counter())[t[2:] if t != "O" else "O"] += 1
    for w, c in words.items():
        typ = _majority(c)
        n = c[typ]
        if typ not in ("O", "MISC") and n >= 2 and n / sum(c.values()) >= 0.6:
            out["w:" + w] = typ
    return out


def common_words(sents, min_count: int = 3, ratio: float = 0.95) -> list[str]:
    """Words that are almost never part of a name: the "known to the lexicon"
    list behind the name-after-title rule of the entities stage."""
    fz = Featuriser(lexicon())
    seen: dict[str, list[int]] = {}
    for s in sents:
        for w, t in s:
            c = seen.setdefault(fz.info(w)[0], [0, 0])
            c[0] += 1
            c[1] += t == "O"
    return sorted(w for w, (n, o) in seen.items() if n >= min_count and o / n >= ratio)


def _write_known(path: Path, known: dict) -> None:
    lines = [f"{k}\t{v}" for k, v in sorted(known.items())]
    path.write_text("# name\ttype\n" + "\n".join(lines) + "\n", encoding="utf-8")


def to_bilou(tags: list[str]) -> list[str]:
    """BIO → BILOU: the last word of a name (L-) and one-word names (U-) get
    labels of their own, which helps the CRF close names at the right word."""
    out = []
    for i, t in enumerate(tags):
        if t == "O":
            out.append(t)
            continue
        nxt = tags[i + 1] if i + 1 < len(tags) else "O"
        last = nxt != "I-" + t[2:]
        if t.startswith("B-"):
            out.append(("U-" if last else "B-") + t[2:])
        else:
            out.append(("L-" if last else "I-") + t[2:])
    return out


def augment(sents, copies: int, seed: int):
    """Mention replacement: copies of the sentences where every name is swapped
    for another name of the same type from the same sentences. The CRF then
    cannot lean on having seen a name, and learns its context (unseen names are
    the recall gap)."""
    import random

    rng = random.Random(seed)
    pool: dict[str, list[list[str]]] = {}
    for s in sents:
        words = [w for w, _ in s]
        for a, b, typ in spans([t for _, t in s]):
            pool.setdefault(typ, []).append(words[a:b])
    out = []
    for _ in range(copies):
        for s in sents:
            found = sorted(spans([t for _, t in s]))
            if not found:
                continue
            new, pos = [], 0
            for a, b, typ in found:
                new.extend(s[pos:a])
                name = rng.choice(pool[typ])
                new.extend((w, ("B-" if k == 0 else "I-") + typ) for k, w in enumerate(name))
                pos = b
            new.extend(s[pos:])
            out.append(new)
    return out


def _word_data(sents):
    fz = Featuriser(lexicon())
    words = [fz.info(w)[1] or "_" for s in sents for w, _ in s]
    labels = [t[2:] if t != "O" else "O" for s in sents for _, t in s]
    return words, labels


def _wordclf(sents, seed: int):
    from ..extract.ner_wordclf import WordClassifier, fit

    return WordClassifier(*fit(*_word_data(sents), seed))


def _fit(sents, clusters_path: Path, model_path: Path, params: dict, folds: int = 0,
         wordclf: bool = False, seed: int = 1, bilou: bool = False, copies: int = 0,
         bigrams: bool = False, cluster_pairs: bool = False, topic_next: bool = False) -> None:
    """Train; with ``folds`` the known-names feature of each block of sentences
    comes from the other blocks only (in-fold it would be always right and the
    model would lean on it, −8 F1 measured)."""
    import pycrfsuite

    clusters = load_clusters(clusters_path)
    params = dict(params)
    trainer = pycrfsuite.Trainer(algorithm=params.pop("algorithm", "lbfgs"), verbose=False)
    blocks = [sents] if not folds else [
        sents[i * len(sents) // folds : (i + 1) * len(sents) // folds] for i in range(folds)
    ]
    for i, block in enumerate(blocks):
        known, clf = {}, None
        others = [s for j, b in enumerate(blocks) if j != i for s in b]
        if folds:
            known = known_names(others)
        if wordclf:
            clf = _wordclf(others if folds else sents, seed)
        fz = Featuriser(lexicon(), clusters, known, clf)
        fz.use_bigrams = bigrams
        fz.use_cluster_pairs = cluster_pairs
        fz.use_topic_next = topic_next
        if copies:
            block = block + augment(block, copies, seed + i)
        for s in block:
            tags = [t for _, t in s]
            trainer.append(fz.sentence([w for w, _ in s]), to_bilou(tags) if bilou else tags)
    trainer.set_params(params)
    trainer.train(str(model_path))


def train(paths: list[Path], out: Path | None, seed: int = 1, extra: str = "",
          extra_train: str = "", c1: float = 0.05, c2: float = 0.05, iterations: int = 300,
          folds: int = 5, final: bool = False, wordclf: bool = True, bilou: bool = False,
          algorithm: str = "lbfgs", augment_copies: int = 0, bigrams: bool = True,
          cluster_pairs: bool = False, topic_next: bool = False, **_) -> dict:
    t0 = time.time()
    out = Path(out) if out else MODEL_DIR
    if out.suffix == ".crfsuite":
        out = out.parent
    out.mkdir(parents=True, exist_ok=True)
    sents = [s for p in paths for s in read_conll(Path(p))]
    sents = [[(w, _map_tag(t)) for w, t in s] for s in sents]
    cut = len(sents) - len(sents) // 10
    train_s, dev_s = sents[:cut], sents[cut:]
    more = [[(w, _map_tag(t)) for w, t in s]
            for f in str(extra_train).split(",") if f for s in read_conll(Path(f))]
    unlabelled = [[w for w, _ in s] for s in train_s + more]
    for f in [x for x in str(extra).split(",") if x]:
        unlabelled.extend([w for w, _ in s] for s in read_conll(Path(f)))
    np.random.seed(seed)
    clusters = build_clusters(unlabelled, seed)
    _write_clusters(out / CLUSTERS_FILE, clusters)
    params = {"c1": float(c1), "c2": float(c2), "max_iterations": int(iterations),
              "feature.possible_transitions": True}
    if algorithm != "lbfgs":  # averaged perceptron / passive-aggressive: no c1/c2
        params = {"max_iterations": int(iterations), "feature.possible_transitions": True,
                  "algorithm": algorithm}
    (out / COMMON_FILE).write_text(
        "# word\n" + "\n".join(common_words(train_s + more)) + "\n", encoding="utf-8")
    folds = int(folds)
    if folds:
        _write_known(out / KNOWN_FILE, known_names(train_s + more))
    elif (out / KNOWN_FILE).exists():
        (out / KNOWN_FILE).unlink()
    wordclf = bool(wordclf) and str(wordclf) != "False"
    clf_path = out / WORDCLF_FILE
    if wordclf:
        _wordclf(train_s + more, seed).save(clf_path)
    elif clf_path.exists():
        clf_path.unlink()
    bilou = bool(bilou) and str(bilou) != "False"
    topic_next = str(topic_next).lower() in ("true", "1")
    _fit(train_s + more, out / CLUSTERS_FILE, out / MODEL_FILE, params, folds, wordclf, seed,
         bilou, int(augment_copies), bool(bigrams), bool(cluster_pairs), topic_next)
    export(out / MODEL_FILE, out / WEIGHTS_FILE)
    tagger = Tagger(out)
    pred = [tagger.tag_words([w for w, _ in s]) for s in dev_s]
    res = score([[t for _, t in s] for s in dev_s], pred)
    report = {"dev": res, "train_sentences": len(train_s), "dev_sentences": len(dev_s),
              "params": params, "seed": seed, "folds": folds, "extra_train": extra_train,
              "wordclf": wordclf, "bilou": bilou, "augment_copies": augment_copies,
              "bigrams": bigrams, "cluster_pairs": cluster_pairs, "topic_next": topic_next,
              "extra": extra, "clusters": len(clusters)}
    if final:  # ship a model trained on every sentence, same settings
        if folds:
            _write_known(out / KNOWN_FILE, known_names(sents + more))
        if wordclf:
            _wordclf(sents + more, seed).save(clf_path)
        _fit(sents + more, out / CLUSTERS_FILE, out / MODEL_FILE, params, folds, wordclf, seed,
             bilou, int(augment_copies), bool(bigrams), bool(cluster_pairs), topic_next)
        export(out / MODEL_FILE, out / WEIGHTS_FILE)
        report["final_trained_on"] = len(sents)
    report["seconds"] = round(time.time() - t0, 1)
    (out / "train_report.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    return report
