"""Lexical metrics: per-segment statistics from sacrebleu, and scores equal to sacrebleu's bit for bit."""

from __future__ import annotations

import numpy as np
import pytest
from sacrebleu.metrics import BLEU, CHRF, TER

from eval.metrics import (
    COLUMNS,
    METRICS,
    corpus_score,
    make_metric,
    n_stats,
    scores_from_stats,
    segment_scores,
    segment_stats,
    signature,
    system_stats,
)
from tests.conftest import shared_path
from tests.metrics._data import corpus, perturb, systems


def sacre(metric: str, **kw):
    return {"bleu": lambda: BLEU(tokenize=kw.get("tokenize", "intl")), "chrf": CHRF,
            "chrf++": lambda: CHRF(word_order=2), "ter": TER}[metric]()


def test_names_and_columns():
    assert METRICS == ("bleu", "chrf", "chrf++", "ter")
    assert [COLUMNS[m] for m in METRICS] == ["bleu", "chrf", "chrf_pp", "ter"]
    assert [n_stats(m) for m in METRICS] == [10, 18, 24, 2]


@pytest.mark.parametrize("metric", METRICS)
def test_corpus_score_equals_sacrebleu_on_made_up_arabic(metric):
    ref, _ = corpus(2)
    for hyps in systems(ref).values():
        st = segment_stats(metric, hyps, [ref])
        assert st.shape == (len(ref), n_stats(metric))
        assert corpus_score(metric, st) == sacre(metric).corpus_score(hyps, [ref]).score


@pytest.mark.parametrize("metric", METRICS)
def test_corpus_score_equals_sacrebleu_on_ntrex(metric):
    path = shared_path("data", "ntrex", "newstest2019-ref.arb.txt")
    ref = path.read_text(encoding="utf-8").split("\n")[:150]
    for rate, seed in ((0.15, 11), (0.4, 12)):
        hyps = perturb(ref, rate, seed)
        assert corpus_score(metric, segment_stats(metric, hyps, [ref])) == sacre(metric).corpus_score(hyps, [ref]).score


@pytest.mark.parametrize("metric", METRICS)
def test_several_references_including_missing_ones(metric):
    ref, _ = corpus(1)
    ref2 = perturb(ref, 0.2, 7)
    ref3 = [None if i % 4 == 0 else s for i, s in enumerate(perturb(ref, 0.3, 8))]  # variable refs
    hyps = perturb(ref, 0.3, 9)
    refs = [ref, ref2, ref3]
    st = segment_stats(metric, hyps, refs)
    assert corpus_score(metric, st) == sacre(metric).corpus_score(hyps, refs).score
    if metric == "ter":  # average reference lengths are not integers: summed left to right like sacrebleu
        assert not np.all(st[:, 1] == np.floor(st[:, 1]))


def _random_rows(metric: str, rng: np.random.Generator, r: int) -> np.ndarray:
    """Arbitrary summed statistics, including zeros that hit every special case of the formulas."""
    if metric == "bleu":
        total = np.sort(rng.integers(0, 6, (r, 4)) * rng.integers(0, 2, (r, 4)), axis=1)[:, ::-1]
        correct = np.minimum((rng.random((r, 4)) * (total + 1)).astype(int) * rng.integers(0, 2, (r, 4)), total)
        return np.hstack([np.stack([total[:, 0], rng.integers(0, 8, r)], 1), correct, total])
    if metric == "ter":
        return np.stack([rng.integers(0, 5, r), rng.integers(0, 4, r)], 1)
    k = 6 if metric == "chrf" else 8
    hyp = rng.integers(0, 5, (r, k)) * rng.integers(0, 2, (r, k))
    ref = rng.integers(0, 5, (r, k)) * rng.integers(0, 2, (r, k))
    match = np.minimum(hyp, ref) * rng.integers(0, 2, (r, k))
    return np.stack([hyp, ref, match], 2).reshape(r, 3 * k)


