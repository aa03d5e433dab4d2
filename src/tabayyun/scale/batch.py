"""``tabayyun batch``: the per-article pipeline as a Dask bag over partitions of
JSONL/Parquet input, then story clustering and one dossier per story, written
as Parquet tables and per-story reports.

The same code runs without Dask (``scheduler="single"``): that is the
single-process reference the Dask path must reproduce exactly (a test checks).
Articles come back to the driver for clustering, which needs all of them;
per-story dossiers are computed in parallel again.

Between processes articles travel as pydantic JSON without their tokens
(rebuilt from the text on arrival, as the store does): pickling the frozen
records costs ~4 ms and 26 kB per article, this ~0.6 ms and 13 kB. Both
paths, with and without Dask, go through the same packing, so they agree.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from functools import lru_cache
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..api import _run_article, default_pipeline
from ..arabic.segment import tokenise
from ..errors import TabayyunError
from ..ingest.readers import finish
from ..model import Article, Dossier, Skipped
from ..settings import Settings
from .partitions import Part, expand, plan, units

log = logging.getLogger(__name__)

LOCAL = ("single", "synchronous", "threads", "processes")
SCHEDULER_TIMEOUT = "20s"


class SchedulerError(TabayyunError):
    """The Dask scheduler given cannot be reached: a one-line reason, not a traceback."""


@dataclass
class PartResult:
    articles: bytes  # packed (see pack)
    skipped: list[Skipped]
    inputs: int
    notes: list[str] = field(default_factory=list)


@lru_cache(maxsize=2)
def _adapter(kind):
    from pydantic import TypeAdapter

    return TypeAdapter(kind)


def pack(articles: list[Article]) -> bytes:
    # the segment stage makes sentences and tokens together: an article with
    # sentences had tokens, even when the driver dropped them (see unpack)
    flags = "".join("1" if a.tokens or a.sentences else "0" for a in articles)
    body = _adapter(list[Article]).dump_json([replace(a, tokens=()) for a in articles])
    return flags.encode() + b"\n" + body


def unpack(blob: bytes, tokens: bool = True) -> list[Article]:
    """``tokens=False`` leaves them out: the driver holds every article of the run
    and tokens are ~60 % of an article's memory; the stages that need them run on
    the workers, which rebuild them."""
    flags, body = blob.split(b"\n", 1)
    arts = _adapter(list[Article]).validate_json(body)
    if not tokens:
        return arts
    return [replace(a, tokens=tokenise(a.text)) if f == ord("1") else a for a, f in zip(arts, flags)]


@dataclass
class BatchResult:
    out: Path
    inputs: int
    articles: int
    duplicates: int
    skipped: list[Skipped]
    stories: dict[str, list[str]]  # story id -> article ids, in input order
    dossiers: dict[str, Dossier]
    notes: list[str]
    seconds: dict[str, float]


def analyse_part(part: Part, settings: Settings) -> PartResult:
    """Read and analyse one partition (runs on a worker). A corrupt line is
    skipped and counted; it never ends the partition."""
    pipe = default_pipeline(settings)
    done: list[Article] = []
    res = PartResult(b"", [], 0)
    for item in finish(units(part, settings), settings):
        res.inputs += 1
        if isinstance(item, Skipped):
            res.skipped.append(item)
        else:
            done.append(_run_article(pipe, item, res.notes))
    res.articles = pack(done)
    return res


def story_dossier(articles: list[Article], also_from: dict, settings: Settings) -> Dossier:
    """Cross-article stages over one story's articles (runs on a worker)."""
    pipe = default_pipeline(settings, also_from)
    return pipe.run_corpus(Dossier(articles=tuple(articles), inputs=len(articles)))


