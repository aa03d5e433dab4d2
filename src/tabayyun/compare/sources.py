"""The sources table: one row per distinct article, with a short display label
(the outlet when known, else a name taken from where the text came from)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import PurePath

from ..model import Article, Dossier, Source
from ..pipeline import stage


def short_name(source: str) -> str:
    """"corpus/karabakh/000_1b53.txt" -> "000_1b53"; "feed.xml#id" stays readable."""
    base = source.split("#", 1)[0]
    name = PurePath(base).stem if "/" in base or "." in base else base
    return name or source or "?"


# a run of hex digits or of digits, with its separators: "000_1b533fc5b68fb5bb" is all
# machine naming, "aljazeera_2023-09-20" keeps "aljazeera"
_MACHINE = re.compile(r"(?:^|[_\-. ])(?:[0-9a-f]{8,}|\d+)(?=$|[_\-. ])", re.I)
ARTICLE_WORD = "مقال"


def readable_name(source: str) -> str | None:
    """The file name without hashes and serial numbers, if words remain."""
    if source.startswith("<"):  # "<stdin>", "<text 3>": no name to read
        return None
    name = short_name(source)
    rest = _MACHINE.sub(" ", name)
    rest = " ".join(re.split(r"[_\-. ]+", rest)).strip()
    return rest if any(c.isalpha() for c in rest) and len(rest) >= 2 else None


def labels(articles: tuple[Article, ...]) -> dict[str, str]:
    """A unique, short, readable label per article: the outlet; else the source's
    name without hashes ("aljazeera_1b53.txt" -> "aljazeera"); else "مقال N" by
    input order. The full source stays in the sources table. Repeats get "(2)"."""
    out: dict[str, str] = {}
    seen: dict[str, int] = {}
    for i, a in enumerate(articles, 1):
        base = a.meta.outlet or readable_name(a.meta.source) or f"{ARTICLE_WORD} {i}"
        n = seen.get(base, 0) + 1
        seen[base] = n
        out[a.id] = base if n == 1 else f"{base} ({n})"
    return out


def source_rows(dossier: Dossier, also_from: dict[str, tuple[str, ...]]) -> tuple[Source, ...]:
    lab = labels(dossier.articles)
    return tuple(
        Source(
            article=a.id,
            source=a.meta.source,
            label=lab[a.id],
            outlet=a.meta.outlet,
            outlet_how=a.meta.outlet_how,
            title=a.meta.title or _first_line(a),
            author=a.meta.author,
            url=a.meta.url,
            published=a.meta.published,
            language=a.meta.language,
            language_score=a.meta.language_score,
            chars=len(a.text),
            removed=a.meta.removed,
            duplicate_of=a.duplicate_of,
            also_from=also_from.get(a.id, ()),
        )
        for a in dossier.articles
    )


def _first_line(a: Article) -> str | None:
    """Untitled inputs: a heading-like first sentence serves as the title."""
    if a.sentences and a.sentences[0].heading:
        s = a.sentences[0]
        return a.text[s.start : s.end]
    return None


def make_sources(also_from: dict[str, tuple[str, ...]]):
    @stage("sources", requires=("articles", "duplicate_of"), provides=("sources",))
    def sources(dossier: Dossier) -> Dossier:
        return replace(dossier, sources=source_rows(dossier, also_from))

    return sources
