"""Stages and the pipeline that runs them.

A stage is a callable with ``name``, ``requires`` and ``provides``: per-article
stages map ``Article -> Article``, cross-article stages map ``Dossier -> Dossier``
(the dossier holds the articles). The pipeline is an ordered tuple; it checks when
it is built that every required layer is provided earlier (as Stanza does) and
names the missing one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from .errors import Messages, PipelineError
from .model import Article, Dossier

log = logging.getLogger(__name__)

# what every article has before any stage runs
BASE_LAYERS = frozenset({"text", "meta"})


@runtime_checkable
class Stage(Protocol):
    name: str
    requires: tuple[str, ...]
    provides: tuple[str, ...]

    def __call__(self, item): ...


def stage(name: str, requires: Iterable[str] = (), provides: Iterable[str] = ()):
    """Declare a plain function as a stage."""

    def wrap(fn: Callable) -> Callable:
        fn.name = name
        fn.requires = tuple(requires)
        fn.provides = tuple(provides)
        return fn

    return wrap


def check(stages: Iterable[Stage], available: Iterable[str] = BASE_LAYERS) -> frozenset[str]:
    """Raise PipelineError if a stage requires what no earlier stage provides;
    return every layer available at the end."""
    have = set(available)
    provider: dict[str, str] = {}
    for st in stages:
        for layer in st.requires:
            if layer not in have:
                raise PipelineError(
                    Messages.MISSING_LAYER.format(
                        stage=st.name, layer=layer, available=", ".join(sorted(have))
                    )
                )
        for layer in st.provides:
            if layer in provider:
                raise PipelineError(
                    Messages.PROVIDED_TWICE.format(
                        layer=layer, first=provider[layer], second=st.name
                    )
                )
            provider[layer] = st.name
            have.add(layer)
    return frozenset(have)


@dataclass(frozen=True)
class Pipeline:
    """Per-article stages, then cross-article stages."""

    article_stages: tuple[Stage, ...]
    corpus_stages: tuple[Stage, ...] = ()

    def __post_init__(self):
        layers = check(self.article_stages)
        check(self.corpus_stages, layers | {"articles", "skipped", "inputs"})

    def run_article(self, article: Article) -> Article:
        for st in self.article_stages:
            article = st(article)
        return article

    def run_corpus(self, dossier: Dossier) -> Dossier:
        for st in self.corpus_stages:
            dossier = st(dossier)
        return dossier

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.article_stages + self.corpus_stages)
