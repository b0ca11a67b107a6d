"""Arabic word extraction and clitic-stripping candidates, on names from the seed article."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from eval.text.clitics import PROCLITICS, arabic_words, strip_clitics
from eval.text.normalize import normalize_arabic

SEED = Path(__file__).resolve().parents[2] / ".." / "shared" / "seed" / "000_c81270ce0b9162ad.txt"


@pytest.mark.parametrize(
    "word, stem",
    [
        ("وبوتين", "بوتين"),  # and Putin
        ("لكازاخستان", "كازاخستان"),  # for Kazakhstan (seed: "الخيار الديمقراطي لكازاخستان")
        ("لرويترز", "رويترز"),  # to Reuters (seed)
        ("بالكرملين", "كرملين"),  # in the Kremlin
        ("وبالصين", "صين"),
        ("فالصين", "الصين"),
        ("كالرئيس", "رئيس"),
        ("للرئيس", "الرئيس"),  # ل + الرئيس, the article's alef dropped
        ("للرئيس", "رئيس"),
        ("للندن", "لندن"),  # ل + لندن: a name starting with ل
        ("وللرئيس", "رئيس"),
        ("لأبلياسوف", "أبلياسوف"),
        ("حكومته", "حكومة"),  # ت before a suffix stands for ة
        ("كازاخستاني", "كازاخستان"),  # nisba / my
        ("أنصارهم", "أنصار"),
        ("وبلادنا", "بلاد"),
        ("بـبوتين", "بوتين"),  # tatweel after the preposition, common in MT output
        ("وَالرَّئِيسُ", "رئيس"),  # diacritics do not hide the clitics
    ],
)
def test_stem_is_among_candidates(word: str, stem: str) -> None:
    cands = strip_clitics(word)
    assert cands[0] == word
    assert stem in cands


def test_original_first_then_shorter() -> None:
    cands = strip_clitics("وبالكرملين")
    assert cands[0] == "وبالكرملين"
    assert cands[1:] == sorted(cands[1:], key=len, reverse=True)
    assert "كرملين" in cands and "بالكرملين" in cands and "الكرملين" in cands


def test_minimum_stem_lengths() -> None:
    # "وله" (and to him): ل+ه would leave nothing; stripping و leaves a 2-letter stem, allowed
    assert strip_clitics("وله") == ["وله", "له"]
    # two-letter words are never stripped to one letter
    assert strip_clitics("لي") == ["لي"]
    assert strip_clitics("بك") == ["بك"]
    # suffix only removed when ≥ 3 letters remain: كتبه → كتب, but "ابنه" keeps "ابن" (3) and "منه" stays
    assert "كتب" in strip_clitics("كتبه")
    assert strip_clitics("منه") == ["منه"]


def test_names_keep_their_own_form_first() -> None:
    # names that begin with clitic-looking letters: the real name is still candidate 0
    for name in ["بوتين", "فلاديمير", "لافروف", "كازاخستان", "بيلاروسيا"]:
        assert strip_clitics(name)[0] == name


def test_non_arabic_words_pass_through() -> None:
    assert strip_clitics("Putin") == ["Putin"]
    assert strip_clitics("") == [""]


def test_proclitic_set() -> None:
    for p in ["و", "ف", "ب", "ل", "ك", "ال", "وال", "بال", "فال", "كال", "لل", "وبال", "ولل", "فلل"]:
        assert p in PROCLITICS
    # ل is never followed by the full article: it is written لل
    assert not any("لال" in p for p in PROCLITICS)


def test_arabic_words_offsets_and_boundaries() -> None:
    text = "قال بوتين، في ٢٠٢٢: «لكازاخستان»؟ Putin وَالرَّئِيسُ كـــازاخستان"
    words = arabic_words(text)
    assert [w for w, _, _ in words] == ["قال", "بوتين", "في", "لكازاخستان", "وَالرَّئِيسُ", "كـــازاخستان"]
    assert all(text[a:b] == w for w, a, b in words)


def test_arabic_words_cover_every_arabic_letter_of_the_seed() -> None:
    if not SEED.exists():
        pytest.skip(f"{SEED} not available")
    text = SEED.read_text(encoding="utf-8")
    words = arabic_words(text)
    covered = set()
    for w, a, b in words:
        assert text[a:b] == w
        covered.update(range(a, b))
    letters = [m.start() for m in regex.finditer(r"(?V1)[[\p{Script=Arabic}]&&[\p{L}]]", text)]
    assert letters and all(i in covered for i in letters)
    # clitic-stripped, normalised candidates find the Kazakhstan mentions under their prefixes
    hits = [
        w for w, _, _ in words if normalize_arabic("كازاخستان") in map(normalize_arabic, strip_clitics(w))
    ]
    assert len(hits) >= 15 and "لكازاخستان" in hits


_AR = st.text(
    st.sampled_from(list("ابتثجحخدذرسشصضطظعغفقكلمنهويةىأإآءؤئـ") + ["\u064e", "\u0651"]), max_size=12
)


@settings(max_examples=400, deadline=None)
@given(st.one_of(_AR, st.text(max_size=12)))
def test_candidates_properties(word: str) -> None:
    cands = strip_clitics(word)
    assert cands[0] == word
    assert len(cands) == len(set(cands))
    for c in cands[1:]:
        assert len(c) >= 2
        assert len(c) <= len(word)
