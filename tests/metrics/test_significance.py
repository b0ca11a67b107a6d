"""Bootstrap CIs, paired bootstrap and approximate randomization: sacrebleu's numbers exactly, faster."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest
from sacrebleu.metrics import BLEU, CHRF, TER
from sacrebleu.significance import PairedTest, _bootstrap_resample, estimate_ci

from eval.metrics import (
    METRICS,
    bootstrap_ci,
    paired_ar,
    paired_ar_many,
    paired_bootstrap,
    paired_bootstrap_many,
    segment_stats,
)
from eval.metrics.significance import CHUNK_BYTES, _bootstrap_draws, _chunk_rows, _CoinFlips
from tests.conftest import SHARED
from tests.metrics._data import corpus, perturb, systems


def sacre(metric: str):
    return {"bleu": lambda: BLEU(tokenize="intl"), "chrf": CHRF, "chrf++": lambda: CHRF(word_order=2), "ter": TER}[metric]()


@pytest.fixture(scope="module")
def data():
    """Reference, document ids and systems: NTREX's first 240 lines when available, else made-up Arabic."""
    ntrex = SHARED / "data" / "ntrex"
    if (ntrex / "newstest2019-ref.arb.txt").exists():
        ref = (ntrex / "newstest2019-ref.arb.txt").read_text(encoding="utf-8").split("\n")[:240]
        docs = (ntrex / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").split("\n")[:240]
        sy = {"base": perturb(ref, 0.3, 1), "close": perturb(ref, 0.28, 2), "better": perturb(ref, 0.1, 3),
              "worse": perturb(ref, 0.6, 4)}
    else:
        ref, docs = corpus(6)
        sy = systems(ref)
    stats = {m: {s: segment_stats(m, h, [ref]) for s, h in sy.items()} for m in METRICS}
    return ref, docs, sy, stats


def _sacrebleu_paired(metric, ref, sy, test, n, n_conf=-1):
    named = list(sy.items())
    _, res = PairedTest(named, {"m": sacre(metric)}, [ref], test_type=test, n_samples=n, n_ar_confidence=n_conf)()
    key = next(k for k in res if k != "System")
    return {name: res[key][i] for i, (name, _) in enumerate(named)}


@pytest.mark.parametrize("metric", METRICS)
def test_paired_bootstrap_equals_sacrebleu(metric, data):
    ref, _, sy, stats = data
    theirs = _sacrebleu_paired(metric, ref, sy, "bs", 200)
    ours = paired_bootstrap(metric, stats[metric], "base", n=200, seed=12345)
    assert list(ours) == list(sy)
    for name, r in theirs.items():
        o = ours[name]
        assert (o["score"], o["mean"], o["ci"], o["p_value"]) == (r.score, r.mean, r.ci, r.p_value), name
    assert ours["base"]["p_value"] is None
    # the perturbations are far apart for "worse": the test must find it, and not call it better
    assert ours["worse"]["significant"] and ours["worse"]["better"] is False
    assert ours["worse"]["ci_low"] <= ours["worse"]["mean"] <= ours["worse"]["ci_high"]


@pytest.mark.parametrize("metric", METRICS)
def test_paired_ar_equals_sacrebleu_with_confidence(metric, data):
    ref, _, sy, stats = data
    theirs = _sacrebleu_paired(metric, ref, sy, "ar", 300, n_conf=100)
    ours = paired_ar(metric, stats[metric], "base", n=300, seed=12345, n_confidence=100)
    for name, r in theirs.items():
        o = ours[name]
        assert (o["score"], o["mean"], o["ci"], o["p_value"]) == (r.score, r.mean, r.ci, r.p_value), name


def test_paired_ar_without_confidence_like_the_cli(data):
    ref, _, sy, stats = data
    theirs = _sacrebleu_paired("bleu", ref, sy, "ar", 250)
    ours = paired_ar("bleu", stats["bleu"], "base", n=250, n_confidence=-1)
    assert [ours[s]["p_value"] for s in sy] == [theirs[s].p_value for s in sy]
    assert ours["close"]["mean"] is None


def test_seed_is_sacrebleus_seed(data, monkeypatch):
    ref, _, sy, stats = data
    monkeypatch.setenv("SACREBLEU_SEED", "7")
    theirs = _sacrebleu_paired("chrf", ref, sy, "bs", 100)
    ours = paired_bootstrap("chrf", stats["chrf"], "base", n=100, seed=7)
    assert [ours[s]["p_value"] for s in sy] == [theirs[s].p_value for s in sy]
    assert [ours[s]["ci"] for s in sy] == [theirs[s].ci for s in sy]
    other = paired_bootstrap("chrf", stats["chrf"], "base", n=100, seed=8)
    assert [other[s]["ci"] for s in sy] != [ours[s]["ci"] for s in sy]


@pytest.mark.parametrize("metric", METRICS)
def test_bootstrap_ci_equals_sacrebleu(metric, data):
    ref, _, sy, stats = data
    st = stats[metric]["close"]
    as_lists = [[int(a), float(b)] for a, b in st] if metric == "ter" else st.astype(int).tolist()
    _, scores = _bootstrap_resample(as_lists, sacre(metric), 150)
    mean, ci = estimate_ci(np.array([s.score for s in scores]))
    ours = bootstrap_ci(metric, st, n=150)
    assert (ours["mean"], ours["ci"]) == (mean, ci)
    assert ours["score"] == sacre(metric).corpus_score(sy["close"], [ref]).score
    # corpus_score(n_bootstrap=…) / `sacrebleu --confidence` averages with statistics.mean
    score = sacre(metric).corpus_score(sy["close"], [ref], n_bootstrap=150)
    single = bootstrap_ci(metric, st, n=150, mean="statistics")
    assert (single["mean"], single["ci"]) == (score._mean, score._ci)
    assert ours["ci_low"] < ours["score"] < ours["ci_high"]


def test_bootstrap_parity_when_float32_sums_are_inexact(data):
    """sacrebleu sums float32 rows in resample order: fractional columns (TER with 3 references) and
    totals beyond 2**24 round along the way, and we must round the same way."""
    ref, _, sy, _ = data
    refs = [ref, perturb(ref, 0.2, 50), perturb(ref, 0.25, 51)]
    ter = {s: segment_stats("ter", h, refs) for s, h in sy.items()}
    assert not np.all(ter["base"][:, 1] == np.floor(ter["base"][:, 1]))
    _, res = PairedTest(list(sy.items()), {"m": TER()}, refs, test_type="bs", n_samples=150)()
    ours = paired_bootstrap("ter", ter, "base", n=150)
    assert [(ours[s]["mean"], ours[s]["ci"], ours[s]["p_value"]) for s in sy] == [
        (r.mean, r.ci, r.p_value) for r in res["TER"]]
    huge = data[3]["chrf"]["close"] * 4099  # resample totals far above 2**24
    assert huge.sum(axis=0).max() > 2**24
    _, scores = _bootstrap_resample(huge.astype(np.int64).tolist(), CHRF(), 120)
    mean, ci = estimate_ci(np.array([x.score for x in scores]))
    ours_huge = bootstrap_ci("chrf", huge, n=120)
    assert (ours_huge["mean"], ours_huge["ci"]) == (mean, ci)


def test_alpha_widens_or_narrows_the_interval(data):
    st = data[3]["bleu"]["close"]
    wide = bootstrap_ci("bleu", st, n=400, alpha=0.01)
    narrow = bootstrap_ci("bleu", st, n=400, alpha=0.2)
    assert wide["ci_high"] - wide["ci_low"] > narrow["ci_high"] - narrow["ci_low"]


@pytest.mark.parametrize("fn", [paired_bootstrap, paired_ar])
def test_document_resampling_differs_is_valid_and_reproducible(fn, data):
    _, docs, sy, stats = data
    st = stats["chrf"]
    kw = {"n": 200}
    seg = fn("chrf", st, "base", **kw)
    doc = fn("chrf", st, "base", groups=docs, **kw)
    again = fn("chrf", st, "base", groups=docs, **kw)
    assert doc == again
    assert doc["close"]["unit"] == "documents" and doc["close"]["n_units"] == len(set(docs)) > 1
    assert doc["close"]["score"] == seg["close"]["score"]  # the observed score does not depend on the unit
    assert (doc["close"]["p_value"], doc["close"]["ci"]) != (seg["close"]["p_value"], seg["close"]["ci"])
    for s in sy:
        if s != "base":
            assert 0 < doc[s]["p_value"] <= 1
        assert doc[s]["ci"] > 0 and doc[s]["ci_low"] <= doc[s]["mean"] <= doc[s]["ci_high"]
    # one document per segment is exactly segment-level resampling
    assert fn("chrf", st, "base", groups=np.arange(len(docs)), **kw) == {
        s: {**v, "unit": "documents"} for s, v in seg.items()}
    # an unseen seed gives different draws
    assert fn("chrf", st, "base", groups=docs, seed=99, **kw)["close"]["ci"] != doc["close"]["ci"]


def test_document_labels_need_not_be_contiguous(data):
    _, docs, _, stats = data
    labels = {d: 1000 - 7 * i for i, d in enumerate(dict.fromkeys(docs))}
    by_int = bootstrap_ci("bleu", stats["bleu"]["base"], n=100, groups=[labels[d] for d in docs])
    assert by_int["n_units"] == len(labels) and by_int["ci"] > 0


@pytest.mark.parametrize("metric", ["bleu", "chrf", "ter"])
def test_chunking_gives_identical_results(metric, data):
    _, docs, _, stats = data
    st = stats[metric]
    for groups in (None, docs):
        whole = paired_bootstrap(metric, st, "base", n=120, groups=groups, chunk=120)
        for chunk in (1, 7, 50):
            assert paired_bootstrap(metric, st, "base", n=120, groups=groups, chunk=chunk) == whole
        ar_whole = paired_ar(metric, st, "base", n=150, groups=groups, chunk=150, n_confidence=40)
        for chunk in (1, 3, 64):  # rows*N not a multiple of 64: coin flips straddle chunks
            assert paired_ar(metric, st, "base", n=150, groups=groups, chunk=chunk, n_confidence=40) == ar_whole
        assert bootstrap_ci(metric, st["close"], n=90, groups=groups, chunk=4) == bootstrap_ci(
            metric, st["close"], n=90, groups=groups)


@pytest.mark.parametrize("n_units", [1, 33, 64, 97])
def test_coin_flips_reproduce_numpy_boolean_draws_and_state(n_units):
    rows = 13
    rng = np.random.default_rng(12345)
    expected = rng.integers(2, size=(rows, n_units), dtype=bool)
    after = rng.choice(n_units, size=(3, n_units), replace=True)
    ours_rng = np.random.default_rng(12345)
    flips = _CoinFlips(ours_rng)
    got = np.concatenate([flips.take(c * n_units) for c in (5, 1, 7)]).reshape(rows, n_units).astype(bool)
    flips.finish()
    assert np.array_equal(got, expected)
    assert np.array_equal(ours_rng.choice(n_units, size=(3, n_units), replace=True), after)


def test_memory_is_bounded_by_chunks():
    """sacrebleu materialises resamples × segments × stats; we hold one chunk of counts at a time."""
    rng = np.random.default_rng(3)
    n_seg, n = 20000, 150
    total = rng.integers(5, 40, n_seg)
    stats = {}
    for s in ("a", "b"):
        tot = np.stack([np.maximum(total - k, 0) for k in range(4)], 1)
        cor = (tot * rng.uniform(0.3, 0.9, (n_seg, 1))).astype(int)
        stats[s] = np.hstack([total[:, None], total[:, None] + 1, cor, tot]).astype(float)
    naive = n * n_seg * 10 * 4  # sacrebleu's float32 gather for one system
    assert _chunk_rows(n_seg, None) * n_seg * 8 <= CHUNK_BYTES
    tracemalloc.start()
    try:
        chunked = paired_bootstrap("bleu", stats, "a", n=n, chunk=10)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < naive / 5
    assert chunked == paired_bootstrap("bleu", stats, "a", n=n)


def test_bad_arguments(data):
    st = data[3]["bleu"]
    with pytest.raises(ValueError, match="baseline"):
        paired_bootstrap("bleu", st, "nope", n=10)
    with pytest.raises(ValueError, match="same segments"):
        paired_ar("bleu", {"a": st["base"], "b": st["close"][:-1]}, "a", n=10)
    with pytest.raises(ValueError, match="at least one other"):
        paired_bootstrap("bleu", {"a": st["base"]}, "a", n=10)
    with pytest.raises(ValueError, match="groups"):
        bootstrap_ci("bleu", st["base"], n=10, groups=[0, 1])
    with pytest.raises(ValueError):
        bootstrap_ci("bleu", st["base"], n=0)


def test_mean_pseudo_metric_is_not_rounded_to_float32():
    """Averaged scores (COMET, similarities) resample as plain means, without sacrebleu's float32 quirk."""
    rng = np.random.default_rng(5)
    values = rng.normal(0.7, 0.1, 300) + 1e-9  # digits float32 would lose
    st = np.stack([values, np.ones_like(values)], axis=1)
    ours = bootstrap_ci("mean", st, n=200)
    idx = np.random.default_rng(12345).choice(300, size=(200, 300), replace=True)
    means = values[idx].mean(axis=1)
    assert ours["score"] == pytest.approx(values.mean(), rel=1e-12)
    assert ours["mean"] == pytest.approx(means.mean(), rel=1e-12)
    assert ours["ci_low"] == pytest.approx(np.sort(means)[5], rel=1e-12)


@pytest.mark.parametrize("test", ["bs", "ar"])
def test_several_metrics_at_once_equal_sacrebleu(test, data):
    """sacrebleu draws one set of resamples / coin flips per system for all metrics; so do we."""
    ref, _, sy, stats = data
    named = list(sy.items())
    objs = {"BLEU": BLEU(tokenize="intl"), "CHRF": CHRF(), "TER": TER()}
    n = 150 if test == "bs" else 300
    _, res = PairedTest(named, objs, [ref], test_type=test, n_samples=n, n_ar_confidence=60 if test == "ar" else -1)()
    mine = {"bleu": stats["bleu"], "chrf": stats["chrf"], "ter": stats["ter"]}
    if test == "bs":
        ours = paired_bootstrap_many(mine, "base", n=n)
    else:
        ours = paired_ar_many(mine, "base", n=n, n_confidence=60)
    for m, key in (("bleu", "BLEU"), ("chrf", "chrF2"), ("ter", "TER")):
        got = [(ours[m][s]["score"], ours[m][s]["mean"], ours[m][s]["ci"], ours[m][s]["p_value"]) for s in sy]
        assert got == [(r.score, r.mean, r.ci, r.p_value) for r in res[key]], m
    single = paired_bootstrap if test == "bs" else paired_ar
    kw = {} if test == "bs" else {"n_confidence": 60}
    assert single("chrf", stats["chrf"], "base", n=n, **kw) == ours["chrf"]


def test_ar_with_fractional_statistics_equals_sacrebleu(data):
    """TER with three references has fractional statistics: AR then follows sacrebleu's own products."""
    ref, _, sy, _ = data
    ref = ref[:120]
    sy = {s: sy[s][:120] for s in ("base", "close")}
    refs = [ref, perturb(ref, 0.2, 60), perturb(ref, 0.3, 61)]
    ter = {s: segment_stats("ter", h, refs) for s, h in sy.items()}
    assert not np.all(ter["base"][:, 1] == np.floor(ter["base"][:, 1]))
    _, res = PairedTest(list(sy.items()), {"m": TER()}, refs, test_type="ar", n_samples=200, n_ar_confidence=50)()
    ours = paired_ar("ter", ter, "base", n=200, n_confidence=50, chunk=7)
    assert [(ours[s]["p_value"], ours[s]["mean"], ours[s]["ci"]) for s in sy] == [
        (r.p_value, r.mean, r.ci) for r in res["TER"]]
    assert ours == paired_ar("ter", ter, "base", n=200, n_confidence=50)


@pytest.mark.parametrize("n_units", [5, 1997])
def test_bootstrap_draws_are_numpy_choice(n_units):
    expected = np.random.default_rng(12345).choice(n_units, size=(23, n_units), replace=True)
    rng = np.random.default_rng(12345)
    chunks = list(_bootstrap_draws(rng, n_units, 23, 5))
    got = np.concatenate([idx for idx, _ in chunks])
    assert np.array_equal(got, expected)
    counts = np.concatenate([c for _, c in chunks])
    assert np.array_equal(counts, [np.bincount(row, minlength=n_units) for row in expected])
