"""``tabayyun watch``: poll RSS/Atom feeds and local folders, ingest what is
new into a store, let the store cluster it into stories and rebuild their
dossiers, and raise an alert when a story gains a dispute, an attribution
conflict or a contradiction it did not have.

State (items seen, HTTP validators, findings already alerted) lives in a small
JSON file next to the database, so a restart neither re-ingests nor re-alerts.
A dead, broken or hostile feed is reported and skipped; the others go on."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import re
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from ..ingest.formats import Unit, feed_units, html_units
from ..ingest.readers import finish, read_inputs
from ..model import Article, Dossier, Skipped
from ..settings import Settings
from .fetch import Fetcher

log = logging.getLogger(__name__)

ALERT_KINDS = {"disputes": "dispute", "attribution_conflicts": "attribution-conflict",
               "contradictions": "contradiction"}
_HTML_START = re.compile(rb"^\s*(?:<!doctype html|<html)", re.I)
_FILE_TYPES = (".txt", ".html", ".htm", ".json", ".jsonl", ".xml", ".rss", ".atom")


@dataclass
class Alert:
    story: str
    kind: str  # dispute, attribution-conflict, contradiction
    title: str
    finding: dict
    at: str

    def line(self) -> str:
        return f"ALERT {self.kind} in story {self.story} ({self.title}): {_describe(self.kind, self.finding)}"


@dataclass
class PassReport:
    sources: int = 0
    new_items: int = 0
    added: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (feed, what went wrong)
    alerts: list[Alert] = field(default_factory=list)


def read_sources(path: Path) -> list[str]:
    """One feed URL or local folder per line; blank lines and # comments ignored."""
    lines = path.read_text("utf-8").splitlines()
    return [x.strip() for x in lines if x.strip() and not x.lstrip().startswith("#")]


def default_state_path(store_url: str) -> Path:
    """Next to a SQLite file; in the working folder for a server database."""
    if store_url.startswith("sqlite:///"):
        return Path(store_url[len("sqlite:///"):] + ".watch.json")
    if "://" not in store_url:  # the store shows a SQLite file as its path
        return Path(store_url + ".watch.json")
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", store_url.split("@")[-1])[:60]
    return Path(f"tabayyun-watch-{name}.json")


