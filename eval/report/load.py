"""Read a results folder defensively.

The report is rendered from the results tables alone, and those tables may be partial: a run
without references has no metric columns, a run without names has no names.parquet, an older or
hand-made folder may lack columns. Every reader here fills what is missing with neutral values
and records what it could not find, so the page always renders and says what is absent.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from eval.errors import InputError
from eval.metrics.display import score_digits

#: columns each table should have, with the neutral value used when a column is missing
TABLE_DEFAULTS: dict[str, dict[str, Any]] = {
    "sentences": {"doc_id": "", "side": "", "system": "", "paragraph": 0, "index": 0, "text": ""},
    "segments": {
        "doc_id": "", "system": "", "segment": 0, "source_ids": (), "source_text": "", "target_ids": (),
        "target_text": "", "reference": "", "reference_ids": (), "reference_text": "", "kind": "",
        "align_score": math.nan,
    },
    "findings": {
        "doc_id": "", "system": "", "check": "", "severity": "info", "its_type": "", "source_ids": (),
        "target_ids": (), "source_excerpt": "", "target_excerpt": "", "message": "", "details": "",
    },
    "documents": {"doc_id": "", "system": "", "n_source": math.nan, "n_target": math.nan, "coverage": math.nan},
    "names": {
        "doc_id": "", "system": "", "entity": "", "english": "", "arabic_form": "", "count": 0,
        "sentence_ids": (), "verdict": "",
    },
}

_ID_COLUMNS = {"source_ids", "target_ids", "reference_ids", "sentence_ids"}
_STR_COLUMNS = {
    "doc_id", "side", "system", "text", "source_text", "target_text", "reference", "reference_text", "kind",
    "check", "severity", "its_type", "source_excerpt", "target_excerpt", "message", "details", "entity",
    "english", "arabic_form", "verdict",
}


@dataclass(frozen=True)
class Metric:
    """A corpus metric as summary.json names it (``key``) and as tables name it (``column``)."""

    key: str
    column: str
    label: str
    higher_is_better: bool = True

    @property
    def digits(self) -> int:
        """Decimals to show its scores with (three for COMET and similarity, one for 0–100 metrics)."""
        return score_digits(self.key)


#: known metrics in the order the report prefers them for ranking (chrF first: it is the most
#: reliable of the lexical metrics for Arabic, whose rich morphology penalises word n-grams)
KNOWN_METRICS: tuple[Metric, ...] = (
    Metric("chrf", "chrf", "chrF"),
    Metric("chrf++", "chrf_pp", "chrF++"),
    Metric("bleu", "bleu", "BLEU"),
    Metric("ter", "ter", "TER", higher_is_better=False),
    Metric("comet", "comet", "COMET"),
)
_LOWER_IS_BETTER = {"ter", "wer", "cer"}


def metric_for(key: str) -> Metric:
    """The :class:`Metric` for a summary key, inventing a plain one for metrics the report does not know."""
    for m in KNOWN_METRICS:
        if key == m.key or key == m.column:
            return m
    column = key.replace("++", "_pp").replace("+", "_p").replace("-", "_")
    return Metric(key, column, key, higher_is_better=key.lower() not in _LOWER_IS_BETTER)


def as_ids(value: Any) -> tuple[int, ...]:
    """A list-of-ints cell as a tuple, whatever Parquet/CSV/JSON turned it into."""
    if value is None:
        return ()
    if isinstance(value, float):
        return () if math.isnan(value) else (int(value),)
    if isinstance(value, int):
        return (value,)
    if isinstance(value, str):
        value = value.strip()
        if not value:
            return ()
        try:
            parsed = json.loads(value)
        except ValueError:
            parsed = [v for v in value.strip("[]()").replace(",", " ").split() if v]
        return as_ids(parsed if isinstance(parsed, list) else [parsed])
    try:
        return tuple(int(v) for v in value if v is not None and not (isinstance(v, float) and math.isnan(v)))
    except (TypeError, ValueError):
        return ()


def as_float(value: Any) -> float | None:
    """A number or ``None`` (for missing, NaN, infinite or non-numeric values)."""
    if value is None or isinstance(value, bool):
        return None
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


def as_str(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    return str(value)


@dataclass
class Results:
    """Everything the report reads, with gaps filled and noted in ``problems``."""

    path: Path
    summary: dict[str, Any]
    sentences: pd.DataFrame
    segments: pd.DataFrame
    findings: pd.DataFrame
    documents: pd.DataFrame
    names: pd.DataFrame
    systems: list[str]
    references: list[str]
    present: dict[str, bool] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def metrics(self) -> list[Metric]:
        """Metrics with corpus scores in summary.json, known ones in preferred order first."""
        keys: list[str] = []
        for per_system in (self.summary.get("scores") or {}).values():
            if isinstance(per_system, dict):
                for k, v in per_system.items():
                    if k not in keys and isinstance(v, dict) and as_float(v.get("score")) is not None:
                        keys.append(k)
        order = {m.key: i for i, m in enumerate(KNOWN_METRICS)}
        first_seen = {k: i for i, k in enumerate(keys)}
        keys.sort(key=lambda k: (order.get(k, len(order)), first_seen[k]))
        return [metric_for(k) for k in keys]


_SUMMARY_DICTS = ("scores", "significance", "names", "findings", "left_out", "totals", "versions", "config")
_SUMMARY_LISTS = ("systems", "references", "warnings")


def clean_summary(summary: Any) -> dict[str, Any]:
    """summary.json with every block the report reads in the shape it expects (wrong shapes dropped).

    Why: a hand-edited or older summary must cost a section of the page, not the page.
    """
    if not isinstance(summary, dict):
        return {}
    out = dict(summary)
    for key in _SUMMARY_DICTS:
        if not isinstance(out.get(key), dict):
            out[key] = {}
    for key in _SUMMARY_LISTS:
        if not isinstance(out.get(key), list):
            out[key] = []
    for key in ("scores", "names", "significance", "findings"):
        out[key] = {str(k): v for k, v in out[key].items() if isinstance(v, dict)}
    out["scores"] = {s: {m: v for m, v in per.items() if isinstance(v, dict)} for s, per in out["scores"].items()}
    out["left_out"] = {str(k): v for k, v in out["left_out"].items() if isinstance(v, list)}
    if not isinstance(out["config"].get("metrics"), dict):
        out["config"] = {**out["config"], "metrics": {}}
    if not isinstance(out.get("corpus"), dict):
        out["corpus"] = {"name": as_str(out.get("corpus"))} if isinstance(out.get("corpus"), str) else {}
    return out


def _read_table(path: Path, name: str, problems: list[str]) -> tuple[pd.DataFrame, bool]:
    f = path / f"{name}.parquet"
    df = None
    if f.is_file():
        try:
            df = pd.read_parquet(f)
        except Exception as exc:  # a damaged table must not take the whole report down
            problems.append(f"{name}.parquet could not be read ({type(exc).__name__}); its views are empty")
    present = df is not None
    if df is None:
        df = pd.DataFrame()
    defaults = TABLE_DEFAULTS[name]
    n = len(df)
    for col, default in defaults.items():
        if col not in df.columns:
            df[col] = pd.Series([default] * n, dtype=object if not isinstance(default, float) else float)
    for col in df.columns:
        if col in _ID_COLUMNS:
            df[col] = [as_ids(v) for v in df[col]]
        elif col in _STR_COLUMNS:
            df[col] = [as_str(v) for v in df[col]]
    return df.reset_index(drop=True), present


def _unique(values) -> list[str]:
    seen: dict[str, None] = {}
    for v in values:
        if v and v not in seen:
            seen[v] = None
    return list(seen)


def load_results(path: str | Path) -> Results:
    """Read a results folder; raise :class:`InputError` only when there is nothing to report at all."""
    p = Path(path)
    if not p.is_dir():
        raise InputError("results folder not found", p)
    problems: list[str] = []
    summary: dict[str, Any] = {}
    sfile = p / "summary.json"
    if sfile.is_file():
        try:
            loaded = json.loads(sfile.read_text(encoding="utf-8"))
            if not isinstance(loaded, dict):
                problems.append("summary.json is not a JSON object: corpus scores are not shown")
            summary = clean_summary(loaded)
        except (ValueError, UnicodeDecodeError) as exc:
            problems.append(f"summary.json could not be read ({type(exc).__name__}): corpus scores are not shown")
    else:
        problems.append("summary.json is missing: corpus scores, significance and warnings are not shown")
    summary = clean_summary(summary)

    tables: dict[str, pd.DataFrame] = {}
    present: dict[str, bool] = {}
    for name in TABLE_DEFAULTS:
        tables[name], present[name] = _read_table(p, name, problems)
    if not sfile.is_file() and not any(present.values()):
        raise InputError("not a results folder (no summary.json and no result tables); run 'mteval run' first", p)

    systems = [as_str(s) for s in summary.get("systems") or [] if as_str(s)]
    if not systems:
        seen = _unique(list(tables["segments"]["system"]) + list(tables["documents"]["system"]))
        systems = [s for s in seen if not s.startswith("reference:")]
    references = [as_str(r) for r in summary.get("references") or [] if as_str(r)]
    if not references:
        references = _unique(r for r in tables["segments"]["reference"])
    return Results(
        path=p, summary=summary, systems=systems, references=references, present=present, problems=problems,
        **tables,
    )
