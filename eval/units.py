"""Scoring units: the finest source-anchored segmentation every system and reference agree on.

Alignment gives each target side its own beads, and beads differ between systems (one merges
sentences 3 and 4, another splits 3). Paired significance needs the *same* segments for every
system, and sacrebleu needs a hypothesis and references per segment. So units are built from the
source: source sentences that any side's bead joins are joined into one unit; every target
sentence goes to the unit of its bead's source sentences; target sentences aligned to no source
(additions) form units of their own, placed after the unit they follow. Every sentence of every
side lands in exactly one unit, so corpus statistics summed over units see all of the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from eval.model import Bead


@dataclass
class Unit:
    """One scoring unit: source sentence ids and, per target side, target ids and bead info."""

    source_ids: tuple[int, ...]
    target_ids: dict[str, tuple[int, ...]] = field(default_factory=dict)
    #: lowest confidence among the beads of each side that fall in this unit
    scores: dict[str, float] = field(default_factory=dict)
    #: the side whose addition this unit holds, or "" for a source-anchored unit
    added_by: str = ""


def build_units(n_source: int, beads: dict[str, list[Bead]]) -> list[Unit]:
    """Units for one document, given each target side's beads against the source."""
    # 1. join source ids that any bead of any side puts together (beads are contiguous ranges)
    joined_with_next = [False] * max(n_source - 1, 0)
    for side_beads in beads.values():
        for bead in side_beads:
            ids = sorted(bead.source_ids)
            for a, b in zip(ids, ids[1:]):
                for k in range(a, b):
                    joined_with_next[k] = True
    group_of = [0] * n_source
    groups: list[list[int]] = [[0]] if n_source else []
    for i in range(1, n_source):
        if not joined_with_next[i - 1]:
            groups.append([])
        groups[-1].append(i)
        group_of[i] = len(groups) - 1

    anchored = [Unit(tuple(g)) for g in groups]
    # additions keyed by the group index they follow (-1: before the first)
    additions: dict[int, list[Unit]] = {}
    for side, side_beads in beads.items():
        for unit in anchored:
            unit.target_ids[side] = ()
        after = -1
        pending: Unit | None = None
        for bead in side_beads:
            if bead.source_ids:
                g = group_of[bead.source_ids[0]]
                unit = anchored[g]
                unit.target_ids[side] = tuple(sorted(unit.target_ids[side] + tuple(bead.target_ids)))
                unit.scores[side] = min(unit.scores.get(side, 1.0), float(bead.score))
                after = g
                pending = None
            elif bead.target_ids:
                if pending is None:
                    pending = Unit((), {side: ()}, {}, added_by=side)
                    additions.setdefault(after, []).append(pending)
                pending.target_ids[side] = pending.target_ids[side] + tuple(bead.target_ids)
                pending.scores[side] = min(pending.scores.get(side, 1.0), float(bead.score))
    sides = list(beads)
    out: list[Unit] = []
    for g in range(-1, len(anchored)):
        if g >= 0:
            out.append(anchored[g])
        for unit in additions.get(g, []):
            for side in sides:
                unit.target_ids.setdefault(side, ())
            out.append(unit)
    return out


def scoring_groups(units: list[Unit], paragraph_of: list[int]) -> list[list[int]]:
    """Indices of ``units`` grouped into *scoring units*: one per source paragraph.

    Why paragraphs: corpus chrF/BLEU are sums of per-segment n-gram matches, and matches are only
    counted inside a segment, so the same translation scores 5–7 chrF lower when cut into sentences
    than as paragraphs (WMT25 en→ar_EG paragraphs whose system and reference split into the same
    number of sentences: 31.8 vs 37.3 for Algharb). Users compare with sacrebleu on their own
    paragraphs, so the statistics that make corpus, document and significance figures are taken
    per paragraph; sentence units stay for reading. Units whose source spans several paragraphs
    join them; additions (no source) join the paragraph before them (the first one when they lead),
    so text the aligner sets apart is still scored against the reference beside it — an injected
    headline counts against precision, and a document with no source is one scoring unit.
    """
    groups: list[list[int]] = []
    last_para: int | None = None  # highest source paragraph in the current group
    lead: list[int] = []  # additions before any anchored unit
    for k, u in enumerate(units):
        if not u.source_ids:
            (groups[-1] if groups else lead).append(k)
            continue
        paras = [paragraph_of[i] for i in u.source_ids]
        if groups and last_para is not None and min(paras) <= last_para:
            groups[-1].append(k)
            last_para = max(last_para, *paras)
            continue
        groups.append(lead + [k])
        lead = []
        last_para = max(paras)
    if lead:
        groups.append(lead)
    return groups
