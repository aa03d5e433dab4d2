"""The time stage's sparse offset map agrees with normalise_with_map."""

import pytest

from tabayyun.arabic.normalise import normalise, normalise_with_map
from tabayyun.extract.time_offsets import OffsetMap


@pytest.mark.parametrize("text", [
    "قالت أذربيجان اليوم الأربعاء 20 أيلول/ سبتمبر",
    "في الـ 7 من ديسمبرَ الجاري، مؤكدًة أنّ 44 يوماً",
    "\u200fالخميس\u200e ٢١ سبتمبر ــ ٢٠٢٣ ً",
    "ًًً",
    "",
])
def test_offsets_agree(text):
    norm, offsets = normalise_with_map(text)
    omap = OffsetMap(text, normalise(text))
    assert [omap.to_orig(i) for i in range(len(norm))] == offsets[:len(norm)]
    for i, o in enumerate(offsets[:len(norm)]):
        assert omap.to_norm(o) == i
