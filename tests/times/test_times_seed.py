"""Every date expression of the five seed articles, resolved as a reader would."""

import pytest

from conftest import find
from tabayyun.model import Published

# (article, surface, kind, value, grain) — publication date inferred from the text
INFERRED = [
    ("harvest", "حصاد 2023", "date", "2023", "year"),
    ("harvest", "ظهر يوم الثلاثاء الموافق الـ 19 من سبتمبر من هذا العام", "date", "2023-09-19TMI",
     "part_of_day"),
    ("harvest", "الـ 20 من سبتمبر من نفس العام", "date", "2023-09-20", "day"),
    ("harvest", "الـ 7 من ديسمبر الجاري", "date", "2023-12-07", "day"),
    ("harvest", "يوم واحد", "duration", "P1D", "unknown"),
    ("harvest", "أكثر من عام", "duration", "P1Y", "unknown"),
    ("reuters", "اليوم الأربعاء 20 أيلول/ سبتمبر", "date", "2023-09-20", "day"),
    ("reuters", "هذا الأسبوع", "date", "2023-W38", "week"),
    ("reuters", "ستة أسابيع", "duration", "P6W", "unknown"),
    ("reuters", "يوم أمس الثلاثاء", "date", "2023-09-19", "day"),
    ("reuters", "عام 2022", "date", "2022", "year"),
    ("friday", "الخميس 21 سبتمبر/أيلول 2023", "date", "2023-09-21", "day"),
    ("friday", "اليوم الجمعة", "date", "2023-09-22", "day"),
    ("friday", "الجمعة 22 سبتمبر/أيلول", "date", "2023-09-22", "day"),
    ("friday", "الثلاثاء 19 سبتمبر/أيلول", "date", "2023-09-19", "day"),
    ("friday", "الأربعاء 20 سبتمبر/أيلول", "date", "2023-09-20", "day"),
    ("friday", "مساء الأربعاء", "date", "2023-09-20TEV", "part_of_day"),
    ("friday", "أمس الخميس", "date", "2023-09-21", "day"),
    ("friday", "27 سبتمبر/أيلول 2020", "date", "2020-09-27", "day"),
    ("friday", "44 يوماً", "duration", "P44D", "unknown"),
    ("friday", "حرب عام 2020", "date", "2020", "year"),
    ("friday", "أوائل التسعينيات", "interval", "1990", "year"),
    ("wednesday", "أقل من 24 ساعة", "duration", "PT24H", "unknown"),
    ("wednesday", "نوفمبر/تشرين الثاني من العام نفسه", "date", "2020-11", "month"),
    ("xeber", "عام 2020", "date", "2020", "year"),
]


@pytest.mark.parametrize("name,surface,kind,value,grain", INFERRED)
def test_seed_expression(seed, name, surface, kind, value, grain):
    t = find(seed(name), surface)
    assert (t.kind, t.value, t.grain) == (kind, value, grain)


def test_friday_parenthesised_thursday(seed):
    a = seed("friday")
    t = next(t for t in a.times if a.text[t.start:t.end] == "الخميس" and a.text[t.start - 1] == "(")
    assert t.value == "2023-09-21"


def test_since_2020_is_an_open_interval(seed):
    t = find(seed("wednesday"), "منذ 2020")
    assert (t.kind, t.value) == ("interval", "2020")


# Articles 001 and 004 carry no date the publication day can be read from; with
# the true date given as metadata their relative expressions resolve.
WED = Published("2023-09-20", "day", "metadata", 1.0)
WITH_META = [
    ("wednesday", "اليوم الأربعاء", "2023-09-20", "day"),
    ("wednesday", "غدا الخميس", "2023-09-21", "day"),
    ("wednesday", "قوات باكو الثلاثاء", "2023-09-19", "day"),
    ("xeber", "قبل ثلاث سنوات", "2020", "year"),
    ("xeber", "يوم أمس", "2023-09-19", "day"),
    ("xeber", "صباح الثلاثاء", "2023-09-19TMO", "part_of_day"),
]


@pytest.mark.parametrize("name,surface,value,grain", WITH_META)
def test_seed_expression_with_metadata_date(seed, name, surface, value, grain):
    t = find(seed(name, WED), surface.split()[-1] if surface.startswith("قوات") else surface)
    assert (t.value, t.grain, t.anchor) == (value, grain, "publication")


def test_past_nine_months_interval(seed):
    t = find(seed("xeber", WED), "على مدى الأشهر التسعة الماضية")
    assert (t.kind, t.value, t.end_value, t.grain) == ("interval", "2022-12", "2023-09", "month")


def test_since_2020_ends_at_publication(seed):
    t = find(seed("wednesday", WED), "منذ 2020")
    assert (t.value, t.end_value) == ("2020", "2023-09-20")


@pytest.mark.parametrize("name", ["xeber", "wednesday"])
def test_relative_without_publication_date_is_not_invented(seed, name):
    a = seed(name)
    for t in a.times:
        span = a.text[t.start:t.end]
        if any(w in span for w in ("اليوم", "أمس", "غدا", "الثلاثاء", "الأربعاء", "قبل")):
            assert t.value is None and t.anchor == "none", span
