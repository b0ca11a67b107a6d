"""End-to-end `mteval run`: the results-folder contract, nothing lost, determinism, bad input."""

import json

import pandas as pd
import pytest

from eval.cli import main
from tests.conftest import shared_path


def run_cli(args, capsys):
    code = 0
    try:
        main([*args])
    except SystemExit as e:
        code = e.code or 0
    out = capsys.readouterr()
    return code, out.out, out.err


def _ok(args, capsys):
    try:
        main(args)
    except SystemExit as e:  # pragma: no cover - only on failure
        out = capsys.readouterr()
        raise AssertionError(f"exit {e.code}: {out.err}") from None
    return capsys.readouterr()


def _mini(tmp_path):
    root = tmp_path / "mini"
    files = {
        "source/d1.txt": "Kazakh leader Tokayev met Putin in Moscow on Monday.\nThe talks lasted 3 hours, officials said.\n",
        "reference/d1.txt": "التقى الرئيس الكازاخستاني توكاييف بوتين في موسكو يوم الاثنين.\nواستمرت المحادثات 3 ساعات، بحسب مسؤولين.\n",
        "systems/good/d1.txt": "التقى الزعيم الكازاخستاني توكاييف ببوتين في موسكو يوم الاثنين.\nاستمرت المحادثات 3 ساعات، حسبما قال مسؤولون.\n",
        "systems/bad/d1.txt": "التقى الزعيم توكاي بوتين في موسكو يوم الاثنين.\nاقرأ أكثر\nاستمرت المحادثات 5 ساعات , قال المسؤولون.\n",
        "source/d2.txt": "Oil prices rose 2% in Almaty.\n",
        "reference/d2.txt": "ارتفعت أسعار النفط 2% في ألماتي.\n",
        "systems/good/d2.txt": "ارتفعت أسعار النفط بنسبة 2% في ألماتي.\n",
        "systems/bad/d2.txt": "<script>alert(1)</script> ارتفعت أسعار النفط في ألماتي.\n",
    }
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return root


def test_run_writes_the_results_contract(tmp_path, capsys):
    corpus = _mini(tmp_path)
    out = tmp_path / "out"
    res = _ok([ "run", str(corpus), "--out", str(out), "--no-progress", "--bootstrap", "200"], capsys)
    assert "report:" in res.out
    for name in ("sentences", "segments", "findings", "documents", "names"):
        assert (out / f"{name}.parquet").is_file(), name
    assert (out / "report.html").is_file()
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["systems"] == ["bad", "good"]
    for s in ("bad", "good"):
        chrf = summary["scores"][s]["chrf"]
        assert chrf["ci_low"] <= chrf["score"] <= chrf["ci_high"]
        assert "nrefs:1" in chrf["signature"] and "norm:none" in chrf["signature"]
    assert summary["scores"]["good"]["chrf"]["score"] > summary["scores"]["bad"]["chrf"]["score"]
    assert summary["significance"]["chrf"]["pairs"][0]["a"] == "bad"

    # every input sentence of every side is in sentences.parquet, and in exactly one segment
    sents = pd.read_parquet(out / "sentences.parquet")
    segs = pd.read_parquet(out / "segments.parquet")
    for side in ("source", "reference:ref", "system:good", "system:bad"):
        got = sents[sents.side == side]
        assert len(got) >= 3, side
    for system in ("good", "bad"):
        s = segs[segs.system == system]
        for doc in ("d1", "d2"):
            ds = s[s.doc_id == doc]
            src_ids = sorted(i for ids in ds.source_ids for i in ids)
            tgt_ids = sorted(i for ids in ds.target_ids for i in ids)
            n_src = int(((sents.doc_id == doc) & (sents.side == "source")).sum())
            n_tgt = int(((sents.doc_id == doc) & (sents.side == f"system:{system}")).sum())
            assert src_ids == list(range(n_src)) and tgt_ids == list(range(n_tgt))
    # the injected "اقرأ أكثر" is an addition finding of system bad, and the HTML is kept as text
    f = pd.read_parquet(out / "findings.parquet")
    assert ((f.system == "bad") & (f.check == "addition")).any()
    assert sents.text.str.contains("<script>", regex=False).any()


