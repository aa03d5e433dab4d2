"""Search SQL for both engines. The text condition comes from ``search.parse``
rebuilt as an FTS5 MATCH string or a tsquery literal and always passed as a bound
parameter; filters are plain column conditions. Hits are ordered newest first
(then by id) and scored in Python (``search.score``), not by bm25 / ts_rank,
so both engines give exactly the same page."""

from __future__ import annotations

from sqlalchemy import Connection, Integer, exists, func, select, text

from . import schema as S
from .search import find_match, fts5_query, parse, pg_tsquery, score, snippet
from .views import Hit, Page


def _matching(conn: Connection, parsed):
    """A subquery of the nums of the articles that match."""
    if conn.dialect.name == "sqlite":
        sql = text("SELECT rowid FROM search_fts WHERE search_fts MATCH :q").bindparams(q=fts5_query(parsed))
        return sql.columns(rowid=Integer)
    sql = text("SELECT num FROM search_index WHERE tsv @@ CAST(:q AS tsquery)").bindparams(q=pg_tsquery(parsed))
    return sql.columns(num=Integer)


def date_upper(value) -> str:
    """The last day a --to bound covers: "2023-09" means through September, so
    "2023-09-22" (and the month-grain "2023-09") fall on or before it."""
    v = str(value)[:10]
    return v + {4: "-12-31", 7: "-31"}.get(len(v), "")


def search(conn: Connection, q: str, *, outlet=None, date_from=None, date_to=None, entity=None,
           story=None, limit: int = 20, offset: int = 0) -> Page:
    limit = max(0, min(int(limit), 1000))
    offset = max(0, int(offset))
    a = S.articles
    parsed = parse(q) if q and q.strip() else ()
    if q and q.strip() and not parsed:
        return Page((), 0, limit, offset)  # only punctuation / operators: nothing to look for
    conds = []
    if outlet:
        conds.append(a.c.outlet == outlet)
    if date_from:
        conds.append(a.c.published_date >= str(date_from)[:10])
    if date_to:
        conds.append(a.c.published_date <= date_upper(date_to))
    if story:
        conds.append(a.c.story == story)
    if entity:
        m = S.mentions
        conds.append(exists().where(m.c.article == a.c.id, m.c.entity_id == entity))
    if parsed:
        conds.append(a.c.num.in_(_matching(conn, parsed)))
    total = conn.execute(select(func.count()).select_from(a).where(*conds)).scalar_one()
    rows = conn.execute(
        select(a.c.num, a.c.id, a.c.title, a.c.outlet, a.c.published, a.c.story).where(*conds)
        .order_by(a.c.published_date.desc().nulls_last(), a.c.published.desc().nulls_last(), a.c.id).limit(limit).offset(offset)
    ).all()
    if not rows:
        return Page((), total, limit, offset)
    page_nums = [r.num for r in rows]
    texts = dict(conn.execute(select(S.bodies.c.num, S.bodies.c.text).where(S.bodies.c.num.in_(page_nums))).all())
    hits = []
    for r in rows:
        body = texts[r.num]
        start, end = find_match(body, parsed) if parsed else (0, 0)
        snip, s0 = snippet(body, start, end)
        hits.append(Hit(r.id, r.title, r.outlet, r.published, r.story, snip, start, end,
                        score(body, parsed), s0))
    return Page(tuple(hits), total, limit, offset)


def indexed(conn: Connection) -> int:
    table = "search_fts" if conn.dialect.name == "sqlite" else "search_index"
    return conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
