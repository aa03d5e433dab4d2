"""Store search bounds and order, and the web outlet page, on real-shaped data."""

import json

import pytest

from tabayyun.store import Store
from tabayyun.store.query import date_upper

from qa_texts import FLOOD, FLOOD2, FOOTBALL


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    d = tmp_path_factory.mktemp("qa-store")
    rows = [
        {"text": FLOOD, "source": "okaz", "date": "2015-08-03T09:00:00", "title": "سيول جدة صباحا"},
        {"text": FLOOD2, "source": "alriyadh", "date": "2015-08-03T21:30:00", "title": "سيول جدة مساء"},
        {"text": FOOTBALL + "وشهدت جدة مباراة أخرى.\n", "source": "okaz", "date": "2015-07-30", "title": "الهلال"},
    ]
    (d / "day.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n")
    path = d / "qa.db"
    with Store.open(path) as s:
        s.add([str(d / "day.jsonl")])
    return path


def test_to_bound_covers_the_whole_month_or_year():
    assert date_upper("2015-08") == "2015-08-31" and date_upper("2015") == "2015-12-31"
    assert date_upper("2015-08-03") == "2015-08-03"


def test_search_to_a_month_includes_its_days(db):
    # --to 2015-08 compared "2015-08-03…" <= "2015-08" and found nothing
    with Store.open(db, read_only=True) as s:
        assert s.search("جدة", date_to="2015-08").total == 3
        assert s.search("جدة", date_to="2015-07").total == 1
        assert s.search("جدة", date_from="2015-08-01", date_to="2015-08-03").total == 2


def test_search_is_newest_first_within_a_day(db):
    # hits of one day came in article-id order, not by time
    with Store.open(db, read_only=True) as s:
        titles = [h.title for h in s.search("جدة").items]
    assert titles == ["سيول جدة مساء", "سيول جدة صباحا", "الهلال"]


def test_outlet_page_loads_each_article_once(db, monkeypatch):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from tabayyun.web import WebConfig, create_app

    with Store.open(db, read_only=True) as s:
        calls = []
        real = s.article
        monkeypatch.setattr(s, "article", lambda aid: calls.append(aid) or real(aid))
        r = TestClient(create_app(s, WebConfig(read_only=True))).get("/outlets/okaz")
        assert r.status_code == 200
        assert calls and len(calls) == len(set(calls))  # was once per figure, seconds on a busy outlet


def test_upload_with_a_wrong_field_name_says_which_fields(db, tmp_path):
    pytest.importorskip("fastapi")
    import shutil

    from fastapi.testclient import TestClient

    from tabayyun.web import WebConfig, create_app

    copy = tmp_path / "w.db"
    shutil.copy(db, copy)
    with Store.open(copy) as s:
        c = TestClient(create_app(s, WebConfig()))
        r = c.post("/api/articles", files={"file": ("a.txt", FLOOD.encode(), "text/plain")})
        assert r.status_code == 400
        assert "form field 'files'" in r.json()["error"]["message"]
        r = c.post("/api/articles", files={"files": ("a.txt", FOOTBALL.encode() + "وانتهى اللقاء.".encode(), "text/plain")})
        assert r.status_code == 201 and len(r.json()["added"]) == 1


def test_a_database_url_of_another_kind_is_refused_clearly():
    # mysql:// ended in a ModuleNotFoundError traceback
    from tabayyun.store import StoreError

    with pytest.raises(StoreError, match="unsupported database mysql://u:\\*\\*\\*@h/db"):
        Store.open("mysql://u:secret@h/db")
