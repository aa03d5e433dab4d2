"""Plain records the store returns (read models for the CLI, web pages and API).

Not part of the document model: they describe rows of the store, not analysis."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Entity, Figure, FramingUse, Mention, Skipped

_rec = dataclass(frozen=True, slots=True)


@_rec
class Page:
    items: tuple
    total: int
    limit: int
    offset: int


@_rec
class StoryRow:
    id: str
    title: str
    articles: int
    outlets: tuple[str, ...]
    first_date: str | None
    last_date: str | None
    disputes: int
    conflicts: int
    contradictions: int
    updated: str


@_rec
class Hit:
    article: str
    title: str | None
    outlet: str | None
    date: str | None
    story: str | None
    snippet: str  # a window of the original text around the match
    start: int  # the match, as offsets into Article.text
    end: int
    score: float
    snippet_start: int = 0  # offset of the snippet's first character in Article.text


@_rec
class EntityView:
    entity: Entity
    mentions: tuple[tuple[str, Mention], ...]  # (article id, mention)
    stories: tuple[str, ...]


@_rec
class OutletRow:
    name: str
    articles: int


@_rec
class OutletView:
    name: str
    articles: tuple[str, ...]
    framing: tuple[FramingUse, ...]
    figures: tuple[Figure, ...]


@_rec
class AddResult:
    added: tuple[str, ...] = ()  # new article ids
    duplicates: int = 0  # inputs whose article was already stored (or repeated in the batch)
    skipped: tuple[Skipped, ...] = ()
    stories: tuple[str, ...] = ()  # stories whose dossier was rebuilt
    inputs: int = 0  # = len(added) + duplicates + reanalysed + len(skipped)
    reanalysed: tuple[str, ...] = ()  # stored articles analysed again by a newer analyser
    notes: tuple[str, ...] = field(default=())
