"""Gazetteer, demonyms, particles and surnames."""

from __future__ import annotations

import pytest

from tabayyun.arabic.normalise import normalise
from tabayyun.extract.ner_lexicon import key, lexicon, strip_particles, surname


@pytest.mark.parametrize("alias,cid", [
    ("كاراباخ", "loc:karabakh"), ("قره باغ", "loc:karabakh"), ("قرة باغ", "loc:karabakh"),
    ("ناجورنو كاراباخ", "loc:karabakh"), ("ناغورني قره باغ", "loc:karabakh"),
    ("لأذربيجان", "gpe:AZ"), ("وباكو", "loc:baku"), ("الكرملين", "loc:kremlin"),
    ("وكالة الأناضول", "org:agency:anadolu"), ("مجلس الأمن الدولي", "org:unsc"),
])
def test_aliases_resolve(alias, cid):
    lex = lexicon()
    assert lex.alias.get(normalise(alias)) == cid or lex.alias.get(key(alias)) == cid


def test_every_country_has_an_arabic_and_english_label():
    lex = lexicon()
    countries = [c for c in lex.canon.values() if c.id.startswith("gpe:")]
    assert len(countries) > 200 and all(c.label and c.label_en for c in countries)


def test_capitals_know_their_state():
    lex = lexicon()
    assert lex.canon["loc:baku"].state == "gpe:AZ" and lex.canon["loc:baku"].kind == "capital"
    assert lex.canon["loc:yerevan"].state == "gpe:AM"


@pytest.mark.parametrize("word,stem", [
    ("الأذربيجانية", "اذربيجاني"), ("الأذري", "اذري"), ("الأرمينيين", "ارميني"),
    ("الروسية", "روسي"), ("الأمريكي", "امريكي"), ("باكو", None),
])
def test_demonym_forms(word, stem):
    assert lexicon().demonym_of(normalise(word)) == stem


@pytest.mark.parametrize("word,want", [
    ("وباكو", "باكو"), ("لأذربيجان", "اذربيجان"), ("للأمم", "الامم"), ("الحسين", "الحسين"),
    ("والانفصاليين", "الانفصاليين"),
])
def test_particles_go_the_article_stays(word, want):
    assert strip_particles(normalise(word)) == want


@pytest.mark.parametrize("name,last", [
    ("إلهام علييف", "علييف"), ("علي عبد الله صالح", None), ("محمد بن سلمان", None),
    ("عبد الله", None), ("باشينيان", None),
])
def test_surname(name, last):
    assert surname(normalise(name).split()) == (normalise(last) if last else None)
