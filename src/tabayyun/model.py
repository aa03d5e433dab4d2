"""The document model: every record tabayyun produces, in one place.

Every extracted thing is a span: ``start``/``end`` are character offsets into
``Article.text`` (the cleaned body, whose characters are never rewritten), so
``article.text[start:end]`` always recovers it. Normalised forms are kept only
for matching, never for display.

Records are frozen, slotted dataclasses: cheap to build on the hot path,
hashable, and serialised through pydantic at the JSON boundary (report/json.py),
which also publishes the JSON Schema.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal, NamedTuple

SCHEMA_VERSION = "0.1.0"

_rec = dataclass(frozen=True, slots=True)

# ---------------------------------------------------------------- primitives

Grain = Literal["year", "month", "week", "day", "part_of_day", "hour", "minute", "unknown"]
HowKnown = Literal["metadata", "dateline", "text", "inferred", "none"]


@_rec
class Span:
    """A region of ``Article.text``: ``[start, end)``."""

    start: int
    end: int


@_rec
class Published:
    """When an article was published, and how we know."""

    value: str | None = None  # ISO 8601 date or datetime
    grain: Grain = "unknown"
    how: HowKnown = "none"
    confidence: float = 0.0
    evidence: Span | None = None  # where in the text it was read, if from the text


@_rec
class Removed:
    """A piece of the raw input that cleaning dropped, with why (nothing is lost)."""

    start: int  # offsets into Article.raw
    end: int
    reason: str  # "boilerplate", "byline", "repeated-line", "dateline", …
    text: str


@_rec
class Meta:
    source: str = ""  # path, "<stdin>", "file.jsonl:12", a feed entry id …
    outlet: str | None = None  # display name or domain of the outlet that published it
    outlet_how: str | None = None  # "metadata", "byline-domain", "dateline", "url"
    url: str | None = None
    title: str | None = None
    author: str | None = None
    language: str | None = None  # ISO 639-1, e.g. "ar"
    language_score: float = 0.0
    published: Published = field(default_factory=Published)
    removed: tuple[Removed, ...] = ()
    external_id: str | None = None  # an id the input carried (JSONL "id")
    encoding: str | None = None


# ---------------------------------------------------------------- annotation layers


@_rec
class Sentence:
    start: int
    end: int
    heading: bool = False  # a line without final punctuation that stands alone
    time: int | None = None  # index into Article.times of the sentence's event date


class Token(NamedTuple):
    """A NamedTuple, not a dataclass: ~600 are built per article, and a tuple is
    built 2-3x faster than a frozen dataclass. Immutable all the same."""

    start: int
    end: int
    norm: str  # normalised form for matching (see arabic.normalise)
    kind: Literal["word", "number", "punct", "latin", "other"] = "word"


@_rec
class Quote:
    """Text inside quotation marks; ``start``/``end`` exclude the marks."""

    start: int
    end: int
    open_mark: str
    close_mark: str | None  # None when the quote never closes (runs to paragraph end)


EntityType = Literal["PER", "ORG", "LOC", "GPE", "NORP", "FAC", "EVENT", "MISC"]


@_rec
class Mention:
    start: int
    end: int
    type: EntityType
    entity_id: str | None = None  # canonical id shared across articles and spellings
    label: str | None = None  # canonical display label
    role: Span | None = None  # "وزير الخارجية الأمريكي" before a name
    confidence: float = 1.0
    actor: str | None = None  # metonymy: the state a capital/seat used as an actor stands for


TimeKind = Literal["date", "time", "datetime", "duration", "interval", "set"]
Anchor = Literal["absolute", "publication", "previous", "nearest", "none"]


@_rec
class TimeExpr:
    start: int
    end: int
    kind: TimeKind
    value: str | None  # ISO date/datetime, or ISO 8601 duration ("P44D") for durations
    grain: Grain = "day"
    end_value: str | None = None  # for intervals
    anchor: Anchor = "absolute"
    confidence: float = 1.0


Qualifier = Literal["exact", "at_least", "more_than", "about", "at_most", "less_than", "up_to"]


@_rec
class Quantity:
    start: int
    end: int
    value: float | None  # None for purely vague amounts ("العشرات")
    low: float | None = None  # range or vague class bounds
    high: float | None = None
    vague: str | None = None  # "dozens", "hundreds", "thousands", …
    qualifier: Qualifier = "exact"
    unit: str | None = None  # "person", "tonne", "truck", "USD", "day", …
    category: str = "other"  # killed, wounded, displaced, detained, aid, money, …
    counted: Span | None = None  # the thing counted ("جنديًا أرمينيًا")
    subset: Span | None = None  # "بينهم مدنيان"
    scope: Span | None = None  # time scope ("خلال يوم واحد")
    time: int | None = None  # index into Article.times of the scope, if resolved
    statement: int | None = None  # index into Article.statements whose content holds it


StatementType = Literal[
    "claim", "denial", "call", "condemnation", "support", "announcement", "accusation"
]


@_rec
class Via:
    """One link of a reporting chain: 'حسب رويترز', 'نقلت وكالة … عن'."""

    start: int
    end: int
    agent: str  # the agency / outlet as written, or its canonical label
    entity_id: str | None = None


@_rec
class Statement:
    start: int  # the whole attributed unit
    end: int
    cue: Span
    content: Span
    speaker: Span | None = None  # None: speaker not findable (never invented)
    speaker_id: str | None = None
    direct: bool = False
    type: StatementType = "claim"
    polarity: Literal["positive", "negative"] = "positive"
    via: tuple[Via, ...] = ()
    time: int | None = None  # index into Article.times
    responds_to: tuple[int, ...] = ()  # statements this one answers (a denial's target)


Voice = Literal["outlet", "quoted", "attributed"]


@_rec
class FrameTerm:
    start: int
    end: int
    frame: str  # "operation", "territory", "actor", …
    side: str  # "counter-terrorism", "aggression", "ethnic-cleansing", "liberation", …
    voice: Voice = "outlet"
    statement: int | None = None


# ---------------------------------------------------------------- the article


@_rec
class Article:
    id: str  # content hash of the normalised body: re-ingesting is a no-op
    text: str  # cleaned body; every span points into it
    meta: Meta = field(default_factory=Meta)
    raw: str = ""  # the decoded input before cleaning (Meta.removed points into it)
    source_map: tuple[tuple[int, int, int], ...] = ()  # (text_start, raw_start, length)
    sentences: tuple[Sentence, ...] = ()
    tokens: tuple[Token, ...] = ()
    quotes: tuple[Quote, ...] = ()
    entities: tuple[Mention, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    statements: tuple[Statement, ...] = ()
    frames: tuple[FrameTerm, ...] = ()
    duplicate_of: str | None = None  # id of the article this one copies (near-duplicate)

    def span_text(self, span: Span | Sentence | Token | Mention) -> str:
        return self.text[span.start : span.end]

    def with_layers(self, **layers) -> Article:
        return replace(self, **layers)


LAYERS = ("sentences", "tokens", "quotes", "entities", "times", "quantities", "statements", "frames")


# ---------------------------------------------------------------- the dossier


@_rec
class Evidence:
    """A passage that supports a finding: highlightable in its source."""

    article: str  # Article.id
    start: int
    end: int
    outlet: str | None = None


@_rec
class Skipped:
    source: str
    reason: str


@_rec
class Source:
    """One row of the 'sources' table."""

    article: str
    source: str
    label: str  # outlet if known, else a short name from the source
    outlet: str | None
    outlet_how: str | None
    title: str | None
    author: str | None
    url: str | None
    published: Published
    language: str | None
    language_score: float
    chars: int
    removed: tuple[Removed, ...]
    duplicate_of: str | None
    also_from: tuple[str, ...] = ()  # other inputs with the exact same body


@_rec
class Entity:
    id: str
    label: str
    type: EntityType
    label_en: str | None = None
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    mentions: tuple[Evidence, ...] = ()
    outlets: tuple[tuple[str, int], ...] = ()  # (outlet label, mention count)


@_rec
class Figure:
    """One row of the figures table: value × category × claimant × outlet × time."""

    article: str
    quantity: int  # index into the article's quantities
    value: float | None
    low: float | None
    high: float | None
    qualifier: Qualifier
    category: str
    claimant: str | None  # entity id or description; None = the outlet's own assertion
    claimant_label: str | None
    outlet: str
    via: tuple[str, ...]
    time: str | None
    evidence: Evidence
    fact: str | None = None  # key of the aligned fact this figure speaks of (compare/align)
    fact_ar: str | None = None  # the same fact named for the reader, in Arabic (display only)


@_rec
class WireCopy:
    """A passage shared near-verbatim by two articles (wire copy or re-use)."""

    a: Evidence
    b: Evidence
    similarity: float  # 0..1
    agency: str | None = None  # the agency both credit, when one does


@_rec
class IndependenceGroup:
    """Articles that count as ONE source for corroboration: copies of each other or
    relaying the same agency."""

    articles: tuple[str, ...]  # Article.id
    outlets: tuple[str, ...]
    reason: str  # "near-duplicate", "shared-passages", "same-agency:<name>"


@_rec
class Dispute:
    fact: str  # e.g. "killed: Armenian side, 19–20 Sep 2023"
    category: str
    figures: tuple[Figure, ...]
    note: str | None = None  # e.g. "values differ in time scope"
    values: tuple[str, ...] = ()  # the distinct values as displayed, highest first
    independent_sources: int = 0  # copies and relays of one agency count once
    fact_ar: str | None = None  # the fact named for the reader, in Arabic
    note_ar: str | None = None  # the note for the reader, in Arabic (``note`` stays English)


@_rec
class AttributionConflict:
    fact: str
    value: float
    claimants: tuple[str, ...]
    figures: tuple[Figure, ...]
    outlets: tuple[str, ...] = ()
    fact_ar: str | None = None  # the fact named for the reader, in Arabic


@_rec
class StatementGroup:
    """Statements in different articles that speak of the same thing: the same
    speaker on overlapping content, or closely overlapping content (compare/align)."""

    key: str  # readable: "<speaker>: <first words of the content>"
    speaker: str | None  # shared speaker entity id or normalised description, if one
    speaker_label: str | None
    statements: tuple[Evidence, ...]  # whole statement spans
    refs: tuple[tuple[str, int], ...]  # (Article.id, index into its statements)
    outlets: tuple[str, ...]
    independent_sources: int
    reason: str  # "same-speaker" or "similar-content"


@_rec
class Contradiction:
    kind: str  # negation, number, entity-swap, direction, affiliation
    score: float
    a: Evidence
    b: Evidence
    explanation: str


@_rec
class Agreement:
    fact: str
    independent_sources: int
    evidence: tuple[Evidence, ...]
    kind: str = "figure"  # "figure" (same value, any units) or "statement" (same content)
    value: str | None = None  # the agreed value as displayed ("45 days = 1.5 months")
    outlets: tuple[str, ...] = ()
    figures: tuple[Figure, ...] = ()
    fact_ar: str | None = None  # the fact named for the reader, in Arabic


@_rec
class SingleSource:
    claim: str
    outlet: str
    evidence: Evidence
    kind: str = "figure"  # "figure" or "statement"
    claimant: str | None = None  # display label of who is credited, None = the outlet itself
    fact: str | None = None  # the aligned fact key (figures) or statement-group key
    fact_ar: str | None = None  # the fact named for the reader, in Arabic
    importance: float = 0.0  # rank for the report and summary: figures and strong claims first


@_rec
class OutletTerm:
    """A term that distinguishes one outlet's wording from the others'
    (log-odds ratio with an informative Dirichlet prior)."""

    outlet: str
    term: str  # display form as first seen
    z: float
    count: int
    evidence: tuple[Evidence, ...] = ()


@_rec
class FramingUse:
    outlet: str
    frame: str
    side: str
    voice: Voice
    count: int
    evidence: tuple[Evidence, ...]


@_rec
class TimelineEvent:
    date: str
    grain: Grain
    text: str
    evidence: tuple[Evidence, ...]


@_rec
class SummarySentence:
    text: str
    citations: tuple[Evidence, ...]
    kind: str = "context"  # "agreed", "disputed", "single-source", "context"


@_rec
class Dossier:
    version: str = SCHEMA_VERSION
    articles: tuple[Article, ...] = ()
    sources: tuple[Source, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    inputs: int = 0  # every input counted: len(sources) + duplicates + len(skipped)
    entities: tuple[Entity, ...] = ()
    figures: tuple[Figure, ...] = ()
    disputes: tuple[Dispute, ...] = ()
    attribution_conflicts: tuple[AttributionConflict, ...] = ()
    contradictions: tuple[Contradiction, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    single_source: tuple[SingleSource, ...] = ()
    framing: tuple[FramingUse, ...] = ()
    outlet_terms: tuple[OutletTerm, ...] = ()
    wire_copy: tuple[WireCopy, ...] = ()
    independence: tuple[IndependenceGroup, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()
    summary: tuple[SummarySentence, ...] = ()
    notes: tuple[str, ...] = ()  # what the run could not do ("no figures found", …)
    statement_groups: tuple[StatementGroup, ...] = ()
