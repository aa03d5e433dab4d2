"""Self-contained HTML report: RTL, Arabic-capable font stack, no external assets.

The page is a base template plus one partial per section
(``templates/sections/*.html.j2``); capabilities add sections to SECTIONS."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..compare.align_labels import (
    category_label, date_ar, figure_value, frame_label, label, side_label, voice_label,
)
from ..model import Article, Dossier, Evidence, Figure
from .svg import timeline_svg

# order on the page; each name is templates/sections/<name>.html.j2. The dossier
# reads summary first, then what is contested, then the material behind it.
SECTIONS = (
    "overview", "summary", "disputes", "contradictions", "agreements", "single_source",
    "figures", "statements", "framing", "timeline", "entities", "independence", "sources", "articles",
)
KIND_LABELS = {"agreed": "متفق عليه", "disputed": "موضع خلاف", "single-source": "مصدر واحد", "context": "سياق"}
VOICE_LABELS = {v: voice_label(v) for v in ("outlet", "quoted", "attributed")}
VOICES = ("outlet", "quoted", "attributed")
SINGLE_SOURCE_SHOWN = 12  # the report shows the most important; the JSON keeps them all


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
    env.filters["date_ar"] = date_ar
    env.filters["label"] = lambda key, kind: label(kind, key)
    env.filters["reasons"] = reasons
    env.globals.update(kind_labels=KIND_LABELS, voice_labels=VOICE_LABELS, voices=VOICES,
                       single_shown=SINGLE_SOURCE_SHOWN, scope_of=scope_of)
    return env


def reasons(reason: str) -> str:
    """"near-duplicate, same-agency:رويترز" -> Arabic, agency names kept."""
    out = []
    for r in reason.split(", "):
        kind, _, agent = r.partition(":")
        out.append(label("reason", kind) + (f" ({agent})" if agent else ""))
    return "، ".join(out)


def scope_of(by_id: dict, f: Figure) -> str:
    """The time scope a figure states ("خلال يوم واحد"), as written."""
    a = by_id.get(f.article)
    if a is None or f.quantity >= len(a.quantities):
        return ""
    q = a.quantities[f.quantity]
    return a.text[q.scope.start : q.scope.end] if q.scope else ""


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
    """Frame sides down, outlets across: a handful of outlets fit a page, dozens of
    contested terms do not. ``rows`` are ((frame, side), Arabic label, own-voice
    outlets, cells) with cells[outlet] = {voice: (count, first evidence)}."""

    outlets: list[str]
    rows: list[tuple[tuple[str, str], str, int, dict]]
    columns: list[tuple[str, str]]  # the (frame, side) keys in row order (for callers that iterate them)


def framing_matrix(dossier: Dossier) -> Matrix:
    cells: dict[tuple[str, str], dict] = {}
    totals: dict[tuple[str, str], int] = {}
    for u in dossier.framing:
        key = (u.frame, u.side)
        totals[key] = totals.get(key, 0) + u.count
        cell = cells.setdefault(key, {}).setdefault(u.outlet, {})
        n, ev = cell.get(u.voice, (0, None))
        cell[u.voice] = (n + u.count, ev or (u.evidence[0] if u.evidence else None))
    outlets = [s.label for s in dossier.sources if s.duplicate_of is None]
    outlets += sorted({o for c in cells.values() for o in c} - set(outlets))
    outlets = [o for o in outlets if any(o in c for c in cells.values())]

    def own(key):  # outlets that use the term in their own voice: the contested rows first
        return sum(1 for c in cells[key].values() if "outlet" in c)

    keys = sorted(cells, key=lambda k: (k[0], -own(k), -totals[k], k[1]))
    rows = [(k, f"{frame_label(k[0])}: {side_label(k[1])}", own(k), cells[k]) for k in keys]
    return Matrix(outlets, rows, keys)


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


def context(dossier: Dossier) -> dict:
    """What the templates (and the web story page, which renders the same sections) need."""
    from ..compare.figures import OUTLET_OWN

    return {
        "d": dossier, "sections": SECTIONS, "by_id": {a.id: a for a in dossier.articles},
        "labels": {s.article: s.label for s in dossier.sources}, "outlet_own": OUTLET_OWN,
    }


def to_html(dossier: Dossier, title: str = "tabayyun — ملف التحقق") -> str:
    return _env().get_template("report.html.j2").render(title=title, **context(dossier))
