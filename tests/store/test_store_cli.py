import json

from typer.testing import CliRunner

from tabayyun.cli import app

runner = CliRunner()


def test_add_then_search(tmp_path, seed_dir):
    db = str(tmp_path / "c.db")
    r = runner.invoke(app, ["add", str(seed_dir), "--db", db])
    assert r.exit_code == 0, r.output
    assert "5 inputs: 5 added" in r.output
    r = runner.invoke(app, ["add", str(seed_dir), "--db", db])
    assert r.exit_code == 0 and "0 added, 5 already stored" in r.output
    r = runner.invoke(app, ["search", "وقرة باغ", "--db", db, "--json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["total"] == 4 and all("قره باغ" in h["snippet"] for h in data["hits"])
    r = runner.invoke(app, ["search", "'; DROP TABLE articles; --", "--db", db])
    assert r.exit_code == 0 and r.output.startswith("0 articles")


def test_add_partial_and_bad_db(tmp_path, seed_dir):
    (tmp_path / "empty.txt").write_text("")
    db = str(tmp_path / "c.db")
    r = runner.invoke(app, ["add", str(tmp_path / "empty.txt"), str(sorted(seed_dir.glob("*.txt"))[0]), "--db", db, "-q"])
    assert r.exit_code == 1 and "skipped:" in r.output
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"\x00\x01not sqlite" * 10)
    r = runner.invoke(app, ["search", "x", "--db", str(bad)])
    assert r.exit_code == 2 and "not a tabayyun database" in r.output
