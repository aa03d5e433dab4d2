"""Hijri dates follow Umm al-Qura (the calendar Gulf media use), not the tabular one."""

import pytest

from tabayyun.extract.time_calendar import hijri_to_gregorian
from tabayyun.extract.times import extract


@pytest.mark.parametrize("text,iso", [
    ("أدى الحجاج صلاة العيد يوم 10 ذو الحجة 1444 هـ", "2023-06-28"),  # tabular gives the 29th
    ("بدأ الصيام في 1 رمضان 1444", "2023-03-23"),
    ("الجمعة 7 ربيع الأول 1445 هـ", "2023-09-22"),
])
def test_umm_al_qura(text, iso):
    times, _ = extract(text)
    assert iso in [t.value for t in times]


def test_outside_the_table_falls_back_to_tabular():
    assert hijri_to_gregorian(1200, 1, 1) is not None
    assert hijri_to_gregorian(1445, 13, 1) is None
    assert hijri_to_gregorian(1445, 1, 31) is None
