"""CLI problems found by running every README command as a new user would."""

import logging
from pathlib import Path

from typer.testing import CliRunner

from tabayyun import api, cli, cli_store
from tabayyun.cli import app
from tabayyun.evaluate import EvalResult

from qa_texts import FLOOD

runner = CliRunner()
DATA = Path(__file__).resolve().parents[1] / "data"


def test_inspect_prints_every_layer_including_tokens(tmp_path):
    # tokens became NamedTuples; the plain (non --json) view crashed on them
    f = tmp_path / "a.txt"
    f.write_text(FLOOD, encoding="utf-8")
    r = runner.invoke(app, ["inspect", str(f)])
    assert r.exit_code == 0, r.output
    assert "tokens (" in r.stdout and "sentences (" in r.stdout and "السيول" in r.stdout


def test_inspect_unknown_layer_is_a_usage_error(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(FLOOD, encoding="utf-8")
    r = runner.invoke(app, ["inspect", str(f), "--layer", "qoutes"])
    assert r.exit_code == 2 and "unknown layer qoutes" in r.stderr


def test_schema_write_creates_its_folder(tmp_path):
    target = tmp_path / "new" / "dir" / "s.json"
    r = runner.invoke(app, ["schema", "--write", str(target)])
    assert r.exit_code == 0, r.output
    assert target.read_text().startswith("{")


def test_unwritable_output_is_one_line_not_a_traceback(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(FLOOD, encoding="utf-8")
    (tmp_path / "out.html").mkdir()  # the report path is a folder
    r = runner.invoke(app, ["analyze", str(f), "-o", str(tmp_path / "out.html"), "-q"])
    assert r.exit_code == 2
    assert "error: cannot write" in r.stderr and "Traceback" not in r.output
    assert runner.invoke(app, ["schema", "--write", str(tmp_path / "out.html")]).exit_code == 2


def test_eval_on_a_file_of_another_kind_is_a_usage_error():
    # it printed a score of 0 (ner) or an empty table (numbers) and exited 0
    r = runner.invoke(app, ["eval", "ner", str(DATA / "times_cases.jsonl")])
    assert r.exit_code == 2 and "no ner gold cases could be read" in r.stderr
    r = runner.invoke(app, ["eval", "numbers", str(DATA / "claims_gold.json"), "--json"])
    assert r.exit_code == 2 and r.stdout == ""


def test_eval_notes_are_capped(monkeypatch):
    fake = EvalResult("x", {"accuracy": 0.5, "n": 4}, notes=tuple(f"line {i}: not a case" for i in range(500)))
    monkeypatch.setattr("tabayyun.evaluate.run", lambda kind, path, **kw: fake)
    r = runner.invoke(app, ["eval", "numbers", str(DATA / "numbers_cases.jsonl")])
    assert r.exit_code == 0
    assert r.stdout.count("not a case") == cli.MAX_NOTES and "460 more notes" in r.stdout


def test_quiet_shows_skipped_inputs_but_not_notes(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(FLOOD, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("")
    r = runner.invoke(app, ["analyze", str(f), str(tmp_path / "empty.txt"), "-q"])
    assert r.exit_code == 1
    assert "skipped: " in r.stderr and "note: " not in r.stderr
    r = runner.invoke(app, ["analyze", str(f)])
    assert "note: " in r.stderr


class _Failing:
    name = "boom"

    def __call__(self, article):
        raise KeyError("كميات")


class _Pipe:
    article_stages = (_Failing(),)


def test_a_failing_stage_is_a_note_not_a_traceback(caplog):
    # a KeyError in one article's stage printed a full traceback per article
    from tabayyun.ingest.readers import read_text

    article = read_text(FLOOD)
    notes: list[str] = []
    with caplog.at_level(logging.INFO):
        api._run_article(_Pipe(), article, notes)
    assert notes and "stage 'boom' failed (KeyError" in notes[0]
    assert all(r.levelno < logging.WARNING for r in caplog.records)  # shown only with -v
    assert any(r.exc_info for r in caplog.records)  # … with its traceback, for debugging


def test_search_rejects_a_date_that_is_not_one(tmp_path):
    r = runner.invoke(app, ["search", "جدة", "--db", str(tmp_path / "x.db"), "--from", "yesterday"])
    assert r.exit_code == 2 and "is not a date" in r.stderr


def test_add_lists_at_most_a_screenful_of_stories(monkeypatch, tmp_path):
    from tabayyun.store import views

    fields = {f for f in views.AddResult.__dataclass_fields__}

    class FakeStore:
        url = "fake.db"

        def add(self, paths, settings):
            kw = dict(added=[f"a{i}" for i in range(300)], duplicates=0, skipped=[],
                      stories=[f"story-{i}" for i in range(300)], inputs=300)
            return views.AddResult(**{k: v for k, v in kw.items() if k in fields})

        def close(self):
            pass

    monkeypatch.setattr(cli_store, "_open_store", lambda db, read_only=False: FakeStore())
    r = runner.invoke(app, ["add", "x.jsonl"])
    assert r.exit_code == 0, r.output
    assert r.stdout.count("story: ") == cli_store.MAX_STORY_LINES and "280 more stories" in r.stdout


def test_json_to_stdout_is_valid_json(tmp_path):
    # the README's `cat article.txt | tabayyun analyze - --json -` printed the
    # summary table into the JSON
    import json

    r = runner.invoke(app, ["analyze", "-", "--json", "-"], input=FLOOD)
    assert r.exit_code == 0, r.output
    assert len(json.loads(r.stdout)["articles"]) == 1
    assert "articles from 1 inputs" in r.stderr


def test_serve_on_a_busy_port_is_a_clear_usage_error(tmp_path):
    # it printed "tabayyun on http://…" and then uvicorn's error, exit code 3
    import socket

    import pytest

    pytest.importorskip("uvicorn")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        r = runner.invoke(app, ["serve", "--db", str(tmp_path / "s.db"), "--port", str(port)])
    assert r.exit_code == 2
    assert "cannot listen on 127.0.0.1" in r.stderr and "tabayyun on" not in r.stdout


def test_summary_table_is_capped_for_a_day_of_news(tmp_path):
    # 1,325 articles printed a 2,650-line table
    import json

    lines = [json.dumps({"text": f"قال المتحدث إن الاجتماع رقم {i} عقد في الرياض اليوم بحضور {i + 3} وزراء.\n"},
                        ensure_ascii=False) for i in range(cli.MAX_TABLE_ROWS + 5)]
    (tmp_path / "d.jsonl").write_text("\n".join(lines) + "\n")
    r = runner.invoke(app, ["analyze", str(tmp_path / "d.jsonl")])
    assert r.exit_code == 0, r.output
    assert "… and 5 more articles" in r.stdout
    assert r.stdout.count("d.jsonl:") <= cli.MAX_TABLE_ROWS


def test_eval_and_train_help_list_every_kind():
    # the help said "see 'tabayyun eval --help'" inside 'tabayyun eval --help'
    from tabayyun import evaluate, training

    text = " ".join(runner.invoke(app, ["eval", "--help"]).stdout.split())
    assert all(k in text for k in evaluate.kinds()) and "see 'tabayyun eval --help'" not in text
    text = " ".join(runner.invoke(app, ["train", "--help"]).stdout.split())
    assert all(k in text for k in training.kinds())
