"""Calendar arithmetic the time stage needs: month/year shifts, ISO weeks,
weekday search and the tabular Hijri calendar. Pure functions over
``datetime.date``; nothing here reads the clock."""

from __future__ import annotations

import math
from datetime import date, timedelta

from hijridate import Hijri

DURATION_CODE = {"second": "TS", "minute": "TM", "hour": "TH", "day": "D", "week": "W",
                 "month": "M", "year": "Y"}


def make_date(y: int, m: int, d: int) -> date | None:
    """A date, or None when it does not exist (31 February)."""
    try:
        return date(y, m, d)
    except (ValueError, OverflowError):
        return None


def add_months(d: date, n: int) -> date:
    y, m = divmod(d.year * 12 + d.month - 1 + n, 12)
    m += 1
    for day in (d.day, 30, 29, 28):
        out = make_date(y, m, day)
        if out:
            return out
    return date(y, m, 28)


def shift(d: date, unit: str, n: int) -> date:
    """``d`` moved by ``n`` units (negative = back)."""
    if unit in ("second", "minute", "hour"):
        secs = {"second": 1, "minute": 60, "hour": 3600}[unit] * n
        return d + timedelta(days=math.floor(secs / 86400)) if secs < 0 else d + timedelta(
            days=secs // 86400)
    if unit == "day":
        return d + timedelta(days=n)
    if unit == "week":
        return d + timedelta(days=7 * n)
    if unit == "month":
        return add_months(d, n)
    if unit == "year":
        return add_months(d, 12 * n)
    if unit == "decade":
        return add_months(d, 120 * n)
    raise ValueError(unit)


def iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def weekday_on_or_before(d: date, wd: int) -> date:
    return d - timedelta(days=(d.weekday() - wd) % 7)


def weekday_after(d: date, wd: int) -> date:
    return d + timedelta(days=(wd - d.weekday()) % 7 or 7)


def weekday_nearest(d: date, wd: int) -> date:
    back = weekday_on_or_before(d, wd)
    fwd = back + timedelta(days=7)
    return back if (d - back) <= (fwd - d) else fwd


def nearest_year(month: int, day: int, ref: date) -> int:
    """The year that puts month/day closest to ``ref`` (a news date without a
    year is within months of publication, usually before it)."""
    best, best_gap = ref.year, None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        d = make_date(y, month, day)
        if d is None:
            continue
        gap = (d - ref).days
        cost = abs(gap) if gap <= 0 else gap * 1.5  # ties go to the past
        if best_gap is None or cost < best_gap:
            best, best_gap = y, cost
    return best


def duration(unit: str, n: int) -> str:
    """ISO 8601 duration: ("day", 44) -> "P44D", ("hour", 24) -> "PT24H"."""
    if unit == "decade":
        unit, n = "year", n * 10
    code = DURATION_CODE[unit]
    return f"PT{n}{code[1]}" if code.startswith("T") else f"P{n}{code}"


# ---------------------------------------------------------------- Hijri

_ISLAMIC_EPOCH = 1948439.5  # Julian day of 1 Muharram 1 AH (tabular calendar)


def hijri_to_gregorian(y: int, m: int, d: int) -> date | None:
    """Umm al-Qura (the calendar Gulf media date by; ``hijridate`` ships its
    table for 1343–1500 AH), else the tabular calendar. Countries that go by
    sighting may differ by a day, so callers keep a lowered confidence."""
    if not (1 <= m <= 12 and 1 <= d <= 30 and 1 <= y <= 1600):
        return None
    if 1343 <= y <= 1500:
        try:
            return Hijri(y, m, d).to_gregorian()
        except (ValueError, OverflowError):
            if d < 30:
                return None
            # day 30 of a 29-day month in the table: the tabular reading, one day on
    return _tabular(y, m, d)


def _tabular(y: int, m: int, d: int) -> date | None:
    jd = (d + math.ceil(29.5 * (m - 1)) + (y - 1) * 354
          + math.floor((3 + 11 * y) / 30) + _ISLAMIC_EPOCH - 1)
    try:
        return date.fromordinal(int(jd - 1721424.5))
    except (ValueError, OverflowError):
        return None


def gregorian_to_hijri_year(d: date) -> int:
    """The Hijri year that contains ``d``."""
    y = int((d.year - 622) * 33 / 32)
    while hijri_to_gregorian(y + 1, 1, 1) and hijri_to_gregorian(y + 1, 1, 1) <= d:
        y += 1
    while y > 1 and hijri_to_gregorian(y, 1, 1) > d:
        y -= 1
    return y
