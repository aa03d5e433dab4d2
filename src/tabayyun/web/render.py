"""Jinja environment for the pages: the web templates first, then the HTML
report's own templates and filters, so the story page renders the report's
section partials (and any section the report gains) live from the store."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote

from ..model import Dossier
from ..report import html as report_html


@lru_cache(maxsize=1)
def env():
    from jinja2 import ChoiceLoader, PackageLoader

    base = report_html._env()
    e = base.overlay(loader=ChoiceLoader([PackageLoader("tabayyun.web", "templates"), base.loader]))
    e.filters["u"] = lambda s: quote(str(s), safe="")
    return e


@lru_cache(maxsize=1)
def report_css() -> str:
    """The HTML report's own stylesheet, so the story page looks like the report
    (and keeps up as the report gains sections)."""
    import re

    e = report_html._env()
    source = e.loader.get_source(e, "report.html.j2")[0]
    return "\n".join(re.findall(r"<style>(.*?)</style>", source, re.S))


def story_context(dossier: Dossier) -> dict:
    """What the report's section partials expect (as report.html.to_html passes)."""
    ctx = getattr(report_html, "context", None)
    if callable(ctx):  # the report may grow a public context builder
        return dict(ctx(dossier))
    from ..compare.figures import OUTLET_OWN

    return {
        "d": dossier,
        "sections": report_html.SECTIONS,
        "by_id": {a.id: a for a in dossier.articles},
        "labels": {s.article: s.label for s in dossier.sources},
        "outlet_own": OUTLET_OWN,
    }


def page(name: str, **ctx) -> str:
    return env().get_template(name).render(**ctx)
