"""report.html from a results folder: structure, numbers taken from the tables, escaping, CSP, bidi."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from eval.errors import InputError
from eval.report import render_html, render_report
from eval.report.load import load_results
from eval.report.marks import BIDI_CONTROLS
from eval.report.view import build


@pytest.fixture()
def html(results_dir: Path) -> str:
    return render_report(results_dir).read_text(encoding="utf-8")


def _csp(tree) -> dict[str, list[str]]:
    meta = next(n for n in tree.iter("meta") if (n.attrs.get("http-equiv") or "").lower() == "content-security-policy")
    out = {}
    for part in meta.attrs["content"].split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


def _json_block(tree) -> tuple[str, dict]:
    node = next(n for n in tree.iter("script") if n.attrs.get("id") == "report-data")
    raw = node.text()
    return raw, json.loads(raw)


# --- file and structure -------------------------------------------------------------------------


def test_writes_report_in_results_folder_by_default_and_to_out(results_dir: Path, tmp_path: Path):
    default = render_report(results_dir)
    assert default == results_dir / "report.html" and default.stat().st_size > 10_000
    other = render_report(results_dir, tmp_path / "elsewhere" / "r.html")
    assert other.is_file() and other.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_html_is_well_formed(html: str, html_tree):
    tree = html_tree(html)  # fails on any mis-nested or unclosed element
    assert next(tree.iter("html")).attrs.get("lang") == "en"
    assert next(tree.iter("meta")).attrs.get("charset") == "utf-8"
    ids = [n.attrs["id"] for n in tree.iter() if "id" in n.attrs]
    assert len(ids) == len(set(ids)), "duplicate ids"


def test_one_template_per_document_with_every_segment(results_dir: Path, html: str, html_tree):
    tree = html_tree(html)
    templates = list(tree.iter("template"))
    segs = pd.read_parquet(results_dir / "segments.parquet")
    assert len(templates) == segs["doc_id"].nunique() == 3
    rows = [n for n in templates[0].iter("tr") if (n.attrs.get("id") or "").startswith("d0-r")]
    # document 0 has five units (an addition unit first), shared by all systems
    assert len(rows) == segs[segs["doc_id"] == "kz-unrest-2022"]["segment"].nunique() == 5


def test_tables_have_header_scopes_and_controls_have_labels(html: str, html_tree):
    tree = html_tree(html)
    for th in tree.iter("th"):
        assert th.attrs.get("scope") in ("col", "row"), th.text()[:40]
    labels = {lab.attrs.get("for"): lab.text().strip() for lab in tree.iter("label")}
    for ctl in [*tree.iter("select"), *tree.iter("input")]:
        assert labels.get(ctl.attrs.get("id")), ctl.attrs
    assert [h.text() for h in tree.iter("h1")] and any("Findings" in h.text() for h in tree.iter("h2"))


# --- security -----------------------------------------------------------------------------------


def test_csp_forbids_everything_but_this_files_style_and_script(html: str, html_tree):
    tree = html_tree(html)
    csp = _csp(tree)
    assert csp["default-src"] == ["'none'"]
    assert csp["img-src"] == ["data:"]
    assert "'unsafe-inline'" not in csp["script-src"] and "'unsafe-inline'" not in csp["style-src"]
    scripts = [n for n in tree.iter("script") if n.attrs.get("type") != "application/json"]
    styles = list(tree.iter("style"))
    assert len(scripts) == 1 and len(styles) == 1

    def h(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    assert csp["script-src"] == [h(scripts[0].text())]
    assert csp["style-src"] == [h(styles[0].text())]


def test_no_external_url_outside_data(html: str, html_tree):
    tree = html_tree(html)
    for n in tree.iter():
        for name, value in n.attrs.items():
            assert not name.startswith("on"), f"event handler attribute {name} on <{n.tag}>"
            if value and name in ("href", "src", "action", "xlink:href", "srcset", "poster", "data"):
                assert value.startswith("#") or value.startswith("data:"), f"{name}={value!r}"
            assert "http://" not in (value or "") and "https://" not in (value or ""), f"{name}={value!r}"
    for n in [*tree.iter("style"), *(s for s in tree.iter("script") if s.attrs.get("type") != "application/json")]:
        assert "http" not in n.text() and "url(" not in n.text() and "@import" not in n.text()
    # the only URLs left are corpus text (the fixture's system output carries two)
    assert "https://tracker.example/pixel.png" in html or "https:\\/\\/tracker" in html


def test_xss_strings_are_text_not_markup(html: str, html_tree, xss_strings):
    for payload in xss_strings:
        assert payload not in html, payload
    tree = html_tree(html)
    assert [n.attrs.get("type") for n in tree.iter("script")] == ["application/json", None]
    assert not list(tree.iter("img")) and not any(n.tag == "svg" and "onload" in n.attrs for n in tree.iter())
    texts = tree.text()
    # … and they are shown as text, so a reviewer sees what the system produced
    assert "<script>window.__xss=1;alert(1)</script>" in texts
    assert 'onerror="window.__xss=1;alert(1)"' in texts
    assert "javascript:window.__xss=1" in texts


def test_json_block_cannot_close_its_script_and_round_trips(html: str, html_tree):
    tree = html_tree(html)
    raw, data = _json_block(tree)
    assert "<" not in raw and ">" not in raw and "&" not in raw
    messages = [f[5] for f in data["findings"]]
    assert "</script><script>window.__xss=1</script>" in messages
    assert any("<img src=x" in m for m in messages)
    # the raw HTML has exactly one end tag per script element
    assert html.count("</script>") == 2


def test_bidi_controls_never_reach_the_page(html: str, html_tree):
    for ch in BIDI_CONTROLS:
        assert ch not in html, f"U+{ord(ch):04X} in output"
    tree = html_tree(html)
    markers = [n for n in tree.iter("span") if "bidi" in n.classes()]
    assert {m.text() for m in markers} >= {"RLO", "PDF", "RLI", "PDI"}
    # labels (document ids, messages) carry a visible marker instead
    assert "xss⟨RLO⟩-evil<b>doc</b>" in tree.text()


def test_autoescape_is_on_for_every_template():
    from eval.report.render import environment

    env = environment()
    for name in env.list_templates():
        t = env.get_template(name)
        assert t.environment.autoescape is True
    src = "".join(env.loader.get_source(env, n)[0] for n in env.list_templates())
    assert "|safe" not in src and "| safe" not in src and "autoescape false" not in src


# --- numbers come from the tables ---------------------------------------------------------------


def test_scores_and_intervals_are_read_not_recomputed(results_dir: Path, html: str, html_tree):
    tree = html_tree(html)
    table = next(t for t in tree.iter("table") if "scores" in t.classes())
    rows = {tr.children and next(tr.iter("th")).text().strip(): tr for tr in table.iter("tr") if list(tr.iter("td"))}
    google = " ".join(td.text() for td in rows["google"].iter("td"))
    # summary.json: chrF 61.37 [58.91, 63.84]; the segment rows would average to something else
    segs = pd.read_parquet(results_dir / "segments.parquet")
    assert abs(segs[segs["system"] == "google"]["chrf"].mean() - 61.37) > 1
    assert "61.4" in google and "[58.9, 63.8]" in google
    # TER: lower is better, so nllb-200's 68.3 is not marked best but google's 55.1 is
    best = [td.text() for td in table.iter("td") if "best" in td.classes()]
    assert any(t.startswith("55.1") for t in best) and not any(t.startswith("68.3") for t in best)


def test_unit_scale_metrics_keep_three_decimals(results_dir: Path, html_tree):
    # COMET lives on about [-1, 1]: one decimal would show 0.8 [0.8, 0.8] for 0.812 [0.797, 0.826]
    summary = json.loads((results_dir / "summary.json").read_text(encoding="utf-8"))
    for s, (v, lo, hi) in {"google": (0.8123, 0.7971, 0.8262), "nllb-200": (0.7011, 0.6843, 0.7184)}.items():
        summary["scores"][s]["comet"] = {"score": v, "ci_low": lo, "ci_high": hi, "n_segments": 8, "signature": "comet"}
    (results_dir / "summary.json").write_text(json.dumps(summary), encoding="utf-8")
    tree = html_tree(render_html(results_dir))
    table = next(t for t in tree.iter("table") if "scores" in t.classes())
    text = " ".join(td.text() for td in table.iter("td"))
    assert "0.812 [0.797, 0.826]" in text and "0.701" in text
    assert "61.4 [58.9, 63.8]" in text  # chrF keeps one decimal


def test_signatures_are_footnoted(html: str, html_tree):
    tree = html_tree(html)
    notes = [li.text() for li in tree.iter("li") if (li.attrs.get("id") or "").startswith("sig-")]
    assert any("chrF" in n and "nc:6|nw:0" in n for n in notes)
    assert any("TER" in n and "tok:tercom" in n for n in notes)


def test_ranking_states_its_evidence(results_dir: Path):
    ctx = build(load_results(results_dir))
    r = ctx["ranking"]
    assert r["metric"].label == "chrF"
    assert [o["system"] for o in r["order"]] == ["google", "gpt-4o", "nllb-200"]
    # google–gpt-4o: p = 0.214 → same tier; gpt-4o–nllb-200: p = 0.002 → next tier
    assert [o["tier"] for o in r["order"]] == [1, 1, 2]
    assert "statistically tied" in r["headline"] and "p = 0.214" in r["headline"]
    evidence = " ".join(r["evidence"])
    assert "paired bootstrap" in evidence and "p = 0.002, significant" in evidence and "not significant" in evidence
    assert "BLEU puts gpt-4o first" in r["agreement"]


def test_significance_matrix_orients_differences(results_dir: Path):
    mx = build(load_results(results_dir))["matrices"]
    chrf = next(m for m in mx if m["metric"].key == "chrf")
    names = [r["system"] for r in chrf["rows"]]
    g, n = names.index("google"), names.index("nllb-200")
    assert chrf["rows"][g]["cells"][n]["kind"] == "better" and chrf["rows"][g]["cells"][n]["diff"] == "+14.25"
    assert chrf["rows"][n]["cells"][g]["kind"] == "worse"
    assert chrf["rows"][g]["cells"][names.index("gpt-4o")]["kind"] == "tie"
    assert chrf["rows"][g]["cells"][g]["kind"] == "self"


def test_warnings_are_shown_before_the_scores(html: str):
    i_warn = html.find("Dialect mismatch")
    assert i_warn != -1
    assert i_warn < html.find("Ranking and evidence") < html.find('class="data scores"')


def test_findings_counts_by_check_and_severity(results_dir: Path):
    ctx = build(load_results(results_dir))
    sides = ctx["side_labels"]
    rows = {r["raw"]: r for r in ctx["check_rows"]}
    assert rows["untranslated"]["counts"][sides.index("google")] == 2
    assert rows["number.mismatch"]["severities"] == ["critical"]
    sev = {r["system"]: r["counts"] for r in ctx["severity_rows"]}
    assert sev["nllb-200"][0] == 2  # two critical findings: number.mismatch and name.mistranslated
    assert ctx["critical"]["total"] == 2


# --- document view ------------------------------------------------------------------------------


def test_document_grid_places_omissions_additions_and_findings(results_dir: Path, html: str, html_tree):
    tree = html_tree(html)
    systems = ["google", "nllb-200", "gpt-4o"]
    tpl = next(tree.iter("template"))

    def cells(row_id):
        row = tpl.find_id(row_id)
        return [td for td in row.iter("td") if "sys" in td.classes()]

    # row 0: gpt-4o's injected headline; other systems have nothing there
    r0 = cells("d0-r0")
    assert "عاجل" in r0[systems.index("gpt-4o")].text()
    assert "state-none" in r0[systems.index("google")].classes()
    # row 2: nllb-200 omitted the Zhanaozen sentence: an empty cell carrying the omission finding
    r2 = cells("d0-r2")
    assert "state-omitted" in r2[systems.index("nllb-200")].classes()
    assert "omission" in r2[systems.index("nllb-200")].text()
    # the number mismatch sits next to the nllb-200 sentence that has it, not elsewhere
    r1 = cells("d0-r1")
    assert "number.mismatch" in r1[systems.index("nllb-200")].text()
    assert "number.mismatch" not in r1[systems.index("google")].text()
    # a finding without sentence ids is shown for the whole document
    assert "name.cross_document" in tpl.text() and "Findings about the whole document" in tpl.text()


def test_findings_link_to_the_row_of_their_sentence(results_dir: Path, html: str, html_tree):
    tree = html_tree(html)
    _, data = _json_block(tree)
    checks = data["checks"]
    mismatch = next(f for f in data["findings"] if checks[f[3]] == "number.mismatch")
    anchor = f"d{mismatch[0]}-r{mismatch[8]}"
    row = next(tree.iter("template")).find_id(anchor)
    assert row is not None and "6 يناير" in row.text()
    addition = next(f for f in data["findings"] if checks[f[3]] == "addition")
    assert addition[8] == 0  # the addition unit is the first row
    corpus = next(f for f in data["findings"] if checks[f[3]] == "corpus.missing")
    assert corpus[0] == -1


def test_direction_and_language_of_text_cells(html: str, html_tree):
    tree = html_tree(html)
    tpl = next(tree.iter("template"))
    ar = [td for td in tpl.iter("td") if "ar" in td.classes()]
    en = [td for td in tpl.iter("td") if "en" in td.classes()]
    assert ar and en
    assert all(td.attrs.get("dir") == "rtl" and td.attrs.get("lang") == "ar" for td in ar)
    assert all(td.attrs.get("dir") == "ltr" and td.attrs.get("lang") == "en" for td in en)
    css = next(tree.iter("style")).text()
    assert "Noto Naskh Arabic" in css and "unicode-bidi: isolate" in css


def test_name_variants_share_one_colour_per_entity(html: str, html_tree):
    tree = html_tree(html)
    tpl = next(tree.iter("template"))
    grid = next(t for t in tpl.iter("table") if "grid" in t.classes())

    def slot(text):
        spans = [s for s in grid.iter("span") if "nm" in s.classes() and s.text() == text]
        assert spans, text
        slots = {c for s in spans for c in s.classes() if re.fullmatch(r"n\d", c)}
        assert len(slots) == 1
        return slots.pop()

    # google's truncated نزارباي and the others' نزارباييف are one entity, so one colour;
    # the English name in the source gets it too
    assert slot("نزارباي") == slot("نزارباييف") == slot("Nazarbayev")
    assert slot("توكاييف") != slot("نزارباييف")
    bad = [s for s in grid.iter("span") if "nm" in s.classes() and "bad" in s.classes()]
    assert [s.text() for s in bad] == ["نزارباي"]  # verdict "inconsistent" is marked


def test_words_not_in_reference_are_marked(html: str, html_tree):
    tree = html_tree(html)
    row = next(tree.iter("template")).find_id("d0-r1")
    cells = [td for td in row.iter("td") if "sys" in td.classes()]
    nllb = {s.text() for s in cells[1].iter("span") if "df" in s.classes()}
    # reference: "… الكازاخستاني … في 5 يناير"; nllb-200: "… الكازاخي … في 6 يناير"
    assert any("الكازاخي" in t for t in nllb) and any("6" in t for t in nllb)
    assert not any("توكاييف" in t for t in nllb)


# --- partial results folders ----------------------------------------------------------------------


def test_without_references_names_or_metric_columns(results_noref: Path, html_tree):
    html = render_report(results_noref).read_text(encoding="utf-8")
    tree = html_tree(html)
    assert "no measured ranking" in html and "No reference" in html
    assert not [t for t in tree.iter("table") if "scores" in t.classes()]
    tpl = next(tree.iter("template"))
    assert not [td for td in tpl.iter("td") if "ref" in td.classes()]
    assert "Reference" not in next(t for t in tpl.iter("table") if "grid" in t.classes()).text()


def test_only_summary_or_only_segments(results_dir: Path, tmp_path: Path):
    only_summary = tmp_path / "s"
    only_summary.mkdir()
    (only_summary / "summary.json").write_text((results_dir / "summary.json").read_text(encoding="utf-8"), encoding="utf-8")
    html = render_html(only_summary)
    assert "61.4" in html and "Findings" in html

    only_segments = tmp_path / "g"
    only_segments.mkdir()
    segs = pd.read_parquet(results_dir / "segments.parquet").drop(columns=["bleu", "chrf", "chrf_pp", "ter", "align_score"])
    segs.to_parquet(only_segments / "segments.parquet")
    html = render_html(only_segments)
    assert "summary.json is missing" in html and "google" in html and "tpl-d2" in html


def test_missing_columns_and_odd_cells(results_dir: Path):
    f = pd.read_parquet(results_dir / "findings.parquet").drop(columns=["its_type", "details", "source_excerpt"])
    f.loc[0, "severity"] = "blocker"  # unknown severity: shown as info, not a crash
    f.to_parquet(results_dir / "findings.parquet")
    n = pd.read_parquet(results_dir / "names.parquet").drop(columns=["verdict", "count"])
    n.to_parquet(results_dir / "names.parquet")
    (results_dir / "documents.parquet").write_bytes(b"not parquet")
    html = render_html(results_dir)
    assert "documents.parquet could not be read" in html
    assert "number.mismatch" in html


@pytest.mark.parametrize(
    "summary",
    [
        "{}",
        "[]",
        "not json",
        json.dumps({"systems": ["x"], "scores": {"x": {"chrf": {"score": None}}}, "significance": {"chrf": "bad"},
                    "warnings": ["plain string warning", 5, None], "names": {"x": None}}),
        json.dumps({"systems": "x", "scores": [1], "significance": None, "names": [], "corpus": 3, "config": {"metrics": 1},
                    "totals": "many", "left_out": {"x": 1}, "warnings": {"a": 1}}),
    ],
)
def test_odd_summaries_still_render(tmp_path: Path, summary: str):
    (tmp_path / "summary.json").write_text(summary, encoding="utf-8")
    html = render_html(tmp_path)
    assert "<h1>" in html and "Verdict" in html
    if "plain string warning" in summary:
        assert "plain string warning" in html


def test_empty_folder_is_an_input_error(tmp_path: Path):
    with pytest.raises(InputError):
        render_report(tmp_path)
    with pytest.raises(InputError):
        render_report(tmp_path / "absent")


def test_cli_command(results_dir: Path, tmp_path: Path):
    from eval.commands.report import command

    out = tmp_path / "cli.html"
    res = CliRunner().invoke(command, [str(results_dir), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert out.is_file() and str(out) in res.output
    assert command.name == "report"


def test_report_on_the_bundled_corpus(request, html_tree):
    """End to end on real pipeline output (the lead's session fixture runs `mteval run` on references/news-demo)."""
    try:
        results = request.getfixturevalue("demo_results")
    except ImportError as exc:  # a stage of the pipeline is not in the tree yet
        pytest.skip(f"pipeline incomplete: {exc}")
    html = (results / "report.html").read_text(encoding="utf-8")
    tree = html_tree(html)
    res = load_results(results)
    assert len(list(tree.iter("template"))) == res.segments["doc_id"].nunique()
    assert "Verdict" in html and not any(ch in html for ch in BIDI_CONTROLS)
    _, data = _json_block(tree)
    assert len(data["findings"]) == len(res.findings)
    placed = sum(1 for f in data["findings"] if f[8] >= 0)
    with_ids = int(sum(1 for a, b in zip(res.findings["source_ids"], res.findings["target_ids"]) if a or b))
    assert placed >= 0.9 * with_ids  # findings with sentence ids land next to their sentence
