from importlib import resources

import pytest

from tabayyun.extract import default_stages
from tabayyun.ingest.build import make_article
from tabayyun.pipeline import Pipeline


@pytest.fixture(scope="session")
def run_article():
    pipe = Pipeline(default_stages())
    return lambda text: pipe.run_article(make_article(text))


@pytest.fixture(scope="session")
def seed_paths():
    folder = resources.files("tabayyun").joinpath("examples/karabakh-2023")
    return [str(f) for f in sorted(folder.iterdir()) if f.name.endswith(".txt")]


@pytest.fixture(scope="session")
def seed_dossier(seed_paths):
    from tabayyun.api import analyse

    return analyse(seed_paths)
