"""analyze on unrelated news says it mixes stories and can write one report per
story (--split-stories), with every input still accounted for."""

import json

from typer.testing import CliRunner

from tabayyun import analyse
from tabayyun.cli import app
from tabayyun.stories import analyse_stories, mixed_stories_note

from qa_texts import FLOOD, FLOOD2, FOOTBALL

runner = CliRunner()

# a third unrelated story (written for this test)
OIL = ("ارتفعت أسعار النفط في تعاملات الثلاثاء بعد أن أعلنت أوبك خفض الإنتاج بمقدار مليون برميل يوميا.\n"
       "وقال محللون في لندن إن السوق تترقب بيانات المخزونات الأمريكية هذا الأسبوع.\n")


def _day(tmp_path):
    d = tmp_path / "day"
    d.mkdir()
    for name, text in (("flood1.txt", FLOOD), ("flood2.txt", FLOOD2), ("football.txt", FOOTBALL), ("oil.txt", OIL),
                       ("copy.txt", OIL)):
        (d / name).write_text(text, encoding="utf-8")
    (d / "empty.txt").write_text("")
    return d


def test_stories_are_split_and_every_input_counted(tmp_path):
    split = analyse_stories([_day(tmp_path)])
    assert split.inputs == 6 and split.articles == 4 and len(split.skipped) == 1
    assert split.inputs == sum(d.inputs for d in split.stories.values()) + len(split.skipped)
    sizes = sorted(len(d.articles) for d in split.stories.values())
    assert sizes == [1, 1, 2]  # the two flood reports are one story
    flood = next(d for d in split.stories.values() if len(d.articles) == 2)
    assert {a.text.strip() for a in flood.articles} == {FLOOD.strip(), FLOOD2.strip()}


def test_mixed_note_on_unrelated_news_only(tmp_path, seed_dossier):
    d = analyse([_day(tmp_path)])
    note = mixed_stories_note(d)
    assert note and "about 3 different stories" in note and "--split-stories" in note
    assert mixed_stories_note(seed_dossier) is None  # one event: no note


def test_cli_split_stories_writes_a_report_per_story_and_an_index(tmp_path):
    out = tmp_path / "out"
    r = runner.invoke(app, ["analyze", str(_day(tmp_path)), "--split-stories", str(out)])
    assert r.exit_code == 1, r.output  # one input skipped
    assert "6 inputs: 4 articles in 3 stories, 1 merged copies, 1 skipped" in r.stdout
    index = json.loads((out / "index.json").read_text())
    assert [s["articles"] for s in index["stories"]] == [2, 1, 1]
    for s in index["stories"]:
        for name in ("report.html", "dossier.json", "dossier.md"):
            assert (out / s["folder"] / name).stat().st_size > 0
    page = (out / "index.html").read_text()
    assert page.count("/report.html\"") == 3 and 'dir="rtl"' in page
    assert "empty.txt" in page  # the skipped input is listed


def test_cli_split_stories_refuses_single_dossier_outputs(tmp_path):
    r = runner.invoke(app, ["analyze", str(_day(tmp_path)), "--split-stories", str(tmp_path / "o"), "-o",
                            str(tmp_path / "r.html")])
    assert r.exit_code == 2 and "without -o" in r.stderr
