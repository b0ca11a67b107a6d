"""`mteval score`: sacrebleu's numbers for line-aligned files, multi-system, document-aware, clear errors."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from sacrebleu.metrics import BLEU, CHRF, TER
from sacrebleu.significance import PairedTest

from eval.cli import main
from eval.commands.score import command
from tests.metrics._data import corpus, systems


def _write(path, lines, *, bom=False, crlf=False):
    nl = "\r\n" if crlf else "\n"
    data = nl.join(lines) + nl
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data.encode("utf-8"))
    return path


@pytest.fixture
def files(tmp_path):
    ref, docs = corpus(3)
    sy = systems(ref)
    paths = {"ref": _write(tmp_path / "ref.txt", ref), "ids": _write(tmp_path / "ids.tsv", [f"{d}\tx" for d in docs])}
    for name, lines in sy.items():
        paths[name] = _write(tmp_path / f"{name}.txt", lines)
    return ref, docs, sy, paths


def _invoke(args):
    result = CliRunner().invoke(command, [str(a) for a in args], catch_exceptions=False)
    return result


def _json(args):
    r = _invoke([*args, "--format", "json"])
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def _main(args, capsys):
    with pytest.raises(SystemExit) as e:
        main([str(a) for a in args])
    out = capsys.readouterr()
    return e.value.code, out.out, out.err


def test_paired_bs_json_equals_sacrebleu(files):
    ref, _, sy, p = files
    out = _json(["-r", p["ref"], "-s", f"base={p['base']}", "-s", f"close={p['close']}", "-s", f"worse={p['worse']}",
                 "--paired-bs", "--paired-bs-n", 150, "-m", "bleu,chrf,ter"])
    named = [(n, sy[n]) for n in ("base", "close", "worse")]
    metrics = {"bleu": BLEU(tokenize="intl"), "chrf": CHRF(), "ter": TER()}
    _, res = PairedTest(named, {k.upper(): v for k, v in metrics.items()}, [ref], test_type="bs", n_samples=150)()
    keys = {"bleu": "BLEU", "chrf": "chrF2", "ter": "TER"}
    assert out["baseline"] == "base" and out["systems"] == ["base", "close", "worse"]
    for m, key in keys.items():
        for i, (name, _) in enumerate(named):
            got, exp = out["metrics"][m]["systems"][name], res[key][i]
            assert (got["score"], got["mean"], got["ci"], got["p_value"]) == (exp.score, exp.mean, exp.ci, exp.p_value)
        assert out["metrics"][m]["signature"].endswith("|norm:none")
        assert "bs:150|seed:12345" in out["metrics"][m]["signature"]
    assert out["test"] == {"method": "paired-bs", "n": 150, "n_confidence": None, "seed": 12345, "unit": "segments"}
    assert out["metrics"]["bleu"]["systems"]["worse"]["significant"] is True


def test_paired_ar_and_text_table(files):
    _, _, _, p = files
    r = _invoke(["-r", p["ref"], "-s", f"base={p['base']}", "-s", f"better={p['better']}", "--paired-ar",
                 "--paired-ar-n", 200, "--confidence-n", 50, "-m", "chrf"])
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert lines[0].startswith("System") and "chrF2" in lines[0]
    assert any(line.startswith("Baseline: base") for line in lines)
    better = next(line for line in lines if line.startswith("better"))
    assert "(p = " in better and better.rstrip().endswith("*")
    assert "approximate randomization test with 200 trials" in r.stdout
    assert "ar:200" in r.stdout and "|norm:none" in r.stdout


def test_single_system_scores_and_confidence(files):
    ref, _, sy, p = files
    out = _json(["-r", p["ref"], "-s", p["base"], "--confidence", "--confidence-n", 80, "-m", "bleu,chrf++"])
    name = p["base"].name  # without NAME=, the file name is the system name
    chrfpp = CHRF(word_order=2).corpus_score(sy["base"], [ref], n_bootstrap=80)
    got = out["metrics"]["chrf++"]["systems"][name]
    assert got["score"] == chrfpp.score
    assert got["ci_low"] < got["score"] < got["ci_high"]
    assert out["metrics"]["bleu"]["systems"][name]["score"] == BLEU(tokenize="intl").corpus_score(sy["base"], [ref]).score
    assert "bs:80|seed:12345" in out["metrics"]["bleu"]["signature"]


def test_bom_and_crlf_do_not_change_scores(files, tmp_path):
    ref, _, sy, p = files
    ref_w = _write(tmp_path / "ref_win.txt", ref, bom=True, crlf=True)
    hyp_w = _write(tmp_path / "base_win.txt", sy["base"], bom=True, crlf=True)
    a = _json(["-r", p["ref"], "-s", f"x={p['base']}", "-m", "bleu,chrf,ter"])
    b = _json(["-r", ref_w, "-s", f"x={hyp_w}", "-m", "bleu,chrf,ter"])
    assert a["metrics"] == b["metrics"]
    assert a["metrics"]["ter"]["systems"]["x"]["score"] == TER().corpus_score(sy["base"], [ref]).score


def test_line_count_mismatch_is_an_error_naming_file_and_counts(files, tmp_path, capsys):
    ref, _, sy, p = files
    short = _write(tmp_path / "short.txt", sy["close"][:-5])
    code, _, err = _main(["score", "-r", p["ref"], "-s", f"base={p['base']}", "-s", f"short={short}"], capsys)
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert "short.txt" in err and f"has {len(ref) - 5} lines" in err and f"has {len(ref)}" in err
    assert "--allow-mismatch" in err


def test_allow_mismatch_scores_the_common_lines_and_reports_the_rest(files, tmp_path):
    ref, _, sy, p = files
    n = len(ref) - 5
    short = _write(tmp_path / "short.txt", sy["close"][:n])
    r = CliRunner().invoke(command, ["-r", str(p["ref"]), "-s", f"base={p['base']}", "-s", f"short={short}",
                                     "--allow-mismatch", "-m", "bleu", "-f", "json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert out["n_segments"] == n
    assert out["left_out"]["lines_not_in_every_system"] == [n + 1, len(ref)]
    assert out["metrics"]["bleu"]["systems"]["base"]["score"] == BLEU(tokenize="intl").corpus_score(
        sy["base"][:n], [ref[:n]]).score
    assert "warning" in r.stderr and "short.txt" in r.stderr


def test_empty_lines_missing_reference_and_documents(files, tmp_path):
    ref, docs, sy, p = files
    ref2 = list(ref)
    gone = [i for i, d in enumerate(docs) if d == "doc1"]  # a whole document without reference
    for i in gone:
        ref2[i] = ""
    hyp = list(sy["close"])
    hyp[3] = ""
    rp = _write(tmp_path / "ref_gap.txt", ref2)
    hp = _write(tmp_path / "close_gap.txt", hyp)
    r = CliRunner().invoke(command, ["-r", str(rp), "-s", f"base={p['base']}", "-s", f"close={hp}",
                                     "--doc-ids", str(p["ids"]), "-m", "chrf", "-f", "json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    keep = [i for i in range(len(ref)) if i not in gone]
    assert out["n_segments"] == len(keep)
    assert out["left_out"]["lines_without_reference"] == [i + 1 for i in gone]
    assert out["left_out"]["documents"] == ["doc1"]
    assert out["metrics"]["chrf"]["systems"]["close"]["score"] == CHRF().corpus_score(
        [hyp[i] for i in keep], [[ref[i] for i in keep]]).score
    assert "1 empty line(s)" in r.stderr and "line 4" not in r.stderr and "lines 4" in r.stderr
    # per-document scores are sacrebleu corpus scores of that document's lines
    d0 = [i for i in keep if docs[i] == "doc0"]
    assert out["documents"]["doc0"]["close"]["chrf"] == CHRF().corpus_score([hyp[i] for i in d0], [[ref[i] for i in d0]]).score
    assert "doc1" not in out["documents"]


def test_document_resampling(files):
    _, _, _, p = files
    base = ["-r", p["ref"], "-s", f"base={p['base']}", "-s", f"close={p['close']}", "--paired-bs",
            "--paired-bs-n", 100, "-m", "bleu", "--doc-ids", p["ids"]]
    seg = _json(base)
    doc = _json([*base, "--resample", "documents"])
    assert doc == _json([*base, "--resample", "documents"])
    assert doc["test"]["unit"] == "documents" and doc["metrics"]["bleu"]["signature"].endswith("|unit:documents")
    s, d = seg["metrics"]["bleu"]["systems"]["close"], doc["metrics"]["bleu"]["systems"]["close"]
    assert s["score"] == d["score"] and (s["ci"], s["p_value"]) != (d["ci"], d["p_value"])
    r = _invoke(["-r", p["ref"], "-s", f"base={p['base']}", "-s", f"close={p['close']}", "--doc-ids", p["ids"],
                 "-m", "bleu", "--by-document"])
    assert "doc2" in r.stdout


def test_usage_errors(files, tmp_path, capsys):
    _, _, _, p = files
    r = CliRunner().invoke(command, ["-r", str(p["ref"]), "-s", f"a={p['base']}", "-s", f"b={p['close']}",
                                     "--paired-bs", "--paired-ar"])
    assert r.exit_code == 2 and "mutually exclusive" in r.output
    r = CliRunner().invoke(command, ["-r", str(p["ref"]), "-s", str(p["base"]), "--resample", "documents"])
    assert r.exit_code == 2 and "--doc-ids" in r.output
    r = CliRunner().invoke(command, ["-r", str(p["ref"]), "-s", str(p["base"]), "-m", "bleu,meteor"])
    assert r.exit_code == 2 and "meteor" in r.output
    code, _, err = _main(["score", "-r", tmp_path / "nope.txt", "-s", f"a={p['base']}"], capsys)
    assert code == 2 and "nope.txt" in err and "no such file" in err
    bad_ids = _write(tmp_path / "ids_short.tsv", ["doc0"] * 3)
    code, _, err = _main(["score", "-r", p["ref"], "-s", f"a={p['base']}", "--doc-ids", bad_ids], capsys)
    assert code == 2 and "3 document ids" in err
    empty = _write(tmp_path / "empty.txt", [])
    empty.write_bytes(b"")
    code, _, err = _main(["score", "-r", p["ref"], "-s", f"a={empty}"], capsys)
    assert code == 2 and "no lines" in err


def test_intl_is_the_default_and_normalisation_is_a_switch(tmp_path):
    ref = _write(tmp_path / "r.txt", ["أعلنت الحكومة، اليوم؟ خطة جديدة"])
    hyp = _write(tmp_path / "h.txt", ["اعلنت الحكومه ، اليوم ؟ خطه جديده"])
    plain = _json(["-r", ref, "-s", f"h={hyp}", "-m", "bleu"])["metrics"]["bleu"]
    normed = _json(["-r", ref, "-s", f"h={hyp}", "-m", "bleu", "--normalize", "arabic"])["metrics"]["bleu"]
    assert normed["systems"]["h"]["score"] == pytest.approx(100.0)
    assert plain["systems"]["h"]["score"] < 50
    assert "tok:intl" in plain["signature"] and normed["signature"].endswith("|norm:arabic")
