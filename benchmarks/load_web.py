"""Load test: C concurrent clients reading story pages for S seconds on loopback.

    python benchmarks/load_web.py [--clients 50] [--seconds 30] [--db demo.db]

Starts `tabayyun serve --read-only` on a free 127.0.0.1 port in its own process
(over a temporary store with the bundled example unless --db is given), then runs
the clients with httpx's async client in this process, each requesting story
pages (and the stories list) back to back.
Bounded: stops after --seconds. Reports requests/s, p50/p95/max latency and
every error (any non-200 or exception); exits 1 when there was an error.
"""

from __future__ import annotations

import argparse
import asyncio
import platform
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def client(base: str, paths: list[str], stop: float, lat: list[float], errors: Counter, i: int) -> None:
    import httpx

    async with httpx.AsyncClient(base_url=base, timeout=30) as c:
        n = i
        while time.monotonic() < stop:
            path = paths[n % len(paths)]
            n += 1
            t0 = time.perf_counter()
            try:
                r = await c.get(path)
                if r.status_code != 200:
                    errors[f"HTTP {r.status_code} {path}"] += 1
            except httpx.HTTPError as exc:
                errors[f"{type(exc).__name__} {path}"] += 1
            lat.append((time.perf_counter() - t0) * 1000)


async def run(base: str, paths: list[str], clients: int, seconds: float):
    lat: list[float] = []
    errors: Counter = Counter()
    stop = time.monotonic() + seconds
    t0 = time.perf_counter()
    await asyncio.gather(*(client(base, paths, stop, lat, errors, i) for i in range(clients)))
    return lat, errors, time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--db")
    args = ap.parse_args()
    import httpx

    from tabayyun.cli import example_dir
    from tabayyun.store import Store

    tmp = tempfile.TemporaryDirectory()
    db = args.db or str(Path(tmp.name) / "load.db")
    store = Store.open(db)
    if not args.db:
        store.add([str(example_dir())])
    stories = [s.id for s in store.stories(limit=20).items]
    store.close()
    paths = [f"/stories/{s}" for s in stories] + ["/"]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-c", "from tabayyun.cli import main; main()", "serve", "--db", db, "--port", str(port), "--read-only"],
                              stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(base + "/api/counts", timeout=2).raise_for_status()
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("the server did not start") from None
                time.sleep(0.2)
        lat, errors, took = asyncio.run(run(base, paths, args.clients, args.seconds))
    finally:
        server.terminate()
        server.wait(10)
    lat.sort()
    pct = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] if lat else float("nan")  # noqa: E731
    print(f"machine: {platform.machine()}, Python {platform.python_version()}, tabayyun serve (one uvicorn process), loopback")
    print(f"{args.clients} clients x {args.seconds:.0f} s on {len(paths)} pages: {len(lat)} requests, {len(lat) / took:.1f} req/s")
    print(f"latency ms: p50 {pct(0.5):.0f}  p95 {pct(0.95):.0f}  max {lat[-1] if lat else float('nan'):.0f}")
    print(f"errors: {sum(errors.values())}" + "".join(f"\n  {k}: {n}" for k, n in errors.most_common(10)))
    raise SystemExit(1 if errors else 0)


if __name__ == "__main__":
    main()
