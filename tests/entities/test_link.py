"""Cross-article linking: spellings, surnames, roles, clusters, outlet counts."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tabayyun.compare.link import link

from ner_helpers import analyse, dossier_of

REGION = ["كاراباخ", "قره باغ", "قرة باغ", "ناجورنو كاراباخ", "ناغورني قره باغ"]


def entity(d, eid):
    return next((e for e in d.entities if e.id == eid), None)


def ids_of(d, surface):
    return {m.entity_id for a in d.articles for m in a.entities if a.text[m.start:m.end] == surface}


def test_region_spellings_in_the_seed_are_one_entity(linked_seed):
    karabakh = entity(linked_seed, "loc:karabakh")
    assert karabakh is not None
    seen = {karabakh.label, *karabakh.aliases}
    assert all(s in seen for s in REGION)


@pytest.mark.parametrize("spelling", REGION)
def test_each_region_spelling_links(spelling):
    d = link(dossier_of([analyse(f"تواصل القتال في إقليم {spelling} يوم الثلاثاء.")]))
    assert ids_of(d, spelling) == {"loc:karabakh"}


def test_one_entity_per_seed_person(linked_seed):
    people = [e for e in linked_seed.entities if e.type == "PER" and e.id.startswith("per:")]
    assert len({e.id for e in people}) == len(people)
    aliyev = entity(linked_seed, "per:ilham_aliyev")
    assert len({ev.article for ev in aliyev.mentions}) >= 4


def test_surname_links_to_full_name_across_articles():
    a1 = analyse("أعلن رئيس الوزراء سامر خليلوف استقالته.", "a")
    a2 = analyse("وقال رئيس الوزراء الأذربيجاني خليلوف إنه سيبقى في منصبه. وأكد خليلوف ذلك.", "b")
    d = link(dossier_of([a1, a2]))
    assert ids_of(d, "سامر خليلوف") == ids_of(d, "خليلوف")
    assert len(ids_of(d, "خليلوف")) == 1


def test_surname_with_clitic_links(linked_seed):
    assert ids_of(linked_seed, "باشينيان") == {"per:nikol_pashinyan"}


def test_bare_role_links_to_the_person_the_story_named():
    a1 = analyse("قال الرئيس الأذربيجاني إلهام علييف إن العملية انتهت.", "a")
    a2 = analyse("وأكد الرئيس الأذربيجاني أن بلاده ستضمن حقوق السكان.", "b")
    d = link(dossier_of([a1, a2]))
    assert ids_of(d, "الرئيس الأذربيجاني") == {"per:ilham_aliyev"}


def test_bare_role_stays_unlinked_when_the_story_named_nobody():
    d = link(dossier_of([analyse("وأكد الرئيس الأذربيجاني أن بلاده ستضمن حقوق السكان.")]))
    assert ids_of(d, "الرئيس الأذربيجاني") != {"per:ilham_aliyev"}


def test_roles_are_kept_on_the_entity(linked_seed):
    assert "وزير الخارجية الأمريكي" in entity(linked_seed, "per:blinken").roles


def test_unknown_names_cluster_across_articles():
    a1 = analyse("وقال المحلل كريم الزعبي إن التصعيد متوقع.", "a")
    a2 = analyse("وأضاف كريم الزعبي أن الحل سياسي.", "b")
    d = link(dossier_of([a1, a2]))
    ids = ids_of(d, "كريم الزعبي")
    assert len(ids) == 1 and next(iter(ids)).startswith("local:")


def test_metonymy_counts_for_the_state_and_keeps_the_place(linked_seed):
    az = entity(linked_seed, "gpe:AZ")
    assert "باكو" in az.aliases
    assert entity(linked_seed, "loc:baku") is not None


def test_near_copy_is_not_counted_twice():
    a1 = analyse("أعلنت أذربيجان انتهاء العملية.", "a")
    a2 = replace(analyse("أعلنت أذربيجان انتهاء العملية العسكرية.", "b"), duplicate_of=a1.id)
    d = link(dossier_of([a1, a2], ["الجزيرة", "العربية"]))
    az = entity(d, "gpe:AZ")
    assert dict(az.outlets) == {"الجزيرة": 1}
    assert len(az.mentions) == 2


def test_mentions_are_rewritten_with_canonical_labels(linked_seed):
    for a in linked_seed.articles:
        for m in a.entities:
            assert m.entity_id and m.label


def test_empty_dossier_links_to_nothing():
    d = link(dossier_of([analyse("")]))
    assert d.entities == ()


def test_link_fits_the_pipeline_after_the_entities_stage():
    from tabayyun.extract import default_stages
    from tabayyun.pipeline import Pipeline

    p = Pipeline(default_stages(), (link,))
    assert "entities" in p.names and p.names[-1] == "link"


def test_ministry_spellings_link_to_one_entity_and_count_for_the_state():
    a1 = analyse("قالت وزارة الدفاع الأذربيجانية إن العملية انتهت.", "a")
    a2 = analyse("وذكرت وزارة الدفاع في أذربيجان أن الجنود عادوا.", "b")
    d = link(dossier_of([a1, a2]))
    ids = ids_of(d, "وزارة الدفاع الأذربيجانية") | ids_of(d, "وزارة الدفاع")
    assert ids == {"org:ministry:defence:gpe:AZ"}
    ministry = entity(d, "org:ministry:defence:gpe:AZ")
    assert ministry.type == "ORG"
    az = entity(d, "gpe:AZ")
    assert az is not None and "وزارة الدفاع الأذربيجانية" in az.aliases


def test_ministry_entity_keeps_its_label_and_its_waw():
    d = link(dossier_of([analyse("ووزارة الدفاع الأذربيجانية أعلنت انتهاء العملية.", "a")]))
    ministry = entity(d, "org:ministry:defence:gpe:AZ")
    assert ministry.label == "وزارة الدفاع (أذربيجان)"


def test_local_person_spelled_two_ways_with_the_same_office_is_one():
    a1 = analyse("وقال المتحدث باسم وزارة الدفاع الأرمنية أرتسرون هوفهانيسيان إن الهجوم صد.", "a")
    a2 = analyse("وأضاف المتحدث باسم وزارة الدفاع الأرمنية أرتسرون هوفانيسيان أن الوضع هادئ.", "b")
    d = link(dossier_of([a1, a2]))
    ids = ids_of(d, "أرتسرون هوفهانيسيان") | ids_of(d, "أرتسرون هوفانيسيان")
    assert len(ids) == 1 and next(iter(ids)).startswith("local:per:")


def test_two_local_people_with_different_offices_stay_apart():
    a1 = analyse("وقال المتحدث باسم وزارة الدفاع الأرمنية أرتسرون هوفهانيسيان إن الهجوم صد.", "a")
    a2 = analyse("وأضاف المتحدث باسم وزارة الخارجية الأذربيجانية أرتسرون هوفانيسيان أن الوضع هادئ.", "b")
    d = link(dossier_of([a1, a2]))
    assert len(ids_of(d, "أرتسرون هوفهانيسيان") | ids_of(d, "أرتسرون هوفانيسيان")) == 2


@pytest.mark.parametrize("a,b,want", [("هفهنسن", "هفنسن", True), ("هفنسن", "هفنسن", True),
                                      ("بكرف", "بكرم", True), ("بكرف", "سكرف", False),
                                      ("هفهنسن", "هفن", False)])
def test_near_spellings(a, b, want):
    from tabayyun.compare.link import _near

    assert _near(a, b) is want and _near(b, a) is want
