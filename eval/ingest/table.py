"""TSV/CSV corpora: one row per paragraph (or segment), documents as runs of rows sharing ``doc_id``.

Columns: ``doc_id``, ``source``, ``reference`` or ``reference:<name>``, and one column per system
(``system:<name>`` or just ``<name>``). Rows of one document must be contiguous; an id that comes
back after another document is reported as a duplicate. TSV is read without quote processing
(translations contain quotes); CSV uses standard quoting.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from eval.errors import InputError
from eval.ingest.assemble import assemble
from eval.ingest.directory import DEFAULT_REFERENCE
from eval.ingest.reading import read_text


def _column_role(col: str) -> tuple[str, str]:
    c = col.strip()
    low = c.lower()
    if low in ("doc_id", "doc", "document", "document_id"):
        return "doc_id", ""
    if low in ("source", "src"):
        return "source", ""
    if low in ("reference", "ref"):
        return "reference", DEFAULT_REFERENCE
    if low.startswith(("reference:", "ref:")):
        return "reference", c.split(":", 1)[1]
    if low.startswith("system:"):
        return "system", c.split(":", 1)[1]
    return "system", c


def load_table(path: Path, name: str | None = None):
    text = read_text(path)
    delimiter = "," if path.suffix.lower() == ".csv" else "\t"
    quoting = csv.QUOTE_MINIMAL if delimiter == "," else csv.QUOTE_NONE
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter, quoting=quoting))
    if not rows:
        raise InputError("empty corpus: the table has no rows", path)
    header = rows[0]
    roles = [_column_role(c) for c in header]
    if ("doc_id", "") not in roles or ("source", "") not in roles:
        raise InputError(f"the header needs 'doc_id' and 'source' columns, found {header}", path, 1)
    id_col = roles.index(("doc_id", ""))
    buffers: dict[tuple[str, str], dict[str, list[str]]] = {}
    finished: set[str] = set()
    current: str | None = None
    for n, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise InputError(f"expected {len(header)} columns, found {len(row)}", path, n)
        doc_id = row[id_col].strip()
        if not doc_id:
            raise InputError("empty doc_id", path, n)
        if doc_id != current:
            if doc_id in finished:
                raise InputError(f"duplicate document id {doc_id!r}: its rows are not contiguous", path, n)
            if current is not None:
                finished.add(current)
            current = doc_id
        for (role, rname), cell in zip(roles, row):
            if role == "doc_id":
                continue
            buffers.setdefault((role, rname), {}).setdefault(doc_id, []).append(cell)
    sources = {d: "\n".join(p) for d, p in buffers.get(("source", ""), {}).items()}
    references = {r: {d: "\n".join(p) for d, p in docs.items()} for (role, r), docs in buffers.items() if role == "reference"}
    systems = {s: {d: "\n".join(p) for d, p in docs.items()} for (role, s), docs in buffers.items() if role == "system"}
    return assemble(name or path.stem, sources, references, systems, origin={"format": "table", "path": str(path), "segmentation": "lines"})
