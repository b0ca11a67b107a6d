"""Reading text files strictly: UTF-8 only, with precise errors, accepting BOMs and CRLF.

Scraped and exported MT files arrive with BOMs, Windows line ends, UTF-16 from spreadsheet
exports and stray NUL bytes. BOM and CRLF are harmless and accepted silently; everything else
would silently corrupt scores, so it stops the run with the file, line and byte named.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from eval.errors import InputError

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF8_BOM = b"\xef\xbb\xbf"


def decode_text(data: bytes, path: str | Path) -> str:
    """Decode file bytes as UTF-8 text with LF line ends; raise :class:`InputError` on anything else."""
    _check_head(data[:64], path)
    skip = len(_UTF8_BOM) if data.startswith(_UTF8_BOM) else 0  # byte offsets stay those of the file
    nul = data.find(b"\x00", skip)
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise InputError(f"NUL byte at byte {nul}; the file is binary or corrupted", path, line)
    try:
        text = data[skip:].decode("utf-8")
    except UnicodeDecodeError as exc:
        pos = skip + exc.start
        line = data.count(b"\n", 0, pos) + 1
        bad = data[pos : pos + 4].hex(" ")
        raise InputError(f"invalid UTF-8 at byte {pos} (bytes {bad}); re-save the file as UTF-8", path, line) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: str | Path) -> str:
    """Read a UTF-8 text file (BOM and CRLF accepted), or raise a clear :class:`InputError`."""
    p = _open_checked(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", p) from None
    return decode_text(data, p)


def read_lines(path: str | Path) -> list[str]:
    """Lines of a text file without their line ends; a final newline does not add an empty line."""
    text = read_text(path)
    if not text:
        return []
    return (text[:-1] if text.endswith("\n") else text).split("\n")  # "\n" alone is one empty line


def _check_head(head: bytes, path: Path) -> None:
    if head.startswith(_UTF16_BOMS) or (len(head) >= 4 and head[1:4:2] == b"\x00\x00" and b"\x00" in head[:64]):
        raise InputError("looks like UTF-16; convert it to UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)", path)


def _open_checked(path: str | Path) -> Path:
    """A regular file, or a clear error: a FIFO, socket or device would block or never end."""
    p = Path(path)
    if p.is_symlink() and not p.exists():
        raise InputError("is a broken symbolic link (its target does not exist)", p)
    if not p.exists():
        raise InputError("no such file", p)
    if p.is_dir():
        raise InputError("is a directory, expected a file", p)
    if not p.is_file():
        raise InputError("is not a regular file (a pipe, socket or device); give a file", p)
    return p


def scan_lines(path: str | Path) -> Iterator[tuple[int, int, int, str]]:
    """Stream a text file's lines as ``(line number, byte start, byte end, text)``, validating as :func:`read_text` does.

    One pass, one line in memory at a time, so corpora larger than memory can be indexed; the byte
    span lets a loader read a document back later (:func:`read_span`). Lines and errors are exactly
    those of :func:`read_lines` / :func:`read_text` (BOM skipped, CRLF and lone CR are line ends, a
    final newline adds no line; errors name the line and the byte offset in the file).
    """
    p = _open_checked(path)
    try:
        f = p.open("rb")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", p) from None
    with f:
        _check_head(f.read(64), p)
        f.seek(0)
        offset = 0
        for n, raw in enumerate(f, start=1):
            start, offset = offset, offset + len(raw)
            if n == 1 and raw.startswith(_UTF8_BOM):
                raw, start = raw[len(_UTF8_BOM) :], start + len(_UTF8_BOM)
                if not raw:
                    return  # the file is a BOM and nothing else
            if raw.endswith(b"\r\n"):
                body = raw[:-2]
            elif raw.endswith((b"\n", b"\r")):
                body = raw[:-1]
            else:
                body = raw
            nul = body.find(b"\x00")
            if nul >= 0:
                raise InputError(f"NUL byte at byte {start + nul}; the file is binary or corrupted", p, n)
            off = 0  # of the part in the line
            for part in body.split(b"\r") if b"\r" in body else (body,):
                try:
                    text = part.decode("utf-8")
                except UnicodeDecodeError as exc:
                    bad = raw[off + exc.start : off + exc.start + 4].hex(" ")
                    raise InputError(
                        f"invalid UTF-8 at byte {start + exc.start} (bytes {bad}); re-save the file as UTF-8", p, n
                    ) from None
                yield n, start, start + len(part), text
                start += len(part) + 1
                off += len(part) + 1


def file_stamp(path: str | Path) -> tuple[int, int]:
    """Size and modification time, recorded when a file is indexed and checked when it is read back."""
    st = Path(path).stat()
    return st.st_size, st.st_mtime_ns


def read_span(path: str | Path, start: int, end: int, stamp: tuple[int, int] | None = None) -> str:
    """Text of bytes ``start:end`` of an indexed file, line ends normalised to ``\\n``.

    ``stamp`` (from :func:`file_stamp` at indexing time) guards against a file changed in between,
    which would otherwise pair the wrong lines silently.
    """
    p = Path(path)
    try:
        if stamp is not None and file_stamp(p) != stamp:
            raise InputError("changed on disk while the run was reading it; run again on a stable copy", p)
        with p.open("rb") as f:
            f.seek(start)
            data = f.read(end - start)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", p) from None
    return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
