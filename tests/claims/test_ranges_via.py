"""Ranges are one figure with bounds; "قال X لوكالة Y" puts Y in the reporting chain."""

import pytest
from claims_util import run, span


@pytest.mark.parametrize("text,low,high,counted_cat", [
    ("قال مسؤول محلي إن ما بين 20 و30 شخصا قتلوا في القصف.", 20, 30, "killed"),
    ("وأفاد مصدر طبي بأن عدد الجرحى يتراوح بين 50 و70 جريحا.", 50, 70, "wounded"),
    ("وقالت الوزارة إن من 15 إلى 20 منزلا دمرت بالكامل.", 15, 20, None),
])
def test_range_is_one_figure(text, low, high, counted_cat):
    a = run(text)
    assert len(a.quantities) == 1, [span(a, q) for q in a.quantities]
    q = a.quantities[0]
    assert (q.value, q.low, q.high) == (None, low, high)
    assert span(a, q).startswith(str(low)) and span(a, q).endswith(str(high))
    if counted_cat:
        assert q.category == counted_cat


def test_two_figures_in_a_row_are_not_a_range():
    a = run("قتل 20 جنديا و30 مدنيا في الهجوم.")
    assert [q.value for q in a.quantities] == [20, 30]
    # a descending pair is not a range either
    a = run("تراجع العدد من 30 إلى 20 شخصا.")
    assert all(q.value is not None for q in a.quantities)


@pytest.mark.parametrize("text,speaker,agency", [
    ("قال مسؤول محلي لوكالة رويترز إن القصف استمر طوال الليل.", "مسؤول محلي", "Reuters"),
    ("وأفاد مصدر طبي لوكالة فرانس برس بأن المستشفى امتلأ بالجرحى.", "مصدر طبي", "AFP"),
    ("وقال لرويترز مسؤول أرميني إن المفاوضات توقفت.", "مسؤول أرميني", "Reuters"),
])
def test_told_to_agency_is_via(text, speaker, agency):
    a = run(text)
    assert len(a.statements) == 1
    s = a.statements[0]
    assert span(a, s.speaker) == speaker
    assert [v.agent for v in s.via] == [agency]
    assert agency not in span(a, s.content) and "لوكالة" not in span(a, s.content)
    v = s.via[0]
    assert a.text[v.start:v.end] in ("وكالة رويترز", "وكالة فرانس برس", "رويترز")


def test_told_to_a_person_is_not_via():
    a = run("وقال المسؤول لزملائه إن الاجتماع انتهى.")
    assert a.statements and a.statements[0].via == ()


def test_minutes_scope_is_not_a_figure():
    # "دقائق" normalises to "دقايق": the scope pattern must use the normalised spelling
    a = run("قالت الشرطة إن 3 أشخاص قتلوا خلال 10 دقائق من بدء الهجوم.")
    assert [q.value for q in a.quantities] == [3]
    assert span(a, a.quantities[0].scope) == "خلال 10 دقائق"
