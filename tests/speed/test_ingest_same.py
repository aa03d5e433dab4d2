"""Ingest shortcuts give what the plain definitions give."""

import hashlib

from tabayyun.arabic.normalise import match_key
from tabayyun.ingest.build import content_id
from tabayyun.ingest.clean import clean


def test_content_id_is_the_hash_of_the_match_key():
    for text in ["قالَ الوزيرُ   إنّ\nالقصف ٢٧", "abc  DEF\t", "نص"]:
        assert content_id(text) == hashlib.sha1(match_key(text).encode("utf-8")).hexdigest()[:16]


def test_repeated_lines_equal_up_to_spacing_are_dropped_once():
    raw = ("أعلنت وزارة الصحة عن حصيلة جديدة للضحايا\n"
           "وقال المتحدث إن الفرق تعمل على مدار الساعة\n"
           "أعلنت  وزارة الصحة عن\tحصيلة جديدة للضحايا\n"
           "أعلنت وزارة الصحة عن حصيلة جديدة للمصابين\n"
           "وقال المتحدث إن الفرق تعمل على مدار الساعة")
    c = clean(raw)
    assert [r.reason for r in c.removed] == ["repeated-line", "repeated-line"]
    assert [raw[r.start:r.end] for r in c.removed] == [raw.split("\n")[2], raw.split("\n")[4]]
    assert "للمصابين" in c.text and c.text.count("أعلنت") == 2
