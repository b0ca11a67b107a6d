"""Reading text files strictly: UTF-8 only, with precise errors, accepting BOMs and CRLF.

Scraped and exported MT files arrive with BOMs, Windows line ends, UTF-16 from spreadsheet
exports and stray NUL bytes. BOM and CRLF are harmless and accepted silently; everything else
would silently corrupt scores, so it stops the run with the file, line and byte named.
"""

from __future__ import annotations

from pathlib import Path

from eval.errors import InputError

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF8_BOM = b"\xef\xbb\xbf"


def decode_text(data: bytes, path: str | Path) -> str:
    """Decode file bytes as UTF-8 text with LF line ends; raise :class:`InputError` on anything else."""
    if data.startswith(_UTF16_BOMS) or (len(data) >= 4 and data[1:4:2] == b"\x00\x00" and b"\x00" in data[:64]):
        raise InputError("looks like UTF-16; convert it to UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)", path)
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM) :]
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise InputError(f"NUL byte at byte {nul}; the file is binary or corrupted", path, line)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        bad = data[exc.start : exc.start + 4].hex(" ")
        raise InputError(f"invalid UTF-8 at byte {exc.start} (bytes {bad}); re-save the file as UTF-8", path, line) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: str | Path) -> str:
    """Read a UTF-8 text file (BOM and CRLF accepted), or raise a clear :class:`InputError`."""
    p = Path(path)
    if not p.exists():
        raise InputError("no such file", p)
    if p.is_dir():
        raise InputError("is a directory, expected a file", p)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", p) from None
    return decode_text(data, p)


def read_lines(path: str | Path) -> list[str]:
    """Lines of a text file without their line ends; a final newline does not add an empty line."""
    text = read_text(path)
    if text.endswith("\n"):
        text = text[:-1]
    return text.split("\n") if text else []
