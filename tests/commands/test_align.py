"""`mteval align`: TSV and JSON output, --split, --monolingual, and one-line errors for bad files."""

from __future__ import annotations

import json

import pytest

from eval.cli import main

EN = "Kazakh leader Tokayev met Putin in Moscow on Monday.\nThe talks lasted 3 hours, officials said.\n"
AR = "التقى الرئيس الكازاخستاني توكاييف بوتين في موسكو يوم الاثنين.\nاقرأ أكثر\nواستمرت المحادثات 3 ساعات، بحسب مسؤولين.\n"


def run(args, capsys):
    try:
        main(list(args))
        code = 0
    except SystemExit as e:
        code = e.code or 0
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def files(tmp_path):
    en, ar = tmp_path / "en.txt", tmp_path / "ar.txt"
    en.write_text(EN, encoding="utf-8")
    ar.write_bytes(("\ufeff" + AR.replace("\n", "\r\n")).encode("utf-8"))  # BOM and CRLF are tolerated
    return en, ar


def test_tsv(files, capsys):
    code, out, err = run(["align", "--source", str(files[0]), "--target", str(files[1])], capsys)
    assert code == 0, err
    rows = [line.split("\t") for line in out.splitlines()]
    assert [r[:3] for r in rows] == [["0", "0", "1-1"], ["", "1", "0-1"], ["1", "2", "1-1"]]
    assert all(0.0 <= float(r[3]) <= 1.0 for r in rows)


def test_json(files, capsys):
    code, out, err = run(["align", "-s", str(files[0]), "-t", str(files[1]), "--format", "json"], capsys)
    assert code == 0, err
    rows = json.loads(out)
    assert [(r["source"], r["target"], r["kind"]) for r in rows] == [([0], [0], "1-1"), ([], [1], "0-1"), ([1], [2], "1-1")]
    assert rows[1]["target_text"] == "اقرأ أكثر"
    assert rows[0]["source_text"].startswith("Kazakh leader")


def test_split_paragraphs_into_sentences(tmp_path, capsys):
    en, ar = tmp_path / "en.txt", tmp_path / "ar.txt"
    en.write_text(EN.replace("\n", " "), encoding="utf-8")  # one paragraph, two sentences
    ar.write_text("التقى الرئيس الكازاخستاني توكاييف بوتين في موسكو يوم الاثنين. واستمرت المحادثات 3 ساعات، بحسب مسؤولين.",
                  encoding="utf-8")
    code, out, err = run(["align", "-s", str(en), "-t", str(ar), "--split"], capsys)
    assert code == 0, err
    assert [line.split("\t")[:3] for line in out.splitlines()] == [["0", "0", "1-1"], ["1", "1", "1-1"]]


def test_monolingual_and_output_file(files, tmp_path, capsys):
    ref = tmp_path / "ref.txt"
    ref.write_text(AR.replace("اقرأ أكثر\n", ""), encoding="utf-8")
    out_file = tmp_path / "beads.tsv"
    code, out, err = run(["align", "-s", str(files[1]), "-t", str(ref), "--monolingual", "-o", str(out_file)], capsys)
    assert code == 0, err
    assert out == ""
    rows = [line.split("\t")[:3] for line in out_file.read_text(encoding="utf-8").splitlines()]
    assert rows == [["0", "0", "1-1"], ["1", "", "1-0"], ["2", "1", "1-1"]]


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda p: p / "missing.txt", "no such file"),
        (lambda p: p, "is a directory"),
        (lambda p: (p / "u16.txt").write_bytes(b"\xff\xfe\x00abc") and p / "u16.txt", "UTF-16"),
        (lambda p: (p / "bad.txt").write_bytes(b"ok\nab\xffc\n") and p / "bad.txt", "invalid UTF-8 at byte 5"),
        (lambda p: (p / "bin.txt").write_bytes(b"abc\x00def") and p / "bin.txt", "NUL byte"),
    ],
)
def test_bad_input_is_one_line_without_traceback(files, tmp_path, capsys, make, message):
    bad = make(tmp_path)
    code, out, err = run(["align", "--source", str(bad), "--target", str(files[1])], capsys)
    assert code == 2
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert str(bad) in err


def test_missing_option_is_a_usage_error(files, capsys):
    code, _out, err = run(["align", "--source", str(files[0])], capsys)
    assert code == 2 and "--target" in err
