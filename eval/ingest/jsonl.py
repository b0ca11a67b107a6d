"""JSONL corpora: one document per line.

``{"doc_id": "...", "source": "...", "reference": "..." | "references": {name: text},
"systems": {name: text}}``; texts keep paragraphs as ``\\n``-separated lines (a list of
paragraph strings is accepted too).
"""

from __future__ import annotations

import json
from pathlib import Path

from eval.errors import InputError
from eval.ingest.assemble import assemble
from eval.ingest.directory import DEFAULT_REFERENCE
from eval.ingest.reading import read_lines


def _text(value, path: Path, line: int, field: str) -> str:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "\n".join(value)
    if not isinstance(value, str):
        raise InputError(f"field {field!r} must be a string or a list of strings", path, line)
    return value


def load_jsonl(path: Path, name: str | None = None):
    sources: dict[str, str] = {}
    references: dict[str, dict[str, str]] = {}
    systems: dict[str, dict[str, str]] = {}
    for n, line in enumerate(read_lines(path), start=1):
        if not line.strip():
            continue
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
        if doc_id in sources:
            raise InputError(f"duplicate document id {doc_id!r}", path, n)
        if "source" not in rec:
            raise InputError(f"document {doc_id!r} has no 'source'", path, n)
        sources[doc_id] = _text(rec["source"], path, n, "source")
        refs = rec.get("references") or {}
        if "reference" in rec and rec["reference"] is not None:
            refs = {DEFAULT_REFERENCE: rec["reference"], **refs}
        if not isinstance(refs, dict):
            raise InputError("'references' must be an object {name: text}", path, n)
        for r, t in refs.items():
            references.setdefault(str(r), {})[doc_id] = _text(t, path, n, f"references.{r}")
        syss = rec.get("systems") or {}
        if not isinstance(syss, dict):
            raise InputError("'systems' must be an object {name: text}", path, n)
        for s, t in syss.items():
            systems.setdefault(str(s), {})[doc_id] = _text(t, path, n, f"systems.{s}")
    return assemble(name or path.stem, sources, references, systems, origin={"format": "jsonl", "path": str(path)})
