import json
import re

import tabayyun
from tabayyun.report.html import to_html
from tabayyun.report.json import from_json, published_schema, schema, to_json
from tabayyun.report.markdown import to_markdown


def test_json_round_trip(seed_dossier):
    assert from_json(to_json(seed_dossier, full=True)) == seed_dossier


def test_json_has_version_and_lean_layers(seed_dossier):
    data = json.loads(to_json(seed_dossier))
    assert data["version"] == tabayyun.SCHEMA_VERSION
    assert "tokens" not in data["articles"][0] and "sentences" in data["articles"][0]


def test_published_schema_is_current():
    # after changing model.py run: tabayyun schema --write src/tabayyun/report/schema/dossier.schema.json
    assert published_schema() == json.loads(json.dumps(schema(), sort_keys=True))


def test_html_is_rtl_self_contained(seed_dossier):
    html = to_html(seed_dossier)
    assert '<html lang="ar" dir="rtl">' in html
    assert not re.search(r'(?:src|href)="(?:https?:)?//', html)
    assert "<link" not in html and "<script" not in html
    assert "xeber24.net" in html and "Exit mobile version" in html  # removed text is shown as removed


def test_html_escapes_article_text():
    d = tabayyun.analyse(["قال المسؤول <script>alert(1)</script> إن الوضع هادئ في المدينة."])
    html = to_html(d)
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


def test_markdown_lists_sources(seed_dossier):
    md = to_markdown(seed_dossier)
    assert md.count("\n| ") >= 6 and "xeber24.net" in md
