"""A small API for exploring a results folder in Jupyter: tables as DataFrames, RTL-correct
side-by-side views, and matplotlib plots.

Everything reads the results tables only (the contract in the README), so notebooks work on any
run, including ones made on other machines or engines.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from eval.results import read_results

DEFAULT_RESULTS = Path(__file__).resolve().parents[1] / "reports" / "news-demo"
ARABIC_FONTS = "'Noto Naskh Arabic', 'Amiri', 'Scheherazade New', 'Geeza Pro', Tahoma, 'Segoe UI', Arial, sans-serif"


@dataclass
class Results:
    """One run's tables and summary."""

    path: Path
    sentences: pd.DataFrame
    segments: pd.DataFrame
    findings: pd.DataFrame
    documents: pd.DataFrame
    names: pd.DataFrame
    summary: dict

    @property
    def systems(self) -> list[str]:
        return list(self.summary.get("systems", []))

    def scores(self) -> pd.DataFrame:
        """System × metric table: score with its 95% CI bounds."""
        rows = []
        for system, metrics in self.summary.get("scores", {}).items():
            for metric, v in metrics.items():
                rows.append({"system": system, "metric": metric, "score": v.get("score"), "ci_low": v.get("ci_low"),
                             "ci_high": v.get("ci_high")})
        return pd.DataFrame(rows, columns=["system", "metric", "score", "ci_low", "ci_high"])

    def significance(self, metric: str = "chrf") -> pd.DataFrame:
        """Pairwise comparisons for one metric: delta (b − a), p-value, significant."""
        block = self.summary.get("significance", {}).get(metric, {})
        return pd.DataFrame(
            [{k: p.get(k) for k in ("a", "b", "delta", "p_value", "significant")} for p in block.get("pairs", [])],
            columns=["a", "b", "delta", "p_value", "significant"],
        )


def load_results(path: str | Path | None = None) -> Results:
    """Load a results folder written by ``mteval run`` (default: the bundled corpus's run)."""
    p = Path(path) if path else DEFAULT_RESULTS
    tables, summary = read_results(p)
    return Results(p, tables["sentences"], tables["segments"], tables["findings"], tables["documents"], tables["names"], summary)


def _cell(text: str, lang: str) -> str:
    d = "rtl" if lang == "ar" else "ltr"
    font = f"font-family:{ARABIC_FONTS};font-size:1.1em;" if lang == "ar" else ""
    return f'<td dir="{d}" lang="{lang}" style="text-align:start;unicode-bidi:isolate;vertical-align:top;{font}">{html.escape(text or "")}</td>'


class HTML:
    """Minimal rich-display object (avoids a hard IPython dependency)."""

    def __init__(self, data: str):
        self.data = data

    def _repr_html_(self) -> str:
        return self.data


def side_by_side(res: Results, doc_id: str, systems: list[str] | None = None, reference: bool = True,
                 only_findings: bool = False) -> HTML:
    """English source, each system's Arabic and the reference per segment; Arabic right-to-left."""
    systems = systems or res.systems
    segs = res.segments[(res.segments.doc_id == doc_id) & (res.segments.system.isin(systems))]
    if segs.empty:
        return HTML(f"<p>No segments for document {html.escape(doc_id)}.</p>")
    flagged = set()
    if only_findings:
        f = res.findings[res.findings.doc_id == doc_id]
        flagged = {(s, int(i)) for s, ids in zip(f.system, f.target_ids) for i in ids}
    head = "<tr><th>#</th><th>English source</th>" + "".join(f"<th>{html.escape(s)}</th>" for s in systems)
    head += "<th>reference</th></tr>" if reference else "</tr>"
    rows = []
    for seg, g in segs.groupby("segment", sort=True):
        by_sys = {r.system: r for r in g.itertuples()}
        first = next(iter(by_sys.values()))
        if only_findings and not any((s, int(i)) in flagged for s, r in by_sys.items() for i in r.target_ids):
            continue
        cells = [f"<td>{seg}</td>", _cell(first.source_text, "en")]
        cells += [_cell(by_sys[s].target_text if s in by_sys else "", "ar") for s in systems]
        if reference:
            cells.append(_cell(first.reference_text, "ar"))
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return HTML(f'<table style="border-collapse:collapse" border="1">{head}{"".join(rows)}</table>')


