"""PostgreSQL against a real server: the same store, the same search results as
SQLite on the test corpus. Skipped (with the reason) when TABAYYUN_TEST_PG is
not set; .ci/run starts a server and sets it."""

import json

import pytest

from tabayyun.store import Store, StoreError, migrations

from test_store_search import TEXTS

QUERIES = [
    "قره باغ", "وقرة باغ", '"قره باغ"', '"باغ قره"', "علييف", "علي*", "يريفان OR كاراباخ", "اللاجئين",
    "الانفصاليين", "أذربيجان", "أرمينيا", "200", "مكافحة الإرهاب", "'; DROP TABLE articles; --", '"', "*",
    "--", "OR", "' OR 1=1 --", "NEAR(a b)", "قره باغ*)*", "",
]
FILTERS = [{}, {"outlet": "وكالة الشرق"}, {"date_from": "2023-09-20", "date_to": "2023-09-30"}]


def _inputs(tmp_path, seed_dir):
    p = tmp_path / "day.jsonl"
    p.write_text("\n".join(json.dumps({"text": t, "outlet": o, "date": d}, ensure_ascii=False)
                           for t, o, d in TEXTS), "utf-8")
    return [seed_dir, p]


def _results(store):
    out = {}
    for q in QUERIES:
        for f in FILTERS:
            page = store.search(q, limit=50, **f)
            out[(q, tuple(f.items()))] = (page.total, [(h.article, h.story, h.snippet, h.start, h.end, h.date, h.outlet, h.score)
                                                      for h in page.items])
    return out


def test_postgres_matches_sqlite(tmp_path, seed_dir, pg_url):
    inputs = _inputs(tmp_path, seed_dir)
    with Store.open(tmp_path / "s.db") as lite, Store.open(pg_url) as pg:
        ra, rb = lite.add(inputs), pg.add(inputs)
        assert ra == rb
        assert lite.counts() == pg.counts()
        assert lite.stories().items[0].id == pg.stories().items[0].id
        for row in lite.stories().items:
            assert lite.story(row.id) == pg.story(row.id)
        a, b = _results(lite), _results(pg)
        assert a == b
        assert a[("قره باغ", ())][0] == 6  # four seeds and two of ours
        ent = next(m.entity_id for h in lite.search("علييف").items for m in lite.article(h.article).entities
                   if m.entity_id and "aliyev" in m.entity_id)
        assert lite.search("", entity=ent).items == pg.search("", entity=ent).items
        # idempotent there too
        assert pg.add(inputs).added == () and pg.counts() == lite.counts()


def test_postgres_read_only_and_not_ours(pg_url, seed_dir):
    import psycopg

    with Store.open(pg_url) as s:
        s.add([sorted(seed_dir.glob("*.txt"))[1]])
    with Store.open(pg_url, read_only=True) as ro:
        assert ro.search("أذربيجان").total == 1
        with pytest.raises(StoreError, match="read-only"):
            ro.add([seed_dir])
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("DROP TABLE tabayyun_meta CASCADE")
    with pytest.raises(StoreError, match="not a tabayyun database"):
        Store.open(pg_url)


def test_postgres_older_schema_migrates(pg_url, seed_dir):
    from sqlalchemy import create_engine

    engine = create_engine(pg_url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.begin() as conn:
        migrations.apply(conn, 0, upto=1)
    engine.dispose()
    with Store.open(pg_url) as s:
        assert s.schema_version() == migrations.LATEST
        s.add([sorted(seed_dir.glob("*.txt"))[0]])
        assert s.search("أذربيجان").total == s.counts()["indexed"] == 1
