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
    _unicode(value, path, line, field)
    return value


def _unicode(value: str, path: Path, line: int, field: str) -> None:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(f"field {field!r} holds a lone surrogate (\\u{ord(value[exc.start]):04x}): not Unicode "
                         "text; fix the escape in the file", path, line) from None


class _DuplicateKey(Exception):
    pass


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict:
    out: dict = {}
    for k, v in pairs:
        if k in out:
            raise _DuplicateKey(k)
        out[k] = v
    return out


def _record(line: str, path: Path, n: int) -> tuple[str, str, dict, dict]:
    """Validate one line: ``(doc_id, source, references, systems)``."""
    try:
        rec = json.loads(line, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg} (column {exc.colno})", path, n) from None
    except _DuplicateKey as exc:
        raise InputError(f"duplicate key {exc.args[0]!r} in one object (one of the values would be lost)", path, n) from None
    except (ValueError, RecursionError) as exc:  # a 5,000-digit number, nesting too deep
        raise InputError(f"unreadable JSON value: {str(exc)[:120]}", path, n) from None
    if not isinstance(rec, dict):
        raise InputError("each line must be a JSON object", path, n)
    doc_id = rec.get("doc_id", rec.get("id"))
    if doc_id is None:
        raise InputError("missing 'doc_id'", path, n)
    if isinstance(doc_id, bool) or not isinstance(doc_id, str | int):
        raise InputError(f"'doc_id' must be a string or an integer, not {json.dumps(doc_id)[:60]}", path, n)
    doc_id = str(doc_id)
    _unicode(doc_id, path, n, "doc_id")
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
