"""``create_app(store, config)``: the FastAPI application (pages + /api)."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException

from .. import __version__
from ..settings import Settings
from . import render
from .errors import CODES, WebError, body
from .guard import Guard

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class WebConfig:
    read_only: bool = False
    token: str | None = None  # when set, every write needs it
    max_upload: int = 5_000_000  # bytes per request
    settings: Settings = field(default_factory=Settings)


def wants_json(path: str) -> bool:
    return path == "/api" or path.startswith("/api/")


def error_response(path: str, exc: WebError):
    if wants_json(path):
        return JSONResponse(body(exc.status, exc.message, exc.code), status_code=exc.status)
    html = render.page("error.html.j2", status=exc.status, code=exc.code, message=exc.message, title=f"خطأ {exc.status}")
    return HTMLResponse(html, status_code=exc.status)


def _validation_message(exc: RequestValidationError) -> str:
    bits = []
    for e in exc.errors()[:5]:
        where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body"))
        bits.append(f"{where}: {e.get('msg', 'invalid')}" if where else str(e.get("msg", "invalid")))
    return "; ".join(bits) or "invalid request"


def create_app(store, config: WebConfig | None = None) -> FastAPI:
    config = config or WebConfig()
    app = FastAPI(
        title="tabayyun",
        version=__version__,
        description="Stories, dossiers, articles, entities, outlets and search over a tabayyun store. "
        'Every error has the shape {"error": {"code", "message"}}.',
        docs_url=None,  # served below from local files: the docs work offline
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.store = store
    app.state.config = config
    app.state.write_lock = threading.Lock()  # one ingest at a time; reads stay concurrent

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        if not isinstance(exc, WebError):
            message = exc.detail if isinstance(exc.detail, str) else CODES.get(exc.status_code, "error")
            if exc.status_code == 404:
                message = f"no such page: {request.url.path}"
            exc = WebError(exc.status_code, message)
        return error_response(request.url.path, exc)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        return error_response(request.url.path, WebError(422, _validation_message(exc)))

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception):
        log.exception("error serving %s", request.url.path)
        return error_response(request.url.path, WebError(500, f"internal error ({type(exc).__name__})"))

    _docs(app)
    from .api import router as api_router
    from .pages import router as pages_router

    app.include_router(api_router)
    app.include_router(pages_router)
    app.add_middleware(Guard, config=config, respond=error_response)
    return app


def _docs(app: FastAPI) -> None:
    """Swagger UI from the swagger-ui-bundle package, not a CDN."""
    from pathlib import Path

    from fastapi.openapi.docs import get_swagger_ui_html
    from fastapi.responses import FileResponse

    try:
        from swagger_ui_bundle import swagger_ui_path
    except ImportError:  # docs are optional; the JSON schema is always there
        return
    files = {"swagger-ui-bundle.js", "swagger-ui.css"}

    @app.get("/docs", include_in_schema=False)
    def docs():
        return get_swagger_ui_html(
            openapi_url=app.openapi_url, title="tabayyun API",
            swagger_js_url="/docs/swagger-ui-bundle.js", swagger_css_url="/docs/swagger-ui.css",
            swagger_favicon_url="/docs/favicon-32x32.png",
        )

    @app.get("/docs/{name}", include_in_schema=False)
    def docs_file(name: str):
        if name not in files | {"favicon-32x32.png"}:
            raise WebError(404, f"no such file: {name}")
        return FileResponse(Path(swagger_ui_path) / name, headers={"Cache-Control": "max-age=86400"})
