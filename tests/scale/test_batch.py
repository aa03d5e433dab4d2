"""The Dask batch runner gives the same articles, layers, stories and findings as
the single-process path, and loses nothing: corrupt lines are counted."""

import json

import pyarrow.parquet as pq
import pytest

from tabayyun import analyse
from tabayyun.scale.batch import run_batch


@pytest.fixture(scope="module")
def single(day, tmp_path_factory):
    return run_batch([str(day)], tmp_path_factory.mktemp("single"), scheduler="single")


def test_everything_accounted_for(single):
    # 5 seeds + 3 Derna + 1 corrupt + 1 duplicate body + 1 empty text = 11 inputs
    assert single.inputs == 11
    assert single.articles == 8
    assert single.duplicates == 1
    reasons = sorted(s.reason.split(" ")[0] for s in single.skipped)
    assert reasons == ["invalid", "text"], single.skipped  # "invalid JSON: …", "text field 'text' is empty"
    assert sum(len(v) for v in single.stories.values()) == 8


def test_layers_match_analyse(single, day):
    d = analyse([str(day)])
    ours = {a.id: a for a in single_articles(single)}
    assert set(ours) == {a.id for a in d.articles}
    for a in d.articles:
        b = ours[a.id]
        assert (a.entities, a.times, a.quantities, a.statements) == (b.entities, b.times, b.quantities, b.statements)
        assert a.meta.external_id == b.meta.external_id


def single_articles(res):
    seen = {}
    for d in res.dossiers.values():
        for a in d.articles:
            seen[a.id] = a
    return list(seen.values())


def test_stories_split_the_two_events(single):
    by_ext = {a.meta.external_id: sid for sid, d in single.dossiers.items() for a in d.articles}
    derna = {by_ext[f"derna-{i}"] for i in range(3)}
    assert len(derna) == 1
    assert not derna & {by_ext[f"seed-{i}"] for i in range(5)}


def test_parquet_tables(single):
    out = single.out
    arts = pq.read_table(out / "articles.parquet").to_pylist()
    assert len(arts) == 8 and all(r["story"] in single.stories for r in arts)
    ents = pq.read_table(out / "entities.parquet").to_pylist()
    text = {r["id"]: r["text"] for r in arts}
    assert ents and all(text[r["article"]][r["start"]:r["end"]] == r["text"] for r in ents)
    figs = pq.read_table(out / "figures.parquet").to_pylist()
    assert {200.0, 32.0}.issubset({r["value"] for r in figs})
    stories = pq.read_table(out / "stories.parquet").to_pylist()
    assert {r["story"] for r in stories} == set(single.stories)
    skipped = pq.read_table(out / "skipped.parquet").to_pylist()
    assert len(skipped) == len(single.skipped)
    for sid in single.stories:
        folder = out / "stories" / sid
        assert (folder / "report.html").stat().st_size > 1000
        assert json.loads((folder / "dossier.json").read_text("utf-8"))["articles"]


def test_dask_local_cluster_same_result(single, day, tmp_path):
    res = run_batch([str(day)], tmp_path, scheduler=None, workers=2, blocksize=4096)
    assert res.stories == single.stories
    assert (res.inputs, res.articles, res.duplicates) == (single.inputs, single.articles, single.duplicates)
    assert sorted(s.source.rsplit(":", 1)[1] for s in res.skipped) == sorted(
        s.source.rsplit(":", 1)[1] for s in single.skipped)
    for sid, d in single.dossiers.items():
        assert res.dossiers[sid].figures == d.figures
        assert res.dossiers[sid].disputes == d.disputes


def test_parquet_input_and_bad_files(day, tmp_path):
    import pyarrow as pa

    rows = [json.loads(x) for x in day.read_text("utf-8").splitlines() if x.startswith("{\"")]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "day.parquet")
    (tmp_path / "broken.parquet").write_bytes(b"PAR1 not really")
    res = run_batch([str(tmp_path / "day.parquet"), str(tmp_path / "broken.parquet"), str(tmp_path / "nope.jsonl")],
                    tmp_path / "out", scheduler="single", reports=False)
    assert res.articles == 8
    reasons = " ".join(s.reason for s in res.skipped)
    assert "Parquet" in reasons and "no such file" in reasons


def test_blocks_keep_line_numbers(day, tmp_path):
    from tabayyun.scale.partitions import plan, units
    from tabayyun.settings import Settings

    parts = plan([day], blocksize=64)
    assert len(parts) > 3
    sources = [u.source if hasattr(u, "reason") else u.meta.source for p in parts for u in units(p, Settings())]
    assert [s.rsplit(":", 1)[1] for s in sources] == [str(n) for n in range(1, 12)]


def test_packing_drops_tokens_and_workers_rebuild_them(single):
    from dataclasses import replace

    from tabayyun.arabic.segment import tokenise
    from tabayyun.scale.batch import pack, unpack

    arts = single_articles(single)
    assert all(not a.tokens for a in arts)  # the driver keeps them lean
    back = unpack(pack(arts))  # what a worker sees
    assert all(b.tokens == tokenise(b.text) for b in back if b.sentences)
    assert [replace(b, tokens=()) for b in back] == arts
    # an article the segment stage never reached stays without tokens
    bare = replace(arts[0], sentences=(), tokens=())
    assert unpack(pack([bare]))[0].tokens == ()
