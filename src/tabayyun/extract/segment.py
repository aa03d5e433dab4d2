"""The segment stage: sentences, tokens and quotation regions."""

from __future__ import annotations

from ..arabic.segment import find_quotes, split_sentences, tokenise
from ..model import Article
from ..pipeline import stage


@stage("segment", requires=("text",), provides=("sentences", "tokens", "quotes"))
def segment(article: Article) -> Article:
    t = article.text
    return article.with_layers(
        sentences=split_sentences(t), tokens=tokenise(t), quotes=find_quotes(t)
    )
