"""Arabic ↔ Arabic alignment (system ↔ reference) with character n-gram similarity."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eval.align import align_monolingual
from tests.align.helpers import assert_covers

# Two independent Arabic renderings of the same five sentences (written for this test).
REF = [
    "ضربت فيضانات عنيفة شمال إيطاليا يوم الأحد بعد أمطار غزيرة.",
    "ولقي اثنا عشر شخصا على الأقل حتفهم، واضطر المئات إلى ترك منازلهم.",
    "وأرسل الجيش جنودا وقوارب لمساعدة فرق الإنقاذ في القرى المنكوبة.",
    "وزارت رئيسة الوزراء جورجيا ميلوني المنطقة ووعدت بأموال طارئة.",
    "وقدرت الحكومة الإقليمية الخسائر بنحو مليار ونصف مليار يورو.",
]
SYS = [
    "اجتاحت فيضانات عنيفة شمال إيطاليا الأحد إثر أمطار غزيرة.",
    "ولقي 12 شخصا على الأقل حتفهم واضطر المئات لترك منازلهم.",
    "أرسل الجيش جنودا وقوارب لمساعدة فرق الإنقاذ في القرى المنكوبة.",
    "زارت رئيسة الوزراء جورجيا ميلوني المنطقة، ووعدت بتقديم أموال طارئة.",
    "قدرت الحكومة الإقليمية الخسائر بحوالي 1.5 مليار يورو.",
]


def pairs(beads):
    return [(b.source_ids, b.target_ids) for b in beads]


def test_parallel_versions_align_one_to_one():
    assert pairs(align_monolingual(SYS, REF)) == [((i,), (i,)) for i in range(5)]


def test_merge_and_injected_line_are_recovered():
    sys_ = [SYS[0], "اقرأ أيضا: ارتفاع أسعار الوقود في أوروبا", SYS[1] + " " + SYS[2], SYS[3], SYS[4]]
    beads = align_monolingual(sys_, REF)
    assert_covers(beads, len(sys_), len(REF))
    assert pairs(beads) == [((0,), (0,)), ((1,), ()), ((2,), (1, 2)), ((3,), (3,)), ((4,), (4,))]


def test_empty_and_blank_inputs():
    assert align_monolingual([], []) == []
    assert pairs(align_monolingual(["", SYS[0]], [REF[0]])) == [((0,), ()), ((1,), (0,))]


_pool = REF + SYS + ["", "إعلان", "١٢٣ abc", "؟"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_pool), max_size=12), st.lists(st.sampled_from(_pool), max_size=12))
def test_every_id_in_exactly_one_bead(a, b):
    assert_covers(align_monolingual(a, b), len(a), len(b))
