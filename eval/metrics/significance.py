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
  compute ``shuf_a = sys + sel @ (baseline - sys)`` (exact for integer statistics, in float32 while
  partial sums stay below 2**24); the generator state afterwards is restored exactly, so the
  optional bootstrap CI that sacrebleu draws next also matches.
* Several metrics share one set of draws (``paired_bootstrap_many``/``paired_ar_many``), as in
  sacrebleu, where the draws are made once per system for all metrics.

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
chrF++, TER with one or two references); for fractional ones (TER's average reference length with
three or more references) we run sacrebleu's own float64 products ``pos @ bl + neg @ sys`` chunk
by chunk, which matched in our tests but relies on BLAS summing each dot product the same way
whatever the number of rows.

sacrebleu quirk not reproduced: its paired tests treat seed 0 as "no seed" (``if self._seed``);
here 0 is an ordinary seed and ``None`` means unseeded.
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
    """(indices, resample-count matrix c×U float64) per chunk of sacrebleu's ``rng.choice(U, (n, U))``.

    ``choice`` with replacement is ``integers(0, U)``; int32 output draws the same numbers (same
    32-bit Lemire sampler) with half the memory traffic. Counting row by row keeps the histogram in
    cache, which is several times faster than one bincount over the whole chunk.
    """
    dtype = np.int32 if n_units < 2**31 else np.int64
    done = 0
    while done < n:
        c = min(rows, n - done)
        idx = rng.integers(0, n_units, size=(c, n_units), dtype=dtype)
        counts = np.empty((c, n_units), dtype=np.float64)
        for r in range(c):
            counts[r] = np.bincount(idx[r], minlength=n_units)
        yield idx, counts
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


Block = tuple[str, list[np.ndarray]]  # (metric, one unit matrix per system)


def _split(blocks: list[Block]) -> tuple[np.ndarray, list[list[slice]]]:
    """All unit matrices side by side, and where each block's systems sit in the columns."""
    mats, where, col = [], [], 0
    for _, units in blocks:
        spans = []
        for u in units:
            mats.append(u)
            spans.append(slice(col, col + u.shape[1]))
            col += u.shape[1]
        where.append(spans)
    return (np.hstack(mats) if len(mats) > 1 else mats[0]), where


def _bootstrap_scores(
    blocks: list[Block], n: int, rng: np.random.Generator, rows: int
) -> list[list[tuple[np.ndarray, np.ndarray]]]:
    """Float32-semantics scores of ``n`` bootstrap resamples, per block and system (shared draws)."""
    stacked, where = _split(blocks)
    emulate = np.zeros(stacked.shape[1], dtype=bool)  # sacrebleu metrics only, not "mean"
    for (metric, _), spans in zip(blocks, where):
        if canonical(metric) != "mean":
            for sl in spans:
                emulate[sl] = True
    integral = (stacked == np.floor(stacked)).all(axis=0)
    as32 = stacked.astype(np.float32) if emulate.any() else None
    out: list[list[tuple[list, list]]] = [[([], []) for _ in spans] for spans in where]
    for idx, counts in _bootstrap_draws(rng, stacked.shape[0], n, rows):
        sums = counts @ stacked
        # sacrebleu adds float32 rows one by one in resample order. For integer columns whose sums
        # stay below 2**24 that is exact, so the matrix product is equal; anything else (TER's
        # fractional average reference length with 3+ references, huge corpora) is summed the same
        # sequential float32 way.
        for j in np.flatnonzero(emulate & (~integral | (sums >= _F32_EXACT).any(axis=0))):
            sums[:, j] = np.cumsum(as32[idx, j], axis=1, dtype=np.float32)[:, -1]
        del idx, counts
        for (metric, _), spans, acc in zip(blocks, where, out):
            for sl, (vals, pys) in zip(spans, acc):
                v, p = _scores(metric, sums[:, sl], "float32")
                vals.append(v)
                pys.append(p)
    return [[(np.concatenate(v), np.concatenate(p)) for v, p in acc] for acc in out]


