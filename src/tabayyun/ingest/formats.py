"""One reader per input format. Each turns decoded text into ``Unit``s (raw body
plus the metadata the input carried) or ``Skipped`` records with a reason."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone

from ..errors import Reasons
from ..model import Meta, Published, Skipped
from ..settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Unit:
    raw: str
    meta: Meta


_TAG_RE = re.compile(r"<(?:p|div|br|span|a|h[1-6]|article|body|html|li|strong|em)\b", re.I)


# ---------------------------------------------------------------- dates from metadata


def parse_meta_date(value) -> Published:
    """A publication date as given by metadata (ISO, RFC 822, epoch, or a struct)."""
    if value in (None, ""):
        return Published()
    try:
        if isinstance(value, (int, float)):
            dt = datetime.fromtimestamp(float(value), tz=timezone.utc)
            return Published(dt.isoformat(), "minute", "metadata", 1.0)
        if hasattr(value, "tm_year"):  # time.struct_time from feedparser
            dt = datetime(*value[:6], tzinfo=timezone.utc)
            return Published(dt.isoformat(), "minute", "metadata", 1.0)
        text = str(value).strip()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            datetime.fromisoformat(text)
            return Published(text, "day", "metadata", 1.0)
        try:
            dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
            return Published(dt.isoformat(), "minute", "metadata", 1.0)
        except ValueError:
            pass
        from email.utils import parsedate_to_datetime

        dt = parsedate_to_datetime(text)
        return Published(dt.isoformat(), "minute", "metadata", 1.0)
    except (ValueError, TypeError, OverflowError, IndexError):
        log.info("unreadable date in metadata: %r", value)
        return Published()


def _first(record: dict, fields: tuple[str, ...]):
    for f in fields:
        v = record.get(f)
        if v not in (None, "", [], {}):
            return v
    return None


def _as_text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value if v)
    if isinstance(value, dict):
        value = value.get("name") or value.get("value") or ""
    value = str(value).strip()
    return value or None


# ---------------------------------------------------------------- html


MIN_HTML_WORDS = 3


def html_units(html: str, source: str, url: str | None = None) -> Iterator[Unit | Skipped]:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, url=url, include_comments=False)
    except Exception as exc:  # trafilatura raises various errors on broken markup
        log.info("trafilatura failed on %s: %s", source, exc)
        doc = None
    text = getattr(doc, "text", None) if doc is not None else None
    # a page of menus alone comes back as a word or two ("home"): that is no article
    if not text or len(text.split()) < MIN_HTML_WORDS:
        yield Skipped(source, Reasons.NO_ARTICLE_HTML)
        return
    outlet = getattr(doc, "sitename", None) or None
    meta = Meta(
        source=source,
        url=getattr(doc, "url", None) or url,
        title=getattr(doc, "title", None),
        author=getattr(doc, "author", None),
        outlet=outlet,
        outlet_how="metadata" if outlet else None,
        published=parse_meta_date(getattr(doc, "date", None)),
    )
    yield Unit(text, meta)


def html_fragment_to_text(fragment: str) -> str:
    """Text of a small HTML fragment (feed summaries), paragraphs on their own lines."""
    import lxml.html

    try:
        root = lxml.html.fromstring(fragment)
    except Exception:
        return re.sub(r"<[^>]+>", " ", fragment)
    for el in root.iter("br", "p", "div", "li", "h1", "h2", "h3", "h4"):
        el.tail = "\n" + (el.tail or "")
    return root.text_content()


# ---------------------------------------------------------------- json / jsonl


def record_unit(record, source: str, settings: Settings) -> Unit | Skipped:
    if not isinstance(record, dict):
        return Skipped(source, Reasons.NOT_OBJECT)
    text = _first(record, settings.text_fields)
    if not isinstance(text, str) or not text.strip():
        # a field that is there but blank is not a missing field: say which
        blank = next((f for f in settings.text_fields if isinstance(record.get(f), str)), None)
        if blank is not None and (text is None or isinstance(text, str)):
            return Skipped(source, Reasons.EMPTY_TEXT_FIELD.format(field=blank))
        return Skipped(source, Reasons.NO_TEXT_FIELD.format(fields="/".join(settings.text_fields)))
    if _TAG_RE.search(text[:2000]):
        text = html_fragment_to_text(text)
    outlet = _as_text(_first(record, settings.outlet_fields))
    meta = Meta(
        source=source,
        outlet=outlet,
        outlet_how="metadata" if outlet else None,
        url=_as_text(_first(record, settings.url_fields)),
        title=_as_text(_first(record, settings.title_fields)),
        author=_as_text(_first(record, settings.author_fields)),
        published=parse_meta_date(_first(record, settings.date_fields)),
        external_id=_as_text(_first(record, settings.id_fields)),
    )
    return Unit(text, meta)


def jsonl_units(lines: Iterator[str], source: str, settings: Settings) -> Iterator[Unit | Skipped]:
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{source}:{n}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skipped(where, Reasons.BAD_JSON.format(detail=f"{exc.msg} (column {exc.colno})"))
            continue
        yield record_unit(record, where, settings)


def json_units(text: str, source: str, settings: Settings) -> Iterator[Unit | Skipped]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        # many ".json" files are really JSON Lines
        if exc.msg == "Extra data":
            yield from jsonl_units(iter(text.splitlines()), source, settings)
            return
        yield Skipped(source, Reasons.BAD_JSON.format(detail=f"{exc.msg} (line {exc.lineno})"))
        return
    if isinstance(data, dict):
        for key in ("articles", "items", "documents", "data"):
            if isinstance(data.get(key), list):
                data = data[key]
                break
    if isinstance(data, list):
        for i, record in enumerate(data):
            yield record_unit(record, f"{source}[{i}]", settings)
    else:
        yield record_unit(data, source, settings)


# ---------------------------------------------------------------- feeds


def feed_units(data: bytes | str, source: str) -> Iterator[Unit | Skipped]:
    import feedparser

    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        detail = str(parsed.get("bozo_exception") or "no entries")
        yield Skipped(source, Reasons.BAD_FEED.format(detail=detail[:120]) if parsed.get("bozo") else Reasons.EMPTY_FEED)
        return
    feed_title = _as_text(parsed.get("feed", {}).get("title"))
    for i, e in enumerate(entries):
        where = f"{source}#{e.get('id') or i}"
        body = ""
        if e.get("content"):
            body = max((c.get("value", "") for c in e["content"]), key=len)
        body = body or e.get("summary", "") or ""
        if _TAG_RE.search(body[:2000]) or "<" in body[:200]:
            body = html_fragment_to_text(body)
        if not body.strip():
            yield Skipped(where, Reasons.EMPTY)
            continue
        date = e.get("published_parsed") or e.get("updated_parsed")
        meta = Meta(
            source=where,
            url=e.get("link"),
            title=_as_text(e.get("title")),
            author=_as_text(e.get("author")),
            outlet=feed_title,
            outlet_how="metadata" if feed_title else None,
            published=parse_meta_date(date),
            external_id=_as_text(e.get("id")),
        )
        yield Unit(body, meta)
