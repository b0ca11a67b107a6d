"""The Gale–Church length model: fitting, the stable tail, and the shipped NTREX constants."""

from __future__ import annotations

import math

import numpy as np
import pytest

from eval.align.lengths import (
    EN_AR_RATIO,
    EN_AR_VARIANCE,
    char_length,
    fit_length_model,
    length_cost,
    neg_log_two_sided_p,
    refit_ntrex,
)
from tests.align.helpers import NTREX


def test_char_length_ignores_whitespace():
    assert char_length(" a b\tc\n") == 3
    assert char_length("") == 0


@pytest.mark.parametrize("d", [0.0, 0.3, 1.0, 2.5, 4.0, 6.0])
def test_tail_matches_erfc(d):
    assert neg_log_two_sided_p(np.array([d]))[0] == pytest.approx(-math.log(math.erfc(d / math.sqrt(2))), abs=1e-6)


def test_tail_is_finite_far_out():
    v = neg_log_two_sided_p(np.array([40.0]))[0]
    assert np.isfinite(v) and v > 40.0**2 / 2


def test_fit_recovers_known_parameters():
    rng = np.random.default_rng(1)
    ls = rng.integers(20, 300, 5000)
    lt = np.maximum(1, np.rint(1.5 * ls + rng.normal(0, np.sqrt(3.0 * ls)))).astype(int)
    pairs = [("x" * a, "y" * b) for a, b in zip(ls, lt)]
    c, s2 = fit_length_model(pairs)
    assert c == pytest.approx(1.5, rel=0.01)
    assert s2 == pytest.approx(3.0, rel=0.1)
    with pytest.raises(ValueError):
        fit_length_model([("", "")])


def test_cost_is_lowest_at_the_expected_length():
    ls = np.full(5, 100.0)
    lt = np.array([50.0, 80.0, 100 * EN_AR_RATIO, 120.0, 200.0])
    cost = length_cost(ls, lt, EN_AR_RATIO, EN_AR_VARIANCE)
    assert np.argmin(cost) == 2 and cost[0] > cost[1] and cost[4] > cost[3]


def test_shipped_constants_are_the_ntrex_fit():
    if not NTREX.is_dir():
        pytest.skip("../shared/data/ntrex not available")
    c, s2 = refit_ntrex(NTREX)
    assert round(c, 4) == EN_AR_RATIO
    assert round(s2, 3) == EN_AR_VARIANCE
