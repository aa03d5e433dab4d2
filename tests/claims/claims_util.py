"""Helpers shared by the claims tests (a plain module: the tests folder is no package)."""

from tabayyun.extract.quantities import quantities
from tabayyun.extract.segment import segment
from tabayyun.extract.statements import statements
from tabayyun.ingest.build import make_article


def run(text: str):
    """segment -> quantities -> statements on one text (no other stage needed)."""
    return statements(quantities(segment(make_article(text))))


def span(article, sp):
    return article.text[sp.start:sp.end] if sp is not None else None


def claimant(article, q):
    """Speaker text of the statement holding the figure; None = the outlet; "?" = unknown speaker."""
    if q.statement is None:
        return None
    s = article.statements[q.statement]
    return span(article, s.speaker) if s.speaker else "?"
