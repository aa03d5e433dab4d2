"""The TabayyunError hierarchy. Messages are named constants so tests and docs
can refer to them, as spaCy does with its Errors class."""

from __future__ import annotations


class TabayyunError(Exception):
    """Base class: everything tabayyun raises on purpose."""


class InputError(TabayyunError):
    """One input could not be read; the run goes on with the rest."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class PipelineError(TabayyunError):
    """A pipeline was built with a stage whose required layer nobody provides."""


class ModelError(TabayyunError):
    """A shipped model or lexicon is missing or unreadable."""


class Reasons:
    EMPTY = "empty input (no text)"
    BINARY = "binary data, not text ({detail})"
    UNDECODABLE = "cannot decode the bytes as text (tried {tried})"
    TOO_LARGE = "too large: {size} > limit {limit} (raise --max-bytes to read it)"
    TOO_LONG = "article text too long: {chars:,} characters > limit {limit:,}"
    NO_ARTICLE_HTML = "HTML page with no article text found"
    NO_TEXT_FIELD = "no text field (looked for {fields})"
    BAD_JSON = "invalid JSON: {detail}"
    NOT_OBJECT = "JSON value is not an object"
    EMPTY_DIR = "directory with no readable files"
    NO_MATCH = "no such file or directory"
    UNREADABLE = "cannot read: {detail}"
    EMPTY_FEED = "feed with no entries"
    BAD_FEED = "not a readable RSS/Atom feed: {detail}"
    ONLY_BOILERPLATE = "nothing left after removing boilerplate"
    UNKNOWN_TYPE = "not a file type tabayyun reads ('{ext}'; it reads .txt, .md, .html, .json, .jsonl, .xml, .rss, .atom or no extension)"
    EMPTY_TEXT_FIELD = "text field '{field}' is empty"


class Messages:
    MISSING_LAYER = (
        "stage '{stage}' requires layer '{layer}', which no earlier stage provides "
        "(available: {available})"
    )
    PROVIDED_TWICE = "layer '{layer}' is provided by both '{first}' and '{second}'"
