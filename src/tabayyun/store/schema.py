"""The tables (SQLAlchemy Core), as of the latest migration.

Tables are created only by ``migrations.py``. Layers that are queried (mentions
by entity id, times, statements, frames, figures) are rows; the full per-article
layer set is also kept as JSON so an Article round-trips exactly.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean, Column, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text,
)

APP = "tabayyun"
META_TABLE = "tabayyun_meta"
MIGRATIONS_TABLE = "tabayyun_migrations"


def core_tables(md: MetaData) -> dict[str, Table]:
    """The tables of migration 001 (if a later migration changes one of them,
    freeze this version inside that migration's predecessor first)."""
    t = {}
    t["meta"] = Table(
        META_TABLE, md,
        Column("key", String(64), primary_key=True),
        Column("value", Text, nullable=False),
    )
    t["migrations"] = Table(
        MIGRATIONS_TABLE, md,
        Column("name", String(128), primary_key=True),
        Column("applied", String(32), nullable=False),
    )
    t["outlets"] = Table(
        "outlets", md,
        Column("name", String(300), primary_key=True),
        Column("first_seen", String(32), nullable=False),
    )
    t["stories"] = Table(
        "stories", md,
        Column("id", String(64), primary_key=True),
        Column("title", Text, nullable=False, default=""),
        Column("articles", Integer, nullable=False, default=0),
        Column("outlets", Text, nullable=False, default="[]"),  # JSON list of names
        Column("first_date", String(32)),
        Column("last_date", String(32)),
        Column("disputes", Integer, nullable=False, default=0),
        Column("conflicts", Integer, nullable=False, default=0),
        Column("contradictions", Integer, nullable=False, default=0),
        Column("updated", String(32), nullable=False),
        Column("dossier", Text),  # report.json of the Dossier, articles left out
    )
    t["articles"] = Table(
        "articles", md,
        Column("num", Integer, primary_key=True, autoincrement=True),  # the search index rowid
        Column("id", String(64), nullable=False, unique=True),  # content hash (Article.id)
        Column("outlet", String(300), ForeignKey("outlets.name")),
        Column("title", Text),
        Column("url", Text),
        Column("source", Text, nullable=False, default=""),
        Column("published", String(40)),  # Published.value as given
        Column("published_date", String(10), index=True),  # YYYY-MM-DD for range filters
        Column("language", String(16)),
        Column("chars", Integer, nullable=False, default=0),
        Column("text_hash", String(64), nullable=False),
        Column("raw_hash", String(64), nullable=False),
        Column("analyser", String(80), nullable=False),  # version of the per-article stages
        Column("added", String(32), nullable=False),
        Column("story", String(64), ForeignKey("stories.id"), index=True),
        Column("duplicate_of", String(64)),  # set by the story's dedupe stage
    )

    # the bulky columns live apart, so that listing and searching articles reads
    # small rows only
    t["bodies"] = Table(
        "bodies", md,
        Column("num", Integer, ForeignKey("articles.num", ondelete="CASCADE"), primary_key=True),
        Column("text", Text, nullable=False),  # cleaned body: every span points into it
        Column("raw", Text, nullable=False, default=""),
        Column("layers", Text, nullable=False),  # JSON: meta + per-article layers (no tokens)
    )

    def layer(name, *cols):
        return Table(
            name, md,
            Column("article", String(64), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
            Column("idx", Integer, primary_key=True),
            Column("start", Integer, nullable=False),
            Column("end", Integer, nullable=False),
            *cols,
        )

    # mentions carry the story-linked entity ids (the link stage's output)
    t["mentions"] = layer(
        "mentions",
        Column("type", String(8), nullable=False),
        Column("entity_id", String(200), index=True),
        Column("label", Text),
        Column("role_start", Integer),
        Column("role_end", Integer),
        Column("confidence", Float, nullable=False, default=1.0),
        Column("actor", String(200)),
    )
    t["times"] = layer(
        "times",
        Column("kind", String(16), nullable=False),
        Column("value", String(40)),
        Column("grain", String(16), nullable=False),
        Column("end_value", String(40)),
        Column("anchor", String(16), nullable=False),
        Column("confidence", Float, nullable=False, default=1.0),
    )
    t["statements"] = layer(
        "statements",
        Column("type", String(16), nullable=False),
        Column("polarity", String(8), nullable=False),
        Column("direct", Boolean, nullable=False),
        Column("speaker_start", Integer),
        Column("speaker_end", Integer),
        Column("speaker_id", String(200), index=True),
        Column("content_start", Integer, nullable=False),
        Column("content_end", Integer, nullable=False),
        Column("via", Text, nullable=False, default=""),  # agents, " / "-joined
    )
    t["frames"] = layer(
        "frames",
        Column("frame", String(64), nullable=False),
        Column("side", String(64), nullable=False),
        Column("voice", String(16), nullable=False),
        Column("statement", Integer),
    )
    t["entities"] = Table(
        "entities", md,
        Column("id", String(200), primary_key=True),
        Column("label", Text, nullable=False),
        Column("type", String(8), nullable=False),
        Column("data", Text, nullable=False),  # JSON Entity without mentions/outlets
    )
    t["figures"] = Table(
        "figures", md,
        Column("story", String(64), ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
        Column("idx", Integer, primary_key=True),
        Column("article", String(64), nullable=False, index=True),
        Column("outlet", String(300), nullable=False, index=True),
        Column("category", String(64), nullable=False),
        Column("value", Float),
        Column("claimant", String(200)),
        Column("data", Text, nullable=False),  # JSON Figure
    )
    Index("ix_articles_outlet_date", t["articles"].c.outlet, t["articles"].c.published_date)
    return t


def features_table(md: MetaData) -> Table:
    """Migration 003: the clustering view of each article, so that assigning new
    articles to stories does not re-read every stored article."""
    return Table(
        "cluster_features", md,
        Column("num", Integer, ForeignKey("articles.num", ondelete="CASCADE"), primary_key=True),
        Column("data", Text, nullable=False),  # JSON of compare.cluster_features.Features
    )


metadata = MetaData()
T = core_tables(metadata)
T["features"] = features_table(metadata)
meta, migrations, outlets, stories, articles = (
    T["meta"], T["migrations"], T["outlets"], T["stories"], T["articles"]
)
mentions, times, statements, frames, entities, figures = (
    T["mentions"], T["times"], T["statements"], T["frames"], T["entities"], T["figures"]
)
bodies, features = T["bodies"], T["features"]
LAYER_TABLES = (mentions, times, statements, frames)
