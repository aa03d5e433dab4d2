"""The feed watcher against fixture feeds on a loopback server: new items reach
the store once, broken feeds are reported while the others go on, and an alert
goes out when a story gains a dispute."""

import json

import pytest
from feeds import FeedServer, rss

from tabayyun.cli import example_dir
from tabayyun.scale.fetch import Fetcher
from tabayyun.scale.watch import Watcher, default_state_path, parse_every, read_sources
from tabayyun.store import Store

SEEDS = {p.name[:3]: p.read_text("utf-8") for p in sorted(example_dir().glob("*.txt"))}
PAGE = ("<html><head><title>درنة</title></head><body><article><h1>فيضانات درنة</h1>"
        + "<p>قال مسؤولون في شرق ليبيا اليوم إن عدد القتلى جراء الفيضانات التي ضربت مدينة درنة تجاوز 5300 شخص، "
          "فيما لا يزال الآلاف في عداد المفقودين بعد انهيار سدين على وادي درنة.</p>" * 4
        + "</article></body></html>")


def item(key, text, link="http://example.invalid/x"):
    return {"id": key, "title": text.split("\n", 1)[0][:80], "link": link, "text": text}


@pytest.fixture
def world(tmp_path):
    with FeedServer() as srv:
        srv.routes["/news.xml"] = (200, "application/rss+xml", rss([item("s002", SEEDS["002"])]))
        srv.routes["/html"] = (200, "text/html; charset=utf-8", b"<!doctype html><html><body>not a feed</body></html>")
        srv.routes["/invalid.xml"] = (200, "application/rss+xml", b"<rss><channel><item><title>broken")
        srv.routes["/forever.xml"] = (200, "application/rss+xml",
                                      rss([item("short-1", "فيضانات درنة", srv.url + "/page.html")], "قناة المستقبل"))
        srv.routes["/page.html"] = (200, "text/html; charset=utf-8", PAGE.encode("utf-8"))
        folder = tmp_path / "inbox"
        folder.mkdir()
        sources = [srv.url + p for p in ("/news.xml", "/html", "/missing", "/huge", "/invalid.xml", "/forever.xml")]
        sources.append(str(folder))
        store = Store.open(tmp_path / "news.db")
        lines: list[str] = []
        w = Watcher(sources, store, tmp_path / "state.json",
                    fetcher=Fetcher(per_host=0.0, timeout=5, max_bytes=2_000_000, backoff=0.01),
                    alerts_path=tmp_path / "alerts.jsonl", webhook=srv.url + "/hook", emit=lines.append)
        yield srv, store, w, folder, lines, tmp_path
        store.close()


def test_a_pass_reports_bad_feeds_and_keeps_the_rest(world):
    srv, store, w, folder, lines, _ = world
    rep = w.poll_once()
    errors = dict(rep.errors)
    assert errors[srv.url + "/html"] == "not a feed (an HTML page)"
    assert errors[srv.url + "/missing"] == "HTTP 404"
    assert errors[srv.url + "/huge"].startswith("too large")
    assert errors[srv.url + "/invalid.xml"].startswith("invalid feed XML")
    assert rep.added == 2  # the seed from news.xml and the Derna page behind the short item
    assert store.counts()["articles"] == 2
    derna = [h for h in store.search("درنة").items]
    assert derna, "the page behind a teaser entry was fetched and stored"


def test_same_items_forever_cost_nothing(world):
    srv, store, w, folder, lines, _ = world
    w.poll_once()
    rep = w.poll_once()
    assert rep.new_items == 0 and rep.added == 0
    assert srv.conditional.get("/news.xml") == 1  # second pass was a conditional GET -> 304
    assert store.counts()["articles"] == 2


def test_a_new_dispute_raises_one_alert_everywhere(world):
    srv, store, w, folder, lines, tmp = world
    w.poll_once()
    before = len(lines)
    # the outlet publishes the report with the 200 / 32 tolls; a local file brings another
    srv.routes["/news.xml"] = (200, "application/rss+xml",
                               rss([item("s002", SEEDS["002"]), item("s004", SEEDS["004"])]))
    (folder / "000.txt").write_text(SEEDS["000"], encoding="utf-8")
    rep = w.poll_once()
    assert rep.added == 2
    kinds = {a.kind for a in rep.alerts}
    assert "dispute" in kinds, [a.line() for a in rep.alerts]
    new_lines = lines[before:]
    assert any(x.startswith("ALERT dispute") and "200" in x for x in new_lines)
    saved = [json.loads(x) for x in (tmp / "alerts.jsonl").read_text("utf-8").splitlines()]
    assert len(saved) == len(srv.posted) >= len(rep.alerts)
    assert json.loads(srv.posted[-1])["story"]
    # nothing new: no new alert, and a restart (new Watcher, same state) does not re-alert
    assert w.poll_once().alerts == []
    again = Watcher(w.sources, store, tmp / "state.json", fetcher=Fetcher(per_host=0.0, timeout=5), emit=lines.append)
    assert again.poll_once().alerts == []


def test_local_folder_files_are_read_once(world):
    srv, store, w, folder, lines, _ = world
    (folder / "a.txt").write_text(SEEDS["003"], encoding="utf-8")
    (folder / "junk.bin.txt").write_bytes(b"\x00\x01\x02" * 100)
    rep = w.poll_once()
    assert any("junk" in s.source for s in rep.skipped)
    assert rep.added == 3
    assert w.poll_once().added == 0


def test_helpers(tmp_path):
    assert parse_every("5m") == 300 and parse_every("30s") == 30 and parse_every("1h") == 3600
    with pytest.raises(ValueError):
        parse_every("soon")
    f = tmp_path / "feeds.txt"
    f.write_text("# my feeds\nhttps://a.example/rss\n\n  /srv/inbox  \n", encoding="utf-8")
    assert read_sources(f) == ["https://a.example/rss", "/srv/inbox"]
    assert default_state_path("/data/news.db").name == "news.db.watch.json"
    assert default_state_path("postgresql://u:p@db.example:5432/news").name.startswith("tabayyun-watch-")
