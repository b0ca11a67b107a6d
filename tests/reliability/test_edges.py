"""Bad input and bad settings: a clear one-line error or a finding, never "internal error", nothing dropped (issue 22)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pytest

from tests.commands.test_run import run_cli as _cli

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "references" / "news-demo"



def _refused(args, capsys, words):
    code, _out, err = _cli(args, capsys)
    assert code == 2, err
    assert words in err, err
    assert "internal error" not in err and "Traceback" not in err
    assert len(err.strip().splitlines()) <= 3  # click usage errors add a "Try --help" line


def _jsonl(tmp_path, text):
    p = tmp_path / "c.jsonl"
    p.write_text(text, encoding="utf-8")
    return p


@pytest.mark.parametrize("line, words", [
    ('{"doc_id": "a", "source": "x", "systems": {"s": "\\ud800"}}', "lone surrogate"),
    ('{"doc_id": "a", "source": "' + "x" + '", "n": ' + "9" * 5000 + "}", "unreadable JSON value"),
    ('{"doc_id": "a", "source": "x", "deep": ' + "[" * 100000 + "]" * 100000 + "}", "unreadable JSON value"),
    ('{"doc_id": true, "source": "x", "systems": {"s": "y"}}', "must be a string or an integer"),
    ('{"doc_id": {"a": 1}, "source": "x", "systems": {"s": "y"}}', "must be a string or an integer"),
    ('{"doc_id": "   ", "source": "x", "systems": {"s": "y"}}', "empty or only spaces"),
    ('{"doc_id": "a", "source": "x", "source": "y", "systems": {"s": "z"}}', "duplicate key 'source'"),
    ('{"doc_id": "a", "source": "x", "systems": {"reference:ref": "z"}}', "reads as a side label"),
    ('{"doc_id": "a", "source": "x", "systems": {"s\\u001b[31m": "z"}}', "control characters"),
])
def test_jsonl_edge_cases(tmp_path, capsys, line, words):
    _refused(["run", str(_jsonl(tmp_path, line + "\n")), "--out", str(tmp_path / "o")], capsys, words)


def test_ids_equal_after_normalisation(tmp_path, capsys):
    lines = [json.dumps({"doc_id": d, "source": "x", "systems": {"s": "y"}}) for d in ("é", "e\u0301")]
    _refused(["run", str(_jsonl(tmp_path, "\n".join(lines) + "\n")), "--out", str(tmp_path / "o")], capsys,
             "the same once normalised")


def test_integer_ids_are_accepted(tmp_path, capsys):
    p = _jsonl(tmp_path, json.dumps({"doc_id": 7, "source": "Hello.", "systems": {"s": "مرحبا."}}) + "\n")
    code, _, err = _cli(["run", str(p), "--out", str(tmp_path / "o"), "--no-progress", "--no-report"], capsys)
    assert code == 0, err
    assert list(pd.read_parquet(tmp_path / "o" / "documents.parquet").doc_id) == ["7"]


def test_tsv_alias_columns(tmp_path, capsys):
    p = tmp_path / "c.tsv"
    p.write_text("doc_id\tsource\treference\tref\tA\nd\tx\ty\tz\tw\n", encoding="utf-8")
    _refused(["run", str(p), "--out", str(tmp_path / "o")], capsys, "are the same reference")


def _folder(tmp_path):
    root = tmp_path / "c"
    for rel, text in {"source/d1.txt": "Hello.\n", "systems/A/d1.txt": "مرحبا.\n"}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def test_upper_case_txt_files_are_read(tmp_path, capsys):
    root = _folder(tmp_path)
    (root / "source" / "d2.TXT").write_text("Bye.\n", encoding="utf-8")
    (root / "systems" / "A" / "d2.TXT").write_text("وداعا.\n", encoding="utf-8")
    code, _, err = _cli(["run", str(root), "--out", str(tmp_path / "o"), "--no-progress", "--no-report"], capsys)
    assert code == 0, err
    assert set(pd.read_parquet(tmp_path / "o" / "documents.parquet").doc_id) == {"d1", "d2"}


def test_dangling_link_and_two_files_for_one_document(tmp_path, capsys):
    root = _folder(tmp_path)
    (root / "systems" / "A" / "d9.txt").symlink_to(tmp_path / "gone.txt")
    _refused(["run", str(root), "--out", str(tmp_path / "o")], capsys, "broken symbolic link")
    (root / "systems" / "A" / "d9.txt").unlink()
    (root / "systems" / "A" / "d1.TXT").write_text("x\n", encoding="utf-8")
    _refused(["run", str(root), "--out", str(tmp_path / "o")], capsys, "two files for document 'd1'")


def test_flat_reference_and_a_subfolder_of_the_same_name(tmp_path, capsys):
    from eval.ingest.directory import DEFAULT_REFERENCE

    root = _folder(tmp_path)
    (root / "reference").mkdir()
    (root / "reference" / "d1.txt").write_text("مرحبا.\n", encoding="utf-8")
    (root / "reference" / DEFAULT_REFERENCE).mkdir()
    (root / "reference" / DEFAULT_REFERENCE / "d1.txt").write_text("أهلا.\n", encoding="utf-8")
    _refused(["run", str(root), "--out", str(tmp_path / "o")], capsys, "has the name the flat reference")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("role", ["source", "config", "glossary", "corpus"])
def test_fifos_are_refused_up_front(tmp_path, capsys, role):
    fifo = tmp_path / ("f.jsonl" if role == "corpus" else "f.txt")
    os.mkfifo(fifo)
    root = _folder(tmp_path)
    args = {"source": ["run", "--source", str(fifo), "--system", f"A={root / 'systems/A/d1.txt'}"],
            "config": ["run", str(root), "--config", str(fifo)],
            "glossary": ["run", str(root), "--glossary", str(fifo)],
            "corpus": ["run", str(fifo)]}[role]
    _refused([*args, "--out", str(tmp_path / "o")], capsys, "not a regular file")


@pytest.mark.parametrize("toml, words", [
    ('[checks.length]\nenabled = "no"\n', "enabled must be true or false"),
    ('[checks.length]\nmin_source_chars = "many"\n', "min_source_chars must be int"),
])
def test_check_settings_are_typed(tmp_path, capsys, toml, words):
    cfg = tmp_path / "c.toml"
    cfg.write_text(toml, encoding="utf-8")
    _refused(["run", str(DEMO), "--config", str(cfg), "--out", str(tmp_path / "o")], capsys, words)


def test_csv_cells_are_neutralised(tmp_path):
    from eval.results import neutral_cells

    df = pd.DataFrame({"t": ["=1+1", "+cmd", "@SUM(A1)", "-cmd", "-5%", "ok", None], "n": [1, 2, 3, 4, 5, 6, 7]})
    got = neutral_cells(df).t
    assert list(got[:6]) == ["'=1+1", "'+cmd", "'@SUM(A1)", "'-cmd", "-5%", "ok"] and got.isna().iloc[6]


def test_resources_are_bounded_with_a_warning(tmp_path, capsys):
    code, _, err = _cli(["run", str(DEMO), "--out", str(tmp_path / "o"), "--no-progress", "--no-report",
                         "--jobs", "10000", "--bootstrap", "10", "--significance", "none"], capsys)
    assert code == 0 and "capped at the" in err
    from eval.config import load_config
    from eval.pipeline import MAX_BOOTSTRAP, bound_resources

    cfg, warnings = bound_resources(load_config(None, {"metrics": {"bootstrap": 10_000_000}}))
    assert cfg["metrics"]["bootstrap"] == MAX_BOOTSTRAP and warnings[0]["kind"] == "bootstrap_capped"


def test_spm_tokenizer_without_its_model_is_one_line(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))  # no sacrebleu cache here
    import sacrebleu.utils

    monkeypatch.setattr(sacrebleu.utils, "SACREBLEU_DIR", str(tmp_path / ".sacrebleu"))
    code, _, err = _cli(["run", str(DEMO), "--out", str(tmp_path / "o"), "--tokenize", "spm"], capsys)
    assert code == 2 and ("sentencepiece" in err or "SentencePiece model" in err) and "internal error" not in err


def test_write_glossary_never_replaces_a_file_without_force(tmp_path, capsys):
    approved = tmp_path / "glossary.tsv"
    approved.write_text("english\tarabic\tvariants\tnote\nTokayev\tتوكاييف\t\tapproved\n", encoding="utf-8")
    _refused(["names", str(DEMO), "--write-glossary", str(approved)], capsys, "never replaces a glossary")
    assert "approved" in approved.read_text(encoding="utf-8")
    code, _, err = _cli(["names", str(DEMO), "--write-glossary", str(approved), "--force"], capsys)
    assert code == 0, err


def test_unreachable_scheduler_is_reported_in_seconds(tmp_path, capsys):
    pytest.importorskip("dask.distributed")
    import time

    t = time.perf_counter()
    _refused(["run", str(DEMO), "--out", str(tmp_path / "o"), "--no-progress", "--engine", "dask",
              "--scheduler", "tcp://127.0.0.1:9"], capsys, "cannot reach the Dask scheduler at tcp://127.0.0.1:9")
    assert time.perf_counter() - t < 20
