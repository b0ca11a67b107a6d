"""A huge unbroken token (a hallucinated line) is cut in the report, never in the tables."""

import pandas as pd

from eval.cli import main
from eval.report.marks import MAX_CELL_CHARS, annotate


def test_annotate_cuts_with_a_note():
    runs = annotate("x" * (MAX_CELL_CHARS + 5000), reference="y")
    assert sum(len(r.text) for r in runs if r.flag != "cut") == MAX_CELL_CHARS
    assert runs[-1].flag == "cut" and "5,000 more characters" in runs[-1].text


def test_report_cuts_a_512k_token_and_the_tables_keep_it(tmp_path):
    root = tmp_path / "c"
    token = "ب" * 512_000
    for rel, text in {"source/d.txt": "Hello there.\n", "systems/A/d.txt": f"مرحبا {token}\n"}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    try:
        main(["run", str(root), "--out", str(tmp_path / "o"), "--no-progress"])
    except SystemExit as e:
        assert not e.code
    html = (tmp_path / "o" / "report.html").read_text(encoding="utf-8")
    assert token not in html and "more characters not shown" in html
    assert '<bdi class="cut muted" dir="ltr" lang="en">' in html
    sentences = pd.read_parquet(tmp_path / "o" / "sentences.parquet")
    assert any(token in t for t in sentences.text)
