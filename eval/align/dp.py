"""Banded dynamic programming over sentence beads: Viterbi path plus forward–backward posteriors.

The DP lattice has a cell ``(i, j)`` for "``i`` source and ``j`` target sentences consumed". Only a
band of ``width`` cells per row is kept (row ``i`` covers ``j ∈ [lo[i], lo[i] + width)``, ``lo``
non-decreasing), so time and memory are ``O(n · width)`` instead of ``O(n · m)``. Rows are processed
with numpy: beads that consume source sentences read earlier rows; the 0-1 bead (a target sentence
with no source), the only move inside a row, is a prefix scan (a running minimum for Viterbi, a
running log-sum-exp for the forward pass), so no Python loop runs over cells.

Costs are in nats (negative log-probabilities up to a constant). The posterior probability of a
bead, from the forward and backward passes over the same band, is its confidence.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

INF = np.inf


@dataclass
class Band:
    """Row windows of the lattice: row ``i`` covers target positions ``lo[i] … lo[i] + width − 1``."""

    lo: np.ndarray  # (n + 1,) int64, non-decreasing, lo[0] == 0, lo[n] + width − 1 >= m
    width: int
    m: int

    @property
    def cols(self) -> np.ndarray:
        """Target position of every band cell, shape ``(n + 1, width)``."""
        return self.lo[:, None] + np.arange(self.width)[None, :]


def band_around(center: np.ndarray, width: int, m: int) -> Band:
    """A band of ``width`` cells per row centred on ``center`` (target positions per row)."""
    width = int(min(max(width, 1), m + 1))
    c = np.maximum.accumulate(np.asarray(np.rint(center), dtype=np.int64))
    lo = np.clip(c - width // 2, 0, m + 1 - width)
    lo = np.maximum.accumulate(lo)
    lo[0] = 0
    lo[-1] = m + 1 - width
    lo = np.minimum(lo, m + 1 - width)
    return Band(lo.astype(np.int64), width, m)


@dataclass
class Costs:
    """Bead costs over a band.

    ``pair[(a, b)]`` has shape ``(n + 1, width)``: the cost of the bead of ``a`` source and ``b``
    target sentences *ending* at that cell (``inf`` where impossible); ``delete[i]`` is the cost of
    source sentence ``i`` alone (1-0) and ``insert[j]`` of target sentence ``j`` alone (0-1).
    """

    pair: dict[tuple[int, int], np.ndarray]
    delete: np.ndarray  # (n,)
    insert: np.ndarray  # (m,)


def _gather(row: np.ndarray, lo: int, width: int, cols: np.ndarray) -> np.ndarray:
    """``row`` (a band row starting at target ``lo``) read at target positions ``cols``; inf outside.

    ``cols`` is always a contiguous run (a band row shifted by a bead's target size), so this is a
    slice copy rather than fancy indexing.
    """
    n = len(cols)
    out = np.full(n, INF)
    if n == 0:
        return out
    s = int(cols[0]) - lo  # row index of out[0]
    a = max(0, -s)
    b = min(n, width - s)
    if a < b:
        out[a:b] = row[a + s: b + s]
    return out


def _types(costs: Costs) -> list[tuple[int, int]]:
    return sorted(costs.pair)


def viterbi(costs: Costs, band: Band, n: int) -> tuple[list[tuple[int, int, int, int]], float]:
    """Best path as beads ``(i0, i1, j0, j1)`` (half-open ranges) and its total cost."""
    m, w, lo = band.m, band.width, band.lo
    types = _types(costs)
    ins_code = len(types)
    del_code = len(types) + 1
    d = np.full((n + 1, w), INF)
    bp = np.full((n + 1, w), -1, dtype=np.int16)
    cols = band.cols
    # row 0: only insertions
    ins_cum = np.concatenate([[0.0], np.cumsum(costs.insert)])
    c0 = cols[0]
    d[0] = np.where(c0 <= m, ins_cum[np.minimum(c0, m)], INF)
    bp[0, 1:] = ins_code
    for i in range(1, n + 1):
        ci = cols[i]
        best = np.full(w, INF)
        arg = np.full(w, -1, dtype=np.int16)
        # deletion (1-0)
        cand = _gather(d[i - 1], lo[i - 1], w, ci) + costs.delete[i - 1]
        better = cand < best
        best[better] = cand[better]
        arg[better] = del_code
        for t, (a, b) in enumerate(types):
            if i < a:
                continue
            cand = _gather(d[i - a], lo[i - a], w, ci - b) + costs.pair[(a, b)][i]
            better = cand < best
            best[better] = cand[better]
            arg[better] = t
        # insertions inside the row: prefix scan
        step = np.empty(w)
        step[0] = 0.0
        step[1:] = costs.insert[np.clip(ci[1:] - 1, 0, max(m - 1, 0))] if m else INF
        cum = np.cumsum(step)
        y = best - cum
        run = np.minimum.accumulate(y)
        d[i] = cum + run
        via_ins = y > run
        arg[via_ins] = ins_code
        bp[i] = arg
    k = m - lo[n]
    total = float(d[n, k])
    beads: list[tuple[int, int, int, int]] = []
    i, j = n, m
    while i > 0 or j > 0:
        code = int(bp[i, j - lo[i]])
        if code == ins_code or i == 0:
            beads.append((i, i, j - 1, j))
            j -= 1
        elif code == del_code:
            beads.append((i - 1, i, j, j))
            i -= 1
        else:
            a, b = types[code]
            beads.append((i - a, i, j - b, j))
            i -= a
            j -= b
    beads.reverse()
    return beads, total


def _softmin_into(acc: np.ndarray, cand: np.ndarray) -> None:
    """acc ← −log(exp(−acc) + exp(−cand)), in place, inf-safe."""
    with np.errstate(invalid="ignore"):
        np.negative(np.logaddexp(-acc, -cand), out=acc)


def forward(costs: Costs, band: Band, n: int) -> np.ndarray:
    """Forward pass: ``F[i, k]`` = −log Σ over paths from (0, 0) to the cell of exp(−cost)."""
    m, w, lo = band.m, band.width, band.lo
    types = _types(costs)
    f = np.full((n + 1, w), INF)
    cols = band.cols
    ins_cum = np.concatenate([[0.0], np.cumsum(costs.insert)])
    c0 = cols[0]
    f[0] = np.where(c0 <= m, ins_cum[np.minimum(c0, m)], INF)
    for i in range(1, n + 1):
        ci = cols[i]
        acc = _gather(f[i - 1], lo[i - 1], w, ci) + costs.delete[i - 1]
        for a, b in types:
            if i < a:
                continue
            _softmin_into(acc, _gather(f[i - a], lo[i - a], w, ci - b) + costs.pair[(a, b)][i])
        step = np.empty(w)
        step[0] = 0.0
        step[1:] = costs.insert[np.clip(ci[1:] - 1, 0, max(m - 1, 0))] if m else INF
        cum = np.cumsum(step)
        with np.errstate(invalid="ignore"):
            f[i] = cum - np.logaddexp.accumulate(-(acc - cum))
    return f


def backward(costs: Costs, band: Band, n: int) -> np.ndarray:
    """Backward pass: ``B[i, k]`` = −log Σ over paths from the cell to (n, m) of exp(−cost)."""
    m, w, lo = band.m, band.width, band.lo
    types = _types(costs)
    bk = np.full((n + 1, w), INF)
    cols = band.cols
    for i in range(n, -1, -1):
        ci = cols[i]
        acc = np.where(ci == m, 0.0, INF)
        if i < n:
            _softmin_into(acc, _gather(bk[i + 1], lo[i + 1], w, ci) + costs.delete[i])
            for a, b in types:
                if i + a > n:
                    continue
                nxt = ci + b
                cost = _gather(costs.pair[(a, b)][i + a], lo[i + a], w, nxt)
                _softmin_into(acc, _gather(bk[i + a], lo[i + a], w, nxt) + cost)
        # insertions inside the row, scanned right to left: cell k reaches k + 1 by inserting target ci[k]
        step = np.empty(w)
        step[0] = 0.0
        ins_at = ci[:-1][::-1]  # target sentence inserted when moving from cell k to k + 1
        step[1:] = np.where(ins_at < m, costs.insert[np.clip(ins_at, 0, max(m - 1, 0))], INF) if m else INF
        cum = np.cumsum(step)
        rev = acc[::-1]
        with np.errstate(invalid="ignore"):
            bk[i] = (cum - np.logaddexp.accumulate(-(rev - cum)))[::-1]
    return bk


def posteriors(costs: Costs, band: Band, n: int, beads: list[tuple[int, int, int, int]],
               f: np.ndarray, bk: np.ndarray) -> list[float]:
    """Posterior probability of each bead of a path (forward–backward marginals)."""
    lo = band.lo
    z = float(f[n, band.m - lo[n]])
    out = []
    for i0, i1, j0, j1 in beads:
        a, b = i1 - i0, j1 - j0
        if a == 0:
            cost = float(costs.insert[j0])
        elif b == 0:
            cost = float(costs.delete[i0])
        else:
            cost = float(costs.pair[(a, b)][i1, j1 - lo[i1]])
        lp = float(f[i0, j0 - lo[i0]]) + cost + float(bk[i1, j1 - lo[i1]]) - z
        out.append(float(np.exp(-lp)) if np.isfinite(lp) else 0.0)
    return [min(1.0, max(0.0, p)) for p in out]


def near_edge(beads: list[tuple[int, int, int, int]], band: Band, margin: int) -> bool:
    """True when the path runs within ``margin`` cells of a band edge that is not the lattice edge."""
    lo, w, m = band.lo, band.width, band.m
    if w >= m + 1:
        return False
    for i0, _i1, j0, _j1 in beads:
        k = j0 - lo[i0]
        if (k < margin and lo[i0] > 0) or (k >= w - margin and lo[i0] + w < m + 1):
            return True
    return False


def path_center(beads: list[tuple[int, int, int, int]], n: int) -> np.ndarray:
    """Target position of the path at every row (mean where the path runs along a row)."""
    pos = np.zeros(n + 1)
    seen = np.zeros(n + 1, dtype=bool)
    for i0, i1, j0, j1 in beads:
        if not seen[i0]:
            pos[i0] = j0
            seen[i0] = True
        for r in range(i0 + 1, i1 + 1):
            pos[r] = j0 + (j1 - j0) * (r - i0) / (i1 - i0)
            seen[r] = True
    return pos