@pytest.mark.parametrize("metric", METRICS)
def test_scores_from_stats_equal_compute_score_from_stats_on_random_rows(metric):
    rng = np.random.default_rng(2024)
    obj = sacre(metric)
    rows = _random_rows(metric, rng, 400)
    # exact path: Python ints (corpus_score) and int64 rows (sacrebleu's approximate randomization)
    ours = scores_from_stats(metric, rows)
    assert ours.dtype == np.float64
    assert np.array_equal(ours, [obj._compute_score_from_stats([int(v) for v in row]).score for row in rows])
    assert np.array_equal(ours, [obj._compute_score_from_stats(row).score for row in rows.astype(np.int64)])
    # float32 path (sacrebleu's bootstrap): same values and the same array dtype
    ours32 = scores_from_stats(metric, rows, precision="float32")
    theirs32 = np.array([obj._compute_score_from_stats(row).score for row in rows.astype(np.float32)])
    assert ours32.dtype == theirs32.dtype
    assert np.array_equal(ours32, theirs32)
    # and a row on its own keeps sacrebleu's type (float32 scores for chrF/TER unless a 0-branch)
    for row in rows[:40]:
        one = scores_from_stats(metric, row[None, :], precision="float32")
        ref = np.array([obj._compute_score_from_stats(row.astype(np.float32)).score])
        assert one.dtype == ref.dtype and np.array_equal(one, ref)


def test_float32_rounding_really_matters_for_parity():
    """The float32 path must not be a no-op: real chrF rows differ between the two semantics."""
    ref, _ = corpus(3)
    st = segment_stats("chrf", systems(ref)["worse"], [ref])
    rng = np.random.default_rng(0)
    rows = st[rng.integers(0, len(st), (300, len(st)))].sum(axis=1)
    exact = scores_from_stats("chrf", rows)
    f32 = scores_from_stats("chrf", rows, precision="float32")
    assert f32.dtype == np.float32
    assert np.any(exact != f32.astype(np.float64))


@pytest.mark.parametrize("metric", METRICS)
def test_segment_scores_equal_sentence_score(metric):
    ref, _ = corpus(1)
    hyps = systems(ref)["worse"] + ["", ref[0]]
    ref = ref + [ref[1], ref[0]]
    obj = BLEU(tokenize="intl", effective_order=True) if metric == "bleu" else sacre(metric)
    ours = segment_scores(metric, segment_stats(metric, hyps, [ref]))
    assert np.array_equal(ours, [obj.sentence_score(h, [r]).score for h, r in zip(hyps, ref)])
    if metric == "bleu":  # effective order: a short exact match is 100, not 0 for lacking 4-grams
        short = segment_scores("bleu", segment_stats("bleu", ["قال الوزير"], [["قال الوزير"]]))[0]
        assert short == pytest.approx(100.0) and short == obj.sentence_score("قال الوزير", ["قال الوزير"]).score


def test_intl_tokenizer_separates_arabic_punctuation_13a_does_not():
    ref = ["قال الوزير، إن الاجتماع كان ناجحا؛ فهل سيستمر التعاون؟ نعم، سيستمر."]
    hyp = ["قال الوزير ، إن الاجتماع كان ناجحا ؛ فهل سيستمر التعاون ؟ نعم ، سيستمر."]
    intl = corpus_score("bleu", segment_stats("bleu", hyp, [ref], tokenize="intl"))
    t13a = corpus_score("bleu", segment_stats("bleu", hyp, [ref], tokenize="13a"))
    assert intl == pytest.approx(100.0)
    assert t13a < 50.0
    assert t13a == BLEU(tokenize="13a").corpus_score(hyp, [ref]).score


def test_arabic_normalisation_switch():
    ref = ["أعلنت الحكومة إلى المدينة الجديدة ١٢ مشروعا"]
    hyp = ["اعلنت الحكومه الى المدينه الجديده 12 مشروعا"]  # same words, other spellings and digits
    for metric in METRICS:
        plain = corpus_score(metric, segment_stats(metric, hyp, [ref]))
        normed = corpus_score(metric, segment_stats(metric, hyp, [ref], normalize="arabic"))
        best = 0.0 if metric == "ter" else 100.0
        assert normed == pytest.approx(best) and abs(plain - best) > 10, metric
    with pytest.raises(ValueError):
        segment_stats("bleu", hyp, [ref], normalize="arabic-ish")


