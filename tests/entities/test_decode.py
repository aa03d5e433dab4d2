"""The numpy decoder gives exactly CRFsuite's tags; tagging edge cases."""

from __future__ import annotations

import pycrfsuite
import pytest

from tabayyun.extract.ner_tagger import MODEL_DIR, MODEL_FILE, Tagger

SENTENCES = [
    "قال الرئيس الأذربيجاني إلهام علييف إن بلاده استعادت السيادة على إقليم قره باغ .".split(),
    "وأجرى وزير الخارجية الأمريكي أنتوني بلينكن مكالمة مع نيكول باشينيان .".split(),
    "فاز فريق برشلونة على ريال مدريد في الدوري الإسباني .".split(),
    "ارتفعت أرباح البنك التجاري القطري بنسبة عشرة في المئة .".split(),
    ["باكو"],
]


@pytest.fixture(scope="module")
def tagger():
    return Tagger()


def test_decoder_matches_crfsuite(tagger):
    crf = pycrfsuite.Tagger()
    crf.open(str(MODEL_DIR / MODEL_FILE))
    fast = tagger.tag_sentences(SENTENCES)[0]
    slow = [crf.tag(tagger.featuriser.sentence(s)) for s in SENTENCES]
    if tagger.bilou:
        pytest.skip("BILOU model: labels are mapped to BIO after decoding")
    assert fast == slow


def test_batch_equals_one_by_one(tagger):
    batch = tagger.tag_sentences(SENTENCES)[0]
    assert batch == [tagger.tag_words(s) for s in SENTENCES]


def test_empty_input(tagger):
    assert tagger.tag_words([]) == []
    assert tagger.tag_sentences([[], ["باكو"], []])[0][0] == []


def test_very_long_sentence_is_tagged_in_windows(tagger):
    words = ("قالت أذربيجان إن القتال انتهى ،".split()) * 100
    assert len(tagger.tag_words(words)) == len(words)
