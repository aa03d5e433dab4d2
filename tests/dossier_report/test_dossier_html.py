"""The dossier report: every record type rendered, anchors that resolve, text escaped."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from dossier_util import art

import tabayyun
from tabayyun.model import Dispute, Evidence, TimelineEvent
from tabayyun.report.html import SECTIONS, to_html
from tabayyun.report.markdown import to_markdown
from tabayyun.report.svg import timeline_svg


def _anchors(html: str) -> tuple[set[str], set[str]]:
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    hrefs = set(re.findall(r'href="#([^"]+)"', html))
    return ids, hrefs


def test_every_internal_link_has_a_target(built):
    ids, hrefs = _anchors(to_html(built))
    assert hrefs and hrefs <= ids, sorted(hrefs - ids)[:5]


def test_summary_comes_first_and_sections_are_in_order(built):
    html = to_html(built)
    pos = [html.index(f'<section id="{s.replace("_", "-")}"') for s in SECTIONS]
    assert pos == sorted(pos)
    assert SECTIONS[:2] == ("overview", "summary")


@pytest.mark.parametrize("needle", [
    "killed: Armenian side, 19–20 Sep 2023",  # dispute
    "values differ in time scope",
    "200 مقابل 32 قتيلًا",  # contradiction explanation
    "ceasefire agreed on 20 September",  # agreement
    "2 مصادر مستقلة",
    "Turkey moved Syrian fighters to the region",  # single source
    "ethnic-cleansing",  # framing column
    "مرتزقة",  # outlet term
    "same-agency:رويترز",  # independence group
    "93%",  # wire copy similarity
    "تبادل الجنود",  # timeline
])
def test_html_shows_every_record_type(built, needle):
    assert needle in to_html(built)


def test_dispute_table_has_each_value_and_claimant(built):
    html = to_html(built)
    sec = html[html.index('<section id="disputes"'):html.index('<section id="contradictions"')]
    for value, who in (("نحو 200", "أرمينيا"), ("32 على الأكثر", "باكو"), ("27", "السلطات الانفصالية"), ("5", "مسؤولون في قره باغ")):
        assert re.search(rf"<b>{value}</b></td>\s*<td>{who}</td>", sec), (value, who)


def test_framing_matrix_splits_counts_by_voice(built):
    html = to_html(built)
    sec = html[html.index('<section id="framing"'):html.index('<section id="timeline"')]
    # xeber24: 2 in its own voice for ethnic cleansing; 0 quoted / 0 attributed
    assert re.search(r'class="own" title="بصوت الوسيلة">2</a> · <span class="muted">0</span> · <span class="muted">0</span>', sec)
    assert 'title="منسوب إلى قائل">3</a>' in sec


def test_markdown_carries_the_same_content(built):
    md = to_markdown(built)
    for head in ("## الخلاصة", "## الخلافات على الأرقام", "## تضارب النسبة", "## التناقضات", "## نقاط الاتفاق",
                 "## ادعاءات من مصدر واحد", "## الأرقام", "## التأطير حسب الوسيلة", "## التسلسل الزمني", "## المصادر"):
        assert head in md
    assert "killed: Armenian side" in md and "Turkey moved Syrian fighters" in md and "2023-12-07" in md
    # columns: counter-terrorism (4 uses) then ethnic-cleansing; cells own · quoted · attributed
    assert "| xeber24.net | 0 · 1 · 0 | 2 · 0 · 0 |" in md


def test_empty_sections_say_what_was_not_found():
    d = tabayyun.analyse(["قال رئيس البلدية إن أعمال الصيانة في شبكة المياه ستنتهي قريبًا."])
    html, md = to_html(d), to_markdown(d)
    for phrase in ("لم يُعثر على أرقام متباينة", "لم يُعثر على واقعة أكدتها مصادر مستقلة",
                   "لم يُعثر على أحداث مؤرخة", "لم يُعثر على مفردات تأطير"):
        assert phrase in html and phrase in md


def test_script_in_an_article_and_in_a_finding_renders_as_text():
    d = tabayyun.analyse(["قال المسؤول يوم 3 مارس 2024 <script>alert(1)</script> إن 12 شخصًا قتلوا في المدينة."])
    a = d.articles[0]
    bad = Dispute("<script>alert(2)</script>", "killed", d.figures[:1], "<b>x</b>")
    d = replace(d, disputes=(bad,))
    html, md = to_html(d), to_markdown(d)
    assert "<script>" not in html and "&lt;script&gt;alert(2)" in html and "&lt;b&gt;x" in html
    assert "<script>" not in md
    assert "<script" not in str(timeline_svg((TimelineEvent("2024-03-03", "day", a.text, (Evidence(a.id, 0, 5),)),)))


def test_timeline_svg_is_rtl_and_breaks_long_gaps(seeds):
    svg = str(timeline_svg(seeds.timeline))
    assert svg.startswith("<svg") and 'direction="rtl"' in svg
    assert "يومًا لاحقًا" in svg  # the gap to December
    assert svg.count("<circle") == len(seeds.timeline)
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_demo_renders(seeds, tmp_path):
    html = to_html(seeds)
    ids, hrefs = _anchors(html)
    assert hrefs <= ids
    assert '<section id="summary">' in html and "<svg" in html
    a3 = art(seeds, "003")
    assert f'href="#p-{a3.id}-' in html
