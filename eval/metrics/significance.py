"""Bootstrap confidence intervals, paired bootstrap and paired approximate randomization.

Same definitions, same random draws and therefore the same numbers as sacrebleu's
``significance.py`` (``--paired-bs``, ``--paired-ar``, ``corpus_score(n_bootstrap=…)``), but
computed from per-segment sufficient statistics without materialising sacrebleu's
resamples × segments × statistics array:

* **Bootstrap.** sacrebleu draws ``default_rng(seed).choice(N, (n, N))``. We draw the same integers
  in chunks of rows (``rng.integers(0, N, (c, N))`` continues the identical stream), turn each chunk
  into a c×N resample-count matrix, and multiply it with the N×k statistics matrix (all systems
  side by side), so memory is O(c·N) and every resample costs one row of a matrix product.
* **Approximate randomization.** sacrebleu draws ``rng.integers(2, (n, N), dtype=bool)``; NumPy
  fills booleans one bit at a time from 32-bit words, which for PCG64 are the low then high halves
  of each 64-bit output. We read the same bits from ``bit_generator.random_raw`` chunk by chunk and
  compute ``shuf_a = sys + sel @ (baseline - sys)``; the generator state afterwards is restored
  exactly, so the optional bootstrap CI that sacrebleu draws next also matches.

Scores of the resampled rows come from :func:`eval.metrics.lexical.scores_from_stats` with
sacrebleu's float32 semantics for the bootstrap (its resampling casts statistics to float32) and
exact semantics for AR (its AR sums stay int64); ``estimate_ci`` and ``_compute_p_value`` are
sacrebleu's own functions applied to arrays of the same dtype, so means, CIs and p-values are equal
to the last bit.

Resampling unit: ``groups`` (one document index per segment) switches from segments to whole
documents, because segments of one article are not independent. Statistics are first summed per
document, and documents are resampled (or swapped, for AR) as units; ``groups=range(N)`` gives
exactly the segment-level numbers.

Bootstrap parity is exact in general (fractional or very large statistic columns are summed in
sacrebleu's sequential float32 order). AR parity is exact for integer statistics (BLEU, chrF,
chrF++, TER with one or two references); sacrebleu's AR sums TER's fractional multi-reference
lengths with a float64 BLAS product whose rounding order is not reproducible, so there the last bit
of a trial score can differ (p-values agreed in our tests).
"""

from __future__ import annotations

import math
import statistics as _stats
from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np
from sacrebleu.significance import _compute_p_value, estimate_ci

from eval.metrics.lexical import LOWER_IS_BETTER, _scores, canonical, corpus_score, n_stats

#: Bytes per chunk matrix; bounds memory independently of corpus size.
CHUNK_BYTES = 32 * 1024 * 1024

_F32_EXACT = float(2**24)  # float32 adds integers exactly below this


# ----------------------------------------------------------------------------------------------
# Helpers


def _as_matrix(metric: str, stats: Any, what: str) -> np.ndarray:
    x = np.asarray(stats, dtype=np.float64)
    k = n_stats(metric)
    if x.ndim != 2 or x.shape[1] != k:
        raise ValueError(f"{what}: expected an N×{k} statistics matrix for {metric}, got shape {x.shape}")
    if x.shape[0] == 0:
        raise ValueError(f"{what}: no segments to resample")
    return x


def _units(x: np.ndarray, groups: Any | None) -> tuple[np.ndarray, str]:
    """Statistics per resampling unit: segments as given, or summed per document (sorted ids)."""
    if groups is None:
        return x, "segments"
    g = np.asarray(groups)
    if g.shape != (x.shape[0],):
        raise ValueError(f"groups must give one document index per segment ({x.shape[0]}), got shape {g.shape}")
    _, inv = np.unique(g, return_inverse=True)
    out = np.zeros((int(inv.max()) + 1, x.shape[1]))
    np.add.at(out, inv, x)
    return out, "documents"


