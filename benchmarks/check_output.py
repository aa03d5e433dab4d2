"""Same output before and after a speed change: run ingest and the per-article
stages (entities left out unless asked) over the seeds and a JSONL corpus,
pickle every article, and compare with a reference written earlier.

    python benchmarks/check_output.py --write /tmp/ref.pkl [CORPUS.jsonl ...]
    python benchmarks/check_output.py --compare /tmp/ref.pkl [CORPUS.jsonl ...]

Each corpus article runs twice: as read (publication date from its metadata)
and with the date removed, so the inference from the text runs too. The
reference stays outside the repository (it holds the corpus text).
"""

from __future__ import annotations

import argparse
import pickle
import sys
from dataclasses import fields, replace
from pathlib import Path

from tabayyun.cli import example_dir
from tabayyun.extract import default_stages
from tabayyun.ingest.readers import read_inputs
from tabayyun.model import Article, Meta, Published


def articles(corpora: list[str]):
    seeds = sorted(example_dir().glob("*.txt"))
    for a in read_inputs([str(p) for p in seeds]):
        # the file name only: two checkouts compared must agree on the source
        yield replace(a, meta=replace(a.meta, source=Path(a.meta.source).name)) if isinstance(a, Article) else a
    for path in corpora:
        for a in read_inputs([path]):
            yield a
            if isinstance(a, Article):
                yield replace(a, meta=replace(a.meta, published=Published()))


def run(corpora: list[str], skip: set[str]) -> list:
    stages = [s for s in default_stages() if s.name not in skip]
    out = []
    for a in articles(corpora):
        if isinstance(a, Article):
            for st in stages:
                try:
                    a = st(a)
                except Exception as exc:  # as api._run_article: keep the layers done so far
                    a = (a, f"{st.name}: {type(exc).__name__}: {exc}")
                    break
        out.append(a)
    return out


def diff(a, b) -> str:
    if type(a) is not type(b):
        return f"type {type(a).__name__} != {type(b).__name__}"
    if isinstance(a, tuple):
        return f"{a[1]} / {b[1]}; " + diff(a[0], b[0])
    if not isinstance(a, Article):
        return repr(a)
    bad = []
    for f in fields(Article):
        x, y = getattr(a, f.name), getattr(b, f.name)
        if x != y:
            if isinstance(x, tuple) and isinstance(y, tuple):
                k = next((i for i, (p, q) in enumerate(zip(x, y)) if p != q), min(len(x), len(y)))
                bad.append(f"{f.name}[{k}] (len {len(x)} vs {len(y)}): "
                           f"{x[k] if k < len(x) else None!r} != {y[k] if k < len(y) else None!r}")
            else:
                bad.append(f"{f.name}: {x!r} != {y!r}")
    return "; ".join(bad)


def main() -> int:
    ap = argparse.ArgumentParser()
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--write")
    g.add_argument("--compare")
    ap.add_argument("corpora", nargs="*")
    ap.add_argument("--with-entities", action="store_true")
    args = ap.parse_args()
    skip = set() if args.with_entities else {"entities"}
    got = run(args.corpora, skip)
    if args.write:
        with open(args.write, "wb") as f:
            pickle.dump(got, f, protocol=pickle.HIGHEST_PROTOCOL)
        print(f"wrote {len(got)} articles to {args.write}")
        return 0
    with open(args.compare, "rb") as f:
        ref = pickle.load(f)
    if len(ref) != len(got):
        print(f"article count differs: {len(ref)} reference, {len(got)} now")
        return 1
    bad = [(i, diff(r, g)) for i, (r, g) in enumerate(zip(ref, got)) if r != g]
    for i, why in bad[:20]:  # the first few
        g = got[i][0] if isinstance(got[i], tuple) else got[i]
        src = g.meta.source if isinstance(g, Article) else g
        print(f"#{i} {src}: {why}"[:2000])
    failed = sum(isinstance(g, tuple) for g in got)
    print(f"{len(got) - len(bad)}/{len(got)} articles identical ({failed} with a stage failing)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
