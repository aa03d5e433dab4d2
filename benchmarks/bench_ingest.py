"""Ingestion + text-layer throughput on the seed articles replicated.

Measures, single process (one core): bytes -> decode -> clean -> language id ->
content hash -> Article -> segment (sentences, tokens, quotes). Each copy gets a
unique last line so ids differ, as real articles would.

    python benchmarks/bench_ingest.py [--n 10000]
"""

from __future__ import annotations

import argparse
import platform
import time
import resource

from tabayyun.cli import example_dir
from tabayyun.extract.segment import segment
from tabayyun.ingest.build import make_article
from tabayyun.ingest.decode import decode
from tabayyun.model import Meta


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000)
    args = ap.parse_args()
    seeds = [p.read_bytes() for p in sorted(example_dir().glob("*.txt"))]
    docs = [seeds[i % len(seeds)] + f"\nنسخة رقم {i}.".encode() for i in range(args.n)]
    chars = sum(len(d.decode()) for d in docs[:5]) / 5

    for d in docs[:50]:  # warm caches and lazy imports
        segment(make_article(decode(d, "w")[0], Meta(source="w")))

    t0 = time.perf_counter()
    tokens = 0
    for i, d in enumerate(docs):
        text, _ = decode(d, f"doc{i}")
        a = segment(make_article(text, Meta(source=f"doc{i}")))
        tokens += len(a.tokens)
    dt = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}")
    print(f"articles: {args.n} (mean {chars:.0f} chars), tokens: {tokens}")
    print(f"ingest + text layer: {args.n / dt:,.0f} articles/s on one core ({tokens / dt:,.0f} tokens/s)")
    print(f"peak RSS: {peak / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
