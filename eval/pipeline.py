"""`mteval run`: ingest → per-document analysis → corpus scores → results folder → report.

Per-document work is :func:`eval.analyse.analyse_document`; this module only schedules it
(serially, in a process pool, or on Dask), merges the partial results in document order, and
writes the results folder. Merging in a fixed order is what keeps results identical whatever
the engine or the number of workers.
"""

from __future__ import annotations

import platform
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from eval import __version__
from eval.analyse import DocResult, Settings, analyse_document
from eval.model import Corpus, Finding
from eval.results import frame, write_results


def settings_for(corpus: Corpus, cfg: dict) -> Settings:
    seg = cfg["run"]["segmentation"]
    if seg == "auto":
        seg = corpus.origin.get("segmentation", "sentences")
    return Settings(
        systems=tuple(corpus.systems),
        references=tuple(corpus.references),
        segmentation=seg,
        metrics=tuple(cfg["metrics"]["metrics"]),
        tokenize=cfg["metrics"]["tokenize"],
        normalize=cfg["metrics"]["normalize"],
        align=dict(cfg["align"]),
        checks=dict(cfg["checks"]),
        names=dict(cfg["names"]),
        glossary=tuple(corpus.glossary),
    )


def _progress(it, total: int, enabled: bool, desc: str):
    if not enabled:
        return it
    from tqdm.auto import tqdm

    return tqdm(it, total=total, desc=desc, unit="doc", file=sys.stderr, disable=None)


def map_documents(corpus: Corpus, settings: Settings, cfg: dict) -> Iterator[DocResult]:
    """Analyse every document with the configured engine, yielding results in document order."""
    docs = corpus.documents
    jobs = int(cfg["run"]["jobs"])
    engine = cfg["run"]["engine"]
    progress = bool(cfg["run"]["progress"])
    if engine == "dask":
        from eval.distributed import dask_map

        yield from _progress(dask_map(docs, settings, cfg["run"].get("scheduler"), jobs), len(docs), progress, "analysing")
    elif jobs > 1 and len(docs) > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=jobs) as pool:
            chunk = max(1, len(docs) // (jobs * 8))
            it = pool.map(analyse_document, docs, [settings] * len(docs), chunksize=chunk)
            yield from _progress(it, len(docs), progress, "analysing")
    else:
        for doc in _progress(docs, len(docs), progress, "analysing"):
            yield analyse_document(doc, settings)


def _versions() -> dict[str, str]:
    import numpy
    import sacrebleu

    return {
        "mteval": __version__,
        "python": platform.python_version(),
        "sacrebleu": sacrebleu.__version__,
        "pandas": pd.__version__,
        "numpy": numpy.__version__,
    }


def _finding_counts(findings: list[Finding]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for f in findings:
        entry = out.setdefault(f.system or "(corpus)", {"critical": 0, "major": 0, "minor": 0, "info": 0, "by_check": {}})
        entry[f.severity] = entry.get(f.severity, 0) + 1
        entry["by_check"][f.check] = entry["by_check"].get(f.check, 0) + 1
    for entry in out.values():
        entry["by_check"] = dict(sorted(entry["by_check"].items()))
    return dict(sorted(out.items()))


def evaluate(corpus: Corpus, cfg: dict) -> tuple[dict[str, pd.DataFrame], dict]:
    """Run the whole analysis in memory: ``(tables, summary)``."""
    from eval.checks import corpus_warnings
    from eval.names import cross_document_findings
    from eval.scoring import corpus_scores

    settings = settings_for(corpus, cfg)
    results = list(map_documents(corpus, settings, cfg))
    rows: dict[str, list] = {"sentences": [], "segments": [], "documents": [], "names": []}
    findings: list[Finding] = list(corpus.findings)
    texts: dict[str, list[str]] = {}
    for r in results:
        rows["sentences"] += r.sentences
        rows["segments"] += r.segments
        rows["documents"] += r.documents
        rows["names"] += r.names
        findings += r.findings
        for side, t in r.texts.items():
            texts.setdefault(side, []).extend(t)
    findings += cross_document_findings(rows["names"])
    sys_texts = {s.split(":", 1)[1]: t for s, t in texts.items() if s.startswith("system:")}
    ref_texts = {s.split(":", 1)[1]: t for s, t in texts.items() if s.startswith("reference:")}
    warnings = corpus_warnings(sys_texts, ref_texts) if sys_texts else []

    scored = corpus_scores(results, list(corpus.systems), cfg["metrics"]) if corpus.references else {"scores": {}, "significance": {}, "left_out": {}}
    if not corpus.references:
        warnings.append({"kind": "no_reference", "message": "no Arabic reference: lexical metrics (BLEU, chrF, TER) were not computed; checks and names still ran", "systems": list(corpus.systems)})

    tables = {
        "sentences": frame("sentences", rows["sentences"]),
        "segments": frame("segments", rows["segments"]),
        "findings": frame("findings", [f.to_row() for f in findings]),
        "documents": frame("documents", rows["documents"]),
        "names": frame("names", rows["names"]),
    }
    neural = cfg.get("neural", {})
    if neural.get("model") or neural.get("bt_model") or neural.get("comet_model"):
        from eval.neural.score import add_neural_scores

        add_neural_scores(tables, scored, cfg)
    docs_df = tables["documents"]
    names_summary = {}
    for s in corpus.systems:
        d = docs_df[docs_df["system"] == s] if len(docs_df) else docs_df
        names_summary[s] = {
            "accuracy": float(d["name_accuracy"].mean()) if "name_accuracy" in d and d["name_accuracy"].notna().any() else None,
            "consistency": float(d["name_consistency"].mean()) if "name_consistency" in d and d["name_consistency"].notna().any() else None,
        }
    summary = {
        "corpus": {"name": corpus.name, **corpus.origin},
        "config": cfg,
        "versions": _versions(),
        "systems": list(corpus.systems),
        "references": list(corpus.references),
        "segmentation": settings.segmentation,
        **scored,
        "names": names_summary,
        "findings": _finding_counts(findings),
        "warnings": warnings,
        "totals": {
            "documents": len(corpus.documents),
            "sentences": int(len(tables["sentences"])),
            "segments": int(len(tables["segments"])),
            "findings": len(findings),
        },
    }
    return tables, summary


def run(corpus: Corpus, cfg: dict, out: Path, extra_formats: tuple[str, ...] = ()) -> dict:
    """Evaluate and write the results folder (and the report unless switched off)."""
    tables, summary = evaluate(corpus, cfg)
    write_results(out, tables, summary, ("parquet", *extra_formats))
    if cfg["run"]["report"]:
        from eval.report import render_report

        render_report(out)
    return summary
