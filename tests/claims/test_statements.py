"""The statements stage: speakers before/after the cue, continuations, via chains,
denials, and the attribution of every figure to its claimant."""

import pytest
from claims_util import claimant, span


def only(article):
    assert len(article.statements) == 1, [span(article, s.cue) for s in article.statements]
    return article.statements[0]


@pytest.mark.parametrize("text,speaker", [
    ("قالت وزارة الدفاع الأذربيجانية في بيان إن العمليات مستمرة.", "وزارة الدفاع الأذربيجانية"),
    ("وقال رئيس الوزراء الأرميني نيكول باشينيان إنه يأمل في السلام.", "رئيس الوزراء الأرميني نيكول باشينيان"),
    ("وأعلنت السلطات الانفصالية أنها وافقت على وقف إطلاق النار.", "السلطات الانفصالية"),
    ("وقالوا مسؤولون محليون إن الوضع هادئ.", "مسؤولون محليون"),
    ("وأدان الاتحاد الأوروبي وفرنسا وألمانيا العمل العسكري.", "الاتحاد الأوروبي وفرنسا وألمانيا"),
])
def test_speaker_after_the_cue(analyse, text, speaker):
    a = analyse(text)
    assert span(a, only(a).speaker) == speaker


@pytest.mark.parametrize("text,speaker", [
    ("إلا أن باكو سرعان ما نفت تلك الإحصائيات.", "باكو"),
    ("وكانت السلطات الأذربيجانية أعلنت التوصل إلى اتفاق.", "السلطات الأذربيجانية"),
    ("غير أن مصادر طبية في غزة أكدت أن العدد ارتفع.", "مصادر طبية في غزة"),
    ("أما الجانب الروسي، الذي ينشر قوات حفظ سلام، رأت أن الوضع مقلق.", "الجانب الروسي"),
])
def test_speaker_before_the_cue(analyse, text, speaker):
    a = analyse(text)
    assert span(a, only(a).speaker) == speaker


def test_continuation_takes_the_previous_speaker(analyse):
    a = analyse("قال الكرملين إن ما يجري شأن داخلي. وأضاف أن روسيا تعول على التزام أذربيجان.")
    assert [span(a, s.speaker) for s in a.statements] == ["الكرملين", "الكرملين"]


def test_participle_continues_the_statement(analyse):
    a = analyse("نددت أرمينيا بالعمل العسكري، معتبرة ذلك خرقا للاتفاق.")
    assert [(span(a, s.cue), span(a, s.speaker)) for s in a.statements] == [("نددت", "أرمينيا"), ("معتبرة", "أرمينيا")]


def test_no_findable_speaker_is_kept_unknown(analyse):
    s = only(analyse("وأكد أن الهدنة صامدة حتى الآن."))
    assert s.speaker is None and s.speaker_id is None


def test_direct_quote_after_colon(analyse):
    a = analyse("وقال حاجييف: \"نعتزم إصدار عفو عن المقاتلين\".")
    s = only(a)
    assert s.direct and span(a, s.content) == "نعتزم إصدار عفو عن المقاتلين"


@pytest.mark.parametrize("marks", ["«»", "“”", "”“", '""'])
def test_direct_quote_in_any_marks(analyse, marks):
    a = analyse(f"وقال الوزير: {marks[0]}لن نقبل بأي تهجير قسري{marks[1]}.")
    assert span(a, only(a).content) == "لن نقبل بأي تهجير قسري"


def test_quote_with_no_closing_mark_runs_to_the_paragraph_end(analyse):
    a = analyse("وقال الوزير: «لن نقبل بأي تهجير قسري للسكان\nوفي سياق آخر أعلنت الشرطة أن الطرق مفتوحة.")
    assert span(a, a.statements[0].content) == "لن نقبل بأي تهجير قسري للسكان"
    assert span(a, a.statements[1].speaker) == "الشرطة"


def test_cue_inside_a_quote_is_part_of_the_quote(analyse):
    a = analyse("وجاء في بيان الوزارة: «أكد الوزير التركي أن تركيا تدعم أذربيجان».")
    assert [span(a, s.cue) for s in a.statements] == ["وجاء"]


