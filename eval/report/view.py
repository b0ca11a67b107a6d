"""Turn a results folder into what the templates show: numbers, verdict, document grids, findings.

Nothing is recomputed: corpus scores, intervals, p-values and signatures are read from
summary.json, segment and document scores from the tables. What happens here is arrangement
(ordering, grouping, counting findings) and the wording of the verdict, which names the evidence
it rests on so a reader can tell a measured difference from a guess.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from eval.counts import phrases
from eval.report import svg
from eval.report.load import Metric, Results, as_float, as_str, metric_for
from eval.report.marks import NameMark, Run, annotate, mark_bidi

SEVERITIES = ("critical", "major", "minor", "info")
SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}
#: colour slots for name entities within a document (CSS classes n0 … n9)
ENTITY_SLOTS = 10
#: longest excerpt carried into the findings table (the document view shows the full sentence)
EXCERPT_MAX = 280

_FORM_CHECKS = ("punctuation", "quotes", "whitespace", "characters", "empty")
CATEGORY_COLOURS = {"names": "#6a3d9a", "content": "#1f78b4", "form": "#b15928", "other": "#777777"}
#: names-stage verdicts (eval/names/findings.py): ok, unmatched (translated, not transliterated: neutral),
#: missing, inconsistent, truncated, orthographic, glossary (differs from the approved spelling), mistranslated
_GOOD_VERDICTS = {"ok", "correct", "accepted", "acceptable", "approved", "match", "consistent", "canonical", "preferred"}
_BAD_HINTS = ("mistrans", "wrong", "missing", "inconsistent", "variant", "orthographic", "mismatch", "error", "truncat",
              "bad", "glossary", "language_vs_country")


def check_category(check: str) -> str:
    """The catalogue section a check belongs to (CHECKS.md: names, content, form)."""
    if not check:
        return "other"
    if check.startswith("name"):
        return "names"
    if check.split(".", 1)[0] in _FORM_CHECKS:
        return "form"
    return "content"


def verdict_flag(verdict: str) -> str:
    """"ok", "bad" or "" for a names-table verdict (the vocabulary is the names stage's; unknown stays neutral)."""
    v = verdict.strip().lower()
    if not v:
        return ""
    if v in _GOOD_VERDICTS:
        return "ok"
    if any(h in v for h in _BAD_HINTS):
        return "bad"
    return ""


def _short(text: str, limit: int = EXCERPT_MAX) -> str:
    text = mark_bidi(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _pval(p: float | None) -> str:
    if p is None:
        return "p not reported"
    if p < 0.001:
        return "p < 0.001"
    return f"p = {p:.3f}"


def _num(v: float | None, digits: int = 1) -> str:
    return "—" if v is None else f"{v:.{digits}f}"


# --- document grid ------------------------------------------------------------------------------


@dataclass
class FindingRef:
    """A finding as shown next to its sentence."""

    index: int
    severity: str
    check: str
    message: str
    side: str


@dataclass
class Cell:
    """One system's (or the reference's) text for a grid row.

    ``state``: "ok"; "omitted" (source present, no target); "added" (target with no source);
    "none" (this side has nothing in an addition row of another side); "missing" (side has no
    output for this document).
    """

    runs: list[Run]
    state: str = "ok"
    score: str = ""
    align: str = ""
    kind: str = ""
    findings: list[FindingRef] = field(default_factory=list)

    @property
    def meta(self) -> str:
        """Segment score · alignment kind · alignment confidence, as far as known."""
        return " · ".join(p for p in (self.score, self.kind, self.align) if p)


@dataclass
class GridRow:
    anchor: str
    number: int
    source: Cell
    reference: Cell | None
    cells: list[Cell]
    added: bool = False
    low_confidence: bool = False
    worst: str = ""


@dataclass
class DocView:
    index: int
    doc_id: str
    label: str
    rows: list[GridRow]
    doc_findings: list[FindingRef]
    entities: list[dict[str, Any]]
    stats: list[dict[str, Any]]
    reference_name: str
    has_reference: bool
    n_findings: dict[str, int]
    primary: list[float | None]


def _cell_state(has_text: bool, has_source: bool) -> str:
    if has_text:
        return "ok" if has_source else "added"
    return "omitted" if has_source else "none"


def _records(df) -> list[dict[str, Any]]:
    return df.to_dict("records") if len(df) else []


def _doc_order(res: Results) -> list[str]:
    seen: dict[str, None] = {}
    for name in ("segments", "documents", "sentences", "findings", "names"):
        for d in getattr(res, name)["doc_id"]:
            if d and d not in seen:
                seen[d] = None
    return list(seen)


class _DocBuilder:
    """Builds one document's grid: rows keyed by (segment, source ids), one column per system."""

    def __init__(self, res: Results, primary: Metric | None, systems: list[str]):
        self.res = res
        self.primary = primary
        self.systems = systems
        self.sys_index = {s: i for i, s in enumerate(systems)}

    def entities(self, names: list[dict]) -> tuple[dict[str, list[NameMark]], list[NameMark], list[dict]]:
        """Name marks per side (system name or reference:<name>), English marks, and the legend.

        One colour slot per entity. Entities whose rendering differs (several forms, or a form the
        names stage judged wrong) get their slots first, so with more entities than colours the
        repeats fall on the uneventful ones.
        """
        legend: dict[str, dict[str, Any]] = {}
        for r in names:
            key = r["entity"] or r["english"] or r["arabic_form"]
            if not key:
                continue
            eng = r["english"] or r["entity"]
            # the names stage keys multi-word names by token ("Korolyov" in "Dmitry Korolyov"):
            # the token is what the source shows for this entity
            token = r["entity"] if r["entity"] and r["entity"] in eng else eng
            item = legend.setdefault(key, {"token": token, "english": eng, "forms": defaultdict(list), "rank": len(legend)})
            count = r.get("count")
            try:
                count = int(count) if count is not None and count == count else 0
            except (TypeError, ValueError):
                count = 0
            verdict = r["verdict"]
            item["forms"][r["system"]].append({"raw": r["arabic_form"], "count": count, "verdict": verdict, "flag": verdict_flag(verdict)})

        def eventful(item: dict[str, Any]) -> bool:
            forms = {f["raw"] for side, fs in item["forms"].items() if not side.startswith("reference:") for f in fs if f["raw"]}
            return len(forms) > 1 or any(f["flag"] == "bad" for fs in item["forms"].values() for f in fs)

        order = sorted(legend.values(), key=lambda it: (not eventful(it), it["rank"]))
        per_side: dict[str, list[NameMark]] = defaultdict(list)
        english: dict[str, NameMark] = {}
        entities = []
        for slot_index, item in enumerate(order):
            slot = slot_index % ENTITY_SLOTS
            token, eng = item["token"], item["english"]
            if token and token not in english:
                english[token] = NameMark(token, slot, title=mark_bidi(eng))
            by_side: dict[str, list[dict[str, Any]]] = {}
            for side, fs in item["forms"].items():
                for f in fs:
                    form, verdict = f["raw"], f["verdict"]
                    if form:
                        title = f"{mark_bidi(eng)}: {mark_bidi(form)}" + (f" ×{f['count']}" if f["count"] else "") + (f" — {mark_bidi(verdict)}" if verdict else "")
                        per_side[side].append(NameMark(form, slot, title=title, flag=f["flag"]))
                    by_side.setdefault(side, []).append({"form": mark_bidi(form), "count": f["count"], "verdict": mark_bidi(verdict), "flag": f["flag"]})
            entities.append({
                "label": mark_bidi(token), "context": mark_bidi(eng) if eng != token else "", "slot": slot, "by_side": by_side,
                "variants": max((len([f for f in v if f["form"]]) for v in by_side.values()), default=0), "eventful": eventful(item),
            })
        return per_side, list(english.values()), entities

    def build(self, index: int, doc_id: str, segs: list[dict], sents: list[dict], findings: list[tuple[int, dict]],
              names: list[dict], docrows: list[dict]) -> tuple[DocView, dict[int, int]]:
        """The document's view and, per finding index, the grid row it was placed in (-1: document level)."""
        per_side, english_marks, entities = self.entities(names)
        rows: dict[tuple, dict[str, Any]] = {}
        for r in segs:
            key = (int(r["segment"]) if as_float(r["segment"]) is not None else 0, r["source_ids"])
            row = rows.setdefault(key, {"source_text": r["source_text"], "source_ids": r["source_ids"], "cells": {},
                                        "reference_text": "", "reference_ids": (), "reference": ""})
            if not row["reference_text"] and r["reference_text"]:
                row["reference_text"] = r["reference_text"]
                row["reference_ids"] = r["reference_ids"]
                row["reference"] = r["reference"]
            row["cells"][r["system"]] = r
        ordered = [rows[k] for k in sorted(rows, key=lambda k: (k[0], min(k[1]) if k[1] else -1))]
        if not ordered and sents:
            ordered = self._rows_from_sentences(sents)
        present = {r["system"] for r in docrows} | {r["system"] for r in segs}
        reference_name = next((r["reference"] for r in ordered if r.get("reference")), "")
        has_reference = any(r["reference_text"] for r in ordered)
        ref_side = f"reference:{reference_name}" if reference_name else ""
        show_reference = has_reference or bool(self.res.references)

        grid: list[GridRow] = []
        src_row: dict[int, int] = {}
        tgt_row: dict[tuple[str, int], int] = {}
        ref_row: dict[int, int] = {}
        for ri, row in enumerate(ordered):
            anchor = f"d{index}-r{ri}"
            sids = row["source_ids"]
            for sid in sids:
                src_row.setdefault(sid, ri)
            for rid in row["reference_ids"]:
                ref_row.setdefault(rid, ri)
            ref_text = row["reference_text"]
            cells: list[Cell] = []
            low = False
            for s in self.systems:
                r = row["cells"].get(s)
                if r is None:
                    state = "missing" if s not in present else "none"
                    cells.append(Cell([], state=state))
                    continue
                for tid in r["target_ids"]:
                    tgt_row.setdefault((s, tid), ri)
                text = r["target_text"]
                state = _cell_state(bool(text.strip()), bool(sids))
                score = as_float(r.get(self.primary.column)) if self.primary else None
                align = as_float(r.get("align_score"))
                if align is not None and align < 0.5 and text.strip() and sids:
                    low = True
                cells.append(
                    Cell(
                        annotate(text, per_side.get(s, ()), reference=ref_text or None),
                        state=state,
                        score=_num(score, self.primary.digits) if score is not None else "",
                        align=f"{align:.2f}" if align is not None else "",
                        kind=r.get("kind") or "",
                    )
                )
            source = Cell(annotate(row["source_text"], english_marks, latin=True), state="ok" if sids else "none")
            reference = None
            if show_reference:
                reference = Cell(annotate(ref_text, per_side.get(ref_side, ())), state="ok" if ref_text.strip() else ("omitted" if sids else "none"))
            grid.append(GridRow(anchor, ri + 1, source, reference, cells, added=not sids, low_confidence=low))

        placed: dict[int, int] = {}
        doc_level: list[FindingRef] = []
        for fi, f in findings:
            ref = FindingRef(fi, f["severity"], mark_bidi(f["check"]), _short(f["message"], 400), f["system"])
            side = f["system"]
            target = None
            where = "source"
            if side in self.sys_index and f["target_ids"]:
                target = next((tgt_row[(side, t)] for t in f["target_ids"] if (side, t) in tgt_row), None)
                where = "system"
            elif side.startswith("reference:") and f["target_ids"]:
                target = next((ref_row[t] for t in f["target_ids"] if t in ref_row), None)
                where = "reference"
            if target is None and f["source_ids"]:
                target = next((src_row[t] for t in f["source_ids"] if t in src_row), None)
                where = "system" if side in self.sys_index else ("reference" if side.startswith("reference:") else "source")
            if target is None:
                doc_level.append(ref)
                placed[fi] = -1
                continue
            placed[fi] = target
            row = grid[target]
            if where == "system":
                row.cells[self.sys_index[side]].findings.append(ref)
            elif where == "reference" and row.reference is not None:
                row.reference.findings.append(ref)
            else:
                row.source.findings.append(ref)
        for row in grid:
            for c in [row.source, row.reference, *row.cells]:
                if c is not None and c.findings:
                    c.findings.sort(key=lambda x: SEVERITY_RANK.get(x.severity, 9))
                    if not row.worst or SEVERITY_RANK[c.findings[0].severity] < SEVERITY_RANK[row.worst]:
                        row.worst = c.findings[0].severity

        stats, primary_by_system = self._stats(docrows)
        counts = Counter(f["severity"] for _, f in findings)
        view = DocView(
            index=index, doc_id=doc_id, label=mark_bidi(doc_id), rows=grid, doc_findings=doc_level,
            entities=entities, stats=stats, reference_name=mark_bidi(reference_name),
            has_reference=show_reference,
            n_findings={s: counts.get(s, 0) for s in SEVERITIES}, primary=primary_by_system,
        )
        return view, placed

    def _rows_from_sentences(self, sents: list[dict]) -> list[dict[str, Any]]:
        """Without segments: sentences side by side by index (unaligned), so the text is still readable."""
        by_side: dict[str, dict[int, str]] = defaultdict(dict)
        for s in sents:
            by_side[s["side"]][int(s["index"]) if as_float(s["index"]) is not None else 0] = s["text"]
        src = by_side.get("source", {})
        refs = [k for k in by_side if k.startswith("reference:")]
        n = max((max(v) + 1 for v in by_side.values() if v), default=0)
        out = []
        for i in range(n):
            cells = {}
            for s in self.systems:
                t = by_side.get(f"system:{s}", {})
                if i in t:
                    cells[s] = {"target_text": t[i], "target_ids": (i,), "kind": "", "align_score": None}
            ref = by_side[refs[0]].get(i, "") if refs else ""
            out.append({"source_text": src.get(i, ""), "source_ids": (i,) if i in src else (), "cells": cells,
                        "reference_text": ref, "reference_ids": (i,) if ref else (), "reference": refs[0].split(":", 1)[1] if refs else ""})
        return out

    def _stats(self, docrows: list[dict]) -> tuple[list[dict[str, Any]], list[float | None]]:
        out = []
        primary: list[float | None] = []
        by_sys = {r["system"]: r for r in docrows}
        metrics = [m for m in self.res.metrics() if m.column in self.res.documents.columns]
        for s in self.systems:
            r = by_sys.get(s)
            if r is None:
                out.append({"system": mark_bidi(s), "missing": True})
                primary.append(None)
                continue
            entry = {
                "system": mark_bidi(s),
                "missing": False,
                "metrics": [(m.label, _num(as_float(r.get(m.column)), m.digits)) for m in metrics],
                "coverage": as_float(r.get("coverage")),
                "name_accuracy": as_float(r.get("name_accuracy")),
                "name_consistency": as_float(r.get("name_consistency")),
            }
            out.append(entry)
            primary.append(as_float(r.get(self.primary.column)) if self.primary else None)
        return out, primary


# --- overview -----------------------------------------------------------------------------------


def _score(res: Results, system: str, metric: Metric) -> dict[str, Any] | None:
    entry = ((res.summary.get("scores") or {}).get(system) or {}).get(metric.key)
    if not isinstance(entry, dict):
        return None
    score = as_float(entry.get("score"))
    if score is None:
        return None
    return {
        "score": score,
        "ci_low": as_float(entry.get("ci_low")),
        "ci_high": as_float(entry.get("ci_high")),
        "signature": as_str(entry.get("signature")),
        "n_segments": entry.get("n_segments"),
        "n_documents": entry.get("n_documents"),
        "digits": metric.digits,
    }


def _pair(res: Results, metric: Metric, a: str, b: str) -> dict[str, Any] | None:
    sig = (res.summary.get("significance") or {}).get(metric.key)
    if not isinstance(sig, dict):
        return None
    for p in sig.get("pairs") or []:
        if not isinstance(p, dict):
            continue
        if {p.get("a"), p.get("b")} == {a, b}:
            pv = as_float(p.get("p_value"))
            signif = p.get("significant")
            return {"p": pv, "significant": bool(signif) if signif is not None else (pv is not None and pv < 0.05)}
    return None


def _better(metric: Metric, diff: float) -> bool:
    return diff > 0 if metric.higher_is_better else diff < 0


def significance_matrix(res: Results, metric: Metric, systems: list[str]) -> dict[str, Any] | None:
    """Row-minus-column differences with the reported test outcome, for every pair the test covered."""
    sig = (res.summary.get("significance") or {}).get(metric.key)
    scores = {s: _score(res, s, metric) for s in systems}
    if not isinstance(sig, dict) or sum(1 for v in scores.values() if v) < 2:
        return None
    rows = []
    for a in systems:
        cells = []
        for b in systems:
            if a == b:
                cells.append({"kind": "self"})
                continue
            sa, sb = scores[a], scores[b]
            pair = _pair(res, metric, a, b)
            if not sa or not sb or pair is None:
                cells.append({"kind": "untested"})
                continue
            diff = sa["score"] - sb["score"]
            kind = ("better" if _better(metric, diff) else "worse") if pair["significant"] else "tie"
            cells.append({"kind": kind, "diff": f"{diff:+.{metric.digits + 1}f}", "p": _pval(pair["p"])})
        rows.append({"system": mark_bidi(a), "cells": cells})
    method = {"paired-bs": "paired bootstrap resampling", "paired-ar": "paired approximate randomisation",
              "both": "paired bootstrap resampling (and approximate randomisation)"}.get(as_str(sig.get("method")), as_str(sig.get("method")) or "test not named")
    return {
        "metric": metric, "rows": rows, "method": mark_bidi(method), "unit": mark_bidi(as_str(sig.get("unit"))),
        "resamples": sig.get("resamples"), "baseline": mark_bidi(as_str(sig.get("baseline"))),
    }


def ranking(res: Results, metrics: list[Metric], systems: list[str], severity_counts: dict[str, Counter],
            segments_per_system: dict[str, int], name_acc: dict[str, float | None]) -> dict[str, Any]:
    """An order of the systems and the sentences that say what it rests on."""
    primary = next((m for m in metrics if sum(1 for s in systems if _score(res, s, m)) >= 1), None)
    if primary is None:
        def key(s: str):
            n = max(segments_per_system.get(s, 0), 1)
            acc = name_acc.get(s)
            return (severity_counts[s]["critical"] / n, severity_counts[s]["major"] / n, -(acc if acc is not None else 0))

        order = sorted(systems, key=key)
        headline = "No corpus metric scores (no reference translation?), so there is no measured ranking."
        if order:
            top = order[0]
            headline += (f" Fewest serious findings: {mark_bidi(top)} ({severity_counts[top]['critical']} critical, "
                         f"{severity_counts[top]['major']} major).")
        return {
            "metric": None, "order": [{"system": mark_bidi(s), "index": systems.index(s), "tier": i + 1, "score": None} for i, s in enumerate(order)],
            "headline": headline,
            "evidence": ["Order: fewer critical findings per segment, then fewer major findings per segment, then higher name accuracy. "
                         "This is a triage order for review, not a significance-tested ranking."],
            "steps": [], "agreement": "", "unscored": [],
        }
    scored = [s for s in systems if _score(res, s, primary)]
    sign = -1 if primary.higher_is_better else 1
    order = sorted(scored, key=lambda s: sign * _score(res, s, primary)["score"])
    steps = []
    tiers = [1]
    for a, b in zip(order, order[1:]):
        sa, sb = _score(res, a, primary)["score"], _score(res, b, primary)["score"]
        pair = _pair(res, primary, a, b)
        significant = pair["significant"] if pair else None
        steps.append({"a": mark_bidi(a), "b": mark_bidi(b), "diff": abs(sa - sb), "p": pair["p"] if pair else None, "significant": significant})
        tiers.append(tiers[-1] + (1 if significant else 0))
    best = order[0]
    bs = _score(res, best, primary)
    label = primary.label
    d = primary.digits
    if len(order) == 1:
        headline = f"{mark_bidi(best)} is the only system with a {label} score ({bs['score']:.{d}f})."
    else:
        st = steps[0]
        if st["significant"]:
            headline = (f"{mark_bidi(best)} ranks first on {label} ({bs['score']:.{d}f}), significantly ahead of {st['b']} "
                        f"(Δ {st['diff']:.{d}f}, {_pval(st['p'])}).")
        elif st["significant"] is None:
            headline = (f"{mark_bidi(best)} has the highest {label} ({bs['score']:.{d}f}), {st['diff']:.{d}f} ahead of {st['b']}, "
                        f"but no significance test covers this pair: treat the lead as unconfirmed.")
        else:
            tied = [mark_bidi(s) for s, t in zip(order, tiers) if t == 1]
            headline = (f"{' and '.join([', '.join(tied[:-1]), tied[-1]] if len(tied) > 2 else tied)} are statistically tied on {label} "
                        f"(best {bs['score']:.{d}f}; Δ {st['diff']:.{d}f}, {_pval(st['p'])}, not significant).")
    if len(order) > 1:
        def serious(s: str) -> float:
            return (severity_counts[s]["critical"] * 10 + severity_counts[s]["major"]) / max(segments_per_system.get(s, 0), 1)

        worst = max(order, key=serious)
        if worst == best and serious(best) > min(serious(s) for s in order):
            headline += (f" But it also has the most serious QA findings ({severity_counts[best]['critical']} critical, "
                         f"{severity_counts[best]['major']} major): review them before publishing.")
    sig = (res.summary.get("significance") or {}).get(primary.key) or {}
    method = {"paired-bs": "paired bootstrap resampling", "paired-ar": "paired approximate randomisation"}.get(as_str(sig.get("method")), as_str(sig.get("method")))
    evidence = [f"Ranked by corpus {label} ({'higher' if primary.higher_is_better else 'lower'} is better)"
                + (f"; pairwise differences tested with {method}" if method else "; no pairwise significance test in the results")
                + (f" over {as_str(sig.get('unit'))}" if sig.get("unit") else "")
                + (f", {sig.get('resamples')} resamples" if sig.get("resamples") else "") + "."]
    parts = []
    for st in steps:
        if st["significant"] is None:
            parts.append(f"{st['a']}–{st['b']}: Δ {st['diff']:.{d + 1}f}, not tested")
        else:
            parts.append(f"{st['a']}–{st['b']}: Δ {st['diff']:.{d + 1}f}, {_pval(st['p'])}, {'significant' if st['significant'] else 'not significant'}")
    if parts:
        evidence.append("; ".join(parts) + ".")
    agreement = []
    for m in metrics:
        if m is primary:
            continue
        ms = [s for s in systems if _score(res, s, m)]
        if len(ms) < 2:
            continue
        top = sorted(ms, key=lambda s: (-1 if m.higher_is_better else 1) * _score(res, s, m)["score"])[0]
        agreement.append((m.label, top == best, mark_bidi(top)))
    agree_text = ""
    if agreement:
        same = [lbl for lbl, ok, _ in agreement if ok]
        diff = [f"{lbl} puts {top} first" for lbl, ok, top in agreement if not ok]
        if same and not diff:
            agree_text = f"{', '.join(same)} agree{'s' if len(same) == 1 else ''} on the top system."
        elif diff:
            agree_text = ("Metrics disagree: " + "; ".join(diff) + ".") + (f" {', '.join(same)} agree{'s' if len(same) == 1 else ''} with {label}." if same else "")
    return {
        "metric": primary,
        "order": [{"system": mark_bidi(s), "index": systems.index(s), "tier": t, "score": _score(res, s, primary)} for s, t in zip(order, tiers)],
        "unscored": [mark_bidi(s) for s in systems if s not in scored],
        "headline": headline, "evidence": evidence, "steps": steps, "agreement": agree_text,
    }


def _warnings(res: Results) -> list[dict[str, str]]:
    out = []
    warnings = res.summary.get("warnings")
    for w in warnings if isinstance(warnings, list) else []:
        if w is None or w == "":
            continue
        if isinstance(w, dict):
            kind = as_str(w.get("kind") or w.get("check") or w.get("type") or "warning")
            msg = as_str(w.get("message")) or json.dumps(w, ensure_ascii=False, default=str)
            systems = w.get("systems") or ([w["system"]] if w.get("system") else [])
            extra = ", ".join(as_str(s) for s in systems) if isinstance(systems, list) else as_str(systems)
            sev = as_str(w.get("severity"))
        else:
            kind, msg, extra, sev = "warning", as_str(w), "", ""
        out.append({"title": mark_bidi(kind.replace("_", " ").replace(".", " ").capitalize()), "message": mark_bidi(msg),
                    "systems": mark_bidi(extra), "severity": sev if sev in SEVERITY_RANK else ""})
    for s, docs in (res.summary.get("left_out") or {}).items():
        if docs:
            out.append({"title": "Missing output", "message": f"{mark_bidi(as_str(s))} has no output for {len(docs)} document(s); it is scored on the documents it has.",
                        "systems": mark_bidi(as_str(s)), "severity": ""})
    return out


def build(res: Results) -> dict[str, Any]:
    """The template context for the whole report."""
    systems = res.systems
    metrics = res.metrics()
    summary = res.summary

    # findings, counted (not re-derived: the table is the list of findings)
    frecs = _records(res.findings)
    sides = list(systems)
    for f in frecs:
        if f["system"] not in sides:
            sides.append(f["system"])
    severity_counts: dict[str, Counter] = {s: Counter() for s in sides}
    by_check: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    for f in frecs:
        sev = f["severity"] if f["severity"] in SEVERITY_RANK else "info"
        f["severity"] = sev
        severity_counts[f["system"]][sev] += 1
        by_check[f["check"]][f["system"]][sev] += 1
    if not frecs and isinstance(summary.get("findings"), dict):  # table missing: fall back to summary counts
        for s, counts in summary["findings"].items():
            if isinstance(counts, dict):
                severity_counts.setdefault(s, Counter()).update({k: int(v) for k, v in counts.items() if k in SEVERITY_RANK and as_float(v) is not None})
                for c, n in (counts.get("by_check") or {}).items():
                    if as_float(n) is not None:
                        by_check[c][s]["?"] += int(n)
                if s not in sides:
                    sides.append(s)

    segs = _records(res.segments)
    segments_per_system = Counter(r["system"] for r in segs)
    names_summary = summary.get("names") or {}
    name_acc = {s: as_float((names_summary.get(s) or {}).get("accuracy")) for s in systems}
    name_cons = {s: as_float((names_summary.get(s) or {}).get("consistency")) for s in systems}
    docs_df = res.documents
    for s in systems:  # summary missing: the same per-document mean the pipeline reports
        d = docs_df[docs_df["system"] == s]
        if name_acc[s] is None and "name_accuracy" in d and d["name_accuracy"].notna().any():
            name_acc[s] = float(d["name_accuracy"].astype(float).mean())
        if name_cons[s] is None and "name_consistency" in d and d["name_consistency"].notna().any():
            name_cons[s] = float(d["name_consistency"].astype(float).mean())

    rank = ranking(res, metrics, systems, severity_counts, segments_per_system, name_acc)
    primary: Metric | None = rank["metric"]

    # score table with signature footnotes
    signatures: list[str] = []
    metric_cols = []
    for m in metrics:
        sigs = []
        for s in systems:
            sc = _score(res, s, m)
            if sc and sc["signature"] and sc["signature"] not in sigs:
                sigs.append(sc["signature"])
        notes = []
        for sg in sigs:
            if sg not in signatures:
                signatures.append(sg)
            notes.append(signatures.index(sg) + 1)
        metric_cols.append({"metric": m, "notes": notes, "title": " · ".join(mark_bidi(x) for x in sigs)})
    score_rows = []
    for i, s in enumerate(systems):
        cells = []
        for m in metrics:
            sc = _score(res, s, m)
            if sc is None:
                cells.append(None)
                continue
            best_val = [x["score"] for x in (_score(res, t, m) for t in systems) if x]
            best = (max if m.higher_is_better else min)(best_val)
            cells.append({**sc, "best": sc["score"] == best and len(best_val) > 1})
        score_rows.append({"system": mark_bidi(s), "index": i, "cells": cells})

    matrices = [mx for mx in (significance_matrix(res, m, systems) for m in metrics) if mx]

    # findings tables
    checks = sorted(by_check, key=lambda c: (["names", "content", "form", "other"].index(check_category(c)), -sum(sum(v.values()) for v in by_check[c].values()), c))
    check_rows = []
    for c in checks:
        sevs = Counter()
        for cnt in by_check[c].values():
            sevs.update(cnt)
        check_rows.append({
            "check": mark_bidi(c) or "(unnamed)", "raw": c, "category": check_category(c),
            "severities": [s for s in SEVERITIES if sevs.get(s)],
            "counts": [sum(by_check[c][s].values()) for s in sides],
            "detail": [", ".join(f"{n} {k}" for k, n in sorted(by_check[c][s].items(), key=lambda kv: SEVERITY_RANK.get(kv[0], 9))) for s in sides],
            "total": sum(sevs.values()),
        })
    side_labels = [mark_bidi(s) if s else "(source / corpus)" for s in sides]
    severity_rows = []
    for i, s in enumerate(sides):
        n = segments_per_system.get(s, 0)
        c = severity_counts.get(s, Counter())
        severity_rows.append({"system": side_labels[i], "index": i, "is_system": s in systems, "counts": [c.get(x, 0) for x in SEVERITIES],
                              "total": sum(c.get(x, 0) for x in SEVERITIES), "per100": (100 * sum(c.get(x, 0) for x in ("critical", "major")) / n) if n else None})

    # charts
    charts: dict[str, Markup] = {k: Markup("") for k in ("ci", "per_document", "distribution", "categories", "findings")}
    if primary is not None:
        rows = [(mark_bidi(s), i, (_score(res, s, primary) or {}).get("score"), (_score(res, s, primary) or {}).get("ci_low"),
                 (_score(res, s, primary) or {}).get("ci_high")) for i, s in enumerate(systems)]
        charts["ci"] = svg.ci_chart(rows, primary.label, not primary.higher_is_better)
    doc_ids = _doc_order(res)
    chart_metric = primary or next((m for m in (metric_for(k) for k in ("chrf", "bleu")) if m.column in docs_df.columns), None)
    if chart_metric is not None and chart_metric.column in docs_df.columns and len(docs_df):
        table: dict[tuple[str, str], float | None] = {}
        for r in _records(docs_df):
            table[(r["doc_id"], r["system"])] = as_float(r.get(chart_metric.column))
        scored_docs = [d for d in doc_ids if any(table.get((d, s)) is not None for s in systems)]
        if scored_docs:
            charts["per_document"] = svg.per_document_chart(
                [mark_bidi(d) for d in scored_docs],
                {mark_bidi(s): [table.get((d, s)) for d in scored_docs] for s in systems},
                chart_metric.label, not chart_metric.higher_is_better,
            )
    if chart_metric is not None and chart_metric.column in res.segments.columns and segs:
        dist: dict[str, list[float]] = {mark_bidi(s): [] for s in systems}
        for r in segs:
            v = as_float(r.get(chart_metric.column))
            if v is not None and r["system"] in res.systems and (r["target_text"] or r["source_text"]):
                dist[mark_bidi(r["system"])].append(v)
        if any(dist.values()):
            charts["distribution"] = svg.distribution_chart(dist, chart_metric.label)
    cat_counts: dict[str, dict[str, int]] = {}
    for s in sides:
        row: dict[str, int] = {}
        for c, per in by_check.items():
            n = sum(per[s].values()) if s in per else 0
            if n:
                row[check_category(c)] = row.get(check_category(c), 0) + n
        cat_counts[mark_bidi(s) if s else "(source / corpus)"] = row
    charts["categories"] = svg.category_chart(cat_counts, CATEGORY_COLOURS)
    top_checks = [c for c in sorted(by_check, key=lambda c: -sum(sum(v.values()) for v in by_check[c].values()))][:16]
    if top_checks:
        chart_sides = [s for s in systems] or sides
        charts["findings"] = svg.findings_chart(
            [mark_bidi(c) or "(unnamed)" for c in top_checks],
            {mark_bidi(s): {mark_bidi(c) or "(unnamed)": sum(by_check[c][s].values()) for c in top_checks} for s in chart_sides},
            {mark_bidi(c) or "(unnamed)": CATEGORY_COLOURS[check_category(c)] for c in top_checks},
        )

    # documents
    doc_index = {d: i for i, d in enumerate(doc_ids)}
    seg_by_doc: dict[str, list[dict]] = defaultdict(list)
    for r in segs:
        seg_by_doc[r["doc_id"]].append(r)
    sent_by_doc: dict[str, list[dict]] = defaultdict(list)
    if not segs:
        for r in _records(res.sentences):
            sent_by_doc[r["doc_id"]].append(r)
    find_by_doc: dict[str, list[tuple[int, dict]]] = defaultdict(list)
    for i, f in enumerate(frecs):
        find_by_doc[f["doc_id"]].append((i, f))
    names_by_doc: dict[str, list[dict]] = defaultdict(list)
    for r in _records(res.names):
        names_by_doc[r["doc_id"]].append(r)
    docrows_by_doc: dict[str, list[dict]] = defaultdict(list)
    for r in _records(docs_df):
        docrows_by_doc[r["doc_id"]].append(r)
    builder = _DocBuilder(res, primary, systems)
    docs: list[DocView] = []
    placed: dict[int, int] = {}
    for i, d in enumerate(doc_ids):
        view, where = builder.build(i, d, seg_by_doc.get(d, []), sent_by_doc.get(d, []), find_by_doc.get(d, []),
                                    names_by_doc.get(d, []), docrows_by_doc.get(d, []))
        docs.append(view)
        placed.update(where)

    # findings data for the script (indices instead of repeated strings keep it small)
    check_list = sorted({f["check"] for f in frecs})
    check_pos = {c: i for i, c in enumerate(check_list)}
    side_pos = {s: i for i, s in enumerate(sides)}
    frows = []
    for i, f in enumerate(frecs):
        di = doc_index.get(f["doc_id"], -1)
        frows.append([di, side_pos[f["system"]], SEVERITY_RANK[f["severity"]], check_pos[f["check"]], mark_bidi(f["its_type"]),
                      _short(f["message"], 400), _short(f["source_excerpt"]), _short(f["target_excerpt"]), placed.get(i, -1)])
    data = {
        "docs": [d.label for d in docs], "sides": side_labels, "checks": [mark_bidi(c) or "(unnamed)" for c in check_list],
        "severities": list(SEVERITIES), "findings": frows,
    }

    corpus = summary.get("corpus") or {}
    totals = summary.get("totals") or {}
    meta = {
        "corpus": mark_bidi(as_str(corpus.get("name") if isinstance(corpus, dict) else corpus) or res.path.name),
        "documents": totals.get("documents", len(doc_ids)),
        "findings": len(frecs) if frecs else totals.get("findings", 0),
        "systems": [mark_bidi(s) for s in systems],
        "references": [mark_bidi(r) for r in res.references],
        "segmentation": mark_bidi(as_str(summary.get("segmentation"))),
        "schema_version": as_str(summary.get("schema_version")),
        "versions": {mark_bidi(as_str(k)): mark_bidi(as_str(v)) for k, v in (summary.get("versions") or {}).items()},
        "sizes": [mark_bidi(p) for p in phrases({**totals, "documents": totals.get("documents", len(doc_ids)),
                                                  "findings": len(frecs) if frecs else totals.get("findings", 0)})],
        "metrics_config": {k: mark_bidi(as_str(v)) for k, v in ((summary.get("config") or {}).get("metrics") or {}).items()
                           if k in ("tokenize", "normalize", "resample", "bootstrap", "significance", "seed")},
    }
    crit_total = sum(severity_counts[s]["critical"] for s in systems)
    return {
        "meta": meta,
        "systems": [{"name": mark_bidi(s), "raw": s, "index": i, "colour": svg.colour(i)} for i, s in enumerate(systems)],
        "doc_metric_labels": [m.label for m in metrics if m.column in docs_df.columns],
        "metrics": metric_cols,
        "signatures": [{"text": mark_bidi(s), "metrics": [mc["metric"].label for mc in metric_cols if signatures.index(s) + 1 in mc["notes"]]}
                       for s in signatures],
        "score_rows": score_rows,
        "matrices": matrices,
        "ranking": rank,
        "names": [{"system": mark_bidi(s), "accuracy": name_acc[s], "consistency": name_cons[s]} for s in systems],
        "has_names": any(v is not None for v in list(name_acc.values()) + list(name_cons.values())) or len(res.names) > 0,
        "severity_rows": severity_rows,
        "severities": SEVERITIES,
        "check_rows": check_rows,
        "side_labels": side_labels,
        "critical": {"total": crit_total, "by_system": [(mark_bidi(s), severity_counts[s]["critical"], severity_counts[s]["major"]) for s in systems]},
        "warnings": _warnings(res),
        "problems": [mark_bidi(p) for p in res.problems],
        "charts": charts,
        "chart_metric": chart_metric,
        "docs": docs,
        "data": data,
        "category_colours": CATEGORY_COLOURS,
    }
