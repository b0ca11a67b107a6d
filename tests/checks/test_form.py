"""Form checks: punctuation, spacing, quotes, whitespace, characters, empty."""

from __future__ import annotations

from eval.checks.form import digit_runs, imbalances, latin_punctuation, quote_counts, spacing_problems
from eval.model import Bead

SRC = "The minister said the deal would be signed."


def test_latin_punctuation():
    assert [c for _, c in latin_punctuation("فاز الحزب في الاقتراع, حصل على 40 مقعدا؟")] == [","]
    assert latin_punctuation("بلغ العدد 1,200 شخص، وقال: لماذا؟") == []  # digits keep their comma
    assert [c for _, c in latin_punctuation("هل وقع الاتفاق ?")] == ["?"]


def test_latin_punctuation_check(run):
    assert run("punctuation.latin", SRC, "قال الوزير، إن الاتفاق سيوقع.") == []
    (f,) = run("punctuation.latin", SRC, "قال الوزير, إن الاتفاق سيوقع.")
    assert f.details["marks"] == {",": 1} and "،" in f.message


def test_spacing_problems():
    kinds = [p["kind"] for p in spacing_problems("قال نزارباييف ، الذي استقال.")]
    assert kinds == ["space_before"]
    assert [p["kind"] for p in spacing_problems("كانت باردة.مبروك للجميع")] == ["missing_space_after"]
    assert [p["kind"] for p in spacing_problems("قال،إن الاتفاق")] == ["missing_space_after"]
    assert "doubled" in [p["kind"] for p in spacing_problems("هيكل شبيه بالاتحاد السوفيتي”. .")]
    assert "doubled" in [p["kind"] for p in spacing_problems("وقال،، إن")]
    # clean: numbers, ellipsis, abbreviations, "?!"
    assert spacing_problems("بلغ 3.5 مليون... وقال د.محمد: حقا؟! نعم.") == []


def test_spacing_check(run):
    assert run("punctuation.spacing", SRC, "قال الوزير، إن الاتفاق سيوقع.") == []
    (f,) = run("punctuation.spacing", SRC, "قال الوزير ، إن الاتفاق سيوقع .")
    assert f.details["counts"] == {"space_before": 2}


def test_quote_counts_and_imbalance():
    assert imbalances("قال “نعم” و«لا» (هنا)") == []
    assert imbalances("قال “نعم و“لا”") == ["“”"]
    assert imbalances('قال "نعم') == ['"']
    assert quote_counts("“a” “b") == {"“": 2, "”": 1}


def test_quotes_check_per_paragraph(run):
    tgt = ["وقال “لن أعود.", "الناس يسألونني.", "قال “نعم”."]
    assert run("quotes.unbalanced", ["He said.", "People ask.", "Yes."], tgt[2:]) == []
    (f,) = run("quotes.unbalanced", ["He said.", "People ask.", "Yes."], tgt, target_paragraphs=[0, 0, 1])
    assert f.target_ids == (0, 1) and f.details["counts"] == {"“": 1}
    assert f.details["document_counts"] == {"“": 2, "”": 1}


def test_quotes_skip_when_the_source_paragraph_is_open_too(run):
    # English multi-paragraph quotes leave the paragraph open; a target that mirrors it is fine
    assert run("quotes.unbalanced", '"I will not go back', "“لن أعود") == []
    assert run("quotes.unbalanced", '"I will not go back', "“لن أعود", {"skip_if_source_unbalanced": False})


def test_whitespace(run):
    assert run("whitespace", SRC, "قال الوزير إن الاتفاق سيوقع.") == []
    (f,) = run("whitespace", SRC, "READ\u00a0 قال الوزير\tإن\u200bالاتفاق")
    assert set(f.details["counts"]) == {"doubled", "tab", "zero_width"}


def test_characters(run):
    assert run("characters", SRC, "قال الوزير إن الاتفاق سيوقع في 2022.") == []
    for bad, kind in [
        ("قال الوزير \ufffd إن", "replacement"),
        ("Ø§Ù„ÙˆØ²ÙŠØ± قال", "mojibake"),
        ("ﺍﻟﻮﺯﻳﺮ قال", "presentation_form"),
    ]:
        (f,) = run("characters", SRC, bad)
        assert f.details["counts"] == {kind: 1} or kind in f.details["counts"]
        assert f.severity == "major"
    (f,) = run("characters", SRC, "قال \u200fالوزير")
    assert f.details["counts"] == {"bidi_control": 1} and f.severity == "minor"  # kind_severity default
    (f,) = run("characters", SRC, "قال \u200fالوزير", {"kind_severity": {}})
    assert f.severity == "major"


def test_mixed_digit_systems(run):
    tgt = ["صوت 1200 شخص في 2020.", "وفي ٢٠٢١ صوت 900.", "بلغت النسبة 40%."]
    (f,) = run("characters", ["a", "b", "c"], tgt)
    assert f.target_ids == (1,) and f.details["problems"][0]["text"] == "٢٠٢١"
    assert run("characters", ["a", "b"], ["صوت ١٢٠٠ شخص في ٢٠٢٠.", "وفي ٢٠٢١ صوت ٩٠٠."]) == []
    text = "لقاح COVID-19 ومجموعة G7 عام ٢٠٢٠"  # digits glued to Latin letters are not counted
    assert digit_runs(text) == [(text.index("٢"), len(text), "٢٠٢٠", "arabic-indic")]


def test_empty(run):
    assert run("empty", SRC, "قال الوزير.") == []
    (f,) = run("empty", SRC, [], beads=[Bead((0,), ())])
    assert f.severity == "critical" and f.details["level"] == "document"
    (f,) = run("empty", [SRC, "Second."], ["قال الوزير.", "."])
    assert f.details["level"] == "sentence" and f.target_ids == (1,)
