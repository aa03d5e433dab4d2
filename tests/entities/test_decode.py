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


def _reference_viterbi(e, tr):
    """Plain Viterbi over one sentence (the textbook recurrence, no pruning)."""
    import numpy as np

    score, back = e[0].astype(np.float64), []
    for t in range(1, len(e)):
        cand = score[:, None] + tr
        back.append(cand.argmax(axis=0))
        score = cand.max(axis=0) + e[t]
    path = [int(score.argmax())]
    for b in reversed(back):
        path.append(int(b[path[-1]]))
    return path[::-1]


def test_pruned_decoding_is_exact(tagger):
    """Tokens proved O are cut out before Viterbi: the result must equal plain
    Viterbi, on emissions that favour O (pruning active) and on flat ones."""
    import numpy as np

    dec = tagger.decoder
    rng = np.random.default_rng(7)
    o = dec.o
    seen = {"decoded": 0, "total": 0}
    lattice = dec.lattice
    inner = lattice.viterbi

    def counting(e, starts, chunk=None):
        seen["decoded"] += len(e)
        return inner(e, starts, chunk)

    lattice.viterbi = counting
    for trial in range(200):
        lens = rng.integers(1, 40, size=rng.integers(1, 12))
        e = rng.normal(size=(int(lens.sum()), dec.n_lab)).astype(np.float32) * rng.uniform(0.5, 6)
        if trial % 2:
            e[:, o] += rng.uniform(0, 25, size=len(e)).astype(np.float32)
        starts = np.concatenate([[0], np.cumsum(lens)[:-1]]).astype(np.int64)
        got = dec.decode(e, starts).tolist()
        seen["total"] += len(e)
        want = []
        for a, n in zip(starts, lens):
            want.extend(_reference_viterbi(e[a : a + n].astype(np.float64), dec.tr.astype(np.float64)))
        assert got == want
    del lattice.viterbi
    assert seen["decoded"] < 0.9 * seen["total"]  # the pruning did cut


def test_word_type_table_starts_over_when_full(tagger, monkeypatch):
    """A stream of ever-new words empties the table instead of growing without end;
    tagging stays the same across the reset."""
    from tabayyun.extract import ner_decode

    words = SENTENCES[0]
    before = tagger.tag_words(words)
    monkeypatch.setattr(ner_decode, "_MAX_TYPES", len(tagger.decoder.norm) + 3)
    after = tagger.tag_words(words + [f"كلمة{i}" for i in range(10)])[: len(words)]
    assert len(tagger.decoder.norm) < 40
    assert tagger.tag_words(words) == before
    assert after[: len(words) - 2] == before[: len(words) - 2]  # the last two see new neighbours
