"""Shared plumbing of both aligners: empty sentences, the band loop, and Bead construction."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from eval.align.dp import (
    Band,
    Costs,
    backward,
    band_around,
    forward,
    near_edge,
    path_center,
    posteriors,
    viterbi,
)
from eval.model import Bead

#: edge margin (cells) that makes the band widen
EDGE_MARGIN = 3


def length_diagonal(src_len: np.ndarray, tgt_len: np.ndarray) -> np.ndarray:
    """Target position expected at each source row when both texts advance at the same character rate."""
    n, m = len(src_len), len(tgt_len)
    fs = np.concatenate([[0.0], np.cumsum(src_len + 1.0)])
    ft = np.concatenate([[0.0], np.cumsum(tgt_len + 1.0)])
    fs /= fs[-1]
    ft /= ft[-1]
    center = np.interp(fs, ft, np.arange(m + 1, dtype=float))
    center[0], center[n] = 0, m
    return center


def run_dp(n: int, m: int, make_costs: Callable[[Band], Costs], center: np.ndarray, width: int,
           temperature: float = 1.0, confidence: bool = True) -> tuple[list[tuple[int, int, int, int]], list[float]]:
    """Viterbi inside a band that widens (doubling, re-centred on the path) until the path is clear of
    its edges; then forward–backward posteriors on the final band as confidences."""
    width = max(int(width), 2 * EDGE_MARGIN + 2)
    while True:
        band = band_around(center, width, m)
        costs = make_costs(band)
        beads, _ = viterbi(costs, band, n)
        if band.width >= m + 1 or not near_edge(beads, band, EDGE_MARGIN):
            break
        width *= 2
        center = path_center(beads, n)
    if not confidence:
        return beads, [1.0] * len(beads)
    if temperature != 1.0:
        costs = Costs({k: v / temperature for k, v in costs.pair.items()}, costs.delete / temperature,
                      costs.insert / temperature)
    f = forward(costs, band, n)
    bk = backward(costs, band, n)
    return beads, posteriors(costs, band, n, beads, f, bk)


def trivial(n: int, m: int) -> list[Bead] | None:
    """Beads when one side is empty (all omissions or all additions), else None."""
    if n and m:
        return None
    return [Bead((i,), (), 1.0) for i in range(n)] + [Bead((), (j,), 1.0) for j in range(m)]


def with_empties(source: Sequence[str], target: Sequence[str],
                 align_nonempty: Callable[[list[int], list[int]], list[Bead]]) -> list[Bead]:
    """Align only non-blank sentences, then put blank ones back so every id is in exactly one bead.

    A blank inside a bead's range joins that bead (ids stay consecutive); blanks between beads
    become their own beads, paired 1-1 when both sides have one at the same place (line-aligned
    input with matching blank lines), with confidence 1.
    """
    s_keep = [i for i, s in enumerate(source) if s.strip()]
    t_keep = [j for j, t in enumerate(target) if t.strip()]
    core = align_nonempty(s_keep, t_keep)
    s_used: set[int] = set()
    t_used: set[int] = set()
    filled: list[Bead] = []
    for b in core:
        src = tuple(range(b.source_ids[0], b.source_ids[-1] + 1)) if b.source_ids else ()
        tgt = tuple(range(b.target_ids[0], b.target_ids[-1] + 1)) if b.target_ids else ()
        s_used.update(src)
        t_used.update(tgt)
        filled.append(Bead(src, tgt, b.score))
    s_blank = [i for i in range(len(source)) if i not in s_used]
    t_blank = [j for j in range(len(target)) if j not in t_used]
    out: list[Bead] = []
    si = ti = 0

    def flush(s_lim: int | None, t_lim: int | None) -> None:
        nonlocal si, ti
        ss, ts = [], []
        while si < len(s_blank) and (s_lim is None or s_blank[si] < s_lim):
            ss.append(s_blank[si])
            si += 1
        while ti < len(t_blank) and (t_lim is None or t_blank[ti] < t_lim):
            ts.append(t_blank[ti])
            ti += 1
        for k in range(max(len(ss), len(ts))):
            out.append(Bead((ss[k],) if k < len(ss) else (), (ts[k],) if k < len(ts) else (), 1.0))

    for b in filled:
        s_lim = b.source_ids[0] if b.source_ids else -1
        t_lim = b.target_ids[0] if b.target_ids else -1
        flush(s_lim if b.source_ids else -1, t_lim if b.target_ids else -1)
        out.append(b)
    flush(None, None)
    return out


def to_beads(path: list[tuple[int, int, int, int]], scores: list[float], s_ids: Sequence[int],
             t_ids: Sequence[int]) -> list[Bead]:
    """DP path (positions among kept sentences) → Beads with original sentence ids."""
    return [Bead(tuple(s_ids[i] for i in range(i0, i1)), tuple(t_ids[j] for j in range(j0, j1)), round(float(p), 6))
            for (i0, i1, j0, j1), p in zip(path, scores)]