def _chunk_rows(n_units: int, chunk: int | None) -> int:
    if chunk is not None:
        if chunk < 1:
            raise ValueError("chunk must be >= 1")
        return int(chunk)
    return max(1, CHUNK_BYTES // (8 * max(1, n_units)))


def _rng(seed: int | None) -> np.random.Generator:
    return np.random.default_rng(seed)


def _bootstrap_draws(rng: np.random.Generator, n_units: int, n: int, rows: int) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """(indices, resample-count matrix c×U float64) per chunk of sacrebleu's ``rng.choice(U, (n, U))``."""
    done = 0
    while done < n:
        c = min(rows, n - done)
        idx = rng.integers(0, n_units, size=(c, n_units), dtype=np.int64)
        flat = idx + (np.arange(c, dtype=np.int64) * n_units)[:, None]
        counts = np.bincount(flat.ravel(), minlength=c * n_units).reshape(c, n_units)
        del flat
        yield idx, counts.astype(np.float64)
        done += c


class _CoinFlips:
    """The bits of ``rng.integers(2, size=…, dtype=bool)`` in chunks, then the matching RNG state."""

    def __init__(self, rng: np.random.Generator):
        self.rng = rng
        self.left = np.zeros(0, dtype=np.uint8)
        self.used = 0
        self.last_raw: int | None = None

    def take(self, count: int) -> np.ndarray:
        need = count - self.left.size
        if need > 0:
            raw = self.rng.bit_generator.random_raw(-(-need // 64))
            self.last_raw = int(raw[-1])
            bits = np.unpackbits(raw.astype("<u8", copy=False).view(np.uint8), bitorder="little")
            pool = np.concatenate([self.left, bits]) if self.left.size else bits
        else:
            pool = self.left
        out, self.left = pool[:count], pool[count:]
        self.used += count
        return out

    def finish(self) -> None:
        """Leave the generator where NumPy's single boolean draw would have left it."""
        words = -(-self.used // 32)
        if words % 2 and self.last_raw is not None:
            state = self.rng.bit_generator.state
            state["has_uint32"] = 1
            state["uinteger"] = self.last_raw >> 32
            self.rng.bit_generator.state = state


def _typed(metric: str, values: np.ndarray, py: np.ndarray) -> np.ndarray:
    """The array sacrebleu builds from its list of bootstrap scores (float32 unless a Python float is in it)."""
    if canonical(metric) in ("chrf", "chrf++", "ter") and not py.any():
        return values.astype(np.float32)
    return values


def _statistics_mean(metric: str, values: np.ndarray, py: np.ndarray) -> float:
    """``Score.estimate_ci``'s mean: ``statistics.mean`` over the same Python/NumPy scalar types."""
    f32 = canonical(metric) in ("chrf", "chrf++", "ter")
    items = [float(v) if (p or not f32) else np.float32(v) for v, p in zip(values.tolist(), py.tolist())]
    return float(_stats.mean(sorted(items)))


def _interval(scores: np.ndarray, alpha: float) -> tuple[float, float, float, float]:
    """(mean, half-width, low, high) of bootstrap scores; alpha=0.05 is sacrebleu's estimate_ci."""
    n = len(scores)
    if alpha == 0.05:
        mean, half = estimate_ci(scores)
        lo_idx = n // 40
    else:
        if not 0 < alpha < 1:
            raise ValueError("alpha must be in (0, 1)")
        lo_idx = int(math.floor(n * alpha / 2 + 1e-9))
        srt = np.sort(scores)
        mean, half = srt.mean(), 0.5 * (srt[n - lo_idx - 1] - srt[lo_idx])
    srt = np.sort(scores)
    return float(mean), float(half), float(srt[lo_idx]), float(srt[n - lo_idx - 1])


def _bootstrap_scores(
    metric: str, units: list[np.ndarray], n: int, rng: np.random.Generator, rows: int
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Float32-semantics scores of ``n`` bootstrap resamples for each unit matrix (shared draws)."""
    k = units[0].shape[1]
    stacked = np.hstack(units) if len(units) > 1 else units[0]
    emulate = canonical(metric) != "mean"  # sacrebleu metrics only
    integral = (stacked == np.floor(stacked)).all(axis=0)
    as32 = stacked.astype(np.float32)
    vals: list[list[np.ndarray]] = [[] for _ in units]
    pys: list[list[np.ndarray]] = [[] for _ in units]
    for idx, counts in _bootstrap_draws(rng, stacked.shape[0], n, rows):
        sums = counts @ stacked
        # sacrebleu adds float32 rows one by one in resample order. For integer columns whose sums
        # stay below 2**24 that is exact, so the matrix product is equal; anything else (TER's
        # fractional average reference length with 3+ references, huge corpora) is summed the same
        # sequential float32 way.
        for j in np.flatnonzero(~integral | (sums >= _F32_EXACT).any(axis=0)) if emulate else ():
            sums[:, j] = np.cumsum(as32[idx, j], axis=1, dtype=np.float32)[:, -1]
        del idx, counts
        for i in range(len(units)):
            v, p = _scores(metric, sums[:, i * k : (i + 1) * k], "float32")
            vals[i].append(v)
            pys[i].append(p)
    return [(np.concatenate(v), np.concatenate(p)) for v, p in zip(vals, pys)]


def _check_n(n: int, what: str) -> int:
    n = int(n)
    if n < 1:
        raise ValueError(f"{what} must be >= 1")
    return n


# ----------------------------------------------------------------------------------------------
# Public API


def bootstrap_ci(
    metric: str,
    stats: Any,
    n: int = 1000,
    seed: int | None = 12345,
    groups: Any | None = None,
    alpha: float = 0.05,
    *,
    chunk: int | None = None,
    mean: str = "numpy",
) -> dict[str, Any]:
    """Bootstrap confidence interval of one system's corpus score.

    Equal to sacrebleu's ``_bootstrap_resample`` + ``estimate_ci`` (the baseline CI that
    ``--paired-bs`` prints). ``mean="statistics"`` averages like ``Score.estimate_ci`` instead
    (``corpus_score(n_bootstrap=n)`` / ``sacrebleu --confidence``). ``ci`` is sacrebleu's half-width
    (``mean ± ci``); ``ci_low``/``ci_high`` are the percentile bounds it is computed from.
    """
    metric = canonical(metric)
    n = _check_n(n, "n")
    x = _as_matrix(metric, stats, "stats")
    u, unit = _units(x, groups)
    (vals, py), = _bootstrap_scores(metric, [u], n, _rng(seed), _chunk_rows(u.shape[0], chunk))
    scores = _typed(metric, vals, py)
    m, half, lo, hi = _interval(scores, alpha)
    if mean == "statistics":
        m = _statistics_mean(metric, vals, py)
    elif mean != "numpy":
        raise ValueError("mean must be 'numpy' or 'statistics'")
    return {
        "score": corpus_score(metric, x),
        "mean": m,
        "ci": half,
        "ci_low": lo,
        "ci_high": hi,
        "n": n,
        "seed": seed,
        "unit": unit,
        "n_units": int(u.shape[0]),
        "alpha": alpha,
    }


def _prepare(metric: str, stats_by_system: Mapping[str, Any], baseline: str, groups: Any | None):
    metric = canonical(metric)
    if baseline not in stats_by_system:
        raise ValueError(f"baseline {baseline!r} is not among the systems {list(stats_by_system)}")
    if len(stats_by_system) < 2:
        raise ValueError("a paired test needs the baseline and at least one other system")
    names = [baseline] + [s for s in stats_by_system if s != baseline]
    mats = [_as_matrix(metric, stats_by_system[s], f"system {s!r}") for s in names]
    n_seg = {m.shape[0] for m in mats}
    if len(n_seg) != 1:
        counts = ", ".join(f"{s}: {m.shape[0]}" for s, m in zip(names, mats))
        raise ValueError(f"paired tests need the same segments for every system ({counts})")
    units = []
    unit = "segments"
    for m in mats:
        u, unit = _units(m, groups)
        units.append(u)
    real = [corpus_score(metric, m) for m in mats]
    return metric, names, mats, units, unit, real


def _entry(score: float, base: float, metric: str, **extra: Any) -> dict[str, Any]:
    delta = score - base
    better = None if delta == 0 else ((delta < 0) if metric in LOWER_IS_BETTER else (delta > 0))
    out = {"score": float(score), "delta": float(delta), "better": better}
    out.update(extra)
    return out


def paired_bootstrap(
    metric: str,
    stats_by_system: Mapping[str, Any],
    baseline: str,
    n: int = 1000,
    seed: int | None = 12345,
    groups: Any | None = None,
    *,
    chunk: int | None = None,
    alpha: float = 0.05,
) -> dict[str, dict[str, Any]]:
    """Paired bootstrap resampling of every system against ``baseline`` (sacrebleu ``--paired-bs``).

    Returns ``{system: {score, mean, ci, ci_low, ci_high, p_value, significant, delta, better, …}}``
    (the baseline has ``p_value`` None). p is sacrebleu's: the share of resamples whose centred
    absolute difference exceeds the observed one, with +1 smoothing.
    """
    n = _check_n(n, "n")
    metric, names, mats, units, unit, real = _prepare(metric, stats_by_system, baseline, groups)
    res = _bootstrap_scores(metric, units, n, _rng(seed), _chunk_rows(units[0].shape[0], chunk))
    arrays = [_typed(metric, v, p) for v, p in res]
    base_scores = arrays[0]
    out: dict[str, dict[str, Any]] = {}
    for i, name in enumerate(names):
        m, half, lo, hi = _interval(arrays[i], alpha)
        info = {"mean": m, "ci": half, "ci_low": lo, "ci_high": hi, "n": n, "seed": seed, "unit": unit,
                "n_units": int(units[i].shape[0]), "method": "paired-bs"}
        if i == 0:
            out[name] = _entry(real[0], real[0], metric, p_value=None, significant=None, baseline=True, **info)
            continue
        diff = abs(real[0] - real[i])
        sample_diffs = np.abs(arrays[i] - base_scores)
        centred = sample_diffs - sample_diffs.mean()
        p = float(_compute_p_value(centred, diff))
        out[name] = _entry(real[i], real[0], metric, p_value=p, significant=p < alpha, baseline=False, **info)
    return out


def paired_ar(
    metric: str,
    stats_by_system: Mapping[str, Any],
    baseline: str,
    n: int = 10000,
    seed: int | None = 12345,
    groups: Any | None = None,
    *,
    n_confidence: int = 1000,
    chunk: int | None = None,
    alpha: float = 0.05,
) -> dict[str, dict[str, Any]]:
    """Paired approximate randomization of every system against ``baseline`` (``--paired-ar``).

    Each trial swaps the two systems' outputs on a random half of the units; p is the share of
    trials whose absolute score difference exceeds the observed one (+1 smoothing). With
    ``n_confidence > 0`` each system also gets sacrebleu's AR bootstrap CI (``PairedTest(...,
    n_ar_confidence=n_confidence)``: the baseline's from a fresh generator, the others' from the
    draws that follow the coin flips); ``n_confidence=-1`` skips it, like the sacrebleu CLI.
    """
    n = _check_n(n, "n")
    metric, names, mats, units, unit, real = _prepare(metric, stats_by_system, baseline, groups)
    k = units[0].shape[1]
    n_units = units[0].shape[0]
    base = units[0]
    others = units[1:]
    totals = [u.sum(axis=0) for u in others]  # exact: integer statistics
    base_total = base.sum(axis=0)
    delta = np.hstack([base - u for u in others])
    rows = _chunk_rows(n_units, chunk)

    rng = _rng(seed)
    flips = _CoinFlips(rng)
    diffs: list[list[np.ndarray]] = [[] for _ in others]
    done = 0
    while done < n:
        c = min(rows, n - done)
        sel = flips.take(c * n_units).reshape(c, n_units).astype(np.float64)
        swapped = sel @ delta
        del sel
        for i, tot in enumerate(totals):
            shuf_a = tot + swapped[:, i * k : (i + 1) * k]
            shuf_b = (base_total + tot) - shuf_a
            a, _ = _scores(metric, shuf_a, "exact")
            b, _ = _scores(metric, shuf_b, "exact")
            diffs[i].append(np.abs(a - b))
        done += c
    flips.finish()

    conf: list[tuple[float, float, float, float] | None] = [None] * len(names)
    if n_confidence and n_confidence > 0:
        for i, (v, p) in enumerate(_bootstrap_scores(metric, others, n_confidence, rng, rows), start=1):
            conf[i] = _interval(_typed(metric, v, p), alpha)
        (v, p), = _bootstrap_scores(metric, [base], n_confidence, _rng(seed), _chunk_rows(n_units, chunk))
        conf[0] = _interval(_typed(metric, v, p), alpha)

    out: dict[str, dict[str, Any]] = {}
    for i, name in enumerate(names):
        info: dict[str, Any] = {"n": n, "seed": seed, "unit": unit, "n_units": int(n_units), "method": "paired-ar"}
        if conf[i] is not None:
            m, half, lo, hi = conf[i]  # type: ignore[misc]
            info.update({"mean": m, "ci": half, "ci_low": lo, "ci_high": hi, "n_confidence": int(n_confidence)})
        else:
            info.update({"mean": None, "ci": None, "ci_low": None, "ci_high": None})
        if i == 0:
            out[name] = _entry(real[0], real[0], metric, p_value=None, significant=None, baseline=True, **info)
            continue
        p = float(_compute_p_value(np.concatenate(diffs[i - 1]), abs(real[0] - real[i])))
        out[name] = _entry(real[i], real[0], metric, p_value=p, significant=p < alpha, baseline=False, **info)
    return out
