"""Per-article pipeline throughput, stage by stage, on the seed articles replicated.

    python benchmarks/bench_pipeline.py [--n 2000]

Prints articles/s/core for ingest (decode + clean + language + hash) and for each
stage of the default pipeline, then for the whole per-article pipeline.
"""

from __future__ import annotations

import argparse
import platform
import resource
import time
from collections import defaultdict

from tabayyun.cli import example_dir
from tabayyun.extract import default_stages
from tabayyun.ingest.build import make_article
from tabayyun.ingest.decode import decode
from tabayyun.model import Meta


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=2000)
    args = ap.parse_args()
    seeds = [p.read_bytes() for p in sorted(example_dir().glob("*.txt"))]
    docs = [seeds[i % len(seeds)] + f"\nنسخة رقم {i}.".encode() for i in range(args.n)]
    stages = default_stages()
    for d in docs[:20]:  # warm-up: lazy loads, caches
        a = make_article(decode(d, "w")[0], Meta(source="w"))
        for st in stages:
            a = st(a)

    spent: dict[str, float] = defaultdict(float)
    t_all = time.perf_counter()
    for i, d in enumerate(docs):
        t0 = time.perf_counter()
        a = make_article(decode(d, f"doc{i}")[0], Meta(source=f"doc{i}"))
        spent["ingest"] += time.perf_counter() - t0
        for st in stages:
            t0 = time.perf_counter()
            a = st(a)
            spent[st.name] += time.perf_counter() - t0
    total = time.perf_counter() - t_all
    print(f"machine: {platform.machine()}, Python {platform.python_version()}, one process")
    print(f"{'stage':<14}{'ms/article':>12}{'articles/s':>12}")
    for name, s in spent.items():
        print(f"{name:<14}{1000 * s / args.n:>12.3f}{args.n / s:>12,.0f}")
    print(f"{'whole':<14}{1000 * total / args.n:>12.3f}{args.n / total:>12,.0f}")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
