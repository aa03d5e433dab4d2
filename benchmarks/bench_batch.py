"""Dask speed-up: the batch runner on N seed-sized articles with 1 and 2 local
workers (and the single-process reference).

    python benchmarks/bench_batch.py [--n 2000]

Articles are the five seeds and the 189 clustering-gold articles (40 stories),
each with a varying line appended (so none is an exact duplicate): a day with
many stories, so the per-story dossiers can spread over workers too. Prints
wall seconds per phase and articles/s for each run."""

from __future__ import annotations

import argparse
import json
import platform
import tempfile
import time
from pathlib import Path

from tabayyun.cli import example_dir
from tabayyun.scale.batch import run_batch


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--runs", default="single,1,2")
    args = ap.parse_args()
    seeds = [p.read_text("utf-8") for p in sorted(example_dir().glob("*.txt"))]
    gold = Path(__file__).resolve().parent.parent / "tests" / "data" / "clusters_articles.jsonl"
    if gold.exists():
        seeds += [json.loads(x)["text"] for x in gold.read_text("utf-8").splitlines() if x.strip()]
    tmp = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    src = tmp / "day.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for i in range(args.n):
            fh.write(json.dumps({"id": f"a{i}", "text": seeds[i % len(seeds)] + f"\nنسخة رقم {i}."},
                                ensure_ascii=False) + "\n")
    print(f"machine: {platform.machine()}, Python {platform.python_version()}; {args.n} articles")
    print(f"{'run':<10}{'wall s':>8}{'art/s':>8}  phases")
    for run in args.runs.split(","):
        sched, workers = ("single", None) if run == "single" else (None, int(run))
        t = time.perf_counter()
        res = run_batch([str(src)], tmp / f"out-{run}", scheduler=sched, workers=workers, reports=False,
                        blocksize=256 << 10)
        wall = time.perf_counter() - t
        phases = ", ".join(f"{k} {v:.1f}" for k, v in res.seconds.items())
        label = "single" if run == "single" else f"{run} worker" + ("s" if run != "1" else "")
        print(f"{label:<10}{wall:>8.1f}{res.articles / wall:>8.0f}  {phases}; {len(res.stories)} stories")


if __name__ == "__main__":
    main()