@pytest.mark.parametrize("text,typ", [
    ("نفت باكو تلك الأرقام.", "denial"),
    ("دعا الأمين العام إلى وقف فوري للقتال.", "call"),
    ("وحثت موسكو الجانبين على وقف إراقة الدماء.", "call"),
    ("أدانت فرنسا الهجوم.", "condemnation"),
    ("اتهمت أرمينيا أذربيجان بقصف القرى.", "accusation"),
    ("أعلنت الوزارة إرسال مساعدات.", "announcement"),
    ("أعرب الوزير عن دعم بلاده للاتفاق.", "support"),
    ("قال الوزير إن الوضع هادئ.", "claim"),
])
def test_statement_type(analyse, text, typ):
    assert only(analyse(text)).type == typ


def test_denial_has_negative_polarity_and_points_back(analyse):
    a = analyse("قالت أرمينيا إن 200 شخص قتلوا، إلا أن باكو نفت تلك الإحصائيات، مؤكدة أن القتلى لم يتعدوا 32 قتيلا.")
    said, denied, affirmed = a.statements
    assert denied.polarity == "negative" and denied.responds_to == (0,)
    assert [(q.value, claimant(a, q)) for q in a.quantities] == [(200, "أرمينيا"), (32, "باكو")]


@pytest.mark.parametrize("text,agent", [
    ("قالت أذربيجان إن العملية مستمرة. حسب رويترز.", "Reuters"),
    ("وقالت مصادر محلية إن القصف توقف، وفق الأناضول.", "Anadolu"),
    ("وقال باشينيان إنه يأمل في السلام، بحسب ما نقلت وكالة الإعلام الروسية.", "RIA Novosti"),
])
def test_trailing_agency_is_a_via(analyse, text, agent):
    s = only(analyse(text))
    assert [v.agent for v in s.via] == [agent]


def test_chained_via(analyse):
    a = analyse("ونقلت وكالات أنباء روسية عن الإدارة الرئاسية في أذربيجان قولها إن العملية لن تتوقف.")
    s = only(a)
    assert span(a, s.speaker) == "الإدارة الرئاسية في أذربيجان"
    assert [v.agent for v in s.via] == ["وكالات أنباء روسية"]


def test_via_through_a_participle(analyse):
    a = analyse("بل إن وكالة تاس قالت إن صفقة جرت، ناقلة عن وزارة الدفاع الأذربيجانية أنه سيطلق سراح 32 جنديا.")
    s = a.statements[-1]
    assert span(a, s.speaker) == "وزارة الدفاع الأذربيجانية" and [v.agent for v in s.via] == ["TASS"]
    assert claimant(a, a.quantities[0]) == "وزارة الدفاع الأذربيجانية"


def test_figure_outside_any_statement_is_the_outlets_own(analyse):
    a = analyse("ويعيش ما يقدر بنحو 120 ألف أرمني في الإقليم.")
    assert a.statements == () and a.quantities[0].statement is None


def test_speaker_id_comes_from_entities_when_present(analyse):
    from dataclasses import replace

    from tabayyun.extract.statements import statements
    from tabayyun.model import Mention

    a = analyse("قال الكرملين إن الوضع هادئ.")
    a = replace(a, entities=(Mention(4, 12, "ORG", entity_id="kremlin", label="Kremlin"),))
    assert statements(a).statements[0].speaker_id == "kremlin"


# ---------------------------------------------------------------- the seed articles

def test_seed_000_32_is_bakus_denial_figure(seeds):
    a = seeds["000"]
    rows = [(q.value, q.category, claimant(a, q)) for q in a.quantities]
    assert (200, "killed", "أرمينيا") in rows and (32, "killed", "باكو") in rows
    denial = next(s for s in a.statements if s.type == "denial")
    assert span(a, denial.speaker) == "باكو" and denial.responds_to


def test_seed_004_32_is_armenias_figure(seeds):
    a = seeds["004"]
    q = next(q for q in a.quantities if q.value == 32)
    assert (q.category, claimant(a, q)) == ("killed", "أرمينيا")


def test_seed_002_reuters_via(seeds):
    a = seeds["002"]
    assert [v.agent for v in a.statements[0].via] == ["Reuters"]


def test_speaker_id_is_not_a_place_named_inside_the_phrase(analyse):
    from dataclasses import replace

    from tabayyun.extract.statements import statements
    from tabayyun.model import Mention

    a = analyse("وأعلنت سلطات أرمن إقليم قره باغ أنها وافقت على وقف إطلاق النار.")
    start = a.text.index("قره باغ")
    a = replace(a, entities=(Mention(start, start + 7, "LOC", entity_id="loc:karabakh"),))
    assert statements(a).statements[0].speaker_id is None
