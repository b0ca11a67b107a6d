"""The results folder: tidy tables (Parquet, optionally CSV/JSON) and summary.json.

This is the contract reports, notebooks and outside tools rely on (README, "Results schema").
Tables are sorted and typed explicitly so the same input and config give byte-identical files.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import pandas as pd

from eval import SCHEMA_VERSION

TABLES = ("sentences", "segments", "findings", "documents", "names")

#: the columns each table always has, in order (extra columns, e.g. neural metrics, follow)
COLUMNS: dict[str, list[str]] = {
    "sentences": ["doc_id", "side", "system", "paragraph", "index", "text", "normalized", "start", "end"],
    "segments": [
        "doc_id", "system", "segment", "source_ids", "source_text", "target_ids", "target_text",
        "reference", "reference_ids", "reference_text", "kind", "align_score", "scoring_unit",
    ],
    "findings": [
        "doc_id", "system", "check", "severity", "its_type", "source_ids", "target_ids",
        "source_excerpt", "target_excerpt", "message", "details",
    ],
    "documents": ["doc_id", "system", "n_source", "n_target", "n_segments", "n_scoring_units", "coverage"],
    "names": ["doc_id", "system", "entity", "english", "arabic_form", "count", "sentence_ids", "verdict"],
}

_LIST_COLUMNS = {"source_ids", "target_ids", "reference_ids", "sentence_ids"}


def frame(name: str, rows: list[dict]) -> pd.DataFrame:
    """A table with its contract columns first, list columns as lists of ints."""
    df = pd.DataFrame(rows)
    for col in COLUMNS[name]:
        if col not in df.columns:
            df[col] = pd.Series([[] for _ in range(len(df))] if col in _LIST_COLUMNS else [None] * len(df), dtype=object)
    extra = [c for c in df.columns if c not in COLUMNS[name]]
    df = df[COLUMNS[name] + extra]
    for col in _LIST_COLUMNS & set(df.columns):
        df[col] = df[col].map(lambda v: [int(x) for x in v] if v is not None else [])
    return df.reset_index(drop=True)


def _clean(obj: Any) -> Any:
    """JSON-safe: NaN/inf become null (JSON has no NaN), numpy scalars become Python numbers."""
    if isinstance(obj, dict):
        return {str(k): _clean(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_clean(v) for v in obj]
    if hasattr(obj, "item") and not isinstance(obj, str):
        obj = obj.item()
    if isinstance(obj, float) and not math.isfinite(obj):
        return None
    return obj


#: a cell a spreadsheet would run as a formula (OWASP "CSV injection"): = + @, tab or CR first, or a
#: minus sign not followed by a number
_FORMULA = re.compile(r"^(?:[=+@\t\r]|-(?![\d.\s]))")


def neutral_cells(df: pd.DataFrame) -> pd.DataFrame:
    """The table with every text cell a spreadsheet would evaluate prefixed by ``'`` (shown, not run)."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(lambda v: "'" + v if isinstance(v, str) and _FORMULA.match(v) else v)
    return out


def write_results(out: Path, tables: dict[str, pd.DataFrame], summary: dict | None, formats: tuple[str, ...] = ("parquet",)) -> None:
    """Write whole tables (and summary.json when given); see :class:`StreamingTables` for large runs."""
    out.mkdir(parents=True, exist_ok=True)
    for name, df in tables.items():
        if "parquet" in formats:
            df.to_parquet(out / f"{name}.parquet", index=False, engine="pyarrow", compression="zstd")
        if "csv" in formats:
            neutral_cells(df).to_csv(out / f"{name}.csv", index=False)
        if "json" in formats:
            df.to_json(out / f"{name}.json", orient="records", force_ascii=False, indent=1)
    if summary is None:
        return
    summary = {"schema_version": SCHEMA_VERSION, **summary}
    (out / "summary.json").write_text(json.dumps(_clean(summary), ensure_ascii=False, indent=2, sort_keys=False) + "\n", encoding="utf-8")


