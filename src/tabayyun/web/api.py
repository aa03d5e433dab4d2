"""JSON API under /api: the same resources as the pages, paginated
({items, total, limit, offset}), one error shape, exports."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response

from ..report.json import to_json
from . import service
from .errors import ERROR_RESPONSES
from .serialize import jsonable, page

router = APIRouter(prefix="/api", responses=ERROR_RESPONSES)

Limit = Annotated[int, Query(ge=1, le=200, description="Page size")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Items to skip")]
Date = Annotated[str | None, Query(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="YYYY, YYYY-MM or YYYY-MM-DD")]


def _download(text: str, media: str, name: str) -> Response:
    return Response(text, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/stories", tags=["stories"], summary="Stories, newest first")
def stories(request: Request, limit: Limit = 50, offset: Offset = 0):
    return page(service.store(request).stories(limit=limit, offset=offset))


@router.get("/stories/{story_id}", tags=["stories"], summary="A story's dossier (JSON, as `tabayyun analyze --json`)")
def story(request: Request, story_id: str, download: bool = False):
    text = to_json(service.story(request, story_id), indent=None)
    if download:
        return _download(text, "application/json", f"story-{story_id}.json")
    return Response(text, media_type="application/json")


@router.get("/stories/{story_id}/figures.csv", tags=["exports"], summary="The story's figures as CSV")
def figures_csv(request: Request, story_id: str):
    service.story(request, story_id)
    return _download(service.store(request).export_figures_csv(story_id), "text/csv; charset=utf-8", f"figures-{story_id}.csv")


@router.get("/stories/{story_id}/statements.csv", tags=["exports"], summary="The story's statements as CSV")
def statements_csv(request: Request, story_id: str):
    service.story(request, story_id)
    return _download(service.store(request).export_statements_csv(story_id), "text/csv; charset=utf-8", f"statements-{story_id}.csv")


@router.get("/articles/{article_id}", tags=["articles"], summary="An article with every layer")
def article(request: Request, article_id: str, full: bool = Query(False, description="Include tokens and raw text")):
    a = service.article(request, article_id)
    data = jsonable(a, full=full)
    data["story"] = service.store(request).article_story(article_id)
    return data


@router.get("/entities/{entity_id:path}", tags=["entities"], summary="An entity: mentions, roles, outlets, stories")
def entity(request: Request, entity_id: str, limit: Limit = 50, offset: Offset = 0):
    v = service.entity(request, entity_id)
    mentions = [{"article": aid, **jsonable(m)} for aid, m in v.mentions]
    return {
        "entity": jsonable(v.entity),
        "stories": list(v.stories),
        "mentions": {"items": mentions[offset:offset + limit], "total": len(mentions), "limit": limit, "offset": offset},
    }


@router.get("/outlets", tags=["outlets"], summary="Outlets and their article counts")
def outlets(request: Request, limit: Limit = 50, offset: Offset = 0):
    rows = service.store(request).outlets()
    return {"items": jsonable(rows[offset:offset + limit]), "total": len(rows), "limit": limit, "offset": offset}


@router.get("/outlets/{name:path}", tags=["outlets"], summary="An outlet: its articles, framing profile, figures")
def outlet(request: Request, name: str):
    return jsonable(service.outlet(request, name))


@router.get("/search", tags=["search"], summary="Arabic-aware full-text search with filters")
def search(
    request: Request,
    q: Annotated[str, Query(max_length=500, description="Words to find (normalised, clitics stripped)")] = "",
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    date_from: Date = None,
    date_to: Date = None,
    entity: Annotated[str | None, Query(max_length=200)] = None,
    story: Annotated[str | None, Query(max_length=200)] = None,
    limit: Limit = 20,
    offset: Offset = 0,
):
    result = service.store(request).search(
        q, outlet=outlet or None, date_from=date_from or None, date_to=date_to or None,
        entity=entity or None, story=story or None, limit=limit, offset=offset,
    )
    return page(result)


@router.get("/counts", tags=["store"], summary="How much the store holds")
def counts(request: Request):
    return jsonable(service.store(request).counts())


@router.post("/articles", tags=["articles"], status_code=201,
             summary="Add articles: files (txt, html, json, jsonl, rss/atom) and/or a pasted text")
async def add_articles(
    request: Request,
    files: list[UploadFile] = File(default=[]),
    text: str = Form(""),
    title: str = Form(""),
    outlet: str = Form(""),
    date: str = Form(""),
    url: str = Form(""),
    token: str | None = Form(None, description="Write token, if not sent as Authorization: Bearer"),
):
    service.check_token(request, token)
    result = await service.ingest(request, files, text, title, outlet, date, url)
    return JSONResponse(asdict(result), status_code=201 if result.added else 200)
