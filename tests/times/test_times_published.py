"""Publication date: from metadata when given, else inferred from the text with evidence."""

import pytest

from tabayyun.extract.times import extract
from tabayyun.model import Published

# article -> (value, grain, how, evidence text contains)
EXPECTED = {
    "harvest": ("2023-12", "month", "inferred", "ديسمبر الجاري"),  # "حصاد 2023 … ديسمبر الجاري"
    "reuters": ("2023-09-20", "day", "inferred", "اليوم الأربعاء 20 أيلول/ سبتمبر"),  # year by weekday
    "friday": ("2023-09-22", "day", "inferred", "اليوم الجمعة"),  # after Thursday 21 Sep 2023
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_publication_inferred(seed, name):
    a = seed(name)
    p = a.meta.published
    value, grain, how, evidence = EXPECTED[name]
    assert (p.value, p.grain, p.how) == (value, grain, how)
    assert evidence in a.text[p.evidence.start:p.evidence.end]
    assert 0.5 <= p.confidence < 1.0


@pytest.mark.parametrize("name", ["xeber", "wednesday"])
def test_seed_publication_not_inferable(seed, name):
    # 001: no day-level date at all; 004: "اليوم الأربعاء" but no date to place that Wednesday
    assert seed(name).meta.published == Published()


def test_metadata_wins_over_text():
    text = "قالت الوزارة اليوم الأربعاء 20 أيلول/ سبتمبر 2023 إن القتال توقف."
    meta = Published("2023-09-21", "day", "metadata", 1.0)
    times, pub = extract(text, meta)
    assert pub is meta


def test_today_with_full_date_is_text_evidence():
    _, pub = extract("قالت الوزارة اليوم الأربعاء 20 سبتمبر 2023 إن القتال توقف.")
    assert (pub.value, pub.how) == ("2023-09-20", "text")
    assert pub.confidence >= 0.9


def test_dateline():
    _, pub = extract("القاهرة - 5 أكتوبر 2023 (رويترز) - قال مسؤولون إن المحادثات ستستأنف.")
    assert (pub.value, pub.how) == ("2023-10-05", "dateline")


def test_date_opening_a_sentence_is_not_a_dateline():
    _, pub = extract("في 27 سبتمبر/أيلول 2020، أطلق جيش أذربيجان عملية عسكرية واسعة.")
    assert pub.how == "none"


def test_weekday_disagreeing_with_today_date_lowers_confidence():
    # 20 September 2023 was a Wednesday, not a Monday
    _, pub = extract("قالت الوزارة اليوم الاثنين 20 سبتمبر 2023 إن القتال توقف.")
    assert pub.confidence < 0.5


def test_relative_resolves_against_inferred_publication():
    times, pub = extract("قال الجيش اليوم الأربعاء 20 أيلول/ سبتمبر 2023 إن هجوم أمس أوقع قتلى.")
    t = [t for t in times if t.value == "2023-09-19"]
    assert t and t[0].anchor == "publication"


def test_without_publication_weekday_resolves_to_nearest_date_with_lower_confidence():
    times, pub = extract("عقد الاجتماع في 21 سبتمبر 2023. وقال المتحدث الجمعة إن المحادثات انتهت.")
    assert pub.how == "none"
    t = times[-1]
    assert (t.value, t.anchor) == ("2023-09-22", "nearest")
    assert t.confidence <= 0.5


def test_no_clock():
    # nothing in the text dates it: no value anywhere, never today's date
    times, pub = extract("قال المتحدث أمس إن الوضع هادئ اليوم.")
    assert pub.value is None
    assert all(t.value is None for t in times)
