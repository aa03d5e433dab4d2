"""Markdown output: the same content as the HTML report, for e-mail and wikis."""

from __future__ import annotations

from ..model import Dossier
from .markdown_dossier import dossier_sections
from .markdown_findings import wire_markdown


def _cell(v) -> str:
    return ("" if v is None else str(v)).replace("|", "\\|").replace("\n", " ")


def to_markdown(dossier: Dossier) -> str:
    d = dossier
    out = [
        "# tabayyun — ملف التحقق",
        "",
        f"{len(d.sources)} مقالة من {d.inputs} مدخلات · المخطط {d.version}",
        "",
    ]
    if d.notes:
        out += ["## ملاحظات", ""] + [f"- {n}" for n in d.notes] + [""]
    out += dossier_sections(d, _cell)
    out += [
        "## المصادر",
        "",
        "| المصدر | الوسيلة | التاريخ | العنوان | الطول | اللغة | ما نُظّف | تكرار |",
        "|---|---|---|---|---|---|---|---|",
    ]
    labels = {s.article: s.label for s in d.sources}
    for s in d.sources:
        date = f"{s.published.value} ({s.published.how}, {s.published.confidence:.0%})" if s.published.value else "غير معروف"
        outlet = f"{s.outlet} ({s.outlet_how})" if s.outlet else "غير معروفة"
        removed = ", ".join(r.reason for r in s.removed)
        dup = f"نسخة من {labels.get(s.duplicate_of, s.duplicate_of)}" if s.duplicate_of else ""
        if s.also_from:
            dup = (dup + " " if dup else "") + "= " + ", ".join(s.also_from)
        out.append(
            "| " + " | ".join(_cell(x) for x in (s.label, outlet, date, s.title, s.chars, s.language, removed, dup)) + " |"
        )
    if d.skipped:
        out += ["", "## مدخلات متروكة", "", "| المدخل | السبب |", "|---|---|"]
        out += [f"| {_cell(k.source)} | {_cell(k.reason)} |" for k in d.skipped]
    out += wire_markdown(d)
    return "\n".join(out) + "\n"
