"""A real SQLite store filled with the bundled example, shared by the web tests;
tests that write get their own copy of the file."""

import shutil

import pytest

pytest.importorskip("fastapi", reason="web tests need the [web] extra")
from fastapi.testclient import TestClient  # noqa: E402

from tabayyun.store import Store  # noqa: E402
from tabayyun.web import WebConfig, create_app  # noqa: E402


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory, seed_dir):
    path = tmp_path_factory.mktemp("web") / "seed.db"
    store = Store.open(path)
    result = store.add([str(seed_dir)])
    assert len(result.added) == 5
    store.close()
    return path


@pytest.fixture(scope="session")
def store(seed_db):
    s = Store.open(seed_db, read_only=True)
    yield s
    s.close()


@pytest.fixture(scope="session")
def client(store):
    return TestClient(create_app(store))


@pytest.fixture(scope="session")
def story_id(store):
    return store.stories().items[0].id


@pytest.fixture(scope="session")
def dossier(store, story_id):
    return store.story(story_id)


@pytest.fixture
def writable(seed_db, tmp_path):
    """A fresh copy of the seeded store that tests may write to."""
    path = tmp_path / "copy.db"
    shutil.copy(seed_db, path)
    s = Store.open(path)
    yield s
    s.close()


@pytest.fixture
def make_client(writable):
    def make(**config):
        return TestClient(create_app(writable, WebConfig(**config)))

    return make
