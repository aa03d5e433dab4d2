import json

import pytest

import tabayyun
from tabayyun.api import ingest
from tabayyun.model import Article, Skipped
from tabayyun.ingest.readers import read_inputs

AR = (
    "أعلنت وزارة الطوارئ الأذربيجانية إرسال مساعدات إنسانية إلى منطقة قره باغ. "
    "وتضمنت المساعدات 40 طناً من المواد الغذائية محملة بأربع شاحنات، وفق الأناضول."
)
EN = "The ministry said on Wednesday that the aid convoy had reached the region after a long delay."


def one(path):
    out = list(read_inputs([str(path)]))
    assert len(out) == 1
    return out[0]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1256", "iso-8859-6"])
def test_encodings_detected(tmp_path, encoding):
    text = AR.replace("،", ",") if encoding == "iso-8859-6" else AR
    p = tmp_path / "a.txt"
    p.write_bytes(text.encode(encoding))
    a = one(p)
    assert isinstance(a, Article), a
    assert "المساعدات" in a.text


def test_html_main_text_and_metadata(tmp_path):
    html = f"""<html><head><title>عنوان الصفحة</title><meta name="author" content="سارة علي">
    <meta property="article:published_time" content="2023-09-22T09:00:00Z"><meta property="og:site_name" content="الأخبار"></head>
    <body><nav>الرئيسية | رياضة | اقتصاد</nav><article><h1>مساعدات إلى قره باغ</h1><p>{AR}</p>
    <p>وقال مسؤول في الوزارة إن قوافل أخرى ستصل في الأيام القادمة إلى المدينة.</p></article>
    <footer>جميع الحقوق محفوظة</footer></body></html>"""
    p = tmp_path / "page.html"
    p.write_text(html, encoding="utf-8")
    a = one(p)
    assert isinstance(a, Article)
    assert "المساعدات" in a.text and "الرئيسية" not in a.text and "الحقوق" not in a.text
    assert a.meta.author == "سارة علي" and a.meta.outlet == "الأخبار"
    assert a.meta.published.value == "2023-09-22" and a.meta.published.how == "metadata"


def test_jsonl_fields_and_bad_lines(tmp_path):
    p = tmp_path / "day.jsonl"
    lines = [
        json.dumps({"source": "sabq", "url": "https://sabq.org/x", "date_extracted": "2015-08-03 20:54:51", "title": "خبر", "content": AR}, ensure_ascii=False),
        json.dumps({"title": "بلا نص"}, ensure_ascii=False),
        "{not json",
        "",
        json.dumps([1, 2]),
    ]
    p.write_text("\n".join(lines), encoding="utf-8")
    out = list(read_inputs([str(p)]))
    assert isinstance(out[0], Article)
    assert out[0].meta.outlet == "sabq" and out[0].meta.published.value.startswith("2015-08-03")
    assert [type(x).__name__ for x in out] == ["Article", "Skipped", "Skipped", "Skipped"]
    assert "no text field" in out[1].reason and out[1].source.endswith(":2")
    assert "invalid JSON" in out[2].reason


def test_json_array_with_custom_field(tmp_path):
    p = tmp_path / "a.json"
    p.write_text(json.dumps({"articles": [{"matn": AR, "id": "x1"}]}, ensure_ascii=False), encoding="utf-8")
    from tabayyun.settings import Settings

    out = list(read_inputs([str(p)], Settings(text_fields=("matn",))))
    assert isinstance(out[0], Article) and out[0].meta.external_id == "x1"


