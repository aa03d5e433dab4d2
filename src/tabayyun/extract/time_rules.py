"""Compiled rules that find Arabic temporal expressions in normalised text.

Each rule is a regex over the normalised text (alef/hamza forms unified,
ة→ه, ى→ي, diacritics and tatweel gone, Eastern digits → ASCII) and a parser that
turns a match into a ``Cand``: the parts of the expression, not yet resolved
against any date. Resolution is ``time_resolve``'s job, so the same candidates
serve publication-date inference and the final values.

Only the regions around a trigger word (a digit, a month, a weekday, a unit or
a relative word) are scanned, which keeps the stage well under a millisecond
per article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .time_lexicon import (
    HIJRI_MONTHS, HOURS, MONTHS, MONTHS_AMBIGUOUS, NUMBERS, ORDINALS, PARTS, RELATIVE, UNITS,
    WEEKDAYS, WEEKDAYS_AMBIGUOUS, alt, key_of, number_value,
)


@dataclass(slots=True)
class Cand:
    """One expression found: offsets into the normalised text and its parts."""

    start: int
    end: int
    rule: str  # dmy, my, year, decade, weekday, rel, ago, pastn, duration, time, set, hijri
    f: dict = field(default_factory=dict)


CL = r"(?<!\w)(?:[وف](?=\w))?(?:[بلك](?=\w))?"  # proclitics و ف ب ل ك, outside the span
MON = f"(?:{alt(MONTHS)})"
MONPAIR = rf"(?P<mon>{MON})(?:(?:\s*[/\-(]\s*|\s+)(?P<mon2>{MON})\s*\)?)?"
ORD = f"(?:{alt(ORDINALS)})"
WD = f"(?:{alt(WEEKDAYS)})"
PART = f"(?:{alt(PARTS)})"
NUMW = f"(?:{alt(NUMBERS)})"
NUM = rf"(?:\d{{1,4}}|{NUMW}(?:\s+و\s*{NUMW})?)"
UNIT = f"(?:{alt(UNITS)})"
TODAY = r"اليوم|يوم\s+امس|امس|الامس|اول\s+امس|اول\s+من\s+امس|البارحه|غدا|يوم\s+غد|بعد\s+غد"
YREL = r"هذا\s+العام|العام\s+الجاري|العام\s+الحالي|هذه\s+السنه|العام\s+الماضي|العام\s+المنصرم|السنه\s+الماضيه|نفس\s+العام|العام\s+نفسه|العام\s+ذاته|ذات\s+العام|نفس\s+السنه|ذلك\s+العام|العام\s+المقبل|العام\s+القادم"
DIR = r"الماضيه|الاخيره|المنصرمه|الفايته|الماضي|الاخير|المنصرم|المقبله|القادمه|المقبل|القادم"
CUR = r"الجاري|الحالي|الماضي|المنصرم|الفايت|المقبل|القادم"
YEAR = (
    r"(?:\s*[,]?\s*(?:من\s+)?(?:(?:ال)?عام\s+|(?:ال)?سنه\s+)?(?P<y>\d{4})(?!\d)"
    r"(?:\s*(?P<era>ه|هجري|للهجره|م|ميلادي)(?!\w))?"
    rf"|\s+(?:من\s+)?(?P<yrel>{YREL})|\s+(?P<cur>{CUR}))?"
)

DMY = re.compile(
    CL + r"(?P<x>"
    rf"(?:(?P<part>{PART})\s+)?(?:(?P<rel>{TODAY})\s+)?(?:(?P<part2>{PART})\s+)?"
    rf"(?:(?:يوم\s+)?(?P<wd>{WD})\s*[,(]?\s*(?:(?:ال)?موافق\s+)?)?"
    r"(?:(?P<rng>من|بين|ما\s+بين)\s+(?:ال\s*)?(?P<d0>\d{1,2})\s*(?:الي|حتي|و|-)\s*|(?P<d0b>\d{1,2})\s*-\s*)?"
    rf"(?:(?:ال\s*)?(?P<d>\d{{1,2}})(?!\d)\s*(?:من\s+)?|(?P<dw>{ORD})\s+من\s+)(?:شهر\s+)?"
    + MONPAIR + YEAR + r")(?!\w)"
)
MY = re.compile(
    CL + r"(?P<x>(?:(?P<mod>مطلع|اوايل|منتصف|اواسط|اواخر|نهايه|بدايه|اخر|اول|اواخر)\s+)?"
    r"(?P<shahr>شهر\s+)?" + MONPAIR + YEAR + r")(?!\w)"
)
YEAR_RE = re.compile(
    CL + r"(?P<x>(?P<trig>(?:ال)?عام|(?:ال)?سنه|منذ|مطلع|اوايل|منتصف|اواخر|نهايه|بدايه|حصاد|حتي|خلال|في)"
    r"\s+(?:(?:ال)?عام\s+)?(?P<y>\d{4})(?!\d)(?:\s*(?P<era>ه|هجري|للهجره|م|ميلادي)(?!\w))?)(?![\w%])"
    r"(?!\s*(?:%|في\s*المئه|بالمئه|الف|مليون))"
)
DECADE = re.compile(
    CL + r"(?P<x>(?:(?P<mod>مطلع|اوايل|منتصف|اواخر|نهايه|بدايه)\s+)?(?:ال)?"
    r"(?P<dec>عشرينيات|ثلاثينيات|اربعينيات|خمسينيات|ستينيات|سبعينيات|ثمانينيات|تسعينيات))(?!\w)"
)
DECADES = {"عشرينيات": 2, "ثلاثينيات": 3, "اربعينيات": 4, "خمسينيات": 5, "ستينيات": 6,
           "سبعينيات": 7, "ثمانينيات": 8, "تسعينيات": 9}
WEEKDAY = re.compile(
    CL + rf"(?P<x>(?:(?P<part>{PART})\s+)?(?:(?P<rel>{TODAY})\s+)?(?:(?P<part2>{PART})\s+)?"
    rf"(?:(?P<yawm>يوم)\s+)?(?P<wd>{WD})(?:\s+(?P<dir>الماضي|المنصرم|الفايت|المقبل|القادم))?)(?!\w)"
)
REL = re.compile(CL + rf"(?P<x>{alt(RELATIVE)})(?!\w)")
# "منذ ثلاث سنوات" (ago), "على مدى الأشهر التسعة الماضية" (past n), "44 يوماً" (duration)
SPAN = re.compile(
    CL + r"(?P<x>(?:(?P<pre>منذ|قبل)\s+|(?P<win>خلال|علي\s+مدي|علي\s+مدار|طوال|طيله|في)\s+)?"
    r"(?:(?P<q>اقل\s+من|اكثر\s+من|نحو|حوالي|قرابه|ما\s+يقرب\s+من|ما\s+يزيد\s+عن|ما\s+لا\s+يقل\s+عن"
    r"|لمده|مده)\s+)?"
    rf"(?:ال\s*(?=\d))?(?:(?P<num>{NUM})\s*)?(?P<unit>{UNIT})(?:\s+(?P<one>واحد|واحده))?"
    rf"(?:\s+(?:(?P<num2>{NUMW})\s+)?(?P<dir>{DIR}))?)(?!\w)(?P<after>\s+(?:من|علي)\s)?"
)
TIME = re.compile(
    CL + r"(?P<x>(?:ال)?ساعه\s+(?:(?P<hh>\d{1,2})(?:[:.](?P<mm>\d{2}))?|(?P<hw>"
    + alt(HOURS) + r"))(?:\s+(?:و\s*)?(?P<frac>النصف|الربع|نصف|ربع|الا\s+ربعا|الا\s+ربع))?"
    r"(?:\s+(?:من\s+)?(?P<ampm>صباحا|ظهرا|عصرا|ليلا|فجرا|بعد\s+الظهر|الصباح|المساء"
    rf"|(?:فجر|صباح|مساء)(?!\s+(?:يوم|اليوم|امس|غد|{WD}))))?"
    r"|(?P<hh2>\d{1,2}):(?P<mm2>\d{2})(?!\d)(?:\s+(?P<ampm2>صباحا|مساء|ظهرا|عصرا|ليلا|فجرا))?)"
    r"(?!\w)"
)
NUMERIC = re.compile(
    r"(?<![\d/.\-])(?P<x>(?P<d>\d{1,2})\s?(?P<s>[/.\-])\s?(?P<m>\d{1,2})\s?(?P=s)\s?(?P<y>\d{4})"
    r"|(?P<y2>\d{4})-(?P<m2>\d{2})-(?P<d2>\d{2}))(?![\d/.\-]\d)"
)
SET = re.compile(
    CL + r"(?P<x>يوميا|اسبوعيا|شهريا|سنويا|كل\s+(?:(?P<every>يوم|اسبوع|شهر|عام|سنه|ساعه)"
    rf"(?:\s+(?P<wd>{WD[3:-1].replace('ال', '')}))?))(?!\w)"
)
HIJRI = re.compile(
    CL + r"(?P<x>(?:(?:ال\s*)?(?P<d>\d{1,2})\s*(?:من\s+)?(?:شهر\s+)?|(?P<shahr>شهر\s+)"
    rf"|(?P<dw>{ORD})\s+من\s+(?:شهر\s+)?)"
    rf"(?P<hm>{alt(HIJRI_MONTHS)})(?:\s+(?:(?:ال)?عام\s+|(?:ال)?سنه\s+)?(?P<y>\d{{4}})(?!\d)"
    r"(?:\s*(?:ه|هجري|للهجره)(?!\w))?)?)(?!\w)"
)

_SAID_AFTER = re.compile(r"\s*(?:,|\s(?:ان|انه|انها|انهم|عن|في\s+بيان)(?!\w))")
_BOTH_BEFORE = re.compile(r"(?:ان|بين|كلا|من)\s+$")

RULES = (
    ("dmy", DMY), ("hijri", HIJRI), ("numeric", NUMERIC), ("my", MY), ("year", YEAR_RE),
    ("decade", DECADE), ("weekday", WEEKDAY), ("rel", REL), ("span", SPAN), ("time", TIME),
    ("set", SET),
)

def parse(rule: str, m: re.Match) -> Cand | None:
    if rule == "span" and not (m.group("num") or m.group("pre") or m.group("q") or m.group("dir")
                               or m.group("one")) and UNITS[key_of(m.group("unit"))][1] == 1:
        return None  # a lone "يوم" / "العام" is a word, not an amount of time
    f = {k: key_of(v) for k, v in m.groupdict().items() if v}
    f["k"] = f.pop("x")
    c = Cand(m.start("x"), m.end("x"), rule, f)
    if "dw" in f:
        f["d"] = str(ORDINALS[f["dw"]])
    if rule in ("dmy", "my"):
        f["month"] = MONTHS[f["mon"]]
        if "mon2" in f and MONTHS[f["mon2"]] != f["month"]:
            return None  # "سبتمبر/أكتوبر": two different months, not one date
        if rule == "my" and f["mon"] in MONTHS_AMBIGUOUS and not (
            {"shahr", "y", "yrel", "cur", "mon2", "mod"} & f.keys()
        ):
            return None  # "مارس" the verb, "آب" the father
    if "y" in f:
        y = int(f["y"])
        hijri = f.get("era") in ("ه", "هجري", "للهجره")
        if (hijri and not 1 <= y <= 1500) or (not hijri and not 1000 <= y <= 2100):
            return None  # far-future or implausible years are counts, not dates
        if rule == "year" and f["trig"] in ("في", "حتي", "خلال", "منذ") and not 1900 <= y <= 2100:
            return None
    if rule == "weekday":
        if f["wd"] in WEEKDAYS_AMBIGUOUS and not ({"rel", "part", "part2", "yawm", "dir"} & f.keys()):
            # "الاثنين" = both, "الأحد" = one of: a weekday only as "قالت … الاثنين إن/أن …"
            before = m.string[max(0, m.start("x") - 6):m.start("x")]
            if not _SAID_AFTER.match(m.string, m.end("x")) or _BOTH_BEFORE.search(before):
                return None
        f["weekday"] = WEEKDAYS[f["wd"]]
    elif rule == "dmy" and "wd" in f:
        f["weekday"] = WEEKDAYS[f["wd"]]
    if rule == "span":
        rule = c.rule = "pastn" if "dir" in f else "ago" if "pre" in f else "duration"
    if rule in ("ago", "pastn", "duration"):
        unit, implied, needs_num = UNITS[f["unit"]]
        f["u"] = unit
        n = number_value(f["num"]) if "num" in f else None
        if n is None and "num2" in f:
            n = number_value(f["num2"])
        if n is None and rule == "pastn" and implied == 1:
            return None  # "الأسبوع الماضي" is a relative word (rel), not "the past n weeks"
        if n is None:
            if needs_num or ("num" in f):
                return None  # "منذ أيام", "الأيام القادمة": vague, no value
            if rule == "duration" and implied == 1 and "one" not in f and "q" not in f:
                return None  # a lone "يوم" / "عام" is a word, not a duration
            n = implied
        elif implied == 2 or n == 0 or f.get("num", "").startswith("0"):
            return None  # "3 يومين" is not Arabic; "5 000 سنة" is a split number
        f["n"] = n
        if rule == "ago" and "after" in f:
            c.rule = "duration"  # "قبل يومين من الانتخابات": an offset from an event
        if c.rule == "duration":  # "خلال يوم واحد": the span is the amount itself
            c.start = m.start("q") if "q" in f else m.start("num") if "num" in f else m.start("unit")
    if rule == "time":
        hh = f.get("hh") or f.get("hh2")
        h = int(hh) if hh else HOURS.get(f.get("hw", ""), -1)
        mm = int(f.get("mm") or f.get("mm2") or 0)
        frac = f.get("frac", "")
        if "نصف" in frac:
            mm = 30
        elif "الا" in frac:
            h, mm = h - 1, 45
        elif "ربع" in frac:
            mm = 15
        ampm = f.get("ampm") or f.get("ampm2") or ""
        if h < 12 and any(w in ampm for w in ("مساء", "عصر", "ظهر", "ليل")) and not (
            "ليل" in ampm and h < 5
        ):
            h += 12
        if not (0 <= h <= 23 and 0 <= mm <= 59):
            return None
        f["h"], f["mi"] = h, mm
    if rule == "hijri":
        f["month"] = HIJRI_MONTHS[f["hm"]]
        if "d" not in f and "shahr" not in f:
            return None
    return c
