"""CSV exports of a story's figures and statements (UTF-8, with header)."""

from __future__ import annotations

import csv
import io

from ..model import Dossier


def _csv(header: list[str], rows: list[list]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def figures_csv(d: Dossier) -> str:
    texts = {a.id: a.text for a in d.articles}
    rows = []
    for f in d.figures:
        ev = f.evidence
        rows.append([
            f.article, f.outlet, f.category, f.value, f.low, f.high, f.qualifier, f.claimant or "",
            f.claimant_label or "", " / ".join(f.via), f.time or "", f.fact or "",
            texts.get(ev.article, "")[ev.start:ev.end], ev.start, ev.end,
        ])
    return _csv(["article", "outlet", "category", "value", "low", "high", "qualifier", "claimant",
                 "claimant_label", "via", "time", "fact", "evidence", "start", "end"], rows)


def statements_csv(d: Dossier) -> str:
    outlets = {s.article: s.label for s in d.sources}
    rows = []
    for a in d.articles:
        for s in a.statements:
            rows.append([
                a.id, outlets.get(a.id, a.meta.outlet or ""), s.type, s.polarity, s.direct,
                a.text[s.speaker.start:s.speaker.end] if s.speaker else "", s.speaker_id or "",
                a.text[s.cue.start:s.cue.end], a.text[s.content.start:s.content.end],
                " / ".join(v.agent for v in s.via), s.start, s.end,
            ])
    return _csv(["article", "outlet", "type", "polarity", "direct", "speaker", "speaker_id", "cue",
                 "content", "via", "start", "end"], rows)
