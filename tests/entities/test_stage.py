"""The entities stage on the seed articles and on bad input."""

from __future__ import annotations

import pytest

from tabayyun.model import Mention

from ner_helpers import analyse

SEED_PEOPLE = [
    ("أولاف شولتس", "per:scholz"), ("إلهام علييف", "per:ilham_aliyev"),
    ("يشار غولمر", "per:guler"), ("ذاكر حسنوف", "per:hasanov"),
    ("نيكول باشينيان", "per:nikol_pashinyan"), ("أنتوني بلينكن", "per:blinken"),
    ("أنطونيو غوتيريش", "per:guterres"), ("فلاديمير بوتين", "per:vladimir_putin"),
    ("جيهون بيراموف", "per:bayramov"), ("حكمت حاجييف", "per:hajiyev"),
    ("فاهان كوستانيان", "per:kostanyan"), ("غيغام ستيبانيان", "per:stepanyan"),
]


def texts(article, typ=None):
    return [article.text[m.start:m.end] for m in article.entities if typ is None or m.type == typ]


@pytest.mark.parametrize("name,eid", SEED_PEOPLE)
def test_every_seed_person_is_found(seed_articles, name, eid):
    found = [m for a in seed_articles for m in a.entities
             if a.text[m.start:m.end] == name and m.type == "PER"]
    assert found and all(m.entity_id == eid for m in found)


@pytest.mark.parametrize("word", ["لأذربيجان", "وباكو", "بأذربيجان"])
def test_proclitics_are_left_out_of_the_span(word):
    a = analyse(f"وقال المسؤول إن الدعم {word} مستمر منذ سنوات.")
    m = [m for m in a.entities if m.entity_id in ("gpe:AZ", "loc:baku")]
    assert m and a.text[m[0].start:m[0].end] in ("أذربيجان", "باكو")


@pytest.mark.parametrize("text,role", [
    ("وأجرى وزير الخارجية الأمريكي أنتوني بلينكن مكالمة هاتفية.", "وزير الخارجية الأمريكي"),
    ("ودعا أنطونيو غوتيريش، الأمين العام للأمم المتحدة، إلى وقف القتال.", "الأمين العام للأمم المتحدة"),
    ("قال رئيس الوزراء الأرميني نيكول باشينيان إن بلاده مستعدة.", "رئيس الوزراء الأرميني"),
])
def test_role_is_recorded_on_the_person(text, role):
    a = analyse(text)
    per = [m for m in a.entities if m.type == "PER"]
    assert per and per[0].role is not None
    assert a.text[per[0].role.start:per[0].role.end] == role


def test_bare_role_becomes_a_person_mention():
    a = analyse("وقال مستشار للرئيس الأذربيجاني إن العملية انتهت. وأكد الرئيس الأذربيجاني ذلك.")
    bare = [m for m in a.entities if m.type == "PER" and m.role == type(m.role)(m.start, m.end)]
    assert any(a.text[m.start:m.end] == "الرئيس الأذربيجاني" for m in bare)


def test_country_is_gpe_and_region_is_loc():
    a = analyse("أرسلت أذربيجان قوات إلى إقليم قره باغ.")
    types = {a.text[m.start:m.end]: m.type for m in a.entities}
    assert types.get("أذربيجان") == "GPE" and types.get("قره باغ") == "LOC"


@pytest.mark.parametrize("word", ["الأرمن", "الانفصاليين", "الأذريين"])
def test_groups_are_norp(word):
    a = analyse(f"وقالت السلطات إن {word} بدؤوا الانسحاب من المنطقة.")
    assert any(m.type == "NORP" and a.text[m.start:m.end] == word for m in a.entities)


def test_adjective_in_accusative_is_not_the_country():
    a = analyse("أطلقت باكو سراح 32 جنديًا أرمينيًا.")
    assert "أرمينيًا" not in texts(a)


@pytest.mark.parametrize("text,actor", [
    ("ونفت باكو تلك الأرقام.", "gpe:AZ"),
    ("وقال الكرملين إن ما يجري شأن داخلي.", "gpe:RU"),
    ("وأبلغ وزير الدفاع نظيره بدعم أنقرة لباكو.", "gpe:TR"),
])
def test_capital_as_actor_records_the_state(text, actor):
    a = analyse(text)
    assert actor in {getattr(m, "actor", None) for m in a.entities}


def test_capital_as_place_keeps_only_the_place():
    a = analyse("ووصل الوفد إلى باكو مساء أمس.")
    baku = [m for m in a.entities if m.entity_id == "loc:baku"]
    assert baku and getattr(baku[0], "actor", None) is None


