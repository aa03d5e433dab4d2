"""Throughput of the entities stage (and the link stage) on the seed articles.

    python benchmarks/bench_ner.py [--repeat 40]

Prints model load time, model size, and tokens/s and articles/s per core for
the entities stage: cold (first pass, empty per-word-type caches) and warm
(the seed replicated, as the pipeline sees a stream of same-story articles).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from tabayyun.extract.segment import segment
from tabayyun.ingest.build import make_article

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "src" / "tabayyun" / "examples" / "karabakh-2023"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=40)
    args = ap.parse_args()

    from tabayyun.extract import ner_tagger

    t0 = time.perf_counter()
    tagger = ner_tagger.Tagger()
    from tabayyun.extract.entities import Recogniser

    rec = Recogniser(tagger)
    load = time.perf_counter() - t0
    size = sum(p.stat().st_size for p in ner_tagger.MODEL_DIR.glob("*") if p.is_file())

    articles = [segment(make_article(p.read_text(encoding="utf-8")))
                for p in sorted(EXAMPLES.glob("*.txt"))]
    tokens = sum(len(a.tokens) for a in articles)

    t0 = time.perf_counter()
    done = [rec(a) for a in articles]
    cold = time.perf_counter() - t0

    t0 = time.perf_counter()
    for _ in range(args.repeat):
        for a in articles:
            rec(a)
    warm = time.perf_counter() - t0
    n = args.repeat * len(articles)

    from tabayyun.compare.link import link
    from tabayyun.model import Dossier

    t0 = time.perf_counter()
    for _ in range(10):
        link(Dossier(articles=tuple(done)))
    link_ms = (time.perf_counter() - t0) / 10 * 1000

    print(f"model load (tagger + lexicons): {load * 1000:.0f} ms; model dir size {size / 1e6:.1f} MB")
    print(f"seed: {len(articles)} articles, {tokens} tokens ({tokens / len(articles):.0f} per article)")
    print(f"cold: {tokens / cold:,.0f} tokens/s, {len(articles) / cold:,.0f} articles/s")
    print(f"warm: {tokens * args.repeat / warm:,.0f} tokens/s, {n / warm:,.0f} articles/s, "
          f"{warm / n * 1000:.2f} ms per article")
    print(f"link stage on the 5-article story: {link_ms:.1f} ms")


if __name__ == "__main__":
    main()
