"""``tabayyun analyze --split-stories DIR``: one report per story.

A whole day of news is hundreds of unrelated stories; one dossier over all of
them compares figures and framing across events that have nothing to do with
each other. Here the analysed articles are sorted into stories by the same
clustering ``batch`` and the store use (``compare.cluster``), each story gets its
own dossier (the cross-article stages run per story) and report, and an index
lists the stories. Every input is still accounted for:
``inputs = sum(story inputs) + skipped``.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from .model import Article, Dossier, Skipped
from .settings import Settings

Progress = Callable[[int, int | None], None]

# below this share of the articles in the biggest story, one dossier mixes stories
MIXED_SHARE = 0.5


@dataclass
class StorySplit:
    stories: dict[str, Dossier]  # story id -> its dossier, biggest story first
    skipped: list[Skipped]
    inputs: int
    notes: list[str] = field(default_factory=list)

    @property
    def articles(self) -> int:
        return sum(len(d.articles) for d in self.stories.values())


def mixed_stories_note(dossier: Dossier, settings: Settings | None = None) -> str | None:
    """A note when the dossier's articles fall into several stories with none of
    them holding most of the articles (a day of news rather than one event)."""
    if len(dossier.articles) < 3:
        return None
    from .compare.cluster import cluster

    sizes: dict[str, int] = {}
    for story in cluster(dossier.articles, settings).values():
        sizes[story] = sizes.get(story, 0) + 1
    biggest = max(sizes.values())
    if len(sizes) < 2 or biggest > MIXED_SHARE * len(dossier.articles):
        return None
    return (f"these {len(dossier.articles)} articles fall into about {len(sizes)} different stories "
            f"(the biggest has {biggest}): this dossier compares across unrelated events; "
            f"--split-stories DIR writes one report per story")


def analyse_stories(inputs: Iterable, settings: Settings | None = None,
                    progress: Progress | None = None) -> StorySplit:
    """Read and analyse every article, cluster them into stories and build one
    dossier per story."""
    from .api import analyse_articles
    from .compare.cluster import cluster
    from .scale.batch import story_dossier

    settings = settings or Settings()
    done, skipped, also_from, count, notes = analyse_articles(inputs, settings, progress=progress)
    assignment = cluster(done, settings)
    groups: dict[str, list[Article]] = {}
    for a in done:
        groups.setdefault(assignment[a.id], []).append(a)
    stories = {}
    for sid, members in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        mine = {a.id: also_from[a.id] for a in members if a.id in also_from}
        d = story_dossier(members, mine, settings)
        # a story's inputs: its articles and the exact copies merged into them
        stories[sid] = replace(d, inputs=len(members) + sum(len(v) for v in mine.values()))
    if not done:
        notes.append("no readable article in the input")
    return StorySplit(stories, skipped, count, notes)


def story_title(d: Dossier) -> str:
    from .scale.write import story_row

    return " ".join((story_row("", d)["title"] or "").split())[:200]


def write_stories(out: Path, split: StorySplit) -> list[Path]:
    """``out/<story>/report.html``, ``dossier.json``, ``dossier.md`` per story and
    ``out/index.html`` + ``out/index.md`` listing them (biggest first)."""
    from .report.html import to_html
    from .report.json import to_json
    from .report.markdown import to_markdown
    from .scale.write import _safe

    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for sid, d in split.stories.items():
        folder = out / _safe(sid)
        folder.mkdir(exist_ok=True)
        (folder / "report.html").write_text(to_html(d), encoding="utf-8")
        (folder / "dossier.json").write_text(to_json(d), encoding="utf-8")
        (folder / "dossier.md").write_text(to_markdown(d), encoding="utf-8")
        rows.append({
            "story": sid, "folder": folder.name, "title": story_title(d), "articles": len(d.articles),
            "outlets": sorted({s.label for s in d.sources if s.outlet}),
            "disputes": len(d.disputes), "attribution_conflicts": len(d.attribution_conflicts),
            "contradictions": len(d.contradictions),
        })
    (out / "index.html").write_text(_index_html(rows, split), encoding="utf-8")
    (out / "index.md").write_text(_index_md(rows, split), encoding="utf-8")
    (out / "index.json").write_text(json.dumps(
        {"inputs": split.inputs, "articles": split.articles, "stories": rows,
         "skipped": [{"source": s.source, "reason": s.reason} for s in split.skipped],
         "notes": split.notes}, ensure_ascii=False, indent=1), encoding="utf-8")
    return [out / "index.html", out / "index.md", out / "index.json"]


def _headline(split: StorySplit) -> str:
    return (f"{split.articles} مقالة في {len(split.stories)} قصة، من {split.inputs} مدخلات "
            f"({len(split.skipped)} متروكة)")


def _index_html(rows: list[dict], split: StorySplit) -> str:
    e = html.escape
    body = "\n".join(
        f"<tr><td><a href=\"{e(r['folder'])}/report.html\">{e(r['title'] or r['story'])}</a></td>"
        f"<td>{r['articles']}</td><td>{e('، '.join(r['outlets']))}</td>"
        f"<td>{r['disputes']}</td><td>{r['attribution_conflicts']}</td><td>{r['contradictions']}</td></tr>"
        for r in rows)
    skipped = "".join(f"<li>{e(s.source)}: {e(s.reason)}</li>" for s in split.skipped)
    notes = "".join(f"<li>{e(n)}</li>" for n in split.notes)
    return f"""<!doctype html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>tabayyun — القصص</title>
<style>body{{font-family:system-ui,sans-serif;margin:1rem auto;max-width:70rem;padding:0 1rem}}
table{{border-collapse:collapse;width:100%}}td,th{{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:start}}
td:nth-child(n+2){{white-space:nowrap}}</style></head><body>
<h1>القصص</h1><p>{e(_headline(split))}</p>
<table><thead><tr><th>القصة</th><th>مقالات</th><th>الوسائل</th><th>خلافات</th><th>تضارب نسبة</th><th>تناقضات</th></tr></thead>
<tbody>
{body}
</tbody></table>
{f"<h2>مدخلات متروكة</h2><ul>{skipped}</ul>" if skipped else ""}
{f"<h2>ملاحظات</h2><ul>{notes}</ul>" if notes else ""}
</body></html>
"""


def _index_md(rows: list[dict], split: StorySplit) -> str:
    def cell(t: str) -> str:
        return t.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")

    lines = ["# tabayyun — القصص", "", _headline(split), "",
             "| القصة | مقالات | الوسائل | خلافات | تضارب نسبة | تناقضات |", "|---|---|---|---|---|---|"]
    lines += [f"| [{cell(r['title'] or r['story'])}]({r['folder']}/dossier.md) | {r['articles']} | "
              f"{cell('، '.join(r['outlets']))} | {r['disputes']} | {r['attribution_conflicts']} | "
              f"{r['contradictions']} |" for r in rows]
    if split.skipped:
        lines += ["", "## مدخلات متروكة", ""] + [f"- {cell(s.source)}: {cell(s.reason)}" for s in split.skipped]
    return "\n".join(lines) + "\n"
