"""A hallucination loop is one repetition finding with its extent, and the run stays linear in its length."""

from __future__ import annotations

import time

from eval.checks import run_checks
from eval.model import Bead, Sentence

SENTENCE = "وأضاف أن المحادثات ستستمر الأسبوع المقبل في أستانا."


def _side(n: int) -> list[Sentence]:
    texts = ["قال الوزير إن المحادثات ستستمر.", *[SENTENCE] * n, "وانتهى الاجتماع."]
    return [Sentence("d", "system:A", i, 0, t, 0, len(t)) for i, t in enumerate(texts)]


def _loop_findings(n: int):
    tgt = _side(n)
    src = [Sentence("d", "source", 0, 0, "The minister said talks would continue next week in Astana.", 0, 10)]
    beads = [Bead((0,), (0, 1), 1.0), *[Bead((), (i,), 1.0) for i in range(2, len(tgt))]]
    return [f for f in run_checks("d", "A", src, tgt, beads) if f.check == "repetition"]


def test_a_loop_is_one_finding_with_its_extent():
    (f,) = _loop_findings(300)
    (rep,) = f.details["repetitions"]
    assert rep["kind"] == "loop" and rep["times"] == 300 and rep["extent"] == [1, 300]
    assert list(f.target_ids) == list(range(1, 301))  # the first copy too
    assert "300 times in a row" in f.message


def test_two_copies_stay_a_repeated_sentence():
    (f,) = _loop_findings(2)
    assert f.details["repetitions"][0]["kind"] == "repeated_sentence"


def test_checks_are_linear_in_the_length_of_a_loop():
    def secs(n):
        t = time.perf_counter()
        assert len(_loop_findings(n)) == 1
        return time.perf_counter() - t

    secs(100)  # warm caches
    small, large = secs(500), secs(4000)
    assert large < 8 * 3 * small + 0.5, (small, large)  # 8× the text: linear, with slack for a busy machine


def test_a_loop_of_a_sentence_with_a_doubled_word_is_still_one_finding():
    texts = ["قال الوزير.", *["وقالت الحكومة الحكومة إن المحادثات ستستمر الأسبوع المقبل."] * 6]
    tgt = [Sentence("d", "system:A", i, 0, t, 0, len(t)) for i, t in enumerate(texts)]
    src = [Sentence("d", "source", 0, 0, "The minister said.", 0, 10)]
    beads = [Bead((0,), (0,), 1.0), *[Bead((), (i,), 1.0) for i in range(1, len(tgt))]]
    reps = [f for f in run_checks("d", "A", src, tgt, beads) if f.check == "repetition"]
    assert len(reps) == 2 and any("6 times in a row" in f.message for f in reps)  # the doubled word, then the loop
