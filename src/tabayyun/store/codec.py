"""Article <-> rows. The per-article layers are kept as JSON (tokens left out:
they are rebuilt from the text by the same tokeniser, which is deterministic),
and the queried layers are also written as rows."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from functools import lru_cache
from importlib import resources

from ..arabic.segment import tokenise
from ..model import Article, Dossier, Entity, Figure, Mention, Span
from ..report.json import to_json

_EXCLUDE = {"text", "raw", "tokens"}


@lru_cache(maxsize=1)
def _article_adapter():
    from pydantic import TypeAdapter

    return TypeAdapter(Article)


@lru_cache(maxsize=4)
def _adapter(cls):
    from pydantic import TypeAdapter

    return TypeAdapter(cls)


@lru_cache(maxsize=1)
def analyser_version() -> str:
    """The version of the per-article analysis: package version + stage names +
    a hash of the shipped models, so a retrained model counts as an upgrade."""
    from .. import __version__
    from ..extract import default_stages

    h = hashlib.sha1()
    h.update(",".join(s.name for s in default_stages()).encode())
    models = resources.files("tabayyun").joinpath("models")
    for path in sorted(_walk(models), key=lambda p: str(p)):
        h.update(str(path.name).encode())
        h.update(path.read_bytes())
    return f"{__version__}+{h.hexdigest()[:12]}"


def _walk(root):
    for p in root.iterdir():
        if p.is_dir():
            yield from _walk(p)
        elif not p.name.endswith((".md", ".pyc")):
            yield p


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def dump_layers(a: Article) -> str:
    data = json.loads(_article_adapter().dump_json(a, exclude=_EXCLUDE))
    data["n_tokens"] = len(a.tokens)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def load_article(text: str, raw: str, layers: str) -> Article:
    data = json.loads(layers)
    n = data.pop("n_tokens", 0)
    a = _article_adapter().validate_python({**data, "text": text, "raw": raw})
    if n:
        a = replace(a, tokens=tokenise(text))
    return a


def published_date(a: Article) -> str | None:
    v = a.meta.published.value
    return v[:10] if v and len(v) >= 10 and v[4] == "-" else (v[:7] if v and len(v) >= 7 else v)


def article_row(a: Article, analyser: str, added: str) -> dict:
    m = a.meta
    return {
        "id": a.id, "outlet": m.outlet, "title": m.title, "url": m.url, "source": m.source,
        "published": m.published.value, "published_date": published_date(a),
        "language": m.language, "chars": len(a.text), "text_hash": sha(a.text),
        "raw_hash": sha(a.raw), "analyser": analyser, "added": added, "duplicate_of": a.duplicate_of,
    }


def body_row(a: Article, num: int) -> dict:
    return {"num": num, "text": a.text, "raw": a.raw, "layers": dump_layers(a)}


def features_row(a: Article, num: int) -> dict:
    """The clustering view of the article, kept so that seeding the story
    clusterer does not need every stored article read back."""
    from ..compare.cluster_features import features

    f = features(a)
    data = {"id": f.id, "terms": dict(f.terms), "entities": sorted(f.entities), "day": f.day,
            "figures": sorted([c, v] for c, v in f.figures), "outlet": f.outlet,
            "duplicate_of": f.duplicate_of, "places": sorted(f.places)}
    return {"num": num, "data": json.dumps(data, ensure_ascii=False, separators=(",", ":"))}


def load_features(text: str):
    from collections import Counter

    from ..compare.cluster_features import Features

    d = json.loads(text)
    return Features(d["id"], Counter(d["terms"]), frozenset(d["entities"]), d["day"],
                    frozenset((c, v) for c, v in d["figures"]), d["outlet"], d["duplicate_of"],
                    frozenset(d.get("places", ())))  # rows written before places existed: none


def mention_rows(a: Article) -> list[dict]:
    return [
        {"article": a.id, "idx": i, "start": m.start, "end": m.end, "type": m.type,
         "entity_id": m.entity_id, "label": m.label,
         "role_start": m.role.start if m.role else None, "role_end": m.role.end if m.role else None,
         "confidence": m.confidence, "actor": m.actor}
        for i, m in enumerate(a.entities)
    ]


def mention_from_row(r) -> Mention:
    role = Span(r.role_start, r.role_end) if r.role_start is not None else None
    return Mention(r.start, r.end, r.type, r.entity_id, r.label, role, r.confidence, r.actor)


def layer_rows(a: Article) -> dict[str, list[dict]]:
    """Rows of every queried layer except mentions (written per story, linked)."""
    times = [
        {"article": a.id, "idx": i, "start": t.start, "end": t.end, "kind": t.kind, "value": t.value,
         "grain": t.grain, "end_value": t.end_value, "anchor": t.anchor, "confidence": t.confidence}
        for i, t in enumerate(a.times)
    ]
    statements = [
        {"article": a.id, "idx": i, "start": s.start, "end": s.end, "type": s.type,
         "polarity": s.polarity, "direct": s.direct,
         "speaker_start": s.speaker.start if s.speaker else None,
         "speaker_end": s.speaker.end if s.speaker else None, "speaker_id": s.speaker_id,
         "content_start": s.content.start, "content_end": s.content.end,
         "via": " / ".join(v.agent for v in s.via)}
        for i, s in enumerate(a.statements)
    ]
    frames = [
        {"article": a.id, "idx": i, "start": f.start, "end": f.end, "frame": f.frame,
         "side": f.side, "voice": f.voice, "statement": f.statement}
        for i, f in enumerate(a.frames)
    ]
    return {"times": times, "statements": statements, "frames": frames}


def dump_dossier(d: Dossier) -> str:
    """The stored dossier: report.json with the articles left out (they live in
    the articles table and are put back by ``Store.story``)."""
    return to_json(replace(d, articles=()), indent=None)


def load_dossier(text: str) -> Dossier:
    from ..report.json import from_json

    return from_json(text)


def dump_entity(e: Entity) -> str:
    e = replace(e, mentions=(), outlets=())
    return _adapter(Entity).dump_json(e).decode("utf-8")


def load_entity(text: str) -> Entity:
    return _adapter(Entity).validate_json(text)


def dump_figure(f: Figure) -> str:
    return _adapter(Figure).dump_json(f).decode("utf-8")


def load_figure(text: str) -> Figure:
    return _adapter(Figure).validate_json(text)
