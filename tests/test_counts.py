"""eval.counts: one vocabulary for the size of a run."""

from eval.counts import RunCounts, phrases, scoring_unit_word


def test_totals_and_phrases():
    c = RunCounts()
    c.add([{"side": "source"}] * 3 + [{"side": "reference:reference"}] * 3 + [{"side": "system:a"}] * 2,
          [{"system": "a"}] * 3 + [{"system": "b"}] * 4,
          [{"system": "a", "n_scoring_units": 2}, {"system": "b", "n_scoring_units": 2}])
    t = c.totals(1, ["a", "b"], ["reference"], 5, scoring_unit_word("sentences"))
    assert t["sentences"] == {"source": 3, "reference:reference": 3, "system:a": 2, "system:b": 0}
    assert phrases(t) == ["1 document", "2 systems", "1 reference", "sentences: source 3, reference 3, a 2, b 0",
                          "aligned segments per system: a 3, b 4", "scoring units (paragraphs) per system: 2",
                          "5 findings"]
    assert scoring_unit_word("lines") == "lines"


def test_older_summaries_still_read():
    assert phrases({"documents": 6, "sentences": 673, "segments": 411, "findings": 1}) == ["6 documents", "1 finding"]