def test_cached_reference_object_gives_the_same_statistics():
    ref, _ = corpus(1)
    hyps = systems(ref)["close"]
    for metric in METRICS:
        for norm in ("none", "arabic"):
            obj = make_metric(metric, "intl", [ref], normalize=norm)
            cached = segment_stats(obj, hyps, None, normalize=norm)
            assert np.array_equal(cached, segment_stats(metric, hyps, [ref], normalize=norm))
    obj = make_metric("bleu", "intl", [ref])
    with pytest.raises(ValueError):
        segment_stats(obj, hyps, None, normalize="arabic")  # refs were cached without normalisation
    with pytest.raises(ValueError):
        segment_stats(obj, hyps[:-1], None)


def test_system_stats_in_blocks_equal_whole_corpus_statistics():
    ref, _ = corpus(1)
    sy = systems(ref)
    refs = [ref, [None if i % 3 else s for i, s in enumerate(perturb(ref, 0.2, 5))]]
    for metric in METRICS:
        blocked = system_stats(metric, sy, refs, block=7, normalize="arabic")
        for name, hyps in sy.items():
            assert np.array_equal(blocked[name], segment_stats(metric, hyps, refs, normalize="arabic")), metric
    with pytest.raises(ValueError, match="segments"):
        system_stats("bleu", {"a": ref[:-1]}, [ref])
    parallel = system_stats("chrf", sy, refs, block=6, jobs=2)
    assert all(np.array_equal(parallel[n], segment_stats("chrf", h, refs)) for n, h in sy.items())


def test_bad_shapes_and_empty_input():
    with pytest.raises(ValueError):
        segment_stats("bleu", ["a", "b"], [["a"]])
    with pytest.raises(ValueError):
        segment_stats("bleu", ["a"], ["a"])  # a list of strings, not of streams
    with pytest.raises(ValueError):
        scores_from_stats("chrf", np.zeros((3, 10)))
    with pytest.raises(ValueError):
        segment_stats("meteor", ["a"], [["a"]])
    with pytest.raises(ValueError, match="no reference"):  # sacrebleu itself would fail with a TypeError
        segment_stats("bleu", ["a", "b"], [["a", None], ["a", None]])
    assert segment_stats("ter", [], [[]]).shape == (0, 2)


def test_mean_pseudo_metric():
    st = np.array([[3.0, 2.0], [0.0, 0.0]])
    assert np.array_equal(scores_from_stats("mean", st)[:1], [1.5])
    assert np.isnan(scores_from_stats("mean", st)[1])


@pytest.mark.parametrize("metric", METRICS)
def test_signature_is_sacrebleus_plus_normalisation(metric):
    ref, _ = corpus(1)
    obj = sacre(metric)
    obj.corpus_score(ref, [ref, ref])
    expected = obj.get_signature().format()
    assert signature(metric, "none", nrefs=2) == expected + "|norm:none"
    assert signature(metric, "arabic", nrefs=2).endswith("|norm:arabic")
    assert signature(metric, nrefs="var").startswith("nrefs:var|")
    if metric == "bleu":
        assert "tok:intl" in signature(metric) and "tok:13a" in signature(metric, tokenize="13a")


def test_signature_of_paired_tests_matches_sacrebleu():
    from sacrebleu.significance import PairedTest

    ref, _ = corpus(1)
    sy = systems(ref)
    named = [("a", sy["base"]), ("b", sy["close"])]
    sigs, _ = PairedTest(named, {"BLEU": BLEU(tokenize="intl")}, [ref], test_type="bs", n_samples=20)()
    assert signature("bleu", test="bs", n=20, seed=12345) == sigs["BLEU"].format() + "|norm:none"
    sigs, _ = PairedTest(named, {"BLEU": BLEU(tokenize="intl")}, [ref], test_type="ar", n_samples=20,
                         n_ar_confidence=10)()
    assert signature("bleu", test="ar", n=20, seed=12345, n_confidence=10) == sigs["BLEU"].format() + "|norm:none"
