"""Cost of the cross-article findings stages (wire, align, findings) as the
number of articles grows: near-linear is the target.

The per-article layers of the five seed articles are computed once and
replicated with new ids (and new outlet labels), so only the cross-article work
is timed. Two regimes:
- copies (default): every replica shares every sentence, statement and figure
  with the others — the worst case for pairwise comparison;
- --vary 0.5: about half the words of each replica get a replica-specific form,
  so most sentences and statements no longer match (many roots, long indexes).

Run: python benchmarks/bench_findings.py [--sizes 1000 10000] [--vary 0.0]
"""

from __future__ import annotations

import argparse
import time
import zlib
from dataclasses import replace
from importlib import resources

from tabayyun import analyse
from tabayyun.compare.align import align
from tabayyun.compare.findings import findings
from tabayyun.compare.wire import wire
from tabayyun.model import Dossier


def replicate(seed: Dossier, n: int, vary: float) -> Dossier:
    arts, sources, figures = [], [], []
    by_article = {}
    for f in seed.figures:
        by_article.setdefault(f.article, []).append(f)
    cut = int(vary * 100)
    for k in range(n):
        i = k % len(seed.articles)
        a, src = seed.articles[i], seed.sources[i]
        new, label = f"{a.id}-{k}", f"{src.label} #{k}"
        toks = a.tokens
        if cut:
            toks = tuple(
                t._replace(norm=t.norm + str(k)) if zlib.crc32(f"{t.norm}{k}".encode()) % 100 < cut else t
                for t in toks
            )
        arts.append(replace(a, id=new, tokens=toks))
        sources.append(replace(src, article=new, label=label))
        for f in by_article.get(a.id, ()):
            figures.append(replace(f, article=new, outlet=label, evidence=replace(f.evidence, article=new, outlet=label)))
    return replace(seed, articles=tuple(arts), sources=tuple(sources), figures=tuple(figures),
                   disputes=(), attribution_conflicts=(), agreements=(), single_source=(),
                   wire_copy=(), independence=(), statement_groups=(), notes=())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--vary", type=float, default=0.0)
    args = ap.parse_args()
    seed = analyse(resources.files("tabayyun").joinpath("examples/karabakh-2023"))
    print(f"{'articles':>9} {'wire s':>8} {'align s':>8} {'findings s':>10} {'total s':>8} {'ms/article':>10}  disputes conflicts agreements")
    for n in args.sizes:
        d = replicate(seed, n, args.vary)
        t0 = time.process_time()
        d = wire(d)
        t1 = time.process_time()
        d = align(d)
        t2 = time.process_time()
        d = findings(d)
        t3 = time.process_time()
        total = t3 - t0
        print(f"{n:>9} {t1 - t0:>8.2f} {t2 - t1:>8.2f} {t3 - t2:>10.2f} {total:>8.2f} {1000 * total / n:>10.3f}"
              f"  {len(d.disputes):>8} {len(d.attribution_conflicts):>9} {len(d.agreements):>10}")


if __name__ == "__main__":
    main()
