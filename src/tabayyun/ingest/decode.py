"""Bytes -> text: BOMs, UTF-8, then charset-normalizer limited to the encodings
Arabic news actually comes in (Windows-1256, ISO-8859-6, UTF-16), with binary
data refused rather than decoded into junk."""

from __future__ import annotations

import codecs
import re

from ..errors import InputError, Reasons

_MAGIC = {
    b"%PDF": "PDF",
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"PK\x03\x04": "ZIP archive (docx/xlsx/epub?)",
    b"\x1f\x8b": "gzip data",
    b"\x7fELF": "executable",
    b"BZh": "bzip2 data",
    b"\xd0\xcf\x11\xe0": "MS Office document",
    b"SQLite format 3": "SQLite database",
}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CANDIDATES = ["utf_8", "cp1256", "iso8859_6", "utf_16", "utf_16_le", "utf_16_be", "cp1252"]
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")
_MAX_CONTROL_SHARE = 0.02
_SNIFF = 200_000  # bytes given to the charset detector


def _control_share(text: str) -> float:
    sample = text[:20_000]
    return len(_CONTROL_RE.findall(sample)) / max(1, len(sample))


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM has a zero in every other byte for ASCII and a
    constant high byte (0x06) for Arabic."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    for enc, hi in (("utf-16-le", odd), ("utf-16-be", even)):
        if sum(b in (0, 6) for b in hi) / len(hi) > 0.9:
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                return None
    return None


def decode(data: bytes, source: str) -> tuple[str, str]:
    """Return ``(text, encoding)`` or raise InputError with a one-line reason."""
    if not data.strip():
        raise InputError(source, Reasons.EMPTY)
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise InputError(source, Reasons.BINARY.format(detail=what))
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data[len(bom) :].decode(enc), enc, source)
            except UnicodeDecodeError:
                break
    # UTF-8 text never holds NUL bytes, but BOM-less UTF-16 Arabic is full of them
    # and would otherwise "decode" as UTF-8 control characters.
    if b"\x00" in data[:4000]:
        text = _utf16_without_bom(data)
        if text is not None:
            return _checked(text, "utf-16", source)
        raise InputError(source, Reasons.BINARY.format(detail="contains NUL bytes"))
    try:
        return _checked(data.decode("utf-8"), "utf-8", source)
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:_SNIFF], cp_isolation=_CANDIDATES).best()
    if best is None:
        raise InputError(source, Reasons.UNDECODABLE.format(tried=", ".join(_CANDIDATES)))
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        raise InputError(source, Reasons.UNDECODABLE.format(tried=best.encoding)) from None
    return _checked(text, best.encoding, source)


def _checked(text: str, encoding: str, source: str) -> tuple[str, str]:
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise InputError(source, Reasons.BINARY.format(detail="control characters"))
    if not text.strip():
        raise InputError(source, Reasons.EMPTY)
    return text, encoding
