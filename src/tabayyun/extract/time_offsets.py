"""A sparse offset map between ``article.text`` and its normalised form.

``arabic.normalise.normalise_with_map`` builds a full per-character list
(~70 µs an article); the time stage maps only a few dozen positions, so it
keeps just the runs of deleted characters (diacritics, tatweel, bidi marks)
and bisects. Normalisation never expands a character, so deletions are the
only shift.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from ..arabic.normalise import normalise

# every character normalise() deletes, found by asking it (so the two never drift)
_CANDIDATES = [chr(c) for c in list(range(0x0600, 0x0700)) + list(range(0x200B, 0x2010))
               + list(range(0x202A, 0x202F)) + list(range(0x2060, 0x2065)) + [0xFEFF, 0x00AD]]
_DELETED = "".join(c for c in _CANDIDATES if normalise(c) == "")
_DELETED_RE = re.compile("[" + re.escape(_DELETED) + "]+")


class OffsetMap:
    __slots__ = ("identity", "orig_starts", "orig_ends", "norm_starts", "shift")

    def __init__(self, text: str, norm: str):
        self.identity = len(norm) == len(text)
        self.orig_starts: list[int] = []
        self.orig_ends: list[int] = []
        self.norm_starts: list[int] = []
        self.shift: list[int] = []  # characters deleted up to and including run k
        if self.identity:
            return
        total = 0
        for m in _DELETED_RE.finditer(text):
            s, e = m.span()
            self.orig_starts.append(s)
            self.orig_ends.append(e)
            self.norm_starts.append(s - total)
            total += e - s
            self.shift.append(total)

    def to_norm(self, i: int) -> int:
        """Original index (not inside a deleted run) -> normalised index."""
        if self.identity:
            return i
        k = bisect_left(self.orig_starts, i)
        return i - (self.shift[k - 1] if k else 0)

    def norm_at(self, i: int) -> int:
        """Original index -> normalised index of the first kept character at or
        after it (``bisect_left`` over a full offset list, inside a deleted run too)."""
        if self.identity:
            return i
        k = bisect_left(self.orig_starts, i)
        if not k:
            return i
        return i - self.shift[k - 1] + max(0, self.orig_ends[k - 1] - i)

    def to_orig(self, n: int) -> int:
        """Normalised index -> original index of that character."""
        if self.identity:
            return n
        k = bisect_right(self.norm_starts, n)
        return n + (self.shift[k - 1] if k else 0)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """A normalised ``[start, end)`` -> original span (trailing marks left out)."""
        if end <= start:
            o = self.to_orig(start)
            return o, o
        return self.to_orig(start), self.to_orig(end - 1) + 1
