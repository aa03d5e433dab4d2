"""The time-scope scan with its first-letter lookahead finds what the plain
regex finds."""

import re

from tabayyun.arabic.normalise import normalise
from tabayyun.extract.quantities import _DAYS, _SCOPE_FIRST, _SCOPE_RE, _SCOPE_SCAN, _TIME_UNITS

UNITS = _TIME_UNITS.split("|")
DAYS = _DAYS.split("|")


def sentences():
    for opener in ("خلال", "في", "على مدي", "على مدار", "طوال"):
        for unit in UNITS:
            yield f"قتل 5 أشخاص {opener} 3 {unit} الماضية"
            yield f"قتل 5 أشخاص {opener} ال{unit} الأخيرة"
            yield f"{opener} الـ{unit} 24 الماضية"
        yield f"{opener} اليومين الماضيين أصيب 4"
    for part in ("يوم", "صباح", "مساء", "ليل", "ليلة"):
        yield f"قتل 3 {part} أمس الخميس"
        yield f"وقتل 3 {part} اليوم"
        for day in DAYS:
            yield f"أصيب 7 {part} ال{day} في القصف"
    yield "أمس قتل 2 واليوم قتل 3"


def test_every_scope_starts_with_a_listed_letter():
    with_scope = 0
    for text in sentences():
        norm = normalise(text)
        plain = [m.span() for m in _SCOPE_RE.finditer(norm)]
        with_scope += bool(plain)
        assert all(norm[s] in _SCOPE_FIRST for s, _ in plain)
        assert [m.span() for m in _SCOPE_SCAN.finditer(norm)] == plain
    assert with_scope > 150  # nearly every form above is a scope ("دقائق" is listed unnormalised)
    assert re.compile(_SCOPE_SCAN.pattern)  # still one valid pattern
