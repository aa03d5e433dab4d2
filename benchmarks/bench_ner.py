"""Throughput of the entities stage (and the link stage) on the seed articles.

    python benchmarks/bench_ner.py [--repeat 40] [--ner accurate]

Prints model load time, model size, and per-core throughput of the entities
stage: cold (first pass, every word type new: features and weight rows are
built once per type), warm (the seed replicated, as the pipeline sees a stream
of same-story articles), and the cost of one new word type. Times are wall
clock and CPU time of this process; on a shared machine the CPU time is the
steadier of the two.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from tabayyun.extract.segment import segment
from tabayyun.ingest.build import make_article

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "src" / "tabayyun" / "examples" / "karabakh-2023"


def _timed(fn, *args):
    w0, c0 = time.perf_counter(), time.process_time()
    out = fn(*args)
    return out, time.perf_counter() - w0, time.process_time() - c0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=40)
    ap.add_argument("--ner", choices=("fast", "accurate"), default="fast",
                    help="accurate: the fine-tuned encoder (use --repeat 1: ~1 s per article)")
    args = ap.parse_args()

    from tabayyun.extract import ner_encoder, ner_tagger
    from tabayyun.extract.entities import Recogniser

    def load():
        enc = ner_encoder.EncoderTagger() if args.ner == "accurate" else None
        return Recogniser(ner_tagger.Tagger(), encoder=enc)

    rec, load_wall, load_cpu = _timed(load)
    folder = ner_encoder.MODEL_DIR if args.ner == "accurate" else ner_tagger.MODEL_DIR
    size = sum(p.stat().st_size for p in folder.glob("*") if p.is_file())

    articles = [segment(make_article(p.read_text(encoding="utf-8")))
                for p in sorted(EXAMPLES.glob("*.txt"))]
    tokens = sum(len(a.tokens) for a in articles)
    n_art = len(articles)

    done, cold_wall, cold_cpu = _timed(lambda: [rec(a) for a in articles])
    types = len(getattr(rec.tagger.decoder, "norm", ())) - 1

    def warm_pass():
        for _ in range(args.repeat):
            for a in articles:
                rec(a)

    _, warm_wall, warm_cpu = _timed(warm_pass)
    n = args.repeat * n_art

    # one new word type per article (a number, a new name): the cold path's unit cost
    fresh = [segment(make_article(a.text + f"\nقال المراسل زيد{i}.")) for i, a in
             enumerate(articles * (8 if args.ner == "fast" else 1))]
    _, new_wall, new_cpu = _timed(lambda: [rec(a) for a in fresh])

    from tabayyun.compare.link import link
    from tabayyun.model import Dossier

    t0 = time.perf_counter()
    for _ in range(10):
        link(Dossier(articles=tuple(done)))
    link_ms = (time.perf_counter() - t0) / 10 * 1000

    print(f"model load (tagger + lexicons): {load_wall * 1000:.0f} ms wall, {load_cpu * 1000:.0f} ms CPU;"
          f" model dir size {size / 1e6:.1f} MB")
    print(f"seed: {n_art} articles, {tokens} tokens ({tokens / n_art:.0f} per article)"
          + (f", {types} word types" if types > 0 else ""))
    for name, wall, cpu, count, toks in (
        ("cold", cold_wall, cold_cpu, n_art, tokens),
        ("warm", warm_wall, warm_cpu, n, tokens * args.repeat),
        ("warm + 1 new type/article", new_wall, new_cpu, len(fresh), sum(len(a.tokens) for a in fresh)),
    ):
        print(f"{name}: {wall / count * 1000:.2f} ms/article wall ({toks / wall:,.0f} tokens/s), "
              f"{cpu / count * 1000:.2f} ms/article CPU ({toks / cpu:,.0f} tokens/s)")
    print(f"link stage on the 5-article story: {link_ms:.1f} ms")


if __name__ == "__main__":
    main()
