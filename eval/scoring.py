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


def _matrix(results: list[DocResult], metric: str, system: str, docs: list[str]) -> tuple[np.ndarray, np.ndarray]:
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


def corpus_scores(results: list[DocResult], systems: list[str], mcfg: dict) -> dict[str, Any]:
    """``scores``, ``significance`` and ``left_out`` blocks of summary.json."""
    from eval.metrics import bootstrap_ci, paired_ar, paired_bootstrap, scores_from_stats, signature

    metrics = list(mcfg["metrics"])
    seed = int(mcfg["seed"])
    by_docs = mcfg["resample"] == "documents"
    docs_of = {s: [r.doc_id for r in results if s in r.stats.get(metrics[0], {})] for s in systems} if metrics else {}
    all_docs = [r.doc_id for r in results]
    scores: dict[str, dict] = {s: {} for s in systems}
    significance: dict[str, dict] = {}
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
        if method == "none" or len(systems) < 2:
            continue
        pairs = []
        for a, b in combinations(systems, 2):
            common = [d for d in docs_of[a] if d in set(docs_of[b])]
            sa, groups = _matrix(results, metric, a, common)
            sb, _ = _matrix(results, metric, b, common)
            if not len(sa):
                continue
            g = groups if by_docs else None
            entry: dict[str, Any] = {"a": a, "b": b, "n_documents": len(common)}
            if method in ("paired-bs", "both"):
                bs = paired_bootstrap(metric, {a: sa, b: sb}, baseline=a, n=int(mcfg["bootstrap"]), seed=seed, groups=g)
                entry["paired_bs"] = bs[b]
            if method in ("paired-ar", "both"):
                ar = paired_ar(metric, {a: sa, b: sb}, baseline=a, n=int(mcfg["ar_trials"]), seed=seed, groups=g)
                entry["paired_ar"] = ar[b]
            main = entry.get("paired_bs") or entry.get("paired_ar")
            entry["delta"] = main.get("delta") if main else None
            entry["p_value"] = main.get("p_value") if main else None
            entry["significant"] = bool(entry["p_value"] is not None and entry["p_value"] < 0.05)
            pairs.append(entry)
        significance[metric] = {
            "method": method,
            "unit": mcfg["resample"],
            "resamples": int(mcfg["bootstrap"]) if method != "paired-ar" else int(mcfg["ar_trials"]),
            "seed": seed,
            "pairs": pairs,
        }
    left_out = {s: [d for d in all_docs if d not in docs_of.get(s, [])] for s in systems}
    return {"scores": scores, "significance": significance, "left_out": {s: v for s, v in left_out.items() if v}}