def _ar_diffs(blocks: list[Block], n: int, rng: np.random.Generator, rows: int) -> list[list[np.ndarray]]:
    """|score(a) - score(b)| of ``n`` AR trials for each non-baseline system of each block."""
    n_units = blocks[0][1][0].shape[0]
    exact_blocks, literal_blocks = [], []
    for bi, (_, units) in enumerate(blocks):
        stacked = np.hstack(units)
        (exact_blocks if (stacked == np.floor(stacked)).all() else literal_blocks).append(bi)
    # Integer statistics: shuf_a = sys + sel @ (baseline - sys) is exact whatever the summation
    # order, and in float32 too while every partial sum stays below 2**24.
    deltas, cols, col = [], {}, 0
    for bi in exact_blocks:
        base = blocks[bi][1][0]
        for si, u in enumerate(blocks[bi][1][1:]):
            deltas.append(base - u)
            cols[(bi, si)] = slice(col, col + u.shape[1])
            col += u.shape[1]
    delta = np.hstack(deltas) if deltas else np.zeros((n_units, 0))
    ft = np.float32 if (np.abs(delta).sum(axis=0) < _F32_EXACT).all() else np.float64
    delta_t = delta.astype(ft)
    totals = {bi: [u.sum(axis=0) for u in blocks[bi][1]] for bi in exact_blocks}

    out: list[list[list[np.ndarray]]] = [[[] for _ in units[1:]] for _, units in blocks]
    flips = _CoinFlips(rng)
    done = 0
    while done < n:
        c = min(rows, n - done)
        bits = flips.take(c * n_units).reshape(c, n_units)
        if exact_blocks:
            swapped = (bits.astype(ft) @ delta_t).astype(np.float64)
            for bi in exact_blocks:
                metric, _ = blocks[bi]
                base_total = totals[bi][0]
                for si, tot in enumerate(totals[bi][1:]):
                    shuf_a = tot + swapped[:, cols[(bi, si)]]
                    shuf_b = (base_total + tot) - shuf_a
                    out[bi][si].append(np.abs(_scores(metric, shuf_a, "exact")[0] - _scores(metric, shuf_b, "exact")[0]))
        if literal_blocks:  # fractional statistics: sacrebleu's own float64 products, chunk by chunk
            pos = bits.astype(bool)
            neg = ~pos
            for bi in literal_blocks:
                metric, units = blocks[bi]
                for si, u in enumerate(units[1:]):
                    shuf_a = pos @ units[0] + neg @ u
                    shuf_b = neg @ units[0] + pos @ u
                    out[bi][si].append(np.abs(_scores(metric, shuf_a, "exact")[0] - _scores(metric, shuf_b, "exact")[0]))
        done += c
    flips.finish()
    return [[np.concatenate(d) for d in per] for per in out]


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
    if mean not in ("numpy", "statistics"):
        raise ValueError("mean must be 'numpy' or 'statistics'")
    x = _as_matrix(metric, stats, "stats")
    u, unit = _units(x, groups)
    [[(vals, py)]] = _bootstrap_scores([(metric, [u])], n, _rng(seed), _chunk_rows(u.shape[0], chunk))
    m, half, lo, hi = _interval(_typed(metric, vals, py), alpha)
    if mean == "statistics":
        m = _statistics_mean(metric, vals, py)
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


class _Prepared:
    """Validated inputs of a paired test: system order (baseline first), units and real scores."""

    def __init__(self, stats_by_metric: Mapping[str, Mapping[str, Any]], baseline: str, groups: Any | None):
        if not stats_by_metric:
            raise ValueError("no metric to test")
        self.metrics = [canonical(m) for m in stats_by_metric]
        self.blocks: list[Block] = []
        self.real: list[list[float]] = []
        self.names: list[str] = []
        self.unit = "segments"
        sizes = set()
        for metric, by_system in zip(self.metrics, stats_by_metric.values()):
            if baseline not in by_system:
                raise ValueError(f"baseline {baseline!r} is not among the systems {list(by_system)}")
            if len(by_system) < 2:
                raise ValueError("a paired test needs the baseline and at least one other system")
            names = [baseline] + [s for s in by_system if s != baseline]
            if self.names and names != self.names:
                raise ValueError("every metric must have the same systems")
            self.names = names
            mats = [_as_matrix(metric, by_system[s], f"system {s!r}") for s in names]
            sizes |= {m.shape[0] for m in mats}
            if len(sizes) != 1:
                counts = ", ".join(f"{s}: {m.shape[0]}" for s, m in zip(names, mats))
                raise ValueError(f"paired tests need the same segments for every system ({counts})")
            units = []
            for m in mats:
                u, self.unit = _units(m, groups)
                units.append(u)
            self.blocks.append((metric, units))
            self.real.append([corpus_score(metric, m) for m in mats])
        self.n_units = int(self.blocks[0][1][0].shape[0])


def _entry(score: float, base: float, metric: str, **extra: Any) -> dict[str, Any]:
    delta = score - base
    better = None if delta == 0 else ((delta < 0) if metric in LOWER_IS_BETTER else (delta > 0))
    out = {"score": float(score), "delta": float(delta), "better": better}
    out.update(extra)
    return out


