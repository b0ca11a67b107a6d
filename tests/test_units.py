from hypothesis import given, settings
from hypothesis import strategies as st

from eval.model import Bead
from eval.units import build_units


def B(s, t, score=1.0):
    return Bead(tuple(s), tuple(t), score)


def test_units_join_what_any_side_joins():
    beads = {
        "system:a": [B([0], [0]), B([1, 2], [1]), B([3], [2])],
        "system:b": [B([0], [0]), B([1], [1]), B([2], [2, 3]), B([3], [])],
    }
    units = build_units(4, beads)
    assert [u.source_ids for u in units] == [(0,), (1, 2), (3,)]
    assert units[1].target_ids == {"system:a": (1,), "system:b": (1, 2, 3)}
    assert units[2].target_ids["system:b"] == ()  # omission kept as an empty target


def test_additions_become_their_own_units_in_place():
    beads = {
        "system:a": [B([], [0]), B([0], [1]), B([], [2]), B([], [3]), B([1], [4])],
        "system:b": [B([0], [0]), B([1], [1])],
    }
    units = build_units(2, beads)
    assert [u.source_ids for u in units] == [(), (0,), (), (1,)]
    assert units[0].added_by == "system:a" and units[0].target_ids == {"system:a": (0,), "system:b": ()}
    assert units[2].target_ids["system:a"] == (2, 3)
    assert units[3].target_ids == {"system:a": (4,), "system:b": (1,)}


def test_no_source_at_all():
    units = build_units(0, {"system:a": [B([], [0]), B([], [1])]})
    assert len(units) == 1 and units[0].target_ids["system:a"] == (0, 1)


@st.composite
def alignments(draw):
    n_src = draw(st.integers(0, 12))
    sides = {}
    for name in ("system:a", "system:b", "reference:r"):
        beads, s, t = [], 0, 0
        while s < n_src or draw(st.booleans()) and t < 15:
            kinds = [(1, 1), (1, 0), (0, 1), (2, 1), (1, 2)]
            ns, nt = draw(st.sampled_from(kinds))
            ns = min(ns, n_src - s)
            if ns == 0 and nt == 0:
                nt = 1
            beads.append(B(range(s, s + ns), range(t, t + nt), draw(st.floats(0, 1))))
            s, t = s + ns, t + nt
        sides[name] = (beads, t)
    return n_src, sides


@settings(max_examples=200, deadline=None)
@given(alignments())
def test_every_sentence_in_exactly_one_unit(data):
    n_src, sides = data
    units = build_units(n_src, {k: v[0] for k, v in sides.items()})
    src = [i for u in units for i in u.source_ids]
    assert src == list(range(n_src))
    for side, (_, n_tgt) in sides.items():
        tgt = sorted(i for u in units for i in u.target_ids[side])
        assert tgt == list(range(n_tgt))
