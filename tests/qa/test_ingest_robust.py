"""Bad input never stops a run and every input is accounted for:
inputs = articles + merged copies + skipped, each skip with a one-line reason."""

from typer.testing import CliRunner

from tabayyun import analyse
from tabayyun.cli import app
from tabayyun.settings import Settings

runner = CliRunner()
SMALL = Settings(max_bytes=3000)  # big.txt (≈ 16 kB) is over it


def reasons(d) -> dict[str, str]:
    return {s.source.rsplit("/", 1)[-1]: s.reason for s in d.skipped}


def test_mixed_folder_every_input_accounted_for(bad_dir):
    d = analyse([bad_dir], SMALL)
    merged = sum(len(s.also_from) for s in d.sources)
    assert d.inputs == len(d.sources) + merged + len(d.skipped)
    assert (len(d.sources), merged, len(d.skipped)) == (4, 2, 12), (d.sources, d.skipped)
    why = reasons(d)
    assert why["empty.txt"].startswith("empty input") and why["spaces.txt"].startswith("empty input")
    assert "binary" in why["junk_noext"] and "too large" in why["big.txt"]
    assert {s.language for s in d.sources} == {"ar", "en"}  # English kept and flagged


def test_files_of_unknown_type_in_a_folder_are_listed_not_ignored(bad_dir):
    # they were silently dropped, so inputs did not match the files given
    why = reasons(analyse([bad_dir], SMALL))
    assert "not a file type tabayyun reads ('.bin'" in why["junk.bin"]
    assert "'.pdf'" in why["paper.pdf"]
    assert ".hidden.txt" not in why  # hidden files stay out, as documented


def test_html_page_with_only_a_menu_is_skipped(bad_dir):
    # trafilatura returned "home": that became a 4-character "article"
    d = analyse([bad_dir / "menu.html"])
    assert not d.articles and d.skipped[0].reason == "HTML page with no article text found"
    assert len(analyse([bad_dir / "broken.html"]).articles) == 1  # broken markup with a body still reads


def test_jsonl_reasons_are_precise(bad_dir):
    why = {s.source.rsplit(":", 1)[-1]: s.reason for s in analyse([bad_dir / "day.jsonl"]).skipped}
    assert why["2"].startswith("invalid JSON: ") and why["2"].endswith("(column 17)")
    assert why["4"] == "invalid JSON: Expecting value (column 1)"
    assert why["5"].startswith("no text field")
    assert why["7"] == "text field 'content' is empty"  # the field is there, it is blank


def test_cli_on_mixed_folder_exits_1_without_traceback(bad_dir, tmp_path):
    r = runner.invoke(app, ["analyze", str(bad_dir), "--max-bytes", "3000", "--json", str(tmp_path / "d.json")])
    assert r.exit_code == 1, r.output
    assert "Traceback" not in r.output
    assert r.exception is None or isinstance(r.exception, SystemExit)
    assert r.output.count("skipped: ") == 12


def _jsonl_text():
    import json

    from qa_texts import FLOOD, FOOTBALL

    return "\n".join(json.dumps({"text": t, "source": o}, ensure_ascii=False)
                     for t, o in ((FLOOD, "okaz"), (FOOTBALL, "sabq"))) + "\n"


def test_utf16_jsonl_is_read_line_by_line(tmp_path):
    # lines were split on the byte "\n", half of a UTF-16 character: 3 inputs, 2 "binary"
    for enc in ("utf-16", "utf-16-le", "utf-16-be", "cp1256"):
        f = tmp_path / f"{enc}.jsonl"
        f.write_bytes(_jsonl_text().encode(enc))
        d = analyse([f])
        assert d.inputs == 2 and not d.skipped, (enc, d.skipped)
        assert sorted(s.outlet for s in d.sources) == ["okaz", "sabq"]


def test_batch_refuses_utf16_jsonl_with_a_reason(tmp_path):
    from tabayyun.scale.partitions import expand

    (tmp_path / "u.jsonl").write_bytes(_jsonl_text().encode("utf-16"))
    (tmp_path / "ok.jsonl").write_text(_jsonl_text(), encoding="utf-8")
    files, skipped = expand([str(tmp_path)])
    assert [f.name for f in files] == ["ok.jsonl"]
    assert skipped[0].reason.startswith("UTF-16 JSONL cannot be split for batch")
