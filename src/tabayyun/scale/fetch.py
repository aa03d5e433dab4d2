"""A polite HTTP client for feeds, on the standard library: conditional GET
(ETag / Last-Modified), a minimum interval per host, timeouts, retries with
exponential backoff on timeouts and 5xx, and a hard cap on body size (a feed
that answers 100 MB is cut off and reported, not read)."""

from __future__ import annotations

import logging
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

from .. import __version__

log = logging.getLogger(__name__)

USER_AGENT = f"tabayyun/{__version__} (feed watcher; +https://tabayyun.invalid)"


@dataclass
class Response:
    url: str
    status: int  # 200, 304; 0 when nothing usable came back
    body: bytes = b""
    content_type: str = ""
    error: str | None = None  # why there is no body: "HTTP 404", "timeout", "too large (> 5 MB)" …


@dataclass
class Fetcher:
    timeout: float = 15.0
    retries: int = 2
    backoff: float = 1.0  # seconds; doubles each retry
    per_host: float = 1.0  # minimum seconds between two requests to one host
    max_bytes: int = 5_000_000
    validators: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)  # url -> (etag, last-modified)
    _last: dict[str, float] = field(default_factory=dict)
    sleep: callable = time.sleep

    def get(self, url: str, conditional: bool = True) -> Response:
        if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
            return Response(url, 0, error="not an http(s) URL")
        attempt, delay = 0, self.backoff
        while True:
            self._wait(url)
            r = self._once(url, conditional)
            retry = r.error is not None and (r.error == "timeout" or r.error.startswith(("HTTP 5", "connection")))
            if not retry or attempt >= self.retries:
                return r
            attempt += 1
            log.info("retrying %s in %.1fs (%s)", url, delay, r.error)
            self.sleep(delay)
            delay *= 2

    def _wait(self, url: str) -> None:
        host = urllib.parse.urlsplit(url).netloc
        gap = self.per_host - (time.monotonic() - self._last.get(host, -1e9))
        if gap > 0:
            self.sleep(gap)
        self._last[host] = time.monotonic()

    def _once(self, url: str, conditional: bool) -> Response:
        headers = {"User-Agent": USER_AGENT, "Accept": "application/rss+xml, application/atom+xml, application/xml, text/xml, text/html;q=0.5, */*;q=0.1"}
        etag, modified = self.validators.get(url, (None, None)) if conditional else (None, None)
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        req = urllib.request.Request(url, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                length = resp.headers.get("Content-Length")
                if length and length.isdigit() and int(length) > self.max_bytes:
                    return Response(url, 0, error=f"too large ({int(length):,} bytes > {self.max_bytes:,})")
                body = resp.read(self.max_bytes + 1)
                if len(body) > self.max_bytes:
                    return Response(url, 0, error=f"too large (> {self.max_bytes:,} bytes)")
                if conditional:
                    self.validators[url] = (resp.headers.get("ETag"), resp.headers.get("Last-Modified"))
                return Response(url, resp.status, body, resp.headers.get("Content-Type", ""))
        except urllib.error.HTTPError as exc:
            if exc.code == 304:
                return Response(url, 304)
            return Response(url, 0, error=f"HTTP {exc.code}")
        except (socket.timeout, TimeoutError):
            return Response(url, 0, error="timeout")
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, (socket.timeout, TimeoutError)):
                return Response(url, 0, error="timeout")
            return Response(url, 0, error=f"connection failed ({reason})")
        except (OSError, ValueError) as exc:
            return Response(url, 0, error=f"connection failed ({exc})")
