"""Arabic ↔ Arabic alignment (system output ↔ reference) with a character n-gram similarity.

Why character n-grams: two translations of the same sentence share many words and stems but differ in
clitics, spelling and word order; chrF-style character n-gram overlap rewards exactly that and needs no
model. Each sentence becomes a hashed 0/1 vector of its character 4- and 5-grams (spaces removed, text
normalised with the ``MATCHING`` preset; shorter n-grams are shared by unrelated Arabic sentences);
a bead's similarity is the Dice overlap ``2·|A ∩ B| / (|A| + |B|)`` of the n-gram sets of its two
sides (the F1 of n-gram precision and recall, as in chrF with β = 1), computed for the whole band with
matrix products.

Cost of a bead of ``x`` + ``y`` sentences:

    prior + length_weight · length_cost + sim_weight · (x + y)/2 · (1 − dice) + support_weight · shortfall

The similarity term counts per sentence, so one 2-2 bead is not cheaper than two good 1-1 beads; the
shortfall (merge beads only) charges each member sentence whose n-grams are less than ``support_min``
covered by the other side, so a line of furniture glued to a real sentence is not absorbed. An
unaligned sentence costs ``delete + sim_weight/2 · (1 − unaligned_dice)``, less for lines with no
vocabulary in common with their document (:func:`eval.align.anchors.cohesion`). The DP (banded,
widening, forward–backward confidences) is shared with the bilingual aligner. Defaults were tuned on
WMT24++ (ar_SA perturbed ↔ ar_EG, seeds 1–3).
"""

from __future__ import annotations

import zlib
from typing import Any

import numpy as np

from eval.align.anchors import cohesion
from eval.align.core import length_diagonal, run_dp, to_beads, trivial, with_empties
from eval.align.dp import INF, Band, Costs, banded_products
from eval.align.lengths import char_length, length_cost
from eval.model import Bead

MONO_DEFAULTS: dict[str, Any] = {
    "priors": {(1, 1): 0.0, (1, 2): 1.5, (2, 1): 1.5, (2, 2): 3.0, (1, 3): 3.0, (3, 1): 3.0},
    "delete": 3.0,
    "unaligned_dice": 0.1,
    "sim_weight": 8.0,
    "support_min": 0.45,
    "cohesion_weight": 5.0,
    "cohesion_ref": 0.3,
    "support_weight": 20.0,
    "length_weight": 0.5,
    "variance": 4.0,
    "dims": 2048,
    "orders": (4, 5),
    "band": 96,
    "temperature": 1.0,
    "confidence": True,
}


def _normalise(text: str) -> str:
    from eval.text.normalize import normalize_arabic

    return "".join(normalize_arabic(text).split())


def ngram_vectors(texts: list[str], dims: int, orders: tuple[int, ...]) -> np.ndarray:
    """Hashed character n-gram counts, shape ``(len(texts), dims)`` (uint16, saturating); the
    aligner turns them into 0/1 presence."""
    out = np.zeros((len(texts), dims), dtype=np.uint16)
    cache: dict[str, int] = {}
    for r, t in enumerate(texts):
        s = _normalise(t)
        idx = []
        for n in orders:
            for k in range(len(s) - n + 1):
                g = s[k: k + n]
                h = cache.get(g)
                if h is None:
                    h = zlib.crc32(g.encode("utf-8")) % dims
                    cache[g] = h
                idx.append(h)
        if idx:
            counts = np.bincount(np.asarray(idx), minlength=dims)
            out[r] = np.minimum(counts, 65535)
    return out


def _spans(vecs: np.ndarray, max_a: int) -> list[np.ndarray]:
    """0/1 n-gram presence vectors of spans of 1…max_a sentences, indexed by span end (row 0 = empty)."""
    n, d = vecs.shape
    out = [np.zeros((n + 1, d), dtype=np.float32)]
    for a in range(1, max_a + 1):
        v = np.zeros((n + 1, d), dtype=np.float32)
        if n >= a:
            v[a:] = sum(vecs[k: n - a + 1 + k].astype(np.float32) for k in range(a))
            np.minimum(v, 1.0, out=v)  # n-gram *sets*: dot products are then set intersections
        out.append(v)
    return out


