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
    source: Path | None,
    references: dict[str, Path],
    systems: dict[str, Path],
    doc_ids: Path | None = None,
    name: str | None = None,
):
    """``source`` None: a source-free corpus (Arabic only); the first system (or reference) file then
    fixes the line count every other file must have."""
    files = [*systems.values(), *references.values()]
    base = source if source is not None else (files[0] if files else None)
    if base is None:
        raise InputError("give --system NAME=FILE (and --source for the English, if you have it)")
    base_spans = _spans(base)
    if not base_spans:
        raise InputError(f"empty corpus: the {'source' if source is not None else 'first'} file has no lines", base)
    ids = _doc_ids(doc_ids, len(base_spans), base.stem)
    if len(ids) != len(base_spans):
        raise InputError(f"{len(ids)} document ids but {len(base_spans)} {'source ' if source is not None else ''}lines in {base}", doc_ids)
    refs: dict[str, LazyTexts] = {}
    syss: dict[str, LazyTexts] = {}
    what = "the source" if source is not None else "the first file"
    for kind, group, out in (("reference", references, refs), ("system", systems, syss)):
        for label, path in group.items():
            spans = _spans(path)
            if len(spans) != len(base_spans):
                raise InputError(f"{kind} {label!r} has {len(spans)} lines but {what} {base} has {len(base_spans)}", path)
            out[label] = _group(spans, ids, doc_ids, path)
    origin = {
        "format": "lines",
        "source": str(source) if source is not None else None,
        "references": {k: str(v) for k, v in references.items()},
        "systems": {k: str(v) for k, v in systems.items()},
        "doc_ids": str(doc_ids) if doc_ids else None,
        "segmentation": "lines",
    }
    sources = _group(base_spans, ids, doc_ids, source) if source is not None else {}
    return assemble(name or base.stem, sources, refs, syss, origin=origin)
