from tabayyun.ingest.clean import clean, to_raw

BODY = "قالت وزارة الدفاع إن العملية انتهت.\nوأضافت أن المفاوضات ستبدأ غدا."


def test_byline_with_domain_gives_author_and_outlet():
    c = clean("كاجين أحمد ـ xeber24.net\n" + BODY)
    assert c.author == "كاجين أحمد" and c.byline_domain == "xeber24.net"
    assert c.text == BODY
    assert [r.reason for r in c.removed] == ["byline"]


def test_trailing_boilerplate_removed_and_kept_as_removed():
    raw = BODY + "\n\nشاركها.\nاترك تعليقاً\n\nExit mobile version"
    c = clean(raw)
    assert c.text == BODY
    assert [r.text for r in c.removed] == ["شاركها.", "اترك تعليقاً", "Exit mobile version"]


def test_read_also_line_in_the_middle_removed():
    raw = "الفقرة الأولى من الخبر هنا.\nاقرأ أيضا: عنوان خبر آخر\nالفقرة الثانية من الخبر."
    c = clean(raw)
    assert "اقرأ" not in c.text and c.text.count("\n") == 1


def test_repeated_line_removed():
    line = "وقالت روسيا إن جنودها يقومون بإجلاء المدنيين."
    c = clean(f"{line}\nسطر آخر مختلف تماما عن الأول.\n{line}")
    assert c.text.count(line) == 1
    assert c.removed[0].reason == "repeated-line"


def test_body_ending_in_a_word_like_share_is_kept():
    raw = "دعا الوزير الجميع إلى المشاركة في الحوار الوطني."
    assert clean(raw).text == raw


def test_text_is_made_of_raw_pieces():
    raw = "كاجين أحمد ـ xeber24.net\n" + BODY + "\nاقرأ أيضا: خبر\nسطر أخير هنا.\nشاركها."
    c = clean(raw)
    for t0, r0, n in c.source_map:
        assert c.text[t0 : t0 + n] == raw[r0 : r0 + n]
    i = c.text.index("المفاوضات")
    assert raw[to_raw(c.source_map, i) :].startswith("المفاوضات")
    for r in c.removed:
        assert raw[r.start : r.end] == r.text