class _MonoCosts:
    def __init__(self, a: list[str], b: list[str], p: dict[str, Any]):
        self.n, self.m, self.p = len(a), len(b), p
        self.la = np.array([char_length(s) for s in a], dtype=float)
        self.lb = np.array([char_length(s) for s in b], dtype=float)
        self.ca = np.concatenate([[0.0], np.cumsum(self.la)])
        self.cb = np.concatenate([[0.0], np.cumsum(self.lb)])
        self.ratio = max(self.cb[-1], 1.0) / max(self.ca[-1], 1.0)
        self.types = sorted(p["priors"])
        va = ngram_vectors(a, p["dims"], tuple(p["orders"]))
        vb = ngram_vectors(b, p["dims"], tuple(p["orders"]))
        self.sa = _spans(va, max(x for x, _ in self.types))
        self.sb = _spans(vb, max(y for _, y in self.types))
        self.tot_a = [v.sum(axis=1) for v in self.sa]
        self.tot_b = [v.sum(axis=1) for v in self.sb]
        # an unaligned sentence costs what half a bead with Dice ``unaligned_dice`` would, plus ``delete``
        alone = p["delete"] + p["sim_weight"] * 0.5 * (1.0 - p["unaligned_dice"])
        self.delete = np.full(self.n, alone)
        self.insert = np.full(self.m, alone)
        if p["cohesion_weight"]:
            # lines that share no vocabulary with their own document (furniture, injected headlines)
            # are cheaper to leave unaligned, on either side (see eval.align.anchors.cohesion)
            cw, ref = p["cohesion_weight"], p["cohesion_ref"]
            self.delete = np.maximum(self.delete + cw * (cohesion(a, arabic=True) - ref), 0.2)
            self.insert = np.maximum(self.insert + cw * (cohesion(b, arabic=True) - ref), 0.2)

    def _similarity(self, x: int, y: int, band: Band) -> tuple[np.ndarray, np.ndarray]:
        """Dice of each band cell's bead, and for merge beads the support shortfall of its members.

        Shortfall: Σ over the bead's sentences of ``max(0, support_min − coverage)``, where coverage is
        the share of the sentence's n-grams found on the other side of the bead. A line of furniture
        glued to a real sentence barely changes the bead's Dice, but it covers almost nothing.
        Overlaps are dot products of 0/1 presence vectors, i.e. sizes of n-gram set intersections
        (matrix products, so BLAS does the work).
        """
        sa, sb = self.sa[x], self.sb[y]
        ta, tb = self.tot_a[x], self.tot_b[y]
        cols = np.clip(band.cols, 0, self.m)
        rows = np.arange(cols.shape[0])[:, None]
        span_a = ta[rows]
        span_b = tb[cols]
        inter = np.minimum(banded_products(sa, sb, band), np.minimum(span_a, span_b))
        den = span_a + span_b
        dice = np.divide(2.0 * inter, den, out=np.zeros(den.shape), where=den > 0)
        short = np.zeros(cols.shape)
        if x == 1 and y == 1:
            return dice, short
        theta = self.p["support_min"]
        va, vb = self.sa[1], self.sb[1]
        one_a, one_b = self.tot_a[1], self.tot_b[1]
        for k in range(x):  # source member k of the bead ending at row r: sentence row r − x + 1 + k
            shift = -x + 1 + k
            own = one_a[np.clip(rows + shift, 0, self.n)]
            cov = np.minimum(banded_products(va, sb, band, s_shift=shift), own)
            short += np.maximum(0.0, theta - np.divide(cov, own, out=np.zeros(cov.shape), where=own > 0))
        for k in range(y):
            shift = -y + 1 + k
            own = one_b[np.clip(cols + shift, 0, self.m)]
            cov = np.minimum(banded_products(sa, vb, band, t_shift=shift), own)
            short += np.maximum(0.0, theta - np.divide(cov, own, out=np.zeros(cov.shape), where=own > 0))
        return dice, short

    def __call__(self, band: Band) -> Costs:
        n, m, p = self.n, self.m, self.p
        cols = band.cols
        rows = np.arange(n + 1)[:, None]
        pair = {}
        for x, y in self.types:
            ok = (rows >= x) & (cols >= y) & (cols <= m)
            la = self.ca[rows] - self.ca[np.clip(rows - x, 0, n)]
            lb = self.cb[np.clip(cols, 0, m)] - self.cb[np.clip(cols - y, 0, m)]
            dice, short = self._similarity(x, y, band)
            # the similarity term counts per sentence, so one 2-2 bead is not cheaper than two 1-1 beads
            cost = (p["priors"][(x, y)]
                    + p["length_weight"] * length_cost(np.broadcast_to(la, lb.shape), lb, self.ratio, p["variance"])
                    + p["sim_weight"] * (x + y) / 2 * (1.0 - dice)
                    + p["support_weight"] * short)
            pair[(x, y)] = np.where(ok, cost, INF)
        return Costs(pair, self.delete, self.insert)


def align_monolingual(a: list[str], b: list[str], **params: Any) -> list[Bead]:
    """Align Arabic sentences ``a`` (e.g. a system) with Arabic sentences ``b`` (e.g. a reference).

    Same contract as :func:`eval.align.align`: ordered beads covering every id once, ``score`` the
    bead's posterior probability. ``params`` override :data:`MONO_DEFAULTS`.
    """
    unknown = set(params) - set(MONO_DEFAULTS)
    if unknown:
        raise ValueError(f"unknown alignment parameter(s): {', '.join(sorted(unknown))}")
    p = {**MONO_DEFAULTS, **params}
    a = ["" if s is None else str(s) for s in a]
    b = ["" if s is None else str(s) for s in b]

    def run(s_ids: list[int], t_ids: list[int]) -> list[Bead]:
        triv = trivial(len(s_ids), len(t_ids))
        if triv is not None:
            return [Bead(tuple(s_ids[i] for i in x.source_ids), tuple(t_ids[j] for j in x.target_ids), 1.0)
                    for x in triv]
        builder = _MonoCosts([a[i] for i in s_ids], [b[j] for j in t_ids], p)
        center = length_diagonal(builder.la * builder.ratio, builder.lb)
        path, scores = run_dp(len(s_ids), len(t_ids), builder, center, p["band"], p["temperature"], p["confidence"])
        return to_beads(path, scores, s_ids, t_ids)

    return with_empties(a, b, run)
