"""Resolve candidates (``time_rules.Cand``) to values against an anchor.

Relative expressions are resolved against the publication date when it is
known at a fine enough grain; otherwise against the nearest absolute date in
the text (anchor "nearest", lower confidence); otherwise they keep no value
(anchor "none"). The clock is never read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .time_calendar import (
    duration, gregorian_to_hijri_year, hijri_to_gregorian, iso_week, make_date, nearest_year,
    shift, weekday_after, weekday_nearest, weekday_on_or_before,
)
from .time_lexicon import PARTS, RELATIVE, WEEKDAYS
from .time_rules import DECADES, Cand

GRAIN_RANK = {"year": 0, "month": 1, "week": 2, "day": 3, "part_of_day": 4, "hour": 5, "minute": 6}
TODAY_OFFSET = {"اليوم": 0, "يوم امس": -1, "امس": -1, "الامس": -1, "اول امس": -2,
                "اول من امس": -2, "البارحه": -1, "غدا": 1, "يوم غد": 1, "بعد غد": 2}
PAST = ("الماضي", "المنصرم", "الفايت")
NEXT = ("المقبل", "القادم")


@dataclass(frozen=True, slots=True)
class Ref:
    """A reference date and how fine it is ("day", "month" or "year")."""

    day: date
    grain: str
    confidence: float = 1.0

    def at_least(self, grain: str) -> bool:
        return GRAIN_RANK[self.grain] >= GRAIN_RANK[grain]


@dataclass(slots=True)
class Resolved:
    kind: str
    value: str | None
    grain: str = "day"
    end_value: str | None = None
    anchor: str = "absolute"
    confidence: float = 0.95
    day: date | None = None  # the day it denotes, for later references


def explicit_day(c: Cand) -> date | None:
    """The date of a candidate that needs no anchor at all (year written)."""
    f = c.f
    if c.rule == "dmy" and "y" in f and f.get("era") not in ("ه", "هجري", "للهجره"):
        return make_date(int(f["y"]), f["month"], int(f["d"]))
    if c.rule == "numeric":
        return _numeric(f)
    if c.rule == "hijri" and "y" in f and "d" in f:
        return hijri_to_gregorian(int(f["y"]), f["month"], int(f["d"]))
    return None


def _numeric(f: dict) -> date | None:
    if "y2" in f:
        return make_date(int(f["y2"]), int(f["m2"]), int(f["d2"]))
    return make_date(int(f["y"]), int(f["m"]), int(f["d"]))


class Resolver:
    """Walks the candidates in text order, keeping the last date mentioned."""

    def __init__(self, cands: list[Cand], pub: Ref | None):
        self.pub = pub
        self.last: date | None = None  # last day-grain date mentioned
        self.last_year: int | None = None
        self.last_month: tuple[int, int] | None = None
        # explicit day dates, for the "nearest" anchor when publication is unknown
        self.explicit = [(c.start, d) for c in cands if (d := explicit_day(c))]

    # ---- anchors
    def anchor(self, pos: int, grain: str) -> tuple[Ref | None, str, float]:
        """The reference for a relative expression needing ``grain``."""
        if self.pub and self.pub.at_least(grain):
            return self.pub, "publication", min(0.9, self.pub.confidence)
        if self.last is not None:
            return Ref(self.last, "day"), "nearest", 0.5
        if self.explicit:
            _, d = min(self.explicit, key=lambda e: abs(e[0] - pos))
            return Ref(d, "day"), "nearest", 0.4
        return None, "none", 0.2

    def _remember(self, d: date | None, grain: str) -> None:
        if d is None:
            return
        if GRAIN_RANK.get(grain, 0) >= GRAIN_RANK["day"]:
            self.last = d
        if GRAIN_RANK.get(grain, 0) >= GRAIN_RANK["month"]:
            self.last_month = (d.year, d.month)
        self.last_year = d.year

    def resolve(self, c: Cand) -> Resolved | None:
        fn = getattr(self, "_" + c.rule)
        r = fn(c, c.f)
        if r is not None and r.kind in ("date", "datetime", "interval"):
            self._remember(r.day, r.grain)
        return r

    # ---- years shared by dmy / my
    def _year_for(self, c: Cand, f: dict, month: int, day: int) -> tuple[int | None, str, float]:
        if "y" in f:
            return int(f["y"]), "absolute", 0.95
        if "yrel" in f:
            _unit, off, _ = RELATIVE[f["yrel"]]
            if off == "same":
                return (self.last_year, "previous", 0.85) if self.last_year else (None, "none", 0.2)
            ref, how, conf = self.anchor(c.start, "year")
            return (ref.day.year + int(off), how, conf) if ref else (None, "none", 0.2)
        if "cur" in f:
            ref, how, conf = self.anchor(c.start, "month")
            if ref is None:
                return None, "none", 0.2
            y = ref.day.year
            if f["cur"] in PAST and month >= ref.day.month:
                y -= 1
            elif f["cur"] in NEXT and month <= ref.day.month:
                y += 1
            return y, how, conf
        if self.pub is not None:
            conf = min(0.9, self.pub.confidence)
            if self.pub.at_least("month"):
                return nearest_year(month, day, self.pub.day), "publication", conf
            return self.pub.day.year, "publication", conf * 0.8
        if self.last is not None:
            return nearest_year(month, day, self.last), "previous", 0.7
        ref, how, conf = self.anchor(c.start, "day")
        return (nearest_year(month, day, ref.day), how, conf) if ref else (None, "none", 0.3)

    # ---- rules
    def _dmy(self, c: Cand, f: dict) -> Resolved | None:
        d, month = int(f["d"]), f["month"]
        if make_date(2000, month, d) is None:
            return None  # 31 February, 0 September: not a date
        y, how, conf = self._year_for(c, f, month, d)
        if y is None:
            return Resolved("date", f"--{month:02d}-{d:02d}", "day", anchor="none", confidence=0.3)
        day = make_date(y, month, d)
        if day is None:
            return None  # 29 February in a common year
        if "weekday" in f and day.weekday() != f["weekday"]:
            # the weekday contradicts the date: we cannot tell which is wrong
            return Resolved("date", None, "day", anchor="none", confidence=0.1)
        d0 = f.get("d0") or f.get("d0b")
        if d0 and make_date(y, month, int(d0)) and int(d0) < d:
            return Resolved("interval", make_date(y, month, int(d0)).isoformat(), "day",
                            day.isoformat(), how, conf, day)
        return self._with_part(day, f, how, conf)

    def _with_part(self, day: date, f: dict, how: str, conf: float) -> Resolved:
        if "h" in f:
            return Resolved("datetime", f"{day.isoformat()}T{f['h']:02d}:{f['mi']:02d}", "minute",
                            anchor=how, confidence=conf, day=day)
        part = f.get("part") or f.get("part2")
        if part:
            return Resolved("date", f"{day.isoformat()}T{PARTS[part]}", "part_of_day",
                            anchor=how, confidence=conf, day=day)
        return Resolved("date", day.isoformat(), "day", anchor=how, confidence=conf, day=day)

    def _numeric(self, c: Cand, f: dict) -> Resolved | None:
        day = _numeric(f)
        return Resolved("date", day.isoformat(), "day", day=day) if day else None

    def _hijri(self, c: Cand, f: dict) -> Resolved | None:
        month = f["month"]
        if "y" in f:
            hy, how, conf = int(f["y"]), "absolute", 0.85
        else:
            ref, how, conf = self.anchor(c.start, "month")
            if ref is None:
                return Resolved("date", None, "day", anchor="none", confidence=0.1)
            hy = gregorian_to_hijri_year(ref.day)
        if "d" in f:
            day = hijri_to_gregorian(hy, month, int(f["d"]))
            if day is None or int(f["d"]) > 30:
                return None
            return Resolved("date", day.isoformat(), "day", anchor=how, confidence=conf, day=day)
        first = hijri_to_gregorian(hy, month, 1)
        nxt = hijri_to_gregorian(hy + (month == 12), month % 12 + 1, 1)
        if not first or not nxt:
            return None
        last = date.fromordinal(nxt.toordinal() - 1)
        return Resolved("interval", first.isoformat(), "day", last.isoformat(), how, conf * 0.9)

    def _my(self, c: Cand, f: dict) -> Resolved | None:
        month = f["month"]
        y, how, conf = self._year_for(c, f, month, 15)
        if y is None:
            return Resolved("date", f"--{month:02d}", "month", anchor="none", confidence=0.3)
        day = date(y, month, 1)
        return Resolved("date", f"{y}-{month:02d}", "month", anchor=how, confidence=conf, day=day)

    def _year(self, c: Cand, f: dict) -> Resolved | None:
        y = int(f["y"])
        if f.get("era") in ("ه", "هجري", "للهجره"):
            first, nxt = hijri_to_gregorian(y, 1, 1), hijri_to_gregorian(y + 1, 1, 1)
            if not first or not nxt:
                return None
            last = date.fromordinal(nxt.toordinal() - 1)
            return Resolved("interval", first.isoformat(), "day", last.isoformat(), "absolute", 0.8)
        return Resolved("date", str(y), "year", day=date(y, 1, 1))

    def _decade(self, c: Cand, f: dict) -> Resolved:
        dec = DECADES[f["dec"].removeprefix("ال")]
        century = 1900
        if self.pub and 2000 + dec * 10 <= self.pub.day.year:
            century = 2000
        lo, hi = century + dec * 10, century + dec * 10 + 9
        mod = f.get("mod", "")
        if mod in ("مطلع", "اوايل", "بدايه"):
            hi = lo + 3
        elif mod == "منتصف":
            lo, hi = lo + 4, lo + 6
        elif mod in ("اواخر", "نهايه"):
            lo = lo + 7
        return Resolved("interval", str(lo), "year", str(hi), "absolute", 0.8)

    def _weekday(self, c: Cand, f: dict) -> Resolved:
        wd = f["weekday"]
        rel = f.get("rel")
        ref, how, conf = self.anchor(c.start, "day")
        if ref is None:
            return Resolved("date", None, "day", anchor="none", confidence=0.2)
        if rel:
            day = shift(ref.day, "day", TODAY_OFFSET[rel])
            if how != "publication":  # "أمس الخميس" against another date: go by the weekday
                day = weekday_nearest(ref.day, wd)
            elif day.weekday() != wd:
                return Resolved("date", None, "day", anchor="none", confidence=0.1)
        elif f.get("dir") in NEXT:
            day = weekday_after(ref.day, wd)
        elif f.get("dir") in PAST:
            day = weekday_on_or_before(shift(ref.day, "day", -1), wd)
        elif how == "publication":
            day = weekday_on_or_before(ref.day, wd)  # news reports what has happened
            conf *= 0.9
        else:
            day = weekday_nearest(ref.day, wd)
        return self._with_part(day, f, how, conf)

    def _rel(self, c: Cand, f: dict) -> Resolved | None:
        unit, off, part = RELATIVE[f["k"]]
        grain = {"day": "day", "week": "week", "month": "month", "year": "year"}[unit]
        if off == "same":
            if self.last is None and self.last_year is None:
                return Resolved("date", None, grain, anchor="none", confidence=0.2)
            if unit == "year":
                return Resolved("date", str(self.last_year), "year", anchor="previous",
                                confidence=0.85, day=date(self.last_year, 1, 1))
            if unit == "month" and self.last_month:
                y, m = self.last_month
                return Resolved("date", f"{y}-{m:02d}", "month", anchor="previous",
                                confidence=0.85, day=date(y, m, 1))
            if self.last is None:
                return Resolved("date", None, grain, anchor="none", confidence=0.2)
            return Resolved("date", self.last.isoformat(), "day", anchor="previous",
                            confidence=0.8, day=self.last)
        ref, how, conf = self.anchor(c.start, grain if grain != "week" else "day")
        if ref is None or how == "nearest":
            # "yesterday" said of an unknown day: nothing honest to resolve it to
            return Resolved("date", None, grain, anchor="none", confidence=0.2)
        n = int(off)
        day = shift(ref.day, unit, n)
        if unit == "day":
            if f["k"] == "اليوم":
                conf *= 0.8  # "اليوم" is also "nowadays"
            if part:
                return Resolved("date", f"{day.isoformat()}T{part}", "part_of_day", anchor=how,
                                confidence=conf, day=day)
            return Resolved("date", day.isoformat(), "day", anchor=how, confidence=conf, day=day)
        if unit == "week":
            return Resolved("date", iso_week(day), "week", anchor=how, confidence=conf, day=day)
        if unit == "month":
            return Resolved("date", f"{day.year}-{day.month:02d}", "month", anchor=how,
                            confidence=conf, day=day.replace(day=1))
        return Resolved("date", str(day.year), "year", anchor=how, confidence=conf,
                        day=date(day.year, 1, 1))

    def _ago(self, c: Cand, f: dict) -> Resolved:
        unit, n = f["u"], f["n"]
        grain = {"second": "day", "minute": "day", "hour": "day", "day": "day", "week": "week",
                 "month": "month", "year": "year", "decade": "year"}[unit]
        ref, how, conf = self.anchor(c.start, "day" if grain == "week" else grain)
        if ref is None or how == "nearest":
            return Resolved("date", None, grain, anchor="none", confidence=0.2)
        day = shift(ref.day, unit, -n)
        value = {"day": day.isoformat(), "week": iso_week(day), "month": f"{day.year}-{day.month:02d}",
                 "year": str(day.year)}[grain]
        if "q" in f:
            conf *= 0.8
        return Resolved("date", value, grain, anchor=how, confidence=conf * 0.9)

    def _pastn(self, c: Cand, f: dict) -> Resolved:
        unit, n = f["u"], f["n"]
        grain = "year" if unit in ("year", "decade") else "month" if unit == "month" else "day"
        ref, how, conf = self.anchor(c.start, grain)
        if ref is None or how == "nearest":
            return Resolved("interval", None, grain, anchor="none", confidence=0.2)
        other = shift(ref.day, unit, n if f["dir"] in ("المقبله", "القادمه", "المقبل", "القادم") else -n)
        lo, hi = sorted((ref.day, other))
        fmt = {"day": date.isoformat, "month": lambda d: f"{d.year}-{d.month:02d}",
               "year": lambda d: str(d.year)}[grain]
        return Resolved("interval", fmt(lo), grain, fmt(hi), how, conf * 0.9)

    def _duration(self, c: Cand, f: dict) -> Resolved:
        return Resolved("duration", duration(f["u"], f["n"]), "unknown", anchor="none",
                        confidence=0.9 if "q" not in f else 0.8)

    def _time(self, c: Cand, f: dict) -> Resolved:
        return Resolved("time", f"T{f['h']:02d}:{f['mi']:02d}", "minute", anchor="none", confidence=0.8)

    def _set(self, c: Cand, f: dict) -> Resolved:
        if "wd" in f:
            return Resolved("set", f"XXXX-WXX-{WEEKDAYS['ال' + f['wd']] + 1}", "day", anchor="none")
        every = f.get("every") or {"يوميا": "يوم", "اسبوعيا": "اسبوع", "شهريا": "شهر",
                                   "سنويا": "عام"}[f["k"]]
        unit = {"يوم": "day", "اسبوع": "week", "شهر": "month", "عام": "year", "سنه": "year",
                "ساعه": "hour"}[every]
        return Resolved("set", duration(unit, 1), "unknown", anchor="none", confidence=0.9)
