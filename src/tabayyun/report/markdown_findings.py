"""Markdown sections for the cross-source findings (disputes, attribution
conflicts, agreements, single-source claims, wire copy), appended to the report."""

from __future__ import annotations

from ..model import Dossier


def _cell(v) -> str:
    return ("" if v is None else str(v)).replace("|", "\\|").replace("\n", " ")


def _quote(d: Dossier, ev) -> str:
    art = next((a for a in d.articles if a.id == ev.article), None)
    return art.text[ev.start : ev.end] if art else ""


def findings_markdown(d: Dossier) -> list[str]:
    out: list[str] = []
    if d.disputes:
        out += ["", "## أرقام متنازع عليها"]
        for x in d.disputes:
            out += ["", f"### {_cell(x.fact)} — {' / '.join(x.values)} ({x.independent_sources} مصادر مستقلة)", "",
                    "| القيمة | النص | المصرّح | الوسيلة | التاريخ |", "|---|---|---|---|---|"]
            for f in x.figures:
                out.append("| " + " | ".join(_cell(v) for v in (
                    f.value if f.value is not None else f"{f.low}–{f.high}", _quote(d, f.evidence),
                    f.claimant_label or "الوسيلة نفسها", f.outlet, f.time)) + " |")
            if x.note:
                out += ["", f"> {_cell(x.note)}"]
    if d.attribution_conflicts:
        out += ["", "## تضارب في نسبة الأرقام", "", "| الحقيقة | القيمة | منسوبة إلى | الوسائل |", "|---|---|---|---|"]
        out += [f"| {_cell(c.fact)} | {c.value:g} | {_cell('، '.join(c.claimants))} | {_cell('، '.join(c.outlets))} |"
                for c in d.attribution_conflicts]
    if d.agreements:
        out += ["", "## اتفاق المصادر", "", "| ما اتفقت عليه | القيمة | مصادر مستقلة | الوسائل |", "|---|---|---|---|"]
        out += [f"| {_cell(a.fact)} | {_cell(a.value)} | {a.independent_sources} | {_cell('، '.join(a.outlets))} |"
                for a in d.agreements]
    if d.single_source:
        out += ["", "## ما انفرد به مصدر واحد", "", "| النوع | الادعاء | الوسيلة |", "|---|---|---|"]
        out += [f"| {s.kind} | {_cell(s.claim)} | {_cell(s.outlet)} |" for s in d.single_source]
    if d.wire_copy:
        out += ["", "## مقاطع منقولة حرفيًا", "", "| من | إلى | التشابه | الوكالة |", "|---|---|---|---|"]
        out += [f"| {_cell(w.a.outlet)} | {_cell(w.b.outlet)} | {w.similarity:.0%} | {_cell(w.agency)} |" for w in d.wire_copy]
    return out