@contextmanager
def _client(scheduler: str | None, workers: int | None):
    """None: a local Dask cluster of processes; an address: that cluster."""
    if scheduler in LOCAL:
        yield None
        return
    from dask.distributed import Client, LocalCluster

    if scheduler is None:
        n = workers or os.cpu_count() or 1
        # ":0": the scheduler's HTTP server always starts; a fixed 8787 warns when taken
        with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
                Client(cluster) as client:
            yield client
    else:
        try:
            client = Client(scheduler, timeout=SCHEDULER_TIMEOUT)
        except (OSError, ValueError, TimeoutError) as exc:  # unreachable, refused, a malformed address
            raise SchedulerError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from None
        with client:
            yield client


def _map(fn: Callable, items: list, scheduler: str | None, client, **kw) -> list:
    if scheduler == "single" or not items:
        return [fn(x, **kw) for x in items]
    import dask.bag as db

    bag = db.from_sequence(items, npartitions=len(items)).map(fn, **kw)
    if client is not None:
        return bag.compute()
    return bag.compute(scheduler=scheduler)


def run_batch(
    inputs: Iterable[str],
    out: Path,
    scheduler: str | None = None,
    workers: int | None = None,
    settings: Settings | None = None,
    blocksize: int | None = None,
    reports: bool = True,
) -> BatchResult:
    from ..compare.cluster import cluster

    from .write import write_outputs

    settings = settings or Settings()
    out = Path(out)
    seconds: dict[str, float] = {}
    t = time.perf_counter()
    files, skipped = expand(list(inputs))
    if blocksize is None:
        # about 8 partitions per worker, so one slow partition does not hold the rest up
        total = sum(f.stat().st_size for f in files)
        n = workers or (1 if scheduler in LOCAL else os.cpu_count() or 1)
        blocksize = min(4 << 20, max(256 << 10, total // (8 * n)))
    parts = plan(files, blocksize)
    with _client(scheduler, workers) as client:
        results = _map(analyse_part, parts, scheduler, client, settings=settings)
        seconds["articles"] = time.perf_counter() - t

        # exact duplicates merged in input order, as analyse() does
        t = time.perf_counter()
        kept: dict[str, Article] = {}
        also_from: dict[str, list[str]] = {}
        notes: list[str] = []
        inputs_n = len(skipped)
        for r in results:
            inputs_n += r.inputs
            skipped += r.skipped
            notes += r.notes
            for a in unpack(r.articles, tokens=False):
                if a.id in kept:
                    also_from.setdefault(a.id, []).append(a.meta.source)
                else:
                    kept[a.id] = a
        articles = list(kept.values())
        assignment = cluster(articles, settings)
        stories: dict[str, list[str]] = {}
        for a in articles:
            stories.setdefault(assignment[a.id], []).append(a.id)
        seconds["cluster"] = time.perf_counter() - t

        t = time.perf_counter()
        frozen_also = {k: tuple(v) for k, v in also_from.items()}
        groups = [pack([kept[i] for i in ids]) for ids in stories.values()]
        dossiers = [_unpack_dossier(b) for b in _map(_story, groups, scheduler, client, also_from=frozen_also,
                                                     settings=settings)]
        seconds["dossiers"] = time.perf_counter() - t
    by_story = dict(zip(stories, dossiers))
    t = time.perf_counter()
    write_outputs(out, articles, assignment, by_story, skipped, reports=reports)
    seconds["write"] = time.perf_counter() - t
    dups = sum(len(v) for v in also_from.values())
    return BatchResult(out, inputs_n, len(articles), dups, skipped, stories, by_story, notes, seconds)


def _story(blob: bytes, also_from: dict, settings: Settings) -> bytes:
    articles = unpack(blob)
    mine = {a.id: also_from[a.id] for a in articles if a.id in also_from}
    d = story_dossier(articles, mine, settings)
    d = replace(d, inputs=len(articles) + sum(len(v) for v in mine.values()))
    return pack(list(d.articles)) + b"\n" + _adapter(Dossier).dump_json(replace(d, articles=()))


def _unpack_dossier(blob: bytes) -> Dossier:
    flags, arts, rest = blob.split(b"\n", 2)
    d = _adapter(Dossier).validate_json(rest)
    return replace(d, articles=tuple(unpack(flags + b"\n" + arts, tokens=False)))