def test_rss_feed_entries(tmp_path):
    rss = f"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>وكالة الأخبار</title>
    <item><title>خبر أول</title><link>https://example.org/1</link><pubDate>Wed, 20 Sep 2023 10:00:00 GMT</pubDate>
    <description>&lt;p&gt;{AR}&lt;/p&gt;</description></item>
    <item><title>خبر ثان</title><link>https://example.org/2</link><description></description></item>
    </channel></rss>"""
    p = tmp_path / "feed.xml"
    p.write_text(rss, encoding="utf-8")
    out = list(read_inputs([str(p)]))
    assert isinstance(out[0], Article) and out[0].meta.outlet == "وكالة الأخبار"
    assert out[0].meta.published.value.startswith("2023-09-20")
    assert "<p>" not in out[0].text
    assert isinstance(out[1], Skipped)


def test_stdin(monkeypatch, tmp_path):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(AR.encode("utf-8"))))
    out = list(read_inputs(["-"]))
    assert isinstance(out[0], Article) and out[0].meta.source == "<stdin>"


def test_glob_and_recursive_directory(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.txt").write_text(AR, encoding="utf-8")
    (tmp_path / "a" / "b" / "two.txt").write_text(AR + " وأضاف المسؤول أن الوضع هادئ.", encoding="utf-8")
    (tmp_path / "a" / "b" / "image.png").write_bytes(b"\x89PNG....")
    assert len([x for x in read_inputs([str(tmp_path / "a")]) if isinstance(x, Article)]) == 2
    assert len(list(read_inputs([str(tmp_path / "a" / "**" / "*.txt")]))) == 2


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n \t ", "empty"),
        ("junk.txt", bytes(range(256)) * 40, "binary"),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "PNG"),
        ("nohtml.html", b"<html><body><div></div></body></html>", "no article"),
        ("only.txt", "شاركها.\nاترك تعليقاً\nExit mobile version".encode(), "boilerplate"),
    ],
)
def test_bad_file_gets_a_reason(tmp_path, name, data, reason):
    p = tmp_path / name
    p.write_bytes(data)
    out = one(p)
    assert isinstance(out, Skipped) and reason in out.reason


def test_huge_file_skipped_with_reason(tmp_path):
    p = tmp_path / "huge.txt"
    p.write_bytes(("قال المسؤول إن الوضع مستقر. " * 2_000_000)[:50_000_000].encode("utf-8")[:50_000_000])
    out = one(p)
    assert isinstance(out, Skipped) and "too large" in out.reason and "50.0 MB" in out.reason


def test_empty_directory(tmp_path):
    (tmp_path / "d").mkdir()
    out = one(tmp_path / "d")
    assert isinstance(out, Skipped) and "no readable files" in out.reason


def test_missing_path():
    out = one("/no/such/file.txt")
    assert isinstance(out, Skipped) and "no such file" in out.reason


def test_non_arabic_article_kept_and_flagged(tmp_path):
    (tmp_path / "en.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "ar.txt").write_text(AR, encoding="utf-8")
    d = tabayyun.analyse([tmp_path])
    langs = {s.label: s.language for s in d.sources}
    assert langs == {"en": "en", "ar": "ar"}
    assert any("not in Arabic" in n for n in d.notes)


def test_counts_in_equal_counts_reported(tmp_path):
    (tmp_path / "a.txt").write_text(AR, encoding="utf-8")
    (tmp_path / "copy.txt").write_text(AR, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "junk.txt").write_bytes(b"\x00\x01\x02" * 500)
    d = tabayyun.analyse([tmp_path, "/no/such"])
    merged = sum(len(s.also_from) for s in d.sources)
    assert d.inputs == 5
    assert d.inputs == len(d.sources) + merged + len(d.skipped)
    assert (len(d.sources), merged, len(d.skipped)) == (1, 1, 3)


def test_reingesting_the_same_text_is_a_noop():
    a, _, _, _ = ingest([AR])
    b, _, _, _ = ingest([AR.replace("إنسانية", "إنسانيّة")])  # a shadda does not make a new article
    assert a[0].id == b[0].id
    arts, _, also, n = ingest([AR, AR])
    assert len(arts) == 1 and n == 2 and sum(len(v) for v in also.values()) == 1
