"""WMT/NTREX-style line-aligned files: one segment per line, documents given by a doc-id file.

Line *i* of the source, of each reference and of each system file translate each other, and line
*i* of the doc-id file names the document (first tab-separated column). Counts must agree: a
mismatch means the files do not belong together, and scoring them would silently pair the wrong
lines, so it is an error naming both files and counts.
"""

from __future__ import annotations

from pathlib import Path

from eval.errors import InputError
from eval.ingest.assemble import assemble
from eval.ingest.reading import read_lines


def _doc_ids(path: Path | None, n: int, default: str) -> list[str]:
    if path is None:
        return [default] * n
    ids = []
    for k, line in enumerate(read_lines(path), start=1):
        doc_id = line.split("\t", 1)[0].strip()
        if not doc_id:
            raise InputError("empty document id", path, k)
        ids.append(doc_id)
    return ids


def _group(lines: list[str], ids: list[str], ids_path: Path | None) -> dict[str, str]:
    docs: dict[str, list[str]] = {}
    prev = None
    for k, (doc_id, line) in enumerate(zip(ids, lines), start=1):
        if doc_id != prev and doc_id in docs:
            raise InputError(f"duplicate document id {doc_id!r}: its lines are not contiguous", ids_path, k)
        prev = doc_id
        docs.setdefault(doc_id, []).append(line)
    return {d: "\n".join(v) for d, v in docs.items()}


def load_line_aligned(
    source: Path,
    references: dict[str, Path],
    systems: dict[str, Path],
    doc_ids: Path | None = None,
    name: str | None = None,
):
    src_lines = read_lines(source)
    if not src_lines:
        raise InputError("empty corpus: the source file has no lines", source)
    ids = _doc_ids(doc_ids, len(src_lines), source.stem)
    if len(ids) != len(src_lines):
        raise InputError(f"{len(ids)} document ids but {len(src_lines)} source lines in {source}", doc_ids)
    refs: dict[str, dict[str, str]] = {}
    syss: dict[str, dict[str, str]] = {}
    for kind, files, out in (("reference", references, refs), ("system", systems, syss)):
        for label, path in files.items():
            lines = read_lines(path)
            if len(lines) != len(src_lines):
                raise InputError(f"{kind} {label!r} has {len(lines)} lines but the source {source} has {len(src_lines)}", path)
            out[label] = _group(lines, ids, doc_ids)
    origin = {
        "format": "lines",
        "source": str(source),
        "references": {k: str(v) for k, v in references.items()},
        "systems": {k: str(v) for k, v in systems.items()},
        "doc_ids": str(doc_ids) if doc_ids else None,
        "segmentation": "lines",
    }
    return assemble(name or source.stem, _group(src_lines, ids, doc_ids), refs, syss, origin=origin)
