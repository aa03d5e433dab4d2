"""Infer the publication date from the text when no metadata gave it.

Clues, strongest first:
1. a dateline: a full date alone at the head of the text ("القاهرة - 20 سبتمبر 2023 -");
2. "today" with a date: "اليوم الأربعاء 20 أيلول/ سبتمبر" (a missing year is chosen
   so that the weekday agrees, among the years the text mentions or just after);
3. "today"/"yesterday"/"tomorrow" with a weekday ("اليوم الجمعة", "أمس الخميس")
   next to the latest full date in the text;
4. "<month> الجاري" with the year the text is about ("حصاد 2023 … ديسمبر الجاري")
   — month grain only;
5. "حصاد 2023" alone — year grain, weak.
Nothing found: no publication date (the caller says so; never the clock).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from .time_calendar import make_date
from .time_resolve import TODAY_OFFSET, Ref, explicit_day
from .time_rules import Cand

_HIJRI_ERA = ("ه", "هجري", "للهجره")
_AFTER_DATELINE = re.compile(r"\s*(?:\n|[-|:(\u2013\u2014]|$)")


@dataclass(frozen=True, slots=True)
class Inferred:
    ref: Ref
    how: str  # dateline / text / inferred
    start: int  # evidence, offsets into the normalised text
    end: int


def infer(cands: list[Cand], norm: str) -> Inferred | None:
    years = sorted({int(c.f["y"]) for c in cands if "y" in c.f and c.f.get("era") not in _HIJRI_ERA
                    and c.rule in ("dmy", "my", "year", "numeric")})
    return (_dateline(cands, norm) or _today_date(cands, years) or _today_weekday(cands)
            or _current_month(cands, years) or _harvest_year(cands))


def _dateline(cands: list[Cand], norm: str) -> Inferred | None:
    for c in cands:
        if c.start > 60:
            return None
        day = explicit_day(c)
        if day is None or c.f.get("rel", "اليوم") != "اليوم":
            continue
        line_start = norm.rfind("\n", 0, c.start) + 1
        if c.start - line_start <= 30 and _AFTER_DATELINE.match(norm, c.end):
            conf = 0.9 if _weekday_ok(c, day) else 0.5
            return Inferred(Ref(day, "day", conf), "dateline", c.start, c.end)
    return None


def _weekday_ok(c: Cand, day: date) -> bool:
    return "weekday" not in c.f or c.f["weekday"] == day.weekday()


def _today_date(cands: list[Cand], years: list[int]) -> Inferred | None:
    for c in cands:
        if c.rule != "dmy" or c.f.get("rel") != "اليوم":
            continue
        day = explicit_day(c)
        if day is not None:
            conf = 0.95 if _weekday_ok(c, day) else 0.4
            return Inferred(Ref(day, "day", conf), "text", c.start, c.end)
        month, d = c.f["month"], int(c.f["d"])
        if not years or make_date(2000, month, d) is None:
            continue
        base = max(y for y in years)
        if "weekday" not in c.f:
            day = make_date(base, month, d)
            if day:
                return Inferred(Ref(day, "day", 0.5), "inferred", c.start, c.end)
            continue
        # the weekday picks the year: the text's latest year or one just after it
        for y in range(base, base + 7):
            day = make_date(y, month, d)
            if day and day.weekday() == c.f["weekday"]:
                return Inferred(Ref(day, "day", 0.75), "inferred", c.start, c.end)
    return None


def _known_days(cands: list[Cand]) -> list[date]:
    """Full dates in the text, a date without a year taking the year of the
    full date before it."""
    out: list[date] = []
    year = None
    for c in cands:
        day = explicit_day(c)
        if day is not None:
            out.append(day)
            year = day.year
        elif c.rule == "dmy" and year and "yrel" not in c.f and "cur" not in c.f:
            d = make_date(year, c.f["month"], int(c.f["d"]))
            if d and _weekday_ok(c, d):
                out.append(d)
    return out


def _today_weekday(cands: list[Cand]) -> Inferred | None:
    clues = [(c, (c.f["weekday"] - TODAY_OFFSET[c.f["rel"]]) % 7)
             for c in cands if c.rule == "weekday" and c.f.get("rel") in TODAY_OFFSET]
    if not clues:
        return None
    days = _known_days(cands)
    if not days:
        return None
    first = next((cl for cl in clues if cl[0].f["rel"] == "اليوم"), clues[0])
    wd = first[1]
    latest = max(days)
    pub = latest + timedelta(days=(wd - latest.weekday()) % 7)
    agree = sum(1 for _, w in clues if w == wd)
    conf = 0.7 + 0.1 * min(agree - 1, 1) if agree == len(clues) else 0.5
    return Inferred(Ref(pub, "day", conf), "inferred", first[0].start, first[0].end)


def _current_month(cands: list[Cand], years: list[int]) -> Inferred | None:
    harvest = [int(c.f["y"]) for c in cands if c.rule == "year" and c.f.get("trig") == "حصاد"]
    for c in cands:
        if c.rule in ("dmy", "my") and c.f.get("cur") in ("الجاري", "الحالي"):
            year = harvest[0] if harvest else (max(years) if years else None)
            if year is None:
                return None
            conf = 0.7 if harvest else 0.5
            return Inferred(Ref(date(year, c.f["month"], 15), "month", conf), "inferred",
                            c.start, c.end)
    return None


def _harvest_year(cands: list[Cand]) -> Inferred | None:
    for c in cands:
        if c.rule == "year" and c.f.get("trig") == "حصاد":
            return Inferred(Ref(date(int(c.f["y"]), 12, 15), "year", 0.4), "inferred",
                            c.start, c.end)
    return None
