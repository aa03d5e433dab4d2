"""One error shape for the whole API: ``{"error": {"code", "message"}}``.

Pages get the same status with a small HTML page instead."""

from __future__ import annotations

import logging

from pydantic import BaseModel
from starlette.exceptions import HTTPException

log = logging.getLogger(__name__)

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_parameters",
    500: "internal_error",
}


class WebError(HTTPException):
    """Raised by routes and middleware; turned into the error shape. An
    HTTPException, so FastAPI passes it through body parsing unchanged."""

    def __init__(self, status: int, message: str, code: str | None = None):
        super().__init__(status, message)
        self.status = status
        self.message = message
        self.code = code or CODES.get(status, "error")


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorBody(BaseModel):
    error: ErrorDetail


def body(status: int, message: str, code: str | None = None) -> dict:
    return {"error": {"code": code or CODES.get(status, "error"), "message": message}}


# for OpenAPI: every API route documents the same error body
ERROR_RESPONSES = {s: {"model": ErrorBody, "description": CODES[s]} for s in (400, 403, 404, 413, 415, 422, 500)}
