"""Neural scores added to a run's tables: cross-lingual similarity, round-trip chrF/BLEU, COMET.

Runs after the per-document stage, on the segments table, so each model is loaded once. Scores
land as segment columns (``xsim``, ``bt_chrf``, ``bt_bleu``, ``comet``), document means in
``documents``, and system scores with bootstrap CIs (same resampling as the lexical metrics) in
``summary.json`` under ``scores[system][<column>]``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd


def _mean_stats(values: np.ndarray) -> np.ndarray:
    """Sufficient statistics of a mean: (value, 1) per segment; NaN segments contribute nothing."""
    ok = ~np.isnan(values)
    return np.stack([np.where(ok, values, 0.0), ok.astype(float)], axis=1)


def _system_scores(segs: pd.DataFrame, metric: str, stats_of, mcfg: dict, label: str) -> dict[str, dict]:
    from eval.metrics import bootstrap_ci, scores_from_stats

    out = {}
    docs = list(dict.fromkeys(segs["doc_id"]))
    for system, g in segs.groupby("system", sort=False):
        st = stats_of(g)
        if not len(st) or (metric == "mean" and st[:, -1].sum() == 0):
            continue
        groups = g["doc_id"].map({d: i for i, d in enumerate(docs)}).to_numpy() if mcfg["resample"] == "documents" else None
        ci = bootstrap_ci(metric, st, n=int(mcfg["bootstrap"]), seed=int(mcfg["seed"]), groups=groups)
        out[system] = {
            "score": float(scores_from_stats(metric, st.sum(axis=0, keepdims=True))[0]),
            "ci_low": ci["ci_low"],
            "ci_high": ci["ci_high"],
            "mean": ci["mean"],
            "n_segments": int(st[:, -1].sum()) if metric == "mean" else int(len(st)),  # mean: scored (non-NaN) ones
            "signature": label,
        }
    return out


def add_neural_scores(tables: dict[str, pd.DataFrame], summary: dict[str, Any], cfg: dict) -> None:
    """Fill neural columns in place when the config names models; a no-op otherwise."""
    ncfg, mcfg = cfg["neural"], cfg["metrics"]
    segs = tables["segments"]
    if not len(segs) or not (ncfg.get("model") or ncfg.get("bt_model") or ncfg.get("comet_model")):
        return
    progress = bool(cfg["run"].get("progress", True))
    src = segs["source_text"].fillna("").tolist()
    tgt = segs["target_text"].fillna("").tolist()
    scores = summary.setdefault("scores", {})
    added: list[str] = []
    if ncfg.get("model"):
        from eval.neural.encoder import SentenceEncoder

        enc = SentenceEncoder(ncfg["model"], ncfg["device"], int(ncfg["batch_size"]), ncfg.get("cache_dir"), progress)
        segs["xsim"] = enc.similarity(src, tgt)
        label = f"xsim|model:{enc.resolved.requested}|rev:{enc.resolved.revision}|pool:mean|cos"
        for s, v in _system_scores(segs, "mean", lambda g: _mean_stats(g["xsim"].to_numpy(float)), mcfg, label).items():
            scores.setdefault(s, {})["xsim"] = v
        summary.setdefault("neural", {})["xsim"] = {"model": enc.resolved.requested, "revision": enc.resolved.revision,
                                                     "cache_hits": enc.cache.hits, "cache_misses": enc.cache.misses}
        added.append("xsim")
    if ncfg.get("bt_model"):
        from eval.metrics import segment_scores, segment_stats
        from eval.neural.backtranslate import BackTranslator

        bt = BackTranslator(ncfg["bt_model"], ncfg["device"], int(ncfg["batch_size"]), ncfg.get("cache_dir"), progress)
        back = bt.translate(tgt)
        segs["back_translation"] = back
        for metric, col in (("chrf", "bt_chrf"), ("bleu", "bt_bleu")):
            st = segment_stats(metric, back, [src], tokenize="13a", normalize="none")
            segs[col] = segment_scores(metric, st)
            label = f"round-trip {metric}|model:{bt.resolved.requested}|rev:{bt.resolved.revision}|vs English source"
            for s, v in _system_scores(segs, metric, lambda g, st=st: st[g.index.to_numpy()], mcfg, label).items():
                scores.setdefault(s, {})[col] = v
            added.append(col)
        summary.setdefault("neural", {})["back_translation"] = {"model": bt.resolved.requested, "cache_hits": bt.cache.hits,
                                                                "cache_misses": bt.cache.misses}
    if ncfg.get("comet_model"):
        from eval.neural.comet import CometScorer

        cs = CometScorer(ncfg["comet_model"], ncfg["device"], int(ncfg["batch_size"]), ncfg.get("cache_dir"), progress)
        # per segment: a reference-based model leaves segments without a reference NaN (left out of the means)
        refs = segs["reference_text"].fillna("").tolist() if "reference_text" in segs else None
        segs["comet"] = cs.score(src, tgt, refs)
        label = f"comet|model:{ncfg['comet_model']}|rev:{cs.revision}|{cs.mode}"
        for s, v in _system_scores(segs, "mean", lambda g: _mean_stats(g["comet"].to_numpy(float)), mcfg, label).items():
            scores.setdefault(s, {})["comet"] = v
        summary.setdefault("neural", {})["comet"] = {
            "model": ncfg["comet_model"], "revision": cs.revision, "class": cs.info.class_identifier, "mode": cs.mode,
            "unscored_segments": int(segs["comet"].isna().sum()), "cache_hits": cs.cache.hits,
            "cache_misses": cs.cache.misses,
        }
        added.append("comet")
    docs = tables["documents"]
    if len(docs) and added:
        means = segs.groupby(["doc_id", "system"], sort=False)[added].mean().reset_index()
        tables["documents"] = docs.merge(means, on=["doc_id", "system"], how="left")
    tables["segments"] = segs
