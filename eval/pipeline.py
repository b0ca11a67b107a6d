"""`mteval run`: ingest → per-document analysis → corpus scores → results folder → report.

Per-document work is :func:`eval.analyse.analyse_document`; this module only schedules it
(serially, in a process pool, or on Dask), merges the partial results in document order, and
writes the results folder. Merging in a fixed order is what keeps results identical whatever
the engine or the number of workers.
"""

from __future__ import annotations

import os
import platform
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from eval import __version__
from eval.analyse import DocResult, Settings, analyse_batch, analyse_document, batch_size, batches, in_order
from eval.counts import RunCounts, scoring_unit_word
from eval.model import Corpus, Finding
from eval.results import StreamingTables, frame, read_results, write_results

#: bounds so that a typo (--bootstrap 10000000) cannot run for hours; sacrebleu's default is 1,000
#: resamples and 10,000 randomization trials. Larger requests are capped with a warning.
MAX_BOOTSTRAP = 100_000
MAX_AR_TRIALS = 1_000_000


def cores() -> int:
    """Cores this process may use (its CPU affinity, which containers set), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def bound_resources(cfg: dict) -> tuple[dict, list[dict]]:
    """``--jobs`` at most the cores available (local engine), resampling counts at most the limits
    above; each cap is a warning in the summary and on the terminal."""
    import copy

    cfg, warnings = copy.deepcopy(cfg), []
    n = cores()
    if cfg["run"]["engine"] == "local" and int(cfg["run"]["jobs"]) > n:
        warnings.append({"kind": "jobs_capped", "message": f"--jobs {cfg['run']['jobs']} capped at the {n} core(s) available"})
        cfg["run"]["jobs"] = n
    for key, limit in (("bootstrap", MAX_BOOTSTRAP), ("ar_trials", MAX_AR_TRIALS)):
        if int(cfg["metrics"][key]) > limit:
            warnings.append({"kind": f"{key}_capped", "message": f"{key} {cfg['metrics'][key]:,} capped at {limit:,}"})
            cfg["metrics"][key] = limit
    return cfg, warnings


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
        paragraphs=_paragraphs(corpus, cfg["run"]["paragraphs"], seg),
    )


def _paragraphs(corpus: Corpus, mode: str, segmentation: str) -> str:
    """``auto``: blank-line blocks when any source text of the corpus has a blank line between lines
    (WMT25's documents: paragraphs of several lines), else lines; line-aligned input is lines."""
    if mode != "auto":
        return mode
    if segmentation == "lines":
        return "lines"
    for doc in corpus.documents:
        if doc.source and "\n\n" in doc.source.replace("\r\n", "\n").strip():
            return "blocks"
    return "lines"


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
        yield from _progress(_pool_map(docs, settings, jobs), len(docs), progress, "analysing")
    else:
        for doc in _progress(docs, len(docs), progress, "analysing"):
            yield analyse_document(doc, settings)


def _pool_map(docs, settings: Settings, jobs: int, size: int | None = None) -> Iterator[DocResult]:
    """Batches of documents in a process pool, at most a few batches per worker in flight, so the
    driver holds a bounded number of documents and results (lazy input is read as it is submitted)."""
    from concurrent.futures import ProcessPoolExecutor

    size = size or batch_size(len(docs), jobs)
    pool = ProcessPoolExecutor(max_workers=jobs)
    try:
        tasks = (pool.submit(analyse_batch, batch, settings) for batch in batches(docs, size))
        yield from in_order(tasks, 4 * jobs, lambda f: f.result())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


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


def _count_findings(out: dict[str, dict[str, Any]], findings: list[Finding]) -> None:
    """Add findings to running counts (so the driver keeps counts, not every finding)."""
    for f in findings:
        entry = out.setdefault(f.system or "(corpus)", {"critical": 0, "major": 0, "minor": 0, "info": 0, "by_check": {}})
        entry[f.severity] = entry.get(f.severity, 0) + 1
        entry["by_check"][f.check] = entry["by_check"].get(f.check, 0) + 1


def _sorted_counts(out: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The running counts in a stable order for summary.json."""
    for entry in out.values():
        entry["by_check"] = dict(sorted(entry["by_check"].items()))
    return dict(sorted(out.items()))


def run(corpus: Corpus, cfg: dict, out: Path, extra_formats: tuple[str, ...] = (), batch_rows: int = 50_000) -> dict:
    """Evaluate the corpus and write the results folder (and report.html unless switched off).

    Tables stream to Parquet as documents finish; only what corpus-level results need is kept in
    memory (sufficient statistics, name rows for cross-document checks, finding counts).
    """
    from eval.checks import corpus_warnings
    from eval.names import cross_document_findings
    from eval.scoring import corpus_scores

    cfg, bounded = bound_resources(cfg)
    settings = settings_for(corpus, cfg)
    writer = StreamingTables(out, batch_rows)
    counts_by_system: dict[str, dict[str, Any]] = {}
    _count_findings(counts_by_system, corpus.findings)
    writer.add("findings", [f.to_row() for f in corpus.findings])
    name_rows: list[dict] = []
    texts: dict[str, list[str]] = {}
    doc_rows: list[dict] = []
    kept: list[DocResult] = []
    sizes = RunCounts()
    source_free = 0
    for r in map_documents(corpus, settings, cfg):
        sizes.add(r.sentences, r.segments, r.documents)
        source_free += r.source_free
        writer.add("sentences", r.sentences)
        writer.add("segments", r.segments)
        writer.add("findings", [f.to_row() for f in r.findings])
        writer.add("names", r.names)
        doc_rows += r.documents
        name_rows += r.names
        _count_findings(counts_by_system, r.findings)
        for side, t in r.texts.items():
            texts.setdefault(side, []).extend(t)
        kept.append(DocResult(r.doc_id, stats=r.stats))  # statistics only; texts are on disk
    extra = cross_document_findings(name_rows)
    _count_findings(counts_by_system, extra)
    writer.add("findings", [f.to_row() for f in extra])
    writer.add("documents", doc_rows)
    counts = writer.close()

    sys_texts = {s.split(":", 1)[1]: t for s, t in texts.items() if s.startswith("system:")}
    ref_texts = {s.split(":", 1)[1]: t for s, t in texts.items() if s.startswith("reference:")}
    warnings = bounded + (list(corpus_warnings(sys_texts, ref_texts)) if sys_texts else [])
    del texts, sys_texts, ref_texts
    if corpus.references:
        scored = corpus_scores(kept, list(corpus.systems), cfg["metrics"], scoring_unit_word(settings.segmentation))
        warnings += scored.pop("warnings")
    else:
        scored = {"scores": {}, "significance": {}, "left_out": {}}
        warnings.append({"kind": "no_reference", "systems": list(corpus.systems),
                         "message": "no Arabic reference: lexical metrics (BLEU, chrF, TER) were not computed; checks and names still ran"})
    if source_free:
        from eval.checks.registry import source_checks

        whole = source_free == len(corpus.documents)
        warnings.append({"kind": "source_free", "documents": source_free, "left_out": source_checks(),
                         "message": (f"{'source-free run' if whole else f'{source_free} document(s) without an English source'}: "
                                     "the Arabic was evaluated on its own; left out for "
                                     f"{'every document' if whole else 'those documents'}: alignment with the source, "
                                     f"{', '.join(source_checks())}; names were checked for consistency within each "
                                     "article (no English to say which spelling is right)")})
    docs_df = frame("documents", doc_rows)
    neural = cfg.get("neural", {})
    if neural.get("model") or neural.get("bt_model") or neural.get("comet_model"):
        from eval.neural.score import add_neural_scores

        tables, _ = read_results(out, require_summary=False)
        add_neural_scores(tables, scored, cfg)
        write_results(out, {"segments": tables["segments"], "documents": tables["documents"]}, None)
        docs_df = tables["documents"]
    names_summary = {}
    for s in corpus.systems:
        d = docs_df[docs_df["system"] == s]
        names_summary[s] = {
            col: (float(d[f"name_{col}"].mean()) if f"name_{col}" in d and d[f"name_{col}"].notna().any() else None)
            for col in ("accuracy", "consistency")
        }
    summary = {
        "corpus": {"name": corpus.name, **corpus.origin},
        "config": cfg,
        "versions": _versions(),
        "systems": list(corpus.systems),
        "references": list(corpus.references),
        "segmentation": settings.segmentation,
        "source_free": {"documents": source_free, "of": len(corpus.documents)},
        **scored,
        "names": names_summary,
        "findings": _sorted_counts(counts_by_system),
        "warnings": warnings,
        "totals": sizes.totals(len(corpus.documents), list(corpus.systems), list(corpus.references),
                               counts["findings"], scoring_unit_word(settings.segmentation)),
    }
    write_results(out, {}, summary)
    if extra_formats:
        tables, _ = read_results(out)
        write_results(out, tables, None, extra_formats)
    if cfg["run"]["report"]:
        from eval.report import render_report

        render_report(out)
    return summary
