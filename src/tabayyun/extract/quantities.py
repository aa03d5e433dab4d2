"""The quantities stage: every figure with its value, qualifier, unit, category,
the thing counted, a subset ("بينهم مدنيان") and a time scope.

Numbers are found once per article on the normalised text (one regex), then
each is read in a small window of its own sentence: what is counted right after
it, qualifier phrases around it, category cue words nearby (data in
``arabic/lexicons/figure_categories.tsv``). Dates, years, clock times, sports
scores, phone numbers, URLs and ordinals are not figures; percentages are kept
with unit "percent".
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from importlib import resources
from itertools import accumulate

from ..arabic.normalise import normalise
from ..arabic.numbers import Number, find_numbers_at, number_starters, find_numbers_norm, lexicon
from ..model import Article, Quantity, Span
from ..pipeline import stage
from .shared import normalised

_WORD = re.compile(r"[\u0621-\u064a]+|\d+(?:[.,]\d+)*|[%:،,.؛;؟?!\"()\-–—/]")
_WORD_SPLIT = re.compile(f"({_WORD.pattern})")
_STOP_PUNCT = frozenset("،,.؛;؟?!\"():")
_FUNCTION = frozenset(
    "في من على عن الى الي مع منذ خلال بعد قبل حول ضد عند لدى حتى او ام ثم قد لا لم لن ان انه "
    "انها هو هي هم هذا هذه ذلك تلك التي الذي الذين ما كما بين بينهم منهم".split()
)
_SUBSET_RE = re.compile(r"(?:\s+[\u0621-\u064a]+)?\s*[،,\-–—(]?\s*(?:و)?(?:من\s+)?(?:بينهم|منهم|بينها|منها|بينهن)(?![\u0621-\u064a])")
_URL_RE = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\S+|[A-Za-z0-9.-]+\.(?:com|net|org|info|am|az|ru|tr)\S*")
_PHONE_RE = re.compile(r"\+?\(?\d{2,4}\)?(?:[ \-]\d{1,4}){2,}|\b0\d{8,}\b|\+\d{8,}")
_MASK_HINT = re.compile(r"[a-z@]|\d{6,}|\d[ \-]\d|\+\d")
_SCORE_RE = re.compile(r"\d+\s*[-:]\s*\d+")
_SCORE_AFTER = re.compile(r"\s*[-:]\s*\d")
_SCORE_BEFORE = re.compile(r"\d\s*[-:]\s*$")
_PERCENT_WORD = re.compile(r"(?:في\s+)?(?:بال|ال)(?:مئه|مائه|ميه)")
_SUBSET_STOP = re.compile(r"[،,.؛;\-–—)]")
_SUBSET_HEAD = re.compile(r"(?:من\s+)?(?:بينهم|منهم|بينها|منها|بينهن)")
_NEAR_SKIP = frozenset({"عن", "من", "على", "اليوم", "امس", "نحو", "حوالي", "قرابه"})
_OVERRIDE = frozenset({"evacuated", "released", "detained", "displaced"})
_CASUALTY = frozenset({"killed", "wounded", "missing", "displaced", "evacuated", "detained", "released"})

_TIME_UNITS = (
    "يوم|ايام|يوما|ساعه|ساعات|ساعتين|يومين|اسبوع|اسبوعين|اسابيع|شهر|شهرين|اشهر|شهور|دقيقه|دقايق|دقيقتين|سنه|سنوات|عام|اعوام"
)
_DAYS = "اثنين|ثلاثاء|اربعاء|خميس|جمعه|سبت|احد"
_SCOPE_RE = re.compile(
    rf"(?:(?:خلال|في|على مدي|على مدار|طوال)\s+(?:(?:اقل|اكثر) من\s+)?(?:ال\s*)?"
    rf"(?:\d+\s*(?:ال)?(?:{_TIME_UNITS})(?:\s+(?:ال)?(?:الماضي|الماضيه|الاخير|الاخيره|الاولي))?"
    rf"|(?:ال)?(?:{_TIME_UNITS})\s+(?:واحد|واحده|الماضي|الماضيه|الاخير|الاخيره|الاولي|الاخيرين)"
    rf"|(?:ال)?(?:{_TIME_UNITS})\s+(?:ال\s*)?\d+(?:\s+(?:الماضي|الماضيه|الاخير|الاخيره|المقبله|القادمه))?"
    rf"|(?:ال)?(?:يومين|ساعتين|اسبوعين|شهرين|عامين|سنتين)(?:\s+(?:الماضيين|الاخيرين))?)"
    rf"|(?:(?:يوم|صباح|مساء|ليل|ليله)\s+)?(?:امس|اليوم)(?:\s+ال(?:{_DAYS}))?"
    rf"|(?:يوم|صباح|مساء|ليل|ليله)\s+ال(?:{_DAYS}))(?![\u0621-\u064a])"
)
# every scope above starts with one of these letters (خلال في على طوال، يوم صباح مساء ليل،
# امس اليوم): the lookahead rejects most positions before the alternation is tried
_SCOPE_FIRST = "خفعطيصملا"
_SCOPE_SCAN = re.compile(f"(?=[{_SCOPE_FIRST}])" + _SCOPE_RE.pattern)


@lru_cache(maxsize=1)
def _categories():
    """(noun cues, event cues, unit cues): exact dicts and prefix lists."""
    data = resources.files("tabayyun.arabic").joinpath("lexicons/figure_categories.tsv").read_text("utf-8")
    tables = {"noun": ({}, []), "event": ({}, []), "unit": ({}, [])}
    for line in data.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        cat, cue, kind = cols[0], cols[1], cols[2]
        unit = cols[3] if len(cols) > 3 else None
        exact, prefix = tables[kind]
        key = normalise(cue.rstrip("*"))
        if cue.endswith("*"):
            prefix.append((key, cat, unit))
        else:
            exact[key] = (cat, unit)
    return tables


@lru_cache(maxsize=1)
def _qualifiers():
    data = resources.files("tabayyun.arabic").joinpath("lexicons/numbers_qualifiers.tsv").read_text("utf-8")
    before, after = [], []
    for line in data.splitlines():
        if line.strip() and not line.startswith("#"):
            phrase, qual, pos = line.split("\t")
            (before if pos == "before" else after).append((normalise(phrase), qual))
    alt = lambda rows: "|".join(re.escape(p) for p, _ in sorted(rows, key=lambda r: -len(r[0])))
    b = re.compile(rf"(?:^|(?<=[\s،,]))و?(?P<q>{alt(before)})\s*(?:ال\s*)?$")
    a = re.compile(rf"\s*[،,]?\s*(?P<q>{alt(after)})(?![\u0621-\u064a])")
    return b, a, dict(before), dict(after)


_CLITICS = ("وبال", "وال", "بال", "فال", "لل", "ال", "و", "ف", "ب", "ل")


@lru_cache(maxsize=32768)
def cue_of(word: str, kind: str) -> tuple[str, str | None] | None:
    """(category, unit) if the normalised ``word`` is a cue of ``kind``."""
    exact, prefix = _categories()[kind]
    forms = [word] + [word[len(c):] for c in _CLITICS if word.startswith(c) and len(word) - len(c) >= 2]
    for f in forms:
        if f in exact:
            return exact[f]
    for f in forms:
        for key, cat, unit in prefix:
            if f.startswith(key) and len(f) <= len(key) + 3:
                return cat, unit
    return None


class _Words:
    """The words of one sentence (normalised), found once and sliced by offset."""

    __slots__ = ("items", "starts")

    def __init__(self, norm: str, start: int, end: int):
        # split returns [gap, word, gap, word, …, gap]; offsets are running sums of
        # lengths (same words as finditer, without a match object per word)
        parts = _WORD_SPLIT.split(norm[start:end])
        at = list(accumulate(map(len, parts), initial=start))
        self.starts = at[1::2]
        self.items = list(zip(self.starts, at[2::2], parts[1::2]))

    def between(self, start: int, end: int) -> list[tuple[int, int, str]]:
        return self.items[bisect.bisect_left(self.starts, start):bisect.bisect_left(self.starts, end)]


def _skip(n: Number, norm: str, sent: tuple[int, int], ctx: dict, masked) -> str | None:
    """Why this number is not a figure, or None."""
    if n.kind == "ordinal":
        return "ordinal"
    if n.kind == "words" and ctx.get(norm[n.start:n.end]) == "percent":
        return "percent-word"  # the "المئة" of "12 في المئة"
    if any(s <= n.start < e for s, e in masked):
        return "url-or-phone"
    before = norm[max(sent[0], n.start - 12):n.start]
    after = norm[n.end:min(sent[1], n.end + 14)]
    if n.kind == "digits" and (_SCORE_RE.match(norm, n.start) and _SCORE_AFTER.match(after)
                               or _SCORE_BEFORE.search(before)):
        return "score-or-clock"
    nxt = _WORD.findall(after)
    prv = _WORD.findall(before)
    words_after = [w for w in nxt if w not in ("من", "/")]
    if words_after and ctx.get(words_after[0]) == "month":
        return "date"
    if prv and (ctx.get(prv[-1]) == "month" or (len(prv) > 1 and prv[-1] == "/" and ctx.get(prv[-2]) == "month")):
        return "date"
    if n.kind == "digits" and n.value is not None and 1800 <= n.value <= 2100 and n.value == int(n.value):
        head = nxt[0] if nxt else ""
        if not (head and (cue_of(head, "noun") or cue_of(head, "unit"))):
            return "year"
    if prv and ctx.get(prv[-1]) in ("year",) and n.value and 1000 <= n.value <= 2100:
        return "year"
    if prv and ctx.get(prv[-1]) == "clock":
        return "clock"
    return None


def _masked(norm: str, n: Number) -> list[tuple[int, int]]:
    """URL and phone-number spans around the number (looked for only there)."""
    lo = max(0, n.start - 40)
    hi = min(len(norm), n.end + 40)
    window = norm[lo:hi]
    if not _MASK_HINT.search(window):
        return []
    spans = []
    for rx in (_URL_RE, _PHONE_RE):
        spans += [(m.start() + lo, m.end() + lo) for m in rx.finditer(window)]
    return spans


def _percent(n: Number, norm: str, end: int) -> bool:
    after = norm[n.end:min(end, n.end + 12)].lstrip()
    return after.startswith("%") or bool(_PERCENT_WORD.match(after))


def _counted(sw: _Words, n: Number) -> tuple[int, int] | None:
    """The word(s) counted right after the number: "جنديا ارمينيا", "من رجال الشرطه"."""
    ws = sw.between(n.end, n.end + 60)[:4]
    if not ws:
        return None
    i = 1 if ws[0][2] == "من" else 0  # "أربعة من رجال الشرطة", "الآلاف من المسلحين"
    if i >= len(ws):
        return None
    w = ws[i][2]
    if w in _FUNCTION or w in _STOP_PUNCT or w[0].isdigit() or w == "%":
        return None
    s, e = ws[i][0], ws[i][1]
    if i + 1 < len(ws):
        nw = ws[i + 1][2]
        # a nisba adjective ("جنديا ارمينيا") or a construct ("رجال الشرطه")
        if nw not in _FUNCTION and nw not in _STOP_PUNCT and not nw[0].isdigit() and (
            nw.endswith(("ي", "يا", "يه", "يين", "يون", "ين")) and len(nw) > 3
            or (not w.startswith("ال") and nw.startswith("ال") and w in ("رجال", "عناصر", "افراد"))
        ):
            e = ws[i + 1][1]
    return s, e


def _category(sw: _Words, n: Number, counted, qual_start: int):
    """(category, unit) from the counted noun, else the nearest event cue."""
    unit = None
    words = []
    if n.kind == "dual" and n.counted:
        words.append(normalise(n.counted))
    if counted:
        words += [w for _, _, w in sw.between(counted[0], counted[1])]
    left = sw.between(qual_start - 50, qual_start)[::-1][:5]
    for w in words:
        hit = cue_of(w, "noun")
        if hit:
            # "أجلت نحو 1500 جريح": what happened to them beats who they are
            near = [w for _, _, w in left[:3] if w not in _NEAR_SKIP][:1]
            ev = cue_of(near[0], "event") if near else None
            if ev and ev[0] in _OVERRIDE and ev[0] != hit[0] and hit[0] in ("wounded", "killed", "detained"):
                return ev[0], hit[1]
            return hit
        u = cue_of(w, "unit")
        if u and unit is None:
            unit = u[1]
    tail = counted[1] if counted else n.end
    right = sw.between(tail, tail + 40)[:5]
    best = None
    for dist, (_, _, w) in enumerate(left):
        if w in _STOP_PUNCT:
            break
        # a noun right before the number heads it ("جثث 11"); further left only "عدد [المعتقلين]"
        hit = cue_of(w, "event") or (cue_of(w, "noun") if dist == 0 or w.startswith("ال") else None)
        if hit:
            best = (dist, hit[0])
            break
    for dist, (_, _, w) in enumerate(right):
        if w in _STOP_PUNCT:
            break
        if best is not None and dist >= best[0]:
            break
        hit = cue_of(w, "event") or (cue_of(w, "noun") if w.startswith("ال") else None)
        if hit:
            best = (dist, hit[0])
            break
    if best:
        return best[1], unit
    return "other", unit


def figures(article: Article) -> tuple[Quantity, ...]:
    text = article.text
    if not text:
        return ()
    norm, omap = normalised(text)  # shared with the times stage
    at = omap.norm_at
    # sentence bounds in normalised offsets
    sents = [(at(s.start), at(s.end)) for s in article.sentences]
    if not sents:
        sents = [(0, len(norm))]
    starts = [s for s, _ in sents]
    ctx = lexicon().context
    qb, qa, qbefore, qafter = _qualifiers()
    out: list[dict] = []
    scopes_by_sent: dict[int, list[tuple[int, int]]] = {}
    words_by_sent: dict[int, _Words] = {}
    if article.tokens:
        # only where the tokeniser saw digits or a number word: the regex is not run everywhere
        starters = number_starters()
        cand = [at(t[0]) for t in article.tokens if t[2] in starters or t[3] == "number"]
        found = find_numbers_at(norm, cand)
    else:
        found = find_numbers_norm(norm)
    for n in found:
        si = max(0, bisect.bisect_right(starts, n.start) - 1)
        sent = sents[si]
        if si not in scopes_by_sent:
            scopes_by_sent[si] = [m.span() for m in _SCOPE_SCAN.finditer(norm, sent[0], sent[1])]
            words_by_sent[si] = _Words(norm, sent[0], sent[1])
        sw = words_by_sent[si]
        if any(s <= n.start < e for s, e in scopes_by_sent[si]):
            continue  # "في أقل من 24 ساعة" is a scope, not a figure
        if _skip(n, norm, sent, ctx, _masked(norm, n)):
            continue
        qual, qual_start = "exact", n.start
        mb = qb.search(norm, max(sent[0], n.start - 30), n.start)
        if mb:
            qual, qual_start = qbefore[mb.group("q")], mb.start("q")
        counted = None
        if n.kind != "dual":
            prev = sw.between(n.start - 20, n.start)
            if n.kind == "words" and norm.startswith("ال", n.start) and prev and prev[-1][2].startswith("ال"):
                counted = prev[-1][0], prev[-1][1]  # "الاشهر التسعه": the noun comes first
            else:
                counted = _counted(sw, n)
        tail = counted[1] if counted and counted[0] > n.start else n.end
        ma = qa.match(norm, tail, sent[1])
        if ma and qual == "exact":
            qual = qafter[ma.group("q")]
        if _percent(n, norm, sent[1]):
            cat, unit = "percent", "percent"
        else:
            cat, unit = _category(sw, n, counted, qual_start)
        sub = _SUBSET_RE.match(norm, n.end if not counted or counted[0] < n.start else counted[1], sent[1])
        out.append(dict(n=n, si=si, qual=qual, counted=counted, cat=cat, unit=unit,
                        subset_of=None, sub_end=sub.end() if sub else None))
    out = _merge_ranges(out, norm)
    # subsets: "ستة أشخاص، بينهم أربعة من رجال الشرطة" -> the four inherit "killed"
    for i, f in enumerate(out):
        if f["sub_end"] is None:
            continue
        end = f["sub_end"]
        stop = _SUBSET_STOP.search(norm[end:sents[f["si"]][1]])
        f["subset"] = (end, end + stop.start() if stop else sents[f["si"]][1])
        if i + 1 < len(out) and out[i + 1]["si"] == f["si"] and out[i + 1]["n"].start - end < 4:
            child = out[i + 1]
            if child["cat"] == "other":
                child["cat"] = f["cat"]
            c = child["counted"]
            f["subset"] = (end, c[1] if c and c[0] > child["n"].start else child["n"].end)
    res = []
    for f in out:
        n = f["n"]
        s, e = omap.span(n.start, n.end)
        span = lambda a: Span(*omap.span(a[0], a[1])) if a else None
        scope = _nearest_scope(scopes_by_sent.get(f["si"], []), n.start) if f["cat"] != "duration" else None
        sub = f.get("subset")
        if sub:
            sub = _subset_span(norm, n, f["counted"], sub)
        res.append(Quantity(
            s, e, n.value, n.low, n.high, n.vague, f["qual"],
            f["unit"] or ("person" if f["cat"] in _CASUALTY else None),
            f["cat"], span(f["counted"]) if n.kind != "dual" else None,
            span(sub), span(scope), _time_index(article, span(scope)) if scope else None,
        ))
    return tuple(res)


_RANGE_BEFORE = re.compile(r"(?:^|(?<=[\s،,]))(?:ما\s+)?(?:بين|من)\s*$")
_RANGE_SEP = {"بين": re.compile(r"\s*و\s*$"), "من": re.compile(r"\s*(?:الي|-|–)\s*$")}
_RANGE_BARE = re.compile(r"\s*(?:الي|-|–)\s*$")


def _merge_ranges(out: list[dict], norm: str) -> list[dict]:
    """"ما بين 20 و30 شخصا", "من 15 إلى 20 منزلا", "15 إلى 20 منزلا": one figure
    with low/high, not two exact ones (a range must not look like a dispute)."""
    merged: list[dict] = []
    i = 0
    while i < len(out):
        f = out[i]
        g = out[i + 1] if i + 1 < len(out) else None
        if g is not None and g["si"] == f["si"] and _is_range(f["n"], g["n"], norm) and f["n"].value is not None \
                and g["n"].value is not None and f["n"].value < g["n"].value:
            a, b = f["n"], g["n"]
            n = Number(a.start, b.end, None, a.value, b.value, kind="range")
            cat = g["cat"] if g["cat"] != "other" else f["cat"]
            qual = f["qual"] if f["qual"] != "exact" else g["qual"]
            merged.append(dict(g, n=n, cat=cat, unit=g["unit"] or f["unit"], qual=qual))
            i += 2
            continue
        merged.append(f)
        i += 1
    return merged


def _is_range(a: Number, b: Number, norm: str) -> bool:
    gap = norm[a.end:b.start]
    if len(gap) > 6:
        return False
    m = _RANGE_BEFORE.search(norm, max(0, a.start - 10), a.start)
    if m:
        return bool(_RANGE_SEP["بين" if "بين" in m.group() else "من"].match(gap))
    # bare "15 إلى 20 منزلا": only with a word separator, digits are too often scores
    return bool(_RANGE_BARE.match(gap)) and "الي" in gap


def _subset_span(norm, n, counted, sub):
    s, e = sub
    # start at "بينهم"/"منهم"
    m = _SUBSET_HEAD.search(norm[max(0, s - 10):e])
    if m:
        s = max(0, s - 10) + m.start()
    return (s, e) if e > s else None


def _nearest_scope(scopes, pos):
    if not scopes:
        return None
    return min(scopes, key=lambda sc: abs(sc[0] - pos))


def _time_index(article: Article, scope: Span | None) -> int | None:
    if scope is None:
        return None
    for i, t in enumerate(article.times):
        if t.start < scope.end and scope.start < t.end:
            return i
    return None


@stage("quantities", requires=("tokens", "sentences"), provides=("quantities",))
def quantities(article: Article) -> Article:
    return article.with_layers(quantities=figures(article))
