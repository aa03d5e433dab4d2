"""The dossier sections of the Markdown output, in the order of the HTML report:
summary, disputes, attribution conflicts, contradictions, agreements,
single-source claims, figures, framing matrix, timeline. Every item quotes its
passage and names its outlet with the character offsets it points at."""

from __future__ import annotations

from ..compare.summary import category_label, figure_value
from ..model import Dossier, Evidence
from .html import KIND_LABELS, VOICE_LABELS, framing_matrix, passage

OUTLET_OWN = "الوسيلة نفسها"


def _safe(text: str) -> str:
    """Article text is data, not markup: no raw HTML reaches a Markdown renderer."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cite(d: Dossier, ev: Evidence, quote: bool = False) -> str:
    by_id = _by_id(d)
    a = by_id.get(ev.article)
    where = f"{ev.outlet or ev.article} §{ev.start}–{ev.end}"
    if quote and a is not None and 0 <= ev.start <= ev.end <= len(a.text):
        p = passage(a, ev.start, ev.end)
        flat = lambda t: _safe(" ".join(t.split()))  # noqa: E731
        return f"«{flat(p.before)} **{flat(p.mark)}** {flat(p.after)}» ({_safe(where)})"
    return f"[{_safe(where)}]"


_CACHE: dict[int, tuple[Dossier, dict]] = {}


def _by_id(d: Dossier) -> dict:
    got = _CACHE.get(id(d))
    if got is None or got[0] is not d:
        _CACHE.clear()  # one dossier at a time: the cache never outlives a render
        got = _CACHE[id(d)] = (d, {a.id: a for a in d.articles})
    return got[1]


def dossier_sections(d: Dossier, cell) -> list[str]:
    out: list[str] = []

    def table(header: list[str], rows: list[list]) -> None:
        out.append("| " + " | ".join(header) + " |")
        out.append("|" + "---|" * len(header))
        out.extend("| " + " | ".join(cell(_safe(str(x)) if x is not None else "") for x in r) + " |" for r in rows)
        out.append("")

    def section(title: str, empty: str, items) -> bool:
        out.extend([f"## {title}", ""])
        if not items:
            out.extend([f"_{empty}_", ""])
            return False
        return True

    if section("الخلاصة", "لم يُستخرج ملخص.", d.summary):
        for s in d.summary:
            cites = " ".join(_cite(d, ev) for ev in s.citations)
            out.append(f"- **{KIND_LABELS.get(s.kind, s.kind)}**: {_safe(s.text)} {cites}")
        out.append("")

    def figure_rows(figs):
        return [[figure_value(f), f.claimant_label or OUTLET_OWN, f.outlet, f.time or "", _cite(d, f.evidence, True)] for f in figs]

    fig_header = ["القيمة", "القائل", "الوسيلة", "التاريخ", "المقطع"]
    if section("الخلافات على الأرقام", "لم يُعثر على أرقام متباينة للواقعة نفسها.", d.disputes):
        for dp in d.disputes:
            out.extend([f"### {category_label(dp.category)} — {_safe(dp.fact)}", ""])
            if dp.note:
                out.extend([f"_{_safe(dp.note)}_", ""])
            table(fig_header, figure_rows(dp.figures))
    if section("تضارب النسبة", "لم يُعثر على رقم واحد منسوب إلى قائلين مختلفين.", d.attribution_conflicts):
        for c in d.attribution_conflicts:
            out.extend([f"### الرقم {c.value:g} — {_safe(c.fact)}: منسوب إلى {_safe('، '.join(c.claimants))}", ""])
            table(fig_header, figure_rows(c.figures))
    if section("التناقضات", "لم يُعثر على تصريحين لا يمكن أن يصحّا معًا.", d.contradictions):
        table(["النوع", "الرواية الأولى", "الرواية الثانية", "التفسير"],
              [[f"{c.kind} ({c.score:.2f})", _cite(d, c.a, True), _cite(d, c.b, True), c.explanation] for c in d.contradictions])
    if section("نقاط الاتفاق", "لم يُعثر على واقعة أكدتها مصادر مستقلة.", d.agreements):
        for ag in d.agreements:
            out.append(f"- **{_safe(ag.fact)}** — {ag.independent_sources} مصادر مستقلة: " + "؛ ".join(_cite(d, ev, True) for ev in ag.evidence))
        out.append("")
    if section("ادعاءات من مصدر واحد", "لم يُعثر على ادعاء انفردت به وسيلة واحدة.", d.single_source):
        table(["الادعاء", "الوسيلة", "المقطع"], [[s.claim, s.outlet, _cite(d, s.evidence, True)] for s in d.single_source])
    if section("الأرقام", "لم يُعثر على أرقام في المقالات.", d.figures):
        table(["القيمة", "الفئة", "القائل", "الوسيلة", "التاريخ", "المقطع"],
              [[figure_value(f), category_label(f.category), f.claimant_label or OUTLET_OWN, f.outlet, f.time or "", _cite(d, f.evidence, True)] for f in d.figures])
    m = framing_matrix(d)
    if section("التأطير حسب الوسيلة", "لم يُعثر على مفردات تأطير من المعجم في المقالات.", m.columns):
        out.extend([f"_كل خانة: {VOICE_LABELS['outlet']} · {VOICE_LABELS['quoted']} · {VOICE_LABELS['attributed']}_", ""])
        rows = []
        for outlet, cells in m.rows:
            row = [outlet]
            for col in m.columns:
                c = cells.get(col)
                row.append(" · ".join(str(c.get(v, (0, None))[0]) for v in ("outlet", "quoted", "attributed")) if c else "")
            rows.append(row)
        table(["الوسيلة"] + [f"{f}: {s}" for f, s in m.columns], rows)
    if d.outlet_terms:
        out.extend(["### مفردات تميّز كل وسيلة", ""])
        by: dict[str, list] = {}
        for t in d.outlet_terms:
            by.setdefault(t.outlet, []).append(t)
        for outlet, ts in by.items():
            terms = "، ".join(f"{_safe(t.term)} (×{t.count})" for t in sorted(ts, key=lambda t: -t.z))
            out.append(f"- **{_safe(outlet)}**: {terms}")
        out.append("")
    if section("التسلسل الزمني", "لم يُعثر على أحداث مؤرخة في المقالات.", d.timeline):
        for e in d.timeline:
            out.append(f"- **{e.date}** — {_safe(' '.join(e.text.split()))} " + " ".join(_cite(d, ev) for ev in e.evidence))
        out.append("")
    return out
