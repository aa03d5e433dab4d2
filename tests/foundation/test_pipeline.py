import pytest

from tabayyun.errors import PipelineError
from tabayyun.extract import default_stages
from tabayyun.pipeline import Pipeline, check, stage


@stage("needs-entities", requires=("entities",), provides=("frames",))
def needs_entities(article):
    return article


def test_missing_layer_is_named_when_the_pipeline_is_built():
    with pytest.raises(PipelineError, match="'needs-entities' requires layer 'entities'"):
        Pipeline((needs_entities,))


def test_layer_provided_twice_is_refused():
    from tabayyun.extract.segment import segment

    with pytest.raises(PipelineError, match="provided by both"):
        check((segment, segment))


def test_default_pipeline_checks():
    from tabayyun.api import default_pipeline

    p = default_pipeline()
    assert p.names[0] == "segment" and "dedupe" in p.names and "sources" in p.names
    assert default_stages()[0].provides == ("sentences", "tokens", "quotes")
