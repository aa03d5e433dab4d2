"""Sentence-splitting helpers rewritten for speed agree with the plain versions."""

from tabayyun.arabic.segment import _ABBREV, _is_abbrev, _trim
from tabayyun.cli import example_dir


def _is_abbrev_plain(text, dot):
    k = dot
    while k > 0 and not text[k - 1].isspace() and text[k - 1] not in "(\"«":
        k -= 1
    word = text[k:dot]
    return word in _ABBREV or (len(word) == 1 and word.isalpha())


def _trim_plain(text, s, e):
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


TEXTS = [p.read_text("utf-8") for p in sorted(example_dir().glob("*.txt"))] + [
    "د. أحمد", "(د. علي)", "«م. سمير", "أ.", "abc.", " \n ", "قال هـ. 1445 ص.", "x"]


def test_is_abbrev_agrees():
    for text in TEXTS:
        for dot in range(len(text) + 1):
            assert _is_abbrev(text, dot) == _is_abbrev_plain(text, dot), (text[max(0, dot - 5):dot], dot)


def test_trim_agrees():
    for text in TEXTS:
        n = len(text)
        for s in range(0, n + 1, max(1, n // 60)):
            for e in range(s, n + 1, max(1, n // 40)):
                assert _trim(text, s, e) == _trim_plain(text, s, e)
        for s in range(min(n, 8) + 1):
            for e in range(s, min(n, 8) + 1):
                assert _trim(text, s, e) == _trim_plain(text, s, e)
