from tabayyun.arabic.segment import find_quotes, split_sentences, tokenise


def texts(text, spans):
    return [text[s.start : s.end] for s in spans]


def test_splits_at_full_stop_and_question_mark():
    t = "قال الوزير إن المحادثات مستمرة. هل ستنجح؟ لا أحد يعرف."
    assert texts(t, split_sentences(t)) == ["قال الوزير إن المحادثات مستمرة.", "هل ستنجح؟", "لا أحد يعرف."]


def test_no_split_after_doctor_abbreviation():
    t = "وقال د. أحمد سالم إن الوضع مستقر. وأضاف أن المساعدات وصلت."
    assert len(split_sentences(t)) == 2


def test_double_dot_is_not_a_sentence_end():
    t = "وضمان سلامة المدنيين.. كذلك العسكريين في المنطقة."
    assert len(split_sentences(t)) == 1


def test_heading_without_final_punctuation():
    t = "تطهير عرقي\nنددت أرمينيا بالعمل العسكري الأذربيجاني."
    s = split_sentences(t)
    assert [x.heading for x in s] == [True, False]


def test_closing_quote_stays_with_its_sentence():
    t = "وقال الوزير: «نحن مستعدون.» ثم غادر القاعة."
    assert texts(t, split_sentences(t))[0] == "وقال الوزير: «نحن مستعدون.»"


def test_decimal_and_domain_do_not_split():
    t = "ارتفع المؤشر 3.5 نقطة حسب موقع xeber24.net اليوم."
    assert len(split_sentences(t)) == 1


def test_quotes_in_guillemets_and_reversed_curly_marks():
    t = "قال «نحن هنا» وأضاف ”السيادة“ ثم \"قره باغ\"."
    assert texts(t, find_quotes(t)) == ["نحن هنا", "السيادة", "قره باغ"]


def test_quote_spanning_sentences():
    t = "وقال الوزير: “لن نتراجع. سنواصل العمل حتى النهاية”، وفق البيان."
    q = find_quotes(t)
    assert len(q) == 1 and t[q[0].start : q[0].end] == "لن نتراجع. سنواصل العمل حتى النهاية"


def test_unclosed_quote_ends_at_paragraph():
    t = "وقال المتحدث: «لن نقبل بذلك\nفقرة جديدة هنا."
    q = find_quotes(t)
    assert len(q) == 1 and q[0].close_mark is None and t[q[0].start : q[0].end] == "لن نقبل بذلك"


def test_tokens_have_offsets_kinds_and_norms():
    t = "أعلنت الوزارةُ مقتل ٢٧ شخصًا، حسب xeber24.net"
    toks = tokenise(t)
    assert [t[k.start : k.end] for k in toks] == ["أعلنت", "الوزارةُ", "مقتل", "٢٧", "شخصًا", "،", "حسب", "xeber24.net"]
    assert [k.kind for k in toks] == ["word", "word", "word", "number", "word", "punct", "word", "latin"]
    assert toks[1].norm == "الوزاره" and toks[3].norm == "27"


def test_long_token_and_empty_text():
    assert tokenise("") == ()
    assert split_sentences("") == ()
    toks = tokenise("ا" * 1000)
    assert len(toks) == 1 and toks[0].end == 1000
