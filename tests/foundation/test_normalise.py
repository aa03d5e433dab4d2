import pytest
from hypothesis import given
from hypothesis import strategies as st

from tabayyun.arabic.normalise import match_key, normalise, normalise_with_map, to_original
from tabayyun.arabic.stem import light_stem, strip_proclitics


@pytest.mark.parametrize(
    "a, b",
    [
        ("أذربيجان", "اذربيجان"),
        ("إقليم", "اقليم"),
        ("آلاف", "الاف"),
        ("مستشفى", "مستشفي"),
        ("قرة باغ", "قره باغ"),
        ("مسؤول", "مسوول"),
        ("رئيس", "رييس"),
        ("دوليًا", "دوليا"),
        ("جنديًا أرمينيًا", "جنديا ارمينيا"),
        ("الإنفصاليين", "الانفصاليين"),
        ("الـ 19", "ال 19"),
        ("٢٠٢٣", "2023"),
        ("۱۲۰", "120"),
        ("مرحبا، كيف؟", "مرحبا, كيف?"),
        ("«السيادة»", '"السيادة"'),
    ],
)
def test_spelling_variants_normalise_alike(a, b):
    assert normalise(a) == normalise(b)


def test_match_key_collapses_space():
    assert match_key("  قره   باغ \n") == "قره باغ"


def test_offsets_point_back_after_deleting_diacritics():
    text = "المعترَف بها دولياً"
    norm, offsets = normalise_with_map(text)
    i = norm.index("دوليا")
    s, e = to_original(offsets, i, i + len("دوليا"))
    assert text[s:e].startswith("دولي")
    assert normalise(text[s:e]) == "دوليا"


arabic_text = st.text(
    alphabet=st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئىةـًٌٍَُِّْٰ٠١٢٣٤٥٦٧٨٩ ،؛؟«»“”.-\n\u200fAbC09")),
    max_size=200,
)


@given(arabic_text)
def test_normalise_is_idempotent(text):
    assert normalise(normalise(text)) == normalise(text)


@given(arabic_text)
def test_offset_map_maps_every_character_back(text):
    norm, offsets = normalise_with_map(text)
    assert len(offsets) == len(norm) + 1
    assert offsets[-1] == len(text)
    for i, ch in enumerate(norm):
        assert normalise(text[offsets[i]]) == ch
    assert offsets == sorted(offsets)


@given(arabic_text, st.integers(0, 200), st.integers(0, 200))
def test_any_normalised_span_maps_inside_the_original(text, a, b):
    norm, offsets = normalise_with_map(text)
    a, b = sorted((min(a, len(norm)), min(b, len(norm))))
    s, e = to_original(offsets, a, b)
    assert 0 <= s <= e <= len(text)
    assert normalise(text[s:e]) == norm[a:b]


@pytest.mark.parametrize(
    "word, stem",
    [
        ("وباكو", "باكو"),
        ("باكو", "باكو"),
        ("الانفصاليين", "انفصالي"),
        ("وقرة", "قره"),
        ("المدنيين", "مدني"),
    ],
)
def test_light_stem_strips_clitics(word, stem):
    assert light_stem(word) == stem


@pytest.mark.parametrize("word, bare", [("لأذربيجان", "اذربيجان"), ("وباكو", "باكو"), ("والكرملين", "كرملين"), ("علييف", "علييف")])
def test_strip_proclitics_keeps_the_name(word, bare):
    assert strip_proclitics(word) == bare


def test_stems_of_variants_match():
    assert light_stem("لأذربيجان") == light_stem("أذربيجان")
