"""The sparse offset map answers exactly as the full per-character map does."""

import bisect

from tabayyun.arabic.normalise import normalise, normalise_with_map, to_original
from tabayyun.extract.shared import normalised
from tabayyun.extract.time_offsets import OffsetMap

TEXTS = [
    "قالَ وزيرُ الخارجيّة إنّ القصفَ أسفرَ عن مقتلِ ٢٧ شخصاً",
    "ــ\u200fالحكومـــة\u200f ــ أعلنت",  # tatweel and bidi marks at the edges
    "بدون تشكيل أو تطويل",  # nothing deleted: identity
    "ًٌٍ",  # only marks
]


def test_norm_at_and_span_match_the_full_map():
    for text in TEXTS:
        norm, offs = normalise_with_map(text)
        omap = OffsetMap(text, norm)
        for i in range(len(text) + 1):
            assert omap.norm_at(i) == bisect.bisect_left(offs, i), (text, i)
        for s in range(len(norm) + 1):
            for e in range(s, len(norm) + 1):
                assert omap.span(s, e) == to_original(offs, s, e), (text, s, e)


def test_shared_body_is_the_normalised_text():
    for text in TEXTS:
        norm, omap = normalised(text)
        assert norm == normalise(text)
        assert normalised(text)[1] is omap  # computed once


def test_tokenise_matches_the_token_regex():
    from tabayyun.arabic.normalise import normalise_word
    from tabayyun.arabic.segment import _KINDS, _TOKEN_RE, tokenise
    from tabayyun.model import Token

    texts = TEXTS + ["", "   ", "  قال: «نعم» 3.5% و٣٫٥ xeber24.net_x a_b ™ 😀\n\tالنهاية.  ", "كلمة"]
    for text in texts:
        want = tuple(Token(m.start(), m.end(), normalise_word(m.group()), _KINDS[m.lastindex])
                     for m in _TOKEN_RE.finditer(text))
        got = tokenise(text)
        assert got == want and all(type(t) is Token for t in got), text


def test_time_words_map_starts_like_to_norm():
    from tabayyun.arabic.segment import tokenise
    from tabayyun.extract.time_scan import WORDS
    from tabayyun.extract.times import _words

    for text in TEXTS + ["في الـ٢٠ من سبتمبرَ عامَ ٢٠٢٣ قالَ أمسِ"]:
        omap = OffsetMap(text, normalise(text))
        toks = tokenise(text)
        want = [(omap.to_norm(t.start), omap.to_norm(t.start) + len(t.norm), t.norm, t.kind)
                for t in toks if t.norm in WORDS or t.kind == "number"]
        assert _words(toks, omap) == want, text
