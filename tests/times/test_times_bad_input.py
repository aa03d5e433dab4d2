"""Bad input: no crash, no false date."""

import pytest

from tabayyun.extract.times import extract
from tabayyun.model import Published

WED = Published("2023-09-20", "day", "metadata", 1.0)


def dated(text, pub=WED):
    times, _ = extract(text, pub)
    return [t for t in times if t.value and t.kind != "duration"]


@pytest.mark.parametrize("text", ["", "   ", "\n\n", ".", "،،،"])
def test_empty_or_blank_text(text):
    assert extract(text, WED) == ((), WED)
    assert extract(text)[0] == ()


@pytest.mark.parametrize("text", [
    "نشر البيان في 31 فبراير 2023.",
    "ونشر في 30 فبراير.",
    "وقع ذلك في 29 شباط 2023.",  # 2023 is not a leap year
    "في 32 سبتمبر 2023 أعلنت الوزارة.",
    "في 0 أيلول 2023 أعلنت الوزارة.",
    "بتاريخ 31/04/2023 صدر القرار.",
])
def test_impossible_dates(text):
    assert dated(text) == []


def test_leap_day_is_a_date():
    assert [t.value for t in dated("وقع ذلك في 29 شباط 2024.")] == ["2024-02-29"]


@pytest.mark.parametrize("text", [
    "أعلنت الحكومة الاثنين 20 سبتمبر 2023 حالة الطوارئ.",  # 20 Sep 2023 was a Wednesday
    "وقال الجيش يوم الجمعة 19 سبتمبر/أيلول 2023 إن الهجوم توقف.",
])
def test_weekday_contradicting_the_date(text):
    times, _ = extract(text, WED)
    assert times and all(t.value is None for t in times)


def test_weekday_contradicting_today():
    # "today Thursday" in an article published on a Wednesday
    times, _ = extract("قال الوزير اليوم الخميس إن المحادثات مستمرة.", WED)
    assert all(t.value is None for t in times)


@pytest.mark.parametrize("text", [
    "تهدف الخطة إلى خفض الانبعاثات بحلول عام 3050.",
    "في 5 سبتمبر 2999 تنتهي المهلة.",
    "منذ 9999 والقصة تتكرر.",
])
def test_far_future_years(text):
    assert dated(text) == []


@pytest.mark.parametrize("text", [
    "قتل 2023 شخصا في الزلزال.",
    "وصل عدد النازحين إلى 120 ألف شخص.",
    "ويعيش ما يقدر بنحو 120 ألف أرمني في الجيب الجبلي.",
    "وصلت 40 شاحنة محملة بـ 2000 طن من المساعدات.",
    "وهو ما يمثل 24% من السكان.",
    "بلغ عدد القتلى 200 قتيل إلى جانب 400 جريح.",
    "يبلغ عدد السكان 9999 نسمة.",
    "سجلت الوزارة 1915 حالة جديدة.",
])
def test_numbers_that_look_like_dates(text):
    assert dated(text) == []


def test_hours_are_a_duration_not_a_date():
    times, _ = extract("قالت أرمينيا إن 32 شخصا قتلوا في أقل من 24 ساعة.", WED)
    assert [(t.kind, t.value) for t in times] == [("duration", "PT24H")]


@pytest.mark.parametrize("text", [
    "قال الأمين العام إن الاثنين اتفقا على مواصلة الحوار.",  # "both"
    "وذكر أحد المسؤولين أن الأحد عشر لاعبا غادروا.",  # "one"/"eleven"
    "وذكر المسؤول أن مارس الضغط على الطرفين مستمر.",  # the verb "practised"
    "وقد تحدث الأب إلى الصحفيين أمام المنزل.",  # "father", not August
    "قال رمضان قديروف إن قواته مستعدة.",  # a name, not the month
])
def test_ambiguous_words_are_not_dates(text):
    assert dated(text) == []


def test_garbage_does_not_crash():
    junk = "٣٣/٩٩/٢٠٢٣ ١٠:٩٩ الساعة 77 يوم يوم يوم أمس أمس 2023-13-45 " * 20
    times, _ = extract(junk, WED)
    assert all(t.value is None or t.value[:4].isdigit() or t.value.startswith("P")
               for t in times)


def test_unparseable_metadata_date_is_ignored():
    pub = Published("not a date", "day", "metadata", 1.0)
    times, got = extract("قال المتحدث أمس إن الوضع هادئ.", pub)
    assert got is pub
    assert all(t.value is None for t in times)


def test_car_brand_is_not_april():
    assert dated("ويتميز الشكل الخارجي لمركبة نيسان أورفان بمواصفات جديدة.") == []


def test_split_thousands_is_not_a_duration():
    times, _ = extract("يعود تاريخ المدينة إلى 5 000 سنة.", WED)
    assert all(t.value != "P0Y" for t in times)
