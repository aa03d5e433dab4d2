"""The timeline as an inline SVG: a vertical date axis on the right (the page
reads right to left), one mark per event sized by how many outlets report it,
the event's text beside it, and a break on the axis where weeks pass without
events — so four days in September and a follow-up in December both stay legible.
Vertical, because Arabic labels are long and phones are narrow."""

from __future__ import annotations

from datetime import date

from markupsafe import Markup, escape

from ..model import TimelineEvent

WIDTH, ROW, TOP, GAP_ROW = 900, 30, 16, 26
AXIS_X, DATE_X, LABEL_X = 770, 892, 750
BREAK_DAYS = 7  # a longer silence draws a break in the axis
LABEL_CHARS = 96


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if len(value) >= 10 else date.fromisoformat(value[:7] + "-01")
    except ValueError:
        return None


def _openers() -> list[str]:
    from ..compare.align_labels import labels

    return sorted((k for kind, k in labels() if kind == "opener"), key=len, reverse=True)


def _short(text: str, n: int = LABEL_CHARS) -> str:
    """A chart label: the sentence without an eventless opener ("من جانبها،"), cut at a word."""
    text = " ".join(text.split())
    for o in _openers():
        if text.startswith(o) and len(text) > len(o) + 20:
            text = text[len(o):].lstrip(" ،,")
            break
    return text if len(text) <= n else text[: n - 1].rsplit(" ", 1)[0] + "…"


def _day_label(value: str) -> str:
    from ..compare.align_labels import date_ar

    return date_ar(value[:10])


def timeline_svg(events: tuple[TimelineEvent, ...]) -> Markup:
    if not events:
        return Markup("")
    parts: list[str] = []
    y = TOP
    prev_day: date | None = None
    prev_date = None
    first_y = y
    for i, e in enumerate(events, 1):
        d = _day(e.date)
        if prev_day is not None and d is not None and (d - prev_day).days > BREAK_DAYS:
            gap = (d - prev_day).days
            parts.append(
                f'<line x1="{AXIS_X}" y1="{y - ROW // 2 + 4}" x2="{AXIS_X}" y2="{y + GAP_ROW - ROW // 2 - 4}" class="tl-gap"/>'
                f'<text x="{LABEL_X}" y="{y + 4}" class="tl-gaptext" direction="rtl" text-anchor="start">'
                f"{escape(f'… {gap} يومًا لاحقًا …')}</text>"
            )
            y += GAP_ROW
        outlets = len({ev.outlet or ev.article for ev in e.evidence})
        r = min(4 + 2 * outlets, 12)
        label = escape(_short(e.text))
        full = escape(f"{e.date} — {e.text}")
        date_label = escape(_day_label(e.date)) if e.date[:10] != (prev_date or "")[:10] else ""
        parts.append(
            f'<a href="#tl-{i}"><g class="tl-ev"><title>{full}</title>'
            f'<circle cx="{AXIS_X}" cy="{y}" r="{r}"/>'
            f'<text x="{DATE_X}" y="{y + 4}" class="tl-date" direction="rtl" text-anchor="start">{date_label}</text>'
            f'<text x="{LABEL_X}" y="{y + 5}" class="tl-label" direction="rtl" text-anchor="start">{label}'
            f"{escape(f' ({outlets})') if outlets > 1 else ''}</text></g></a>"
        )
        prev_day, prev_date = d or prev_day, e.date
        y += ROW
    height = y - ROW // 2 + 8
    axis = f'<line x1="{AXIS_X}" y1="{first_y - 8}" x2="{AXIS_X}" y2="{height - 8}" class="tl-axis"/>'
    style = (
        "<style>.tl-axis{stroke:#5b6475;stroke-width:2}.tl-gap{stroke:#fbfbfd;stroke-width:4}"
        ".tl-ev circle{fill:#0b6e69;opacity:.85}.tl-ev:hover circle{fill:#a4441b}"
        ".tl-date{font-size:12px;fill:#5b6475;font-family:sans-serif}.tl-label{font-size:14px;fill:#1d2330}"
        ".tl-gaptext{font-size:12px;fill:#a4441b;font-style:italic}</style>"
    )
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'role="img" aria-label="التسلسل الزمني: {len(events)} حدثًا">{style}{axis}{"".join(parts)}</svg>'
    )
