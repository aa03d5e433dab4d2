"""Statement alignment: statements in different articles that speak of the same
thing — the same speaker saying overlapping things, or closely overlapping
content whoever is credited (which is how attribution conflicts show).

Content is compared as sets of light stems of content words. Candidates come
from an inverted index of stems; each look-up reads only the most recent
entries of a posting list, so a very common stem cannot make the cost quadratic.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from ..arabic.normalise import match_key
from ..extract.ner_lexicon import lexicon
from ..model import Article, Dossier, Evidence, Statement, StatementGroup
from .align_lex import Words, stems
from .wire import UnionFind, group_of, outlet_labels

SAME_SPEAKER_JACCARD = 0.2
SAME_SPEAKER_SHARED = 2
CONTENT_JACCARD = 0.4
CONTENT_SHARED = 3
POSTING_WINDOW = 32  # most recent statements read per stem
KEY_WORDS = 8


def speaker_key(article: Article, st: Statement) -> str | None:
    """The speaker as one key across articles: entity id (a capital stands for its
    state: باكو → أذربيجان), else the normalised description."""
    if st.speaker_id:
        canon = lexicon().canon.get(st.speaker_id)
        return canon.state if canon and canon.state else st.speaker_id
    if st.speaker is not None:
        return match_key(article.text[st.speaker.start : st.speaker.end])
    return None


def speaker_label(article: Article, st: Statement) -> str | None:
    if st.speaker is None:
        return None
    if st.speaker_id:
        lab = next((m.label for m in article.entities if m.entity_id == st.speaker_id and m.label), None)
        if lab:
            return lab
    return article.text[st.speaker.start : st.speaker.end]


def align_statements(dossier: Dossier) -> tuple[StatementGroup, ...]:
    rows: list[tuple[Article, int, str | None, set[str]]] = []
    for art in dossier.articles:
        if art.duplicate_of is not None:
            continue
        w = Words(art)
        for si, st in enumerate(art.statements):
            rows.append((art, si, speaker_key(art, st), stems(w.between(st.content.start, st.content.end))))
    uf = UnionFind()
    post: dict[str, list[int]] = defaultdict(list)
    seen: dict[frozenset, int] = {}  # a content already indexed: copies join it directly
    for i, (art, _, spk, st_stems) in enumerate(rows):
        uf.find(str(i))
        if len(st_stems) < 2:
            continue
        key = frozenset(st_stems)
        j = seen.get(key)
        if j is not None and rows[j][0].id != art.id and (len(key) >= CONTENT_SHARED or rows[j][2] == spk):
            uf.union(str(i), str(j))
            continue
        seen.setdefault(key, i)
        votes: Counter = Counter()
        for s in st_stems:
            votes.update(post[s][-POSTING_WINDOW:])
        for j, shared in votes.items():
            o_art, _, o_spk, o_stems = rows[j]
            if o_art.id == art.id:
                continue
            jac = shared / (len(st_stems) + len(o_stems) - shared)
            same = spk is not None and spk == o_spk
            if (same and shared >= SAME_SPEAKER_SHARED and jac >= SAME_SPEAKER_JACCARD) or (
                shared >= CONTENT_SHARED and jac >= CONTENT_JACCARD
            ):
                uf.union(str(i), str(j))
        for s in st_stems:
            post[s].append(i)
    members: dict[str, list[int]] = defaultdict(list)
    for i in range(len(rows)):
        members[uf.find(str(i))].append(i)
    labels = outlet_labels(dossier)
    groups_of = group_of(dossier)
    out = []
    for ids in members.values():
        arts = {rows[i][0].id for i in ids}
        if len(arts) < 2:
            continue
        out.append(_group(rows, ids, labels, groups_of))
    out.sort(key=lambda g: (-g.independent_sources, -len(g.refs), g.key))
    return tuple(out)


def _group(rows, ids: list[int], labels: dict[str, str], groups_of: dict[str, str]) -> StatementGroup:
    first_art, first_si, _, _ = rows[ids[0]]
    st0 = first_art.statements[first_si]
    speakers = {rows[i][2] for i in ids}
    spk = next(iter(speakers)) if len(speakers) == 1 else None
    spk_label = speaker_label(first_art, st0) if spk else None
    words = first_art.text[st0.content.start : st0.content.end].split()
    head = " ".join(words[:KEY_WORDS]) + (" …" if len(words) > KEY_WORDS else "")
    evidence, refs, sources = [], [], set()
    for i in ids:
        art, si, _, _ = rows[i]
        st = art.statements[si]
        evidence.append(Evidence(art.id, st.start, st.end, labels.get(art.id)))
        refs.append((art.id, si))
        agencies = [v.agent for v in st.via]
        sources.add(("agency", agencies[-1]) if agencies else ("group", groups_of.get(art.id, art.id)))
    return StatementGroup(
        key=f"{spk_label}: {head}" if spk_label else head,
        speaker=spk,
        speaker_label=spk_label,
        statements=tuple(evidence),
        refs=tuple(refs),
        outlets=tuple(dict.fromkeys(labels.get(a, a) for a, _ in refs)),
        independent_sources=len(sources),
        reason="same-speaker" if spk is not None else "similar-content",
    )
