"""CLI commands for scale: ``batch`` (and ``watch``). Kept apart from cli.py so
capabilities add commands without editing one shared file."""

from __future__ import annotations

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
    blocksize: int = typer.Option(4, "--blocksize", help="Partition size in MB of JSONL input."),
    no_reports: bool = typer.Option(False, "--no-reports", help="Only the Parquet tables."),
    verbose: bool = typer.Option(False, "-v", "--verbose"),
):
    """Analyse a large input on Dask: per-article pipeline over partitions, then
    story clustering and one dossier per story.

    Example: tabayyun batch day.jsonl archive/*.parquet --out results/ --scheduler tcp://10.0.0.5:8786
    """
    _setup_logging(verbose)
    try:
        from .scale.batch import run_batch
    except ImportError as exc:  # dask is an extra
        err.print(f"error: batch needs the 'scale' extra: pip install 'tabayyun[scale]' ({exc})", markup=False)
        raise typer.Exit(EXIT_USAGE) from None
    res = run_batch(inputs, out, scheduler=scheduler, workers=workers, blocksize=blocksize << 20,
                    reports=not no_reports)
    for s in res.skipped:
        print(f"skipped: {s.source}: {s.reason}", file=sys.stderr)
    for n in res.notes:
        print(f"note: {n}", file=sys.stderr)
    timing = ", ".join(f"{k} {v:.1f}s" for k, v in res.seconds.items())
    print(f"{res.inputs} inputs: {res.articles} articles, {res.duplicates} exact duplicates, "
          f"{len(res.skipped)} skipped; {len(res.stories)} stories -> {res.out} ({timing})")
    if res.articles == 0:
        raise typer.Exit(EXIT_PARTIAL)
