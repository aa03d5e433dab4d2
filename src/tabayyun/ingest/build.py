"""Turn decoded text plus whatever metadata came with it into an Article."""

from __future__ import annotations

import hashlib
from dataclasses import replace

from ..arabic.normalise import squash_spaces
from ..errors import InputError, Reasons
from ..extract.shared import norm_of
from ..model import Article, Meta
from ..settings import Settings
from . import language, outlet
from .clean import clean


def content_id(text: str) -> str:
    """Content hash of the normalised body: the same text gives the same id
    whatever its diacritics, tatweel, digits or spacing."""
    # match_key(text), with the normalised body kept for the stages that follow
    return hashlib.sha1(squash_spaces(norm_of(text)).encode("utf-8")).hexdigest()[:16]


def make_article(raw: str, meta: Meta | None = None, settings: Settings | None = None) -> Article:
    """Clean, identify the language, infer the outlet; raise InputError if
    nothing usable is left."""
    settings = settings or Settings()
    meta = meta or Meta()
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    if not raw.strip():
        raise InputError(meta.source, Reasons.EMPTY)
    if len(raw) > settings.max_chars:
        raise InputError(meta.source, Reasons.TOO_LONG.format(chars=len(raw), limit=settings.max_chars))
    c = clean(raw)
    if not c.text.strip():
        raise InputError(meta.source, Reasons.ONLY_BOILERPLATE)
    changes: dict = {"removed": c.removed}
    if c.author and not meta.author:
        changes["author"] = c.author
    if not meta.outlet:
        if c.byline_domain:
            changes.update(outlet=outlet.label_for_domain(c.byline_domain), outlet_how="byline-domain")
        elif (d := outlet.from_dateline(c.text)) is not None:
            changes.update(outlet=d[0], outlet_how="dateline")
        elif (dom := outlet.domain_of(meta.url)) is not None:
            changes.update(outlet=outlet.label_for_domain(dom), outlet_how="url")
    if meta.language is None:
        lang, score = language.identify(c.text)
        changes.update(language=lang, language_score=score)
    return Article(
        id=content_id(c.text),
        text=c.text,
        meta=replace(meta, **changes),
        raw=raw,
        source_map=c.source_map,
    )
