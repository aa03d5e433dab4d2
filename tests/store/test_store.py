"""The store: idempotent adds, counts in = counts stored, exact round-trips."""

from dataclasses import replace

from tabayyun.api import _run_article, default_pipeline, ingest
from tabayyun.model import Dossier
from tabayyun.store import Store


def _per_article(seed_dir):
    arts, _, _, _ = ingest([seed_dir])
    p = default_pipeline()
    return {a.id: _run_article(p, a, []) for a in arts}, p


def test_add_counts_in_equal_counts_stored(tmp_path, seed_dir):
    (tmp_path / "empty.txt").write_text("")
    with Store.open(tmp_path / "s.db") as s:
        r = s.add([seed_dir, tmp_path / "empty.txt"])
        assert r.inputs == 6 and len(r.added) == 5 and len(r.skipped) == 1 and r.duplicates == 0
        assert r.inputs == len(r.added) + r.duplicates + len(r.reanalysed) + len(r.skipped)
        c = s.counts()
        assert c["articles"] == 5 and c["indexed"] == 5
        stories = s.stories().items
        assert sum(st.articles for st in stories) == 5 == len({a for st in stories for a in s.story(st.id).sources})
        seeds = {sid for sid in r.stories}
        assert seeds == {st.id for st in stories}


def test_same_articles_twice_change_nothing(store, seed_dir):
    before = store.counts()
    stories = store.stories().items
    r = store.add([seed_dir])
    assert r.added == () and r.duplicates == 5 and r.stories == ()
    assert store.counts() == before
    assert store.stories().items == stories  # not even the 'updated' stamp moved


def test_article_round_trips_exactly(store, seed_dir):
    fresh, p = _per_article(seed_dir)
    for row in store.stories().items:
        d = store.story(row.id)
        expect = p.run_corpus(Dossier(articles=tuple(fresh[a.id] for a in d.articles), inputs=len(d.articles)))
        assert d.articles == expect.articles  # every layer, tokens rebuilt, linked entities
        assert d.figures == expect.figures and d.entities == expect.entities
        for a in d.articles:
            assert store.article(a.id) == a
            assert store.article_story(a.id) == row.id


def test_reanalysis_after_upgrade_replaces_layers(store, monkeypatch):
    from sqlalchemy import update

    from tabayyun.store import codec, schema

    aid = store.stories().items[0].id
    victim = store.story(aid).articles[0]
    good = store.counts()
    with store.engine.begin() as conn:  # as if an older analyser had stored it, with fewer layers
        num = conn.execute(update(schema.articles).where(schema.articles.c.id == victim.id)
                           .values(analyser="0.0.1+old").returning(schema.articles.c.num)).scalar_one()
        conn.execute(update(schema.bodies).where(schema.bodies.c.num == num)
                     .values(layers=codec.dump_layers(replace(victim, times=(), statements=()))))
        conn.execute(schema.times.delete().where(schema.times.c.article == victim.id))
    assert store.counts()["times"] < good["times"]
    r = store.reanalyse()
    assert r.reanalysed == (victim.id,) and r.stories == (aid,) and r.added == ()
    assert store.counts() == good
    assert store.article(victim.id) == victim
    assert store.reanalyse().reanalysed == ()


def test_entity_outlet_and_exports(store):
    d = store.story(store.stories().items[0].id)
    ent = next(e for e in d.entities if len(e.mentions) > 1)
    view = store.entity(ent.id)
    assert view.entity.id == ent.id and view.entity.label == ent.label
    every = [store.story(r.id) for r in store.stories().items]
    assert len(view.mentions) == len([m for x in every for a in x.articles for m in a.entities if m.entity_id == ent.id])
    assert set(view.stories) == {x.sources[0].article and r.id for x, r in zip(every, store.stories().items)
                                 if any(m.entity_id == ent.id for a in x.articles for m in a.entities)}
    assert d.sources[0].article and store.entity("no-such-entity") is None
    outlets = store.outlets()
    assert outlets and all(o.articles > 0 for o in outlets)
    ov = store.outlet(outlets[0].name)
    assert len(ov.articles) == outlets[0].articles and store.outlet("no such outlet") is None
    csv = store.export_figures_csv(d.sources[0].article and store.stories().items[0].id)
    assert csv.splitlines()[0].startswith("article,outlet,category,value")
    assert len(csv.strip().splitlines()) == len(d.figures) + 1
    stm = store.export_statements_csv(store.stories().items[0].id)
    assert len(stm.strip().splitlines()) >= 1 + sum(len(a.statements) for a in d.articles) - 1
    assert store.story("no-such-story") is None and store.article("nope") is None


def test_stories_pagination(store):
    page = store.stories(limit=1)
    assert page.total == store.counts()["stories"] and len(page.items) == 1
    rest = store.stories(limit=10, offset=1)
    assert page.items[0] not in rest.items and len(rest.items) == page.total - 1


def test_incremental_adds_match_one_batch(tmp_path, seed_dir, store):
    files = sorted(seed_dir.glob("*.txt"))
    with Store.open(tmp_path / "inc.db") as inc:
        first = inc.add(files[:3])
        second = inc.add(files[3:])
        assert set(second.stories) <= {inc.article_story(a) for a in second.added}
        for f in files:
            aid = next(iter(ingest([f])[0])).id
            assert inc.article_story(aid) == store.article_story(aid)
        assert first.added and inc.counts() == store.counts()
