import json
from pathlib import Path

import pytest

from tabayyun import analyse

EXAMPLE = Path(__file__).resolve().parents[2] / "src" / "tabayyun" / "examples" / "karabakh-2023"


@pytest.fixture(scope="session")
def seed():
    return analyse(EXAMPLE)


@pytest.fixture
def run(tmp_path):
    """Analyse hand-written articles given as (outlet, text) pairs."""

    def go(*rows):
        p = tmp_path / "in.jsonl"
        p.write_text("\n".join(json.dumps({"outlet": o, "text": t}, ensure_ascii=False) for o, t in rows), "utf-8")
        return analyse(p)

    return go