def test_offsets_point_into_the_text(seed_articles):
    for a in seed_articles:
        for m in a.entities:
            assert 0 <= m.start < m.end <= len(a.text)
            assert a.text[m.start:m.end].strip() == a.text[m.start:m.end]


# ---------------------------------------------------------------- bad input

@pytest.mark.parametrize("text", [
    "هذا نص قصير لا يذكر أحدا على الإطلاق.",
    "",
    "،،، ... !!! ؟؟؟",
    "1234 ٥٦٧٨ 9٠1 12abc ٣٤كم 2023/09/19",
])
def test_text_without_entities_gives_none_or_few(text):
    a = analyse(text)
    assert all(isinstance(m, Mention) for m in a.entities)
    assert len(a.entities) <= 1


def test_latin_names_inside_arabic_do_not_crash():
    a = analyse("وقال Joe Biden في مؤتمر صحفي مع Emmanuel Macron في باريس إن الوضع خطير.")
    assert "باريس" in texts(a)


def test_thousand_letter_token_does_not_crash():
    a = analyse("قال " + "ب" * 1000 + " إن أذربيجان " + "x" * 1000 + " مستعدة.")
    assert "أذربيجان" in texts(a)


def test_mixed_digits_inside_words():
    a = analyse("وصلت القافلة 3شاحنات إلى يريفان٢ ثم إلى يريفان صباح 20سبتمبر.")
    assert "يريفان" in texts(a)


def test_role_before_a_comma_apposition():
    a = analyse("وقال وزير دفاع تركيا، يشار غولر، إن بلاده تدعم باكو.")
    per = [m for m in a.entities if m.type == "PER"]
    assert per and a.text[per[0].role.start:per[0].role.end] == "وزير دفاع تركيا"


def test_unknown_name_after_a_title_is_a_person():
    a = analyse("وقال رئيس الوزراء الأذربيجاني سامر خليلوف إن الحكومة مستعدة.")
    assert "سامر خليلوف" in texts(a, "PER")


@pytest.mark.parametrize("text", [
    "وقال الرئيس الأذربيجاني إن العملية انتهت.",
    "وأكد الرئيس الأذربيجاني ذلك في بيان.",
])
def test_title_before_a_function_word_makes_no_name(text):
    a = analyse(text)
    assert all(a.text[m.start:m.end] == "الرئيس الأذربيجاني" for m in a.entities if m.type == "PER")


def test_a_surname_alone_repeats_the_person_of_the_article():
    a = analyse("قال رئيس الوزراء الأذربيجاني سامر خليلوف إن الحكومة مستعدة. وأضاف خليلوف أن الحل قريب.")
    assert texts(a, "PER").count("خليلوف") == 1


def test_a_title_is_not_a_person_though_it_opens_with_a_first_name():
    a = analyse("وقال أمين المظالم لشؤون حقوق الإنسان في المنطقة غيغام ستيبانيان إن 200 قتلوا.")
    per = [m for m in a.entities if m.type == "PER"]
    assert [a.text[m.start:m.end] for m in per] == ["غيغام ستيبانيان"]
    assert a.text[per[0].role.start:per[0].role.end].startswith("أمين المظالم")


# ---------------------------------------------------------------- ministries

@pytest.mark.parametrize("text,span,state", [
    ("قالت وزارة الدفاع الأذربيجانية إن قواتها أنهت العملية.", "وزارة الدفاع الأذربيجانية", "gpe:AZ"),
    ("وأكد بيان لوزارة خارجية أرمينيا أن الوضع خطير.", "وزارة خارجية أرمينيا", "gpe:AM"),
    ("وقالت الخارجية الأمريكية إن المحادثات مستمرة.", "الخارجية الأمريكية", "gpe:US"),
    ("وذكرت وزارة الداخلية في أذربيجان أن الشرطة اعتقلت ثلاثة.", "وزارة الداخلية", "gpe:AZ"),
])
def test_ministry_is_an_org_whose_actor_is_its_state(text, span, state):
    a = analyse(text)
    got = [m for m in a.entities if a.text[m.start:m.end] == span]
    assert got and got[0].type == "ORG" and got[0].actor == state
    assert got[0].entity_id and got[0].entity_id.startswith("org:ministry:")


def test_ministry_without_a_state_is_an_org_without_actor():
    a = analyse("وأعلنت وزارة الصحة أن عدد المصابين ارتفع.")
    got = [m for m in a.entities if a.text[m.start:m.end] == "وزارة الصحة"]
    assert got and got[0].type == "ORG" and got[0].actor is None


