"""The corpus framing stage on the bundled example, and on bad input."""

from dataclasses import replace

from tabayyun.api import analyse
from tabayyun.compare.framing import Z_MIN, MIN_COUNT, framing, framing_matrix, framing_uses, log_odds
from tabayyun.model import Dossier


def voices(dossier, side):
    """{outlet: set of voices} in which the outlets use a side."""
    out = {}
    for u in dossier.framing:
        if u.side == side:
            out.setdefault(u.outlet, set()).add(u.voice)
    return out


def test_ethnic_cleansing_is_said_in_its_own_voice_by_one_outlet_only(seed_dossier):
    v = voices(seed_dossier, "ethnic-cleansing")
    own = [o for o, vs in v.items() if "outlet" in vs]
    assert own == ["xeber24.net"]
    # the Kremlin's denial in 004 is reported speech, not the outlet's word
    assert v["مقال 5"] == {"attributed"}


def test_counter_terrorism_is_never_an_outlets_own_word(seed_dossier):
    v = voices(seed_dossier, "counter-terrorism")
    assert len(v) >= 3 and all("outlet" not in vs for vs in v.values())


def test_liberation_and_occupied_in_outlet_voice(seed_dossier):
    assert voices(seed_dossier, "liberation") == {"مقال 4": {"outlet"}}
    occ = voices(seed_dossier, "occupied")
    assert {o for o, vs in occ.items() if "outlet" in vs} == {"xeber24.net", "مقال 4"}


def test_invasion_in_the_headline_of_000(seed_dossier):
    assert "outlet" in voices(seed_dossier, "invasion")["مقال 1"]


def test_every_use_has_evidence_in_its_outlet(seed_dossier):
    by_id = {a.id: a for a in seed_dossier.articles}
    label = {s.article: s.label for s in seed_dossier.sources}
    for u in seed_dossier.framing:
        assert 0 < len(u.evidence) <= u.count
        for e in u.evidence:
            assert label[e.article] == u.outlet == e.outlet
            assert by_id[e.article].text[e.start:e.end].strip()


def test_matrix_columns_in_lexicon_order_and_cells_sum_to_counts(seed_dossier):
    outlets, columns, cells = framing_matrix(seed_dossier)
    assert len(outlets) == 5 and ("operation", "ethnic-cleansing") in columns
    assert columns.index(("operation", "counter-terrorism")) < columns.index(("territory", "occupied"))
    assert sum(sum(c.values()) for c in cells.values()) == sum(u.count for u in seed_dossier.framing)


def test_outlet_terms_are_significant_frequent_and_evidenced(seed_dossier):
    terms = seed_dossier.outlet_terms
    assert terms
    by_id = {a.id: a for a in seed_dossier.articles}
    for t in terms:
        assert t.z >= Z_MIN and t.count >= MIN_COUNT and t.evidence
        for e in t.evidence:
            assert by_id[e.article].text[e.start:e.end]
    xeber = {t.term for t in terms if t.outlet == "xeber24.net"}
    assert "الجيب الجبلي" in xeber


def test_log_odds_favours_the_outlet_that_uses_a_word():
    from collections import Counter

    a, b = Counter({"غزو": 12, "قال": 20}), Counter({"عملية": 12, "قال": 20})
    scores = log_odds(a, b, a + b, 2.0)
    assert scores["غزو"][1] > 1.96 and abs(scores["قال"][1]) < 1.0


def test_the_same_article_twice_counts_once(seed_paths):
    text = open(seed_paths[1], encoding="utf-8").read()
    once, twice = analyse([text]), analyse([text, text])
    assert [u.count for u in once.framing] == [u.count for u in twice.framing]
    assert any("one outlet only" in n for n in twice.notes)


def test_a_near_copy_is_left_out(seed_dossier):
    a0 = seed_dossier.articles[1]
    copy = replace(a0, id="copy", duplicate_of=a0.id)
    d = replace(seed_dossier, articles=seed_dossier.articles + (copy,))
    assert all(e.article != "copy" for u in framing_uses(d) for e in u.evidence)


def test_articles_without_frames_and_non_arabic_text():
    d = analyse(["تراجعت أسعار النفط في التعاملات الآسيوية بعد بيانات ضعيفة عن الاقتصاد الصيني.\n",
                 "Oil prices fell in Asian trading after weak data from China.\n"])
    assert d.framing == () and d.outlet_terms == ()
    assert any("no contested terms" in n for n in d.notes)


def test_an_empty_dossier():
    d = framing(Dossier())
    assert d.framing == () and d.outlet_terms == () and d.notes == ()
