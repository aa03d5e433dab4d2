"""The neutral summary: cites everything, lifts verbatim, composes findings from data."""

from __future__ import annotations

import re
from dataclasses import replace

import tabayyun
from tabayyun.compare.summary import build_summary
from tabayyun.model import Article, Dossier, FrameTerm

from dossier_util import art

QUOTED = re.compile(r"«([^«»]+)»")


def _texts(d, s):
    by_id = {a.id: a for a in d.articles}
    return [by_id[c.article].text for c in s.citations]


def test_every_sentence_cites_evidence_inside_its_article(built):
    by_id = {a.id: a for a in built.articles}
    assert built.summary
    for s in built.summary:
        assert s.citations and s.kind in ("agreed", "disputed", "single-source", "context")
        for c in s.citations:
            assert 0 <= c.start < c.end <= len(by_id[c.article].text)


def test_lifted_sentences_are_verbatim(built):
    for s in built.summary:
        texts = _texts(built, s)
        quoted = QUOTED.findall(s.text)
        if s.kind == "context" and not s.text.startswith("الأرقام"):
            assert any(s.text in t for t in texts)
        for q in quoted if s.kind in ("agreed", "single-source") else ():
            assert any(q in t for t in texts)


def test_disputed_toll_lists_each_value_with_its_claimant(built):
    toll = next(s for s in built.summary if s.kind == "disputed" and s.text.startswith("عدد القتلى"))
    for value, who in (("200", "أرمينيا"), ("32", "باكو"), ("27", "السلطات الانفصالية"), ("5", "مسؤولون في قره باغ")):
        assert re.search(rf"{value}\b[^؛]*حسب {who}", toll.text), (value, who)
    assert len(toll.citations) == 4


def test_kinds_follow_the_findings(built):
    kinds = [s.kind for s in built.summary]
    assert {"agreed", "disputed", "single-source", "context"} <= set(kinds)
    conflict = [s for s in built.summary if "منسوب إلى جهات مختلفة" in s.text]
    assert conflict and "مسؤول انفصالي" in conflict[0].text and "أرمينيا" in conflict[0].text


def test_seed_summary_carries_the_disputed_toll(seeds):
    # with the findings stages in the pipeline the seeds' toll is a dispute
    toll = [s for s in seeds.summary if s.kind == "disputed" and "200" in s.text and "27" in s.text]
    assert toll and all(c.article for c in toll[0].citations)


def test_no_findings_still_summarises_and_says_what_is_missing():
    d = tabayyun.analyse(["قالت وزارة الصحة يوم 2 يونيو 2024 إن المستشفيات تعمل بكامل طاقتها في المدينة."])
    assert d.summary
    assert any("summary: no agreements" in n for n in d.notes)


def test_attributed_wording_beats_loaded_narration():
    loaded = "شنت القوات الغازية يوم 2 يونيو 2024 عدوانًا همجيًا على القرى الحدودية في الإقليم المحتل."
    neutral = "قالت وزارة الدفاع يوم 2 يونيو 2024 إن قواتها بدأت عملية عسكرية في القرى الحدودية في الإقليم."
    d = tabayyun.analyse([loaded, neutral])
    # mark the loaded narration's contested words as outlet voice, as the frames stage would
    a = next(x for x in d.articles if x.text.startswith("شنت"))
    frames = tuple(FrameTerm(a.text.index(w), a.text.index(w) + len(w), "operation", "aggression", "outlet")
                   for w in ("الغازية", "عدوانًا", "المحتل"))
    d = replace(d, articles=tuple(replace(x, frames=frames) if x.id == a.id else x for x in d.articles))
    summary, _ = build_summary(d)
    lead = summary[0]
    assert lead.text.startswith("قالت وزارة الدفاع")


def test_wire_copy_is_not_repeated():
    body = "أعلنت السلطات يوم 4 أبريل 2024 إغلاق المعبر الحدودي أمام حركة الشاحنات التجارية حتى إشعار آخر"
    d = tabayyun.analyse([body + ".", "وكالات — " + body + " بحسب مصادر رسمية."])
    summary, _ = build_summary(d)
    lifted = [s.text for s in summary if "إغلاق المعبر" in s.text]
    assert len(lifted) == 1


