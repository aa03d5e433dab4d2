"""The quantities stage: category, qualifier, counted, subset, scope, and bad input."""

import pytest

from claims_util import span


def figures(article):
    return [(span(article, q), q.value, q.category, q.qualifier) for q in article.quantities]


@pytest.mark.parametrize("text,category", [
    ("قتل 27 شخصا في القصف.", "killed"),
    ("وأدى القصف إلى مقتل ستة أشخاص.", "killed"),
    ("وسقط 200 قتيل.", "killed"),
    ("وأصيب أكثر من 400 جريح.", "wounded"),
    ("وتم إجلاء 500 شخص من القرى.", "evacuated"),
    ("واعتقلت الشرطة 45 متظاهرا.", "detained"),
    ("وأطلق سراح 32 جنديا.", "released"),
    ("ويعيش في الإقليم 120 ألف أرمني.", "population"),
    ("ووصلت 40 شاحنة إلى المعبر.", "aid"),
    ("وبلغت قيمة الصفقة 14 مليار دولار.", "money"),
    ("واستمرت المعارك 44 يوما.", "duration"),
])
def test_category_from_cue_words(analyse, text, category):
    assert analyse(text).quantities[0].category == category


@pytest.mark.parametrize("text,qualifier", [
    ("قتل 200 شخص على الأقل.", "at_least"),
    ("أصيب أكثر من 200 شخص.", "more_than"),
    ("نزح نحو 300 شخص.", "about"),
    ("قتل ما يقرب من 200 شخص.", "about"),
    ("قتل حوالي 50 شخصا.", "about"),
    ("قتل قرابة 50 شخصا.", "about"),
    ("قتل أقل من 10 أشخاص.", "less_than"),
    ("إن أعداد القتلى لم تتعدى الـ 32 قتيل.", "at_most"),
    ("إن أعداد القتلى لم يتعد 32 قتيلا.", "at_most"),
])
def test_qualifiers(analyse, text, qualifier):
    assert analyse(text).quantities[0].qualifier == qualifier


def test_subset_points_to_the_civilians(analyse):
    a = analyse("قتل 27 شخصا، بينهم مدنيان، في القصف.")
    parent, child = a.quantities
    assert span(a, parent.subset) == "بينهم مدنيان"
    assert (child.value, child.category) == (2, "killed")


def test_subset_of_police_officers_inherits_the_category(analyse):
    a = analyse("ردا على مقتل ستة أشخاص، بينهم أربعة من رجال الشرطة.")
    assert [(q.value, q.category) for q in a.quantities] == [(6, "killed"), (4, "killed")]
    assert span(a, a.quantities[1].counted) == "رجال الشرطة"


@pytest.mark.parametrize("text,scope", [
    ("قتل 32 شخصا وأصيب أكثر من 200 في أقل من 24 ساعة.", "في أقل من 24 ساعة"),
    ("قتل 200 شخص خلال يوم واحد.", "خلال يوم واحد"),
    ("قتل 27 شخصا يوم أمس الثلاثاء.", "يوم أمس الثلاثاء"),
])
def test_time_scope(analyse, text, scope):
    a = analyse(text)
    assert span(a, a.quantities[0].scope) == scope


def test_number_inside_a_scope_is_not_a_figure(analyse):
    a = analyse("وأصيب أكثر من 200 في أقل من 24 ساعة.")
    assert [q.value for q in a.quantities] == [200]


def test_vague_amount_is_kept_with_its_range(analyse):
    q = analyse("قتل خمسة أشخاص وأصيب العشرات.").quantities[1]
    assert (q.value, q.vague, q.low, q.category) == (None, "dozens", 20, "wounded")


def test_counted_noun_with_adjective(analyse):
    a = analyse("من المقرر أن تطلق باكو سراح 32 جنديًا أرمينيًا.")
    assert span(a, a.quantities[0].counted) == "جنديًا أرمينيًا"


def test_aid_units(analyse):
    a = analyse("وتضمنت المساعدات 40 طناً من المواد الغذائية محملة بـ4 شاحنات.")
    assert [(q.value, q.category, q.unit) for q in a.quantities] == [(40, "aid", "tonne"), (4, "aid", "truck")]


# ---------------------------------------------------------------- bad input

@pytest.mark.parametrize("text", [
    "للاستفسار اتصلوا على 0123456789",
    "اتصلوا على +971 4 123 4567",
    "زوروا www.example.com/2024/09/20",
    "انظر https://news.example.org/article-123",
    "الموقع xeber24.net",
    "في الـ 19 من سبتمبر",
    "الخميس 21 سبتمبر/أيلول 2023",
    "في حرب عام 2020",
    "منذ 2020",
    "حصاد 2023",
    "الفصل الثالث",
    "فاز الفريق بنتيجة 3-1",
    "تعادل الفريقان 2 : 2",
    "الساعة 10:30 صباحا",
])
def test_not_figures(analyse, text):
    assert analyse(text).quantities == ()


def test_percentage_is_not_a_count(analyse):
    (q,) = analyse("وارتفعت نسبة المشاركة إلى 65% هذا العام.").quantities
    assert (q.value, q.category, q.unit) == (65, "percent", "percent")


def test_percentage_in_words_is_not_a_count(analyse):
    (q,) = analyse("وارتفعت الأسعار 12 في المئة.").quantities
    assert q.category == "percent"


def test_empty_and_numberless_text(analyse):
    assert analyse("لا أرقام في هذا الخبر.").quantities == ()
