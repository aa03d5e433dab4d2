"""Write protection, as ASGI middleware so it runs before any body is parsed:
read-only mode, same-origin check, upload size and content type. The token
itself is checked in the write routes (it may come as a form field)."""

from __future__ import annotations

import hmac
from urllib.parse import urlsplit

from .errors import WebError

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}


def is_loopback(host: str) -> bool:
    return host in LOOPBACK or host.startswith("127.")


def token_ok(expected: str | None, given: str | None) -> bool:
    if not expected:
        return True
    return bool(given) and hmac.compare_digest(expected.encode(), given.encode())


def bearer(headers: dict[str, str]) -> str | None:
    auth = headers.get("authorization", "")
    return auth[7:].strip() if auth.lower().startswith("bearer ") else None


class Guard:
    def __init__(self, app, config, respond):
        self.app = app
        self.config = config
        self.respond = respond  # (path, WebError) -> ASGI response

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] in SAFE_METHODS:
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        try:
            self.check(headers)
        except WebError as exc:
            return await self.respond(scope["path"], exc)(scope, receive, send)
        limit, seen = self.config.max_upload, 0

        async def counted():
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > limit:  # a body sent without (or lying about) its length
                raise WebError(413, f"upload larger than the limit of {limit:,} bytes")
            return message

        scope.setdefault("state", {})["bearer"] = bearer(headers)
        return await self.app(scope, counted, send)

    def check(self, headers: dict[str, str]) -> None:
        cfg = self.config
        if cfg.read_only:
            raise WebError(403, "this server is read-only (started with --read-only)", "read_only")
        origin = headers.get("origin")
        if origin and urlsplit(origin).netloc != headers.get("host", ""):
            raise WebError(403, "cross-origin write refused", "forbidden")
        length = headers.get("content-length")
        if length and length.isdigit() and int(length) > cfg.max_upload:
            raise WebError(413, f"upload of {int(length):,} bytes is larger than the limit of {cfg.max_upload:,} bytes")
        ctype = headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype not in FORM_TYPES:
            raise WebError(415, f"send multipart/form-data or a url-encoded form, not '{ctype or 'nothing'}'")
