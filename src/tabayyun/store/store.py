"""``Store``: articles, layers, stories and their dossiers in SQLite or PostgreSQL.

Reads are here; writes (add, re-analyse, rebuilding dossiers) are in ``write.py``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from sqlalchemy import Connection, func, select

from ..model import Article, Dossier, Entity, Figure
from ..settings import Settings
from . import codec, export, query
from . import schema as S
from .engine import connect
from .errors import StoreError, StoreMessages as M
from .views import AddResult, EntityView, OutletRow, OutletView, Page, StoryRow

log = logging.getLogger(__name__)


class Store:
    """Open with :meth:`open`; close with :meth:`close` (or use ``with``)."""

    def __init__(self, engine, url: str, read_only: bool):
        self.engine = engine
        self.url = url
        self.read_only = read_only
        self.path: Path | None = None

    @classmethod
    def open(cls, url: str | Path | None = None, *, read_only: bool = False) -> Store:
        """None -> the default file in the user data dir; a path -> SQLite file;
        "postgresql://…" -> PostgreSQL. Applies pending migrations in one
        transaction; refuses a database that is not ours."""
        engine, shown = connect(url, read_only)
        store = cls(engine, shown, read_only)
        store.path = None if "://" in shown else Path(shown)  # the SQLite file, if one
        return store

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url!r}{', read_only=True' if self.read_only else ''})"

    # ------------------------------------------------------------ writes

    def writable(self, action: str) -> None:
        if self.read_only:
            raise StoreError(M.READ_ONLY.format(action=action))

    def add(self, inputs: Iterable, settings: Settings | None = None, progress=None) -> AddResult:
        """Ingest and analyse new articles, assign them to stories, rebuild the
        dossiers of the stories touched (only those)."""
        from .write import add

        self.writable("add articles")
        return add(self, inputs, settings or Settings(), progress)

    def reanalyse(self, settings: Settings | None = None) -> AddResult:
        """Analyse again every article stored by an older analyser version,
        replacing its layers, and rebuild the stories concerned."""
        from .write import reanalyse

        self.writable("re-analyse")
        return reanalyse(self, settings or Settings())

    # ------------------------------------------------------------ reads

    def _articles(self, conn: Connection, ids: list[str] | None = None, story: str | None = None) -> list[Article]:
        """Stored articles with the story-linked entities, in insertion order."""
        a, b = S.articles, S.bodies
        q = (select(a.c.id, b.c.text, b.c.raw, b.c.layers, a.c.duplicate_of)
             .join(b, b.c.num == a.c.num).order_by(a.c.num))
        if ids is not None:
            q = q.where(a.c.id.in_(ids))
        if story is not None:
            q = q.where(a.c.story == story)
        rows = conn.execute(q).all()
        if not rows:
            return []
        mq = select(S.mentions).order_by(S.mentions.c.article, S.mentions.c.idx)
        mq = mq.where(S.mentions.c.article.in_([r.id for r in rows]))
        linked: dict[str, list] = {}
        for m in conn.execute(mq):
            linked.setdefault(m.article, []).append(codec.mention_from_row(m))
        out = []
        for r in rows:
            art = codec.load_article(r.text, r.raw, r.layers)
            out.append(replace(art, entities=tuple(linked.get(r.id, ())), duplicate_of=r.duplicate_of))
        return out

    def article(self, article_id: str) -> Article | None:
        with self.engine.connect() as conn:
            found = self._articles(conn, ids=[article_id])
        return found[0] if found else None

    def article_story(self, article_id: str) -> str | None:
        with self.engine.connect() as conn:
            return conn.execute(select(S.articles.c.story).where(S.articles.c.id == article_id)).scalar()

    def story(self, story_id: str) -> Dossier | None:
        """The stored dossier with its articles (every layer)."""
        with self.engine.connect() as conn:
            text = conn.execute(select(S.stories.c.dossier).where(S.stories.c.id == story_id)).scalar()
            if text is None:
                return None
            arts = {a.id: a for a in self._articles(conn, story=story_id)}
        d = codec.load_dossier(text)
        order = [s.article for s in d.sources if s.article in arts]
        order += [i for i in arts if i not in set(order)]
        return replace(d, articles=tuple(arts[i] for i in order))

    def stories(self, limit: int = 50, offset: int = 0) -> Page:
        s = S.stories
        with self.engine.connect() as conn:
            total = conn.execute(select(func.count()).select_from(s)).scalar_one()
            q = (select(s)
                 .order_by(s.c.last_date.desc().nulls_last(), s.c.updated.desc(), s.c.id)
                 .limit(limit).offset(offset))
            items = tuple(_story_row(r) for r in conn.execute(q))
        return Page(items, total, limit, offset)

    def entity(self, entity_id: str) -> EntityView | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(S.entities.c.data).where(S.entities.c.id == entity_id)).scalar()
            q = (select(S.mentions, S.articles.c.story)
                 .join(S.articles, S.articles.c.id == S.mentions.c.article)
                 .where(S.mentions.c.entity_id == entity_id)
                 .order_by(S.articles.c.num, S.mentions.c.idx))
            rows = conn.execute(q).all()
        if row is None and not rows:
            return None
        if row is not None:
            ent = codec.load_entity(row)
        else:
            ent = Entity(entity_id, rows[0].label or entity_id, rows[0].type)
        stories = tuple(dict.fromkeys(r.story for r in rows if r.story))
        return EntityView(ent, tuple((r.article, codec.mention_from_row(r)) for r in rows), stories)

    def outlets(self) -> list[OutletRow]:
        a = S.articles
        q = (select(a.c.outlet, func.count()).where(a.c.outlet.is_not(None))
             .group_by(a.c.outlet).order_by(func.count().desc(), a.c.outlet))
        with self.engine.connect() as conn:
            return [OutletRow(name, n) for name, n in conn.execute(q)]

    def outlet(self, name: str) -> OutletView | None:
        a = S.articles
        with self.engine.connect() as conn:
            rows = conn.execute(select(a.c.id, a.c.story).where(a.c.outlet == name).order_by(a.c.num)).all()
            if not rows:
                return None
            story_ids = sorted({r.story for r in rows if r.story})
            dossiers = conn.execute(select(S.stories.c.dossier).where(S.stories.c.id.in_(story_ids))).scalars().all()
            figs = conn.execute(select(S.figures.c.data).where(S.figures.c.outlet == name)
                                .order_by(S.figures.c.story, S.figures.c.idx)).scalars().all()
        framing = []
        for text in dossiers:
            if text:
                framing += [f for f in codec.load_dossier(text).framing if f.outlet == name]
        return OutletView(name, tuple(r.id for r in rows), tuple(framing),
                          tuple(codec.load_figure(f) for f in figs))

    def figures(self, story_id: str) -> list[Figure]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(S.figures.c.data).where(S.figures.c.story == story_id)
                                .order_by(S.figures.c.idx)).scalars().all()
        return [codec.load_figure(r) for r in rows]

    def search(self, q: str = "", *, outlet=None, date_from=None, date_to=None, entity=None,
               story=None, limit: int = 20, offset: int = 0) -> Page:
        """Arabic-aware full-text search with filters; hits newest first, each
        with a snippet and the match's offsets in the article text."""
        with self.engine.connect() as conn:
            return query.search(conn, q, outlet=outlet, date_from=date_from, date_to=date_to,
                                entity=entity, story=story, limit=limit, offset=offset)

    def export_figures_csv(self, story_id: str) -> str:
        d = self.story(story_id)
        if d is None:
            raise StoreError(M.NO_STORY.format(story=story_id))
        return export.figures_csv(d)

    def export_statements_csv(self, story_id: str) -> str:
        d = self.story(story_id)
        if d is None:
            raise StoreError(M.NO_STORY.format(story=story_id))
        return export.statements_csv(d)

    def counts(self) -> dict:
        tables = {
            "articles": S.articles, "stories": S.stories, "outlets": S.outlets, "entities": S.entities,
            "mentions": S.mentions, "times": S.times, "statements": S.statements,
            "frames": S.frames, "figures": S.figures, "features": S.features,
        }
        with self.engine.connect() as conn:
            out = {k: conn.execute(select(func.count()).select_from(t)).scalar_one() for k, t in tables.items()}
            out["indexed"] = query.indexed(conn)
        return out

    def schema_version(self) -> int:
        with self.engine.connect() as conn:
            from .migrations import current_version

            return current_version(conn) or 0


def _story_row(r) -> StoryRow:
    return StoryRow(r.id, r.title, r.articles, tuple(json.loads(r.outlets or "[]")), r.first_date,
                    r.last_date, r.disputes, r.conflicts, r.contradictions, r.updated)
