"""Bilingual en→ar alignment: coverage invariant, clean text, constructed edits, robustness, embeddings."""

from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eval.align import DEFAULTS, align
from eval.model import Bead
from tests.align.helpers import assert_covers

# A short news text and our own Arabic translation of it, sentence by sentence (written for this test).
EN = [
    "Floods hit northern Italy",
    "Heavy rain caused severe flooding across northern Italy on Sunday, officials said.",
    "At least 12 people were killed and hundreds were forced to leave their homes.",
    "The army sent soldiers and boats to help rescue teams in the worst-hit villages.",
    "Prime Minister Giorgia Meloni visited the region on Monday and promised emergency funds.",
    "Roads and railway lines were closed, and several bridges collapsed.",
    "Farmers said the water destroyed crops that were ready for harvest.",
    "Scientists warn that such storms are becoming more frequent because of climate change.",
    "The regional government estimated the damage at 1.5 billion euros.",
    "Schools in the area will remain closed until the end of the week.",
]
AR = [
    "فيضانات تضرب شمال إيطاليا",
    "تسببت الأمطار الغزيرة في فيضانات شديدة في أنحاء شمال إيطاليا يوم الأحد، بحسب ما قال مسؤولون.",
    "لقي ما لا يقل عن 12 شخصا حتفهم واضطر المئات إلى مغادرة منازلهم.",
    "وأرسل الجيش جنودا وقوارب لمساعدة فرق الإنقاذ في القرى الأكثر تضررا.",
    "وزارت رئيسة الوزراء جورجيا ميلوني المنطقة يوم الاثنين ووعدت بتقديم أموال طارئة.",
    "وأغلقت الطرق وخطوط السكك الحديدية، وانهارت عدة جسور.",
    "وقال المزارعون إن المياه دمرت محاصيل كانت جاهزة للحصاد.",
    "ويحذر العلماء من أن مثل هذه العواصف أصبحت أكثر تكرارا بسبب تغير المناخ.",
    "وقدرت الحكومة الإقليمية الأضرار بنحو 1.5 مليار يورو.",
    "وستظل المدارس في المنطقة مغلقة حتى نهاية الأسبوع.",
]


def pairs(beads: list[Bead]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(b.source_ids, b.target_ids) for b in beads]


def test_clean_parallel_text_is_all_one_to_one():
    beads = align(EN, AR)
    assert pairs(beads) == [((i,), (i,)) for i in range(len(EN))]
    assert min(b.score for b in beads) > 0.5


def test_merge_split_delete_insert_are_recovered():
    # Arabic 2+3 merged, 4 split in two, 6 dropped, boilerplate inserted after 8 and at the end
    ar = [
        AR[0],
        AR[1],
        AR[2] + " " + AR[3],
        "وزارت رئيسة الوزراء جورجيا ميلوني المنطقة يوم الاثنين.",
        "ووعدت بتقديم أموال طارئة.",
        AR[5],
        AR[7],
        AR[8],
        "اقرأ أيضا: ارتفاع أسعار الوقود في أوروبا",
        AR[9],
        "جميع الحقوق محفوظة",
    ]
    expected = [
        ((0,), (0,)), ((1,), (1,)), ((2, 3), (2,)), ((4,), (3, 4)), ((5,), (5,)), ((6,), ()),
        ((7,), (6,)), ((8,), (7,)), ((), (8,)), ((9,), (9,)), ((), (10,)),
    ]
    beads = align(EN, ar)
    assert_covers(beads, len(EN), len(ar))
    assert pairs(beads) == expected


def test_empty_sides():
    assert align([], []) == []
    assert pairs(align(["One sentence."], [])) == [((0,), ())]
    assert pairs(align([], ["جملة.", "أخرى."])) == [((), (0,)), ((), (1,))]
    assert all(b.score == 1.0 for b in align([], ["جملة."]))


