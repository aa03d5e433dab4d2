from importlib import resources

import pytest
from claims_util import run


@pytest.fixture
def analyse():
    return run


@pytest.fixture(scope="session")
def seeds():
    folder = resources.files("tabayyun").joinpath("examples/karabakh-2023")
    return {f.name[:3]: run(f.read_text("utf-8")) for f in sorted(folder.iterdir()) if f.name.endswith(".txt")}
