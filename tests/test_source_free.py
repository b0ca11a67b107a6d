"""Source-free runs (issue 15): Arabic without English, in every input format and mixed with sourced documents."""

import json

import pandas as pd

from eval.cli import main
from eval.ingest import load_corpus
from tests.conftest import shared_path

SOURCE_CHECKS = {"omission", "addition", "empty", "number.mismatch", "number.unsupported", "length", "negation"}
AR = "قال نزارباييف إن كازاخستان مستعدة.\nوالتقى نزارباي بتوكاييف في قازاقستان.\nاقرأ أيضاً\n"


def _run(path, out, capsys, *extra):
    try:
        main(["run", str(path), "--out", str(out), "--no-progress", *extra])
    except SystemExit as e:
        assert not e.code, capsys.readouterr().err
    return capsys.readouterr()


def _findings(out):
    return pd.read_parquet(out / "findings.parquet")


def _check_source_free(out, capsys_out):
    f = _findings(out)
    assert not SOURCE_CHECKS & set(f.check), f[f.check.isin(SOURCE_CHECKS)]
    assert not f.message.str.contains("in the source|source is empty|not translated", regex=True).any(), list(f.message)
    assert "alignment" not in " ".join(f.check)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["source_free"]["documents"] == summary["source_free"]["of"] >= 1
    warning = next(w for w in summary["warnings"] if w["kind"] == "source_free")
    assert set(warning["left_out"]) == SOURCE_CHECKS
    assert "source-free run" in capsys_out.err
    assert "source-free run" in (out / "report.html").read_text(encoding="utf-8")
    sentences = pd.read_parquet(out / "sentences.parquet")
    assert (sentences.side == "system:web").sum() == 3  # nothing lost
    return f


def test_folder_with_systems_only(tmp_path, capsys):
    (tmp_path / "c" / "systems" / "web").mkdir(parents=True)
    (tmp_path / "c" / "systems" / "web" / "d1.txt").write_text(AR, encoding="utf-8")
    f = _check_source_free(tmp_path / "o", _run(tmp_path / "c", tmp_path / "o", capsys))
    assert {"name.inconsistent", "boilerplate"} <= set(f.check)


def test_jsonl_without_source(tmp_path, capsys):
    p = tmp_path / "c.jsonl"
    p.write_text(json.dumps({"doc_id": "d1", "systems": {"web": AR}}, ensure_ascii=False) + "\n", encoding="utf-8")
    _check_source_free(tmp_path / "o", _run(p, tmp_path / "o", capsys))


def test_tsv_without_source_column(tmp_path, capsys):
    p = tmp_path / "c.tsv"
    p.write_text("doc_id\tweb\n" + "".join(f"d1\t{line}\n" for line in AR.splitlines()), encoding="utf-8")
    _check_source_free(tmp_path / "o", _run(p, tmp_path / "o", capsys))


def test_mixed_corpus_evaluates_each_document_with_what_it_has(tmp_path, capsys):
    root = tmp_path / "c"
    for rel, text in {"source/d1.txt": "Nazarbayev said Kazakhstan was ready.\n",
                      "systems/web/d1.txt": "قال نزارباييف إن كازاخستان مستعدة.\nاقرأ أيضاً\n",
                      "systems/web/d2.txt": AR}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    assert [f.check for f in load_corpus(root).findings] == ["ingest.source_free"]
    _run(root, tmp_path / "o", capsys)
    f = _findings(tmp_path / "o")
    assert set(f[f.doc_id == "d2"].check) & SOURCE_CHECKS == set()
    assert "addition" in set(f[f.doc_id == "d1"].check)  # the sourced document is aligned: the furniture is added
    summary = json.loads((tmp_path / "o" / "summary.json").read_text(encoding="utf-8"))
    assert summary["source_free"] == {"documents": 1, "of": 2}


def test_names_command_on_a_source_free_corpus(tmp_path, capsys):
    (tmp_path / "c" / "systems" / "web").mkdir(parents=True)
    (tmp_path / "c" / "systems" / "web" / "d1.txt").write_text(AR, encoding="utf-8")
    try:
        main(["names", str(tmp_path / "c")])
    except SystemExit as e:
        assert not e.code
    out = capsys.readouterr().out
    assert "نزارباييف ×1, نزارباي ×1" in out and "name.inconsistent" in out


def test_the_seed_article_alone(tmp_path, capsys):
    seed = shared_path("seed", "000_c81270ce0b9162ad.txt")
    (tmp_path / "c" / "systems" / "web").mkdir(parents=True)
    (tmp_path / "c" / "systems" / "web" / "seed.txt").write_bytes(seed.read_bytes())
    _run(tmp_path / "c", tmp_path / "o", capsys)
    f = _findings(tmp_path / "o")
    assert not SOURCE_CHECKS & set(f.check)
    groups = {tuple(sorted(x["form"] for x in json.loads(d)["forms"]))
              for d in f[f.check.str.startswith("name.")].details}
    for pair in (("نزارباي", "نزارباييف"), ("توكاي", "توكاييف"), ("قازاقستان", "كازاخستان"), ("ابلياسوف", "أبلياسوف")):
        assert tuple(sorted(pair)) in groups, pair
    furniture = " ".join(f[f.check == "boilerplate"].target_excerpt)
    assert "READ" in furniture and "اترك تعليقاً" in furniture


def test_line_files_without_source(tmp_path, capsys):
    web = tmp_path / "web.ar"
    web.write_text(AR, encoding="utf-8")
    try:
        main(["run", "--system", f"web={web}", "--out", str(tmp_path / "o"), "--no-progress"])
    except SystemExit as e:
        assert not e.code
    f = _check_source_free(tmp_path / "o", capsys.readouterr())
    assert "name.inconsistent" in set(f.check)
