"""An article's text with every layer marked up: nested <span>s whose title
attribute carries the annotation (hover on a desktop; web.js shows it on tap).

Spans may overlap without nesting (a statement ending inside an entity); such a
span is cut at its parent's end and continued after it, so the markup always
nests and every character of the text appears exactly once, escaped."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from ..model import Article

# layer name, Arabic label (the legend and the toggles)
LAYERS = (
    ("ent", "الكيانات"),
    ("time", "الأزمنة"),
    ("qty", "الأرقام"),
    ("stmt", "التصريحات"),
    ("cue", "أفعال القول"),
    ("frame", "المصطلحات المؤطِّرة"),
    ("quote", "الاقتباسات"),
)


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    kind: str  # one of LAYERS' names, or "hit"
    title: str
    ref: str = ""  # entity id, for a link in the tap box

    def cut(self, start: int, end: int) -> "Mark":
        return Mark(start, end, self.kind, self.title, self.ref)


def _num(v) -> str:
    if v is None:
        return "?"
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}"


def marks(article: Article, hit: tuple[int, int] | None = None) -> list[Mark]:
    t = article.text
    out: list[Mark] = []
    for st in article.statements:
        speaker = t[st.speaker.start:st.speaker.end] if st.speaker else "قائل غير معروف"
        via = "، ".join(v.agent for v in st.via)
        title = f"تصريح ({st.type}{'، نفي' if st.polarity == 'negative' else ''}، {'مباشر' if st.direct else 'غير مباشر'}) — القائل: {speaker}"
        out.append(Mark(st.start, st.end, "stmt", title + (f" — عبر {via}" if via else "")))
        out.append(Mark(st.cue.start, st.cue.end, "cue", f"فعل القول: {st.type}"))
    for q in article.quotes:
        out.append(Mark(q.start, q.end, "quote", "اقتباس"))
    for m in article.entities:
        label = m.label or t[m.start:m.end]
        extra = f" — يقصد: {m.actor}" if m.actor else ""
        out.append(Mark(m.start, m.end, "ent", f"كيان {m.type}: {label}{extra}" + (f" [{m.entity_id}]" if m.entity_id else ""), m.entity_id or ""))
    for x in article.times:
        val = x.value or "?"
        if x.end_value:
            val += f" → {x.end_value}"
        out.append(Mark(x.start, x.end, "time", f"زمن ({x.kind}، {x.grain}، مرجع: {x.anchor}): {val}"))
    for q in article.quantities:
        value = _num(q.value) if q.value is not None else f"{_num(q.low)}–{_num(q.high)}"
        bits = [f"رقم: {value}", q.category]
        if q.qualifier != "exact":
            bits.append(q.qualifier)
        if q.vague:
            bits.append(q.vague)
        if q.counted:
            bits.append("المعدود: " + t[q.counted.start:q.counted.end])
        out.append(Mark(q.start, q.end, "qty", " · ".join(bits)))
    for f in article.frames:
        out.append(Mark(f.start, f.end, "frame", f"إطار: {f.frame} / {f.side} (صوت: {f.voice})"))
    if hit and 0 <= hit[0] < hit[1] <= len(t):
        out.append(Mark(hit[0], hit[1], "hit", "المقطع المُشار إليه"))
    n = len(t)
    return [m for m in out if 0 <= m.start < m.end <= n]


def _order(m: Mark):
    return (m.start, -m.end, m.kind)


def render(article: Article, hit: tuple[int, int] | None = None) -> Markup:
    text = article.text
    parts: list[str] = []

    def walk(spans: list[Mark], lo: int, hi: int) -> None:
        pos = lo
        spans = sorted(spans, key=_order)
        while spans:
            s = spans.pop(0)
            inner, rest = [], []
            for x in spans:
                if x.start >= s.end:
                    rest.append(x)
                elif x.end <= s.end:
                    inner.append(x)
                else:  # crosses s's end: cut in two
                    inner.append(x.cut(x.start, s.end))
                    rest.append(x.cut(s.end, x.end))
            parts.append(str(escape(text[pos:s.start])))
            attrs = f' class="ann {s.kind}" title="{escape(s.title)}"'
            if s.ref:
                attrs += f' data-entity="{escape(s.ref)}"'
            if s.kind == "hit" and hit and s.start == hit[0]:
                attrs += ' id="hit"'
            parts.append(f"<span{attrs}>")
            walk(inner, s.start, s.end)
            parts.append("</span>")
            pos = s.end
            spans = sorted(rest, key=_order)
        parts.append(str(escape(text[pos:hi])))

    walk(marks(article, hit), 0, len(text))
    return Markup("".join(parts))
