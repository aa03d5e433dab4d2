"""The figures table: every figure of every (non-copy) article as a row of
value × category × claimant × outlet × time, with its evidence span.

The claimant is read off the attribution link the statements stage made
(``Quantity.statement``): a figure outside any statement is the outlet's own
assertion (``claimant=None``)."""

from __future__ import annotations

from dataclasses import replace

from ..arabic.normalise import match_key
from ..model import Article, Dossier, Evidence, Figure, Statement
from ..pipeline import stage

OUTLET_OWN = "الوسيلة نفسها"  # "the outlet itself"
UNKNOWN_SPEAKER = "متحدث غير محدد"
_DATED = ("date", "datetime", "time", "interval")


def claimant_of(article: Article, st: Statement | None) -> tuple[str | None, str | None]:
    """(claimant key, display label) of a statement; (None, None) for the outlet's voice."""
    if st is None:
        return None, None
    if st.speaker is None:
        return "?", UNKNOWN_SPEAKER
    text = article.text[st.speaker.start : st.speaker.end]
    label = text
    if st.speaker_id:
        label = next((m.label for m in article.entities if m.entity_id == st.speaker_id and m.label), text)
        return st.speaker_id, label
    return match_key(text), label


def time_of(article: Article, q_time: int | None, st: Statement | None, pos: int) -> str | None:
    """The figure's own time scope, else its statement's date, else the date of its
    sentence, else the publication date."""
    for idx in (q_time, st.time if st else None):
        if idx is not None and idx < len(article.times):
            t = article.times[idx]
            if t.value and t.kind in _DATED:  # a duration scope ("خلال يوم واحد") is not a date
                return t.value
    for s in article.sentences:
        if s.start <= pos < s.end:
            t = s.time
            if t is not None and t < len(article.times) and article.times[t].value and article.times[t].kind in _DATED:
                return article.times[t].value
            break
    return article.meta.published.value


def article_figures(article: Article, outlet: str) -> list[Figure]:
    rows = []
    for i, q in enumerate(article.quantities):
        st = article.statements[q.statement] if q.statement is not None and q.statement < len(article.statements) else None
        key, label = claimant_of(article, st)
        rows.append(
            Figure(
                article=article.id,
                quantity=i,
                value=q.value,
                low=q.low,
                high=q.high,
                qualifier=q.qualifier,
                category=q.category,
                claimant=key,
                claimant_label=label,
                outlet=outlet,
                via=tuple(v.agent for v in st.via) if st else (),
                time=time_of(article, q.time, st, q.start),
                evidence=Evidence(article.id, q.start, q.end, outlet),
            )
        )
    return rows


@stage("figures", requires=("quantities", "statements", "sources"), provides=("figures",))
def figures(dossier: Dossier) -> Dossier:
    labels = {s.article: s.label for s in dossier.sources}
    rows: list[Figure] = []
    for a in dossier.articles:
        if a.duplicate_of is None:  # a near-copy repeats its original's figures
            rows.extend(article_figures(a, labels.get(a.id, a.meta.source)))
    return replace(dossier, figures=tuple(rows))
