"""Per-document work: a pure function of (document, settings) → partial results.

Everything that can be decided inside one article happens here (segmentation, alignment, units,
segment statistics, checks, names), so the same function runs serially, in a process pool or on
Dask, and the merged results do not depend on how documents were partitioned.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

import numpy as np

from eval.align.paragraphs import PlacedBead, align_document, plain
from eval.model import SOURCE, Bead, Document, Finding, Sentence, reference_side, system_side
from eval.text.normalize import SCORING_ARABIC, normalize_arabic, normalize_english
from eval.units import Unit, build_units, scoring_groups

T = TypeVar("T")

METRIC_COLUMNS = {"bleu": "bleu", "chrf": "chrf", "chrf++": "chrf_pp", "ter": "ter"}


@dataclass(frozen=True)
class Settings:
    """What the per-document function needs from the corpus and the config (picklable)."""

    systems: tuple[str, ...]
    references: tuple[str, ...]
    segmentation: str  # "sentences" | "lines"
    metrics: tuple[str, ...]
    tokenize: str
    normalize: str
    align: dict[str, Any]
    checks: dict[str, Any]
    names: dict[str, Any]
    glossary: tuple = ()
    check_references: bool = True
    #: what a paragraph (scoring unit) is: "blocks" (blank-line separated) or "lines"
    paragraphs: str = "lines"


@dataclass
class DocResult:
    doc_id: str
    sentences: list[dict] = field(default_factory=list)
    segments: list[dict] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    names: list[dict] = field(default_factory=list)
    #: stats[metric][system] = (n_units × k) sufficient statistics against the references
    stats: dict[str, dict[str, np.ndarray]] = field(default_factory=dict)
    documents: list[dict] = field(default_factory=list)
    #: per side: list of target sentence texts (for corpus-level variety detection)
    texts: dict[str, list[str]] = field(default_factory=dict)
    #: the document has no English source: evaluated on its Arabic alone
    source_free: bool = False


def _line_sentences(doc_id: str, side: str, text: str) -> list[Sentence]:
    """One sentence per input line, empty lines included: line-aligned input keeps its segments."""
    out, pos = [], 0
    for i, line in enumerate(text.split("\n")):
        out.append(Sentence(doc_id, side, i, i, line, pos, pos + len(line)))
        pos += len(line) + 1
    return out


def segment(doc: Document, settings: Settings) -> dict[str, list[Sentence]]:
    """Sentences of every present side of the document."""
    from eval.text.split import segment_document

    sides: dict[str, list[Sentence]] = {}
    for side, text in doc.sides().items():
        if settings.segmentation == "lines":
            sides[side] = _line_sentences(doc.doc_id, side, text)
        else:
            sides[side] = segment_document(doc.doc_id, side, text, "en" if side == SOURCE else "ar")
    if SOURCE not in sides:
        sides[SOURCE] = []
    return sides


def align_side(source: list[Sentence], target: list[Sentence], settings: Settings) -> list[Bead | PlacedBead]:
    """Beads of one target side against the source: identity for equal-length line input, paragraph by
    paragraph when the paragraphs correspond (:mod:`eval.align.paragraphs`), else the whole document."""
    if settings.segmentation == "lines" and len(source) == len(target):
        return [Bead((i,), (i,), 1.0) for i in range(len(source))]
    if settings.segmentation != "lines":
        return align_document(source, target, settings.align)
    from eval.align import align

    return align([s.text for s in source], [t.text for t in target], **settings.align)


def _join(sents: list[Sentence], ids: tuple[int, ...]) -> str:
    return " ".join(sents[i].text for i in ids if sents[i].text)


def _normalised(side: str, text: str) -> str:
    return normalize_english(text) if side == SOURCE else normalize_arabic(text, SCORING_ARABIC)


def _chrf_from_chrf_pp(settings: Settings, ref_streams: list[list[str]]) -> bool:
    """Whether chrF statistics can be read off chrF++'s instead of extracted again.

    sacrebleu's chrF++ statistics are chrF's six character-order triplets followed by two word-order
    triplets, each order counted independently. With one reference there is no best-reference choice
    (which weighs all orders, so could differ), so the first 18 columns *are* chrF's statistics, and
    character n-gram extraction, the slow part, runs once instead of twice.
    """
    return len(ref_streams) == 1 and "chrf" in settings.metrics and "chrf++" in settings.metrics


def text_blocks(text: str, mode: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph as the user wrote it: runs of non-blank lines separated by blank
    lines (``mode="blocks"``: WMT's documents, Markdown) or each non-blank line (``"lines"``)."""
    out: list[tuple[int, int]] = []
    pos, open_block = 0, False
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip():
            if open_block and mode == "blocks":
                out[-1] = (out[-1][0], end)
            else:
                out.append((pos, end))
            open_block = True
        else:
            open_block = False
        pos = end + 1
    return out


