"""Hand-written Arabic articles: units, wire copy, and inputs with little to compare."""

from tabayyun import analyse
from tabayyun.compare.align import display_value, interval
from tabayyun.compare.wire import find_copies, independent_count
from tabayyun.model import Figure, Evidence

from findings_util import text_of

WIRE = (
    "وقالت الأمم المتحدة في بيان صدر مساء الخميس إن فرق الإغاثة أجلت 10 آلاف شخص من القرى الواقعة "
    "على ضفتي النهر بعد أن غمرت المياه الحقول والطرق الرئيسية. وأضاف البيان أن السلطات المحلية فتحت "
    "مدارس المنطقة لإيواء العائلات التي خسرت منازلها وأن المساعدات الغذائية بدأت تصل منذ صباح الجمعة."
)
A = ("صحيفة النهار", "غرقت قرى كثيرة في شمال البلاد بعد أيام من الأمطار الغزيرة. " + WIRE
     + " وقال رئيس البلدية إن الحصار الذي فرضته السيول على البلدة استمر شهرا ونصف الشهر.")
B = ("موقع الخبر", "تتواصل معاناة السكان في المحافظة الشمالية مع ارتفاع منسوب المياه. " + WIRE
     + " ويخشى المزارعون خسارة موسم القمح بالكامل هذا العام.")
C = ("إذاعة الشرق", "أعلن الدفاع المدني أن عمليات الإجلاء شملت عشرة آلاف شخص في المحافظة الشمالية. "
     "وذكر مسؤول محلي أن الحصار الذي فرضته السيول على البلدة دام 45 يوما.")
FOOTBALL = ("الملاعب", "فاز النادي الأهلي على الزمالك في مباراة القمة مساء السبت وسط حضور جماهيري كبير في الملعب.")
QUAKE = ("الأنباء", "ضرب زلزال بقوة ست درجات جزيرة سومطرة الإندونيسية، وقالت هيئة الأرصاد إن 12 شخصا قتلوا.")
NO_FIGURES = ("الرأي", "دعا وزير الخارجية الأطراف كلها إلى الحوار، وقال إن الحل السياسي هو الطريق الوحيد لإنهاء الأزمة.")


def agreement(d, category):
    return next(a for a in d.agreements if a.kind == "figure" and a.fact.startswith(category))


def test_agreement_across_units_month_and_a_half_is_45_days(run):
    d = run(A, C)
    a = agreement(d, "duration")
    assert {text_of(d, e) for e in a.evidence} == {"شهرا ونصف الشهر", "45"}
    assert a.independent_sources == 2


def test_agreement_across_number_words(run):
    d = run(A, C)
    a = agreement(d, "evacuated")
    assert {text_of(d, e) for e in a.evidence} == {"10 آلاف", "عشرة آلاف"}
    assert not d.disputes


def test_wire_copy_found_with_both_spans(run):
    d = run(A, B)
    assert d.wire_copy
    w = d.wire_copy[0]
    assert text_of(d, w.a) == text_of(d, w.b) == WIRE
    assert w.similarity >= 0.9


def test_wire_copy_counts_once(run):
    d = run(A, B)
    assert [g.reason for g in d.independence] == ["shared-passages"]
    a = agreement(d, "evacuated")
    assert len(a.outlets) == 2 and a.independent_sources == 1
    assert independent_count([x.id for x in d.articles], d) == 1


def test_copies_plus_an_independent_outlet_count_two(run):
    d = run(A, B, C)
    assert agreement(d, "evacuated").independent_sources == 2
    assert independent_count([x.id for x in d.articles], d) == 2


def test_one_article(run):
    d = run(A)
    assert any("only one distinct article" in n for n in d.notes)
    assert not d.wire_copy and not d.agreements and not d.attribution_conflicts and not d.statement_groups
    assert all(s.outlet == "صحيفة النهار" for s in d.single_source)


def test_unrelated_articles(run):
    d = run(FOOTBALL, QUAKE)
    assert not d.disputes and not d.agreements and not d.attribution_conflicts and not d.statement_groups
    assert any("unrelated" in n for n in d.notes)


def test_articles_without_figures(run):
    d = run(NO_FIGURES, FOOTBALL)
    assert not d.figures and not d.disputes
    assert any("no figures found" in n for n in d.notes)


def test_same_article_twice(run):
    d = run(C, C)
    assert len(d.articles) == 1
    assert not d.disputes and not d.agreements and not d.attribution_conflicts
    assert any("only one distinct article" in n for n in d.notes)


def test_near_copy_counts_once():
    body = C[1]
    d = analyse([body + "\nوتستمر عمليات البحث عن المفقودين.", body + "\nوتستمر عمليات البحث."])
    assert sum(1 for a in d.articles if a.duplicate_of) == 1
    assert any("near-copies" in n for n in d.notes)
    assert d.independence[0].reason == "near-duplicate"
    assert independent_count([a.id for a in d.articles], d) == 1


def test_different_values_make_a_dispute_with_claimants(run):
    d = run(
        ("أ", "وقال الدفاع المدني إن 12 شخصا قتلوا في الزلزال الذي ضرب المدينة."),
        ("ب", "وذكرت وزارة الصحة أن 40 شخصا قتلوا في الزلزال الذي ضرب المدينة."),
    )
    x = next(x for x in d.disputes if x.category == "killed")
    assert {(f.value, f.claimant_label) for f in x.figures} == {(12.0, "الدفاع المدني"), (40.0, "وزارة الصحة")}


def test_vague_dozens_agrees_with_a_number_inside_it(run):
    d = run(
        ("أ", "وقال مسؤولون إنه أصيب العشرات في القصف الذي استهدف السوق."),
        ("ب", "وذكر مسعفون أن 40 شخصا أصيبوا في القصف الذي استهدف السوق."),
    )
    assert not d.disputes and agreement(d, "wounded")


def test_intervals_and_units():
    f = Figure("a", 0, 1.5, None, None, "exact", "duration", None, None, "x", (), None, Evidence("a", 0, 1))
    assert interval(f, 30.0) == (45.0, 45.0)
    assert display_value(f, "month") == "1.5 months (= 45 days)"
    g = Figure("a", 0, 200.0, None, None, "at_least", "killed", None, None, "x", (), None, Evidence("a", 0, 1))
    assert interval(g) == (200.0, float("inf")) and display_value(g) == "≥200"


def test_find_copies_is_empty_without_shared_sentences(seed):
    assert find_copies([a for a in seed.articles if a.duplicate_of is None]) == []
