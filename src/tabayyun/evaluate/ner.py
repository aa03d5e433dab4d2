"""``tabayyun eval ner GOLD.conll``: entity-level exact-span P/R/F1.

Gold is CoNLL BIO, one ``token<TAB>tag`` (or ``token tag``) per line, a blank
line between sentences; extra columns after the tag are ignored. ``PERS`` and
``PER`` are the same type; ``MISC`` (and AQMAR's ``MIS*``) is ignored unless
``include_misc=True``. The shipped tagger predicts on the gold tokens; GPE
predictions count as LOC when the gold has no GPE (ANERcorp marks countries LOC).
"""

from __future__ import annotations

import logging
from pathlib import Path

from . import EvalResult, prf

log = logging.getLogger(__name__)

_TYPE_ALIASES = {"PERS": "PER", "PERSON": "PER", "LOCATION": "LOC", "ORGANIZATION": "ORG"}


def norm_tag(tag: str) -> str:
    tag = tag.strip() or "O"
    if tag == "O" or "-" not in tag:
        return "O"
    bio, _, typ = tag.partition("-")
    typ = typ.upper()
    typ = _TYPE_ALIASES.get(typ, typ)
    if typ.startswith("MIS"):
        typ = "MISC"
    return f"{bio.upper()}-{typ}"


def read_conll(path: Path) -> list[list[tuple[str, str]]]:
    """Sentences of (token, normalised tag); bad lines are skipped, not fatal."""
    sents: list[list[tuple[str, str]]] = []
    cur: list[tuple[str, str]] = []
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip():
                if cur:
                    sents.append(cur)
                    cur = []
                continue
            if line.startswith("#") and "\t" not in line:
                continue
            parts = line.split("\t") if "\t" in line else line.split()
            if len(parts) < 2:
                parts = [parts[0], "O"]
            cur.append((parts[0], norm_tag(parts[1])))
    if cur:
        sents.append(cur)
    return sents


def spans(tags: list[str]) -> set[tuple[int, int, str]]:
    """Entity spans (start, end, type) from BIO tags; an I- that does not
    continue an entity of its type starts one (as conlleval does)."""
    out = set()
    start, typ = None, None
    for i, tag in enumerate([*tags, "O"]):
        bio, _, t = tag.partition("-")
        if start is not None and (bio != "I" or t != typ):
            out.add((start, i, typ))
            start, typ = None, None
        if bio in ("B", "I") and start is None:
            start, typ = i, t
    return out


def score(gold: list[list[str]], pred: list[list[str]], include_misc: bool = False) -> dict:
    """Micro and per-type counts over parallel tag sequences."""
    has_gpe = any(t.endswith("-GPE") for seq in gold for t in seq)
    gold_types = {t[2:] for seq in gold for t in seq if t != "O"}
    counts: dict[str, list[int]] = {}
    for g_tags, p_tags in zip(gold, pred):
        if not has_gpe:
            p_tags = [t.replace("-GPE", "-LOC") for t in p_tags]
        g, p = spans(g_tags), spans(p_tags)
        p = {s for s in p if s[2] in gold_types}  # a type the gold never marks is not scored
        if not include_misc:
            g = {s for s in g if s[2] != "MISC"}
            p = {s for s in p if s[2] != "MISC"}
        for s in g | p:
            c = counts.setdefault(s[2], [0, 0, 0])
            if s in g and s in p:
                c[0] += 1
            elif s in p:
                c[1] += 1
            else:
                c[2] += 1
    tp, fp, fn = (sum(c[i] for c in counts.values()) for i in range(3))
    return {"micro": prf(tp, fp, fn), "by": {t: prf(*c) for t, c in sorted(counts.items())}}


def evaluate(path: Path, include_misc: bool = False, model: str | None = None,
             crf_only: bool = False, doc: int = 1, ministries: bool = False, dev: bool = False,
             ner: str = "fast",
             **_) -> EvalResult:
    """Score the entities stage (CRF + gazetteer + rules) on gold tokens, or the
    CRF alone with ``crf_only=True``. ``doc=N`` reads runs of N consecutive
    sentences as one article (the stage's document repeats then apply).
    Ministry mentions ("وزارة الدفاع الأذربيجانية", ORG in this project) are
    left out unless ``ministries=True``: ANERcorp marks them O. ``dev=True``
    scores only the last 10 % of the sentences, the dev split ``tabayyun train
    ner`` holds out (the same cut). ``ner=accurate`` scores the fine-tuned
    encoder (alone with ``crf_only=True``, as the tagger the stage would use
    otherwise)."""
    from ..extract.entities import Recogniser, load_tagger

    accurate = str(ner).lower() == "accurate"
    tagger = load_tagger(Path(model) if model and not accurate else None)
    encoder = None
    if accurate:
        from ..extract.ner_encoder import MODEL_DIR, load_encoder

        encoder = load_encoder(Path(model) if model else MODEL_DIR)
    sents = read_conll(Path(path))
    if str(dev).lower() not in ("false", "0", ""):
        sents = sents[len(sents) - len(sents) // 10 :]
    gold = [[t for _, t in s] for s in sents]
    words = [[w for w, _ in s] for s in sents]
    crf_only = str(crf_only).lower() in ("true", "1")
    if crf_only:
        pred = encoder.tag_sentences(words) if encoder else tagger.tag_sentences(words)[0]
    else:
        keep = str(ministries).lower() not in ("false", "0", "")
        rec, n = Recogniser(tagger, ministries=keep, encoder=encoder), max(1, int(doc))
        pred = [tags for i in range(0, len(words), n) for tags in rec.tag_document(words[i : i + n])]
    res = score(gold, pred, include_misc=bool(include_misc))
    metrics = dict(res["micro"])
    metrics["n"] = sum(len(s) for s in sents)
    metrics["sentences"] = len(sents)
    return EvalResult(
        kind="ner",
        metrics=metrics,
        rows=tuple(res["by"].items()),
        notes=("entity-level exact span; MISC " + ("scored" if include_misc else "ignored"),
               "tagger: " + (("encoder" if encoder else "CRF") + " only" if crf_only else
                             f"entities stage ({'encoder' if encoder else 'CRF'} + gazetteer + rules), "
                             f"{max(1, int(doc))} sentence(s) per document")),
    )
