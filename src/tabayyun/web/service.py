"""What pages and API share: store look-ups that 404, and the write path."""

from __future__ import annotations

from dataclasses import dataclass, replace

from fastapi import Request, UploadFile

from .errors import WebError
from .guard import token_ok
from .upload import Received, read_files, read_paste


def store(request: Request):
    return request.app.state.store


def found(value, what: str, key: str):
    if value is None:
        raise WebError(404, f"no such {what}: {key}")
    return value


def story(request: Request, story_id: str):
    return found(store(request).story(story_id), "story", story_id)


def article(request: Request, article_id: str):
    return found(store(request).article(article_id), "article", article_id)


def entity(request: Request, entity_id: str):
    return found(store(request).entity(entity_id), "entity", entity_id)


def outlet(request: Request, name: str):
    return found(store(request).outlet(name), "outlet", name)


def check_token(request: Request, form_token: str | None) -> None:
    cfg = request.app.state.config
    given = request.scope.get("state", {}).get("bearer") or form_token
    if not token_ok(cfg.token, given):
        raise WebError(403, "this server needs a token for writes (Authorization: Bearer … or the token field)", "token_required")


@dataclass(frozen=True)
class Added:
    inputs: int
    added: list[str]
    duplicates: int
    skipped: list[dict]
    stories: list[str]


async def ingest(request: Request, files: list[UploadFile], text: str = "", title: str = "",
                 outlet: str = "", date: str = "", url: str = "") -> Added:
    cfg = request.app.state.config
    settings = replace(cfg.settings, max_bytes=cfg.max_upload)
    got = Received()
    blobs = []
    for f in files or []:
        if not f.filename and not f.size:
            continue  # an empty file input in a form
        blobs.append((f.filename or "", f.content_type, await f.read()))
    read_files(blobs, settings, got)
    read_paste(text or "", settings, got, title=title, outlet=outlet, date=date, url=url)
    if not got.inputs:
        # name the form fields: a curl user who sent "file=@…" otherwise cannot tell what is wrong
        raise WebError(400, "nothing to add: send one or more files (form field 'files') "
                            "or paste a text (form field 'text')")
    result = None
    if got.articles:
        from starlette.concurrency import run_in_threadpool

        def add():
            with request.app.state.write_lock:
                return store(request).add(got.articles, settings)

        result = await run_in_threadpool(add)
    skipped = [{"source": k.source, "reason": k.reason} for k in got.skipped]
    if result is not None:
        skipped += [{"source": k.source, "reason": k.reason} for k in result.skipped]
    return Added(
        inputs=got.inputs,
        added=list(result.added) if result else [],
        duplicates=result.duplicates if result else 0,
        skipped=skipped,
        stories=list(result.stories) if result else [],
    )
