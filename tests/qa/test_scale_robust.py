"""batch and watch, as a user meets them."""

import json
from pathlib import Path

from typer.testing import CliRunner

from tabayyun.cli import app
from tabayyun.scale.partitions import expand
from tabayyun.scale.watch import _describe

from qa_texts import FLOOD, FLOOD2

runner = CliRunner()


def test_batch_lists_every_file_it_cannot_read_in_a_folder(tmp_path):
    # a folder of .txt files said only "directory with no readable files"
    (tmp_path / "a.txt").write_text(FLOOD, encoding="utf-8")
    (tmp_path / "day.jsonl").write_text(json.dumps({"text": FLOOD2}, ensure_ascii=False) + "\n")
    (tmp_path / ".state.json").write_text("{}")
    files, skipped = expand([str(tmp_path)])
    assert [f.name for f in files] == ["day.jsonl"]
    assert [(s.source.rsplit("/", 1)[-1], s.reason.split(" (")[0]) for s in skipped] == [("a.txt", "not JSONL or Parquet")]
    assert "use tabayyun analyze" in skipped[0].reason


def test_batch_exit_code_is_1_when_inputs_were_skipped(tmp_path):
    # exit 0 with skipped inputs, unlike analyze and add
    (tmp_path / "a.txt").write_text(FLOOD, encoding="utf-8")
    (tmp_path / "day.jsonl").write_text(json.dumps({"text": FLOOD2}, ensure_ascii=False) + "\nnot json\n")
    r = runner.invoke(app, ["batch", str(tmp_path), "--out", str(tmp_path / "out"), "--scheduler", "single",
                            "--no-reports"])
    assert r.exit_code == 1, r.output
    assert "3 inputs: 1 articles" in r.stdout and r.stderr.count("skipped: ") == 2


def test_watch_alert_prints_a_range_plainly():
    # "20.0–99.0" for "العشرات"
    f = {"fact": "wounded", "figures": [{"value": None, "low": 20.0, "high": 99.0, "claimant_label": "مسؤولون"},
                                        {"value": 400, "claimant_label": "أرمينيا"},
                                        {"value": None, "low": 200.0, "high": None, "outlet": "x"}]}
    assert _describe("dispute", f) == "wounded: 20–99 (مسؤولون) / 400 (أرمينيا) / 200– (x)"


def test_watch_once_exits_1_when_a_source_failed(tmp_path):
    # cron saw exit 0 when every feed was dead
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(FLOOD, encoding="utf-8")
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{folder}\n{tmp_path / 'missing'}\n")
    r = runner.invoke(app, ["watch", str(feeds), "--db", str(tmp_path / "w.db"), "--once"])
    assert r.exit_code == 1, r.output
    assert "not a URL and not a folder" in r.stderr and "1 added" in r.stderr
    feeds.write_text(f"{folder}\n")
    assert runner.invoke(app, ["watch", str(feeds), "--db", str(tmp_path / "w.db"), "--once"]).exit_code == 0


def test_batch_bad_scheduler_is_a_usage_error_not_a_traceback(tmp_path, monkeypatch):
    (tmp_path / "day.jsonl").write_text(json.dumps({"text": FLOOD2}, ensure_ascii=False) + "\n")
    args = ["batch", str(tmp_path / "day.jsonl"), "--out", str(tmp_path / "out"), "--no-reports", "--scheduler"]
    r = runner.invoke(app, args + ["bogus"])
    assert r.exit_code == 2 and "unknown scheduler 'bogus'" in r.stderr
    import socket

    import tabayyun.scale.batch as batch

    monkeypatch.setattr(batch, "SCHEDULER_TIMEOUT", "1s")
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    r = runner.invoke(app, args + [f"tcp://127.0.0.1:{port}"])
    assert r.exit_code == 2 and "cannot reach the Dask scheduler" in r.stderr
    assert r.exception is None or isinstance(r.exception, SystemExit)


def test_batch_without_the_scale_extra_stops_before_any_work(tmp_path, monkeypatch):
    # it analysed everything, then died on "import pyarrow" with a traceback
    import sys

    (tmp_path / "day.jsonl").write_text(json.dumps({"text": FLOOD2}, ensure_ascii=False) + "\n")
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # as if not installed
    import tabayyun.scale.batch as batch

    monkeypatch.setattr(batch, "analyse_part", lambda *a, **k: (_ for _ in ()).throw(AssertionError("ran")))
    r = runner.invoke(app, ["batch", str(tmp_path / "day.jsonl"), "--out", str(tmp_path / "o"), "--scheduler", "single"])
    assert r.exit_code == 2 and "needs the 'scale' extra" in r.stderr


def test_batch_on_the_default_local_cluster_is_quiet(tmp_path):
    # Dask printed its start-up INFO lines, "Port 8787 is already in use" and
    # "Sending large graph" warnings on every run
    import socket
    import subprocess
    import sys

    (tmp_path / "day.jsonl").write_text(json.dumps({"text": FLOOD2}, ensure_ascii=False) + "\n")
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", 8787))  # taken, as on a shared machine
        except OSError:
            pass  # already taken
        exe = str(Path(sys.executable).with_name("tabayyun"))
        r = subprocess.run([exe, "batch", str(tmp_path / "day.jsonl"), "--out",
                            str(tmp_path / "o"), "--workers", "1", "--no-reports"],
                           capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "1 inputs: 1 articles" in r.stdout
    assert "INFO" not in r.stderr and "8787" not in r.stderr and "Warning" not in r.stderr, r.stderr
