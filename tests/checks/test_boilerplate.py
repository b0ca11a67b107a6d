"""Web-page furniture: target-only is major, mirrored source furniture is info, config extends the list."""

from __future__ import annotations

import pytest

from eval.checks.boilerplate import PATTERNS, find_boilerplate


@pytest.mark.parametrize(
    "text, category",
    [
        ("اشترك الآن للحصول على وصول مجاني غير محدود إلى موقع Reuters.com", "subscribe"),
        ("سجل الآن لتصلك نشرتنا الإخبارية اليومية", "subscribe"),
        ("انضم إلى قناتنا على تيليجرام", "subscribe"),
        ("قالت الوزارة إن المحادثات ستستمر. اقرأ أكثر", "read_more"),
        ("اقرأ المزيد", "read_more"),
        ("READ\u00a0 تحذير من عاصفة شتوية", "read_more"),
        ("اترك تعليقاً", "comments"),
        ("لن يتم نشر عنوان بريدك الإلكتروني.", "comments"),
        ("الحقول الإلزامية مشار إليها بـ *", "comments"),
        ("شارك هذا المقال على فيسبوك", "share"),
        ("تصوير: بافيل ميخيف – رويترز", "photo_credit"),
        ("Sign up now for FREE unlimited access to Reuters.com", "subscribe"),
        ("Leave a comment", "comments"),
        ("Your email address will not be published.", "comments"),
        ("REUTERS/Pavel Mikheyev", "photo_credit"),
        ("Our Standards: The Thomson Reuters Trust Principles.", "standards"),
    ],
)
def test_builtin_patterns(text, category):
    assert category in {h["category"] for h in find_boilerplate(text)}


@pytest.mark.parametrize(
    "text",
    [
        "وقع الطرفان اتفاقا لتطوير الميناء.",
        "قال إنه سيقرأ التقرير بعناية قبل أن يعلق.",
        "اشترك أكثر من مئة عداء في السباق.",
        "He read more than 200 pages of the report.",
        "The party signed up three new members.",
        "Readers may comment on the plan until Friday.",
    ],
)
def test_news_prose_is_not_furniture(text):
    assert find_boilerplate(text) == []


def test_every_pattern_is_documented():
    assert all(p.doc and p.category and p.lang in ("en", "ar") for p in PATTERNS)


def test_target_only_is_major(run):
    src = ["The ministry said talks would continue."]
    tgt = ["قالت الوزارة إن المحادثات ستستمر.", "اترك تعليقاً"]
    (f,) = run("boilerplate", src, tgt)
    assert f.severity == "major" and f.target_ids == (1,)
    assert f.details["categories"] == ["comments"] and not f.details["mirrors_source"]


def test_mirrored_is_info(run):
    src = ["Our Standards: The Thomson Reuters Trust Principles."]
    tgt = ["معاييرنا: مبادئ الثقة في Thomson Reuters."]
    (f,) = run("boilerplate", src, tgt)
    assert f.severity == "info" and f.details["mirrors_source"] and f.source_ids == (0,)


def test_clean(run):
    assert run("boilerplate", "The ministry said talks would continue.", "قالت الوزارة إن المحادثات ستستمر.") == []


def test_config_extends_and_disables(run):
    tgt = ["قالت الوزارة إن المحادثات ستستمر.", "حمّل تطبيقنا الآن"]
    assert run("boilerplate", "The ministry said.", tgt) == []
    (f,) = run("boilerplate", "The ministry said.", tgt, {"extra_patterns": ["حمل تطبيقنا"]})
    assert f.details["categories"] == ["custom"]
    assert run("boilerplate", "x", "اترك تعليقاً", {"disabled_categories": ["comments"]}) == []
