"""Strict and lax precision / recall / F1 of sentence alignments, as vecalign's ``score.py`` defines them.

Definition (Thompson & Koehn 2019, after Sennrich & Volk 2011), re-implemented here:

* beads empty on both sides are dropped, duplicates count once (beads are compared as sets);
* precision: a test bead is a strict hit if it equals a gold bead; otherwise a lax hit if some source
  sentence of it belongs to gold beads whose target sentences overlap its own target sentences;
  insertion/deletion beads therefore only ever hit strictly;
* recall: the same computation with gold and test swapped, after removing beads empty on either
  side from both;
* counts are summed over all documents before P, R and F1 are computed (micro-average); a zero
  denominator gives 0.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

Alignment = Sequence[tuple[Sequence[int], Sequence[int]]]


def _counts(gold: Alignment, test: Alignment) -> tuple[int, int, int, int]:
    """(strict hits, strict misses, lax hits, lax misses) of ``test`` against ``gold``."""
    test_set = {(tuple(x), tuple(y)) for x, y in test if len(x) or len(y)}
    gold_set = {(tuple(x), tuple(y)) for x, y in gold if len(x) or len(y)}
    src_to_gold_tgt: dict[int, set[int]] = defaultdict(set)
    for gs, gt in gold_set:
        for s in gs:
            src_to_gold_tgt[s].update(gt)
    tp_s = fp_s = tp_l = fp_l = 0
    for ts, tt in test_set:
        if (ts, tt) in gold_set:
            tp_s += 1
            tp_l += 1
            continue
        fp_s += 1
        linked = set()
        for s in ts:
            linked |= src_to_gold_tgt.get(s, set())
        if linked.intersection(tt):
            tp_l += 1
        else:
            fp_l += 1
    return tp_s, fp_s, tp_l, fp_l


def _ratio(a: int, b: int) -> float:
    return a / (a + b) if a + b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score_alignments(gold_list: Iterable[Alignment], test_list: Iterable[Alignment]) -> dict[str, float]:
    """Micro-averaged strict/lax P/R/F1 over documents (keys as vecalign's ``score_multiple``)."""
    pc = [0, 0, 0, 0]
    rc = [0, 0, 0, 0]
    for gold, test in zip(gold_list, test_list, strict=True):
        for k, v in enumerate(_counts(gold, test)):
            pc[k] += v
        gold_nd = [(x, y) for x, y in gold if len(x) and len(y)]
        test_nd = [(x, y) for x, y in test if len(x) and len(y)]
        for k, v in enumerate(_counts(test_nd, gold_nd)):
            rc[k] += v
    ps, pl = _ratio(pc[0], pc[1]), _ratio(pc[2], pc[3])
    rs, rl = _ratio(rc[0], rc[1]), _ratio(rc[2], rc[3])
    return {"precision_strict": ps, "recall_strict": rs, "f1_strict": _f1(ps, rs),
            "precision_lax": pl, "recall_lax": rl, "f1_lax": _f1(pl, rl)}


def parse_pharaoh(lines: Iterable[str]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """``[0, 1]:[2]`` lines (vecalign / Text+Berg gold format) → ``[((0, 1), (2,)), …]``."""
    out = []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        left, right = line.split(":", 1)
        out.append((tuple(ast.literal_eval(left)), tuple(ast.literal_eval(right))))
    return out


def read_pharaoh(path: str | Path) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return parse_pharaoh(Path(path).read_text(encoding="utf-8").splitlines())
