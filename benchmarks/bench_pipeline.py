"""Per-article pipeline throughput, stage by stage, on the seed articles replicated.

    python benchmarks/bench_pipeline.py [--n 2000] [--cpu] [--repeat 3] [--skip entities]

Prints articles/s/core for ingest (decode + clean + language + hash) and for each
stage of the default pipeline, then for the whole per-article pipeline.
``--cpu`` measures CPU time of this process (``time.process_time``) instead of
wall-clock time, which is what to compare on a shared, busy machine; with
``--repeat`` each figure is the best of that many runs.
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


def one_run(docs, stages, clock) -> tuple[dict[str, float], float]:
    spent: dict[str, float] = defaultdict(float)
    t_all = clock()
    for i, d in enumerate(docs):
        t0 = clock()
        a = make_article(decode(d, f"doc{i}")[0], Meta(source=f"doc{i}"))
        spent["ingest"] += clock() - t0
        for st in stages:
            t0 = clock()
            a = st(a)
            spent[st.name] += clock() - t0
    return spent, clock() - t_all


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--cpu", action="store_true", help="CPU time (process_time), not wall-clock")
    ap.add_argument("--repeat", type=int, default=1, help="best of this many runs")
    ap.add_argument("--skip", action="append", default=[], help="a stage to leave out (repeatable)")
    args = ap.parse_args()
    seeds = [p.read_bytes() for p in sorted(example_dir().glob("*.txt"))]
    docs = [seeds[i % len(seeds)] + f"\nنسخة رقم {i}.".encode() for i in range(args.n)]
    stages = [s for s in default_stages() if s.name not in args.skip]
    for d in docs[:20]:  # warm-up: lazy loads, caches
        a = make_article(decode(d, "w")[0], Meta(source="w"))
        for st in stages:
            a = st(a)

    clock = time.process_time if args.cpu else time.perf_counter
    best: dict[str, float] = {}
    total = float("inf")
    for _ in range(args.repeat):
        spent, t = one_run(docs, stages, clock)
        for k, v in spent.items():
            best[k] = min(best.get(k, v), v)
        total = min(total, t)
    print(f"machine: {platform.machine()}, Python {platform.python_version()}, one process, "
          f"{'CPU' if args.cpu else 'wall-clock'} time, best of {args.repeat}")
    if args.skip:
        print(f"left out: {', '.join(args.skip)}")
    print(f"{'stage':<14}{'ms/article':>12}{'articles/s':>12}")
    for name, s in best.items():
        print(f"{name:<14}{1000 * s / args.n:>12.3f}{args.n / s:>12,.0f}")
    stage_sum = sum(best.values())
    print(f"{'sum of stages':<14}{1000 * stage_sum / args.n:>12.3f}{args.n / stage_sum:>12,.0f}")
    print(f"{'whole':<14}{1000 * total / args.n:>12.3f}{args.n / total:>12,.0f}")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
