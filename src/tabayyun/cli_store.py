"""CLI commands over the store: ``add``, ``search`` and ``serve``. Kept apart
from cli.py (as ``cli_scale`` is) so the analysis commands stay in one short
module and these import the store and web app only when used."""

from __future__ import annotations

import json
import sys
from typing import Optional

import typer

from .cli import EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, Paths, _setup_logging, app, err, out
from .settings import Settings


@app.command()
def serve(
    db: Optional[str] = typer.Option(None, "--db", help="SQLite file or postgresql://… URL (default: the user data dir)."),
    host: str = typer.Option("127.0.0.1", help="Address to bind; anything but loopback needs a write token."),
    port: int = typer.Option(8000, help="Port to listen on."),
    read_only: bool = typer.Option(False, "--read-only", help="Refuse every write (uploads)."),
    token: Optional[str] = typer.Option(None, "--token", envvar="TABAYYUN_TOKEN", help="Token that writes must send (Authorization: Bearer …)."),
    max_upload: int = typer.Option(5_000_000, help="Largest upload accepted, in bytes."),
):
    """Serve the stories, search and upload pages and the JSON API (/api, docs at /docs).

    Example: tabayyun serve --db news.db --port 8000 --read-only
    """
    _setup_logging(False)
    try:
        import uvicorn

        from .web import WebConfig, create_app
        from .web.guard import is_loopback
    except ImportError as exc:
        err.print(f"error: the web app needs the [web] extra (pip install 'tabayyun[web]'): {exc}", markup=False)
        raise typer.Exit(EXIT_USAGE) from None
    busy = _cannot_listen(host, port)
    if busy:
        err.print(f"error: cannot listen on {host}:{port}: {busy}", markup=False, highlight=False)
        raise typer.Exit(EXIT_USAGE)
    if not is_loopback(host) and not token and not read_only:
        import secrets

        token = secrets.token_urlsafe(18)
        err.print(f"bound to {host}, not loopback: writes need this token: {token}", markup=False, highlight=False)
    store = _open_store(db, read_only)
    config = WebConfig(read_only=read_only, token=token, max_upload=max_upload)
    out.print(f"tabayyun on http://{host}:{port}/  (API docs: /docs){'  read-only' if read_only else ''}", highlight=False)
    try:
        uvicorn.run(create_app(store, config), host=host, port=port, log_level="warning")
    finally:
        store.close()


MAX_STORY_LINES = 20

def _cannot_listen(host: str, port: int) -> str | None:
    """Why the address cannot be bound (in use, not ours), checked before saying
    "tabayyun on …": uvicorn only logs it and exits with its own code 3."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        with socket.socket(infos[0][0], socket.SOCK_STREAM) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind(infos[0][4])
    except OSError as exc:
        import errno

        why = exc.strerror or str(exc)
        return why + " (pick another --port)" if exc.errno == errno.EADDRINUSE else why
    return None


DbOption = typer.Option(None, "--db", help="SQLite file or postgresql://… URL (default: tabayyun.db in the user data dir).")


def _open_store(db: Optional[str], read_only: bool = False):
    from .store import Store, StoreError

    try:
        return Store.open(db, read_only=read_only)
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise typer.Exit(EXIT_USAGE) from None


@app.command()
def add(
    paths: list[str] = Paths,
    db: Optional[str] = DbOption,
    quiet: bool = typer.Option(False, "-q", "--quiet", help="Only errors and skipped inputs."),
    max_bytes: int = typer.Option(Settings().max_bytes, help="Skip single-document files larger than this."),
):
    """Add articles to a store: analyse the new ones, assign them to stories and
    rebuild only the dossiers of the stories they touch. Articles already stored
    are not analysed again (unless stored by an older analyser).

    Example: tabayyun add news/*.txt day.jsonl --db tabayyun.db
    """
    _setup_logging(False)
    from .store import StoreError

    store = _open_store(db)
    try:
        result = store.add(paths, Settings(max_bytes=max_bytes))
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise typer.Exit(EXIT_USAGE) from None
    finally:
        store.close()
    for k in result.skipped:
        print(f"skipped: {k.source}: {k.reason}", file=sys.stderr)
    for n in result.notes:
        print(f"note: {n}", file=sys.stderr)
    if not quiet:
        print(f"{result.inputs} inputs: {len(result.added)} added, {result.duplicates} already stored, "
              f"{len(result.reanalysed)} re-analysed, {len(result.skipped)} skipped; "
              f"{len(result.stories)} stories updated ({store.url})")
        for sid in result.stories[:MAX_STORY_LINES]:
            print(f"story: {sid}")
        if len(result.stories) > MAX_STORY_LINES:  # a day of news touches hundreds
            print(f"… and {len(result.stories) - MAX_STORY_LINES} more stories (tabayyun serve to browse them)")
    if not result.added and not result.duplicates and not result.reanalysed:
        raise typer.Exit(EXIT_PARTIAL if result.inputs else EXIT_USAGE)
    raise typer.Exit(EXIT_PARTIAL if result.skipped else EXIT_OK)


@app.command()
def search(
    query: str = typer.Argument(..., help="Words (all must match), \"a phrase\", prefix*, OR."),
    db: Optional[str] = DbOption,
    outlet: Optional[str] = typer.Option(None, help="Only this outlet."),
    date_from: Optional[str] = typer.Option(None, "--from", help="Published on or after (YYYY-MM-DD)."),
    date_to: Optional[str] = typer.Option(None, "--to", help="Published on or before (YYYY-MM-DD)."),
    entity: Optional[str] = typer.Option(None, help="Only articles mentioning this entity id."),
    story: Optional[str] = typer.Option(None, help="Only articles of this story id."),
    limit: int = typer.Option(20, help="Hits per page."),
    offset: int = typer.Option(0, help="Hits to skip."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object (total, hits)."),
):
    """Search stored articles (Arabic-aware: spelling variants and clitics match,
    so "قره باغ" finds "وقرة باغ"). Newest first, with a snippet of each.

    Example: tabayyun search "قره باغ" --db tabayyun.db --from 2023-09-01
    """
    _setup_logging(False)
    import re
    from dataclasses import asdict

    for name, value in (("--from", date_from), ("--to", date_to)):
        if value and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
            err.print(f"error: {name} {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", markup=False)
            raise typer.Exit(EXIT_USAGE)
    store = _open_store(db, read_only=True)
    try:
        page = store.search(query, outlet=outlet, date_from=date_from, date_to=date_to,
                            entity=entity, story=story, limit=limit, offset=offset)
    finally:
        store.close()
    if as_json:
        print(json.dumps({"total": page.total, "limit": page.limit, "offset": page.offset,
                          "hits": [asdict(h) for h in page.items]}, ensure_ascii=False))
        return
    print(f"{page.total} articles")
    for h in page.items:
        print(f"{h.date or '-'}  {h.outlet or '-'}  {h.article}  [{h.story or '-'}]  {h.title or ''}")
        print(f"    {h.snippet}")


