"""Self-contained HTML report: RTL, Arabic-capable font stack, no external assets.

The page is a base template plus one partial per section
(``templates/sections/*.html.j2``); capabilities add sections to SECTIONS."""

from __future__ import annotations

from functools import lru_cache

from ..model import Article, Dossier

# order on the page; each name is templates/sections/<name>.html.j2
SECTIONS = ("overview", "sources", "articles")


@lru_cache(maxsize=1)
def _env():
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("tabayyun.report", "templates"),
        autoescape=select_autoescape(["html", "j2"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["paragraphs"] = paragraphs
    env.filters["num"] = lambda v: "" if v is None else (f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}")
    return env


def paragraphs(article: Article) -> list[tuple[int, str]]:
    """(offset, text) of each non-empty line, so anchors can point into them."""
    out, pos = [], 0
    for line in article.text.split("\n"):
        if line.strip():
            out.append((pos, line))
        pos += len(line) + 1
    return out


def to_html(dossier: Dossier, title: str = "tabayyun — ملف التحقق") -> str:
    by_id = {a.id: a for a in dossier.articles}
    labels = {s.article: s.label for s in dossier.sources}
    return _env().get_template("report.html.j2").render(
        d=dossier, title=title, sections=SECTIONS, by_id=by_id, labels=labels
    )