def test_blank_lines_stay_in_place():
    src = ["Heavy rain hit Italy on Sunday.", "", "At least 12 people were killed."]
    tgt = ["ضربت أمطار غزيرة إيطاليا يوم الأحد.", "", "لقي ما لا يقل عن 12 شخصا حتفهم."]
    beads = align(src, tgt)
    assert_covers(beads, 3, 3)
    assert pairs(beads) == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
    # blanks only on one side become their own beads, never swallow a neighbour's partner
    beads = align(["A first sentence here.", "   ", "A second one with 42 words."], ["جملة أولى هنا.", "جملة ثانية فيها 42 كلمة."])
    assert_covers(beads, 3, 2)
    assert ((0,), (0,)) in pairs(beads) and ((2,), (1,)) in pairs(beads)


def test_target_full_of_boilerplate():
    furniture = ["اقرأ المزيد", "شارك هذا المقال", "تابعونا على تويتر", "إعلان", "اترك تعليقاً", "الأكثر قراءة"]
    rng = random.Random(3)
    tgt, kept = [], []
    for a in AR:
        for _ in range(rng.randint(1, 3)):
            tgt.append(rng.choice(furniture))
        kept.append(len(tgt))
        tgt.append(a)
    beads = align(EN, tgt)
    assert_covers(beads, len(EN), len(tgt))
    got = set(pairs(beads))
    assert sum(((i,), (j,)) in got for i, j in enumerate(kept)) >= len(EN) - 1
    additions = {b.target_ids[0] for b in beads if not b.source_ids}
    junk = set(range(len(tgt))) - set(kept)
    assert len(additions & junk) >= 0.9 * len(junk)


def test_long_document_with_a_block_of_insertions_widens_the_band():
    rng = random.Random(7)
    src, tgt = [], []
    for k in range(60):
        i = rng.randrange(len(EN))
        src.append(EN[i].replace("12", str(100 + k)))
        tgt.append(AR[i].replace("12", str(100 + k)))
    tgt = [f"سطر دعائي رقم {k} لا علاقة له بالمقال" for k in range(40)] + tgt
    narrow = align(src, tgt, band=8)
    full = align(src, tgt, band=10_000)
    assert_covers(narrow, len(src), len(tgt))
    assert pairs(narrow) == pairs(full)
    assert sum(1 for b in full if b.kind == "0-1") >= 35


def test_very_long_document_is_covered():
    rng = random.Random(11)
    idx = [rng.randrange(len(EN)) for _ in range(1500)]
    src = [EN[i] for i in idx]
    tgt = [AR[i] for i in idx if rng.random() > 0.02]
    beads = align(src, tgt)
    assert_covers(beads, len(src), len(tgt))


def test_unknown_parameter_and_bad_values_raise():
    with pytest.raises(ValueError, match="unknown"):
        align(EN, AR, no_such_knob=1)
    with pytest.raises(ValueError):
        align(EN, AR, variance=0)
    with pytest.raises(ValueError):
        align(EN, AR, priors={"0-1": 1.0})


def test_bead_shapes_can_be_switched_on_and_off():
    ar = [AR[0], AR[1] + " " + AR[2], AR[3] + " " + AR[4]]
    en = [EN[0], EN[1], EN[2], EN[3], EN[4]]
    with_22 = align(en, ar, priors={"2-2": 1.0})
    assert_covers(with_22, 5, 3)
    without_21 = align(en, ar, priors={"2-1": None})
    assert all(b.kind != "2-1" for b in without_21)
    assert any(b.kind == "2-1" for b in align(en, ar))
    assert "priors" in DEFAULTS


