"""Regenerate notebooks/*.ipynb (without outputs) from the cell lists below.

Notebooks are data; keeping their source here keeps them reviewable in diffs. Run:
    python tools/make_notebooks.py
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]
PARAMS = 'results_dir = "../reports/news-demo"  # a folder written by `mteval run` (papermill can set this)'
SETUP = "from eval.explore import *\nres = load_results(results_dir)\nres.systems"

NOTEBOOKS = {
    "01-overview": [
        ("md", "# Overview of a run\nWhich system is better, by how much, and is the difference real? "
               "Scores come with 95% bootstrap confidence intervals; pairwise tests say which differences are significant."),
        ("params", PARAMS),
        ("code", SETUP),
        ("md", "## Scores with confidence intervals\nEach row is a system and a metric (sacrebleu signature in `res.summary['scores']`)."),
        ("code", "res.scores().pivot(index='system', columns='metric', values='score').round(1)"),
        ("code", "plot_system_scores(res, 'chrf');"),
        ("md", "## Pairwise significance\n`delta` is b − a; `significant` means p < 0.05 under the resampling unit in the summary."),
        ("code", "print('unit:', res.summary.get('significance', {}).get('chrf', {}).get('unit'))\nres.significance('chrf')"),
        ("md", "## Per-document scores\nAverages hide articles that went badly wrong."),
        ("code", "plot_document_scores(res, 'chrf');"),
        ("md", "## Warnings\nFor example a dialect/variety mismatch that makes lexical metrics mislead."),
        ("code", "for w in res.summary.get('warnings', []):\n    print('-', w.get('message'))"),
    ],
    "02-names": [
        ("md", "# Names\nMetrics barely move when a name is misspelled, but an editor cannot publish an article that spells one person three ways. "
               "This notebook shows every English name with the Arabic forms each system used."),
        ("params", PARAMS),
        ("code", SETUP),
        ("md", "## Name accuracy and consistency per system"),
        ("code", "import pandas as pd\npd.DataFrame(res.summary.get('names', {})).T"),
        ("md", "## Variant clusters\nNames with more than one Arabic form first, across documents and systems."),
        ("code", "v = name_variants(res)\nv[v.n_forms > 1].head(30)"),
        ("md", "## Name findings"),
        ("code", "res.findings[res.findings.check.str.startswith('name.')][['doc_id', 'system', 'check', 'severity', 'message']].head(30)"),
        ("md", "## A glossary from this run\nThe draft takes the names of the human reference (else of the system with the fewest name findings), only spellings no name check flags, and prefers the gazetteer's spelling; each row's note says how often and where the name was seen. An editor corrects it once, "
               "saves it as `glossary.tsv` beside the corpus, and every later run checks against it "
               "(`mteval names CORPUS --write-glossary glossary.tsv` does the same from the command line)."),
        ("code", "draft = glossary_from_names(res)  # from the reference, else the system with the fewest name findings\n"
                 "[(e.english, e.arabic, e.variants) for e in draft[:15]]"),
        ("code", "from eval.ingest import write_glossary\nimport tempfile, os\n"
                 "path = os.path.join(tempfile.mkdtemp(), 'glossary.tsv')\nwrite_glossary(draft, path)\nprint(open(path, encoding='utf-8').read()[:500])"),
    ],
    "03-findings": [
        ("md", "# Findings\nWhat the checks found: by check and system, the worst documents and sentences, and the sentences themselves side by side."),
        ("params", PARAMS),
        ("code", SETUP),
        ("md", "## By check and system"),
        ("code", "findings_by_check(res)"),
        ("md", "## Most serious first"),
        ("code", "order = {'critical': 0, 'major': 1, 'minor': 2, 'info': 3}\n"
                 "f = res.findings.assign(rank=res.findings.severity.map(order)).sort_values(['rank', 'doc_id'])\n"
                 "f[['doc_id', 'system', 'check', 'severity', 'target_excerpt', 'message']].head(20)"),
        ("md", "## Worst documents\nDocuments with the most critical and major findings."),
        ("code", "d = res.documents.assign(serious=res.documents.findings_critical + res.documents.findings_major)\n"
                 "d.sort_values('serious', ascending=False)[['doc_id', 'system', 'serious', 'findings_total']].head(10)"),
        ("md", "## Worst segments by chrF"),
        ("code", "worst_segments(res, 'chrf', 8)"),
        ("md", "## Side by side\nThe flagged segments of the worst document, Arabic right-to-left."),
        ("code", "doc = d.sort_values('serious', ascending=False).doc_id.iloc[0] if len(d) else None\n"
                 "side_by_side(res, doc, only_findings=True) if doc else 'no documents'"),
    ],
    "04-compare-two-systems": [
        ("md", "# Comparing two systems\nWhere does one system win or lose, by document and by check?"),
        ("params", PARAMS + '\nsystem_a = None  # default: the first system\nsystem_b = None  # default: the second system'),
        ("code", SETUP),
        ("code", "a = system_a or res.systems[0]\nb = system_b or res.systems[min(1, len(res.systems) - 1)]\na, b"),
        ("md", "## Is the difference significant?"),
        ("code", "s = res.significance('chrf')\ns[((s.a == a) & (s.b == b)) | ((s.a == b) & (s.b == a))]"),
        ("md", "## By document\nNegative delta: b is worse than a on that article."),
        ("code", "compare_systems(res, a, b, 'chrf')"),
        ("md", "## By check\nFindings counts side by side; the difference column shows where b makes more errors."),
        ("code", "c = findings_by_check(res)\n"
                 "cols = [x for x in (a, b) if x in c.columns]\n"
                 "c = c[cols] if cols else c\n"
                 "c.assign(difference=c[b] - c[a]).sort_values('difference') if len(cols) == 2 else c"),
        ("md", "## The segments where they differ most"),
        ("code", "sa = res.segments[res.segments.system == a].set_index(['doc_id', 'segment'])\n"
                 "sb = res.segments[res.segments.system == b].set_index(['doc_id', 'segment'])\n"
                 "if 'chrf' in sa:\n"
                 "    diff = (sb['chrf'] - sa['chrf']).dropna().sort_values()\n"
                 "    display_doc = diff.index[0][0] if len(diff) else None\n"
                 "    print(diff.head(5))\nelse:\n    display_doc = None"),
        ("code", "side_by_side(res, display_doc, systems=[a, b]) if display_doc else 'no reference: no segment scores'"),
    ],
}


def build(name: str, cells: list[tuple[str, str]]):
    nb = new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    for kind, src in cells:
        if kind == "md":
            nb.cells.append(new_markdown_cell(src))
        elif kind == "params":
            nb.cells.append(new_code_cell(src, metadata={"tags": ["parameters"]}))
        else:
            nb.cells.append(new_code_cell(src))
    for i, c in enumerate(nb.cells):
        c["id"] = f"{name[:2]}-{i:02d}"
    return nb


def main() -> None:
    out = ROOT / "notebooks"
    out.mkdir(exist_ok=True)
    for name, cells in NOTEBOOKS.items():
        nbformat.write(build(name, cells), out / f"{name}.ipynb")


if __name__ == "__main__":
    main()
