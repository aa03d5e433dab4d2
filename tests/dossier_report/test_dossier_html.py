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
    "عدد القتلى في الجانب الأرميني (سبتمبر 2023)",  # dispute, by its reader label
    "تغطي الأرقام مددًا زمنية مختلفة",  # its note for the reader
    "200 مقابل 32 قتيلًا",  # contradiction explanation
    "اتفاق وقف إطلاق النار في 20 سبتمبر",  # agreement
    "2 مصادر مستقلة",
    "تركيا نقلت مسلحين سوريين إلى المنطقة",  # single source
    "تطهير عرقي",  # framing row
    "مرتزقة",  # outlet term
    "الوكالة نفسها (رويترز)",  # independence group
    "93%",  # wire copy similarity
    "تبادل الجنود",  # timeline
])
def test_html_shows_every_record_type(built, needle):
    assert needle in to_html(built)


@pytest.mark.parametrize("machine", [
    "killed: Armenian side", "values differ in time scope", "ceasefire agreed on 20 September",
    "ethnic-cleansing", "counter-terrorism", "same-agency", ">claim<", ">PER<",
])
def test_machine_keys_stay_out_of_the_reader_view(built, machine):
    html = to_html(built)
    body = html[html.index("<main>"):]
    assert machine not in re.sub(r'data-[se]="\d+"', "", body)


def test_seed_report_reads_in_arabic(seeds):
    html = to_html(seeds)
    for english in ("Armenian side", "time scope", "dated differently", "the outlet itself", "(operation)"):
        assert english not in html, english
    md = to_markdown(seeds)
    assert "Armenian side" not in md and "time scope" not in md
    assert "عدد القتلى في الجانب الأرميني" in html and "عدد القتلى في الجانب الأرميني" in md


def test_single_source_is_ranked_and_capped(seeds):
    from tabayyun.report.html import SINGLE_SOURCE_SHOWN

    assert len(seeds.single_source) > SINGLE_SOURCE_SHOWN  # the seeds do flood the list
    html = to_html(seeds)
    sec = html[html.index('<section id="single-source"'):html.index('<section id="figures"')]
    shown = sec[:sec.index("<details>")]
    assert shown.count('<tr id="single-') == SINGLE_SOURCE_SHOWN
    assert f"تُعرض {SINGLE_SOURCE_SHOWN} من {len(seeds.single_source)}" in sec
    # figures come before statements in the shown rows
    kinds = re.findall(r'<span class="tag">(رقم|تصريح)</span>', shown)
    assert kinds[0] == "رقم" and kinds == sorted(kinds, key=lambda k: k != "رقم")
    md = to_markdown(seeds)
    assert f"تُعرض {SINGLE_SOURCE_SHOWN} من {len(seeds.single_source)}" in md


def test_evidence_links_carry_exact_offsets(seeds):
    html = to_html(seeds)
    by_id = {a.id: a for a in seeds.articles}
    links = re.findall(r'href="#p-([0-9a-f]+)-(\d+)" data-s="(\d+)" data-e="(\d+)"', html)
    assert len(links) > 50
    for aid, para, s, e in links:
        a = by_id[aid]
        assert int(para) <= int(s) < int(e) <= len(a.text)
        assert "\n" not in a.text[int(para):int(s)]  # the passage starts inside its paragraph
    assert "p:target" in html  # the paragraph lights up when the link is followed

def test_dispute_table_has_each_value_and_claimant(built):
    html = to_html(built)
    sec = html[html.index('<section id="disputes"'):html.index('<section id="contradictions"')]
    for value, who in (("نحو 200", "أرمينيا"), ("32 على الأكثر", "باكو"), ("27", "السلطات الانفصالية"), ("5", "مسؤولون في قره باغ")):
        assert re.search(rf"<b>{value}</b></td>\s*<td>{who}</td>", sec), (value, who)


def test_framing_matrix_splits_counts_by_voice(built):
    html = to_html(built)
    sec = html[html.index('<section id="framing"'):html.index('<section id="timeline"')]
    # one row per side in Arabic, outlets across; xeber24: 2 in its own voice for ethnic cleansing
    row = sec[sec.index("<th>تطهير عرقي</th>"):]
    row = row[:row.index("</tr>")]
    assert re.search(r'class="v-outlet" title="بصوت الوسيلة">2 <small>', row)
    assert "داخل اقتباس" not in row and "منسوب إلى قائل" not in row
    assert 'title="منسوب إلى قائل">3 <small>' in sec
    # the frame is named once, as a group heading
    assert sec.count(">تسمية العملية</th>") == 1


def test_markdown_carries_the_same_content(built):
    md = to_markdown(built)
    for head in ("## الخلاصة", "## الخلافات على الأرقام", "## تضارب النسبة", "## التناقضات", "## نقاط الاتفاق",
                 "## ادعاءات من مصدر واحد", "## الأرقام", "## التأطير حسب الوسيلة", "## التسلسل الزمني", "## المصادر"):
        assert head in md
    assert "عدد القتلى في الجانب الأرميني" in md and "تركيا نقلت مسلحين سوريين" in md and "7 ديسمبر 2023" in md
    # rows: sides (contested own-voice use first); cells own · quoted · attributed per outlet
    from tabayyun.report.html import framing_matrix

    outlets = framing_matrix(built).outlets  # the outlets that use a contested term
    assert len(outlets) == 2 and f"| التسمية | {' | '.join(outlets)} |" in md
    assert "same-agency" not in md and "الوكالة نفسها (رويترز)" in md
    assert re.search(r"\| تسمية العملية: تطهير عرقي \|( \|)* 2 · 0 · 0 \|", md)


def test_empty_sections_say_what_was_not_found():
    d = tabayyun.analyse(["قال رئيس البلدية إن أعمال الصيانة في شبكة المياه ستنتهي قريبًا."])
    html, md = to_html(d), to_markdown(d)
    for phrase in ("لم يُعثر على أرقام متباينة", "لم يُعثر على واقعة أكدتها مصادر مستقلة",
                   "لم يُعثر على أحداث مؤرخة", "لم يُعثر على مفردات تأطير"):
        assert phrase in html and phrase in md


def test_script_in_an_article_and_in_a_finding_renders_as_text():
    d = tabayyun.analyse(["قال المسؤول يوم 3 مارس 2024 <script>alert(1)</script> إن 12 شخصًا قتلوا في المدينة."])
    a = d.articles[0]
    bad = Dispute("<script>alert(2)</script>", "killed", d.figures[:1], "<b>x</b>",
                  fact_ar="<script>alert(2)</script>", note_ar="<b>x</b>")
    d = replace(d, disputes=(bad,))
    html, md = to_html(d), to_markdown(d)
    assert "<script>alert" not in html and "&lt;script&gt;alert(2)" in html and "&lt;b&gt;x" in html
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


def test_markdown_has_speakers_and_whos_who_like_the_html(seeds):
    md = to_markdown(seeds)
    speakers = md.split("## التصريحات حسب القائل", 1)[1].split("\n## ", 1)[0]
    assert "### أرمينيا" in speakers and "ما يقرب من 200 قتيل" in speakers
    assert "عبر" in md  # the via chain of at least one statement
    who = md.split("## من هو من", 1)[1].split("\n## ", 1)[0]
    assert "أذربيجان (Azerbaijan)" in who and "قره باغ" in who
    for e in seeds.entities[:5]:
        assert e.label in who