def test_embedding_hook_joins_the_cost():
    # Same lengths, no anchors: where the dropped sentence was is only visible to the embedding.
    en = ["aaaa bbbb cccc dddd eeee.", "ffff gggg hhhh iiii jjjj.", "kkkk llll mmmm nnnn oooo."]
    ar = ["ثثثث جججج حححح خخخخ دددد.", "صصصص ضضضض طططط ظظظظ عععع."]
    topic = {en[0]: 0, en[1]: 1, en[2]: 2, ar[0]: 0, ar[1]: 2}
    calls = []

    def embed(texts, lang):
        calls.append(lang)
        out = np.full((len(texts), 3), 0.05)
        for k, t in enumerate(texts):
            for s, tid in topic.items():
                if s in t:
                    out[k, tid] += 1.0
        return out

    beads = align(en, ar, embed=embed)
    assert pairs(beads) == [((0,), (0,)), ((1,), ()), ((2,), (1,))]
    assert "en" in calls and "ar" in calls
    # a bad embedding is an error, not a silent fallback
    with pytest.raises(ValueError):
        align(en, ar, embed=lambda texts, lang: np.zeros((len(texts) + 1, 3)))


def test_confidence_is_lower_for_an_ambiguous_bead():
    clear = align(EN[:3], AR[:3])
    ambiguous = align(["He said so.", "He said so."], ["قال ذلك."])
    assert min(b.score for b in clear) > max(b.score for b in ambiguous if b.target_ids)


# --------------------------------------------------------------------------- property tests

_WORDS = ["the", "rain", "Italy", "CSTO", "12", "1,500", "٣٫٥", "يناير", "January", "الشرطة", "police",
          "نزارباييف", "Nazarbayev", "“quoted”", "?", "كازاخستان", "و", "في", "", " ", "\u200f"]
_sentence = st.lists(st.sampled_from(_WORDS), min_size=0, max_size=12).map(" ".join)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_sentence, max_size=14), st.lists(_sentence, max_size=14), st.sampled_from([4, 128]))
def test_every_id_in_exactly_one_bead_in_order(src, tgt, band):
    beads = align(src, tgt, band=band)
    assert_covers(beads, len(src), len(tgt))


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10_000), st.integers(50, 200), st.floats(0.3, 3.0))
def test_coverage_on_longer_random_documents(seed, n, ratio):
    rng = random.Random(seed)
    src = [" ".join(rng.choice(_WORDS) for _ in range(rng.randint(0, 20))) for _ in range(n)]
    tgt = [" ".join(rng.choice(_WORDS) for _ in range(rng.randint(0, 20))) for _ in range(int(n * ratio))]
    assert_covers(align(src, tgt, band=16), len(src), len(tgt))


# --------------------------------------------------------------------------- NTREX (when present)


def _perturb(src, tgt, rng):
    out, gold = [], []
    i = 0
    while i < len(tgt):
        r = rng.random()
        if r < 0.06 and i + 1 < len(tgt):
            gold.append(((i, i + 1), (len(out),)))
            out.append(tgt[i] + " " + tgt[i + 1])
            i += 2
            continue
        if r < 0.09:
            gold.append(((i,), ()))
        else:
            gold.append(((i,), (len(out),)))
            out.append(tgt[i])
        i += 1
        if rng.random() < 0.05:
            gold.append(((), (len(out),)))
            out.append("اشترك في نشرتنا الإخبارية")
    return out, gold


def test_ntrex_clean_is_one_to_one_and_perturbed_is_covered(ntrex_docs):
    identity = total = 0
    rng = random.Random(5)
    hits = n_gold = 0
    for src, tgt in ntrex_docs.values():
        beads = align(src, tgt)
        assert_covers(beads, len(src), len(tgt))
        identity += sum(1 for b in beads if b.kind == "1-1" and b.source_ids == b.target_ids)
        total += len(src)
        out, gold = _perturb(src, tgt, rng)
        pert = align(src, out)
        assert_covers(pert, len(src), len(out))
        got = set(pairs(pert))
        hits += sum(1 for g in gold if g in got)
        n_gold += len(gold)
    # human, line-by-line translation: almost every line is its own 1-1 bead
    assert identity / total > 0.97
    assert hits / n_gold > 0.93