def test_portfolio_word_alone_is_no_ministry():
    a = analyse("وطالبت الدفاع بزيادة الميزانية ثم تحدث عن الصحة العامة.")
    assert not [m for m in a.entities if m.type == "ORG"]


def test_speaker_of_a_ministry_keeps_the_ministry_in_the_role():
    a = analyse("وقال المتحدث باسم وزارة الخارجية الأمريكية ماثيو ميلر إن واشنطن قلقة.")
    per = [m for m in a.entities if a.text[m.start:m.end] == "ماثيو ميلر"]
    assert per and a.text[per[0].role.start:per[0].role.end] == "المتحدث باسم وزارة الخارجية الأمريكية"
    assert any(m.actor == "gpe:US" and m.type == "ORG" for m in a.entities)


# ---------------------------------------------------------------- more bad input

def test_long_tokens_below_the_cut_are_tagged_like_their_first_letters():
    long = "أذربيجان" + "ـ" * 60  # tatweel: 68 letters written, 8 after normalising
    a = analyse(f"قالت {long} إن باكو مستعدة.")
    assert "باكو" in texts(a)
    assert all(0 <= m.start < m.end <= len(a.text) for m in a.entities)


def test_tokens_outside_sentences_are_skipped_not_fatal():
    from dataclasses import replace as _replace

    from tabayyun.extract.entities import entities
    from tabayyun.model import Sentence

    a = analyse("قال نيكول باشينيان إن يريفان مستعدة. وأضاف أن باكو ترفض.")
    first = a.sentences[0]
    b = entities(_replace(a, sentences=(Sentence(first.start, first.end),), entities=()))
    assert "نيكول باشينيان" in texts(b)
    assert "باكو" not in texts(b)  # outside every sentence: not tagged


def test_latin_and_digit_runs_make_no_arabic_entities():
    a = analyse("Nagorno-Karabakh 2023 ABC123 x9y8z7 ١٢٣٤٥ 9٠٩٠.")
    assert all(m.type in ("PER", "ORG", "LOC", "GPE", "MISC", "NORP") for m in a.entities)
    assert len(a.entities) <= 2


@pytest.mark.parametrize("text", [
    "وقال وزير الخارجية الأمريكي أنتوني بلينكن إن الحل ممكن.",
    "وانتقدت وسائل الإعلام الروسية القرار.",
    "وتغيرت السياسة الخارجية الأمريكية في المنطقة.",
    "وقالت وزيرة الخارجية الألمانية أنالينا بيربوك إن برلين قلقة.",
])
def test_a_portfolio_inside_a_title_or_a_noun_phrase_is_no_ministry(text):
    a = analyse(text)
    assert not [m for m in a.entities if (m.entity_id or "").startswith("org:ministry:")]


def test_a_joined_portfolio_stays_in_the_ministry():
    a = analyse("وذكر بلاغ لوزارة الطاقة والمعادن المغربية أن الإنتاج ارتفع.")
    got = [m for m in a.entities if a.text[m.start:m.end] == "وزارة الطاقة والمعادن المغربية"]
    assert got and got[0].actor == "gpe:MA"


def test_a_nationality_before_a_name_goes_to_the_title():
    a = analyse("وقال وزير الدفاع الأرميني سورين بابيكيان ، إن الجيش مستعد.")
    per = [m for m in a.entities if m.type == "PER"]
    assert [a.text[m.start:m.end] for m in per] == ["سورين بابيكيان"]
    assert a.text[per[0].role.start:per[0].role.end] == "وزير الدفاع الأرميني"


@pytest.mark.parametrize("text,word,want", [
    ("أعلنت الحكومة عن الدعم المالي للمزارعين هذا العام.", "المالي", None),
    ("زار رئيس مالي العاصمة باكو أمس.", "مالي", "gpe:ML"),
    ("قدمت فرنسا مساعدات لمالي والنيجر.", "لمالي", "gpe:ML"),
])
def test_a_name_never_written_with_the_article_is_not_the_adjective(text, word, want):
    """"المالي" (financial) is not Mali: names written without "ال" do not
    match a word that carries it; with other clitics they still do."""
    a = analyse(text)
    got = [m.entity_id for m in a.entities if a.text[m.start:m.end] == word or
           word.endswith(a.text[m.start:m.end]) and a.text[m.start:m.end] in word]
    assert (got[0] if got else None) == want, [(a.text[m.start:m.end], m.entity_id) for m in a.entities]
