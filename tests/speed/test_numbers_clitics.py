"""A vague-amount lookalike must not stop the quantities stage."""

from tabayyun.arabic.numbers import find_numbers
from tabayyun.extract.quantities import figures
from tabayyun.extract.segment import segment
from tabayyun.model import Article


def test_kamiyat_is_not_kaf_plus_hundreds():
    # "كميات" (quantities) matches the clitic class as "ك" + "مئات"; it used to raise KeyError
    found = find_numbers("ضبطت الجمارك كميات كبيرة من المخدرات")
    assert found == []


def test_quantities_stage_survives_kamiyat():
    a = segment(Article(id="x", text="ضبطت الجمارك كميات كبيرة من المخدرات بلغت 300 كيلوغرام، ومئات الحبوب."))
    qs = figures(a)
    assert [(a.text[q.start:q.end], q.value) for q in qs][:1] == [("300", 300.0)]
    assert any(q.vague == "hundreds" for q in qs)
