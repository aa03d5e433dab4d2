"""Markdown sections for wire copy and independence, appended to the report."""

from __future__ import annotations

from ..model import Dossier


def _cell(v) -> str:
    return ("" if v is None else str(v)).replace("|", "\\|").replace("\n", " ")


def _quote(d: Dossier, ev) -> str:
    art = next((a for a in d.articles if a.id == ev.article), None)
    return art.text[ev.start : ev.end] if art else ""


def wire_markdown(d: Dossier) -> list[str]:
    """Wire copy and independence (the other findings are in markdown_dossier)."""
    out: list[str] = []
    if d.wire_copy:
        out += ["", "## مقاطع منقولة حرفيًا", "", "| من | إلى | التشابه | الوكالة | المقطع |", "|---|---|---|---|---|"]
        out += [f"| {_cell(w.a.outlet)} | {_cell(w.b.outlet)} | {w.similarity:.0%} | {_cell(w.agency)} | {_cell(_quote(d, w.a)[:160])} |"
                for w in d.wire_copy]
    if d.independence:
        out += ["", "## مصادر غير مستقلة (تُعدّ مصدرًا واحدًا)", "", "| الوسائل | السبب |", "|---|---|"]
        from .html import reasons

        out += [f"| {_cell('، '.join(g.outlets))} | {_cell(reasons(g.reason))} |" for g in d.independence]
    return out
