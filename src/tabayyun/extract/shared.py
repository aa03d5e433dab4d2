"""Per-article work several stages need, done once: the normalised body and its
offset map (times and quantities both read the normalised text).

A small cache keyed by the text object itself (its identity, with the object
held so the id cannot be reused): stages run one article after another, so
the last few bodies are all that is ever asked for again.
"""

from __future__ import annotations

from ..arabic.normalise import normalise
from .time_offsets import OffsetMap

_MAX = 8
_BODIES: dict[int, tuple[str, str, OffsetMap]] = {}


def normalised(text: str) -> tuple[str, OffsetMap]:
    """``(normalise(text), OffsetMap(text, norm))``, computed once per text object."""
    hit = _BODIES.get(id(text))
    if hit is not None and hit[0] is text:
        return hit[1], hit[2]
    norm = normalise(text)
    omap = OffsetMap(text, norm)
    if len(_BODIES) >= _MAX:
        _BODIES.clear()  # atomic, unlike evicting one entry while another thread reads
    _BODIES[id(text)] = (text, norm, omap)
    return norm, omap