def read_results(path: str | Path, require_summary: bool = True) -> tuple[dict[str, pd.DataFrame], dict]:
    """Load a results folder: ``(tables, summary)``; missing tables come back empty with their columns."""
    p = Path(path)
    if not (p / "summary.json").is_file():
        if require_summary:
            from eval.errors import InputError

            raise InputError("not a results folder (no summary.json); run 'mteval run' first", p)
        summary = {}
    else:
        summary = json.loads((p / "summary.json").read_text(encoding="utf-8"))
    tables = {}
    for name in TABLES:
        f = p / f"{name}.parquet"
        tables[name] = pd.read_parquet(f) if f.is_file() else pd.DataFrame(columns=COLUMNS[name])
    return tables, summary


_TYPES = {
    "doc_id": "string", "side": "string", "system": "string", "text": "string", "normalized": "string",
    "source_text": "string", "target_text": "string", "reference": "string", "reference_text": "string",
    "kind": "string", "check": "string", "severity": "string", "its_type": "string", "source_excerpt": "string",
    "target_excerpt": "string", "message": "string", "details": "string", "entity": "string", "english": "string",
    "arabic_form": "string", "verdict": "string",
    "paragraph": "int64", "index": "int64", "start": "int64", "end": "int64", "segment": "int64", "count": "int64",
    "n_source": "int64", "n_target": "int64", "n_segments": "int64", "scoring_unit": "int64",
    "n_scoring_units": "int64",
    "source_ids": "list", "target_ids": "list", "reference_ids": "list", "sentence_ids": "list",
}


def _arrow_schema(df: pd.DataFrame):
    import pyarrow as pa

    fields = []
    for col in df.columns:
        t = _TYPES.get(col)
        if t == "string":
            typ = pa.string()
        elif t == "int64":
            typ = pa.int64()
        elif t == "list":
            typ = pa.list_(pa.int64())
        elif col.startswith("findings_"):
            typ = pa.int64()
        elif df[col].dtype.kind in "fc" or df[col].isna().all():
            typ = pa.float64()
        else:
            typ = pa.Table.from_pandas(df[[col]], preserve_index=False).schema.field(col).type
        fields.append(pa.field(col, typ))
    return pa.schema(fields)


class StreamingTables:
    """Writes tables batch by batch as Parquet row groups, so memory is bounded by the batch, not the
    corpus. Batches flush at fixed row counts in document order, so files do not depend on the engine."""

    def __init__(self, out: Path, batch_rows: int = 50_000):
        self.out = out
        self.batch_rows = batch_rows
        self.buffers: dict[str, list[dict]] = {name: [] for name in TABLES}
        self.writers: dict[str, Any] = {}
        self.schemas: dict[str, Any] = {}
        self.rows: dict[str, int] = dict.fromkeys(TABLES, 0)
        out.mkdir(parents=True, exist_ok=True)

    def add(self, name: str, rows: list[dict]) -> None:
        buf = self.buffers[name]
        buf.extend(rows)
        while len(buf) >= self.batch_rows:
            self._flush(name, buf[: self.batch_rows])
            del buf[: self.batch_rows]

    def _flush(self, name: str, rows: list[dict]) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        df = frame(name, rows)
        if name not in self.writers:
            self.schemas[name] = _arrow_schema(df)
            self.writers[name] = pq.ParquetWriter(self.out / f"{name}.parquet", self.schemas[name], compression="zstd")
        schema = self.schemas[name]
        for col in schema.names:
            if col not in df.columns:
                df[col] = None
        table = pa.Table.from_pandas(df[schema.names], schema=schema, preserve_index=False)
        self.writers[name].write_table(table)
        self.rows[name] += len(rows)

    def close(self) -> dict[str, int]:
        for name in TABLES:
            if self.buffers[name] or name not in self.writers:
                self._flush(name, self.buffers[name])
                self.buffers[name] = []
            self.writers[name].close()
        return dict(self.rows)
