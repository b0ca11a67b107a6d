"""Sentence alignment: English source ↔ Arabic MT/reference, and Arabic ↔ Arabic.

* :func:`align` — bilingual en→ar (length model + anchors, optional embeddings), banded DP;
* :func:`align_monolingual` — system ↔ reference in Arabic with a character n-gram similarity;
* :func:`alignment_findings` — ``omission`` (1-0) and ``addition`` (0-1) findings from beads;
* :func:`score_alignments` — vecalign's strict/lax precision, recall and F1 (for benchmarks).
"""

from eval.align.bilingual import DEFAULTS, align, beads_to_pharaoh
from eval.align.findings import alignment_findings
from eval.align.monolingual import MONO_DEFAULTS, align_monolingual
from eval.align.score import score_alignments

__all__ = ["DEFAULTS", "MONO_DEFAULTS", "align", "align_monolingual", "alignment_findings", "beads_to_pharaoh",
           "score_alignments"]
