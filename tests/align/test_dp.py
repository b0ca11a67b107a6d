"""The banded DP against brute force: Viterbi optimum, forward–backward partition and posteriors."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from eval.align.dp import Costs, backward, band_around, banded_products, forward, posteriors, viterbi

TYPES = [(1, 1), (1, 2), (2, 1), (2, 2)]


def _all_paths(costs: Costs, n: int, m: int):
    """Every monotone bead path from (0, 0) to (n, m) with its total cost (tiny lattices only)."""
    out = []

    def rec(i, j, acc, beads):
        if i == n and j == m:
            out.append((acc, tuple(beads)))
            return
        if j < m:
            rec(i, j + 1, acc + costs.insert[j], [*beads, (i, i, j, j + 1)])
        if i < n:
            rec(i + 1, j, acc + costs.delete[i], [*beads, (i, i + 1, j, j)])
        for a, b in TYPES:
            if i + a <= n and j + b <= m:
                rec(i + a, j + b, acc + costs.pair[(a, b)][i + a, j + b], [*beads, (i, i + a, j, j + b)])

    rec(0, 0, 0.0, [])
    return out


@pytest.mark.parametrize("n, m", list(itertools.product([1, 2, 3, 4], [1, 2, 4])))
def test_full_band_matches_brute_force(n, m):
    rng = np.random.default_rng(n * 10 + m)
    costs = Costs({t: rng.uniform(0, 3, (n + 1, m + 1)) for t in TYPES}, rng.uniform(0, 3, n), rng.uniform(0, 3, m))
    band = band_around(np.linspace(0, m, n + 1), m + 1, m)
    paths = _all_paths(costs, n, m)
    best_cost, best_path = min(paths)
    path, total = viterbi(costs, band, n)
    assert total == pytest.approx(best_cost)
    assert tuple(path) == best_path
    z = -np.log(sum(np.exp(-c) for c, _ in paths))
    f, bk = forward(costs, band, n), backward(costs, band, n)
    assert f[n, m] == pytest.approx(z)
    assert bk[0, 0] == pytest.approx(z)
    post = posteriors(costs, band, n, path, f, bk)
    for bead, p in zip(path, post):
        expected = sum(np.exp(-c) for c, beads in paths if bead in beads) / np.exp(-z)
        assert p == pytest.approx(expected)


def test_band_windows_are_monotone_and_hold_both_corners():
    center = np.array([0, 0, 5, 3, 20, 30], dtype=float)
    band = band_around(center, 6, 30)
    assert band.lo[0] == 0 and band.lo[-1] + band.width - 1 == 30
    assert np.all(np.diff(band.lo) >= 0)
    assert band_around(center, 100, 30).width == 31


def test_banded_products_equal_dense_products():
    rng = np.random.default_rng(0)
    s, t = rng.normal(size=(21, 5)), rng.normal(size=(34, 5))
    band = band_around(np.linspace(0, 33, 21), 9, 33)
    got = banded_products(s, t, band, s_shift=-1, t_shift=1, chunk=4)
    for r in range(21):
        for k in range(9):
            c = band.lo[r] + k
            want = s[r - 1] @ t[c + 1] if 0 <= r - 1 < 21 and 0 <= c + 1 < 34 else 0.0
            assert got[r, k] == pytest.approx(want)