def parse_every(text: str) -> float:
    """"30s", "5m", "1h", "90" (seconds) -> seconds."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smh]?)\s*", text or "")
    if not m:
        raise ValueError(f"not a duration: {text!r} (use 30s, 5m, 1h)")
    return float(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600}[m.group(2)]


class Watcher:
    def __init__(self, sources: list[str], store, state_path: Path, settings: Settings | None = None,
                 fetcher: Fetcher | None = None, alerts_path: Path | None = None, webhook: str | None = None,
                 emit: Callable[[str], None] = print, max_items: int = 500, fetch_pages: bool = True):
        self.sources, self.store, self.state_path = sources, store, Path(state_path)
        self.settings = settings or Settings()
        self.fetcher = fetcher or Fetcher()
        self.alerts_path, self.webhook, self.emit = alerts_path, webhook, emit
        self.max_items, self.fetch_pages = max_items, fetch_pages
        self.state = self._load()
        self.fetcher.validators.update({k: tuple(v) for k, v in self.state["validators"].items()})

    # ------------------------------------------------------------ state
    def _load(self) -> dict:
        empty = {"seen": {}, "validators": {}, "files": {}, "alerted": {}}
        if not self.state_path.exists():
            return empty
        try:
            data = json.loads(self.state_path.read_text("utf-8"))
        except (OSError, ValueError) as exc:
            log.warning("watch state %s unreadable (%s): starting afresh", self.state_path, exc)
            return empty
        return {k: data.get(k, v) for k, v in empty.items()}

    def _save(self) -> None:
        self.state["validators"] = {k: list(v) for k, v in self.fetcher.validators.items()}
        tmp = self.state_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.state, ensure_ascii=False), encoding="utf-8")
        tmp.replace(self.state_path)

    # ------------------------------------------------------------ one pass
    def poll_once(self) -> PassReport:
        rep = PassReport(sources=len(self.sources))
        articles: list[Article] = []
        for src in self.sources:
            try:
                got = self._local(src, rep) if not src.startswith(("http://", "https://")) else self._feed(src, rep)
            except Exception as exc:  # noqa: BLE001 — one bad source must never stop the others
                log.exception("source %s failed", src)
                rep.errors.append((src, f"{type(exc).__name__}: {exc}"))
                continue
            articles += got
        rep.new_items = len(articles)
        if articles:
            res = self.store.add(articles, self.settings)
            rep.added = len(res.added)
            rep.skipped += list(res.skipped)
            for sid in res.stories:
                rep.alerts += self._alerts(sid)
        for a in rep.alerts:
            self._send(a)
        self._save()
        return rep

    def _feed(self, url: str, rep: PassReport) -> list[Article]:
        r = self.fetcher.get(url)
        if r.status == 304:
            return []
        if r.error:
            rep.errors.append((url, r.error))
            return []
        if "html" in r.content_type.lower() or _HTML_START.match(r.body[:200]):
            rep.errors.append((url, "not a feed (an HTML page)"))
            return []
        bozo = _bozo(r.body)
        if bozo:
            # feedparser salvages what it can from broken XML: say so, keep what came
            rep.errors.append((url, f"invalid feed XML ({bozo}); readable items kept"))
        seen = set(self.state["seen"].get(url, []))
        out: list[Article] = []
        new_keys = []
        for u in feed_units(r.body, url):
            if isinstance(u, Skipped):
                if "#" in u.source:
                    rep.skipped.append(u)
                else:
                    rep.errors.append((url, u.reason))
                continue
            key = u.meta.external_id or u.meta.url or hashlib.sha1(u.raw.encode()).hexdigest()
            if key in seen:
                continue  # a feed that repeats the same items forever costs nothing
            seen.add(key)
            new_keys.append(key)
            if len(out) >= self.max_items:
                break
            u = self._full_text(u)
            for item in finish(iter([u]), self.settings):
                (rep.skipped.append(item) if isinstance(item, Skipped) else out.append(item))
        self.state["seen"][url] = (self.state["seen"].get(url, []) + new_keys)[-5000:]
        return out

    def _full_text(self, u: Unit) -> Unit:
        """Feeds often carry a teaser only: fetch the page when the entry is short."""
        if not self.fetch_pages or len(u.raw) >= 600 or not u.meta.url:
            return u
        r = self.fetcher.get(u.meta.url, conditional=False)
        if r.error or not r.body:
            return u
        page = next(iter(html_units(r.body.decode("utf-8", "replace"), u.meta.source, u.meta.url)), None)
        if isinstance(page, Unit) and len(page.raw) > len(u.raw):
            meta = dataclasses.replace(u.meta, title=u.meta.title or page.meta.title)
            return Unit(page.raw, meta)
        return u

    def _local(self, folder: str, rep: PassReport) -> list[Article]:
        p = Path(folder)
        if not p.is_dir():
            rep.errors.append((folder, "not a URL and not a folder"))
            return []
        known = self.state["files"].setdefault(folder, {})
        out: list[Article] = []
        for f in sorted(q for q in p.rglob("*") if q.is_file() and q.suffix.lower() in _FILE_TYPES):
            st = f.stat()
            sig = [st.st_mtime_ns, st.st_size]
            if known.get(str(f)) == sig:
                continue
            known[str(f)] = sig
            for item in read_inputs([f], self.settings):
                (rep.skipped.append(item) if isinstance(item, Skipped) else out.append(item))
        return out

    # ------------------------------------------------------------ alerts
    def _alerts(self, sid: str) -> list[Alert]:
        d: Dossier | None = self.store.story(sid)
        if d is None:
            return []
        done = set(self.state["alerted"].get(sid, []))
        title = _title(d)
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        out = []
        for field_name, kind in ALERT_KINDS.items():
            for rec in getattr(d, field_name):
                data = dataclasses.asdict(rec)
                key = _key(kind, data)
                if key not in done:
                    done.add(key)
                    out.append(Alert(sid, kind, title, data, now))
        self.state["alerted"][sid] = sorted(done)
        return out

    def _send(self, a: Alert) -> None:
        self.emit(a.line())
        payload = json.dumps(dataclasses.asdict(a), ensure_ascii=False)
        if self.alerts_path:
            with open(self.alerts_path, "a", encoding="utf-8") as fh:
                fh.write(payload + "\n")
        if self.webhook:
            req = urllib.request.Request(self.webhook, data=payload.encode("utf-8"), method="POST",
                                         headers={"Content-Type": "application/json"})
            try:
                urllib.request.urlopen(req, timeout=self.fetcher.timeout).close()
            except OSError as exc:
                log.warning("webhook %s failed: %s", self.webhook, exc)

    def run(self, every: float, passes: int | None = None, report: Callable[[PassReport], None] | None = None) -> None:
        n = 0
        while passes is None or n < passes:
            started = time.monotonic()
            rep = self.poll_once()
            if report:
                report(rep)
            n += 1
            if passes is not None and n >= passes:
                break
            time.sleep(max(0.0, every - (time.monotonic() - started)))


def _bozo(body: bytes) -> str | None:
    import feedparser

    parsed = feedparser.parse(body)
    exc = parsed.get("bozo_exception")
    if not parsed.get("bozo") or exc is None or "CharacterEncodingOverride" in type(exc).__name__:
        return None
    return str(exc)[:100] or type(exc).__name__


def _key(kind: str, data: dict) -> str:
    """What makes a finding new: a dispute gaining a value is a new alert; the
    same finding re-derived after an unrelated article arrives is not."""
    if kind == "dispute":
        vals = sorted({(f.get("value"), f.get("low"), f.get("high")) for f in data.get("figures", [])}, key=str)
        core = [data.get("fact"), vals]
    elif kind == "attribution-conflict":
        core = [data.get("fact"), data.get("value"), sorted(data.get("claimants", []))]
    else:
        core = [data.get("kind"), data.get("a"), data.get("b")]
    return hashlib.sha1(json.dumps([kind, core], ensure_ascii=False, sort_keys=True, default=str).encode()).hexdigest()[:16]


def _title(d: Dossier) -> str:
    for a in d.articles:
        if a.meta.title:
            return a.meta.title[:90]
        if a.sentences:
            s = a.sentences[0]
            return a.text[s.start:s.end][:90]
    return ""


def _num(v) -> str:
    """20.0 -> "20" (a range's ends are floats in the JSON); an open end stays empty."""
    return f"{v:g}" if isinstance(v, (int, float)) else ""


def _describe(kind: str, f: dict) -> str:
    if kind == "dispute":
        vals = []
        for x in f.get("figures", []):
            v = x.get("value")
            who = x.get("claimant_label") or x.get("outlet")
            vals.append(f"{v:g} ({who})" if isinstance(v, (int, float)) else f"{_num(x.get('low'))}–{_num(x.get('high'))} ({who})")
        return f"{f.get('fact')}: " + " / ".join(vals)
    if kind == "attribution-conflict":
        return f"{f.get('fact')}: {f.get('value'):g} credited to {', '.join(f.get('claimants', []))}"
    return f"{f.get('kind')}: {f.get('explanation', '')}"
