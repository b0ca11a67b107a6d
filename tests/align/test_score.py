"""Strict/lax P/R/F1 as vecalign's score.py defines them."""

from __future__ import annotations

import pytest

from eval.align.score import parse_pharaoh, read_pharaoh, score_alignments
from tests.align.helpers import SHARED

GOLD = [((0,), (0,)), ((1, 2), (1,)), ((3,), ()), ((), (2,)), ((4,), (3, 4))]


def test_gold_against_itself_is_perfect():
    sc = score_alignments([GOLD], [GOLD])
    assert all(v == 1.0 for v in sc.values())


def test_hand_computed_example():
    test = [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), (2,)), ((4,), (3,)), ((), (4,))]
    sc = score_alignments([GOLD], [test])
    # precision over 6 test beads: strict hit only (0)-(0); lax hits also (1)-(1) and (4)-(3)
    # (source in a gold bead whose targets overlap); (2)-() and ()-(4) are insertion/deletion
    # beads that are not in the gold; (3)-(2): gold links 3 to nothing, so a lax miss
    assert sc["precision_strict"] == pytest.approx(1 / 6)
    assert sc["precision_lax"] == pytest.approx(3 / 6)
    # recall over the 3 gold beads with both sides: (0)-(0) strict; (1,2)-(1) and (4)-(3,4) lax
    assert sc["recall_strict"] == pytest.approx(1 / 3)
    assert sc["recall_lax"] == pytest.approx(1.0)
    p, r = 1 / 6, 1 / 3
    assert sc["f1_strict"] == pytest.approx(2 * p * r / (p + r))


def test_counts_are_pooled_over_documents_and_duplicates_count_once():
    a = score_alignments([GOLD, GOLD], [GOLD, [((0,), (0,))] * 3])
    # second document: one distinct test bead, a strict hit; recall 1 of 3
    assert a["precision_strict"] == pytest.approx(6 / 6)
    assert a["recall_strict"] == pytest.approx((3 + 1) / 6)


def test_empty_inputs_give_zero_not_an_error():
    assert score_alignments([[]], [[]])["f1_strict"] == 0.0


def test_pharaoh_format():
    assert parse_pharaoh(["[0]:[0, 1]", "", "[]:[2]", "[1, 2]:[]"]) == [((0,), (0, 1)), ((), (2,)), ((1, 2), ())]


def test_reproduces_the_recorded_galechurch_score_on_textberg():
    """NOTICE.md: galechurch 0.1.0 defaults scored 0.678 / 0.693 / 0.686 strict with vecalign's scorer."""
    galechurch = pytest.importorskip("galechurch")
    root = SHARED / "data" / "align-gold" / "textberg-de-fr"
    if not root.is_dir():
        pytest.skip("Text+Berg gold not available")
    gold, test = [], []
    for k in range(7):
        de = (root / f"test{k}.de").read_text(encoding="utf-8").splitlines()
        fr = (root / f"test{k}.fr").read_text(encoding="utf-8").splitlines()
        gold.append(read_pharaoh(root / f"test{k}.defr"))
        test.append(parse_pharaoh(galechurch.align(de, fr).to_pharaoh_lines()))
    sc = score_alignments(gold, test)
    assert sc["precision_strict"] == pytest.approx(0.678, abs=6e-4)
    assert sc["recall_strict"] == pytest.approx(0.693, abs=6e-4)
    assert sc["f1_strict"] == pytest.approx(0.686, abs=6e-4)
    assert sc["f1_lax"] == pytest.approx(0.799, abs=6e-4)
