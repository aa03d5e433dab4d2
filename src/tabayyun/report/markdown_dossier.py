"""The dossier sections of the Markdown output, in the order of the HTML report:
summary, disputes, attribution conflicts, contradictions, agreements,
single-source claims, figures, statements by speaker, framing matrix, timeline,
who's who. Every item quotes its
passage and names its outlet with the character offsets it points at."""

from __future__ import annotations

from ..compare.align_labels import category_label, date_ar, figure_value, label
from ..model import Dossier, Evidence
from .html import (KIND_LABELS, SINGLE_SOURCE_SHOWN, VOICE_LABELS, VOICES, framing_matrix, passage, scope_of,
                   statements_by_speaker)

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

    by_id = _by_id(d)

    def figure_rows(figs, scope=False):
        return [[figure_value(f), f.claimant_label or OUTLET_OWN, f.outlet]
                + ([scope_of(by_id, f) or "—"] if scope else [])
                + [date_ar(f.time), _cite(d, f.evidence, True)] for f in figs]

    fig_header = ["القيمة", "القائل", "الوسيلة", "التاريخ", "المقطع"]
    if section("الخلافات على الأرقام", "لم يُعثر على أرقام متباينة للواقعة نفسها.", d.disputes):
        for dp in d.disputes:
            out.extend([f"### {_safe(dp.fact_ar or category_label(dp.category))}", ""])
            if dp.note_ar:
                out.extend([f"_{_safe(dp.note_ar)}_", ""])
            table(fig_header[:3] + ["المدة المذكورة"] + fig_header[3:], figure_rows(dp.figures, True))
    if section("تضارب النسبة", "لم يُعثر على رقم واحد منسوب إلى قائلين مختلفين.", d.attribution_conflicts):
        for c in d.attribution_conflicts:
            out.extend([f"### الرقم {c.value:g} ({_safe(c.fact_ar or c.fact)}): منسوب إلى {_safe('، '.join(c.claimants))}", ""])
            table(fig_header, figure_rows(c.figures))
    if section("التناقضات", "لم يُعثر على تصريحين لا يمكن أن يصحّا معًا.", d.contradictions):
        table(["النوع", "الرواية الأولى", "الرواية الثانية", "التفسير"],
              [[f"{label('ckind', c.kind)} ({c.score:.2f})", _cite(d, c.a, True), _cite(d, c.b, True), c.explanation] for c in d.contradictions])
    if section("نقاط الاتفاق", "لم يُعثر على واقعة أكدتها مصادر مستقلة.", d.agreements):
        for ag in d.agreements:
            out.append(f"- **{_safe(ag.fact_ar or ag.fact)}** — {ag.independent_sources} مصادر مستقلة: " + "؛ ".join(_cite(d, ev, True) for ev in ag.evidence))
        out.append("")
    if section("ادعاءات من مصدر واحد", "لم يُعثر على ادعاء انفردت به وسيلة واحدة.", d.single_source):
        shown = d.single_source[:SINGLE_SOURCE_SHOWN]
        if len(d.single_source) > len(shown):
            out.extend([f"_الأهم أولًا: تُعرض {len(shown)} من {len(d.single_source)}؛ القائمة كاملة في ملف JSON._", ""])
        table(["الادعاء", "الوسيلة", "المقطع"], [[s.claim, s.outlet, _cite(d, s.evidence, True)] for s in shown])
    if section("الأرقام", "لم يُعثر على أرقام في المقالات.", d.figures):
        table(["القيمة", "الفئة", "القائل", "الوسيلة", "التاريخ", "المقطع"],
              [[figure_value(f), f.fact_ar or category_label(f.category), f.claimant_label or OUTLET_OWN, f.outlet, date_ar(f.time), _cite(d, f.evidence, True)] for f in d.figures])
    labels = {src.article: src.label for src in d.sources}
    groups = statements_by_speaker(d)
    if section("التصريحات حسب القائل", "لم يُعثر على تصريحات منسوبة.", groups):
        for speaker, items in groups:
            out.extend([f"### {_safe(speaker)} ({len(items)})", ""])
            for a, st in items:
                tags = [label("stype", st.type)] + (["نفي"] if st.polarity == "negative" else [])
                tags.append("مباشر" if st.direct else "غير مباشر")
                via = "".join(f"، عبر {_safe(v.agent)}" for v in st.via)
                where = Evidence(a.id, st.content.start, st.content.end, labels.get(a.id))
                out.append(f"- [{' · '.join(tags)}] «{_safe(a.text[st.cue.start:st.cue.end])}»: "
                           f"{_safe(' '.join(a.text[st.content.start:st.content.end].split()))} "
                           f"— {_safe(labels.get(a.id, a.id))}{via} {_cite(d, where)}")
            out.append("")
    m = framing_matrix(d)
    if section("التأطير حسب الوسيلة", "لم يُعثر على مفردات تأطير من المعجم في المقالات.", m.rows):
        out.extend([f"_كل خانة: {VOICE_LABELS['outlet']} · {VOICE_LABELS['quoted']} · {VOICE_LABELS['attributed']}_", ""])
        rows = []
        for _, name, _, cells in m.rows:
            row = [name]
            for o in m.outlets:
                c = cells.get(o)
                row.append(" · ".join(str(c.get(v, (0, None))[0]) for v in VOICES) if c else "")
            rows.append(row)
        table(["التسمية"] + m.outlets, rows)
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
            out.append(f"- **{date_ar(e.date)}** — {_safe(' '.join(e.text.split()))} " + " ".join(_cite(d, ev) for ev in e.evidence))
        out.append("")
    if section("من هو من", "لم يُعثر على كيانات.", d.entities):
        table(["الكيان", "النوع", "الصيغ الواردة", "الصفات", "الوسائل (عدد الإشارات)"],
              [[e.label + (f" ({e.label_en})" if e.label_en else ""), label("etype", e.type), "، ".join(e.aliases),
                "، ".join(e.roles), "، ".join(f"{o} ({n})" for o, n in e.outlets)]
               for e in sorted(d.entities, key=lambda e: (e.type, -len(e.mentions)))])
    return out
