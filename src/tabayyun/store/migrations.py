"""Named schema migrations, applied in order, each in the same transaction as
the version bump.

An ordered list of small functions and a version table, rather than Alembic:
the store has one linear history, the search index needs dialect-specific DDL
(an FTS5 virtual table, a tsvector column) and data backfills written in Python
(our Arabic terms), and the migrations must ship inside the package and run on
``Store.open`` with no ini file or script directory. Alembic would add its
environment machinery for none of those gains.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timezone

from sqlalchemy import Column, Connection, Integer, MetaData, Table, inspect, select, text

from . import schema
from .search import index_terms, pg_tsvector

log = logging.getLogger(__name__)


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def m001_core(conn: Connection) -> None:
    """Articles, outlets, layers as rows, entities, stories, figures."""
    md = MetaData()
    schema.core_tables(md)
    md.create_all(conn)  # core_tables: the tables as of 001
    conn.execute(schema.meta.insert().values(key="app", value=schema.APP))


def m002_search(conn: Connection) -> None:
    """Full-text index over normalised, light-stemmed terms; backfilled for the
    articles already stored."""
    if conn.dialect.name == "sqlite":
        conn.execute(text(
            "CREATE VIRTUAL TABLE search_fts USING fts5(terms, tokenize='unicode61 remove_diacritics 0')"
        ))
    else:
        conn.execute(text("CREATE TABLE search_index (num INTEGER PRIMARY KEY "
                          "REFERENCES articles(num) ON DELETE CASCADE, tsv TSVECTOR NOT NULL)"))
        conn.execute(text("CREATE INDEX ix_search_index_tsv ON search_index USING GIN (tsv)"))
    for num, body in conn.execute(select(schema.bodies.c.num, schema.bodies.c.text)).all():
        write_index(conn, num, body)


def m003_cluster_features(conn: Connection) -> None:
    """The clustering view of each article (so an add does not re-read every
    stored article); backfilled from the stored layers."""
    from .codec import features_row, load_article

    md = MetaData()
    Table("articles", md, Column("num", Integer, primary_key=True))  # only for the foreign key
    schema.features_table(md).create(conn)
    b = schema.bodies
    for num, body, raw, layers in conn.execute(select(b.c.num, b.c.text, b.c.raw, b.c.layers)).all():
        conn.execute(schema.features.insert().values(**features_row(load_article(body, raw, layers), num)))


def write_index(conn: Connection, num: int, body: str) -> None:
    terms = index_terms(body)
    if conn.dialect.name == "sqlite":
        conn.execute(text("DELETE FROM search_fts WHERE rowid = :n"), {"n": num})
        conn.execute(text("INSERT INTO search_fts(rowid, terms) VALUES (:n, :t)"), {"n": num, "t": terms})
    else:
        conn.execute(text("DELETE FROM search_index WHERE num = :n"), {"n": num})
        conn.execute(text("INSERT INTO search_index(num, tsv) VALUES (:n, CAST(:t AS tsvector))"),
                     {"n": num, "t": pg_tsvector(terms)})


def delete_index(conn: Connection, num: int) -> None:
    if conn.dialect.name == "sqlite":
        conn.execute(text("DELETE FROM search_fts WHERE rowid = :n"), {"n": num})
    else:
        conn.execute(text("DELETE FROM search_index WHERE num = :n"), {"n": num})


MIGRATIONS: tuple[tuple[str, Callable[[Connection], None]], ...] = (
    ("001_core", m001_core),
    ("002_search", m002_search),
    ("003_cluster_features", m003_cluster_features),
)
LATEST = len(MIGRATIONS)


def current_version(conn: Connection) -> int | None:
    """The schema version of a database: 0 when empty, None when it is not ours
    (raises nothing: the caller words the error)."""
    names = set(inspect(conn).get_table_names())
    if not names:
        return 0
    if schema.META_TABLE not in names:
        return None
    rows = dict(conn.execute(select(schema.meta.c.key, schema.meta.c.value)).all())
    if rows.get("app") != schema.APP:
        return None
    return int(rows.get("schema_version", "0"))


def table_names(conn: Connection) -> list[str]:
    return sorted(inspect(conn).get_table_names())


def apply(conn: Connection, start: int, upto: int | None = None) -> list[str]:
    """Apply migrations ``start+1 .. upto`` on ``conn`` (inside the caller's
    transaction) and record each; returns their names."""
    upto = LATEST if upto is None else upto
    done = []
    for i in range(start, upto):
        name, fn = MIGRATIONS[i]
        log.info("applying migration %s", name)
        fn(conn)
        conn.execute(schema.migrations.insert().values(name=name, applied=now()))
        done.append(name)
    if done:
        version = {"key": "schema_version", "value": str(upto)}
        if start == 0 or not conn.execute(select(schema.meta.c.key).where(schema.meta.c.key == "schema_version")).first():
            conn.execute(schema.meta.insert().values(**version))
        else:
            conn.execute(schema.meta.update().where(schema.meta.c.key == "schema_version").values(value=str(upto)))
    return done
