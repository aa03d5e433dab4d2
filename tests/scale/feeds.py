"""A loopback HTTP server serving fixture feeds: a good RSS feed with ETag, a
feed that returns HTML, a 404, a 100 MB body, invalid XML, a feed that repeats
the same items forever, a flaky one (500 then 200) and article pages."""

from __future__ import annotations

import threading
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape


def rss(items: list[dict], title: str = "وكالة الاختبار") -> bytes:
    body = "".join(
        f"<item><title>{escape(i['title'])}</title><link>{escape(i['link'])}</link>"
        f"<guid>{escape(i['id'])}</guid><pubDate>{formatdate(1695200000 + n * 3600)}</pubDate>"
        f"<description>{escape(i['text'])}</description></item>"
        for n, i in enumerate(items)
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{escape(title)}</title>'
            f"<link>http://example.invalid/</link><description>x</description>{body}</channel></rss>").encode("utf-8")


class FeedServer:
    def __init__(self):
        self.routes: dict[str, tuple[int, str, bytes]] = {}
        self.hits: dict[str, int] = {}
        self.conditional: dict[str, int] = {}
        self.flaky: dict[str, int] = {}  # path -> failures left
        self.posted: list[bytes] = []  # webhook bodies
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *a):
                pass

            def do_POST(self):
                n = int(self.headers.get("Content-Length") or 0)
                server.posted.append(self.rfile.read(n))
                self.send_response(204)
                self.end_headers()

            def do_GET(self):
                path = self.path
                server.hits[path] = server.hits.get(path, 0) + 1
                if server.flaky.get(path, 0) > 0:
                    server.flaky[path] -= 1
                    self.send_response(500)
                    self.end_headers()
                    return
                if path == "/huge":
                    self.send_response(200)
                    self.send_header("Content-Type", "application/rss+xml")
                    self.end_headers()
                    chunk = b"<" * 65536
                    try:
                        for _ in range(1600):  # 100 MB if anyone read it all
                            self.wfile.write(chunk)
                    except (BrokenPipeError, ConnectionResetError):
                        pass
                    return
                if path not in server.routes:
                    self.send_response(404)
                    self.end_headers()
                    return
                status, ctype, body = server.routes[path]
                etag = f'"{hash(body) & 0xffffffff:x}"'
                if self.headers.get("If-None-Match") == etag:
                    server.conditional[path] = server.conditional.get(path, 0) + 1
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
