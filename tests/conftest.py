from pathlib import Path

import pytest

from tabayyun.cli import example_dir

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def seed_dir() -> Path:
    return example_dir()


@pytest.fixture(scope="session")
def seed_dossier(seed_dir):
    import tabayyun

    return tabayyun.analyse([seed_dir])
