"""The organisations gazetteer: one id per alias, clubs named after cities as
one ORG, parties, banks with clitics, kind words and nationalities left out of
the name, linking to canonical ids."""

from __future__ import annotations

import pytest

from tabayyun.arabic.normalise import match_key
from tabayyun.compare.link import link
from tabayyun.extract.ner_lexicon import AGENCIES, LEXICONS, _rows, key, lexicon

from ner_helpers import analyse, dossier_of

_PLACES = ("GPE", "LOC")


def _keys(name: str) -> set[str]:
    """The lookup keys the lexicon builds for one name (see ``Lexicon``)."""
    whole = match_key(name)
    return {k for k in (whole, "" if whole[:1] in ("و", "ف") else key(name)) if k}


def _gazetteer_rows():
    for path in sorted(LEXICONS.glob("gazetteer_*.tsv")):
        for cols in _rows(path):
            cols = cols + [""] * (6 - len(cols))
            yield path.name, cols


def test_every_alias_maps_to_one_id_across_the_gazetteer_files():
    """Only places may share a key (a city-state and its capital: "الكويت",
    the homograph "عمان"); an organisation's or a person's alias names it alone,
    also against the agencies list."""
    owners: dict[str, dict[str, str]] = {}
    for _, (cid, typ, label, _en, aliases, _extra) in _gazetteer_rows():
        for name in [label, *aliases.split("|")]:
            for k in _keys(name) if name else ():
                owners.setdefault(k, {})[cid] = typ
    for cols in _rows(AGENCIES):
        cid = "org:agency:" + cols[1].lower().replace(" ", "_")
        for k in _keys(cols[0]):
            owners.setdefault(k, {})[cid] = "AGENCY"
    bad = {k: v for k, v in owners.items()
           if len(v) > 1 and any(t not in _PLACES and t != "AGENCY" for t in v.values())}
    assert not bad, bad


def test_organisation_ids_are_defined_once():
    seen: dict[str, str] = {}
    for fname, cols in _gazetteer_rows():
        if fname.startswith("gazetteer_orgs"):
            assert cols[0] not in seen, (cols[0], seen.get(cols[0]), fname)
            seen[cols[0]] = fname
    assert len(seen) > 600
    others = {cols[0] for fname, cols in _gazetteer_rows() if not fname.startswith("gazetteer_orgs")}
    assert not others & set(seen)


def test_rows_are_well_formed():
    lex = lexicon()
    orgs = [c for c in lex.canon.values() if c.type == "ORG" and not c.id.startswith(("org:agency:", "loc:"))]
    assert all(c.label and c.label_en for c in orgs)
    kinds = {c.kind for c in orgs}
    assert {"club", "company", "bank", "exchange", "party", "armed", "media", "university"} <= kinds


def test_names_are_keyed_as_text_strips_them_and_no_more():
    alias = lexicon().alias
    assert alias.get(key("للأمم المتحدة")) == "org:un"
    assert "ورشه" not in alias  # not "بورشه" stripped of a "ب" that is part of the name
    assert "نسيا" not in alias  # "فالنسيا": no conjunction to strip


def found(text: str):
    a = analyse(text)
    return {(a.text[m.start:m.end], m.type, m.entity_id) for m in a.entities}


@pytest.mark.parametrize("text,name,eid", [
    ("فاز دينامو كييف على ضيفه بهدفين نظيفين في الدوري الأوكراني.", "دينامو كييف", "club:dynamo_kyiv"),
    ("وتعاقد بايرن ميونيخ مع المدافع الكوري بعد مفاوضات طويلة.", "بايرن ميونيخ", "club:bayern"),
    ("وخسر سسكا موسكو أمام ضيفه في الجولة الأخيرة من الدوري الروسي.", "سسكا موسكو", "club:cska_moscow"),
    ("وتأهل باريس سان جيرمان إلى نصف النهائي بعد فوزه بركلات الترجيح.", "باريس سان جيرمان", "club:psg"),
])
def test_club_named_after_a_city_is_one_org(text, name, eid):
    got = found(text)
    assert (name, "ORG", eid) in got
    assert not any(t in _PLACES for _, t, _ in got), got  # no city inside the club's name


