"""Writing to the store: add (ingest -> per-article stages -> stories -> dossiers),
re-analyse after an analyser upgrade, and rebuilding the touched dossiers only.

Everything is computed first, then written in ONE transaction, so a failure
leaves the store as it was. Per-article stages run only on new (or stale)
articles; stored ones are read back with their layers and only the cross-article
stages run again, on the stories that changed.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from sqlalchemy import Connection, delete, select, update

from ..api import _run_article, default_pipeline, ingest
from ..model import Article, Dossier
from ..settings import Settings
from . import codec
from . import schema as S
from .migrations import now, write_index
from .views import AddResult

log = logging.getLogger(__name__)
_CHUNK = 500


def _bare(a: Article) -> Article:
    """The article before any stage ran (text, meta, raw, source map)."""
    return Article(a.id, a.text, a.meta, a.raw, a.source_map)


def _chunks(seq: list, n: int = _CHUNK):
    for i in range(0, len(seq), n):
        yield seq[i : i + n]


def _known(conn: Connection, ids: list[str]) -> dict[str, str]:
    out = {}
    for part in _chunks(ids):
        q = select(S.articles.c.id, S.articles.c.analyser).where(S.articles.c.id.in_(part))
        out.update(dict(conn.execute(q).all()))
    return out


def _stored(conn: Connection, where) -> list[tuple[Article, str | None]]:
    """Stored articles with their per-article layers (not story-linked), and story."""
    a, b = S.articles, S.bodies
    q = (select(a.c.id, b.c.text, b.c.raw, b.c.layers, a.c.story)
         .join(b, b.c.num == a.c.num).where(where).order_by(a.c.num))
    return [(codec.load_article(r.text, r.raw, r.layers), r.story) for r in conn.execute(q)]


def _seed(clusterer, conn: Connection) -> dict[str, str]:
    """Load every stored article's clustering view into the clusterer, in the
    order they were added; returns article id -> story."""
    place = clusterer.seed_features
    a, f = S.articles, S.features
    story_of = {}
    q = select(a.c.id, a.c.story, f.c.data).join(f, f.c.num == a.c.num).order_by(a.c.num)
    for aid, sid, data in conn.execute(q):
        if sid:
            place(codec.load_features(data), sid)
            story_of[aid] = sid
    return story_of


def add(store, inputs: Iterable, settings: Settings, progress=None) -> AddResult:
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    articles, skipped, _also, count = ingest(inputs, settings)
    version = codec.analyser_version()
    with store.engine.connect() as conn:
        known = _known(conn, [a.id for a in articles])
    new = [a for a in articles if a.id not in known]
    stale_ids = [a.id for a in articles if a.id in known and known[a.id] != version]
    duplicates = count - len(skipped) - len(new) - len(stale_ids)
    pipeline = default_pipeline(settings)
    notes: list[str] = []
    done = []
    for i, a in enumerate(new, 1):
        done.append(_run_article(pipeline, a, notes))
        if progress:
            progress(i, len(new))
    result = _commit(store, done, stale_ids, settings, pipeline, notes)
    return replace(result, duplicates=duplicates, skipped=tuple(skipped), inputs=count)


def reanalyse(store, settings: Settings) -> AddResult:
    version = codec.analyser_version()
    with store.engine.connect() as conn:
        ids = conn.execute(select(S.articles.c.id).where(S.articles.c.analyser != version)
                           .order_by(S.articles.c.num)).scalars().all()
    pipeline = default_pipeline(settings)
    result = _commit(store, [], list(ids), settings, pipeline, [])
    return replace(result, inputs=len(ids))


def _commit(store, new: list[Article], stale_ids: list[str], settings, pipeline, notes) -> AddResult:
    from ..compare.cluster import StoryClusterer

    version = codec.analyser_version()
    stamp = now()
    clusterer = StoryClusterer(settings)
    with store.engine.connect() as conn:
        story_of = _seed(clusterer, conn)  # stored articles keep their stories
        redone = {}
        for part in _chunks(stale_ids):
            for a, _ in _stored(conn, S.articles.c.id.in_(part)):
                redone[a.id] = _run_article(pipeline, _bare(a), notes)
        for a in new:  # new articles join a story or open one
            story_of[a.id] = clusterer.add(a)
        touched = sorted({story_of[a.id] for a in new} | {story_of[i] for i in redone if i in story_of})
        members: dict[str, list[Article]] = {s: [] for s in touched}
        for part in _chunks(touched):
            for a, sid in _stored(conn, S.articles.c.story.in_(part)):
                members[sid].append(_strip_corpus(redone.get(a.id, a)))
    for a in new:
        members[story_of[a.id]].append(a)
    # only the cross-article stages run again, on the stories that changed
    dossiers = {
        sid: pipeline.run_corpus(Dossier(articles=tuple(arts), inputs=len(arts)))
        for sid, arts in members.items()
    }

    with store.engine.begin() as conn:
        _write_outlets(conn, [a.meta.outlet for a in new], stamp)
        for sid in touched:
            _ensure_story(conn, sid, stamp)
        for a in new:
            row = codec.article_row(a, version, stamp)
            row["story"] = story_of[a.id]
            num = conn.execute(S.articles.insert().values(**row).returning(S.articles.c.num)).scalar_one()
            conn.execute(S.bodies.insert().values(**codec.body_row(a, num)))
            conn.execute(S.features.insert().values(**codec.features_row(a, num)))
            write_index(conn, num, a.text)
        for aid, a in redone.items():
            row = codec.article_row(a, version, stamp)
            for k in ("id", "added", "source", "duplicate_of"):
                row.pop(k)
            num = conn.execute(update(S.articles).where(S.articles.c.id == aid).values(**row)
                               .returning(S.articles.c.num)).scalar_one()
            body = codec.body_row(a, num)
            conn.execute(update(S.bodies).where(S.bodies.c.num == num).values(layers=body["layers"]))
            feats = codec.features_row(a, num)
            conn.execute(update(S.features).where(S.features.c.num == num).values(data=feats["data"]))
        changed = [a.id for a in new] + list(redone)
        _replace_layers(conn, changed, [*new, *redone.values()])
        for sid, d in dossiers.items():
            _write_story(conn, sid, d, stamp)
    return AddResult(
        added=tuple(a.id for a in new), stories=tuple(touched), reanalysed=tuple(redone), notes=tuple(notes)
    )


def _strip_corpus(a: Article) -> Article:
    # the corpus stages set duplicate_of and link entities themselves
    return replace(a, duplicate_of=None)


def _write_outlets(conn: Connection, names: list[str | None], stamp: str) -> None:
    names = sorted({n for n in names if n})
    have = set()
    for part in _chunks(names):
        have |= set(conn.execute(select(S.outlets.c.name).where(S.outlets.c.name.in_(part))).scalars())
    rows = [{"name": n, "first_seen": stamp} for n in names if n not in have]
    if rows:
        conn.execute(S.outlets.insert(), rows)


def _ensure_story(conn: Connection, sid: str, stamp: str) -> None:
    if conn.execute(select(S.stories.c.id).where(S.stories.c.id == sid)).first() is None:
        conn.execute(S.stories.insert().values(id=sid, title="", articles=0, outlets="[]", updated=stamp,
                                               disputes=0, conflicts=0, contradictions=0))


def _replace_layers(conn: Connection, ids: list[str], arts: list[Article]) -> None:
    for part in _chunks(ids):
        for t in (S.times, S.statements, S.frames):
            conn.execute(delete(t).where(t.c.article.in_(part)))
    rows: dict[str, list] = {"times": [], "statements": [], "frames": []}
    for a in arts:
        for k, v in codec.layer_rows(a).items():
            rows[k] += v
    for name, table in (("times", S.times), ("statements", S.statements), ("frames", S.frames)):
        if rows[name]:
            conn.execute(table.insert(), rows[name])


def _title(d: Dossier) -> str:
    for s in d.sources:
        if s.title:
            return s.title
    for a in d.articles:
        line = a.text.strip().split("\n", 1)[0]
        if line:
            return line[:120]
    return ""


def _write_story(conn: Connection, sid: str, d: Dossier, stamp: str) -> None:
    ids = [a.id for a in d.articles]
    dates = sorted(v for v in (codec.published_date(a) for a in d.articles) if v)
    outlets = list(dict.fromkeys(a.meta.outlet for a in d.articles if a.meta.outlet))
    conn.execute(update(S.stories).where(S.stories.c.id == sid).values(
        title=_title(d), articles=len(ids), outlets=json.dumps(outlets, ensure_ascii=False),
        first_date=dates[0] if dates else None, last_date=dates[-1] if dates else None,
        disputes=len(d.disputes), conflicts=len(d.attribution_conflicts),
        contradictions=len(d.contradictions), updated=stamp, dossier=codec.dump_dossier(d),
    ))
    # story-linked mentions and dedupe results replace the previous ones
    for part in _chunks(ids):
        conn.execute(delete(S.mentions).where(S.mentions.c.article.in_(part)))
    mrows = [r for a in d.articles for r in codec.mention_rows(a)]
    if mrows:
        conn.execute(S.mentions.insert(), mrows)
    for a in d.articles:
        conn.execute(update(S.articles).where(S.articles.c.id == a.id).values(duplicate_of=a.duplicate_of))
    conn.execute(delete(S.figures).where(S.figures.c.story == sid))
    frows = [
        {"story": sid, "idx": i, "article": f.article, "outlet": f.outlet, "category": f.category,
         "value": f.value, "claimant": f.claimant, "data": codec.dump_figure(f)}
        for i, f in enumerate(d.figures)
    ]
    if frows:
        conn.execute(S.figures.insert(), frows)
    for e in d.entities:
        data = codec.dump_entity(e)
        res = conn.execute(update(S.entities).where(S.entities.c.id == e.id)
                           .values(label=e.label, type=e.type, data=data))
        if res.rowcount == 0:
            conn.execute(S.entities.insert().values(id=e.id, label=e.label, type=e.type, data=data))
