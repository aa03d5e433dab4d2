"""The figures table reads claimants off the statements' attribution links."""

import tabayyun

TEXT = (
    "قالت وزارة الصحة إن 12 شخصا قتلوا في القصف. "
    "وأفاد مراسلنا بأن 30 منزلا دمرت في البلدة."
)


def test_figure_inside_a_statement_has_its_claimant():
    d = tabayyun.analyse([TEXT])
    killed = [f for f in d.figures if f.value == 12]
    assert killed and killed[0].claimant_label and "وزارة الصحة" in killed[0].claimant_label
    assert killed[0].outlet == d.sources[0].label
    a = d.articles[0]
    assert a.text[killed[0].evidence.start : killed[0].evidence.end].startswith("12")


def test_seed_death_tolls_and_claimants(seed_dossier):
    killed = {(f.value, f.claimant_label) for f in seed_dossier.figures if f.category == "killed"}
    assert (27.0, "السلطات الانفصالية") in killed
    assert (32.0, "باكو") in killed and (32.0, "أرمينيا") in killed
    assert any(v == 200.0 for v, _ in killed)


def test_near_copies_do_not_add_figures():
    copy = TEXT + " حسب رويترز."
    d = tabayyun.analyse([TEXT, copy])
    assert d.sources[1].duplicate_of == d.sources[0].article
    assert len([f for f in d.figures if f.value == 12]) == 1


def test_denied_figures_are_marked_in_the_report(seed_dossier):
    from tabayyun.report.html import to_html

    html = to_html(seed_dossier)
    assert "نفاه: باكو" in html
