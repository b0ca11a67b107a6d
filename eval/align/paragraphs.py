"""Paragraph-anchored sentence alignment with evidence for omissions and additions.

Why paragraphs first: real MT keeps the source's paragraphs far more reliably than its sentences
(the three WMT25 en→ar_EG systems keep every paragraph of all 87 documents, while they merge, split
and glue sentences freely). A sentence placed in the wrong paragraph is never right, so when the
paragraphs correspond, sentences are aligned inside each paragraph only, where larger beads (up to
1-6 / 6-1, and 2-3 / 3-2) let a long source sentence that the MT split stay one bead.

Paragraphs correspond when both sides have the same number of them, or when a paragraph-level
alignment (the same aligner over paragraph texts) is confident everywhere (every bead's posterior
≥ :data:`PARAGRAPH_CONFIDENCE`); an injected headline paragraph then comes out as a 0-1 paragraph.
Otherwise the whole document is aligned as one sequence, as before.

Omission and addition need evidence (inside corresponding paragraphs). A 1-0 bead is an omission
only when the paragraph's Arabic is too short for its English by at least half of the sentence's
expected length (Gale–Church ratio) and none of its anchors (numbers, names, Latin tokens, …) occur
in the paragraph's Arabic; a 0-1 bead is an addition only when the paragraph's Arabic is too long by
half of the sentence and its anchors are not in the paragraph's English. A bead the dynamic programme
could not place without such evidence, or whose posterior is below :data:`UNCERTAIN`, is merged with
its neighbour (up to the whole paragraph) and marked ``merged``: checks then compare the larger span
rather than two sentences the aligner is unsure belong together, and scoring units grow with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from eval.align.anchors import document_keys
from eval.align.bilingual import DEFAULTS, align
from eval.align.lengths import EN_AR_RATIO, EN_AR_VARIANCE, char_length, length_cost
from eval.model import Bead, Sentence

#: bead-shape priors (nats) inside a paragraph: 1-k and k-1 up to 6 at 1 nat per extra sentence beyond
#: two, 2-3 and 3-2 dearer; the paragraph boundary already rules out the far-off placements that made
#: large beads risky over a whole document
PARAGRAPH_PRIORS: dict[str, float] = {
    "1-1": 0.0, "1-2": 3.5, "2-1": 3.5, "2-2": 7.0, "1-3": 4.5, "3-1": 4.5, "1-4": 5.5, "4-1": 5.5,
    "1-5": 6.5, "5-1": 6.5, "1-6": 7.5, "6-1": 7.5, "2-3": 8.0, "3-2": 8.0,
}
#: leaving a sentence unaligned costs more inside a paragraph than over a whole document (where the
#: defaults were tuned on perturbed NTREX): real MT rarely drops or adds a sentence inside a paragraph
#: it kept, and a paragraph's sentences are all there is to pair with
PARAGRAPH_COSTS: dict[str, float] = {"delete": 8.0, "insert": 5.0}
#: anchor types that tie a sentence to its translation on their own (numbers, months, weekdays, per
#: cent, currencies, Latin tokens, transliterated names; eval.align.anchors)
STRONG_ANCHORS = frozenset({"n", "m", "d", "pct", "cur", "l", "N"})
#: a bead is cut short (or run on) when its Arabic is below this share of the length its English
#: predicts (or above its inverse) by at least PART_CHARS characters, and its Gale–Church cost is at
#: least twice LENGTH_MARGIN
PART_SHARE = 0.5
PART_CHARS = 60
#: every paragraph bead must be at least this probable for a paragraph alignment to be trusted
PARAGRAPH_CONFIDENCE = 0.9
#: sentence beads less probable than this are merged with a neighbour (posteriors are calibrated
#: on perturbed NTREX, Brier 0.025: below one half the aligner is more likely wrong than right)
UNCERTAIN = 0.5
#: an omitted (added) sentence needs a paragraph short (long) by this share of its expected length ...
EVIDENCE_SHARE = 0.5
#: ... and a paragraph whose Gale–Church length cost (NTREX variance) drops by this many nats without it,
#: i.e. lengths about e⁴ ≈ 55 times likelier; MT (and dialect) lengths vary more than NTREX's human
#: translations, so the margin is wide
LENGTH_MARGIN = 4.0


@dataclass(frozen=True)
class PlacedBead:
    """A bead with how it was placed: ``merged`` when uncertain beads were joined into it;
    ``evidence``: ``omission`` / ``addition`` for a 1-0 / 0-1 bead whose content is shown missing /
    extra, ``truncated`` / ``extended`` for a bead whose Arabic is far too short / long for its English,
    ``unplaced`` for one that could be neither shown nor joined to a neighbour, ``paragraph``
    for a bead that is its whole paragraph, ``blank`` for blank lines, else empty."""

    bead: Bead
    paragraph: bool = True
    merged: bool = False
    evidence: str = ""


def _groups(sents: Sequence[Sentence]) -> list[list[int]]:
    """Sentence ids of each paragraph, in order (blank sentences join their paragraph)."""
    out: list[list[int]] = []
    last: int | None = None
    for i, s in enumerate(sents):
        if not out or s.paragraph != last:
            out.append([])
            last = s.paragraph
        out[-1].append(i)
    return out


def _paragraph_pairs(src: Sequence[Sentence], tgt: Sequence[Sentence], params: dict[str, Any]
                     ) -> list[tuple[list[int], list[int]]] | None:
    """(source ids, target ids) per corresponding paragraph group, or None."""
    gs, gt = _groups(src), _groups(tgt)
    if not gs or not gt:
        return None
    if len(gs) == len(gt):
        return list(zip(gs, gt))
    text_s = [" ".join(src[i].text for i in g) for g in gs]
    text_t = [" ".join(tgt[j].text for j in g) for g in gt]
    beads = align(text_s, text_t, **params)
    if min(b.score for b in beads) < PARAGRAPH_CONFIDENCE:
        return None
    return [([i for p in b.source_ids for i in gs[p]], [j for p in b.target_ids for j in gt[p]]) for b in beads]


def _length(sents: Sequence[Sentence], ids: Sequence[int]) -> float:
    return float(sum(char_length(sents[i].text) for i in ids))


def _fit(ls: float, lt: float, ratio: float) -> float:
    return float(length_cost(np.array([ls]), np.array([lt]), ratio, EN_AR_VARIANCE)[0])


def _evidence(beads: list[Bead], src: Sequence[Sentence], tgt: Sequence[Sentence], s_ids: list[int],
              t_ids: list[int], keys: _Keys, ratio: float) -> list[str]:
    """For each bead: "omission" / "addition" when its emptiness is shown, else ""."""
    ls, lt = _length(src, s_ids), _length(tgt, t_ids)
    gap = lt - ratio * ls  # < 0: Arabic short of its English
    whole = _fit(ls, lt, ratio)
    all_t, all_s = keys.all_tgt, keys.all_src
    out = []
    for b in beads:
        if b.source_ids and not b.target_ids:
            own = _length(src, b.source_ids)
            own_keys = set().union(*(keys.src[i] for i in b.source_ids))
            # the paragraph is too short for its English; a sentence whose numbers, names or Latin tokens
            # the paragraph's Arabic lacks is missing on that evidence, one without such anchors also
            # needs the paragraph to fit (Gale–Church) far better without it
            margin = 0.0 if _strong(own_keys) else LENGTH_MARGIN
            shown = (-gap >= EVIDENCE_SHARE * ratio * own and whole - _fit(ls - own, lt, ratio) >= margin
                     and not (own_keys & all_t))
            out.append("omission" if shown else "")
        elif b.target_ids and not b.source_ids:
            own = _length(tgt, b.target_ids)
            own_keys = set().union(*(keys.tgt[j] for j in b.target_ids))
            shown = (gap >= EVIDENCE_SHARE * own and whole - _fit(ls, lt - own, ratio) >= LENGTH_MARGIN
                     and not (own_keys & all_s))
            out.append("addition" if shown else "")
        else:
            out.append("")
    return out


@dataclass(frozen=True)
class _Keys:
    """Anchor keys of one paragraph pair, by sentence id, computed once for every evidence test."""

    src: dict[int, set[str]]
    tgt: dict[int, set[str]]
    all_src: set[str]
    all_tgt: set[str]


def _paragraph_keys(src: Sequence[Sentence], tgt: Sequence[Sentence], s_ids: list[int], t_ids: list[int]) -> _Keys:
    sk, tk = document_keys([src[i].text for i in s_ids], [tgt[j].text for j in t_ids])
    by_s = {i: set(k) for i, k in zip(s_ids, sk)}
    by_t = {j: set(k) for j, k in zip(t_ids, tk)}
    return _Keys(by_s, by_t, set().union(*by_s.values()), set().union(*by_t.values()))


def _strong(keys) -> set[str]:
    return {k for k in keys if k.split(":", 1)[0] in STRONG_ANCHORS}


def _split_edges(beads: list[Bead], src: Sequence[Sentence], tgt: Sequence[Sentence], keys: _Keys,
                 ratio: float) -> list[Bead]:
    """Take an English sentence off the edge of a merged bead (2-1, 3-1, …) when its numbers, names or
    Latin tokens appear nowhere in the paragraph's Arabic and the bead's lengths fit at least as well
    without it: the DP joined a dropped sentence to its neighbour ("Wheat accounted for about 78% of the
    total." left out, its paragraph's other sentence translated). It becomes a 1-0 bead that
    :func:`_evidence` then judges."""
    all_t = _strong(keys.all_tgt)
    out: list[Bead] = []
    for b in beads:
        if len(b.source_ids) < 2 or not b.target_ids:
            out.append(b)
            continue
        ls, lt = _length(src, b.source_ids), _length(tgt, b.target_ids)
        head: list[Bead] = []
        tail: list[Bead] = []
        ids = list(b.source_ids)
        for edge in (0, -1):
            if len(ids) < 2:
                break
            i = ids[edge]
            strong = _strong(keys.src[i])
            own = _length(src, (i,))
            if strong and not (strong & all_t) and _fit(ls - own, lt, ratio) <= _fit(ls, lt, ratio):
                (head if edge == 0 else tail).append(Bead((i,), (), b.score))
                ids.remove(i)
                ls -= own
        out += head + [Bead(tuple(ids), b.target_ids, b.score)] + tail
    return out


def _surplus(b: Bead, src: Sequence[Sentence], tgt: Sequence[Sentence], ratio: float) -> float:
    return _length(tgt, b.target_ids) - ratio * _length(src, b.source_ids)


def _merge(a: Bead, b: Bead) -> Bead:
    s = tuple(sorted(set(a.source_ids) | set(b.source_ids)))
    t = tuple(sorted(set(a.target_ids) | set(b.target_ids)))
    return Bead(s, t, min(a.score, b.score))


def _settle(beads: list[Bead], flags: list[str], src: Sequence[Sentence], tgt: Sequence[Sentence],
            ratio: float) -> list[PlacedBead]:
    """Merge every unplaced bead (empty side without evidence, or low posterior) into a neighbour."""
    items = [PlacedBead(b, True, False, e) for b, e in zip(beads, flags, strict=True)]

    def unplaced(p: PlacedBead) -> bool:
        if p.evidence:
            return False
        if not (p.bead.source_ids and p.bead.target_ids):
            return True
        return p.bead.score < UNCERTAIN and not p.merged

    while True:
        k = next((k for k, p in enumerate(items) if unplaced(p)), None)
        if k is None:
            break
        cand = [j for j in (k - 1, k + 1) if 0 <= j < len(items) and not items[j].evidence]
        if not cand:
            # nothing to join it to: an empty side stays, flagged as a placement the aligner is unsure
            # of; a bead that is all that is left of its paragraph is anchored by the paragraph itself
            empty = not (items[k].bead.source_ids and items[k].bead.target_ids)
            items[k] = PlacedBead(items[k].bead, True, empty, "unplaced" if empty else "paragraph")
            continue
        b = items[k].bead
        # an English sentence left out goes to the neighbour whose Arabic is too long for its English,
        # an Arabic one to the neighbour whose Arabic is too short
        sign = 1.0 if b.source_ids and not b.target_ids else -1.0
        j = max(cand, key=lambda j: sign * _surplus(items[j].bead, src, tgt, ratio))
        lo, hi = min(j, k), max(j, k)
        items[lo:hi + 1] = [PlacedBead(_merge(items[lo].bead, items[hi].bead), True, True, "")]
    return items


def _single(s_ids: list[int], t_ids: list[int]) -> list[PlacedBead]:
    """A paragraph with one English sentence is one bead: the paragraph anchors it."""
    return [PlacedBead(Bead(tuple(s_ids), tuple(t_ids), 1.0), True, False, "paragraph")]


def align_paragraphs(src: Sequence[Sentence], tgt: Sequence[Sentence], params: dict[str, Any] | None = None
                     ) -> list[PlacedBead] | None:
    """Beads of ``tgt`` against ``src`` aligned paragraph by paragraph, or None when the paragraphs
    do not correspond (the caller then aligns the whole document as one sequence)."""
    params = dict(params or {})
    pairs = _paragraph_pairs(src, tgt, params)
    if pairs is None:
        return None
    inner = {**PARAGRAPH_COSTS, **params, "priors": {**PARAGRAPH_PRIORS, **(params.get("priors") or {})}}
    ratio = float(params.get("ratio") or DEFAULTS["ratio"] or EN_AR_RATIO)
    out: list[PlacedBead] = []
    for s_ids, t_ids in pairs:
        if not t_ids or not s_ids:
            kind = "omission" if s_ids else "addition"
            out += [PlacedBead(Bead((i,), (), 1.0), True, False, kind) for i in s_ids]
            out += [PlacedBead(Bead((), (j,), 1.0), True, False, kind) for j in t_ids]
            continue
        if len(s_ids) == 1:
            # one English sentence: everything of the paragraph's Arabic translates it (or is extra,
            # which the bead's proportion shows)
            out += _single(s_ids, t_ids)
            continue
        local = align([src[i].text for i in s_ids], [tgt[j].text for j in t_ids], **inner)
        beads = [Bead(tuple(s_ids[i] for i in b.source_ids), tuple(t_ids[j] for j in b.target_ids), b.score)
                 for b in local]
        flags = [""] * len(beads)
        if any(len(b.source_ids) != 1 or len(b.target_ids) != 1 for b in beads):
            keys = _paragraph_keys(src, tgt, s_ids, t_ids)  # only beads other than 1-1 need evidence
            beads = _split_edges(beads, src, tgt, keys, ratio)
            flags = _evidence(beads, src, tgt, s_ids, t_ids, keys, ratio)
        blank = [not "".join(src[i].text for i in b.source_ids).strip()
                 and not "".join(tgt[j].text for j in b.target_ids).strip() for b in beads]
        flags = ["blank" if z else f for z, f in zip(blank, flags, strict=True)]
        out += _settle(beads, flags, src, tgt, ratio)
    return [_proportion(p, src, tgt, ratio) for p in out]


def _proportion(p: PlacedBead, src: Sequence[Sentence], tgt: Sequence[Sentence], ratio: float) -> PlacedBead:
    """A bead whose Arabic is less than half (more than twice) as long as its English predicts, by at
    least :data:`PART_CHARS` and far outside the length model, lost (gained) part of its content:
    ``truncated`` / ``extended`` (an output that stops mid-sentence, a hallucinated continuation)."""
    b = p.bead
    # a bead the aligner is unsure of may hold its neighbour's translation: its length says nothing
    if not (b.source_ids and b.target_ids) or p.evidence == "blank" or b.score < UNCERTAIN:
        return p
    ls, lt = _length(src, b.source_ids), _length(tgt, b.target_ids)
    expected = ratio * ls
    if _fit(ls, lt, ratio) < 2 * LENGTH_MARGIN:
        return p
    if lt < PART_SHARE * expected and expected - lt >= PART_CHARS:
        return PlacedBead(b, p.paragraph, p.merged, "truncated")
    if lt * PART_SHARE > expected and lt - expected >= PART_CHARS:
        return PlacedBead(b, p.paragraph, p.merged, "extended")
    return p


def align_document(src: Sequence[Sentence], tgt: Sequence[Sentence], params: dict[str, Any] | None = None
                   ) -> list[Bead] | list[PlacedBead]:
    """What `mteval run` aligns with under sentence segmentation: paragraph by paragraph when the
    paragraphs correspond, else the whole document as one sequence (:func:`eval.align.align`)."""
    placed = align_paragraphs(src, tgt, params)
    if placed is not None:
        return placed
    return align([s.text for s in src], [t.text for t in tgt], **(params or {}))


def plain(beads: Sequence[Bead | PlacedBead]) -> list[Bead]:
    """The beads alone (what checks, names and scoring units read)."""
    return [b.bead if isinstance(b, PlacedBead) else b for b in beads]
