"""`tabayyun eval clusters ARTICLES GOLD`: two files, external ids kept, clear errors."""

import json

from typer.testing import CliRunner

from tabayyun.api import ingest
from tabayyun.cli import app

from .conftest import ARTICLES, GOLD

runner = CliRunner()


def _subset(tmp_path, stories=("gaza-aid", "gaza-hospital")):
    gold = [json.loads(x) for x in GOLD.read_text(encoding="utf-8").splitlines()]
    keep = {g["id"] for g in gold if g["story"] in stories}
    arts = [x for x in ARTICLES.read_text(encoding="utf-8").splitlines() if json.loads(x)["id"] in keep]
    a, g = tmp_path / "a.jsonl", tmp_path / "g.jsonl"
    a.write_text("\n".join(arts) + "\n", encoding="utf-8")
    g.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in gold if x["id"] in keep) + "\n", encoding="utf-8")
    return a, g


def test_jsonl_id_becomes_external_id(tmp_path):
    a, _ = _subset(tmp_path)
    articles, skipped, _, _ = ingest([str(a)])
    assert not skipped
    assert {x.meta.external_id for x in articles} == {json.loads(x)["id"] for x in a.read_text("utf-8").splitlines()}


def test_eval_clusters_json(tmp_path):
    a, g = _subset(tmp_path)
    res = runner.invoke(app, ["eval", "clusters", str(a), str(g), "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["kind"] == "clusters" and out["n"] == 12 and out["gold_stories"] == 2
    assert out["f1"] >= 0.9


def test_eval_clusters_needs_the_gold_file(tmp_path):
    a, _ = _subset(tmp_path)
    res = runner.invoke(app, ["eval", "clusters", str(a)])
    assert res.exit_code == 2 and "GOLD.jsonl" in res.output
    res = runner.invoke(app, ["eval", "clusters", str(a), str(tmp_path / "nope.jsonl")])
    assert res.exit_code == 2 and "no such file" in res.output


def test_bad_gold_line_is_a_clear_error(tmp_path):
    a, g = _subset(tmp_path)
    g.write_text('{"id": "aid1"}\n', encoding="utf-8")
    res = runner.invoke(app, ["eval", "clusters", str(a), str(g)])
    assert res.exit_code == 2 and "'id' and 'story'" in res.output
