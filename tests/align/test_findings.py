"""Omission and addition findings from beads."""

from __future__ import annotations

from eval.align import align, alignment_findings
from eval.model import Bead, Sentence


def _sents(side, texts):
    return [Sentence("d1", side, i, i, t, 0, len(t)) for i, t in enumerate(texts)]


def test_one_finding_per_unaligned_sentence():
    src = _sents("source", ["First.", "Dropped sentence.", "Third."])
    tgt = _sents("system:x", ["الأولى.", "اقرأ المزيد", "الثالثة."])
    beads = [Bead((0,), (0,), 0.9), Bead((1,), (), 0.8), Bead((), (1,), 0.7), Bead((2,), (2,), 0.9)]
    found = alignment_findings("d1", "x", beads, src, tgt)
    assert [f.check for f in found] == ["omission", "addition"]
    om, ad = found
    assert (om.its_type, om.severity, om.source_ids, om.target_ids) == ("omission", "major", (1,), ())
    assert om.source_excerpt == "Dropped sentence." and om.target_excerpt == ""
    assert (ad.its_type, ad.severity, ad.source_ids, ad.target_ids) == ("addition", "major", (), (1,))
    assert ad.target_excerpt == "اقرأ المزيد"
    assert ad.details["align_score"] == 0.7
    assert all(f.doc_id == "d1" and f.system == "x" for f in found)
    assert ad.to_row()["target_ids"] == [1]


def test_blank_sentences_and_aligned_beads_give_nothing():
    src = _sents("source", ["A.", ""])
    tgt = _sents("system:x", ["أ.", "  "])
    beads = [Bead((0,), (0,)), Bead((1,), ()), Bead((), (1,))]
    assert alignment_findings("d1", "x", beads, src, tgt) == []


def test_long_excerpts_are_cut():
    long = "كلمة " * 200
    found = alignment_findings("d", "x", [Bead((), (0,))], [], _sents("system:x", [long]))
    assert len(found[0].target_excerpt) <= 300 and found[0].target_excerpt.endswith("…")


def test_end_to_end_with_the_aligner():
    en = ["Heavy rain hit northern Italy on Sunday.", "At least 12 people died.", "Schools are closed."]
    ar = ["ضربت أمطار غزيرة شمال إيطاليا يوم الأحد.", "شارك هذا المقال", "لقي 12 شخصا على الأقل حتفهم."]
    src, tgt = _sents("source", en), _sents("system:x", ar)
    found = alignment_findings("d", "x", align(en, ar), src, tgt)
    assert {(f.check, f.source_ids, f.target_ids) for f in found} == {("addition", (), (1,)), ("omission", (2,), ())}
