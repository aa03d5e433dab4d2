"""The timeline on the bundled example and on bad input."""

from __future__ import annotations

import tabayyun
from tabayyun.compare.timeline import build_timeline

from dossier_util import art

STORY = {"2023-09-19", "2023-09-20", "2023-09-21", "2023-09-22", "2023-12-07"}


def _days(d):
    return {e.date[:10] for e in d.timeline}


def test_seed_timeline_runs_19_to_22_september_and_december(seeds):
    assert STORY <= _days(seeds)
    # the only other date is the 2020 war the articles recall, read from "27 سبتمبر/أيلول 2020"
    assert _days(seeds) - STORY == {"2020-09-27"}


def test_events_are_sorted_and_every_event_has_evidence_in_its_text(seeds):
    dates = [e.date[:10] for e in seeds.timeline]
    assert dates == sorted(dates)
    by_id = {a.id: a for a in seeds.articles}
    for e in seeds.timeline:
        assert e.evidence
        texts = [by_id[ev.article].text[ev.start:ev.end] for ev in e.evidence]
        assert e.text in texts  # the text shown is one of its sources, verbatim


def test_launch_is_one_event_from_two_outlets(seeds):
    launch = [e for e in seeds.timeline if e.date[:10] == "2023-09-19" and "إطلاق عملية" in e.text]
    assert len(launch) == 1
    arts = {ev.article for ev in launch[0].evidence}
    assert {art(seeds, "000").id, art(seeds, "003").id} <= arts


def test_december_follow_up_is_the_prisoner_exchange(seeds):
    dec = [e for e in seeds.timeline if e.date.startswith("2023-12-07")]
    assert len(dec) == 1 and "تبادل الجنود" in dec[0].text
    assert len(dec[0].evidence) == 2  # the lede sentence and the TASS sentence


def test_weekday_only_article_joins_a_dated_event(seeds):
    # article 004 has no publication date; its "اليوم الأربعاء" is placed on 20 Sep
    # only because it matches Aliyev's announcement dated by article 003
    a4 = art(seeds, "004")
    joined = [e for e in seeds.timeline if any(ev.article == a4.id for ev in e.evidence)]
    assert joined and all(e.date.startswith("2023-09-20") for e in joined)
    assert all(len({ev.article for ev in e.evidence}) >= 2 for e in joined)


def test_one_undated_article_gives_an_empty_timeline_and_a_note():
    d = tabayyun.analyse(["قال وزير الصحة إن المستشفيات تعمل بكامل طاقتها وإن الوضع تحت السيطرة."])
    assert d.timeline == ()
    assert any("timeline" in n for n in d.notes)


def test_same_article_twice_is_counted_once():
    text = ("أعلنت الحكومة يوم 3 مارس 2024 عن خطة جديدة لدعم المزارعين في المناطق الريفية.\n"
            "وقال وزير الزراعة إن الخطة تشمل قروضًا ميسرة للمزارعين الصغار.")
    d = tabayyun.analyse([text, text])
    assert len(d.articles) == 1
    assert [e.date for e in d.timeline] == ["2024-03-03"]
    assert len(d.timeline[0].evidence) == 2  # the dated sentence and the one that continues it


def test_unrelated_articles_keep_their_events_apart():
    a = "أعلنت وزارة الصحة يوم 5 مايو 2024 افتتاح مستشفى جديد في مدينة حلب بسعة مئتي سرير."
    b = "فاز المنتخب الوطني لكرة القدم يوم 5 مايو 2024 على منافسه بثلاثة أهداف في مباراة ودية."
    d = tabayyun.analyse([a, b])
    assert len(d.timeline) == 2
    assert all(len(e.evidence) == 1 for e in d.timeline)


def test_build_timeline_without_articles_is_empty():
    assert build_timeline(tabayyun.model.Dossier()) == ()
