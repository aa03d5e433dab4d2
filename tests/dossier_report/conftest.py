"""Fixtures: the five seeds analysed once, and a hand-built dossier holding every
finding record (the stages that produce them live on other branches), built on
real spans of the seed articles."""

from __future__ import annotations

from dataclasses import replace
import pytest

import tabayyun
from dossier_util import SEEDS, art, fig, label, span_of

from tabayyun.compare.summary import build_summary
from tabayyun.model import (
    Agreement, AttributionConflict, Contradiction, Dispute, FrameTerm, FramingUse,
    IndependenceGroup, OutletTerm, SingleSource, WireCopy,
)



@pytest.fixture(scope="session")
def seeds():
    return tabayyun.analyse(sorted(SEEDS.glob("*.txt")))


@pytest.fixture(scope="session")
def built(seeds):
    """The seed dossier plus one of every finding, then summary re-run on it."""
    d = seeds
    a0, a1, a2, a3, a4 = (art(d, p) for p in ("000", "001", "002", "003", "004"))
    o0, o1, o2, o3, o4 = (label(d, a) for a in (a0, a1, a2, a3, a4))
    toll = (fig(d, "000", 200), fig(d, "000", 32), fig(d, "002", 27), fig(d, "001", 5))
    dispute = Dispute("killed: Armenian side, 19–20 Sep 2023", "killed", toll, "values differ in time scope",
                      fact_ar="عدد القتلى في الجانب الأرميني (سبتمبر 2023)",
                      note_ar="تغطي الأرقام مددًا زمنية مختلفة («خلال يوم واحد»، دون مدة محددة)، فقد لا تتعارض كلها.")
    conflict = AttributionConflict("killed: Armenian side", 200.0, ("أرمينيا", "مسؤول انفصالي في الإقليم"),
                                   (fig(d, "000", 200), fig(d, "004", 200)), fact_ar="عدد القتلى في الجانب الأرميني")
    contra = Contradiction("number", 0.91, span_of(a0, "هناك ما يقرب من 200 قتيل", o0),
                           span_of(a0, "لم تتعدى الـ 32 قتيل", o0), "200 مقابل 32 قتيلًا")
    agree = Agreement("ceasefire agreed on 20 September", 2, fact_ar="اتفاق وقف إطلاق النار في 20 سبتمبر", evidence=
                      (span_of(a3, "أعلنت وزارة الدفاع الأذربيجانية التوصل إلى اتفاق لوقف باكو عمليتها", o3),
                       span_of(a4, "التوصل إلى اتفاق لوقف إطلاق النار في قره باغ", o4)))
    single = SingleSource("تركيا نقلت مسلحين سوريين إلى المنطقة", o1,
                          span_of(a1, "نقلت الآلاف من المسلحين السوريين الموالين لها", o1))
    cleansing = span_of(a1, "بهدف التطهير العرقي", o1)
    framing = (
        FramingUse(o1, "operation", "ethnic-cleansing", "outlet", 2, (cleansing,)),
        FramingUse(o1, "operation", "counter-terrorism", "quoted", 1, (span_of(a1, "مكافحة الإرهاب", o1),)),
        FramingUse(o3, "operation", "counter-terrorism", "attributed", 3, (span_of(a3, "عملية مكافحة الإرهاب", o3),)),
    )
    terms = (OutletTerm(o1, "مرتزقة", 2.7, 1, (span_of(a1, "مرتزقة", o1),)),)
    wire = (WireCopy(span_of(a2, "حسب رويترز", o2), span_of(a3, "وكالة \"رويترز\"", o3), 0.93, "رويترز"),)
    groups = (IndependenceGroup((a2.id, a3.id), (o2, o3), "same-agency:رويترز"),)
    # a loaded outlet-voice term on article 001's first sentence
    frames = (FrameTerm(cleansing.start, cleansing.end, "operation", "ethnic-cleansing", "outlet"),)
    arts = tuple(replace(a, frames=frames) if a.id == a1.id else a for a in d.articles)
    d = replace(d, articles=arts, disputes=(dispute,), attribution_conflicts=(conflict,), contradictions=(contra,),
                agreements=(agree,), single_source=(single,), framing=framing, outlet_terms=terms,
                wire_copy=wire, independence=groups)
    summary, notes = build_summary(d)
    return replace(d, summary=summary)
