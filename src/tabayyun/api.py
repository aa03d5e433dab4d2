"""``analyse()``: the one public entry point. Inputs in, Dossier out.

ingest -> per-article stages -> cross-article stages. Exact duplicates (same
content id) are merged here so re-ingesting is a no-op; every input is
accounted for: ``dossier.inputs == len(sources) + merged copies + len(skipped)``.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from .errors import TabayyunError
from .ingest.readers import read_inputs, read_text
from .model import Article, Dossier, Meta, Skipped
from .pipeline import Pipeline, Stage
from .settings import Settings

log = logging.getLogger(__name__)

Progress = Callable[[int, int | None], None]


def corpus_stages(settings: Settings, also_from: dict[str, tuple[str, ...]]) -> tuple[Stage, ...]:
    """Cross-article stages in order; each capability adds its stage here."""
    from .compare.dedupe import make_dedupe
    from .compare.figures import figures
    from .compare.link import link
    from .compare.sources import make_sources
    from .compare.align import align
    from .compare.contradictions import contradictions
    from .compare.findings import findings
    from .compare.framing import framing
    from .compare.summary import summary
    from .compare.timeline import timeline
    from .compare.wire import wire

    # link before figures: claimants then carry canonical entity labels; wire
    # (independence) before findings, which count independent sources;
    # contradictions after findings; timeline and summary read every finding,
    # so they come last (summary last)
    return (make_dedupe(settings), make_sources(also_from), link, figures, wire, align, findings,
            contradictions, framing, timeline, summary)


def default_pipeline(settings: Settings | None = None, also_from=None) -> Pipeline:
    from .extract import default_stages

    settings = settings or Settings()
    return Pipeline(default_stages(settings.ner), corpus_stages(settings, also_from or {}))


def _looks_like_text(item: str) -> bool:
    """A str argument is a path unless it clearly is article text."""
    return "\n" in item or len(item.encode("utf-8")) > 255 or (
        any("\u0600" <= c <= "\u06ff" for c in item[:200]) and not os.path.exists(item)
    )


def ingest(inputs: Iterable, settings: Settings | None = None) -> tuple[list[Article], list[Skipped], dict, int]:
    """Read everything; merge exact duplicates. Returns (articles, skipped,
    also_from, inputs counted)."""
    settings = settings or Settings()
    articles: dict[str, Article] = {}
    also_from: dict[str, list[str]] = {}
    skipped: list[Skipped] = []
    count = 0

    def items():
        for item in inputs:
            if isinstance(item, str) and _looks_like_text(item):
                yield read_text(item, Meta(source=f"<text {count + 1}>"), settings)
            else:
                yield from read_inputs([item], settings)

    for result in items():
        count += 1
        if isinstance(result, Skipped):
            log.warning("skipped %s: %s", result.source, result.reason)
            skipped.append(result)
        elif result.id in articles:
            also_from.setdefault(result.id, []).append(result.meta.source)
        else:
            articles[result.id] = result
    return list(articles.values()), skipped, {k: tuple(v) for k, v in also_from.items()}, count


def analyse_articles(inputs: Iterable, settings: Settings, pipeline: Pipeline | None = None,
                     progress: Progress | None = None):
    """Read every input and run the per-article stages: (articles, skipped,
    also_from, inputs counted, notes). ``analyse`` and ``--split-stories`` then
    run the cross-article stages, over all articles or per story."""
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    articles, skipped, also_from, count = ingest(inputs, settings)
    pipeline = pipeline or default_pipeline(settings, also_from)
    notes: list[str] = []
    done: list[Article] = []
    for i, a in enumerate(articles, 1):
        done.append(_run_article(pipeline, a, notes))
        if progress:
            progress(i, len(articles))
    return done, skipped, also_from, count, notes


def analyse(
    inputs: Iterable,
    settings: Settings | None = None,
    pipeline: Pipeline | None = None,
    progress: Progress | None = None,
) -> Dossier:
    """Analyse paths (files, directories, globs, "-" for stdin), texts or
    Articles, and return one Dossier."""
    settings = settings or Settings()
    done, skipped, also_from, count, notes = analyse_articles(inputs, settings, pipeline, progress)
    pipeline = pipeline or default_pipeline(settings, also_from)
    dossier = Dossier(articles=tuple(done), skipped=tuple(skipped), inputs=count)
    dossier = pipeline.run_corpus(dossier)
    non_ar = [s.label for s in dossier.sources if s.language not in ("ar", None)]
    if non_ar:
        notes.append(f"{len(non_ar)} article(s) not in Arabic, kept and flagged: {', '.join(non_ar)}")
    if not dossier.articles:
        notes.append("no readable article in the input")
    return replace(dossier, notes=tuple(dossier.notes) + tuple(notes))


def _run_article(pipeline: Pipeline, article: Article, notes: list[str]) -> Article:
    """Run the per-article stages; a stage failing on one article keeps the layers
    done so far and says so, instead of ending the run."""
    for st in pipeline.article_stages:
        try:
            article = st(article)
        except (TabayyunError, ValueError, IndexError, KeyError, TypeError, AttributeError) as exc:
            # the note says it on every run; the traceback is for -v (a user never sees one)
            log.info("stage %s failed on %s", st.name, article.meta.source, exc_info=True)
            notes.append(f"{article.meta.source}: stage '{st.name}' failed ({type(exc).__name__}: {exc}); later layers missing")
            break
    return article
