"""Self-contained HTML report: RTL, Arabic-capable font stack, no external assets.

The page is a base template plus one partial per section
(``templates/sections/*.html.j2``); capabilities add sections to SECTIONS."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..compare.summary import category_label, figure_value
from ..model import Article, Dossier, Evidence
from .svg import timeline_svg

# order on the page; each name is templates/sections/<name>.html.j2. The dossier
# reads summary first, then what is contested, then the material behind it.
SECTIONS = (
    "overview", "summary", "disputes", "contradictions", "agreements", "single_source",
    "figures", "statements", "framing", "timeline", "entities", "independence", "sources", "articles",
)
KIND_LABELS = {"agreed": "متفق عليه", "disputed": "موضع خلاف", "single-source": "مصدر واحد", "context": "سياق"}
VOICE_LABELS = {"outlet": "بصوت الوسيلة", "quoted": "داخل اقتباس", "attributed": "منسوب إلى قائل"}


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
    env.filters["passage"] = passage
    env.filters["statements_by_speaker"] = statements_by_speaker
    env.filters["denied_by"] = denied_by
    env.filters["num"] = lambda v: "" if v is None else (f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}")
    env.filters["para_of"] = para_of
    env.filters["figure_value"] = figure_value
    env.filters["category_label"] = category_label
    env.filters["unique_outlets"] = unique_outlets
    env.filters["framing_matrix"] = framing_matrix
    env.filters["timeline_svg"] = lambda d: timeline_svg(d.timeline)
    env.globals.update(kind_labels=KIND_LABELS, voice_labels=VOICE_LABELS)
    return env


def para_of(article: Article, pos: int) -> int:
    """Offset of the paragraph holding ``pos`` (the anchor p-<article>-<offset>)."""
    return article.text.rfind("\n", 0, pos) + 1


def unique_outlets(evidence) -> list[Evidence]:
    """One citation per outlet (the first passage), for compact summary lines."""
    seen, out = set(), []
    for ev in evidence:
        key = ev.outlet or ev.article
        if key not in seen:
            seen.add(key)
            out.append(ev)
    return out


@dataclass(frozen=True)
class Matrix:
    columns: list[tuple[str, str]]
    rows: list[tuple[str, dict]]  # outlet -> {(frame, side): {voice: (count, first evidence)}}


def framing_matrix(dossier: Dossier) -> Matrix:
    cells: dict[str, dict] = {}
    cols: dict[tuple[str, str], int] = {}
    for u in dossier.framing:
        col = (u.frame, u.side)
        cols[col] = cols.get(col, 0) + u.count
        cell = cells.setdefault(u.outlet, {}).setdefault(col, {})
        n, ev = cell.get(u.voice, (0, None))
        cell[u.voice] = (n + u.count, ev or (u.evidence[0] if u.evidence else None))
    columns = sorted(cols, key=lambda c: (c[0], -cols[c]))
    return Matrix(columns, sorted(cells.items()))


def paragraphs(article: Article) -> list[tuple[int, str]]:
    """(offset, text) of each non-empty line, so anchors can point into them."""
    out, pos = [], 0
    for line in article.text.split("\n"):
        if line.strip():
            out.append((pos, line))
        pos += len(line) + 1
    return out


@dataclass(frozen=True)
class Passage:
    para: int  # offset of the paragraph (anchor p-<article>-<para>)
    before: str
    mark: str
    after: str


def passage(article: Article, start: int, end: int, context: int = 90) -> Passage:
    """The span with its sentence around it, for a highlighted quote in the report."""
    s0, s1 = start, end
    for s in article.sentences:
        if s.start <= start < s.end:
            s0, s1 = s.start, max(s.end, end)
            break
    s0, s1 = max(s0, start - context), min(s1, end + context)
    para = article.text.rfind("\n", 0, start) + 1
    t = article.text
    return Passage(para, ("…" if s0 > para else "") + t[s0:start], t[start:end], t[end:s1] + ("…" if s1 < len(t) and t[s1] != "\n" else ""))


def denied_by(article: Article, statement: int | None) -> list[str]:
    """Who, in the same article, rejects the statement a figure belongs to."""
    from ..compare.figures import claimant_of

    if statement is None:
        return []
    return [
        claimant_of(article, st)[1] or "?"
        for st in article.statements
        if statement in st.responds_to and st.polarity == "negative"
    ]


def statements_by_speaker(dossier: Dossier) -> list[tuple[str, list]]:
    from ..compare.figures import UNKNOWN_SPEAKER, claimant_of

    groups: dict[str, list] = {}
    for a in dossier.articles:
        if a.duplicate_of:
            continue
        for st in a.statements:
            _, label = claimant_of(a, st)
            groups.setdefault(label or UNKNOWN_SPEAKER, []).append((a, st))
    return sorted(groups.items(), key=lambda kv: -len(kv[1]))


def to_html(dossier: Dossier, title: str = "tabayyun — ملف التحقق") -> str:
    by_id = {a.id: a for a in dossier.articles}
    labels = {s.article: s.label for s in dossier.sources}
    from ..compare.figures import OUTLET_OWN

    return _env().get_template("report.html.j2").render(
        d=dossier, title=title, sections=SECTIONS, by_id=by_id, labels=labels, outlet_own=OUTLET_OWN
    )
