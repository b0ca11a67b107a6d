"""How many decimals a metric's scores are shown with.

Lexical metrics live on 0–100, where one decimal is what papers and sacrebleu print; COMET and
cosine similarity live on about [-1, 1], where one decimal would hide every difference.
"""

from __future__ import annotations

#: metrics whose scores lie on a unit scale, not 0–100
UNIT_SCALE = frozenset({"comet", "xsim"})


def score_digits(metric: str) -> int:
    """Decimals for showing a score of ``metric`` (a summary key such as ``chrf`` or ``comet``)."""
    return 3 if metric.lower() in UNIT_SCALE else 1
