"""The README's first command path: `tabayyun demo` writes the three outputs and
the seed dispute (the death toll: ~200 per Armenia, ≤32 per Baku, 27, 5) is in
each of them."""

import json

from typer.testing import CliRunner

from tabayyun.cli import app

runner = CliRunner()


def test_demo_writes_html_json_md_with_the_seed_dispute(tmp_path):
    r = runner.invoke(app, ["demo", "--out", str(tmp_path / "tmp")])
    assert r.exit_code == 0, r.output
    out = tmp_path / "tmp"
    d = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    assert d["inputs"] == 5 and len(d["sources"]) == 5 and not d["skipped"]
    killed = [x for x in d["disputes"] if x["fact"].startswith("killed")]
    assert killed, [x["fact"] for x in d["disputes"]]
    values = {f["value"] for f in killed[0]["figures"]}
    assert {200, 32, 27, 5} <= values
    md = (out / "dossier.md").read_text(encoding="utf-8")
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "عدد القتلى" in md and "200" in md and "32" in md
    assert page.startswith("<!doctype html>") and "عدد القتلى" in page
    assert f"demo report: {(out / 'report.html').resolve()}" in r.stdout
