"""The JSON API in-process over a real SQLite store holding the bundled example."""

import csv
import io

import pytest

from tabayyun.web import create_app


def is_error(r, status, code=None):
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["message"]
    if code:
        assert body["error"]["code"] == code
    return body["error"]


def test_stories_are_paginated(client):
    r = client.get("/api/stories")
    assert r.status_code == 200
    page = r.json()
    assert set(page) == {"items", "total", "limit", "offset"}
    assert page["total"] >= 1 and page["items"][0]["articles"] >= 1
    one = client.get("/api/stories", params={"limit": 1, "offset": 0}).json()
    assert len(one["items"]) == 1 and one["limit"] == 1
    assert client.get("/api/stories", params={"offset": page["total"]}).json()["items"] == []


def test_story_dossier_is_the_json_dossier(client, story_id, dossier):
    data = client.get(f"/api/stories/{story_id}").json()
    assert len(data["articles"]) == len(dossier.articles)
    assert {s["article"] for s in data["sources"]} == {a.id for a in dossier.articles}
    assert "tokens" not in data["articles"][0]
    r = client.get(f"/api/stories/{story_id}", params={"download": "true"})
    assert "attachment" in r.headers["content-disposition"]


def test_article_has_every_layer_and_its_story(client, dossier, story_id):
    a = dossier.articles[0]
    data = client.get(f"/api/articles/{a.id}").json()
    assert data["text"] == a.text and data["story"] == story_id
    for layer in ("sentences", "entities", "times", "quantities", "statements", "frames"):
        assert layer in data
    assert len(data["entities"]) == len(a.entities) > 0
    assert "tokens" not in data and "tokens" in client.get(f"/api/articles/{a.id}", params={"full": "true"}).json()


def test_entity_mentions_and_stories(client, dossier, story_id):
    e = max(dossier.entities, key=lambda e: len(e.mentions))
    data = client.get(f"/api/entities/{e.id}", params={"limit": 2}).json()
    assert data["entity"]["label"] == e.label and story_id in data["stories"]
    assert data["mentions"]["total"] >= 2 and len(data["mentions"]["items"]) == 2
    assert data["mentions"]["items"][0]["article"] in {a.id for a in dossier.articles}


def test_outlets(client, store):
    rows = client.get("/api/outlets").json()
    assert rows["total"] == len(store.outlets()) >= 1
    name = rows["items"][0]["name"]
    one = client.get(f"/api/outlets/{name}").json()
    assert one["name"] == name and len(one["articles"]) == rows["items"][0]["articles"]


def test_search_is_arabic_aware(client):
    # the seeds write "قره باغ"; a reader types it with ta marbuta and a clitic
    page = client.get("/api/search", params={"q": "وقرة باغ"}).json()
    assert page["total"] >= 1
    hit = page["items"][0]
    assert {"article", "snippet", "start", "end", "story"} <= set(hit)


def test_search_filters_by_story_and_outlet(client, story_id, store):
    assert client.get("/api/search", params={"q": "أذربيجان", "story": story_id}).json()["total"] >= 1
    assert client.get("/api/search", params={"q": "أذربيجان", "story": "no-such-story"}).json()["total"] == 0
    outlet = store.outlets()[0].name
    hits = client.get("/api/search", params={"q": "أذربيجان", "outlet": outlet}).json()["items"]
    assert all(h["outlet"] == outlet for h in hits)


@pytest.mark.parametrize("q", ["' OR 1=1 --", '"', "NEAR(", "*", "a) OR (b", "x; DROP TABLE articles; --", "%_\\", "قره باغ\" OR \"", "^-:"])
def test_sql_ish_search_strings_are_just_text(client, store, q):
    before = store.counts()
    r = client.get("/api/search", params={"q": q})
    assert r.status_code == 200, r.text
    assert set(r.json()) == {"items", "total", "limit", "offset"}
    assert store.counts() == before


def test_exports_are_csv(client, story_id, dossier):
    r = client.get(f"/api/stories/{story_id}/figures.csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(r.text)))
    assert len(rows) == len(dossier.figures) + 1
    r = client.get(f"/api/stories/{story_id}/statements.csv")
    assert r.status_code == 200 and len(list(csv.reader(io.StringIO(r.text)))) > 1


@pytest.mark.parametrize("path", ["/api/stories/nope", "/api/articles/nope", "/api/entities/nope",
                                  "/api/outlets/nope", "/api/stories/nope/figures.csv", "/api/no-such-route"])
def test_unknown_ids_are_404_in_the_error_shape(client, path):
    is_error(client.get(path), 404, "not_found")


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 5000}, {"offset": -1}, {"limit": "ten"}])
def test_bad_pagination_is_422(client, params):
    message = is_error(client.get("/api/stories", params=params), 422, "invalid_parameters")["message"]
    assert next(iter(params)) in message


def test_bad_dates_and_huge_queries_are_422(client):
    is_error(client.get("/api/search", params={"date_from": "yesterday"}), 422)
    is_error(client.get("/api/search", params={"q": "ب" * 600}), 422)


def test_a_crash_is_500_in_the_error_shape(store):
    from fastapi.testclient import TestClient

    class Broken:
        def stories(self, **kw):
            raise RuntimeError("disk on fire")

    c = TestClient(create_app(Broken()), raise_server_exceptions=False)
    err = is_error(c.get("/api/stories"), 500, "internal_error")
    assert "disk on fire" not in err["message"]  # no internals leak
    r = c.get("/")
    assert r.status_code == 500 and 'dir="rtl"' in r.text


def test_openapi_and_offline_docs(client):
    spec = client.get("/api/openapi.json").json()
    for path in ("/api/stories", "/api/stories/{story_id}", "/api/articles/{article_id}", "/api/entities/{entity_id}",
                 "/api/outlets", "/api/outlets/{name}", "/api/search", "/api/stories/{story_id}/figures.csv"):
        assert path in spec["paths"], path
    assert "404" in spec["paths"]["/api/stories/{story_id}"]["get"]["responses"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "https://" not in docs.text  # no CDN: works offline
    assert client.get("/docs/swagger-ui-bundle.js").status_code == 200
