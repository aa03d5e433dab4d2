"""Reader labels for the dossier: the Arabic a fact-checker reads, kept apart from
the machine keys the JSON joins on (``Figure.fact`` stays English and stable).

All wording is data (``arabic/lexicons/dossier_labels.tsv``); this module only
assembles it. A part with no label falls back to its key, never to nothing."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from importlib import resources



@lru_cache(maxsize=1)
def labels() -> dict[tuple[str, str], str]:
    data = resources.files("tabayyun.arabic").joinpath("lexicons/dossier_labels.tsv").read_text("utf-8")
    out = {}
    for line in data.splitlines():
        if line.strip() and not line.startswith("#"):
            kind, key, label = (line.split("\t") + ["", ""])[:3]
            out[(kind, key)] = label
    return out


def label(kind: str, key: str, default: str | None = None) -> str:
    got = labels().get((kind, key))
    return got if got is not None else (key if default is None else default)


@lru_cache(maxsize=1)
def _adjectives() -> dict[str, str]:
    """state id -> its first nationality adjective as written ("gpe:AM" -> "أرميني")."""
    data = resources.files("tabayyun.arabic").joinpath("lexicons/ner_demonyms.tsv").read_text("utf-8")
    out: dict[str, str] = {}
    for line in data.splitlines():
        cols = line.split("\t")
        if line.startswith("#") or len(cols) < 2 or not cols[1]:
            continue
        out.setdefault(cols[1], cols[0])
    return out


def side_en(state: str) -> str:
    """"gpe:AM" -> "Armenian side" (the English fact key)."""
    adj = labels().get(("side_en", state))
    if adj:
        return f"{adj} side"
    from ..extract.ner_lexicon import lexicon

    canon = lexicon().canon.get(state)
    return f"side of {(canon.label_en or canon.label) if canon else state}"


def side_ar(state: str) -> str:
    """"gpe:AM" -> "في الجانب الأرميني"."""
    adj = _adjectives().get(state)
    if adj:
        return f"في الجانب ال{adj}"
    from ..extract.ner_lexicon import lexicon

    canon = lexicon().canon.get(state)
    return f"في جانب {canon.label if canon else state}"


def category_label(category: str) -> str:
    return label("category", category)


def date_ar(value: str | None) -> str:
    """"2023-09-20" -> "20 سبتمبر 2023"; "2023-09" -> "سبتمبر 2023"; else as given."""
    if not value:
        return ""
    try:
        if len(value) >= 10:
            d = dt.date.fromisoformat(value[:10])
            return f"{d.day} {label('month', str(d.month))} {d.year}"
        if len(value) >= 7:
            return f"{label('month', str(int(value[5:7])))} {value[:4]}"
    except ValueError:
        pass
    return value


def month_span_ar(first: dt.date, last: dt.date) -> str:
    a = f"{label('month', str(first.month))} {first.year}"
    b = f"{label('month', str(last.month))} {last.year}"
    return a if a == b else f"{a} – {b}"


def fact_ar(category: str, who: str, side: str | None, subset: bool, cause: str | None,
            agent: str | None = None, topic: str | None = None, period: str | None = None) -> str:
    """The reader's name of a fact: "عدد القتلى في الجانب الأرميني (في العملية العسكرية)"."""
    parts = [category_label(category)]
    if who:
        w = labels().get(("group", who))
        if w is None:
            w = labels().get(("unit", who), who)
        if w:
            parts.append(w)
    if side:
        parts.append(side_ar(side))
    extra = [x for x in (
        label("cause", cause) if cause else None,
        label("agent", agent) if agent else None,
        label("subset", "among") if subset else None,
        f"«{topic}»" if topic else None,
        period,
    ) if x]
    out = " ".join(parts)
    return out + (f" ({'، '.join(extra)})" if extra else "")


def frame_label(frame: str) -> str:
    return label("frame", frame)


def side_label(side: str) -> str:
    return label("side", side)


def neutral_side(side: str) -> bool:
    return ("neutral", side) in labels()


def voice_label(voice: str) -> str:
    return label("voice", voice)


def number(v: float | None) -> str:
    if v is None:
        return "?"
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}"


def figure_value(f) -> str:
    """A figure's value as the reader reads it: "200 على الأقل", "أكثر من 400", "20–99"."""
    if f.value is None and f.low is not None and f.high is not None:
        v = f"{number(f.low)}–{number(f.high)}"
    else:
        v = number(f.value if f.value is not None else f.low or f.high)
    return label("qualifier", f.qualifier, "{v}").format(v=v)
