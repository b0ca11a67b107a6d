"""Corpus-level scores, confidence intervals and pairwise significance from per-segment statistics.

Statistics come from the per-document stage; here they are concatenated (sums of sufficient
statistics are all a corpus score needs), so scores do not depend on how documents were processed.
A system is scored on the documents it has; each pair of systems is compared on the documents both
have, and what was left out is reported.
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

import numpy as np

from eval.analyse import DocResult

#: below this many documents, resampling documents gives intervals too narrow to mean anything (one
#: document: zero width, and any difference "significant"); segments are resampled instead, and the
#: summary says so. Ten is a rule of thumb (the verdicts issue asks for a warning below it), not a
#: fitted figure.
MIN_RESAMPLE_DOCUMENTS = 10


def _matrix(results: list[DocResult], metric: str, system: str, docs: set[str]) -> tuple[np.ndarray, np.ndarray]:
    mats, groups = [], []
    for g, r in enumerate(results):
        if r.doc_id in docs:
            st = r.stats.get(metric, {}).get(system)
            if st is not None and len(st):
                mats.append(st)
                groups.append(np.full(len(st), g, dtype=np.int64))
    if not mats:
        return np.zeros((0, 0)), np.zeros(0, dtype=np.int64)
    return np.concatenate(mats), np.concatenate(groups)


def corpus_scores(results: list[DocResult], systems: list[str], mcfg: dict,
                  unit_word: str = "paragraphs") -> dict[str, Any]:
    """``scores``, ``significance`` and ``left_out`` blocks of summary.json (``unit_word``: what a scoring
    unit is, for the messages: see :func:`eval.counts.scoring_unit_word`)."""
    from eval.metrics import bootstrap_ci, paired_ar_many, paired_bootstrap_many, scores_from_stats, signature

    metrics = list(mcfg["metrics"])
    seed = int(mcfg["seed"])
    docs_of = {s: {r.doc_id for r in results if s in r.stats.get(metrics[0], {})} for s in systems} if metrics else {}
    n_docs = len(set().union(*docs_of.values())) if docs_of else 0
    unit = mcfg["resample"]
    warnings: list[dict] = []
    if unit == "documents" and n_docs < MIN_RESAMPLE_DOCUMENTS:
        unit = "segments"
        warnings.append({"kind": "resample_fallback", "documents": n_docs,
                         "message": f"only {n_docs} document(s): confidence intervals and significance resample "
                                    f"scoring units ({unit_word}) instead of documents (at least "
                                    f"{MIN_RESAMPLE_DOCUMENTS} are needed); units of one article are not "
                                    "independent, so treat small differences with care"})
    by_docs = unit == "documents"
    scores: dict[str, dict] = {s: {} for s in systems}
    for metric in metrics:
        sig = signature(metric, tokenize=mcfg["tokenize"], normalize=mcfg["normalize"])
        for s in systems:
            st, groups = _matrix(results, metric, s, docs_of[s])
            if not len(st):
                continue
            ci = bootstrap_ci(metric, st, n=int(mcfg["bootstrap"]), seed=seed, groups=groups if by_docs else None)
            scores[s][metric] = {
                "score": float(scores_from_stats(metric, st.sum(axis=0, keepdims=True))[0]),
                "ci_low": ci["ci_low"],
                "ci_high": ci["ci_high"],
                "mean": ci["mean"],
                "n_segments": int(len(st)),
                "n_documents": len(docs_of[s]),
                "signature": sig,
            }
    method = mcfg["significance"]
    significance: dict[str, dict] = {}
    if metrics and method != "none" and len(systems) >= 2:
        pairs: dict[str, list] = {m: [] for m in metrics}
        for a, b in combinations(systems, 2):
            common = docs_of[a] & docs_of[b]
            stats = {m: {a: _matrix(results, m, a, common)[0], b: _matrix(results, m, b, common)[0]} for m in metrics}
            if not len(stats[metrics[0]][a]):
                continue
            g = _matrix(results, metrics[0], a, common)[1] if by_docs else None
            # one set of resamples per pair shared by every metric, as sacrebleu does
            bs = paired_bootstrap_many(stats, a, n=int(mcfg["bootstrap"]), seed=seed, groups=g) if method in ("paired-bs", "both") else {}
            ar = paired_ar_many(stats, a, n=int(mcfg["ar_trials"]), seed=seed, groups=g) if method in ("paired-ar", "both") else {}
            for m in metrics:
                entry: dict[str, Any] = {"a": a, "b": b, "n_documents": len(common)}
                if m in bs:
                    entry["paired_bs"] = bs[m][b]
                if m in ar:
                    entry["paired_ar"] = ar[m][b]
                main = entry.get("paired_bs") or entry.get("paired_ar")
                entry["delta"] = main.get("delta")
                entry["p_value"] = main.get("p_value")
                entry["significant"] = bool(entry["p_value"] is not None and entry["p_value"] < 0.05)
                pairs[m].append(entry)
        for m in metrics:
            significance[m] = {
                "method": method,
                "unit": unit,
                "requested_unit": mcfg["resample"],
                "resamples": int(mcfg["bootstrap"]) if method != "paired-ar" else int(mcfg["ar_trials"]),
                "seed": seed,
                "pairs": pairs[m],
            }
    left_out = {s: [r.doc_id for r in results if r.doc_id not in docs_of.get(s, set())] for s in systems}
    return {"scores": scores, "significance": significance, "left_out": {s: v for s, v in left_out.items() if v},
            "warnings": warnings}
