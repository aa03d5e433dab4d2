"""The polite fetcher: conditional GET, retries with backoff, size cap, errors as data."""

from feeds import FeedServer, rss

from tabayyun.scale.fetch import Fetcher


def _fetcher(**kw):
    waits = []
    return Fetcher(per_host=0.0, backoff=0.01, timeout=5, sleep=waits.append, **kw), waits


def test_conditional_get_returns_304_the_second_time():
    with FeedServer() as srv:
        srv.routes["/f"] = (200, "application/rss+xml", rss([{"id": "1", "title": "t", "link": "l", "text": "نص"}]))
        f, _ = _fetcher()
        assert f.get(srv.url + "/f").status == 200
        assert f.get(srv.url + "/f").status == 304
        assert srv.conditional["/f"] == 1


def test_errors_are_reported_not_raised():
    with FeedServer() as srv:
        f, _ = _fetcher(max_bytes=1_000_000)
        assert f.get(srv.url + "/missing").error == "HTTP 404"
        big = f.get(srv.url + "/huge")
        assert big.error and big.error.startswith("too large") and not big.body
        assert f.get("ftp://example.invalid/x").error == "not an http(s) URL"
        dead = f.get("http://127.0.0.1:9/nothing")  # discard port: nothing listens
        assert dead.error and dead.error.startswith("connection failed")


def test_retries_with_backoff_then_succeeds():
    with FeedServer() as srv:
        srv.routes["/flaky"] = (200, "application/rss+xml", b"<rss/>")
        srv.flaky["/flaky"] = 2
        f, waits = _fetcher(retries=2)
        r = f.get(srv.url + "/flaky")
        assert r.status == 200 and srv.hits["/flaky"] == 3
        assert waits == [0.01, 0.02]  # doubling backoff


def test_per_host_rate_limit():
    with FeedServer() as srv:
        srv.routes["/a"] = (200, "text/plain", b"x")
        waits = []
        f = Fetcher(per_host=30.0, sleep=waits.append, timeout=5)
        f.get(srv.url + "/a")
        f.get(srv.url + "/a")
        assert waits and waits[0] > 25  # the second request waited for its turn
