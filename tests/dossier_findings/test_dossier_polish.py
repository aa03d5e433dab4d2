"""What the fact-checker reads: Arabic names for facts and notes, readable outlet
labels, evacuations by a named doer kept apart from everyone moved, ranked
single-source claims."""

from tabayyun import analyse
from tabayyun.compare.sources import labels, readable_name
from tabayyun.model import Article, Meta

from findings_util import text_of


def test_evacuation_by_named_soldiers_is_not_a_rival_count(seed):
    # "جنودها … ونقلوا ما يقرب من 500 شخص" (Russia) vs "إجلاء أكثر من 10 آلاف شخص" (ombudsman)
    assert not any(d.category == "evacuated" for d in seed.disputes)
    evac = {text_of(seed, f.evidence): f for f in seed.figures if f.category == "evacuated"}
    assert evac["500"].fact != evac["10 آلاف"].fact
    assert "soldiers" in evac["500"].fact and "أجلاهم جنود" in evac["500"].fact_ar


PART = ("موقع المدينة", "وقالت البعثة إن جنودها نقلوا 300 شخص من القرى القريبة من خط التماس إلى مراكز الإيواء.")
WHOLE = ("صحيفة الوطن", "وتحدث المسؤول المحلي عن إجلاء أكثر من 8 آلاف شخص من منازلهم في الإقليم منذ بدء القتال.")
EQUAL = ("إذاعة الجنوب", "وقال الدفاع المدني إن فرق الإنقاذ أجلت 8 آلاف شخص من منازلهم في الإقليم منذ بدء القتال.")
MORE = ("وكالة الشرق", "وقالت البعثة إن جنودها نقلوا 20 ألف شخص من القرى القريبة من خط التماس إلى مراكز الإيواء.")


def test_part_below_the_whole_is_its_own_fact(run):
    d = run(PART, WHOLE)
    assert not d.disputes
    assert len({f.fact for f in d.figures if f.category == "evacuated"}) == 2


def test_named_doer_with_the_same_count_still_agrees(run):
    d = run(WHOLE, EQUAL)
    assert not d.disputes
    assert any(a.kind == "figure" and a.fact.startswith("evacuated") for a in d.agreements)


def test_part_above_the_whole_is_disputed(run):
    # 20 ألف moved by the mission's soldiers cannot be part of 8 آلاف moved in all
    d = run(MORE, (WHOLE[0], WHOLE[1].replace("أكثر من ", "")))
    assert any(x.category == "evacuated" for x in d.disputes)


def test_fact_keys_stay_english_and_reader_labels_arabic(seed):
    toll = next(x for x in seed.disputes if x.category == "killed")
    assert toll.fact.startswith("killed: Armenian side")  # stable machine key ("Armenian", not "Armenia")
    assert toll.fact_ar.startswith("عدد القتلى في الجانب الأرميني")
    assert all(f.fact_ar == toll.fact_ar for f in toll.figures)
    assert "time scope" in toll.note  # the English note is kept for machines
    assert "«خلال يوم واحد»" in toll.note_ar and "20 سبتمبر 2023" in toll.note_ar
    assert not any(c.isascii() and c.isalpha() for c in toll.note_ar + toll.fact_ar)
    for c in seed.attribution_conflicts:
        assert c.fact_ar and not any(ch.isascii() and ch.isalpha() for ch in c.fact_ar)


def test_single_source_claims_read_in_arabic_and_rank_figures_first(seed):
    singles = seed.single_source
    assert [s.importance for s in singles] == sorted((s.importance for s in singles), reverse=True)
    top = singles[:5]
    assert all(s.kind == "figure" for s in top)
    assert top[0].fact and "explosion" in top[0].fact  # the mine blast toll no one else reports
    for s in singles:
        if s.kind == "figure":
            assert not any(c.isascii() and c.isalpha() for c in s.claim), s.claim
    # values of a disputed fact rank below claims the reader has not yet seen
    toll = next(x for x in seed.disputes if x.category == "killed").fact
    in_dispute = [s.importance for s in singles if s.fact == toll]
    assert in_dispute and max(in_dispute) < top[0].importance


def test_article_labels_are_short_and_readable(seed):
    by_source = {s.source.rsplit("/", 1)[-1]: s.label for s in seed.sources}
    assert by_source["000_1b533fc5b68fb5bb.txt"] == "مقال 1"
    assert by_source["001_c5d3505209b3c779.txt"] == "xeber24.net"  # the outlet, found in the byline
    assert {f.outlet for f in seed.figures} <= set(by_source.values())
    assert all(s.source.endswith(".txt") for s in seed.sources)  # the full source stays in the table


def test_readable_names():
    assert readable_name("corpus/000_1b533fc5b68fb5bb.txt") is None
    assert readable_name("corpus/aljazeera_1b533fc5b68fb5bb.txt") == "aljazeera"
    assert readable_name("<text 2>") is None
    arts = (Article("a", "نص", Meta(source="x/000_aa11bb22cc33dd44.txt")),
            Article("b", "نص", Meta(source="x/bbc_aa11bb22cc33dd44.txt")),
            Article("c", "نص", Meta(source="x/bbc_ff11bb22cc33dd44.txt")),
            Article("d", "نص", Meta(source="x/y.txt", outlet="الجزيرة")))
    assert labels(arts) == {"a": "مقال 1", "b": "bbc", "c": "bbc (2)", "d": "الجزيرة"}


def test_texts_given_directly_get_numbered_labels():
    d = analyse(["قال وزير الصحة إن 12 شخصًا أصيبوا في الحادث يوم 3 مارس 2024 في العاصمة.",
                 "قالت الشرطة إن 15 شخصًا أصيبوا في الحادث يوم 3 مارس 2024 في العاصمة."])
    assert [s.label for s in d.sources] == ["مقال 1", "مقال 2"]
