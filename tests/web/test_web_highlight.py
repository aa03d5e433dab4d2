"""The layered article markup nests, escapes, and keeps every character once."""

import html
import re
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from tabayyun.model import Article, Mention, Quantity, Span, Statement, TimeExpr
from tabayyun.web.highlight import render

TEXT = 'قال <وزير> الدفاع "أ&ب" إن 20 جنديًا قتلوا يوم 19 سبتمبر في قره باغ.'


class Balance(HTMLParser):
    def __init__(self):
        super().__init__()
        self.depth, self.ok = 0, True

    def handle_starttag(self, tag, attrs):
        self.depth += 1
        self.ok &= tag == "span"

    def handle_endtag(self, tag):
        self.depth -= 1
        self.ok &= self.depth >= 0


def check(markup: str, text: str):
    assert html.unescape(re.sub(r"<[^>]+>", "", markup)) == text
    p = Balance()
    p.feed(markup)
    assert p.ok and p.depth == 0


def test_crossing_spans_are_cut_and_nested():
    # a statement that ends inside an entity: the entity is split, never mis-nested
    a = Article(id="x", text=TEXT, entities=(Mention(60, 67, "LOC", "loc:k", "قره باغ"),),
                statements=(Statement(0, 63, Span(0, 3), Span(4, 63)),),
                quantities=(Quantity(27, 29, 20.0, category="killed"),),
                times=(TimeExpr(45, 54, "date", "2023-09-19"),))
    m = str(render(a))
    check(m, TEXT)
    assert m.count('class="ann ent"') == 2 and "&lt;وزير&gt;" in m and "&amp;" in m


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(TEXT)), st.integers(0, len(TEXT)), st.sampled_from(["e", "t", "q"])), max_size=12))
def test_any_spans_give_balanced_markup_and_the_same_text(spans):
    ents, times, qs = [], [], []
    for s, e, kind in spans:
        s, e = min(s, e), max(s, e)
        {"e": ents, "t": times, "q": qs}[kind].append((s, e))
    a = Article(id="x", text=TEXT,
                entities=tuple(Mention(s, e, "PER") for s, e in ents),
                times=tuple(TimeExpr(s, e, "date", None) for s, e in times),
                quantities=tuple(Quantity(s, e, 1.0) for s, e in qs))
    check(str(render(a, hit=(3, 9))), TEXT)
