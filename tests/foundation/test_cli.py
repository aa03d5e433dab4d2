import json
import re
from pathlib import Path

from typer.testing import CliRunner

from tabayyun.cli import app

runner = CliRunner()
README = Path(__file__).resolve().parents[2] / "README.md"


def test_analyze_writes_all_outputs(tmp_path, seed_dir):
    r = runner.invoke(app, ["analyze", str(seed_dir), "-o", str(tmp_path / "r.html"), "--json", str(tmp_path / "d.json"), "--md", str(tmp_path / "d.md"), "-q"])
    assert r.exit_code == 0, r.output
    assert json.loads((tmp_path / "d.json").read_text())["inputs"] == 5
    assert (tmp_path / "r.html").read_text().startswith("<!doctype html>")


def test_partial_run_exits_1_and_lists_skipped(tmp_path, seed_dir):
    (tmp_path / "empty.txt").write_text("")
    r = runner.invoke(app, ["analyze", str(seed_dir), str(tmp_path / "empty.txt"), "-q"])
    assert r.exit_code == 1
    assert "skipped:" in r.output and "empty input" in r.output


def test_usage_error_exits_2():
    assert runner.invoke(app, ["analyze"]).exit_code == 2
    assert runner.invoke(app, ["eval", "nosuchkind", __file__]).exit_code == 2


def test_demo_writes_report(tmp_path):
    r = runner.invoke(app, ["demo", "--out", str(tmp_path), "-q"])
    assert r.exit_code == 0, r.output
    assert "demo report:" in r.output and (tmp_path / "report.html").exists()


def test_inspect_shows_layers(seed_dir):
    f = sorted(seed_dir.glob("*.txt"))[4]
    r = runner.invoke(app, ["inspect", str(f), "--json", "--layer", "quotes"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert len(data["quotes"]) == 5 and "tokens" not in data


def test_every_command_is_documented_in_readme():
    readme = README.read_text(encoding="utf-8")
    for cmd in app.registered_commands:
        name = cmd.name or cmd.callback.__name__
        assert re.search(rf"tabayyun {name}\b", readme), f"'tabayyun {name}' is not in README.md"
        assert "Example:" in (cmd.callback.__doc__ or ""), f"{name} help has no Example:"


def test_ci_runs_the_readme_test_command():
    root = README.parent
    commands = [l for l in README.read_text(encoding="utf-8").splitlines() if l.startswith("python3 -m venv")]
    assert len(commands) == 2 and "tabayyun demo" in commands[0] and "pytest" in commands[1]
    assert commands[1] in (root / ".ci" / "run").read_text(encoding="utf-8")