def test_one_article_without_figures():
    d = tabayyun.analyse(["قال رئيس البلدية إن أعمال الصيانة في شبكة المياه ستنتهي قريبًا وإن الخدمة ستعود كاملة."])
    assert d.summary and d.summary[0].kind == "context"
    assert "أعمال الصيانة" in d.summary[0].text


def test_empty_and_headings_only():
    assert build_summary(Dossier()) == ((), ())
    a = Article(id="x", text="عنوان قصير")
    d = tabayyun.analyse(["عنوان قصير"])
    assert d.summary == () or all(s.citations for s in d.summary)
    assert a.text == "عنوان قصير"


def test_seed_lead_is_the_launch(seeds):
    assert "إطلاق عملية عسكرية" in seeds.summary[0].text
    assert {c.article for c in seeds.summary[0].citations} >= {art(seeds, "000").id, art(seeds, "003").id}


def test_seed_summary_is_a_short_ordered_brief(seeds):
    kinds = [s.kind for s in seeds.summary]
    assert len(seeds.summary) <= 14  # launch, agreed, 2 disputes, 2 conflicts, 2 contradictions, single-source, context
    # launch first, then agreed, disputed, single-source, and follow-ups last
    order = {"agreed": 1, "disputed": 2, "single-source": 3}
    body = [order[k] for k in kinds[1:] if k in order]
    assert kinds[0] == "context" and body == sorted(body)
    assert kinds[-1] == "context"


def test_seed_each_dispute_is_one_sentence_with_every_claimant(seeds):
    for dp in seeds.disputes[:2]:
        said = [s for s in seeds.summary if s.kind == "disputed" and s.text.startswith(dp.fact_ar + " موضع خلاف")]
        assert len(said) == 1
        for f in dp.figures:
            assert f.claimant_label in said[0].text and f.outlet in said[0].text
    conflicts = [s for s in seeds.summary if "منسوب إلى جهات مختلفة" in s.text]
    assert any("الرقم 200" in s.text and "الرقم 32" in s.text for s in conflicts)


def test_seed_summary_reads_in_arabic_and_cites_outlets(seeds):
    for s in seeds.summary:
        assert s.citations
        assert "Armenian" not in s.text and "time scope" not in s.text
        assert not any(c.isascii() and c.isalpha() for c in s.text.replace("xeber24.net", "")), s.text


def test_seed_summary_does_not_repeat_an_event(seeds):
    told = [(c.article, c.start) for s in seeds.summary if s.kind in ("context", "agreed", "single-source")
            for c in s.citations[:1]]
    assert len(told) == len(set(told))
    lifted = [s.text for s in seeds.summary if s.kind == "context"]
    assert len(lifted) == len(set(lifted))
    assert sum("إطلاق عملية" in t for t in lifted) == 1  # the launch, told once


def test_seed_summary_lifts_no_loaded_outlet_narration(seeds):
    from tabayyun.compare.align_labels import neutral_side

    by_id = {a.id: a for a in seeds.articles}
    for s in seeds.summary:
        for q in QUOTED.findall(s.text) if s.kind != "context" else [s.text]:
            for c in s.citations:
                a = by_id[c.article]
                at = a.text.find(q)
                if at < 0:
                    continue
                loaded = [f for f in a.frames if f.voice == "outlet" and at <= f.start < at + len(q) and not neutral_side(f.side)]
                assert not loaded, (q[:60], [a.text[f.start:f.end] for f in loaded])


def test_all_loaded_evidence_is_not_lifted():
    loaded = "شنت القوات الغازية يوم 2 يونيو 2024 عدوانًا همجيًا على القرى الحدودية في الإقليم المحتل."
    d = tabayyun.analyse([loaded])
    a = d.articles[0]
    frames = tuple(FrameTerm(a.text.index(w), a.text.index(w) + len(w), "operation", "aggression", "outlet")
                   for w in ("الغازية", "عدوانًا"))
    d = replace(d, articles=(replace(a, frames=frames),))
    summary, _ = build_summary(d)
    assert all("عدوانًا" not in s.text for s in summary)