def test_run_is_deterministic(tmp_path, capsys):
    corpus = _mini(tmp_path)
    for name in ("a", "b"):
        _ok(["run", str(corpus), "--out", str(tmp_path / name), "--no-progress", "--no-report", "--bootstrap", "100"], capsys)
    for f in ("sentences.parquet", "segments.parquet", "findings.parquet", "documents.parquet", "names.parquet", "summary.json"):
        assert (tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes(), f


def test_run_bad_input_is_one_line_error(tmp_path, capsys):
    code, _, err = run_cli(["run", str(tmp_path / "missing"), "--out", str(tmp_path / "o")], capsys)
    assert code == 2 and err.startswith("mteval: error:") and "no such file" in err and "Traceback" not in err
    (tmp_path / "s.txt").write_text("a\nb\n")
    (tmp_path / "h.txt").write_text("ا\n")
    code, _, err = run_cli(["run", "--source", str(tmp_path / "s.txt"), "--system", f"X={tmp_path / 'h.txt'}", "--out", str(tmp_path / "o")], capsys)
    assert code == 2 and "has 1 lines but the source" in err
    (tmp_path / "bad.toml").write_text("[metrics]\nnormalize='x'\n")
    code, _, err = run_cli(["run", str(_mini(tmp_path)), "--config", str(tmp_path / "bad.toml")], capsys)
    assert code == 2 and "normalize" in err


def test_help_for_every_command(capsys):
    for cmd in ([], ["run"], ["score"], ["align"], ["names"], ["report"]):
        code, out, _ = run_cli([*cmd, "--help"], capsys)
        assert code == 0 and "Usage:" in out


def test_ntrex_reference_against_itself_scores_100(tmp_path, capsys):
    d = shared_path("data", "ntrex")
    out = tmp_path / "ntrex"
    _ok([
        "run", "--source", str(d / "newstest2019-src.eng.txt"), "--reference", str(d / "newstest2019-ref.arb.txt"),
        "--system", f"ref={d / 'newstest2019-ref.arb.txt'}", "--doc-ids", str(d / "DOCUMENT_IDS.tsv"),
        "--out", str(out), "--no-progress", "--no-report", "--significance", "none", "--bootstrap", "10",
    ], capsys)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["totals"]["documents"] == 123
    assert summary["scores"]["ref"]["chrf"]["score"] == pytest.approx(100.0)
    sents = pd.read_parquet(out / "sentences.parquet")
    assert int((sents.side == "source").sum()) == 1997


def test_one_count_vocabulary_in_cli_summary_and_report(tmp_path, capsys):
    """The CLI once said "432 segments" (rows of every system) where the report said 144."""
    from eval.counts import phrases

    corpus, out = _mini(tmp_path), tmp_path / "out"
    res = _ok(["run", str(corpus), "--out", str(out), "--no-progress", "--bootstrap", "50"], capsys)
    totals = json.loads((out / "summary.json").read_text(encoding="utf-8"))["totals"]
    sentences = pd.read_parquet(out / "sentences.parquet")
    segments = pd.read_parquet(out / "segments.parquet")
    per_side = sentences.groupby("side").size()
    assert totals["sentences"] == {side: int(per_side.get(side, 0)) for side in per_side.index}
    assert sum(totals["sentences"].values()) == len(sentences)
    assert totals["segments"] == {s: int(n) for s, n in segments.groupby("system").size().items()}
    assert (totals["documents"], totals["systems"], totals["references"]) == (2, 2, 1)
    line = " · ".join(phrases(totals))
    assert line in res.out
    assert f"sentences: source {totals['sentences']['source']}" in line and "aligned segments per system" in line
    html = (out / "report.html").read_text(encoding="utf-8")
    for phrase in phrases(totals):
        assert f"<bdi>{phrase}</bdi>" in html
    report = (out / "report.html").resolve()
    assert f"report:  {report}" in res.out and f"open:    {report.as_uri()}" in res.out


@pytest.mark.parametrize("flag, value", [("--bootstrap", "0"), ("--bootstrap", "-5"), ("--jobs", "0"),
                                         ("--jobs", "-2"), ("--seed", "-1"), ("--seed", "abc")])
def test_numeric_options_are_validated_with_one_line(tmp_path, capsys, flag, value):
    code, out, err = run_cli(["run", str(_mini(tmp_path)), "--out", str(tmp_path / "o"), flag, value], capsys)
    assert code == 2
    assert f"Invalid value for '{flag}'" in err and "internal error" not in err and "Traceback" not in err
    assert not (tmp_path / "o").exists()
