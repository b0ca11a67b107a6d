"""Numbers understood across scripts, separators, scales, dates and words (eval.checks.numbers)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from eval.checks.numbers import compare, parse_arabic, parse_english
from eval.model import Bead


def hard_values(nums) -> set:
    return {v for n in nums if n.hard for v in n.values}


@pytest.mark.parametrize(
    "text, value",
    [
        ("بلغت ٣٨٫٦ في المائة", Decimal("38.6")),  # Arabic-Indic digits, Arabic decimal separator
        ("بلغت 38,6 بالمئة", Decimal("38.6")),  # decimal comma
        ("نحو ١٬٢٠٠ شخص", Decimal(1200)),  # Arabic thousands separator
        ("نحو 1,200 شخص", Decimal(1200)),
        ("أكثر من 30،000 كوري", Decimal(30000)),  # Arabic comma used as thousands separator
        ("5 ملايين دولار", Decimal(5_000_000)),
        ("2.5 مليار", Decimal(2_500_000_000)),
        ("٪50", Decimal(50)),
    ],
)
def test_arabic_digits_and_separators(text, value):
    assert value in hard_values(parse_arabic(text))


@pytest.mark.parametrize(
    "text, value",
    [
        ("turnout was 38.6%", Decimal("38.6")),
        ("1,200 people", Decimal(1200)),
        ("a $1.2bn deal", Decimal(1_200_000_000)),
        ("£11million", Decimal(11_000_000)),
        ("5 million barrels", Decimal(5_000_000)),
        ("27 percent", Decimal(27)),
        ("his 34th start", Decimal(34)),
    ],
)
def test_english_numbers(text, value):
    assert value in hard_values(parse_english(text))


def test_scale_is_part_of_the_value():
    # 5 million vs 5 billion must not match on the bare 5
    res = compare(parse_english("5 million"), parse_arabic("5 مليارات"))
    assert res["missing"] and res["unsupported"]


def test_percent_and_currency_are_recognised():
    (n,) = [x for x in parse_english("a $400 billion fund") if x.hard]
    assert n.currency == "dollar" and Decimal(4 * 10**11) in n.values
    (a,) = [x for x in parse_arabic("400 مليار دولار") if x.hard]
    assert a.currency == "dollar" and a.values & n.values
    (p,) = [x for x in parse_arabic("ارتفع بنسبة 2٪") if x.hard]
    assert p.kind == "percent"


@pytest.mark.parametrize(
    "en, ar",
    [
        ("January 6, 2022", "6 يناير 2022"),
        ("6 January 2022", "6 كانون الثاني 2022"),
        ("on Jan. 6", "في 6 يناير"),
        ("Sept 4", "4 أيلول"),
        ("since May last year", "منذ مايو العام الماضي"),
        ("in the 1990s", "في التسعينيات"),
        ("for 15 years", "لمدة 15 عامًا"),
        ("two years", "عامين"),
        ("the 34th meeting", "الاجتماع الرابع والثلاثين"),
        ("the 12th district", "الدائرة الثانية عشرة"),
        ("3,000 troops", "ثلاثة آلاف جندي"),
        ("at 0800 GMT", "في الساعة 08:00 بتوقيت غرينتش"),
        ("at 5.30pm", "في الساعة 5:30 مساءً"),
        ("the 1950-53 war", "حرب 1950-1953"),
        ("50 percent", "النصف"),
        ("150 feet tall", "بارتفاع 45 مترا"),  # converted units
        ("COVID-19", "كوفيد-19"),
        ("JANUARY 14th", "14 يناير"),
        ("27 miles away", "بعيد حوالي 43 كيلو"),  # colloquial كيلو = km
        ("all 12 bills", "الميزانيات الاتناشر"),  # Egyptian/Gulf spelling of 12
        ("call 116 123", "على الرقم 116123"),
    ],
)
def test_equivalent_forms_match(en, ar):
    res = compare(parse_english(en), parse_arabic(ar))
    assert res["missing"] == [] and res["unsupported"] == [], res


def test_months_differ():
    res = compare(parse_english("January 6, 2022"), parse_arabic("6 فبراير 2022"))
    assert [n.text for n in res["missing"]] == ["January"]


def test_ambiguous_month_words_need_context():
    assert not [n for n in parse_english("Theresa May said") if n.kind == "month"]
    assert not [n for n in parse_arabic("مارس الضغط على الحكومة") if n.kind == "month"]
    assert [n for n in parse_arabic("في مارس الماضي") if n.kind == "month"]


def test_number_words_never_raise_findings_but_support():
    # "two" is soft: no mismatch when the target has nothing, but it supports a target "2"
    assert compare(parse_english("two officials said"), parse_arabic("قال مسؤولون"))["missing"] == []
    assert compare(parse_english("two officials said"), parse_arabic("قال 2 من المسؤولين"))["unsupported"] == []


def test_codes_in_the_source_are_soft():
    assert compare(parse_english("the G7 summit"), parse_arabic("قمة مجموعة السبع"))["missing"] == []


def test_mismatch_clean_and_faulty(run):
    assert run("number.mismatch", "Turnout was 38.6%.", "بلغت نسبة المشاركة 38.6٪.") == []
    (f,) = run("number.mismatch", "Turnout was 38.6%.", "بلغت نسبة المشاركة 36.8٪.")
    assert f.severity == "critical"
    assert "38.6%" in f.message and "36.8" in f.message
    assert f.details["source_numbers"][0]["text"] == "38.6%"


def test_missing_number_reported(run):
    (f,) = run("number.mismatch", "The 35-year concession was signed.", "تم توقيع الامتياز.")
    assert "35" in f.message


def test_currency_conflict(run):
    (f,) = run("number.mismatch", "a £6 million expansion", "توسعة بقيمة 6 ملايين دولار")
    assert f.details["reason"] == "currency"


def test_unsupported_clean_and_faulty(run):
    src = ["Gold prices were flat.", "Officials declined to comment."]
    assert run("number.unsupported", src, ["استقرت أسعار الذهب.", "رفض المسؤولون التعليق."]) == []
    tgt = ["استقرت أسعار الذهب.", "READ  الذهب يرتفع 2٪", "رفض المسؤولون التعليق."]
    beads = [Bead((0,), (0,)), Bead((), (1,)), Bead((1,), (2,))]
    (f,) = run("number.unsupported", src, tgt, beads=beads)
    assert f.severity == "major" and f.target_ids == (1,) and "2٪" in f.message


def test_window_tolerates_alignment_slips(run):
    src = ["Exports fell.", "They fell 27% in May."]
    tgt = ["انخفضت الصادرات بنسبة 27٪", "في مايو."]
    assert run("number.mismatch", src, tgt) == []
    assert run("number.mismatch", src, tgt, {"window": 0})  # strict per bead: reported
