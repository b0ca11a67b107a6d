"""JSONL corpora: one document per line.

``{"doc_id": "...", "source": "...", "reference": "..." | "references": {name: text},
"systems": {name: text}}``; texts keep paragraphs as ``\\n``-separated lines (a list of
paragraph strings is accepted too).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from eval.errors import InputError
from eval.ingest.assemble import assemble
from eval.ingest.directory import DEFAULT_REFERENCE
from eval.ingest.lazy import LazyTexts
from eval.ingest.reading import file_stamp, read_span, scan_lines


def _text(value, path: Path, line: int, field: str) -> str:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "\n".join(value)
    if not isinstance(value, str):
        raise InputError(f"field {field!r} must be a string or a list of strings", path, line)
    return value


def _record(line: str, path: Path, n: int) -> tuple[str, str, dict, dict]:
    """Validate one line: ``(doc_id, source, references, systems)``."""
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg} (column {exc.colno})", path, n) from None
    if not isinstance(rec, dict):
        raise InputError("each line must be a JSON object", path, n)
    doc_id = rec.get("doc_id", rec.get("id"))
    if doc_id is None or str(doc_id).strip() == "":
        raise InputError("missing 'doc_id'", path, n)
    doc_id = str(doc_id)
    refs = rec.get("references") or {}
    if "reference" in rec and rec["reference"] is not None:
        refs = {DEFAULT_REFERENCE: rec["reference"], **refs}
    if not isinstance(refs, dict):
        raise InputError("'references' must be an object {name: text}", path, n)
    syss = rec.get("systems") or {}
    if not isinstance(syss, dict):
        raise InputError("'systems' must be an object {name: text}", path, n)
    return doc_id, rec.get("source"), refs, syss  # no source (or null): the document is source-free


def load_jsonl(path: Path, name: str | None = None):
    """Index the file in one validating pass; each document's line is parsed again when it is used."""
    stamp = file_stamp(path)

    @lru_cache(maxsize=8)  # one document's sides are read one after another: parse its line once
    def parsed(start: int, end: int, n: int) -> tuple[str, str, dict, dict]:
        return _record(read_span(path, start, end, stamp), path, n)

    def read(loc: tuple[int, int, int, str, str]) -> str:
        start, end, n, kind, key = loc
        _, source, refs, syss = parsed(start, end, n)
        value = source if kind == "source" else (refs if kind == "references" else syss)[key]
        return _text(value, path, n, kind if kind == "source" else f"{kind}.{key}")

    sources: dict[str, tuple] = {}
    references: dict[str, dict[str, tuple]] = {}
    systems: dict[str, dict[str, tuple]] = {}
    seen: set[str] = set()
    for n, start, end, line in scan_lines(path):
        if not line.strip():
            continue
        doc_id, source, refs, syss = _record(line, path, n)
        if doc_id in seen:
            raise InputError(f"duplicate document id {doc_id!r}", path, n)
        seen.add(doc_id)
        if source is not None:
            _text(source, path, n, "source")
            sources[doc_id] = (start, end, n, "source", "")
        for r, t in refs.items():
            _text(t, path, n, f"references.{r}")
            references.setdefault(str(r), {})[doc_id] = (start, end, n, "references", r)
        for sname, t in syss.items():
            _text(t, path, n, f"systems.{sname}")
            systems.setdefault(str(sname), {})[doc_id] = (start, end, n, "systems", sname)
    return assemble(
        name or path.stem,
        LazyTexts(sources, read),
        {r: LazyTexts(d, read) for r, d in references.items()},
        {sname: LazyTexts(d, read) for sname, d in systems.items()},
        origin={"format": "jsonl", "path": str(path)},
    )
