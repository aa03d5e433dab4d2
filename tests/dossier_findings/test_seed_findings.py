"""The bundled Karabakh example: the death-toll dispute and both attribution conflicts."""

from collections import defaultdict

from findings_util import text_of


def death_toll(d):
    return next(x for x in d.disputes if x.category == "killed" and {f.value for f in x.figures} >= {200, 32})


def test_death_toll_dispute_has_the_four_values(seed):
    assert {f.value for f in death_toll(seed).figures} == {200.0, 32.0, 27.0, 5.0}


def test_death_toll_claimants(seed):
    by_value = defaultdict(set)
    for f in death_toll(seed).figures:
        by_value[f.value].add(f.claimant_label)
    assert by_value[200.0] == {"أرمينيا", "مسؤول انفصالي في الإقليم", "أمين المظالم"}
    assert by_value[32.0] == {"باكو", "أرمينيا"}
    assert by_value[27.0] == {"السلطات الانفصالية"}
    assert by_value[5.0] == {"مسؤولون في قره باغ"}


def test_death_toll_evidence_slices_to_the_numbers(seed):
    words = {200.0: "200", 32.0: "32", 27.0: "27", 5.0: "خمسة"}
    for f in death_toll(seed).figures:
        assert text_of(seed, f.evidence) == words[f.value]


def test_death_toll_spans_four_outlets_and_notes_time_scope(seed):
    d = death_toll(seed)
    assert len({f.outlet for f in d.figures}) == 4
    assert d.independent_sources == 4
    assert "time scope" in d.note and "خلال يوم واحد" in d.note


def test_mine_blast_toll_is_not_part_of_the_dispute(seed):
    # "مقتل ستة أشخاص … في انفجار لغمين": another event, its own fact
    six = next(f for f in seed.figures if f.value == 6.0 and f.category == "killed")
    assert six.fact != death_toll(seed).fact and "explosion" in six.fact


def test_subset_figures_are_their_own_fact(seed):
    two = next(f for f in seed.figures if f.category == "killed" and f.value == 2.0)
    assert two.fact != death_toll(seed).fact


def test_attribution_conflict_on_200(seed):
    c = next(c for c in seed.attribution_conflicts if c.value == 200.0 and c.fact == death_toll(seed).fact)
    assert "أرمينيا" in c.claimants and ("أمين المظالم" in c.claimants or "مسؤول انفصالي في الإقليم" in c.claimants)
    assert len(c.outlets) == 2


def test_attribution_conflict_on_32(seed):
    c = next(c for c in seed.attribution_conflicts if c.value == 32.0 and c.fact == death_toll(seed).fact)
    assert set(c.claimants) == {"باكو", "أرمينيا"}
    assert {text_of(seed, f.evidence) for f in c.figures} == {"32"}


def test_every_finding_has_evidence_inside_its_article(seed):
    spans = []
    for x in seed.disputes:
        spans += [f.evidence for f in x.figures]
    for c in seed.attribution_conflicts:
        spans += [f.evidence for f in c.figures]
    for a in seed.agreements:
        assert a.evidence
        spans += list(a.evidence)
    spans += [s.evidence for s in seed.single_source]
    for g in seed.statement_groups:
        spans += list(g.statements)
    assert spans
    for ev in spans:
        assert ev.start < ev.end and text_of(seed, ev).strip()


def test_single_source_figures_include_the_27(seed):
    singles = [s for s in seed.single_source if s.kind == "figure"]
    assert any(s.fact == death_toll(seed).fact and text_of(seed, s.evidence) == "27" for s in singles)
    assert not any(s.fact == death_toll(seed).fact and text_of(seed, s.evidence) == "200" for s in singles)


def test_statement_groups_span_outlets(seed):
    assert seed.statement_groups
    for g in seed.statement_groups:
        assert len({a for a, _ in g.refs}) >= 2


def test_statement_with_different_numbers_is_not_an_agreement(seed):
    for a in seed.agreements:
        if a.kind == "statement":
            assert not any(w in a.fact for w in ("27 شخصًا", "32 شخصا"))