def blocks(text: str, sents: list[Sentence], mode: str) -> list[int]:
    """The paragraph (:func:`text_blocks`) of each sentence."""
    spans = text_blocks(text, mode)
    out, k = [], 0
    for s in sents:
        while k + 1 < len(spans) and spans[k + 1][0] <= s.start:
            k += 1
        out.append(k)
    return out


def _block_texts(texts: dict[str, str], sides: list[str], src_blocks: list[int], units: list[Unit],
                 groups: list[list[int]], mode: str) -> dict[str, list[str]]:
    """Each side's own paragraph texts, for the sides whose paragraphs correspond one to one with the
    source's when the scoring units are exactly the source's paragraphs: then every unit is scored on
    the user's text as written, and corpus statistics equal sacrebleu's over the paragraphs."""
    n = len(set(src_blocks))
    if len(groups) != n:
        return {}
    for g, members in enumerate(groups):
        paras = {src_blocks[i] for k in members for i in units[k].source_ids}
        if paras != {g}:
            return {}
    out = {}
    for side in sides:
        spans = text_blocks(texts.get(side, ""), mode)
        if len(spans) == n:
            out[side] = [texts[side][a:b] for a, b in spans]
    return out


def _group_ids(units: list[Unit], group: list[int], side: str) -> tuple[int, ...]:
    return tuple(sorted(i for k in group for i in units[k].target_ids.get(side, ())))


def _span_text(text: str, sents: list[Sentence], ids: tuple[int, ...]) -> str:
    """The user's own text of these sentences: each run of consecutive sentences of one paragraph is
    cut from the side's text as written (so glued sentences stay glued, as sacrebleu sees them), runs
    joined by a space."""
    runs: list[list[int]] = []
    for i in ids:
        if runs and i == runs[-1][-1] + 1 and sents[i].paragraph == sents[runs[-1][-1]].paragraph:
            runs[-1].append(i)
        else:
            runs.append([i])
    return " ".join(text[sents[r[0]].start : sents[r[-1]].end] for r in runs)


def _scorers(settings: Settings, ref_streams: list[list[str]], chrf_from_pp: bool) -> dict:
    from eval.metrics import make_metric

    if not ref_streams:
        return {}
    return {m: make_metric(m, settings.tokenize, ref_streams, normalize=settings.normalize)
            for m in settings.metrics if not (chrf_from_pp and m == "chrf")}


def _stats(settings: Settings, scorers: dict, hyps: list[str], chrf_from_pp: bool) -> dict[str, np.ndarray]:
    from eval.metrics import n_stats, segment_stats

    stats = {m: segment_stats(obj, hyps, None, normalize=settings.normalize) for m, obj in scorers.items()}
    if chrf_from_pp:
        stats["chrf"] = stats["chrf++"][:, : n_stats("chrf")].copy()
    return stats


def analyse_batch(docs: list[Document], settings: Settings) -> list[DocResult]:
    """:func:`analyse_document` over a batch, results in the batch's order (the unit a worker runs)."""
    return [analyse_document(doc, settings) for doc in docs]


#: most documents in one batch: 16 news articles are about a second of work, so workers finish within
#: about a second of each other, while a task's own cost (milliseconds) stays noise; it also bounds
#: what a task carries and what the driver holds per result
MAX_BATCH = 16


