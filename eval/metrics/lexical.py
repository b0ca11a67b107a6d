"""BLEU, chrF, chrF++ and TER through sacrebleu, as per-segment sufficient statistics.

Why statistics and not scores: a corpus, document or bootstrap-resample score is a function of the
*sum* of per-segment statistics, so once sacrebleu has extracted them (its own
``_extract_corpus_statistics``; nothing here re-implements n-gram matching or edit distance) every
other score is a row sum plus :func:`scores_from_stats`, a numpy version of sacrebleu's
``_compute_score_from_stats`` that evaluates thousands of rows at once.

:func:`scores_from_stats` must give sacrebleu's numbers bit for bit, including two quirks of how
sacrebleu computes them:

* ``precision="exact"`` (default) follows the corpus-score path (Python ints and floats) and the
  approximate-randomization path (int64 rows), which agree.
* ``precision="float32"`` follows sacrebleu's bootstrap path, which casts the statistics to float32:
  under NumPy 2 promotion rules BLEU precisions, chrF precision/recall/F and TER ratios are then
  computed in float32 arithmetic, and a chrF/TER score array stays float32 unless some row took a
  branch that returns a Python float. Reproducing this is what makes bootstrap CIs and p-values equal
  sacrebleu's ``--paired-bs`` output exactly.

Logarithms and exponentials go through :mod:`math` element by element (a few thousand calls), not
``np.log``/``np.exp``, whose SIMD versions may differ from libm in the last bit.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from sacrebleu.metrics import BLEU, CHRF, TER
from sacrebleu.metrics.base import Metric

#: Metric names accepted everywhere in mteval, in report order.
METRICS: tuple[str, ...] = ("bleu", "chrf", "chrf++", "ter")

#: Column names in segments.parquet / documents.parquet.
COLUMNS: dict[str, str] = {"bleu": "bleu", "chrf": "chrf", "chrf++": "chrf_pp", "ter": "ter"}

#: sacrebleu's display names (``Score.name``), used in tables like sacrebleu's.
DISPLAY: dict[str, str] = {"bleu": "BLEU", "chrf": "chrF2", "chrf++": "chrF2++", "ter": "TER", "mean": "mean"}

#: Lower is better only for TER.
LOWER_IS_BETTER: frozenset[str] = frozenset({"ter"})

_ALIASES = {
    "bleu": "bleu",
    "chrf": "chrf",
    "chrf2": "chrf",
    "chrf++": "chrf++",
    "chrf2++": "chrf++",
    "chrfpp": "chrf++",
    "chrf_pp": "chrf++",
    "ter": "ter",
    "mean": "mean",
}

_BLEU_ORDER = 4
_CHRF_CHAR_ORDER = 6
_CHRF_BETA = 2
_LOG_ZERO = -9999999999.0  # sacrebleu.utils.my_log(0.0)
_NORMALIZE = ("none", "arabic")


def canonical(metric: str) -> str:
    """Our name for a metric given any common spelling (``chrF2++``, ``chrf_pp`` …)."""
    key = str(metric).strip().lower()
    if key not in _ALIASES:
        raise ValueError(f"unknown metric {metric!r}; expected one of {', '.join(METRICS)}")
    return _ALIASES[key]


def n_stats(metric: str) -> int:
    """Number of sufficient statistics per segment (columns of :func:`segment_stats`)."""
    m = canonical(metric)
    return {"bleu": 2 + 2 * _BLEU_ORDER, "chrf": 3 * _CHRF_CHAR_ORDER, "chrf++": 3 * (_CHRF_CHAR_ORDER + 2),
            "ter": 2, "mean": 2}[m]


def _normalizer(normalize: str):
    if normalize not in _NORMALIZE:
        raise ValueError(f"normalize must be one of {_NORMALIZE}, got {normalize!r}")
    if normalize == "none":
        return None
    from eval.text.normalize import SCORING_ARABIC, normalize_arabic

    return lambda s: s if s is None else normalize_arabic(s, SCORING_ARABIC)


def _check_refs(refs: Sequence[Sequence[str | None]], n: int | None) -> None:
    if isinstance(refs, str) or not len(refs):
        raise ValueError("refs must be a non-empty list of reference streams (refs[r][i])")
    for r, stream in enumerate(refs):
        if isinstance(stream, str):
            raise ValueError("refs must be a list of reference streams, not a list of strings")
        if n is not None and len(stream) != n:
            raise ValueError(f"reference stream {r} has {len(stream)} segments, hypotheses have {n}")
    if n:
        missing = [i for i, seg in enumerate(zip(*refs)) if all(x is None for x in seg)]
        if missing:
            raise ValueError(f"{len(missing)} segment(s) have no reference at all (first: {missing[0]}); "
                             "leave them out, or pass '' for an empty reference")


def make_metric(
    name: str,
    tokenize: str = "intl",
    references: Sequence[Sequence[str | None]] | None = None,
    *,
    normalize: str = "none",
) -> Metric:
    """A sacrebleu metric object with mteval's settings; references (if given) are cached once.

    BLEU uses ``tokenize`` (default ``intl``: 13a leaves ، ؛ ؟ glued to words); chrF, chrF++ and TER
    have their own tokenisation in sacrebleu and ignore it. With ``normalize="arabic"`` the cached
    references are normalised, and :func:`segment_stats` normalises hypotheses to match.
    """
    m = canonical(name)
    norm = _normalizer(normalize)
    if references is not None:
        _check_refs(references, None)
        if norm is not None:
            references = [[norm(x) for x in stream] for stream in references]
        references = [list(stream) for stream in references]
    if m == "bleu":
        obj: Metric = BLEU(tokenize=tokenize, references=references)
    elif m == "chrf":
        obj = CHRF(references=references)
    elif m == "chrf++":
        obj = CHRF(word_order=2, references=references)
    elif m == "ter":
        obj = TER(references=references)
    else:
        raise ValueError("the 'mean' pseudo-metric has no sacrebleu object")
    obj._mteval = {"name": m, "normalize": normalize, "tokenize": tokenize}  # type: ignore[attr-defined]
    return obj


def segment_stats(
    metric: str | Metric,
    hyps: Sequence[str],
    refs: Sequence[Sequence[str | None]] | None,
    *,
    tokenize: str = "intl",
    normalize: str = "none",
) -> np.ndarray:
    """Per-segment sufficient statistics, N×k float64, straight from sacrebleu.

    ``refs[r][i]`` is reference ``r`` of segment ``i``; ``None`` marks a reference missing for that
    segment (sacrebleu's variable-reference mode). ``metric`` may be a name or an object from
    :func:`make_metric` built with cached references (then ``refs`` may be ``None``), which avoids
    re-reading the references for every system.
    """
    hyps = list(hyps)
    if any(not isinstance(h, str) for h in hyps):
        raise TypeError("every hypothesis must be a string (use '' for an empty translation)")
    if isinstance(metric, Metric):
        info = getattr(metric, "_mteval", None)
        if info is None:
            raise ValueError("pass a metric name or an object made by make_metric()")
        obj, name = metric, info["name"]
        if info["normalize"] != normalize:
            raise ValueError(f"metric object was built with normalize={info['normalize']!r}, not {normalize!r}")
        if refs is not None:
            obj = make_metric(name, info["tokenize"], normalize=normalize)
    else:
        name = canonical(metric)
        obj = make_metric(name, tokenize, normalize=normalize)
    k = n_stats(name)
    if refs is not None:
        _check_refs(refs, len(hyps))
    elif obj._ref_cache is None:
        raise ValueError("no references given and the metric object has none cached")
    elif len(obj._ref_cache) != len(hyps):
        raise ValueError(f"{len(hyps)} hypotheses for {len(obj._ref_cache)} cached references")
    if not hyps:
        return np.zeros((0, k), dtype=np.float64)
    norm = _normalizer(normalize)
    if norm is not None:
        hyps = [norm(h) for h in hyps]
        if refs is not None:
            refs = [[norm(x) for x in stream] for stream in refs]
    if refs is not None:
        refs = [list(stream) for stream in refs]
    stats = obj._extract_corpus_statistics(hyps, refs)
    return np.asarray(stats, dtype=np.float64).reshape(len(hyps), k)


def system_stats(
    metric: str,
    systems: dict[str, Sequence[str]],
    refs: Sequence[Sequence[str | None]],
    *,
    tokenize: str = "intl",
    normalize: str = "none",
    block: int = 2048,
    jobs: int = 1,
) -> dict[str, np.ndarray]:
    """:func:`segment_stats` for several systems against the same references, block by block.

    Reference n-grams are extracted once per block and shared by all systems, and only one block's
    worth is held at a time: sacrebleu's reference cache for a whole 30,000-segment corpus takes
    gigabytes (one Counter per n-gram order per segment), a block of it a few megabytes. Extraction
    is the slow part of scoring (pure Python in sacrebleu), so ``jobs > 1`` spreads the blocks over
    worker processes; the statistics are the same.
    """
    n = len(refs[0]) if len(refs) else 0
    _check_refs(refs, n)
    for name, hyps in systems.items():
        if len(hyps) != n:
            raise ValueError(f"system {name!r} has {len(hyps)} segments, references have {n}")
    block = max(1, int(block))
    tasks = [
        (metric, tokenize, normalize, [list(r[a : a + block]) for r in refs],
         {name: list(h[a : a + block]) for name, h in systems.items()})
        for a in range(0, n, block)
    ]
    if jobs > 1 and len(tasks) > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=min(jobs, len(tasks))) as pool:
            done = list(pool.map(_block_stats, *zip(*tasks)))
    else:
        done = [_block_stats(*t) for t in tasks]
    k = n_stats(metric)
    return {name: (np.concatenate([d[name] for d in done]) if done else np.zeros((0, k))) for name in systems}


def _block_stats(metric: str, tokenize: str, normalize: str, refs: list[list[str | None]],
                 systems: dict[str, list[str]]) -> dict[str, np.ndarray]:
    obj = make_metric(metric, tokenize, refs, normalize=normalize)
    return {name: segment_stats(obj, hyps, None, normalize=normalize) for name, hyps in systems.items()}


# ----------------------------------------------------------------------------------------------
# Scores from summed statistics


def _map(fn, values: np.ndarray) -> np.ndarray:
    """Apply a :mod:`math` function element-wise (bit-identical to sacrebleu's scalar calls)."""
    flat = values.ravel()
    return np.fromiter((fn(v) for v in flat.tolist()), dtype=np.float64, count=flat.size).reshape(values.shape)


def _my_log(x: float) -> float:
    return _LOG_ZERO if x == 0.0 else math.log(x)


def _bleu(x: np.ndarray, f32: bool, effective_order: bool) -> tuple[np.ndarray, np.ndarray]:
    """compute_bleu with smooth_method='exp' (sacrebleu's default), row-wise."""
    order = _BLEU_ORDER
    r = x.shape[0]
    sys_len = np.floor(x[:, 0])  # int(stats[0]) truncates; statistics are non-negative
    ref_len = np.floor(x[:, 1])
    ft = np.float32 if f32 else np.float64
    correct = x[:, 2 : 2 + order].astype(ft)
    total = x[:, 2 + order : 2 + 2 * order].astype(ft)

    # Brevity penalty in Python-float arithmetic (int(stats[0]) on both paths).
    bp = np.ones(r)
    short = sys_len < ref_len
    pos = short & (sys_len > 0)
    if pos.any():
        bp[pos] = _map(math.exp, 1.0 - ref_len[pos] / sys_len[pos])
    bp[short & (sys_len <= 0)] = 0.0

    alive = np.cumprod(total != 0, axis=1).astype(bool)  # orders reached before the `break`
    zero = (correct == 0) & alive
    nzero = np.cumsum(zero, axis=1)
    hundred = ft(100.0)
    prec = np.zeros((r, order), dtype=ft)
    with np.errstate(divide="ignore", invalid="ignore"):
        matched = alive & ~zero
        prec = np.where(matched, (hundred * correct) / np.where(total == 0, ft(1), total), prec)
        smooth = (2.0 ** nzero).astype(ft)
        prec = np.where(zero, hundred / (smooth * np.where(total == 0, ft(1), total)), prec)
    logs = _map(_my_log, prec.astype(np.float64))

    eff = alive.sum(axis=1) if effective_order else np.full(r, order)
    acc = logs[:, 0].copy()
    for n in range(1, order):
        acc = np.where(n < eff, acc + logs[:, n], acc)
    eff_safe = np.maximum(eff, 1)
    score = bp * _map(math.exp, acc / eff_safe)
    score[~(correct != 0).any(axis=1)] = 0.0  # early stop: no matches at all (#141)
    return score, np.ones(r, dtype=bool)


def _chrf(x: np.ndarray, f32: bool, word_order: int) -> tuple[np.ndarray, np.ndarray]:
    """CHRF._compute_f_score with beta=2, eps_smoothing=False (sacrebleu's defaults), row-wise."""
    ft = np.float32 if f32 else np.float64
    order = _CHRF_CHAR_ORDER + word_order
    r = x.shape[0]
    factor = ft(_CHRF_BETA**2)
    avg_prec = np.zeros(r, dtype=ft)
    avg_rec = np.zeros(r, dtype=ft)
    eff = np.zeros(r, dtype=np.int64)
    with np.errstate(divide="ignore", invalid="ignore"):
        for i in range(order):
            n_hyp = x[:, 3 * i].astype(ft)
            n_ref = x[:, 3 * i + 1].astype(ft)
            n_match = x[:, 3 * i + 2].astype(ft)
            ok = (n_hyp > 0) & (n_ref > 0)
            prec = n_match / np.where(n_hyp > 0, n_hyp, ft(1))
            rec = n_match / np.where(n_ref > 0, n_ref, ft(1))
            avg_prec = np.where(ok, avg_prec + prec, avg_prec)
            avg_rec = np.where(ok, avg_rec + rec, avg_rec)
            eff += ok
        has = eff > 0
        div = np.where(has, eff, 1).astype(ft)
        avg_prec = np.where(has, avg_prec / div, ft(0))
        avg_rec = np.where(has, avg_rec / div, ft(0))
        nonzero = (avg_prec + avg_rec) != 0
        score = (ft(1) + factor) * avg_prec * avg_rec
        score = score / np.where(nonzero, factor * avg_prec + avg_rec, ft(1))
        score = np.where(nonzero, ft(100) * score, ft(0))
    # A zero F (no usable order, or no match at all) is sacrebleu's Python-float ``0.0``.
    return score.astype(np.float64), ~nonzero


def _ter(x: np.ndarray, f32: bool) -> tuple[np.ndarray, np.ndarray]:
    ft = np.float32 if f32 else np.float64
    edits = x[:, 0].astype(ft)
    ref = x[:, 1].astype(ft)
    has = ref > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = ft(100) * (edits / np.where(has, ref, ft(1)))
    fallback = np.where(edits > 0, 100.0, 0.0)  # empty reference(s): 1.0 or 0.0, times 100
    score = np.where(has, ratio.astype(np.float64), fallback)
    return score, ~has


def _mean(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    with np.errstate(divide="ignore", invalid="ignore"):
        score = np.where(x[:, 1] > 0, x[:, 0] / np.where(x[:, 1] > 0, x[:, 1], 1.0), np.nan)
    return score, np.ones(x.shape[0], dtype=bool)


def _scores(metric: str, stats: Any, precision: str, effective_order: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """(scores as float64, mask of rows whose sacrebleu result is a Python float)."""
    if precision not in ("exact", "float32"):
        raise ValueError(f"precision must be 'exact' or 'float32', got {precision!r}")
    m = canonical(metric)
    x = np.asarray(stats, dtype=np.float64)
    if x.ndim == 1:
        x = x[None, :]
    if x.ndim != 2 or x.shape[1] != n_stats(m):
        raise ValueError(f"{m} needs an R×{n_stats(m)} statistics matrix, got shape {np.shape(stats)}")
    if x.shape[0] == 0:
        return np.zeros(0), np.zeros(0, dtype=bool)
    f32 = precision == "float32" and m != "mean"  # "mean" is ours: no sacrebleu quirk to reproduce
    if f32:
        x = x.astype(np.float32).astype(np.float64)  # sacrebleu's bootstrap keeps statistics as float32
    if m == "bleu":
        return _bleu(x, f32, effective_order)
    if m == "chrf":
        return _chrf(x, f32, 0)
    if m == "chrf++":
        return _chrf(x, f32, 2)
    if m == "ter":
        return _ter(x, f32)
    return _mean(x)


def scores_from_stats(metric: str, stats: Any, *, precision: str = "exact") -> np.ndarray:
    """Score of every row of an R×k matrix of *summed* statistics (sacrebleu's corpus semantics).

    Equal, row by row, to ``metric._compute_score_from_stats(row).score``. With
    ``precision="float32"`` the rows are treated as sacrebleu's bootstrap does (float32 statistics)
    and the array has the dtype sacrebleu's ``np.array([...scores])`` would have. ``"mean"`` is a
    pseudo-metric for averaged scores: statistics (sum of values, count).
    """
    values, py = _scores(metric, stats, precision)
    if precision == "float32" and canonical(metric) in ("chrf", "chrf++", "ter") and len(values) and not py.any():
        return values.astype(np.float32)
    return values


def segment_scores(metric: str, stats: Any) -> np.ndarray:
    """Per-segment scores with sacrebleu's ``sentence_score`` semantics.

    Sentence BLEU uses effective order with exp smoothing (what ``sacrebleu --sentence-level`` does),
    so a short correct segment is not scored 0 for lacking 4-grams; chrF and TER are the same formula
    as at corpus level.
    """
    values, _ = _scores(metric, stats, "exact", effective_order=canonical(metric) == "bleu")
    return values


def corpus_stats(stats: Any) -> np.ndarray:
    """Column sums the way sacrebleu's ``sum_of_lists`` adds them (left to right).

    Integer columns (all BLEU/chrF statistics) are exact in any order; a fractional column (TER's
    average reference length with several references) is summed sequentially to match bit for bit.
    """
    x = np.asarray(stats, dtype=np.float64)
    if x.ndim == 1:
        return x.copy()
    if x.shape[0] == 0:
        return np.zeros(x.shape[1])
    out = x.sum(axis=0)
    frac = ~(x == np.floor(x)).all(axis=0)
    for j in np.flatnonzero(frac):
        out[j] = np.cumsum(x[:, j])[-1]
    return out


def corpus_score(metric: str, stats: Any) -> float:
    """The corpus score of per-segment statistics; equal to sacrebleu's ``corpus_score``."""
    x = np.asarray(stats, dtype=np.float64)
    if x.ndim != 2 or x.shape[0] == 0:
        raise ValueError("need at least one segment of statistics")
    return float(scores_from_stats(metric, corpus_stats(x)[None, :])[0])


def signature(
    metric: str,
    normalize: str = "none",
    *,
    tokenize: str = "intl",
    nrefs: int | str = 1,
    short: bool = False,
    test: str | None = None,
    n: int | None = None,
    seed: int | None = None,
    n_confidence: int | None = None,
    resample: str | None = None,
) -> str:
    """sacrebleu's signature for ``metric``, extended with ``|norm:none`` or ``|norm:arabic``.

    ``test`` ("bs" or "ar") with ``n`` and ``seed`` adds sacrebleu's ``bs:``/``ar:``/``seed:`` fields
    as ``--paired-bs``/``--paired-ar`` print them; ``test="ci"`` adds those of a single-system
    bootstrap CI (``--confidence``); ``n_confidence`` adds the AR bootstrap count;
    ``resample="documents"`` adds ``|unit:documents`` (sacrebleu only resamples segments).
    ``nrefs="var"`` (or -1) is sacrebleu's variable-reference mode.
    """
    m = canonical(metric)
    _normalizer(normalize)
    if m == "mean":
        return f"mean|norm:{normalize}"
    obj = make_metric(m, tokenize)
    obj.num_refs = -1 if nrefs in ("var", -1) else int(nrefs)  # type: ignore[attr-defined]
    sig = obj.get_signature()
    if test is not None:
        if test not in ("bs", "ar", "ci"):
            raise ValueError("test must be 'bs', 'ar' or 'ci'")
        sig.update("seed", str(seed).lower())
        sig.update("bs" if test == "ci" else test, n)
        if n_confidence and n_confidence > 0:
            sig.update("bs", n_confidence)
    text = sig.format(short)
    text += f"|norm:{normalize}"
    if resample and resample != "segments":
        text += f"|unit:{resample}"
    return text
