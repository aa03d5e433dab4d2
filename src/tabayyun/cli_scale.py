"""CLI commands for scale: ``batch`` (and ``watch``). Kept apart from cli.py so
capabilities add commands without editing one shared file."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional

import typer

from .cli import EXIT_PARTIAL, EXIT_USAGE, _setup_logging, app, err


@app.command()
def batch(
    inputs: list[str] = typer.Argument(..., help="JSONL/Parquet files, directories or globs."),
    out: Path = typer.Option(..., "--out", "-o", help="Output folder (Parquet tables + stories/<id>/report.html)."),
    scheduler: Optional[str] = typer.Option(
        None, "--scheduler",
        help="Dask scheduler address (tcp://host:8786); or single / synchronous / threads / processes. "
             "Default: a local Dask cluster of one process per core."),
    workers: Optional[int] = typer.Option(None, "--workers", help="Workers of the local cluster."),
    blocksize: Optional[float] = typer.Option(
        None, "--blocksize", help="Partition size in MB of JSONL input (default: ~8 partitions per worker, 0.25–4 MB)."),
    no_reports: bool = typer.Option(False, "--no-reports", help="Only the Parquet tables."),
    ner: str = typer.Option("fast", "--ner", help="Named-entity tagger: fast (CRF) or accurate "
                            "(fine-tuned encoder, ~1.2 s per article: for small inputs)."),
    verbose: bool = typer.Option(False, "-v", "--verbose"),
):
    """Analyse a large input on Dask: per-article pipeline over partitions, then
    story clustering and one dossier per story.

    Example: tabayyun batch day.jsonl archive/*.parquet --out results/ --scheduler tcp://10.0.0.5:8786
    """
    _setup_logging(verbose)
    if not verbose:  # Dask's scheduler and workers log every start-up step at INFO
        import warnings

        os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "warning")
        # "Sending large graph of size …": advice for Dask developers, not for a user
        warnings.filterwarnings("ignore", category=UserWarning, module=r"distributed\..*")
    try:
        from .scale.batch import LOCAL, SchedulerError, run_batch

        # checked before any work: pyarrow writes the tables at the very end, and
        # every scheduler but "single" runs on dask
        import pyarrow  # noqa: F401
        if scheduler != "single":
            import dask.bag  # noqa: F401
            if scheduler not in LOCAL:
                import dask.distributed  # noqa: F401
    except ImportError as exc:  # dask and pyarrow are the [scale] extra
        err.print(f"error: batch needs the 'scale' extra: pip install 'tabayyun[scale]' ({exc})", markup=False)
        raise typer.Exit(EXIT_USAGE) from None
    if scheduler is not None and scheduler not in LOCAL and ":" not in scheduler:
        err.print(f"error: unknown scheduler {scheduler!r}: use {', '.join(LOCAL)} or an address "
                  "(tcp://host:8786)", markup=False)
        raise typer.Exit(EXIT_USAGE)
    try:
        size = int(blocksize * (1 << 20)) if blocksize else None
        from .cli import _ner_mode
        from .settings import Settings

        res = run_batch(inputs, out, scheduler=scheduler, workers=workers, blocksize=size,
                        reports=not no_reports, settings=Settings(ner=_ner_mode(ner)))
    except SchedulerError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(EXIT_USAGE) from None
    for s in res.skipped:
        print(f"skipped: {s.source}: {s.reason}", file=sys.stderr)
    for n in res.notes:
        print(f"note: {n}", file=sys.stderr)
    timing = ", ".join(f"{k} {v:.1f}s" for k, v in res.seconds.items())
    print(f"{res.inputs} inputs: {res.articles} articles, {res.duplicates} exact duplicates, "
          f"{len(res.skipped)} skipped; {len(res.stories)} stories -> {res.out} ({timing})")
    # the exit codes of analyze: 1 when anything was skipped (or nothing read)
    if res.articles == 0 or res.skipped:
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
def watch(
    feeds: Path = typer.Argument(..., help="A text file: one RSS/Atom URL or local folder per line."),
    db: Optional[str] = typer.Option(None, "--db", help="Store: a SQLite file or a postgresql:// URL."),
    every: str = typer.Option("5m", "--every", help="Time between passes: 30s, 5m, 1h."),
    once: bool = typer.Option(False, "--once", help="One pass, then exit (for cron)."),
    passes: Optional[int] = typer.Option(None, "--passes", help="Stop after this many passes."),
    alerts: Optional[Path] = typer.Option(None, "--alerts", help="Append alerts to this JSONL file."),
    webhook: Optional[str] = typer.Option(None, "--webhook", help="POST each alert as JSON to this URL."),
    state: Optional[Path] = typer.Option(None, "--state", help="Watch state file (default: next to the database)."),
    per_host: float = typer.Option(1.0, "--per-host", help="Minimum seconds between requests to one host."),
    timeout: float = typer.Option(15.0, "--timeout", help="Seconds before a request is given up."),
    max_mb: float = typer.Option(5.0, "--max-mb", help="Largest feed or page body read, in MB."),
    no_pages: bool = typer.Option(False, "--no-pages", help="Never fetch the article page of a short feed entry."),
    verbose: bool = typer.Option(False, "-v", "--verbose"),
):
    """Poll feeds and folders, add new articles to the store, update their stories'
    dossiers, and alert when a story gains a dispute, conflict or contradiction.

    Example: tabayyun watch feeds.txt --db news.db --every 5m --alerts alerts.jsonl
    """
    _setup_logging(verbose)
    from .scale.fetch import Fetcher
    from .scale.watch import Watcher, default_state_path, parse_every, read_sources

    try:
        from .store import Store, StoreError
    except ImportError as exc:
        err.print(f"error: watch needs the store: pip install 'tabayyun[web]' ({exc})", markup=False)
        raise typer.Exit(EXIT_USAGE) from None
    try:
        interval = parse_every(every)
        sources = read_sources(feeds)
    except (ValueError, OSError) as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(EXIT_USAGE) from None
    if not sources:
        err.print(f"error: {feeds} lists no feed or folder", markup=False)
        raise typer.Exit(EXIT_USAGE)
    try:
        store = Store.open(db)
    except StoreError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(EXIT_USAGE) from None
    state_path = state or default_state_path(store.url)
    fetcher = Fetcher(timeout=timeout, per_host=per_host, max_bytes=int(max_mb * 1_000_000))
    w = Watcher(sources, store, state_path, fetcher=fetcher, alerts_path=alerts, webhook=webhook,
                fetch_pages=not no_pages)

    last = {}

    def report(rep):
        last["rep"] = rep
        for src, what in rep.errors:
            print(f"error: {src}: {what}", file=sys.stderr)
        for s in rep.skipped:
            print(f"skipped: {s.source}: {s.reason}", file=sys.stderr)
        print(f"pass: {rep.sources} sources, {rep.new_items} new items, {rep.added} added, "
              f"{len(rep.skipped)} skipped, {len(rep.errors)} source errors, {len(rep.alerts)} alerts",
              file=sys.stderr)

    try:
        w.run(interval, passes=1 if once else passes, report=report)
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
    finally:
        store.close()
    # for cron: a last pass with dead sources or skipped items is a partial run (exit 1)
    rep = last.get("rep")
    if rep is not None and (rep.errors or rep.skipped):
        raise typer.Exit(EXIT_PARTIAL)
