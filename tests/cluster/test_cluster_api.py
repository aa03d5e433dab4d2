"""The StoryClusterer API used by the store: add, seed, stories, cluster."""

from pathlib import Path

import pytest

from tabayyun.api import analyse
from tabayyun.compare.cluster import StoryClusterer, cluster, split_dossier, story_id_for

SEEDS = Path(__file__).parents[2] / "src/tabayyun/examples/karabakh-2023"


@pytest.fixture(scope="module")
def seeds():
    return analyse([str(SEEDS)]).articles


def test_every_article_gets_a_story(seeds):
    got = cluster(seeds)
    assert set(got) == {a.id for a in seeds}
    assert all(s.startswith("story-") for s in got.values())


def test_batch_equals_add_in_order(seeds):
    c = StoryClusterer()
    online = {a.id: c.add(a) for a in seeds}
    assert online == cluster(seeds)
    stories = c.stories()
    assert sorted(i for ids in stories.values() for i in ids) == sorted(online)


def test_add_twice_is_a_no_op(seeds):
    c = StoryClusterer()
    first = c.add(seeds[0])
    assert c.add(seeds[0]) == first
    assert c.stories() == {first: [seeds[0].id]}


def test_seeded_story_is_joined(seeds):
    c = StoryClusterer()
    c.seed(seeds[0], "story-from-store")
    assert c.stories() == {"story-from-store": [seeds[0].id]}
    assert c.story_of(seeds[0].id) == "story-from-store"


def test_first_article_names_its_story(seeds):
    assert cluster(seeds[:1]) == {seeds[0].id: story_id_for(seeds[0].id)}


def test_empty_input():
    assert cluster([]) == {}
    assert StoryClusterer().stories() == {}


def test_split_dossier_keeps_every_article(seeds):
    d = analyse([str(SEEDS)])
    parts = split_dossier(d)
    assert sorted(a.id for p in parts for a in p.articles) == sorted(a.id for a in d.articles)


def test_the_five_seed_reports_are_one_story(seeds):
    """Five outlets on one offensive: one story, even though each article's rarest
    words are new to the stream (candidates are looked up by words seen before)."""
    assert len(set(cluster(seeds).values())) == 1
