"""TSV/CSV corpora: one row per paragraph (or segment), documents as runs of rows sharing ``doc_id``.

Columns: ``doc_id``, ``source``, ``reference`` or ``reference:<name>``, and one column per system
(``system:<name>`` or just ``<name>``). Rows of one document must be contiguous; an id that comes
back after another document is reported as a duplicate. TSV is read without quote processing
(translations contain quotes); CSV uses standard quoting.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from eval.errors import InputError
from eval.ingest.assemble import assemble
from eval.ingest.directory import DEFAULT_REFERENCE
from eval.ingest.lazy import LazyTexts
from eval.ingest.reading import file_stamp, read_span, scan_lines


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
    """Index the table in one validating pass; a document's rows are parsed again when it is used."""
    delimiter = "," if path.suffix.lower() == ".csv" else "\t"
    quoting = csv.QUOTE_MINIMAL if delimiter == "," else csv.QUOTE_NONE
    pulled: list[tuple[int, int]] = []  # byte spans of the lines the csv reader consumed for the current row

    def lines() -> Iterator[str]:
        for _, a, b, text in scan_lines(path):
            pulled.append((a, b))
            yield text + "\n"

    reader = csv.reader(lines(), delimiter=delimiter, quoting=quoting)
    header = next(reader, None)
    if header is None:
        raise InputError("empty corpus: the table has no rows", path)
    roles = [_column_role(c) for c in header]
    for k, role in enumerate(roles):
        if role in roles[:k]:
            first = header[roles.index(role)]
            raise InputError(f"columns {first!r} and {header[k]!r} are the same {role[0]}; one would be lost", path, 1)
    if ("doc_id", "") not in roles:
        raise InputError(f"the header needs a 'doc_id' column, found {header}", path, 1)
    if not any(role in ("system", "reference") for role, _ in roles):
        raise InputError(f"the header needs at least one system or reference column, found {header}", path, 1)
    id_col = roles.index(("doc_id", ""))
    spans: dict[str, tuple[int, int]] = {}  # doc_id → byte span of its rows
    current: str | None = None
    pulled.clear()
    for row in reader:
        n = reader.line_num
        a, b = pulled[0][0], pulled[-1][1]
        pulled.clear()
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise InputError(f"expected {len(header)} columns, found {len(row)}", path, n)
        doc_id = row[id_col].strip()
        if not doc_id:
            raise InputError("empty doc_id", path, n)
        if doc_id != current:
            if doc_id in spans:
                raise InputError(f"duplicate document id {doc_id!r}: its rows are not contiguous", path, n)
            current = doc_id
            spans[doc_id] = (a, b)
        else:
            spans[doc_id] = (spans[doc_id][0], b)
    stamp = file_stamp(path)

    @lru_cache(maxsize=8)  # one document's columns are read one after another: parse its rows once
    def columns(start: int, end: int) -> list[str]:
        text = read_span(path, start, end, stamp)
        rows = [r for r in csv.reader(io.StringIO(text), delimiter=delimiter, quoting=quoting) if any(c.strip() for c in r)]
        return ["\n".join(r[k] for r in rows) for k in range(len(header))]

    def side(k: int) -> LazyTexts:
        return LazyTexts({d: (a, b, k) for d, (a, b) in spans.items()}, lambda loc: columns(loc[0], loc[1])[loc[2]])

    # no source column: the corpus is source-free, its Arabic evaluated on its own
    sources = side(roles.index(("source", ""))) if ("source", "") in roles else {}
    references = {r: side(k) for k, (role, r) in enumerate(roles) if role == "reference"}
    systems = {s: side(k) for k, (role, s) in enumerate(roles) if role == "system"}
    return assemble(name or path.stem, sources, references, systems, origin={"format": "table", "path": str(path), "segmentation": "lines"})
