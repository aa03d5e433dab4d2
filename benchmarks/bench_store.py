"""Store benchmark: N articles stored and searchable; search latency (p50/p95),
and the cost of one incremental ``add`` into the full store.

The five seed articles are analysed once; N variants are made by appending a
sentence with a serial number and a few words drawn from a vocabulary (so ids
and texts differ, spans stay valid), spread over 20 outlets, 300 days and
N/20 stories, and written with their layers in bulk (the per-article stages are
measured by bench_pipeline.py, not here).

    python benchmarks/bench_store.py [--n 10000] [--db /tmp/bench.db] [--pg postgresql://…]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from dataclasses import replace
from datetime import date, timedelta

from sqlalchemy import select, text

from tabayyun.api import _run_article, default_pipeline, ingest
from tabayyun.cli import example_dir
from tabayyun.model import Meta, Published
from tabayyun.store import Store, codec, schema as S
from tabayyun.store.migrations import now, write_index

WORDS = ("القصف المدنيين اللاجئين الحدود المساعدات الهدنة الانفصاليين المفاوضات الجيش القرية "
         "المستشفى الممر الوزير البرلمان الانتخابات الصحفيين الكهرباء المياه الجسر المطار").split()
QUERIES = [
    ("common word", "أذربيجان", {}), ("two words", "قره باغ", {}), ("clitic form", "وقرة باغ", {}),
    ("phrase", '"مكافحة الإرهاب"', {}), ("prefix", "انفصا*", {}), ("rare word", "المطار الجسر", {}),
    ("serial", "12345", {}), ("OR", "الهدنة OR المفاوضات", {}),
    ("word + outlet", "أذربيجان", {"outlet": "outlet-7"}),
    ("word + dates", "قره باغ", {"date_from": "2023-03-01", "date_to": "2023-03-31"}),
    ("filters only", "", {"outlet": "outlet-3", "date_from": "2023-05-01"}),
    ("sql-ish", "'; DROP TABLE articles; --", {}),
]


def variants(n: int):
    arts, _, _, _ = ingest([example_dir()])
    p = default_pipeline()
    base = [_run_article(p, a, []) for a in arts]
    rnd = random.Random(1)
    start = date(2023, 1, 1)
    for i in range(n):
        a = base[i % len(base)]
        extra = f"\nنسخة رقم {i} عن " + " ".join(rnd.sample(WORDS, 3)) + "."
        text = a.text + extra
        day = (start + timedelta(days=rnd.randrange(300))).isoformat()
        meta = replace(a.meta, outlet=f"outlet-{i % 20}", source=f"bench:{i}",
                       published=Published(day, "day", "metadata", 1.0))
        yield replace(a, id=codec.sha(text)[:16], text=text, meta=meta), f"bench-story-{i // 20}"


def load(store: Store, n: int) -> float:
    t0 = time.perf_counter()
    version, stamp = codec.analyser_version(), now()
    with store.engine.begin() as conn:
        conn.execute(S.outlets.insert(), [{"name": f"outlet-{k}", "first_seen": stamp} for k in range(20)])
        conn.execute(S.stories.insert(), [
            {"id": f"bench-story-{k}", "title": f"قصة {k}", "articles": 20, "outlets": "[]", "updated": stamp,
             "disputes": 0, "conflicts": 0, "contradictions": 0} for k in range((n + 19) // 20)])
        batch = []
        for a, sid in variants(n):
            row = codec.article_row(a, version, stamp)
            row["story"] = sid
            batch.append((row, a))
            if len(batch) == 500:
                _flush(conn, batch)
                batch = []
        _flush(conn, batch)
    if store.engine.dialect.name == "postgresql":  # planner statistics after a bulk load
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("ANALYZE"))
    return time.perf_counter() - t0


def _flush(conn, batch):
    if not batch:
        return
    conn.execute(S.articles.insert(), [r for r, _ in batch])
    nums = dict(conn.execute(select(S.articles.c.id, S.articles.c.num)
                             .where(S.articles.c.id.in_([r["id"] for r, _ in batch]))).all())
    mentions, layers = [], {"times": [], "statements": [], "frames": []}
    conn.execute(S.bodies.insert(), [codec.body_row(a, nums[r["id"]]) for r, a in batch])
    conn.execute(S.features.insert(), [codec.features_row(a, nums[r["id"]]) for r, a in batch])
    for row, a in batch:
        write_index(conn, nums[row["id"]], a.text)
        mentions += codec.mention_rows(a)
        for k, v in codec.layer_rows(a).items():
            layers[k] += v
    conn.execute(S.mentions.insert(), mentions)
    for k, t in (("times", S.times), ("statements", S.statements), ("frames", S.frames)):
        if layers[k]:
            conn.execute(t.insert(), layers[k])


def bench_search(store: Store, rounds: int) -> list[float]:
    every = []
    print(f"{'query':<16} {'hits':>6} {'p50 ms':>8} {'p95 ms':>8}")
    for name, q, f in QUERIES:
        store.search(q, **f)  # warm
        times = []
        for _ in range(rounds):
            t = time.perf_counter()
            page = store.search(q, **f)
            times.append((time.perf_counter() - t) * 1000)
        every += times
        times.sort()
        print(f"{name:<16} {page.total:>6} {statistics.median(times):>8.1f} {times[int(0.95 * len(times)) - 1]:>8.1f}")
    return every


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--db", default="/tmp/tabayyun-bench-store.db")
    ap.add_argument("--pg", default=None, help="also a PostgreSQL URL (an empty database)")
    ap.add_argument("--rounds", type=int, default=40)
    args = ap.parse_args()
    targets = [args.db] + ([args.pg] if args.pg else [])
    for target in targets:
        if not target.startswith("postgres"):
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(target + suffix):
                    os.remove(target + suffix)
        store = Store.open(target)
        secs = load(store, args.n)
        c = store.counts()
        print(f"\n{store.url}: stored {c['articles']} articles ({c['indexed']} indexed, {c['mentions']} mentions, "
              f"{c['statements']} statements) in {secs:.1f} s ({c['articles'] / secs:.0f} articles/s)")
        every = sorted(bench_search(store, args.rounds))
        print(f"all queries: p50 {statistics.median(every):.1f} ms, p95 {every[int(0.95 * len(every)) - 1]:.1f} ms "
              f"(target p95 < 100 ms on SQLite)")
        new = sorted(example_dir().glob("*.txt"))[0].read_text("utf-8") + "\nخبر جديد عن المعبر الحدودي اليوم."
        t = time.perf_counter()
        r = store.add([new])
        print(f"incremental add of 1 article into {c['articles']}: {time.perf_counter() - t:.2f} s "
              f"(story {r.stories[0] if r.stories else '-'})")
        if not target.startswith("postgres"):
            print(f"database size: {os.path.getsize(target) / 1e6:.0f} MB")
        store.close()


if __name__ == "__main__":
    main()
