"""The founding example: five real Arabic reports, no metadata."""

from tabayyun.model import LAYERS, Span


def test_five_articles(seed_dossier):
    assert len(seed_dossier.sources) == 5 and not seed_dossier.skipped
    assert all(s.language == "ar" for s in seed_dossier.sources)
    assert all(s.duplicate_of is None for s in seed_dossier.sources)


def test_xeber24_byline_gives_author_and_outlet(seed_dossier):
    s = next(s for s in seed_dossier.sources if s.outlet)
    assert (s.outlet, s.outlet_how, s.author) == ("xeber24.net", "byline-domain", "كاجين أحمد")
    assert not seed_dossier.articles[1].text.startswith("كاجين")


def test_trailing_boilerplate_removed(seed_dossier):
    a = next(a for a in seed_dossier.articles if a.meta.source.endswith("004_b2d432f4c5225c23.txt"))
    assert a.text.endswith("خلال العملية العسكرية.")
    assert [r.text for r in a.meta.removed] == ["شاركها.", "اترك تعليقاً", "Exit mobile version"]


def _spans(rec):
    yield rec
    for v in vars(rec).values() if hasattr(rec, "__dict__") else (getattr(rec, f) for f in rec.__slots__):
        if isinstance(v, Span):
            yield v
        elif isinstance(v, tuple):
            yield from (x for x in v if hasattr(x, "start") and hasattr(x, "end"))


def test_every_layer_offset_is_valid(seed_dossier):
    checked = 0
    for a in seed_dossier.articles:
        for layer in LAYERS:
            for rec in getattr(a, layer):
                for sp in _spans(rec):
                    assert 0 <= sp.start <= sp.end <= len(a.text), (layer, rec)
                    checked += 1
                if layer in ("sentences", "tokens", "quotes"):
                    assert a.text[rec.start : rec.end].strip() == a.text[rec.start : rec.end]
    assert checked > 2500
