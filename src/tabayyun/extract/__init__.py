"""Per-article stages. ``default_stages()`` is the pipeline order every entry
point uses; each capability adds its stage here."""

from __future__ import annotations

from ..pipeline import Stage


def default_stages(ner: str = "fast") -> tuple[Stage, ...]:
    """``ner``: "fast" (the CRF) or "accurate" (the fine-tuned encoder)."""
    from .segment import segment

    stages: list[Stage] = [segment]
    from .entities import entities, entities_accurate

    stages.append(entities_accurate if ner == "accurate" else entities)
    from .times import times  # after entities when present: segment → entities → times → …

    stages.append(times)
    from .quantities import quantities
    from .statements import statements

    stages += [quantities, statements]
    from .frames import frames  # after statements: the voice of a term is read off them

    stages.append(frames)
    return tuple(stages)
