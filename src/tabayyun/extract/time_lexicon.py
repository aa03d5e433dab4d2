"""The time lexicons (``arabic/lexicons/time_*.tsv``), normalised once at import.

Every key is in the form :func:`tabayyun.arabic.normalise.normalise` gives, so
the rules can match the normalised text directly; ``alt()`` turns a key set into
a regex alternation, longest first (the ``re`` module takes the first
alternative that matches, not the longest).
"""

from __future__ import annotations

import re
from pathlib import Path

from ..arabic.normalise import normalise

_DIR = Path(__file__).resolve().parent.parent / "arabic" / "lexicons"


def _rows(name: str) -> list[list[str]]:
    rows = []
    for line in (_DIR / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append([c.strip() for c in line.split("\t")])
    return rows


def _key(s: str) -> str:
    return " ".join(normalise(s).split())


def alt(keys) -> str:
    """Regex alternation of keys, longest first; spaces match any run of spaces."""
    parts = sorted(set(keys), key=len, reverse=True)
    return "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in parts)


def key_of(matched: str) -> str:
    """The lexicon key of a matched string (spaces collapsed)."""
    if " " not in matched and "\n" not in matched and "\t" not in matched:
        return matched
    return " ".join(matched.split())


MONTHS: dict[str, int] = {}
MONTHS_AMBIGUOUS: set[str] = set()
for _r in _rows("time_months.tsv"):
    MONTHS[_key(_r[0])] = int(_r[1])
    if len(_r) > 3 and _r[3] == "1":
        MONTHS_AMBIGUOUS.add(_key(_r[0]))

HIJRI_MONTHS: dict[str, int] = {_key(r[0]): int(r[1]) for r in _rows("time_hijri_months.tsv")}

WEEKDAYS: dict[str, int] = {}
WEEKDAYS_AMBIGUOUS: set[str] = set()
for _r in _rows("time_weekdays.tsv"):
    WEEKDAYS[_key(_r[0])] = int(_r[1])
    if len(_r) > 2 and _r[2] == "1":
        WEEKDAYS_AMBIGUOUS.add(_key(_r[0]))

NUMBERS: dict[str, int] = {}
for _r in _rows("time_numbers.tsv"):
    NUMBERS[_key(_r[0])] = int(_r[1])
    NUMBERS["ال" + _key(_r[0])] = int(_r[1])  # "الأشهر التسعة الماضية"

# unit key -> (unit, implied count, needs a number)
UNITS: dict[str, tuple[str, int, bool]] = {}
for _r in _rows("time_units.tsv"):
    k = _key(_r[0])
    UNITS[k] = (_r[1], int(_r[2]), _r[3] == "1")
    UNITS["ال" + k] = UNITS[k]

# phrase -> (unit, offset or "same", part of day or "")
RELATIVE: dict[str, tuple[str, str, str]] = {
    _key(r[0]): (r[1], r[2], r[3] if len(r) > 3 else "") for r in _rows("time_relative.tsv")
}

PARTS: dict[str, str] = {_key(r[0]): r[1] for r in _rows("time_parts.tsv")}

HOURS: dict[str, int] = {_key(r[0]): int(r[1]) for r in _rows("time_hours.tsv")}

ORDINALS: dict[str, int] = {_key(r[0]): int(r[1]) for r in _rows("time_ordinals.tsv")}


def number_value(text: str) -> int | None:
    """Digits or number words ("ثلاث", "خمسة وعشرين", "التسعة") -> int."""
    text = key_of(text)
    if text.isdigit():
        return int(text)
    if text in NUMBERS:
        return NUMBERS[text]
    total = 0
    for part in re.split(r"\s+و\s*|\s+", text):
        if not part:
            continue
        if part.startswith("و") and part[1:] in NUMBERS:
            part = part[1:]
        v = NUMBERS.get(part)
        if v is None:
            return None
        total += v
    return total or None
