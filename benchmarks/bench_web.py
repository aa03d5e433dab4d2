"""How fast the demo story page renders (target: < 300 ms), and the other pages.

    python benchmarks/bench_web.py [--db demo.db] [--n 50]

Fills a temporary SQLite store with the bundled example (unless --db is given),
then times GET requests in-process (FastAPI TestClient: routing, store read,
template rendering; no network). Prints median and p95 per page.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import tempfile
import time
from pathlib import Path


def timings(client, path: str, n: int) -> list[float]:
    client.get(path)  # warm-up: templates compiled, caches filled
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        r = client.get(path)
        out.append((time.perf_counter() - t0) * 1000)
        assert r.status_code == 200, (path, r.status_code)
    return out


def p95(xs: list[float]) -> float:
    return sorted(xs)[max(0, int(round(0.95 * len(xs))) - 1)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", help="an existing store (default: a temporary one with the bundled example)")
    ap.add_argument("--n", type=int, default=50)
    args = ap.parse_args()
    from fastapi.testclient import TestClient

    from tabayyun.cli import example_dir
    from tabayyun.store import Store
    from tabayyun.web import create_app

    tmp = tempfile.TemporaryDirectory()
    db = args.db or str(Path(tmp.name) / "demo.db")
    store = Store.open(db)
    if not args.db:
        store.add([str(example_dir())])
    story = store.stories().items[0].id
    d = store.story(story)
    art = max(d.articles, key=lambda a: len(a.text)).id
    ent = max(d.entities, key=lambda e: len(e.mentions)).id
    client = TestClient(create_app(store))
    pages = {
        "story page": f"/stories/{story}",
        "story JSON": f"/api/stories/{story}",
        "stories list": "/",
        "article page": f"/articles/{art}",
        "entity page": f"/entities/{ent}",
        "search page": "/search?q=قره+باغ",
    }
    print(f"machine: {platform.machine()}, Python {platform.python_version()}, in-process, n={args.n}")
    print(f"{'page':<14}{'median ms':>11}{'p95 ms':>9}{'bytes':>9}")
    for name, path in pages.items():
        t = timings(client, path, args.n)
        size = len(client.get(path).content)
        print(f"{name:<14}{statistics.median(t):>11.1f}{p95(t):>9.1f}{size:>9,}")
    t0 = time.perf_counter()
    for _ in range(args.n):
        store.story(story)
    print(f"store.story() alone: {(time.perf_counter() - t0) * 1000 / args.n:.1f} ms")
    store.close()


if __name__ == "__main__":
    main()
