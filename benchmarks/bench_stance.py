"""Speed of the stance classifier and of the contradictions stage.

    python benchmarks/bench_stance.py [--pairs 2000] [--sizes 1000 10000]

1. pairs/s of ``compare.stance`` on ANS-like pairs (the bundled dev sample).
2. the stage's cost on N replicated seed articles (the five Karabakh articles
   analysed once, then copied under new ids without ``duplicate_of`` so nothing
   is skipped): candidate pairs and seconds, to show near-linear growth.
"""

from __future__ import annotations

import argparse
import csv
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def bench_pairs(n: int) -> None:
    from tabayyun.compare.stance import model

    with open(ROOT / "tests/data/ans_stance_dev_sample.csv", encoding="utf-8", newline="") as fh:
        rows = [(r["s1"], r["s2"]) for r in csv.DictReader(fh)]
    m = model()
    m.predict(*rows[0])  # load
    pairs = (rows * (n // len(rows) + 1))[:n]
    t = time.perf_counter()
    for a, b in pairs:
        m.predict(a, b)
    dt = time.perf_counter() - t
    print(f"classifier: {n} pairs in {dt:.2f} s = {n / dt:,.0f} pairs/s (features + score, text in)")


def bench_stage(sizes: list[int]) -> None:
    from tabayyun.api import analyse
    from tabayyun.compare.contradictions import find

    seed = analyse([str(ROOT / "src/tabayyun/examples/karabakh-2023")])
    base = [a for a in seed.articles if a.duplicate_of is None]
    for n in sizes:
        arts = tuple(replace(a, id=f"{a.id}-{k}") for k in range(n // len(base) + 1) for a in base)[:n]
        d = replace(seed, articles=arts, contradictions=())
        t = time.perf_counter()
        found, pairs = find(d)
        dt = time.perf_counter() - t
        print(f"stage: {n:>6} articles: {pairs:>8,} pairs scored, {len(found):>6,} contradictions, "
              f"{dt:6.1f} s = {1000 * dt / n:.2f} ms/article")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pairs", type=int, default=2000)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    args = ap.parse_args()
    bench_pairs(args.pairs)
    bench_stage(args.sizes)


if __name__ == "__main__":
    main()
