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


class _Padded:
    """Band rows stored with ``width`` cells of inf on each side, so reading a row shifted by any
    offset in ``[−width, width]`` is a slice (a view), not a gather."""

    def __init__(self, rows: int, width: int, fill: float = INF):
        self.w = width
        self.a = np.full((rows, 3 * width), fill)
        self.inf = np.full(width, INF)
        self.inf.flags.writeable = False

    @classmethod
    def of(cls, arr: np.ndarray) -> _Padded:
        p = cls(arr.shape[0], arr.shape[1])
        p.a[:, arr.shape[1]: 2 * arr.shape[1]] = arr
        return p

    def row(self, r: int) -> np.ndarray:
        return self.a[r, self.w: 2 * self.w]

    def shifted(self, r: int, shift: int) -> np.ndarray:
        """Row ``r`` read from cell ``shift`` on (cells outside the band are inf)."""
        if shift > self.w or shift < -self.w:
            return self.inf
        return self.a[r, self.w + shift: 2 * self.w + shift]


def _types(costs: Costs) -> list[tuple[int, int]]:
    return sorted(costs.pair)


def _ins_prefix(costs: Costs) -> np.ndarray:
    return np.concatenate([[0.0], np.cumsum(costs.insert)])


def viterbi(costs: Costs, band: Band, n: int) -> tuple[list[tuple[int, int, int, int]], float]:
    """Best path as beads ``(i0, i1, j0, j1)`` (half-open ranges) and its total cost."""
    m, w, lo = band.m, band.width, band.lo
    types = _types(costs)
    ins_code = len(types)
    del_code = len(types) + 1
    d = _Padded(n + 1, w)
    bp = np.full((n + 1, w), -1, dtype=np.int16)
    ic = _ins_prefix(costs)
    # row 0 (lo[0] == 0): only insertions
    d.row(0)[:] = ic[:w]
    bp[0, 1:] = ins_code
    for i in range(1, n + 1):
        li = int(lo[i])
        best = d.shifted(i - 1, li - int(lo[i - 1])) + costs.delete[i - 1]
        arg = np.full(w, del_code, dtype=np.int16)
        for t, (a, b) in enumerate(types):
            if i < a:
                continue
            cand = d.shifted(i - a, li - b - int(lo[i - a])) + costs.pair[(a, b)][i]
            better = cand < best
            best[better] = cand[better]
            arg[better] = t
        # insertions inside the row: prefix scan (cum[k] = cost of inserting targets li … li+k−1)
        cum = ic[li: li + w] - ic[li]
        y = best - cum
        run = np.minimum.accumulate(y)
        d.row(i)[:] = cum + run
        arg[y > run] = ins_code
        bp[i] = arg
    total = float(d.row(n)[m - lo[n]])
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


def _softmin(acc: np.ndarray, cand: np.ndarray) -> np.ndarray:
    """−log(exp(−acc) + exp(−cand)), inf-safe."""
    with np.errstate(invalid="ignore"):
        return -np.logaddexp(-acc, -cand)


def forward(costs: Costs, band: Band, n: int) -> np.ndarray:
    """Forward pass: ``F[i, k]`` = −log Σ over paths from (0, 0) to the cell of exp(−cost)."""
    m, w, lo = band.m, band.width, band.lo
    del m
    types = _types(costs)
    f = _Padded(n + 1, w)
    ic = _ins_prefix(costs)
    f.row(0)[:] = ic[:w]
    for i in range(1, n + 1):
        li = int(lo[i])
        acc = f.shifted(i - 1, li - int(lo[i - 1])) + costs.delete[i - 1]
        for a, b in types:
            if i < a:
                continue
            acc = _softmin(acc, f.shifted(i - a, li - b - int(lo[i - a])) + costs.pair[(a, b)][i])
        cum = ic[li: li + w] - ic[li]
        with np.errstate(invalid="ignore"):
            f.row(i)[:] = cum - np.logaddexp.accumulate(-(acc - cum))
    return f.a[:, w: 2 * w]


def backward(costs: Costs, band: Band, n: int) -> np.ndarray:
    """Backward pass: ``B[i, k]`` = −log Σ over paths from the cell to (n, m) of exp(−cost)."""
    m, w, lo = band.m, band.width, band.lo
    types = _types(costs)
    bk = _Padded(n + 1, w)
    pc = {t: _Padded.of(costs.pair[t]) for t in types}
    ic = _ins_prefix(costs)
    cols0 = np.arange(w)
    for i in range(n, -1, -1):
        li = int(lo[i])
        acc = np.where(li + cols0 == m, 0.0, INF) if i == n else np.full(w, INF)
        if i < n:
            acc = _softmin(acc, bk.shifted(i + 1, li - int(lo[i + 1])) + costs.delete[i])
            for a, b in types:
                if i + a > n:
                    continue
                sh = li + b - int(lo[i + a])
                acc = _softmin(acc, bk.shifted(i + a, sh) + pc[(a, b)].shifted(i + a, sh))
        # insertions inside the row, right to left: cell k reaches k + 1 by inserting target li + k
        top = li + w - 1
        cum = ic[top] - ic[top - np.arange(w)]
        rev = acc[::-1]
        with np.errstate(invalid="ignore"):
            bk.row(i)[:] = (cum - np.logaddexp.accumulate(-(rev - cum)))[::-1]
    return bk.a[:, w: 2 * w]


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


def banded_products(s: np.ndarray, t: np.ndarray, band: Band, s_shift: int = 0, t_shift: int = 0,
                    chunk: int = 64) -> np.ndarray:
    """``s[r + s_shift] · t[c + t_shift]`` for every band cell (row ``r``, target position ``c``).

    Rows outside ``s`` or ``t`` give 0. Computed as dense matrix products over chunks of rows
    against the union of their windows, so BLAS does the work and memory stays
    ``O(chunk · (width + drift))``.
    """
    n1, w = band.lo.shape[0], band.width
    out = np.zeros((n1, w), dtype=np.float64)
    for r0 in range(0, n1, chunk):
        r1 = min(n1, r0 + chunk)
        c_lo = int(band.lo[r0])
        c_hi = int(band.lo[r1 - 1]) + w
        si = np.arange(r0, r1) + s_shift
        s_ok = (si >= 0) & (si < s.shape[0])
        ti = np.arange(c_lo, c_hi) + t_shift
        t_ok = (ti >= 0) & (ti < t.shape[0])
        if not s_ok.any() or not t_ok.any():
            continue
        a = np.zeros((r1 - r0, s.shape[1]), dtype=s.dtype)
        a[s_ok] = s[si[s_ok]]
        b = np.zeros((c_hi - c_lo, t.shape[1]), dtype=t.dtype)
        b[t_ok] = t[ti[t_ok]]
        prod = a @ b.T  # (rows, union columns)
        offs = (band.lo[r0:r1] - c_lo)[:, None] + np.arange(w)[None, :]
        out[r0:r1] = np.take_along_axis(prod, offs, axis=1)
    return out
