"""HTML pages (Arabic, RTL). Every value reaches the page through Jinja's
autoescaping, or through highlight.render, which escapes the text itself."""

from __future__ import annotations

import re
from importlib import resources
from typing import Annotated

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from ..report.html import passage
from . import highlight, render, service
from .errors import WebError

router = APIRouter(include_in_schema=False)
PAGE = 30
STATIC = {"web.css": "text/css; charset=utf-8", "web.js": "text/javascript; charset=utf-8", "report.css": "text/css; charset=utf-8"}


def html(name: str, request: Request, status: int = 200, **ctx) -> HTMLResponse:
    cfg = request.app.state.config
    return HTMLResponse(render.page(name, read_only=cfg.read_only, needs_token=bool(cfg.token), **ctx), status_code=status)


def _hit(hl: str | None) -> tuple[int, int] | None:
    m = re.fullmatch(r"(\d{1,9})-(\d{1,9})", hl or "")
    return (int(m[1]), int(m[2])) if m else None


@router.get("/static/{name}")
def static(name: str):
    if name not in STATIC:
        raise WebError(404, f"no such file: {name}")
    if name == "report.css":
        data = render.report_css().encode("utf-8")
    else:
        data = resources.files("tabayyun.web").joinpath("static", name).read_bytes()
    return Response(data, media_type=STATIC[name], headers={"Cache-Control": "max-age=3600"})


@router.get("/")
def stories(request: Request, offset: Annotated[int, Query(ge=0)] = 0):
    p = service.store(request).stories(limit=PAGE, offset=offset)
    return html("stories.html.j2", request, page=p, title="القصص")


@router.get("/stories/{story_id}")
def story(request: Request, story_id: str):
    d = service.story(request, story_id)
    title = next((s.title for s in d.sources if s.title), None) or f"القصة {story_id}"
    ctx = render.story_context(d)
    return html("story.html.j2", request, story_id=story_id, story_title=title, **{**ctx, "title": title})


@router.get("/articles/{article_id}")
def article(request: Request, article_id: str, hl: str | None = None):
    a = service.article(request, article_id)
    story_id = service.store(request).article_story(article_id)
    title = a.meta.title or (a.text[:60] + "…")
    return html(
        "article.html.j2", request, a=a, story_id=story_id, title=title,
        body=highlight.render(a, _hit(hl)), layers=highlight.LAYERS,
        counts={"ent": len(a.entities), "time": len(a.times), "qty": len(a.quantities), "stmt": len(a.statements),
                "cue": len(a.statements), "frame": len(a.frames), "quote": len(a.quotes)},
    )


@router.get("/entities/{entity_id:path}")
def entity(request: Request, entity_id: str):
    v = service.entity(request, entity_id)
    st = service.store(request)
    texts: dict = {}
    rows = []
    for aid, m in v.mentions[:300]:
        if aid not in texts:
            texts[aid] = st.article(aid)
        a = texts[aid]
        if a is None:
            continue
        role = a.text[m.role.start:m.role.end] if m.role else ""
        rows.append((a, m, role, passage(a, m.start, m.end, 60)))
    return html("entity.html.j2", request, v=v, e=v.entity, rows=rows, more=max(0, len(v.mentions) - 300), title=v.entity.label)


@router.get("/outlets")
def outlets(request: Request):
    return html("outlets.html.j2", request, rows=service.store(request).outlets(), title="الوسائل")


@router.get("/outlets/{name:path}")
def outlet(request: Request, name: str):
    v = service.outlet(request, name)
    st = service.store(request)
    # an outlet's figures come from a few of its articles: load each article once
    # (loading it per figure made a busy outlet's page take seconds)
    loaded: dict = {}

    def article(aid):
        if aid not in loaded:
            loaded[aid] = st.article(aid)
        return loaded[aid]

    arts = [a for a in (article(aid) for aid in v.articles[:100]) if a is not None]
    figs = [(f, article(f.article)) for f in v.figures[:200]]
    return html("outlet.html.j2", request, v=v, arts=arts, figs=[x for x in figs if x[1] is not None], title=v.name)


@router.get("/search")
def search(
    request: Request,
    q: Annotated[str, Query(max_length=500)] = "",
    outlet: str = "",
    date_from: str = "",
    date_to: str = "",
    entity: str = "",
    story: str = "",
    offset: Annotated[int, Query(ge=0)] = 0,
):
    st = service.store(request)
    bad = [d for d in (date_from, date_to) if d and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", d)]
    if bad:
        raise WebError(422, f"date must be YYYY-MM-DD, not '{bad[0]}'")
    asked = any((q.strip(), outlet, date_from, date_to, entity, story))
    result = None
    if asked:
        result = st.search(q, outlet=outlet or None, date_from=date_from or None, date_to=date_to or None,
                           entity=entity or None, story=story or None, limit=20, offset=offset)
    hits = [(h, *_snippet(h)) for h in result.items] if result else []
    form = {"q": q, "outlet": outlet, "date_from": date_from, "date_to": date_to, "entity": entity, "story": story}
    return html("search.html.j2", request, result=result, hits=hits, form=form, outlets=st.outlets(), title="بحث")


def _snippet(h) -> tuple[str, str, str]:
    """The snippet cut around the match, so the match can be marked."""
    s0 = getattr(h, "snippet_start", None)
    text = h.snippet or ""
    if s0 is None or not (0 <= h.start - s0 <= h.end - s0 <= len(text)) or h.end <= h.start:
        return text, "", ""
    a, b = h.start - s0, h.end - s0
    return text[:a], text[a:b], text[b:]


@router.get("/upload")
def upload_form(request: Request):
    return html("upload.html.j2", request, result=None, title="إضافة مقالات")


@router.post("/upload")
async def upload(
    request: Request,
    files: list[UploadFile] = File(default=[]),
    text: str = Form(""),
    title: str = Form(""),
    outlet: str = Form(""),
    date: str = Form(""),
    url: str = Form(""),
    token: str | None = Form(None),
):
    service.check_token(request, token)
    result = await service.ingest(request, files, text, title, outlet, date, url)
    return html("upload.html.j2", request, result=result, title="إضافة مقالات")
