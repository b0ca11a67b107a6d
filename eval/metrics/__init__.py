"""Lexical metrics (BLEU, chrF, chrF++, TER via sacrebleu) and significance tests.

Everything works on per-segment sufficient statistics (:func:`segment_stats`), so corpus, document
and resampled scores are sums plus :func:`scores_from_stats`, with sacrebleu's exact numbers.
"""

from eval.metrics.display import UNIT_SCALE, score_digits
from eval.metrics.lexical import (
    COLUMNS,
    DISPLAY,
    LOWER_IS_BETTER,
    METRICS,
    canonical,
    corpus_score,
    corpus_stats,
    make_metric,
    n_stats,
    scores_from_stats,
    segment_scores,
    segment_stats,
    signature,
    system_stats,
)
from eval.metrics.significance import (
    bootstrap_ci,
    paired_ar,
    paired_ar_many,
    paired_bootstrap,
    paired_bootstrap_many,
)

__all__ = [
    "COLUMNS",
    "DISPLAY",
    "LOWER_IS_BETTER",
    "METRICS",
    "UNIT_SCALE",
    "bootstrap_ci",
    "canonical",
    "corpus_score",
    "corpus_stats",
    "make_metric",
    "n_stats",
    "paired_ar",
    "paired_ar_many",
    "paired_bootstrap",
    "paired_bootstrap_many",
    "score_digits",
    "scores_from_stats",
    "segment_scores",
    "segment_stats",
    "signature",
    "system_stats",
]
