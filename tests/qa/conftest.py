"""Fixtures for the QA tests: a folder mixing every kind of bad input with a few
good Arabic articles (sentences written for these tests), and a small store."""

import json
import random
from pathlib import Path

import pytest

from qa_texts import FLOOD, FLOOD2, FOOTBALL


def write_bad_dir(root: Path) -> Path:
    """Every kind of bad input the README promises to survive, plus good articles."""
    d = root / "mixed"
    (d / "sub").mkdir(parents=True)
    rnd = random.Random(7)
    (d / "empty.txt").write_bytes(b"")
    (d / "spaces.txt").write_text("  \n\t \n")
    (d / "junk.bin").write_bytes(bytes(rnd.randrange(256) for _ in range(2000)))
    (d / "junk_noext").write_bytes(bytes(rnd.randrange(256) for _ in range(2000)))
    (d / "paper.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n")
    (d / "utf16.txt").write_bytes(FLOOD.encode("utf-16"))
    (d / "cp1256.txt").write_bytes(FLOOD2.encode("cp1256"))
    (d / "big.txt").write_text(FOOTBALL * 40)  # over the small --max-bytes the tests pass
    (d / "broken.html").write_text("<html><head><title>خبر</title><body><div><p>" + FOOTBALL + "<p>غير مغلق <div><span>")
    (d / "menu.html").write_text("<html><body><nav>home</nav></body></html>")
    (d / "english.txt").write_text("The civil defence said twelve people died in the floods in Jeddah on Monday.\n")
    lines = [json.dumps({"text": FLOOD2, "source": "okaz"}, ensure_ascii=False), '{"text": "broken', "",
             "not json", json.dumps({"title": "no text"}), json.dumps([1, 2]),
             json.dumps({"content": " ", "title": "blank body"})]
    (d / "day.jsonl").write_text("\n".join(lines) + "\n")
    (d / ".hidden.txt").write_text(FLOOD)
    (d / "sub" / "copy.txt").write_text(FLOOD)  # the same body as utf16.txt: merged
    return d


@pytest.fixture
def bad_dir(tmp_path) -> Path:
    return write_bad_dir(tmp_path)
