"""Opening databases: migrations from older schemas, not-ours, newer, read-only."""

import sqlite3

import pytest
from sqlalchemy import create_engine, inspect

from tabayyun.store import Store, StoreError, migrations, schema
from tabayyun.store.engine import connect


def test_new_database_is_at_latest_version(tmp_path):
    with Store.open(tmp_path / "new.db") as s:
        assert s.schema_version() == migrations.LATEST
        assert s.counts()["articles"] == 0


def test_tables_match_schema_module(tmp_path):
    Store.open(tmp_path / "x.db").close()
    insp = inspect(create_engine(f"sqlite:///{tmp_path / 'x.db'}"))
    for t in schema.metadata.sorted_tables:
        assert {c["name"] for c in insp.get_columns(t.name)} == {c.name for c in t.columns}


def test_older_schema_is_migrated_and_backfilled(tmp_path, seed_dir):
    path = tmp_path / "old.db"
    # a version-1 database (before the search index) holding one stored article
    with Store.open(tmp_path / "src.db") as src:
        src.add([sorted(seed_dir.glob("*.txt"))[0]])
        aid = src.stories().items[0].id
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        migrations.apply(conn, 0, upto=1)
    old = sqlite3.connect(path)
    new = sqlite3.connect(tmp_path / "src.db")
    for table in ("outlets", "stories", "articles", "bodies", "mentions", "times", "statements", "entities", "figures"):
        rows = new.execute(f"SELECT * FROM {table}").fetchall()
        if rows:
            old.executemany(f"INSERT INTO {table} VALUES ({','.join('?' * len(rows[0]))})", rows)
    old.commit()
    assert "search_fts" not in {r[0] for r in old.execute("SELECT name FROM sqlite_master")}
    old.close()
    with Store.open(path) as s:
        assert s.schema_version() == migrations.LATEST
        assert s.search("أذربيجان").total == 1 and s.counts()["indexed"] == 1
        assert s.counts()["features"] == 1  # 003 backfilled the clustering view
        # and a new article is clustered against the migrated one
        r = s.add([sorted(seed_dir.glob("*.txt"))[0].read_text("utf-8") + "\nتحديث: استمرار القتال."])
        assert len(r.added) == 1 and s.counts()["features"] == 2
        assert s.story(aid) is not None
    names = [r[0] for r in sqlite3.connect(path).execute("SELECT name FROM tabayyun_migrations ORDER BY name")]
    assert names == [n for n, _ in migrations.MIGRATIONS]


def test_failed_migration_leaves_nothing(tmp_path, monkeypatch):
    def broken(conn):
        raise RuntimeError("boom")

    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS + (("999_broken", broken),))
    monkeypatch.setattr(migrations, "LATEST", len(migrations.MIGRATIONS))
    with pytest.raises(RuntimeError):
        Store.open(tmp_path / "b.db")
    assert sqlite3.connect(tmp_path / "b.db").execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0


def test_not_an_sqlite_file(tmp_path):
    p = tmp_path / "notes.db"
    p.write_text("هذا ليس قاعدة بيانات\n" * 50, encoding="utf-8")
    with pytest.raises(StoreError, match="not a tabayyun database"):
        Store.open(p)


def test_someone_elses_sqlite_database(tmp_path):
    p = tmp_path / "other.db"
    c = sqlite3.connect(p)
    c.execute("CREATE TABLE customers (id INTEGER, name TEXT)")
    c.commit()
    c.close()
    with pytest.raises(StoreError, match="not a tabayyun database.*customers"):
        Store.open(p)
    assert sqlite3.connect(p).execute("SELECT name FROM sqlite_master").fetchall() == [("customers",)]


def test_newer_schema_is_refused(tmp_path):
    p = tmp_path / "n.db"
    Store.open(p).close()
    c = sqlite3.connect(p)
    c.execute("UPDATE tabayyun_meta SET value='99' WHERE key='schema_version'")
    c.commit()
    c.close()
    with pytest.raises(StoreError, match="newer"):
        Store.open(p)


def test_read_only(tmp_path, store, seed_dir):
    ro = Store.open(store.url, read_only=True)
    try:
        assert ro.search("قره باغ").total == store.search("قره باغ").total > 0
        assert ro.stories().total == store.stories().total
        with pytest.raises(StoreError, match="read-only"):
            ro.add([seed_dir])
        with pytest.raises(StoreError, match="read-only"):
            ro.reanalyse()
    finally:
        ro.close()
    with pytest.raises(StoreError, match="no such database"):
        Store.open(tmp_path / "missing.db", read_only=True)


def test_read_only_does_not_migrate(tmp_path):
    p = tmp_path / "v1.db"
    engine = create_engine(f"sqlite:///{p}")
    with engine.begin() as conn:
        migrations.apply(conn, 0, upto=1)
    with pytest.raises(StoreError, match="002_search"):
        Store.open(p, read_only=True)


def test_default_location(tmp_path, monkeypatch):
    monkeypatch.setenv("TABAYYUN_DB", str(tmp_path / "home" / "t.db"))
    with Store.open() as s:
        assert s.url == str(tmp_path / "home" / "t.db")
    assert (tmp_path / "home" / "t.db").exists()


def test_unreachable_postgres_is_a_clear_error():
    with pytest.raises(StoreError, match="cannot open database"):
        connect("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2", False)
