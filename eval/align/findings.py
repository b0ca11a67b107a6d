"""Omission, addition and uncertain-placement findings from an alignment.

Why from the alignment: an English sentence aligned to nothing (1-0) was not translated; an Arabic
sentence aligned to nothing (0-1) says something the source does not (often an injected headline or
site furniture). Both are ITS ``omission`` / ``addition`` issues of severity ``major`` — but only with
evidence (:mod:`eval.align.paragraphs`): inside corresponding paragraphs a bead the dynamic programme
merely could not place is merged with its neighbour and reported as ``alignment.uncertain`` (info),
never as a missing or added passage. Beads from a whole-document alignment (paragraphs that do not
correspond, plain :class:`Bead` lists) keep the older rule: every 1-0 / 0-1 bead is a finding. The
bead's confidence goes into ``details`` so a report can sort doubtful ones last.
"""

from __future__ import annotations

from collections.abc import Sequence

from eval.align.paragraphs import PlacedBead
from eval.model import Bead, Finding, Sentence

#: excerpts longer than this are cut (with an ellipsis) to keep tables readable
EXCERPT_CHARS = 300


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1] + "…"


def _text(sents: Sequence[Sentence], ids: Sequence[int]) -> str:
    return " ".join(sents[i].text for i in ids if 0 <= i < len(sents))


def _placed(b: Bead | PlacedBead) -> PlacedBead:
    if isinstance(b, PlacedBead):
        return b
    empty = "omission" if b.source_ids and not b.target_ids else "addition" if b.target_ids and not b.source_ids else ""
    return PlacedBead(b, paragraph=False, evidence=empty)


def alignment_findings(doc_id: str, system: str, beads: Sequence[Bead | PlacedBead], source: Sequence[Sentence],
                       target: Sequence[Sentence]) -> list[Finding]:
    """``omission`` per evidenced 1-0 bead, ``addition`` per evidenced 0-1 bead, ``alignment.uncertain``
    (info) per bead merged or left unplaced for want of evidence (blank text skipped)."""
    out: list[Finding] = []
    for p in map(_placed, beads):
        b = p.bead
        details = {"align_score": round(float(b.score), 4), "kind": b.kind,
                   "anchoring": "paragraph" if p.paragraph else "document"}
        src_text, tgt_text = _text(source, b.source_ids), _text(target, b.target_ids)
        if p.evidence == "omission" and src_text.strip():
            out.append(Finding(
                doc_id=doc_id, system=system, check="omission", severity="major", its_type="omission",
                source_ids=tuple(b.source_ids), target_ids=(), source_excerpt=_excerpt(src_text),
                message="source sentence has no counterpart in the translation", details=details,
            ))
        elif p.evidence == "addition" and tgt_text.strip():
            out.append(Finding(
                doc_id=doc_id, system=system, check="addition", severity="major", its_type="addition",
                source_ids=(), target_ids=tuple(b.target_ids), target_excerpt=_excerpt(tgt_text),
                message="translation sentence has no counterpart in the source", details=details,
            ))
        elif p.evidence in ("truncated", "extended"):
            short = p.evidence == "truncated"
            out.append(Finding(
                doc_id=doc_id, system=system, check="omission" if short else "addition", severity="major",
                its_type="omission" if short else "addition", source_ids=tuple(b.source_ids),
                target_ids=tuple(b.target_ids), source_excerpt=_excerpt(src_text), target_excerpt=_excerpt(tgt_text),
                message=("the translation is far shorter than its source: part of it is missing" if short
                         else "the translation is far longer than its source: it says more than the source"),
                details={**details, "partial": True},
            ))
        elif p.merged and (src_text.strip() or tgt_text.strip()):
            out.append(Finding(
                doc_id=doc_id, system=system, check="alignment.uncertain", severity="info", its_type="other",
                source_ids=tuple(b.source_ids), target_ids=tuple(b.target_ids),
                source_excerpt=_excerpt(src_text), target_excerpt=_excerpt(tgt_text),
                message="these sentences could not be paired one by one; they are compared as one passage",
                details=details,
            ))
    return out
