"""The notebook API reads a results folder and renders Arabic right-to-left, escaped."""

from eval.explore import (
    compare_systems,
    glossary_from_names,
    load_results,
    name_variants,
    side_by_side,
    worst_segments,
)


def test_load_and_views(demo_results):
    res = load_results(demo_results)
    assert res.systems == ["literal", "polished", "scraped"]
    scores = res.scores()
    assert set(scores.metric) >= {"bleu", "chrf", "ter"}
    assert (scores.ci_low <= scores.score).all() and (scores.score <= scores.ci_high).all()
    sig = res.significance("chrf")
    assert len(sig) == 3 and set(sig.columns) == {"a", "b", "delta", "p_value", "significant"}

    doc = res.documents.doc_id.iloc[0]
    html = side_by_side(res, doc)._repr_html_()
    assert 'dir="rtl" lang="ar"' in html and 'dir="ltr" lang="en"' in html
    n_segments = res.segments[(res.segments.doc_id == doc) & (res.segments.system == "polished")].shape[0]
    assert html.count("<tr>") == n_segments + 1  # header + one row per segment

    worst = worst_segments(res, "chrf", 5)
    assert len(worst) == 5 and worst.chrf.is_monotonic_increasing
    cmp = compare_systems(res, "polished", "scraped")
    assert len(cmp) == res.documents.doc_id.nunique()
    assert ((cmp["scraped"] - cmp["polished"]) - cmp["delta"]).abs().max() < 1e-9


def test_names_and_draft_glossary(demo_results):
    res = load_results(demo_results)
    v = name_variants(res, "scraped")
    assert (v.n_forms > 1).any()  # the scraped system spells some names several ways
    draft = glossary_from_names(res)  # the bundled run has a reference: the draft reads it
    assert draft and all(e.arabic and e.arabic not in e.variants for e in draft)
    assert all("of reference:ref" in e.note for e in draft)
    polished = glossary_from_names(res, "polished")
    assert polished and all("of polished" in e.note for e in polished)


def test_side_by_side_escapes_markup(tmp_path):
    import pandas as pd

    from eval.explore import Results

    segs = pd.DataFrame([{"doc_id": "d", "system": "s", "segment": 0, "source_text": "<b>x</b>", "target_text": "<script>alert(1)</script>",
                          "reference_text": "", "target_ids": [0]}])
    res = Results(tmp_path, pd.DataFrame(), segs, pd.DataFrame(columns=["doc_id", "system", "target_ids"]), pd.DataFrame(), pd.DataFrame(),
                  {"systems": ["s"]})
    html = side_by_side(res, "d")._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;b&gt;" in html
