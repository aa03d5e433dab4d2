"""Event date per sentence (Sentence.time)."""

from tabayyun.extract.segment import segment
from tabayyun.extract.times import times
from tabayyun.ingest.build import make_article
from tabayyun.model import Published
from dataclasses import replace

WED = Published("2023-09-20", "day", "metadata", 1.0)


def run(text):
    a = segment(make_article(text))
    a = replace(a, meta=replace(a.meta, published=WED))
    return times(a)


def dates(a):
    return [a.times[s.time].value if s.time is not None else None for s in a.sentences]


def test_explicit_date_per_sentence():
    a = run("أعلنت أذربيجان الثلاثاء بدء العملية. وقالت أرمينيا أمس إن 27 شخصا قتلوا.")
    assert dates(a) == ["2023-09-19", "2023-09-19"]


def test_inherits_within_a_paragraph():
    a = run("أعلنت أذربيجان الثلاثاء 19 سبتمبر بدء العملية. وقالت أرمينيا إن 27 شخصا قتلوا.")
    assert dates(a) == ["2023-09-19", "2023-09-19"]


def test_durations_are_not_event_dates():
    a = run("استمرت المعارك 44 يوما. انتهت الحرب بوساطة روسية.")
    assert dates(a) == [None, None]


def test_prefers_day_grain_over_year():
    a = run("في حرب عام 2020، وقعت الهدنة في 10 نوفمبر 2020 بعد قتال عنيف.")
    assert dates(a) == ["2020-11-10"]


def test_heading_does_not_pass_its_date_on():
    a = run("حصاد 2023\nأعلنت الحكومة خطة جديدة للإعمار.")
    assert a.sentences[0].heading
    assert dates(a) == ["2023", None]


def test_one_paragraph_step_only():
    a = run("أعلنت أذربيجان الثلاثاء بدء العملية.\nوقالت أرمينيا إن القتلى مدنيون.\n"
            "ودعت روسيا إلى التهدئة.")
    assert dates(a) == ["2023-09-19", "2023-09-19", None]


def test_seed_sentences_dated(seed):
    a = seed("friday")
    dated = [s for s in a.sentences if s.time is not None]
    assert len(dated) >= len(a.sentences) // 2
    for s in dated:
        assert a.times[s.time].value
