"""Hand-written copies of records (cheaper than dataclasses.replace on the hot
path) must carry every field: a field appended to the model must be added there."""

from dataclasses import fields, replace

from tabayyun.extract.statements import _with_statement
from tabayyun.model import Quantity, Span


def test_with_statement_copies_every_field():
    q = Quantity(1, 2, 3.0, 2.0, 4.0, "dozens", "about", "person", "killed", Span(3, 4), Span(5, 6),
                 Span(7, 8), 1, None)
    # give every field a value different from its default, so a dropped field shows
    assert all(getattr(q, f.name) != f.default for f in fields(Quantity) if f.name != "statement"), \
        "a new Quantity field: set it here and copy it in _with_statement"
    assert _with_statement(q, 5) == replace(q, statement=5)
