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
from eval.ingest.lazy import LazyTexts
from eval.ingest.reading import file_stamp, read_span, scan_lines


def _doc_ids(path: Path | None, n: int, default: str) -> list[str]:
    """Document id of every line (the first tab-separated column of the id file)."""
    if path is None:
        return [default] * n
    ids = []
    for k, _, _, line in scan_lines(path):
        doc_id = line.split("\t", 1)[0].strip()
        if not doc_id:
            raise InputError("empty document id", path, k)
        ids.append(doc_id)
    return ids


def _spans(path: Path) -> list[tuple[int, int]]:
    """Byte span of every line, validated in one streaming pass (the text is not kept)."""
    return [(a, b) for _, a, b, _ in scan_lines(path)]


def _group(spans: list[tuple[int, int]], ids: list[str], ids_path: Path | None, path: Path) -> LazyTexts:
    """Each document's run of lines as one byte span of ``path``, read back on access."""
    docs: dict[str, tuple[int, int]] = {}
    prev = None
    for k, (doc_id, (a, b)) in enumerate(zip(ids, spans), start=1):
        if doc_id != prev and doc_id in docs:
            raise InputError(f"duplicate document id {doc_id!r}: its lines are not contiguous", ids_path, k)
        docs[doc_id] = (docs[doc_id][0], b) if doc_id == prev else (a, b)
        prev = doc_id
    stamp = file_stamp(path)
    return LazyTexts({d: (path, a, b, stamp) for d, (a, b) in docs.items()}, lambda loc: read_span(*loc))


def load_line_aligned(
    source: Path,
    references: dict[str, Path],
    systems: dict[str, Path],
    doc_ids: Path | None = None,
    name: str | None = None,
):
    src_spans = _spans(source)
    if not src_spans:
        raise InputError("empty corpus: the source file has no lines", source)
    ids = _doc_ids(doc_ids, len(src_spans), source.stem)
    if len(ids) != len(src_spans):
        raise InputError(f"{len(ids)} document ids but {len(src_spans)} source lines in {source}", doc_ids)
    refs: dict[str, LazyTexts] = {}
    syss: dict[str, LazyTexts] = {}
    for kind, files, out in (("reference", references, refs), ("system", systems, syss)):
        for label, path in files.items():
            spans = _spans(path)
            if len(spans) != len(src_spans):
                raise InputError(f"{kind} {label!r} has {len(spans)} lines but the source {source} has {len(src_spans)}", path)
            out[label] = _group(spans, ids, doc_ids, path)
    origin = {
        "format": "lines",
        "source": str(source),
        "references": {k: str(v) for k, v in references.items()},
        "systems": {k: str(v) for k, v in systems.items()},
        "doc_ids": str(doc_ids) if doc_ids else None,
        "segmentation": "lines",
    }
    return assemble(name or source.stem, _group(src_spans, ids, doc_ids, source), refs, syss, origin=origin)
