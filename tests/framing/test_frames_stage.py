"""The per-article frames stage: lexicon matching with clitics and inflections,
blockers, offsets, and the voice of each term."""

import pytest

from tabayyun.extract.frame_lexicon import lexicon, parse


def sides(article):
    return [(article.text[t.start:t.end], t.side) for t in article.frames]


def test_lexicon_loads_without_conflicts_and_has_the_asked_frames():
    lex = lexicon()
    assert lex.conflicts == ()
    pairs = set(lex.frames())
    for want in [("operation", "counter-terrorism"), ("operation", "aggression"), ("operation", "invasion"),
                 ("operation", "ethnic-cleansing"), ("operation", "liberation"), ("operation", "neutral-military"),
                 ("territory", "occupied"), ("territory", "sovereign"), ("territory", "separatist-region"),
                 ("territory", "disputed"), ("actor", "separatists"), ("actor", "militants"),
                 ("actor", "mercenaries"), ("actor", "armenian-forces"), ("actor", "karabakh-authorities"),
                 ("actor", "terrorists"), ("casualties", "martyrs"), ("casualties", "killed")]:
        assert want in pairs


def test_a_malformed_lexicon_line_is_a_clear_error():
    with pytest.raises(ValueError, match="line 1"):
        parse("operation\tonly-two-columns\n")


@pytest.mark.parametrize("word,side", [
    ("الانفصاليين", "separatists"), ("والانفصاليين", "separatists"), ("للانفصاليين", "separatists"),
    ("انفصاليون", "separatists"), ("الانفصالية", "separatists"),
    ("بالعدوان", "aggression"), ("وعدوانها", "aggression"), ("اعتداءاتهم", "aggression"),
    ("غزوها", "invasion"), ("المحتلة", "occupied"), ("أراضينا", "sovereign"),
    ("المرتزقة", "mercenaries"), ("فالمسلحون", "militants"), ("الشهداء", "martyrs"),
])
def test_clitics_and_inflections(run_article, word, side):
    a = run_article(f"وتحدث التقرير عن {word} في المنطقة.")
    assert [s for _, s in sides(a)] == [side]


@pytest.mark.parametrize("phrase,side", [
    ("عمليتها العسكرية", "neutral-military"),
    ("عملية لمكافحة الإرهاب", "counter-terrorism"),
    ("تطهيرها عرقياً", "ethnic-cleansing"),
    ("الإقليم الانفصالي", "separatist-region"),
    ("المنطقة المتنازع عليها", "disputed"),
    ("القوات المسلحة الأرمينية", "armenian-forces"),
])
def test_multiword_terms_take_the_longest_match(run_article, phrase, side):
    a = run_article(f"وتحدث التقرير عن {phrase} أمس.")
    assert sides(a) == [(phrase, side)]


@pytest.mark.parametrize("text", [
    "عين مجلس الإدارة رئيس تحرير جديداً للصحيفة.",
    "واحتل المنتخب المركز الأول في المجموعة.",
    "وشاركت القوات المسلحة المصرية في المناورات.",
    "نظمت الوزارة حملة لتطهير المياه في القرى.",
    "وأعلنت الحكومة استعادة النظام العام في العاصمة.",
])
def test_blocked_phrases_are_not_frames(run_article, text):
    assert run_article(text).frames == ()


def test_offsets_point_into_the_original_text_without_the_conjunction(run_article):
    a = run_article("وَالانفصاليين ارتكبوا مجزرةً في القرية.")
    got = sides(a)
    assert ("الانفصاليين", "separatists") in got and ("مجزرةً", "massacre") in got


def test_voice_outlet_quoted_attributed(run_article):
    a = run_article(
        "شنت القوات عدواناً على المدينة. وقال الوزير: «إنها عملية لمكافحة الإرهاب». "
        "وقالت الحكومة إن الانفصاليين انسحبوا من الإقليم."
    )
    voice = {a.text[t.start:t.end]: t.voice for t in a.frames}
    assert voice["عدواناً"] == "outlet"
    assert voice["عملية لمكافحة الإرهاب"] == "quoted"
    assert voice["الانفصاليين"] == "attributed"


def test_a_term_in_a_statement_points_to_it(run_article):
    a = run_article("وقالت الحكومة إن الانفصاليين انسحبوا من الإقليم.")
    (t,) = a.frames
    st = a.statements[t.statement]
    assert st.content.start <= t.start < st.content.end


def test_a_term_a_naming_verb_introduces_is_attributed(run_article):
    a = run_article("بدأ الجيش عملية عسكرية ضد مقاتلين أكراد تصفهم أنقرة بالإرهابيين.")
    voice = {a.text[t.start:t.end]: t.voice for t in a.frames}
    assert voice["عملية عسكرية"] == "outlet" and voice["الإرهابيين"] == "attributed"


@pytest.mark.parametrize("text", [
    "تراجعت أسعار النفط في التعاملات الآسيوية بعد بيانات ضعيفة عن الاقتصاد الصيني.",
    "The army launched a counter-terrorism operation, officials said.",
    "!!! ؟؟؟ 123",
])
def test_no_frames_no_crash(run_article, text):
    assert run_article(text).frames == ()


def test_an_empty_article_has_no_frames():
    from tabayyun.extract.frames import frames
    from tabayyun.model import Article

    assert frames(Article(id="empty", text="")).frames == ()
