import os
import uuid

import pytest

from tabayyun.store import Store

PG_URL = os.environ.get("TABAYYUN_TEST_PG")


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory, seed_dir):
    """A SQLite store holding the five seed articles (built once; tests copy it)."""
    path = tmp_path_factory.mktemp("store") / "seed.db"
    with Store.open(path) as s:
        s.add([seed_dir])
    return path


@pytest.fixture
def store(tmp_path, seed_db):
    import shutil

    path = tmp_path / "t.db"
    shutil.copy(seed_db, path)
    s = Store.open(path)
    yield s
    s.close()


@pytest.fixture
def pg_url():
    """A fresh schema-less database on the test PostgreSQL server (CI sets
    TABAYYUN_TEST_PG; .ci/run installs and starts the server)."""
    if not PG_URL and os.environ.get("CI"):
        pytest.fail("CI must run the PostgreSQL tests: .ci/run should have set TABAYYUN_TEST_PG")
    if not PG_URL:
        pytest.skip("TABAYYUN_TEST_PG not set: no PostgreSQL server to test against (.ci/run starts one)")
    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    base = PG_URL.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = base.rsplit("/", 1)[0] + "/" + name
    yield url
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
