"""Safety: escaping, upload limits and types, tokens, read-only, same origin."""

import pytest
from typer.testing import CliRunner

from tabayyun.web.guard import is_loopback

SCRIPT_TEXT = (
    "أعلنت وزارة الدفاع الأذربيجانية اليوم بدء عملية في قره باغ.\n"
    '<script>alert("pwned")</script> وقال متحدث إن <img src=x onerror=alert(1)> 7 جنود قتلوا.\n'
)


def test_script_in_an_article_renders_as_text(make_client):
    c = make_client()
    r = c.post("/api/articles", data={"text": SCRIPT_TEXT, "title": "<b>عنوان</b>"})
    assert r.status_code == 201, r.text
    aid = r.json()["added"][0]
    assert "<script>" in c.get(f"/api/articles/{aid}").json()["text"]  # kept as data …
    for path in (f"/articles/{aid}", f"/stories/{r.json()['stories'][0]}", "/search?q=متحدث"):
        page = c.get(path).text
        assert "<script>alert" not in page and "<img src=x" not in page and "<b>عنوان" not in page, path
    assert "&lt;script&gt;alert" in c.get(f"/articles/{aid}").text  # … and shown as text


def test_too_large_upload_is_413(make_client):
    c = make_client(max_upload=2_000)
    r = c.post("/api/articles", files=[("files", ("big.txt", ("نص " * 2000).encode(), "text/plain"))])
    assert r.status_code == 413 and r.json()["error"]["code"] == "payload_too_large"
    r = c.post("/upload", files=[("files", ("big.txt", ("نص " * 2000).encode(), "text/plain"))])
    assert r.status_code == 413 and 'dir="rtl"' in r.text


@pytest.mark.parametrize("name,ctype", [("photo.png", "image/png"), ("doc.pdf", "application/pdf"), ("a.txt", "image/jpeg"), ("run.exe", "application/octet-stream")])
def test_wrong_file_type_is_415(make_client, name, ctype):
    r = make_client().post("/api/articles", files=[("files", (name, b"data", ctype))])
    assert r.status_code == 415 and r.json()["error"]["code"] == "unsupported_media_type"


def test_json_body_is_415(make_client):
    r = make_client().post("/api/articles", json={"text": "نص"})
    assert r.status_code == 415


def test_nothing_to_add_is_400(make_client):
    r = make_client().post("/api/articles", data={"text": "   "})
    assert r.status_code == 400 and r.json()["error"]["code"] == "bad_request"


def test_writes_need_the_token_when_one_is_set(make_client):
    c = make_client(token="s3cret")
    text = "قال الرئيس الأذربيجاني إلهام علييف اليوم إن العملية في قره باغ انتهت."
    r = c.post("/api/articles", data={"text": text})
    assert r.status_code == 403 and r.json()["error"]["code"] == "token_required"
    assert c.post("/api/articles", data={"text": text}, headers={"Authorization": "Bearer wrong"}).status_code == 403
    assert c.post("/api/articles", data={"text": text}, headers={"Authorization": "Bearer s3cret"}).status_code == 201
    assert c.post("/upload", data={"text": text + " ثانية", "token": "s3cret"}).status_code == 200
    assert c.get("/api/stories").status_code == 200  # reads stay open
    assert 'name="token"' in c.get("/upload").text


def test_read_only_refuses_writes(make_client, writable):
    c = make_client(read_only=True)
    before = writable.counts()
    r = c.post("/api/articles", data={"text": "قال مسؤول أرميني إن 3 مدنيين قتلوا."})
    assert r.status_code == 403 and r.json()["error"]["code"] == "read_only"
    assert c.post("/upload", data={"text": "نص"}).status_code == 403
    assert writable.counts() == before
    assert c.get("/").status_code == 200 and 'href="/upload"' not in c.get("/").text


def test_cross_origin_writes_are_refused(make_client):
    r = make_client().post("/api/articles", data={"text": "نص عربي"}, headers={"Origin": "http://evil.example"})
    assert r.status_code == 403


def test_duplicate_upload_changes_nothing(make_client, seed_dir):
    c = make_client()
    first = sorted(seed_dir.glob("*.txt"))[0]
    r = c.post("/api/articles", files=[("files", (first.name, first.read_bytes(), "text/plain"))])
    assert r.status_code == 200 and r.json()["added"] == [] and r.json()["duplicates"] == 1


@pytest.mark.parametrize("host,loop", [("127.0.0.1", True), ("localhost", True), ("::1", True), ("0.0.0.0", False), ("192.168.1.5", False)])
def test_loopback(host, loop):
    assert is_loopback(host) is loop


def test_serve_binds_loopback_by_default_and_refuses_foreign_db(tmp_path):
    from tabayyun.cli import app

    runner = CliRunner()
    assert "127.0.0.1" in runner.invoke(app, ["serve", "--help"]).output
    junk = tmp_path / "notours.db"
    junk.write_bytes(b"this is not a database at all" * 100)
    r = runner.invoke(app, ["serve", "--db", str(junk)])
    assert r.exit_code == 2 and "error:" in r.output
