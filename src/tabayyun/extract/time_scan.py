"""Where to run the time rules: only at token starts near a trigger word.

Running the 11 rules over the whole text costs ~5 ms per article; news has a
few dozen trigger words per article (a month, a weekday, a unit, "أمس", a
four-digit number). For each trigger we try each rule it calls with
``match`` at the few tokens just before it that can begin an expression of
that rule ("ظهر", "يوم", "منذ", a number …). One dict lookup per token picks
both triggers and possible starts, so the Python work per token is tiny.
"""

from __future__ import annotations

from .time_lexicon import MONTHS, NUMBERS, ORDINALS, PARTS, RELATIVE, UNITS, WEEKDAYS
from .time_rules import DECADES, RULES, Cand, parse

# trigger class -> rules it calls, with how far before the trigger they may start
CLASS_RULES: dict[str, tuple[tuple[str, int], ...]] = {
    "M": (("dmy", 55), ("my", 25)), "H": (("hijri", 20),), "W": (("weekday", 30),),
    "U": (("span", 40), ("rel", 15), ("set", 5)), "R": (("rel", 15), ("weekday", 12)),
    "T": (("time", 0),), "D": (("year", 25), ("numeric", 10)), "N": (("numeric", 0),),
    "C": (("decade", 12),), "S": (("set", 0),),
}
_RX = dict(RULES)
_PRIORITY = {rule: i for i, (rule, _) in enumerate(RULES)}
_PRIORITY.update(ago=_PRIORITY["span"], pastn=_PRIORITY["span"], duration=_PRIORITY["span"])
_CLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك")
_MODS = ["مطلع", "اوايل", "منتصف", "اواسط", "اواخر", "نهايه", "بدايه", "اخر", "اول"]
_TODAY = ["اليوم", "يوم", "امس", "الامس", "اول", "البارحه", "غدا", "بعد"]


def _first(keys) -> list[str]:
    return [k.split()[0] for k in keys]


def _table() -> dict[str, tuple[str, frozenset[str]]]:
    classes: dict[str, set[str]] = {}
    starts: dict[str, set[str]] = {}

    def trig(words, cls):
        for k in words:
            for w in k.split():
                classes.setdefault(w, set()).add(cls)

    def start(words, *rules):
        for w in words:
            starts.setdefault(w, set()).update(rules)

    trig(MONTHS, "M")
    trig(["القعده", "الحجه", "محرم", "صفر", "ربيع", "جمادي", "رجب", "شعبان", "رمضان", "شوال"], "H")
    trig(list(WEEKDAYS) + [w.removeprefix("ال") for w in WEEKDAYS], "W")
    trig(UNITS, "U")
    trig(["امس", "الامس", "البارحه", "غدا", "غد", "الغد", "الليله", "ليله", "اليوم"], "R")
    trig(["ساعه", "الساعه"], "T")
    trig(list(DECADES) + ["ال" + d for d in DECADES], "C")
    trig(["يوميا", "اسبوعيا", "شهريا", "سنويا"], "S")

    parts = _first(PARTS)
    start(parts + _TODAY + ["يوم"] + list(WEEKDAYS) + ["من", "بين", "ما", "ال"] + _first(ORDINALS),
          "dmy", "hijri")
    start(_MODS + ["شهر"] + _first(MONTHS), "my")
    start(["ال", "شهر"], "hijri")
    start(["عام", "العام", "سنه", "السنه", "منذ", "حصاد", "حتي", "خلال", "في"] + _MODS, "year")
    start(_MODS + list(DECADES) + ["ال" + d for d in DECADES], "decade")
    start(parts + _TODAY + ["يوم"] + list(WEEKDAYS), "weekday")
    start(_first(RELATIVE), "rel")
    start(["منذ", "قبل", "خلال", "علي", "طوال", "طيله", "في", "اقل", "اكثر", "نحو", "حوالي",
           "قرابه", "ما", "لمده", "مده", "ال"] + _first(NUMBERS) + list(UNITS), "span")
    start(["ساعه", "الساعه"], "time")
    start(["يوميا", "اسبوعيا", "شهريا", "سنويا", "كل"], "set")

    table: dict[str, tuple[str, frozenset[str]]] = {}
    for w in set(classes) | set(starts):
        for pre in _CLITICS:
            key = pre + w
            old_c, old_s = table.get(key, ("", frozenset()))
            table[key] = ("".join(sorted(set(old_c) | classes.get(w, set()))),
                          old_s | frozenset(starts.get(w, ())))
    return table


WORDS = _table()
_NUMBER_STARTS = frozenset({"dmy", "hijri", "numeric", "span", "time"})


def scan(norm: str, toks: list[tuple[int, int, str, str]]) -> list[Cand]:
    """Candidates found around the triggers among ``toks`` — (start, end, norm,
    kind) in normalised offsets, already limited to numbers and words of
    ``WORDS`` — with overlaps resolved leftmost-longest."""
    info = []
    for s, e, w, kind in toks:
        if kind == "number":
            nxt = norm[e:e + 1]
            cls = "D" if len(w) == 4 else "N" if w.count(".") == 2 else ""
            if nxt in ":/.-" and nxt and norm[e + 1:e + 2].isdigit():
                cls += "T" if nxt == ":" else "N"
            info.append((s, cls, _NUMBER_STARTS))
        else:
            cls, st = WORDS[w]
            info.append((s, cls, st))
    found: dict[tuple[int, int], Cand] = {}
    tried: set[tuple[str, int]] = set()
    for i, (s, classes, _) in enumerate(info):
        for cls in classes:
            for rule, before in CLASS_RULES[cls]:
                j = i
                while j > 0 and info[j - 1][0] >= s - before:
                    j -= 1
                for k in range(j, i + 1):
                    pos, _c, st = info[k]
                    if rule not in st or (rule, pos) in tried:
                        continue
                    tried.add((rule, pos))
                    m = _RX[rule].match(norm, pos)
                    c = parse(rule, m) if m is not None else None
                    if c is not None:
                        key = (c.start, c.end)
                        if key not in found or _PRIORITY[c.rule] < _PRIORITY[found[key].rule]:
                            found[key] = c
                        if c.end > s:
                            break  # the earliest start that covers the trigger is the longest
    picked: list[Cand] = []
    last_end = -1
    for c in sorted(found.values(), key=lambda c: (c.start, -c.end, _PRIORITY[c.rule])):
        if c.start >= last_end:
            picked.append(c)
            last_end = c.end
    return picked