def test_region_stays_a_place_beside_the_club_named_after_it():
    got = found("وتوغلت القوات الأذربيجانية في قره باغ، بينما فاز قره باغ أغدام على ضيفه.")
    assert ("قره باغ", "LOC", "loc:karabakh") in got
    assert ("قره باغ أغدام", "ORG", "club:qarabag") in got


def test_clubs_with_clitics():
    got = found("وانتقل اللاعب من برشلونة لريال مدريد في صفقة أثارت غضب جماهير وبرشلونة.")
    assert ("ريال مدريد", "ORG", "club:real_madrid") in got
    assert ("برشلونة", "ORG", "club:barcelona") in got
    assert not any(n.startswith(("ل", "و")) for n, _, _ in got), got


@pytest.mark.parametrize("text,name,eid", [
    ("وأعلن حزب العدالة والتنمية الحاكم في تركيا مرشحه للانتخابات البلدية.",
     "حزب العدالة والتنمية", "party:akp"),
    ("وقال متحدث باسم الحزب الديمقراطي الأمريكي إن خصومه يعرقلون الموازنة.",
     "الحزب الديمقراطي", "party:us_democrats"),
    ("وأعلنت حركة حماس أنها سلمت ردها إلى الوسطاء.", "حماس", "org:hamas"),
    ("وقال الحرس الثوري الإيراني إنه أسقط طائرة مسيرة.", "الحرس الثوري", "armed:irgc"),
])
def test_party_or_movement_without_its_kind_word_or_nationality(text, name, eid):
    assert (name, "ORG", eid) in found(text)


@pytest.mark.parametrize("text,name,eid", [
    ("ورفع البنك المركزي الأوروبي أسعار الفائدة، وأبقى عليها وبنك إنجلترا.", "بنك إنجلترا", "bank:boe"),
    ("وأكد محافظ لمصرف لبنان أن الاحتياطي تراجع خلال العام.", "مصرف لبنان", "bank:bdl"),
    ("ورفع البنك المركزي الأوروبي أسعار الفائدة ربع نقطة.", "البنك المركزي الأوروبي", "bank:ecb"),
])
def test_bank_with_a_clitic(text, name, eid):
    got = found(text)
    assert (name, "ORG", eid) in got
    assert not any(t in _PLACES for _, t, _ in got), got


def test_club_word_and_nationality_stay_out_of_the_club_name():
    got = found("وتعاقد نادي النصر مع مدافع برشلونة الإسباني السابق.")
    assert ("النصر", "ORG", "club:al_nassr") in got
    assert ("برشلونة", "ORG", "club:barcelona") in got


def test_a_crf_run_over_two_names_is_split():
    got = found("وطالبت منظمة العفو الدولية وهيومن رايتس ووتش والهلال الأحمر الفلسطيني بتحقيق.")
    assert ("هيومن رايتس ووتش", "ORG", "org:hrw") in got
    assert ("الهلال الأحمر الفلسطيني", "ORG", "org:prcs") in got


@pytest.mark.parametrize("text", [
    "ونظمت الوزارة ورشة عمل حول الطاقة المتجددة.",  # "ورشة" is not Porsche
    "وثبتت رؤية الهلال مساء الأحد في عدة مدن.",  # the crescent moon, not a club
    "وتحقق النصر بعد معركة طويلة.",  # victory
])
def test_common_words_are_not_organisations(text):
    assert not [m for m in analyse(text).entities if m.entity_id and m.type == "ORG"]


def test_club_spellings_link_to_one_canonical_entity():
    a1 = analyse("فاز دينامو كييف على ضيفه بهدفين في الدوري الأوكراني.", "a")
    a2 = analyse("وقال مدرب سسكا موسكو إن فريقه خسر لدينامو كيف عن جدارة.", "b")
    d = link(dossier_of([a1, a2]))
    club = next(e for e in d.entities if e.id == "club:dynamo_kyiv")
    assert {ev.article for ev in club.mentions} == {a1.id, a2.id}
    assert club.label == "دينامو كييف" and club.type == "ORG"
    assert not any(e.id == "loc:kiev" for e in d.entities)
