"""How big a run is, in one vocabulary: the CLI, summary.json and the report all say the same words.

The words are *documents*, *systems*, *references*, *sentences* per side (what the splitter made of each
text), *aligned segments* per system (the rows of segments.parquet: beads of source, system and reference
sentences) and *scoring units* per system (what corpus statistics, confidence intervals and significance
sum over: the user's paragraphs, or the lines of line-aligned input). Counting rows of every system
together ("411 segments" for 137 per system × 3) is what users misread, so no total does it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from eval.model import reference_side, side_name, system_side


@dataclass
class RunCounts:
    """Running counts the pipeline adds to as documents finish (so nothing per row is kept)."""

    sentences: Counter = field(default_factory=Counter)  # side label → sentences
    segments: Counter = field(default_factory=Counter)  # system → aligned segments
    scoring_units: Counter = field(default_factory=Counter)  # system → scoring units

    def add(self, sentences: list[dict], segments: list[dict], documents: list[dict]) -> None:
        self.sentences.update(r["side"] for r in sentences)
        self.segments.update(r["system"] for r in segments)
        for r in documents:
            self.scoring_units[r["system"]] += int(r.get("n_scoring_units") or 0)

    def totals(self, documents: int, systems: list[str], references: list[str], findings: int,
               unit: str) -> dict[str, Any]:
        """The ``totals`` block of summary.json."""
        sides = ["source", *map(reference_side, references), *map(system_side, systems)]
        return {
            "documents": documents,
            "systems": len(systems),
            "references": len(references),
            "sentences": {side: int(self.sentences.get(side, 0)) for side in sides},
            "segments": {s: int(self.segments.get(s, 0)) for s in systems},
            "scoring_units": {s: int(self.scoring_units.get(s, 0)) for s in systems},
            "scoring_unit": unit,
            "findings": findings,
        }


def scoring_unit_word(segmentation: str) -> str:
    """What one scoring unit is, for people: sentence-split runs score per paragraph, line runs per line."""
    return "lines" if segmentation == "lines" else "paragraphs"


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" if n != 1 else f"1 {word.rstrip('s')}"


def _per_system(values: dict[str, int]) -> str:
    """One number when every system has it, else ``name n`` per system."""
    distinct = set(values.values())
    if len(distinct) == 1:
        return f"{next(iter(distinct)):,}"
    return ", ".join(f"{s} {n:,}" for s, n in values.items())


def _side_word(side: str) -> str:
    if not side.startswith("reference:"):
        return side_name(side)
    name = side_name(side)
    return "reference" if name == "reference" else f"reference {name}"


def phrases(totals: dict[str, Any]) -> list[str]:
    """The totals as short phrases, in the order the CLI and the report print them.

    Older summaries (an int per total) still read: what cannot be said in this vocabulary is left out.
    """
    out = [_plural(int(totals.get("documents", 0)), "documents")]
    for key in ("systems", "references"):
        if isinstance(totals.get(key), int):
            out.append(_plural(totals[key], key))
    sentences = totals.get("sentences")
    if isinstance(sentences, dict) and sentences:
        out.append("sentences: " + ", ".join(f"{_side_word(side)} {n:,}" for side, n in sentences.items()))
    segments = totals.get("segments")
    if isinstance(segments, dict) and segments:
        out.append(f"aligned segments per system: {_per_system(segments)}")
    units = totals.get("scoring_units")
    if isinstance(units, dict) and units:
        out.append(f"scoring units ({totals.get('scoring_unit', 'paragraphs')}) per system: {_per_system(units)}")
    if "findings" in totals:
        out.append(_plural(int(totals["findings"]), "findings"))
    return out
