"""The Arabic number parser: one behaviour per test, spelling variants parametrized."""

import pytest

from tabayyun.arabic.numbers import find_numbers, parse_number


@pytest.mark.parametrize("text,value", [
    ("ثلاث", 3), ("ثلاثة", 3), ("ثلاثه", 3), ("ستة", 6), ("ست", 6),
    ("خمسة وعشرين", 25), ("خمسة وعشرون", 25), ("مئتي", 200), ("مائتين", 200),
    ("ثلاثمائة", 300), ("ثلاثمئة", 300), ("ثلاث مائة", 300), ("ألفين", 2000), ("ألفان", 2000),
])
def test_number_words_in_all_genders_and_cases(text, value):
    assert parse_number(text).value == value


@pytest.mark.parametrize("text,value", [
    ("120 ألف", 120_000), ("10 آلاف", 10_000), ("1.5 مليون", 1_500_000), ("١٫٥ مليون", 1_500_000),
    ("3 ملايين", 3_000_000), ("ثلاثة آلاف", 3000), ("مائة ألف", 100_000),
])
def test_multipliers(text, value):
    assert parse_number(text).value == value


@pytest.mark.parametrize("text,value", [("1,500", 1500), ("١٬٥٠٠", 1500), ("٢٧", 27), ("۱۵", 15), ("2.75", 2.75), ("٣٫٥", 3.5)])
def test_digits_separators_and_decimals(text, value):
    assert parse_number(text).value == value


@pytest.mark.parametrize("text,noun", [("مدنيان", "مدني"), ("جنديين", "جندي"), ("شخصين", "شخص"), ("لغمين", "لغم")])
def test_duals_count_two(text, noun):
    n = parse_number(text)
    assert (n.value, n.kind, n.counted) == (2, "dual", noun)


@pytest.mark.parametrize("text,cls,low", [("العشرات", "dozens", 20), ("مئات", "hundreds", 200), ("آلاف", "thousands", 2000),
                                          ("عشرات الآلاف", "tens-of-thousands", 20000)])
def test_vague_amounts_are_ranges(text, cls, low):
    n = parse_number(text)
    assert n.value is None and n.vague == cls and n.low == low and n.high > low


@pytest.mark.parametrize("text,ordinal", [("الثالث", 3), ("الثالثة", 3), ("الحادي عشر", 11), ("العاشر", 10)])
def test_ordinals_are_kept_apart(text, ordinal):
    n = parse_number(text)
    assert n.value is None and n.ordinal == ordinal


def test_lone_ambiguous_words_are_not_counts_in_running_text():
    assert find_numbers("قال أحد الجنود إن يوم الاثنين كان هادئا في وقت واحد") == []


def test_offsets_point_into_the_original_text():
    text = "قتل ٢٧ شخصاً"
    (n,) = find_numbers(text)
    assert text[n.start:n.end] == "٢٧"


def test_no_number_gives_none():
    assert parse_number("لا شيء هنا") is None
