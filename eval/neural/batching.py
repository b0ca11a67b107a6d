"""Length-sorted batching with a progress bar, shared by every model wrapper.

Sorting by length keeps padding (wasted compute) small; results come back in input order.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")


def batched_by_length(texts: Sequence[str], batch_size: int, fn: Callable[[list[str]], list[T]], desc: str,
                      progress: bool = True) -> list[T]:
    """Apply ``fn`` to batches of similar-length texts; return its outputs in the input order."""
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    out: list[T | None] = [None] * len(texts)
    bar = None
    if progress and len(texts) > batch_size:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(texts), desc=desc, unit="seg", file=sys.stderr, disable=None)
    for start in range(0, len(order), batch_size):
        idx = order[start : start + batch_size]
        results = fn([texts[i] for i in idx])
        for i, r in zip(idx, results):
            out[i] = r
        if bar is not None:
            bar.update(len(idx))
    if bar is not None:
        bar.close()
    return out  # type: ignore[return-value]
