"""Omission and addition findings from an alignment.

Why from the alignment: an English sentence aligned to nothing (1-0) was not translated; an Arabic
sentence aligned to nothing (0-1) says something the source does not (often an injected headline or
site furniture). Both are ITS ``omission`` / ``addition`` issues of severity ``major``; the bead's
confidence goes into ``details`` so a report can sort doubtful ones last.
"""

from __future__ import annotations

from collections.abc import Sequence

from eval.model import Bead, Finding, Sentence

#: excerpts longer than this are cut (with an ellipsis) to keep tables readable
EXCERPT_CHARS = 300


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1] + "…"


def _text(sents: Sequence[Sentence], ids: Sequence[int]) -> str:
    return " ".join(sents[i].text for i in ids if 0 <= i < len(sents))


def alignment_findings(doc_id: str, system: str, beads: Sequence[Bead], source: Sequence[Sentence],
                       target: Sequence[Sentence]) -> list[Finding]:
    """One ``omission`` finding per 1-0 bead and one ``addition`` per 0-1 bead (blank text skipped)."""
    out: list[Finding] = []
    for b in beads:
        if b.source_ids and not b.target_ids:
            text = _text(source, b.source_ids)
            if not text.strip():
                continue
            out.append(Finding(
                doc_id=doc_id, system=system, check="omission", severity="major", its_type="omission",
                source_ids=tuple(b.source_ids), target_ids=(), source_excerpt=_excerpt(text),
                message="source sentence has no counterpart in the translation",
                details={"align_score": round(float(b.score), 4), "kind": b.kind},
            ))
        elif b.target_ids and not b.source_ids:
            text = _text(target, b.target_ids)
            if not text.strip():
                continue
            out.append(Finding(
                doc_id=doc_id, system=system, check="addition", severity="major", its_type="addition",
                source_ids=(), target_ids=tuple(b.target_ids), target_excerpt=_excerpt(text),
                message="translation sentence has no counterpart in the source",
                details={"align_score": round(float(b.score), 4), "kind": b.kind},
            ))
    return out
