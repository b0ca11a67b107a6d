"""The report's building blocks: text runs, reference diff, name marks, SVG escaping, JSON embedding."""

from __future__ import annotations

import json

import numpy as np
from markupsafe import Markup

from eval.report import svg
from eval.report.load import as_ids, metric_for
from eval.report.marks import BIDI_CONTROLS, NameMark, annotate, diff_spans, mark_bidi
from eval.report.render import json_script
from eval.report.view import check_category, verdict_flag


def test_bidi_controls_become_marker_runs():
    runs = annotate("قال \u202eستنخفض\u202c الأسعار")
    assert "".join(r.text for r in runs) == "قال ستنخفض الأسعار"
    assert [r.bidi for r in runs if r.bidi] == ["RLO", "PDF"]
    assert not any(ch in r.text for r in runs for ch in BIDI_CONTROLS)
    assert mark_bidi("doc\u2067x\u2069") == "doc⟨RLI⟩x⟨PDI⟩"
    assert mark_bidi("plain") == "plain"


def test_plain_text_is_one_run():
    runs = annotate("نص عادي بلا علامات")
    assert len(runs) == 1 and runs[0].plain


def test_diff_marks_only_words_missing_from_the_reference():
    hyp = "قبل الرئيس الكازاخي توكاييف استقالة الحكومة في 6 يناير"
    ref = "قبل الرئيس الكازاخستاني توكاييف استقالة الحكومة في 5 يناير"
    marked = [hyp[a:b] for a, b in diff_spans(hyp, ref)]
    assert marked == ["الكازاخي", "6"]


def test_diff_ignores_spelling_noise_every_scorer_normalises():
    # hamza on alef, tanween, alef maqsura and trailing punctuation are not differences
    hyp = "أصدرت الحكومة قانونًا إلى المجلس."
    ref = "اصدرت الحكومة قانونا الى المجلس"
    assert diff_spans(hyp, ref) == []
    assert diff_spans("", ref) == []
    assert diff_spans(hyp, "") == [(0, len(hyp))]


def test_name_marks_arabic_inside_clitics_english_whole_words():
    ar = annotate("وقال توكاييف إن لتوكاييف", [NameMark("توكاييف", 3, "Tokayev")])
    hits = [r for r in ar if r.entity == 3]
    assert [r.text for r in hits] == ["توكاييف", "توكاييف"] and hits[0].title == "Tokayev"
    en = annotate("Kazakh and Kazakhstan", [NameMark("Kazakh", 1)], latin=True)
    assert [r.text for r in en if r.entity == 1] == ["Kazakh"]


def test_longer_form_wins_over_its_prefix():
    runs = annotate("نزارباييف", [NameMark("نزارباي", 0), NameMark("نزارباييف", 1)])
    assert [(r.text, r.entity) for r in runs] == [("نزارباييف", 1)]


def test_names_and_diff_combine():
    runs = annotate("قال نزارباي اليوم", [NameMark("نزارباي", 2, flag="bad")], reference="قال نزارباييف اليوم")
    name = next(r for r in runs if r.entity == 2)
    assert name.diff and name.flag == "bad"
    assert all(not r.diff for r in runs if r.entity < 0)


def test_svg_escapes_data():
    chart = svg.per_document_chart(["<script>x</script>"], {"<b>sys</b>": [50.0]}, "chrF")
    assert isinstance(chart, Markup)
    assert "<script>" not in chart and "&lt;script&gt;" in chart and "<b>" not in chart
    assert "http" not in chart  # no xmlns: inline SVG in HTML needs none
    assert svg.distribution_chart({"a": []}, "chrF") == ""
    assert svg.findings_chart([], {}) == ""


def test_ci_chart_and_markers_draw_every_system():
    chart = svg.ci_chart([("a", 0, 50.0, 48.0, 52.0), ("b", 1, 45.0, None, None)], "chrF", False)
    assert chart.count("<title>") == 3  # the chart's own title plus one per system marker
    shapes = {svg.marker(i, 0, 0, 3, "#000").split(" ", 1)[0] for i in range(8)}
    assert shapes == {"<circle", "<rect", "<polygon", "<path"}


def test_json_script_cannot_break_out_and_keeps_arabic_compact():
    obj = {"m": "</script><!-- & 'x' \u2028 نص"}
    text = str(json_script(obj))
    assert "<" not in text and ">" not in text and "&" not in text and "'" not in text and "\u2028" not in text
    assert "نص" in text  # UTF-8, not \\u escapes
    assert json.loads(text) == obj


def test_ids_from_any_storage():
    assert as_ids(np.array([1, 2])) == (1, 2)
    assert as_ids("[3, 4]") == (3, 4)
    assert as_ids(None) == () and as_ids(float("nan")) == () and as_ids("") == ()
    assert as_ids([1.0, float("nan")]) == (1,)


def test_metric_names_map_between_summary_and_tables():
    assert metric_for("chrf++").column == "chrf_pp" and metric_for("chrf++").label == "chrF++"
    assert not metric_for("ter").higher_is_better
    assert metric_for("bt_chrf").column == "bt_chrf" and metric_for("bt_chrf").higher_is_better


def test_check_categories_and_verdicts():
    assert check_category("name.glossary") == "names"
    assert check_category("punctuation.latin") == "form" and check_category("empty") == "form"
    assert check_category("number.mismatch") == "content"
    assert verdict_flag("ok") == "ok" and verdict_flag("mistranslated") == "bad" and verdict_flag("whatever") == ""
    # the names stage's vocabulary: "glossary" means the form differs from the approved spelling
    assert verdict_flag("glossary") == "bad" and verdict_flag("truncated") == "bad" and verdict_flag("unmatched") == ""


def test_count_axes_use_whole_number_ticks():
    from eval.report.svg import _count_scale

    for peak in range(0, 3000, 7):
        top, n = _count_scale(peak)
        assert top >= max(peak, 1) and top % n == 0
        assert peak < 2 or top < 2 * peak  # not more than twice the data: bars stay readable
