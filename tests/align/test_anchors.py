"""Anchors: numbers, months, Latin tokens, names via transliteration, lexicon, cohesion."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from eval.align.anchors import anchor_matches, arabic_keys, cohesion, document_keys, english_keys
from eval.align.lexicon import LEXICON, arabic_concept, english_concept


@pytest.mark.parametrize(
    "en, ar",
    [
        ("1,500 people", "١٬٥٠٠ شخص"),  # thousands separators, Arabic-Indic digits
        ("a rate of 3.5", "بمعدل ٣٫٥"),  # Arabic decimal separator
        ("in 2019", "في عام ۲۰۱۹"),  # Persian digits
        ("three hours", "3 ساعات"),  # number word ↔ digits
        ("thirty-two percent", "32٪"),
        ("about 07 cases", "نحو 7 حالات"),
    ],
)
def test_numbers_survive_script_and_separators(en, ar):
    e = {k for k in english_keys(en) if k.startswith("n:")}
    a = {k for k in arabic_keys(ar) if k.startswith("n:")}
    assert e and e <= a


@pytest.mark.parametrize(
    "en, ar, key",
    [
        ("on January 6", "في 6 يناير", "m:1"),
        ("on January 6", "في 6 كانون الثاني", "m:1"),
        ("in March 2022", "في مارس 2022", "m:3"),
        ("in October", "في تشرين الأول", "m:10"),
        ("on Monday", "يوم الاثنين", "d:1"),
    ],
)
def test_month_and_day_names(en, ar, key):
    assert key in english_keys(en)
    assert key in arabic_keys(ar)


def test_march_as_a_verb_is_not_a_month():
    assert "m:3" not in arabic_keys("مارس الرياضة طوال حياته")
    assert "m:5" not in english_keys("He may come.")


def test_latin_tokens_inside_arabic_are_anchors():
    src, tgt = document_keys(["The CSTO sent troops, Reuters.com said."],
                             ["أرسلت منظمة CSTO قوات بحسب موقع Reuters.com"])
    assert "l:csto" in src[0] and "l:csto" in tgt[0]
    assert "l:reuters.com" in tgt[0]


def test_names_matched_through_transliteration_and_clitics():
    src = ["Nursultan Nazarbayev stepped down in 2019.", "Protesters blamed Nazarbayev and Tokayev."]
    tgt = ["تنحى نور سلطان نزارباييف في 2019.", "وألقى المحتجون باللوم على لنزارباييف وتوكاييف."]
    s, t = document_keys(src, tgt)
    assert "N:nazarbayev" in s[0] and "N:nazarbayev" in t[0]
    assert "N:nazarbayev" in t[1] and "N:tokayev" in t[1]


def test_sentence_initial_common_words_are_not_names():
    s, t = document_keys(["Across the country, people protested."], ["في أنحاء البلاد، احتج الناس."])
    assert not any(k.startswith("N:") for k in s[0])


def test_lexicon_concepts():
    assert english_concept("police") == arabic_concept("والشرطة") == "police"
    assert english_concept("earthquakes") == arabic_concept("زلزال") == "earthquake"
    assert english_concept("dead") == "dead" and english_concept("deadline") is None
    assert arabic_concept("اب") == "father" and arabic_concept("ابريل") is None
    assert len(LEXICON) > 150


def test_multi_sentence_spans_count_multisets_not_pairs():
    # "Kazakhstan" in both source sentences and one target sentence: a 2-1 bead matches it once
    src = [Counter({"N:kazakhstan": 1}), Counter({"N:kazakhstan": 1})]
    tgt = [Counter({"N:kazakhstan": 1})]
    am = anchor_matches(src, tgt)
    one = am.span_reward(1, 1, np.array([1]), np.array([1]))[0]
    two = am.span_reward(2, 1, np.array([2]), np.array([1]))[0]
    assert two == pytest.approx(one)


def test_cohesion_separates_furniture_from_article_lines():
    doc = [
        "قال رئيس الوزراء إن الحكومة ستدعم المزارعين المتضررين من الفيضانات.",
        "وأضاف أن الفيضانات دمرت المحاصيل في المناطق الشمالية.",
        "اشترك في نشرتنا الإخبارية",
        "وطالب المزارعون الحكومة بتعويضات عاجلة عن المحاصيل.",
        "اشترك في نشرتنا الإخبارية",
    ]
    c = cohesion(doc, arabic=True)
    assert c[2] == 0.0 and c[4] == 0.0  # repeated furniture does not vouch for itself
    assert min(c[0], c[1], c[3]) > 0.2
