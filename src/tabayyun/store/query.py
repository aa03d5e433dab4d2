"""Search SQL for both engines. The text condition comes from ``search.parse``
rebuilt as an FTS5 MATCH string or a tsquery literal and always passed as a bound
parameter; filters are plain column conditions. Hits are ordered newest first
(then by id), the same on both engines, so results can be compared exactly."""

from __future__ import annotations

from sqlalchemy import Connection, Float, Integer, exists, func, select, text

from . import schema as S
from .search import find_match, fts5_query, parse, pg_tsquery, snippet
from .views import Hit, Page


def _match(conn: Connection, parsed):
    if conn.dialect.name == "sqlite":
        sql = text("SELECT rowid AS num, bm25(search_fts) AS rank FROM search_fts "
                   "WHERE search_fts MATCH :q").bindparams(q=fts5_query(parsed))
        sign = -1.0  # bm25 is lower-is-better
    else:
        sql = text("SELECT num, ts_rank(tsv, CAST(:q AS tsquery)) AS rank FROM search_index "
                   "WHERE tsv @@ CAST(:q AS tsquery)").bindparams(q=pg_tsquery(parsed))
        sign = 1.0
    return sql.columns(num=Integer, rank=Float).subquery("m"), sign


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
        conds.append(a.c.published_date <= str(date_to)[:10])
    if story:
        conds.append(a.c.story == story)
    if entity:
        m = S.mentions
        conds.append(exists().where(m.c.article == a.c.id, m.c.entity_id == entity))
    cols = [a.c.id, a.c.title, a.c.outlet, a.c.published, a.c.story]
    if parsed:
        m, sign = _match(conn, parsed)
        base = select(*cols, (m.c.rank * sign).label("score")).select_from(a.join(m, m.c.num == a.c.num))
    else:
        base = select(*cols, text("0.0 AS score")).select_from(a)
    base = base.where(*conds)
    total = conn.execute(select(func.count()).select_from(base.subquery())).scalar_one()
    rows = conn.execute(
        base.order_by(a.c.published_date.desc().nulls_last(), a.c.id).limit(limit).offset(offset)
    ).all()
    texts = dict(conn.execute(select(a.c.id, a.c.text).where(a.c.id.in_([r.id for r in rows]))).all()) if rows else {}
    hits = []
    for r in rows:
        body = texts[r.id]
        start, end = find_match(body, parsed) if parsed else (0, 0)
        snip, s0 = snippet(body, start, end)
        hits.append(Hit(r.id, r.title, r.outlet, r.published, r.story, snip, start, end,
                        float(r.score or 0.0), s0))
    return Page(tuple(hits), total, limit, offset)


def indexed(conn: Connection) -> int:
    table = "search_fts" if conn.dialect.name == "sqlite" else "search_index"
    return conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
