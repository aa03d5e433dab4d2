"""Input partitions for the batch runner: byte ranges of JSONL files (aligned on
line ends, with the number of their first line, so every record keeps the
same ``path:line`` source as in the single-process reader) and row ranges of
Parquet files. Planning reads each JSONL file once in large chunks on the
driver (counting newlines is fast); the records themselves are read on workers.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import Reasons
from ..ingest.formats import Unit, record_unit
from ..ingest.readers import _utf16, jsonl_line
from ..model import Skipped
from ..settings import Settings

_CHUNK = 1 << 22
UTF16_JSONL = ("UTF-16 JSONL cannot be split for batch: convert it to UTF-8 (iconv -f UTF-16 -t UTF-8) "
               "or read it with tabayyun analyze or add")
NOT_BATCH = "not JSONL or Parquet (batch reads .jsonl, .json, .parquet; use tabayyun analyze or add for text, HTML, feeds)"


@dataclass(frozen=True)
class Part:
    path: str
    kind: str  # "jsonl" or "parquet"
    start: int  # byte offset (jsonl) or first row (parquet)
    end: int
    first_line: int = 1  # line number of the first line in the range (jsonl)


def expand(inputs: list[str]) -> tuple[list[Path], list[Skipped]]:
    """Files, directories (recursive) and globs -> JSONL/Parquet files, sorted for a stable order."""
    files: list[Path] = []
    skipped: list[Skipped] = []
    for spec in inputs:
        p = Path(spec)
        if p.is_dir():
            # hidden files are left out, as analyze does; every other file is read or listed
            every = sorted(q for q in p.rglob("*") if q.is_file()
                           and not any(x.startswith(".") for x in q.relative_to(p).parts))
            if not every:
                skipped.append(Skipped(spec, Reasons.EMPTY_DIR))
            files += [q for q in every if _kind(q)]
            skipped += [Skipped(str(q), NOT_BATCH) for q in every if not _kind(q)]
        elif p.is_file():
            if _kind(p):
                files.append(p)
            else:
                skipped.append(Skipped(spec, NOT_BATCH))
        else:
            hits = sorted(Path(h) for h in glob.glob(spec, recursive=True) if _kind(Path(h)))
            if not hits:
                skipped.append(Skipped(spec, Reasons.NO_MATCH))
            files += hits
    # byte ranges split on b"\n", which is half a character in UTF-16: say so instead
    utf16 = [f for f in files if _kind(f) == "jsonl" and _is_utf16(f)]
    skipped += [Skipped(str(f), UTF16_JSONL) for f in utf16]
    return [f for f in files if f not in utf16], skipped


def _is_utf16(p: Path) -> bool:
    try:
        with p.open("rb") as fh:
            return _utf16(fh.read(4000)) is not None
    except OSError:
        return False


def _kind(p: Path) -> str | None:
    name = p.name.lower()
    if name.endswith((".jsonl", ".json", ".ndjson")):
        return "jsonl"
    if name.endswith(".parquet"):
        return "parquet"
    return None


def plan(files: list[Path], blocksize: int = 8 << 20) -> list[Part]:
    parts: list[Part] = []
    for f in files:
        if _kind(f) == "parquet":
            parts += _parquet_parts(f, max(1, blocksize // 4096))
        else:
            parts += _jsonl_parts(f, blocksize)
    return parts


def _jsonl_parts(f: Path, blocksize: int) -> list[Part]:
    size = os.path.getsize(f)
    parts, start, line, pos, lines_in = [], 0, 1, 0, 0
    with f.open("rb") as fh:
        while True:
            chunk = fh.read(_CHUNK)
            if not chunk:
                break
            i = 0
            while True:
                j = chunk.find(b"\n", i)
                if j < 0:
                    break
                lines_in += 1
                end = pos + j + 1
                if end - start >= blocksize:
                    parts.append(Part(str(f), "jsonl", start, end, line))
                    start, line, lines_in = end, line + lines_in, 0
                i = j + 1
            pos += len(chunk)
    if start < size:
        parts.append(Part(str(f), "jsonl", start, size, line))
    return parts


def _parquet_parts(f: Path, rows: int) -> list[Part]:
    import pyarrow.parquet as pq

    try:
        n = pq.ParquetFile(f).metadata.num_rows
    except Exception as exc:  # noqa: BLE001 — pyarrow raises several types for a bad file
        return [Part(str(f), f"bad:{type(exc).__name__}: {exc}", 0, 0)]
    return [Part(str(f), "parquet", s, min(n, s + rows)) for s in range(0, n, rows)]


def units(part: Part, settings: Settings) -> Iterator[Unit | Skipped]:
    """The records of one partition, as the single-process reader would see them."""
    if part.kind.startswith("bad:"):
        yield Skipped(part.path, "unreadable Parquet file (" + part.kind[4:] + ")")
        return
    if part.kind == "parquet":
        import pyarrow.parquet as pq

        table = pq.read_table(part.path).slice(part.start, part.end - part.start)
        for k, record in enumerate(table.to_pylist()):
            yield record_unit(record, f"{part.path}:{part.start + k + 1}", settings)
        return
    with open(part.path, "rb") as fh:
        fh.seek(part.start)
        data = fh.read(part.end - part.start)
    # split on "\n" only, as iterating the file does: a stray "\r" must not shift line numbers
    for n, raw in enumerate(data.split(b"\n"), part.first_line):
        if raw.strip():
            yield from jsonl_line(raw, f"{part.path}:{n}", settings)