def paired_bootstrap_many(
    stats_by_metric: Mapping[str, Mapping[str, Any]],
    baseline: str,
    n: int = 1000,
    seed: int | None = 12345,
    groups: Any | None = None,
    *,
    chunk: int | None = None,
    alpha: float = 0.05,
) -> dict[str, dict[str, dict[str, Any]]]:
    """:func:`paired_bootstrap` for several metrics at once, sharing the resamples (as sacrebleu does)."""
    n = _check_n(n, "n")
    prep = _Prepared(stats_by_metric, baseline, groups)
    res = _bootstrap_scores(prep.blocks, n, _rng(seed), _chunk_rows(prep.n_units, chunk))
    result: dict[str, dict[str, dict[str, Any]]] = {}
    for (metric, _), real, per_system in zip(prep.blocks, prep.real, res):
        arrays = [_typed(metric, v, p) for v, p in per_system]
        out: dict[str, dict[str, Any]] = {}
        for i, name in enumerate(prep.names):
            m, half, lo, hi = _interval(arrays[i], alpha)
            info = {"mean": m, "ci": half, "ci_low": lo, "ci_high": hi, "n": n, "seed": seed, "unit": prep.unit,
                    "n_units": prep.n_units, "method": "paired-bs"}
            if i == 0:
                out[name] = _entry(real[0], real[0], metric, p_value=None, significant=None, baseline=True, **info)
                continue
            sample_diffs = np.abs(arrays[i] - arrays[0])
            centred = sample_diffs - sample_diffs.mean()
            p = float(_compute_p_value(centred, abs(real[0] - real[i])))
            out[name] = _entry(real[i], real[0], metric, p_value=p, significant=p < alpha, baseline=False, **info)
        result[metric] = out
    return result


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
    res = paired_bootstrap_many({metric: stats_by_system}, baseline, n, seed, groups, chunk=chunk, alpha=alpha)
    return next(iter(res.values()))


def paired_ar_many(
    stats_by_metric: Mapping[str, Mapping[str, Any]],
    baseline: str,
    n: int = 10000,
    seed: int | None = 12345,
    groups: Any | None = None,
    *,
    n_confidence: int = 1000,
    chunk: int | None = None,
    alpha: float = 0.05,
) -> dict[str, dict[str, dict[str, Any]]]:
    """:func:`paired_ar` for several metrics at once, sharing the coin flips (as sacrebleu does)."""
    n = _check_n(n, "n")
    prep = _Prepared(stats_by_metric, baseline, groups)
    rows = _chunk_rows(prep.n_units, chunk)
    rng = _rng(seed)
    diffs = _ar_diffs(prep.blocks, n, rng, rows)

    conf: list[list[tuple[float, float, float, float] | None]] = [[None] * len(prep.names) for _ in prep.blocks]
    if n_confidence and n_confidence > 0:
        # sacrebleu: systems resample with the draws that follow the coin flips, the baseline with a
        # fresh generator (PairedTest computes its CI once, up front)
        others = [(metric, units[1:]) for metric, units in prep.blocks]
        for bi, per in enumerate(_bootstrap_scores(others, n_confidence, rng, rows)):
            for si, (v, p) in enumerate(per, start=1):
                conf[bi][si] = _interval(_typed(prep.blocks[bi][0], v, p), alpha)
        bases = [(metric, units[:1]) for metric, units in prep.blocks]
        for bi, [(v, p)] in enumerate(_bootstrap_scores(bases, n_confidence, _rng(seed), rows)):
            conf[bi][0] = _interval(_typed(prep.blocks[bi][0], v, p), alpha)

    result: dict[str, dict[str, dict[str, Any]]] = {}
    for bi, ((metric, _), real) in enumerate(zip(prep.blocks, prep.real)):
        out: dict[str, dict[str, Any]] = {}
        for i, name in enumerate(prep.names):
            info: dict[str, Any] = {"n": n, "seed": seed, "unit": prep.unit, "n_units": prep.n_units,
                                    "method": "paired-ar"}
            c = conf[bi][i]
            if c is not None:
                info.update({"mean": c[0], "ci": c[1], "ci_low": c[2], "ci_high": c[3], "n_confidence": int(n_confidence)})
            else:
                info.update({"mean": None, "ci": None, "ci_low": None, "ci_high": None})
            if i == 0:
                out[name] = _entry(real[0], real[0], metric, p_value=None, significant=None, baseline=True, **info)
                continue
            p = float(_compute_p_value(diffs[bi][i - 1], abs(real[0] - real[i])))
            out[name] = _entry(real[i], real[0], metric, p_value=p, significant=p < alpha, baseline=False, **info)
        result[metric] = out
    return result


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
    res = paired_ar_many({metric: stats_by_system}, baseline, n, seed, groups, n_confidence=n_confidence,
                         chunk=chunk, alpha=alpha)
    return next(iter(res.values()))
