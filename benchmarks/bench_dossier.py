"""Cost of the dossier stages (timeline, summary) and of rendering (HTML, Markdown)
at N articles: the five seeds analysed once, then replicated as distinct articles
(new ids and outlets, so nothing is merged as a copy).

Usage: python benchmarks/bench_dossier.py [N ...]   (default: 5 100 1000)
Not a test: numbers depend on the machine and its load."""

from __future__ import annotations

import sys
import time
from dataclasses import replace
from pathlib import Path

import tabayyun
from tabayyun.compare.sources import source_rows
from tabayyun.compare.figures import figures
from tabayyun.compare.summary import summary
from tabayyun.compare.timeline import timeline
from tabayyun.report.html import to_html
from tabayyun.report.markdown import to_markdown

SEEDS = Path(tabayyun.__file__).parent / "examples" / "karabakh-2023"


def scaled(base, n: int):
    arts = []
    for i in range(n):
        a = base.articles[i % len(base.articles)]
        meta = replace(a.meta, outlet=f"outlet-{i:04d}", source=f"{a.meta.source}#{i}")
        arts.append(replace(a, id=f"{a.id[:10]}{i:06d}", meta=meta, duplicate_of=None))
    d = replace(base, articles=tuple(arts), timeline=(), summary=(), notes=())
    d = replace(d, sources=source_rows(d, {}))
    return figures(d)


def timed(fn, *args):
    t = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - t


def main(sizes):
    t = time.perf_counter()
    base = tabayyun.analyse(sorted(SEEDS.glob("*.txt")))
    print(f"analyse 5 seeds (incl. model load): {time.perf_counter() - t:.2f} s")
    print(f"{'articles':>8} {'timeline':>9} {'summary':>9} {'html':>9} {'markdown':>9}  events")
    for n in sizes:
        d = scaled(base, n)
        d, t_tl = timed(timeline, d)
        d, t_sm = timed(summary, d)
        _, t_html = timed(to_html, d)
        _, t_md = timed(to_markdown, d)
        print(f"{n:>8} {t_tl:>8.3f}s {t_sm:>8.3f}s {t_html:>8.3f}s {t_md:>8.3f}s  {len(d.timeline)}")


if __name__ == "__main__":
    main([int(x) for x in sys.argv[1:]] or [5, 100, 1000])
