"""Arabic/English normalisation: each switch alone, the presets, and robustness on arbitrary Unicode."""

from __future__ import annotations

import dataclasses
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eval.text.normalize import (
    BIDI_CONTROLS,
    MATCHING,
    NONE,
    SCORING_ARABIC,
    ZERO_WIDTH,
    ArabicNormalization,
    normalize_arabic,
    normalize_english,
    strip_bidi,
    to_ascii_digits,
)

OFF = ArabicNormalization(unicode=None)


def only(**switch: bool) -> ArabicNormalization:
    return dataclasses.replace(OFF, **switch)


@pytest.mark.parametrize(
    "switch, text, expected",
    [
        # fully vowelled "and he said" with shadda + superscript alef in "هٰذا"
        ("diacritics", "وَقَالَ إِنَّ هٰذَا", "وقال إن هذا"),
        ("tatweel", "كـــازاخستان", "كازاخستان"),
        ("alef", "أبلياسوف إن آسيا ٱلله", "ابلياسوف ان اسيا الله"),
        ("hamza_seats", "رئيس مؤتمر", "رييس موتمر"),
        ("alef_maqsura", "موسى على", "موسي علي"),
        ("ta_marbuta", "الحكومة المؤقتة", "الحكومه المؤقته"),
        ("persian_letters", "کازاخستانی", "كازاخستاني"),
        ("digits", "في ٦ يناير ٢٠٢٢ و۱۵ عاما", "في 6 يناير 2022 و15 عاما"),
        ("digits", "٣٫٥ و١٬٠٠٠ و٥٠٪", "3.5 و1,000 و50%"),
        ("punctuation", "نعم، لا؛ لماذا؟", "نعم, لا; لماذا?"),
        ("bidi", "\u200fرويترز\u202a (CSTO)\u202c\u061c", "رويترز (CSTO)"),
        ("zero_width", "بر\u200cنامه\u200b", "برنامه"),
    ],
)
def test_each_switch_alone(switch: str, text: str, expected: str) -> None:
    assert normalize_arabic(text, only(**{switch: True})) == expected
    # and nothing happens with every switch off (text chosen so that each switch changes it)
    assert normalize_arabic(text, OFF) == text


def test_switches_do_not_leak() -> None:
    # alef folding must not touch ة, hamza seats or digits
    assert normalize_arabic("أسامة رئيس ٣", only(alef=True)) == "اسامة رئيس ٣"


def test_nfkc_folds_presentation_forms_nfc_does_not() -> None:
    pres = "\ufefb\ufe91"  # LAM-ALEF ligature isolated, BEH initial form
    assert normalize_arabic(pres, only(unicode="NFKC")) == "لاب"
    assert normalize_arabic(pres, only(unicode="NFC")) == pres


def test_nfc_composes_decomposed_hamza() -> None:
    decomposed = "ا\u0654"  # alef + combining hamza above == أ canonically
    assert normalize_arabic(decomposed, NONE) == "أ"
    assert normalize_arabic(decomposed, SCORING_ARABIC) == "ا"


def test_invalid_unicode_form() -> None:
    with pytest.raises(ValueError):
        ArabicNormalization(unicode="NFD")


def test_presets_as_documented() -> None:
    text = "قالَ الرئيسُ «أحمد» إنّ ٣٫٥ مليون، ومستشفى الحكومة؟\u200f\u200c"
    assert normalize_arabic(text, NONE) == unicodedata.normalize("NFC", text)
    # scoring: orthography folded, Arabic punctuation and ZWNJ kept, hamza seat ئ kept
    assert normalize_arabic(text, SCORING_ARABIC) == "قال الرئيس «احمد» ان 3.5 مليون، ومستشفي الحكومه؟\u200c"
    # matching: also punctuation, hamza seats and zero-width
    assert normalize_arabic(text) == "قال الرييس «احمد» ان 3.5 مليون, ومستشفي الحكومه?"


def test_seed_name_variants_meet_under_matching() -> None:
    # the seed spells the same man أبلياسوف and ابلياسوف; matching must make them equal
    assert normalize_arabic("أبلياسوف") == normalize_arabic("ابلياسوف")
    assert normalize_arabic("أبلياسوف", NONE) != normalize_arabic("ابلياسوف", NONE)


def test_strip_bidi_and_digits_helpers() -> None:
    s = "\u200e٢٠١٩\u200f\u200d"
    assert strip_bidi(s) == "٢٠١٩\u200d"
    assert strip_bidi(s, zero_width=True) == "٢٠١٩"
    assert to_ascii_digits("۱۲۳٫۴٥ و٬") == "123.45 و,"
    assert "\u200e" in BIDI_CONTROLS and "\u2067" in BIDI_CONTROLS and "\u061c" in BIDI_CONTROLS
    assert "\u200c" not in BIDI_CONTROLS and "\u200c" in ZERO_WIDTH


def test_normalize_english() -> None:
    assert normalize_english("Nazarbayev’s “Furniture”") == normalize_english('NAZARBAYEV\'S "furniture"')
    assert normalize_english("Nazarbayev’s") == "nazarbayev's"
    assert normalize_english("\ufb01nance") == "finance"  # ligature ﬁ via NFKC


def test_english_text_untouched_by_arabic_normalisation() -> None:
    text = "Reuters said 3.5% on Jan. 6, 2022."
    assert normalize_arabic(text) == text
    assert normalize_arabic(text, SCORING_ARABIC) == text


_PRESETS = [NONE, SCORING_ARABIC, MATCHING]


@settings(max_examples=400, deadline=None)
@given(st.text(), st.sampled_from(_PRESETS))
def test_never_crashes_on_arbitrary_unicode(text: str, opts: ArabicNormalization) -> None:
    out = normalize_arabic(text, opts)
    assert isinstance(out, str)
    if opts.bidi:
        assert not (set(out) & BIDI_CONTROLS)


# Arabic-heavy alphabet so the interesting interactions (marks between letters, presentation forms,
# hamza composition) actually occur.
_ARABIC_ALPHABET = st.sampled_from(
    [chr(c) for c in range(0x0600, 0x0700)]
    + [chr(c) for c in range(0xFE70, 0xFF00)]
    + [chr(c) for c in range(0xFB50, 0xFBB0)]
    + list(BIDI_CONTROLS | ZERO_WIDTH)
    + list("aA1 .\u0301")
)


@settings(max_examples=600, deadline=None)
@given(st.one_of(st.text(), st.text(_ARABIC_ALPHABET)))
def test_matching_is_idempotent(text: str) -> None:
    once = normalize_arabic(text, MATCHING)
    assert normalize_arabic(once, MATCHING) == once


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.text(_ARABIC_ALPHABET)))
def test_scoring_is_idempotent(text: str) -> None:
    once = normalize_arabic(text, SCORING_ARABIC)
    assert normalize_arabic(once, SCORING_ARABIC) == once


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_english_idempotent(text: str) -> None:
    once = normalize_english(text)
    assert normalize_english(once) == once
