"""Spelling variants and expression types, one behaviour per test."""

import pytest

from tabayyun.extract.times import extract
from tabayyun.model import Published

WED = Published("2023-09-20", "day", "metadata", 1.0)


def one(text, pub=WED):
    times, _ = extract(text, pub)
    assert times, text
    t = max(times, key=lambda t: t.end - t.start)
    return t


@pytest.mark.parametrize("month", ["سبتمبر", "أيلول", "ايلول", "شتنبر", "سبتمبر/أيلول",
                                   "أيلول/ سبتمبر", "سبتمبر (أيلول)", "أيلول - سبتمبر"])
def test_september_spellings(month):
    assert one(f"وقع الهجوم في 19 {month} 2023 قرب الحدود.").value == "2023-09-19"


@pytest.mark.parametrize("month", ["نوفمبر", "تشرين الثاني", "نونبر", "نوفمبر/تشرين الثاني",
                                   "تشرين الثاني/نوفمبر"])
def test_november_spellings(month):
    assert one(f"وقع الاتفاق في 9 {month} 2020.").value == "2020-11-09"


@pytest.mark.parametrize("text", [
    "في ١٩ سبتمبر ٢٠٢٣ بدأت العملية.",
    "في 19 سبتمبر 2023 بدأت العملية.",
    "في ۱۹ سبتمبر ۲۰۲۳ بدأت العملية.",
    "في الـ19 من سبتمبر 2023 بدأت العملية.",
    "في الـ 19 من شهر سبتمبر عام 2023 بدأت العملية.",
    "في التاسع عشر من سبتمبر 2023 بدأت العملية.",
    "بتاريخ 19/9/2023 بدأت العملية.",
    "بتاريخ 2023-09-19 بدأت العملية.",
])
def test_digit_and_form_variants(text):
    assert one(text).value == "2023-09-19"


def test_offsets_point_into_the_original_text():
    text = "قالت الوزارة في الـ ١٩ من سبتمبرَ ٢٠٢٣ إن القتال توقف."
    t = one(text)
    assert text[t.start:t.end] == "الـ ١٩ من سبتمبرَ ٢٠٢٣"


def test_year_without_writing_is_taken_from_publication():
    t = one("أعلنت الوزارة في 3 يناير عن خطة جديدة.", Published("2023-12-30", "day", "metadata", 1))
    assert (t.value, t.anchor) == ("2024-01-03", "publication")


@pytest.mark.parametrize("text,value", [
    ("قال الجيش أمس إن الهجوم انتهى.", "2023-09-19"),
    ("قال الجيش يوم أمس إن الهجوم انتهى.", "2023-09-19"),
    ("وقال الجيش بالأمس إن الهجوم انتهى.", "2023-09-19"),
    ("اندلعت الاشتباكات أول أمس.", "2023-09-18"),
    ("تعقد المحادثات غدا في جنيف.", "2023-09-21"),
    ("تعقد المحادثات غداً في جنيف.", "2023-09-21"),
    ("تعقد المحادثات بعد غد في جنيف.", "2023-09-22"),
])
def test_relative_days(text, value):
    t = one(text)
    assert (t.value, t.anchor) == (value, "publication")


@pytest.mark.parametrize("text,value,grain", [
    ("أرسلت قوات هذا الأسبوع.", "2023-W38", "week"),
    ("زار الوزير المنطقة الأسبوع الماضي.", "2023-W37", "week"),
    ("ارتفعت الأسعار هذا الشهر.", "2023-09", "month"),
    ("تجرى الانتخابات الشهر المقبل.", "2023-10", "month"),
    ("تضاعف عدد اللاجئين هذا العام.", "2023", "year"),
    ("قتل المئات العام الماضي.", "2022", "year"),
])
def test_relative_periods(text, value, grain):
    t = one(text)
    assert (t.value, t.grain) == (value, grain)


@pytest.mark.parametrize("text,value", [
    ("استمرت المعارك 44 يوماً.", "P44D"),
    ("استمرت المعارك 44 يوما.", "P44D"),
    ("استمر الصراع ستة أسابيع.", "P6W"),
    ("قتل 32 شخصا في أقل من 24 ساعة.", "PT24H"),
    ("استمرت المحادثات ساعتين.", "PT2H"),
    ("ظل الممر مغلقا لمدة تسعة أشهر.", "P9M"),
    ("دام النزاع أكثر من ثلاثة عقود.", "P30Y"),
    ("استمرت الهدنة خمسة وعشرين يوما.", "P25D"),
])
def test_durations_are_iso_durations(text, value):
    t = one(text)
    assert (t.kind, t.value) == ("duration", value)


def test_ago_is_a_date_not_a_duration():
    t = one("قُتل الصحفي قبل يومين في قصف.")
    assert (t.kind, t.value) == ("date", "2023-09-18")


def test_offset_from_an_event_is_a_duration():
    t = one("انسحبت القوات قبل يومين من الانتخابات.")
    assert (t.kind, t.value) == ("duration", "P2D")


def test_day_range_is_an_interval():
    t = one("استمرت المعارك من 19 إلى 21 سبتمبر 2023.")
    assert (t.kind, t.value, t.end_value) == ("interval", "2023-09-19", "2023-09-21")


def test_from_to_dates_is_an_interval():
    t = one("خلال الفترة من 1 يناير 2023 إلى 30 يونيو 2023 سجلت الخروقات.")
    assert (t.kind, t.value, t.end_value) == ("interval", "2023-01-01", "2023-06-30")


def test_past_n_months_interval():
    t = one("على مدى الأشهر التسعة الماضية فرضت أذربيجان حصارا.")
    assert (t.kind, t.value, t.end_value) == ("interval", "2022-12", "2023-09")


def test_hijri_date_converted():
    t = one("صدر المرسوم في 5 ربيع الأول 1445 هـ.")
    assert t.value == "2023-09-20"
    assert t.confidence < 0.95  # tabular calendar: may differ from the official one by a day


def test_time_of_day_with_date_is_a_datetime():
    t = one("أعلن وقف إطلاق النار الساعة 13:00 من يوم الأربعاء 20 سبتمبر 2023.")
    assert (t.kind, t.value) == ("datetime", "2023-09-20T13:00")


def test_evening_hour_with_weekday():
    t = one("وفي الساعة العاشرة مساء الثلاثاء دوت صفارات الإنذار.")
    assert t.value == "2023-09-19T22:00"


def test_part_of_day_keeps_timex_code():
    t = one("وقع الهجوم فجر الخميس 24 فبراير 2022.")
    assert (t.value, t.grain) == ("2022-02-24TMO", "part_of_day")


def test_set():
    t = one("يتم تبادل الجثث كل يوم جمعة عبر المعبر.")
    assert (t.kind, t.value) == ("set", "XXXX-WXX-5")


def test_since_year_is_open_interval_to_publication():
    t = one("تنتشر القوات في الإقليم منذ 2020.")
    assert (t.kind, t.value, t.end_value) == ("interval", "2020", "2023-09-20")


def test_same_year_refers_back():
    times, _ = extract("بدأت الحرب في سبتمبر 2020، وانتهت في نوفمبر من العام نفسه.", WED)
    assert (times[-1].value, times[-1].anchor) == ("2020-11", "previous")


def test_weekday_alone_is_the_last_such_day():
    assert one("وأعلنت الحكومة الجمعة حالة الطوارئ.").value == "2023-09-15"


def test_weekday_today_is_publication_day():
    assert one("وقعت الهجمات الأربعاء.").value == "2023-09-20"