def batch_size(n_docs: int, workers: int, per_worker: int = 8) -> int:
    """Documents per batch so that each worker gets at least ``per_worker`` batches (when there are
    that many documents), of at most :data:`MAX_BATCH` documents: few enough tasks that scheduling
    costs little next to the work, enough that the workers finish close together."""
    return max(1, min(MAX_BATCH, n_docs // (max(workers, 1) * per_worker)))


def in_order(tasks: Iterable[T], window: int, take: Callable[[T], list[DocResult]]) -> Iterator[DocResult]:
    """Results of submitted batch tasks in submission order, with at most ``window`` tasks in flight.

    ``tasks`` must submit lazily (a generator), so documents are read and sent only as the window
    frees; ``take`` waits for one task and returns its results. Shared by the process pool and Dask.
    """
    pending: deque[T] = deque()
    for task in tasks:
        pending.append(task)
        if len(pending) >= window:
            yield from take(pending.popleft())
    while pending:
        yield from take(pending.popleft())


def batches(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """Consecutive documents in lists of ``size`` (the last one shorter), reading lazy input in order."""
    if size < 1:
        raise ValueError("batch size must be at least 1")
    batch: list[Document] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def analyse_document(doc: Document, settings: Settings) -> DocResult:
    """All per-document results; see the module docstring for why this must stay pure."""
    from eval.align import alignment_findings
    from eval.checks import run_checks
    from eval.metrics import segment_scores
    from eval.names import analyse_names
    from eval.names.monolingual import monolingual_names

    res = DocResult(doc.doc_id)
    sents = segment(doc, settings)
    src = sents[SOURCE]
    for side, items in sents.items():
        name = side.split(":", 1)[1] if ":" in side else ""
        for s in items:
            res.sentences.append(
                {
                    "doc_id": doc.doc_id,
                    "side": side,
                    "system": name if side.startswith("system:") else "",
                    "paragraph": s.paragraph,
                    "index": s.index,
                    "text": s.text,
                    "normalized": _normalised(side, s.text),
                    "start": s.start,
                    "end": s.end,
                }
            )
    target_sides = [reference_side(r) for r in settings.references if r in doc.references]
    target_sides += [system_side(s) for s in settings.systems if s in doc.systems]
    source_free = res.source_free = doc.source is None
    if source_free:  # nothing to align with: every Arabic sentence is its own unit, none an "addition"
        placed = {side: [Bead((), (t.index,), 1.0) for t in sents[side]] for side in target_sides}
    else:
        placed = {side: align_side(src, sents[side], settings) for side in target_sides}
    beads = {side: plain(p) for side, p in placed.items()}
    units: list[Unit] = build_units(len(src), beads)

    ref_sides = [s for s in target_sides if s.startswith("reference:")]
    first_ref = ref_sides[0] if ref_sides else None
    texts = doc.sides()
    src_blocks = blocks(texts.get(SOURCE, ""), src, settings.paragraphs)
    groups = scoring_groups(units, src_blocks)
    same = [[k] for k in range(len(units))] == groups
    direct = {} if same else _block_texts(texts, target_sides, src_blocks, units, groups, settings.paragraphs)

    def group_texts(side: str) -> list[str]:
        if side in direct:
            return direct[side]
        return [_span_text(texts[side], sents[side], _group_ids(units, g, side)) for g in groups]

    unit_group = {k: g for g, members in enumerate(groups) for k in members}
    ref_streams = [[_join(sents[r], u.target_ids[r]) for u in units] for r in ref_sides]
    group_refs = ref_streams if same else [group_texts(r) for r in ref_sides]
    name_rows_by_system: dict[str, tuple[float | None, float | None]] = {}
    # one sacrebleu object per metric with the references cached once for every system
    chrf_from_pp = _chrf_from_chrf_pp(settings, ref_streams)
    scorers = _scorers(settings, ref_streams, chrf_from_pp)
    group_scorers = scorers if same else _scorers(settings, group_refs, chrf_from_pp)

    for side in target_sides:
        label = side.split(":", 1)[1]
        finding_name = label if side.startswith("system:") else side
        is_system = side.startswith("system:")
        tgt = sents[side]
        res.texts[side] = [t.text for t in tgt]
        if is_system or settings.check_references:
            if not source_free:
                res.findings += alignment_findings(doc.doc_id, finding_name, placed[side], src, tgt)
            res.findings += run_checks(doc.doc_id, finding_name, src, tgt, beads[side], settings.checks, source_free)
            if source_free:
                nres = monolingual_names(doc.doc_id, finding_name, tgt, settings.names)
            else:
                nres = analyse_names(doc.doc_id, finding_name, src, tgt, beads[side], list(settings.glossary), settings.names)
            res.findings += nres.findings
            res.names += nres.rows
            name_rows_by_system[finding_name] = (nres.accuracy, nres.consistency)
        if not is_system:
            continue
        hyps = [_join(tgt, u.target_ids[side]) for u in units]
        seg_scores: dict[str, np.ndarray] = {}
        if ref_streams:
            stats = _stats(settings, scorers, hyps, chrf_from_pp)
            if same:
                group_stats = stats
            else:
                group_hyps = group_texts(side)
                group_stats = _stats(settings, group_scorers, group_hyps, chrf_from_pp)
            for metric in settings.metrics:
                res.stats.setdefault(metric, {})[label] = group_stats[metric]
                seg_scores[metric] = segment_scores(metric, stats[metric])
        for k, u in enumerate(units):
            row = {
                "doc_id": doc.doc_id,
                "system": label,
                "segment": k,
                "source_ids": list(u.source_ids),
                "source_text": _join(src, u.source_ids),
                "target_ids": list(u.target_ids[side]),
                "target_text": hyps[k],
                "reference": first_ref.split(":", 1)[1] if first_ref else "",
                "reference_ids": list(u.target_ids[first_ref]) if first_ref else [],
                "reference_text": ref_streams[0][k] if ref_streams else "",
                "kind": f"{len(u.source_ids)}-{len(u.target_ids[side])}",
                "align_score": float(u.scores.get(side, 1.0)),
                "scoring_unit": unit_group[k],
            }
            for metric, col in METRIC_COLUMNS.items():
                if metric in settings.metrics:
                    row[col] = float(seg_scores[metric][k]) if metric in seg_scores else float("nan")
            res.segments.append(row)
    res.documents = _document_rows(doc, settings, sents, beads, res, name_rows_by_system)
    return res


def _document_rows(doc, settings, sents, beads, res: DocResult, names: dict) -> list[dict]:
    from eval.metrics import scores_from_stats

    rows = []
    src = sents[SOURCE]
    for label in settings.systems:
        if label not in doc.systems:
            continue
        side = system_side(label)
        covered = {i for b in beads[side] if b.target_ids for i in b.source_ids}
        row: dict[str, Any] = {
            "doc_id": doc.doc_id,
            "system": label,
            "n_source": len(src),
            "n_target": len(sents[side]),
            "n_segments": sum(1 for r in res.segments if r["system"] == label),
            "n_scoring_units": int(len(next(iter(res.stats.values()), {}).get(label, ()))),
            "coverage": (len(covered) / len(src)) if src else float("nan"),
        }
        for metric, col in METRIC_COLUMNS.items():
            if metric not in settings.metrics:
                continue
            st = res.stats.get(metric, {}).get(label)
            row[col] = float(scores_from_stats(metric, st.sum(axis=0, keepdims=True))[0]) if st is not None and len(st) else float("nan")
        acc, cons = names.get(label, (None, None))
        row["name_accuracy"] = float("nan") if acc is None else float(acc)
        row["name_consistency"] = float("nan") if cons is None else float(cons)
        sev_counts = {s: 0 for s in ("critical", "major", "minor", "info")}
        for f in res.findings:
            if f.system == label:
                sev_counts[f.severity] = sev_counts.get(f.severity, 0) + 1
        for s, n in sev_counts.items():
            row[f"findings_{s}"] = n
        row["findings_total"] = sum(sev_counts.values())
        rows.append(row)
    return rows