def findings_by_check(res: Results) -> pd.DataFrame:
    """Counts of findings per check (rows) and system (columns)."""
    if res.findings.empty:
        return pd.DataFrame()
    return res.findings.pivot_table(index="check", columns="system", values="doc_id", aggfunc="count", fill_value=0)


def worst_segments(res: Results, metric: str = "chrf", n: int = 10, system: str | None = None) -> pd.DataFrame:
    """The n lowest-scoring segments (highest for TER), with their texts."""
    s = res.segments if system is None else res.segments[res.segments.system == system]
    if metric not in s:
        return s.head(0)
    s = s[s[metric].notna() & (s.target_text.str.len() > 0)]
    cols = ["doc_id", "system", "segment", metric, "source_text", "target_text", "reference_text"]
    return s.sort_values(metric, ascending=(metric != "ter"))[cols].head(n)


def compare_systems(res: Results, a: str, b: str, metric: str = "chrf") -> pd.DataFrame:
    """Per document: metric for a and b, their difference, and findings counts for each."""
    d = res.documents.set_index(["doc_id", "system"])
    rows = []
    for doc in res.documents.doc_id.unique():
        if (doc, a) in d.index and (doc, b) in d.index:
            ra, rb = d.loc[(doc, a)], d.loc[(doc, b)]
            rows.append({"doc_id": doc, a: ra.get(metric), b: rb.get(metric), "delta": rb.get(metric) - ra.get(metric),
                         f"findings_{a}": ra.get("findings_total"), f"findings_{b}": rb.get("findings_total")})
    return pd.DataFrame(rows).sort_values("delta") if rows else pd.DataFrame()


def name_variants(res: Results, system: str | None = None) -> pd.DataFrame:
    """Entity × Arabic form counts across documents: where one name is spelled several ways."""
    n = res.names if system is None else res.names[res.names.system == system]
    if n.empty:
        return n
    g = n.groupby(["system", "english", "arabic_form"], as_index=False)["count"].sum()
    forms = g.groupby(["system", "english"])["arabic_form"].transform("nunique")
    return g.assign(n_forms=forms).sort_values(["n_forms", "system", "english", "count"], ascending=[False, True, True, False])


def glossary_from_names(res: Results, system: str | None = None):
    """A glossary draft for an editor to approve and save with ``write_glossary``: the names of the
    human reference (else of the system with the fewest name findings; or of ``system``), spellings no
    name check flags, the gazetteer's spelling preferred (see :mod:`eval.names.draft`)."""
    from eval.names.draft import glossary_draft

    if res.names.empty:
        return []
    rows = res.names.to_dict("records")
    findings = res.findings[res.findings.check.str.startswith("name.")].to_dict("records") if not res.findings.empty else []
    return glossary_draft(rows, findings, side=system).entries


def plot_system_scores(res: Results, metric: str = "chrf", ax=None):
    """Bar chart of each system's score with its 95% CI."""
    import matplotlib.pyplot as plt

    s = res.scores()
    s = s[s.metric == metric]
    ax = ax or plt.subplots(figsize=(6, 3))[1]
    err = [s.score - s.ci_low, s.ci_high - s.score]
    ax.bar(s.system, s.score, yerr=err, capsize=4, color="#4C78A8")
    ax.set_ylabel(metric)
    ax.set_title(f"{metric} by system (95% CI)")
    return ax


def plot_document_scores(res: Results, metric: str = "chrf", ax=None):
    """Per-document scores, one line of points per system."""
    import matplotlib.pyplot as plt

    d = res.documents
    ax = ax or plt.subplots(figsize=(8, 3))[1]
    if metric not in d:
        return ax
    docs = list(dict.fromkeys(d.doc_id))
    for system, g in d.groupby("system"):
        x = [docs.index(x) for x in g.doc_id]
        ax.plot(x, g[metric], "o-", label=system, alpha=0.8)
    ax.set_xticks(range(len(docs)), docs, rotation=45, ha="right", fontsize=8)
    ax.set_ylabel(metric)
    ax.legend()
    return ax
