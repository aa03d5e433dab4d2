"""HTML pages: RTL, phone-ready, the dossier live from the store, every layer marked."""

import html
import re

import pytest


def test_stories_page_links_each_story(client, story_id):
    r = client.get("/")
    assert r.status_code == 200
    assert f'href="/stories/{story_id}"' in r.text


@pytest.mark.parametrize("path", ["/", "/search", "/outlets", "/upload"])
def test_every_page_is_rtl_arabic_and_phone_ready(client, path):
    r = client.get(path)
    assert r.status_code == 200
    assert '<html lang="ar" dir="rtl">' in r.text
    assert 'name="viewport" content="width=device-width' in r.text
    assert "http://" not in r.text and "https://" not in r.text  # no external assets


def test_story_page_renders_the_report_sections(client, story_id, dossier):
    from tabayyun.report.html import to_html

    t = client.get(f"/stories/{story_id}").text
    sections = re.findall(r'<section id="[^"]+"', to_html(dossier))
    assert len(sections) >= 6
    for s in sections:  # every section of the HTML report, live from the store
        assert s in t, s
    for a in dossier.articles:
        assert f'href="/articles/{a.id}"' in t
    f = dossier.figures[0]
    assert f'href="#p-{f.article}-' in t  # a figure row points at its source paragraph
    assert f"/api/stories/{story_id}/figures.csv" in t


def visible_text(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def test_article_page_marks_every_layer(client, dossier):
    a = max(dossier.articles, key=lambda a: len(a.statements))
    t = client.get(f"/articles/{a.id}").text
    body = re.search(r'<article class="text" id="text"[^>]*>(.*?)</article>', t, re.S)[1]
    assert visible_text(body) == a.text  # every character once, in order
    for kind in ("ent", "time", "qty", "stmt", "cue"):
        assert f'class="ann {kind}"' in body, kind
    m = a.entities[0]
    assert f'title="كيان {m.type}: ' in body and f'data-entity="{m.entity_id}"' in body


def test_article_page_highlights_a_passage(client, dossier):
    a = dossier.articles[0]
    t = client.get(f"/articles/{a.id}", params={"hl": "10-30"}).text
    hit = re.search(r'<span class="ann hit"[^>]*id="hit">(.*?)</span>', t, re.S)
    assert hit and a.text[10:30].startswith(visible_text(hit[1])[:5])


def test_entity_page_lists_mentions_with_roles_and_outlets(client, dossier):
    e = next(e for e in dossier.entities if e.roles)
    t = client.get(f"/entities/{e.id}").text
    assert e.label in t and e.roles[0] in t
    assert t.count("?hl=") >= len(e.mentions) > 0


def test_outlet_page_shows_framing_and_figures(client, store):
    name = store.outlets()[0].name
    t = client.get(f"/outlets/{name}").text
    assert "<h2>التأطير</h2>" in t and "<h2>الأرقام</h2>" in t
    for aid in store.outlet(name).articles:
        assert f'href="/articles/{aid}"' in t


def test_search_page_marks_the_match(client):
    t = client.get("/search", params={"q": "قره باغ"}).text
    assert 'id="result-count"' in t and "<mark>" in t
    assert t.count('class="hit-row"') >= 1


def test_unknown_ids_are_404_pages(client):
    for path in ("/stories/nope", "/articles/nope", "/entities/nope", "/outlets/nope"):
        r = client.get(path)
        assert r.status_code == 404 and 'dir="rtl"' in r.text and "nope" in r.text


def test_upload_by_paste_adds_and_links_the_article(make_client):
    c = make_client()
    text = "قالت وزارة الصحة في يريفان اليوم إن 12 مدنيًا أصيبوا في قصف على بلدة قرب ستيباناكيرت، فيما نفت باكو ذلك."
    r = c.post("/upload", data={"text": text, "title": "قصف قرب ستيباناكيرت", "outlet": "وكالة تجريبية", "date": "2023-09-20"})
    assert r.status_code == 200
    aid = re.search(r'href="/articles/([0-9a-f]+)" class="added"', r.text)[1]
    page = c.get(f"/articles/{aid}").text
    assert "ستيباناكيرت" in page and "وكالة تجريبية" in page


def test_upload_shows_skipped_inputs_with_reasons(make_client):
    c = make_client()
    files = [("files", ("empty.txt", b"", "text/plain")), ("files", ("blob.txt", b"\x00\x01\x02\xff" * 200, "text/plain"))]
    r = c.post("/upload", files=files)
    assert r.status_code == 200
    assert "upload:empty.txt" in r.text and "empty input" in r.text
    assert "upload:blob.txt" in r.text and 'class="skipped"' in r.text
    assert "/tmp" not in r.text  # server paths are not shown
