"""Outlet inference when the input carries no metadata: byline domain,
"(رويترز)"-style datelines, the URL."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

from ..arabic.normalise import match_key


@lru_cache(maxsize=1)
def agencies() -> dict[str, tuple[str, str]]:
    """Normalised alias -> (canonical label, domain)."""
    out: dict[str, tuple[str, str]] = {}
    data = resources.files("tabayyun.ingest").joinpath("data/agencies.tsv").read_text("utf-8")
    for line in data.splitlines():
        if line.strip() and not line.startswith("#"):
            alias, label, domain = line.split("\t")
            out[match_key(alias)] = (label, domain)
    return out


@lru_cache(maxsize=8192)
def agency(name: str) -> tuple[str, str] | None:
    """Canonical (label, domain) of an agency as written, or None."""
    return agencies().get(match_key(name.strip(" ()-–—")))


# "القاهرة (رويترز) -", "موسكو - (أ ف ب):" at the start of the first paragraph
_DATELINE_RE = re.compile(r"^[^\n()]{0,40}?[\-–—\s]*\((?P<agency>[^()\n]{1,25})\)\s*[\-–—:]")


def from_dateline(text: str) -> tuple[str, int, int] | None:
    """(agency label, start, end of the agency name) if the text opens with a dateline."""
    m = _DATELINE_RE.match(text[:120])
    if m:
        hit = agency(m.group("agency"))
        if hit:
            return hit[0], m.start("agency"), m.end("agency")
    return None


def domain_of(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return host[4:] if host.startswith("www.") else host


def label_for_domain(domain: str) -> str:
    """A known outlet's label for its domain, else the domain itself."""
    for label, dom in agencies().values():
        if domain == dom or domain.endswith("." + dom):
            return label
    return domain
