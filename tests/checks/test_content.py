"""Content checks on aligned pairs: length band, repetition, negation."""

from __future__ import annotations

from eval.checks.content import arabic_negations, english_negations, repetitions

SRC = "Russia's oil revenue fell by 27% last month as buyers demanded bigger discounts."


def test_length(run):
    assert run("length", SRC, "تراجعت عائدات النفط الروسية بنسبة 27% الشهر الماضي مع مطالبة المشترين بخصومات أكبر.") == []
    (f,) = run("length", SRC, "تراجعت العائدات.")
    assert f.details["ratio"] < 0.55 and "shorter" in f.message
    (f,) = run("length", SRC, "تراجعت عائدات النفط الروسية " * 6)
    assert f.details["ratio"] > 1.75
    assert run("length", "Hats off.", "تحية.") == []  # sources under min_source_chars are skipped


def kinds(text: str) -> list[str]:
    return [r["kind"] for r in repetitions(text)]


def test_repetition_kinds():
    assert kinds("ستكون الاحتجاجات سلمياً سلمياً كما قالت") == ["doubled_word"]
    assert kinds("أدين بالاحتيال والاحتيال والتآمر") == ["conjoined_duplicate"]
    assert kinds("يصل كل أسبوع، كل أسبوع ناقلات") == ["repeated_phrase"]
    assert kinds("قال إن قال إن قال إن قال إن") == ["loop"]


def test_repetition_allowed():
    assert kinds("تقدم الجيش رويداً رويداً نحو المدينة") == []
    assert kinds("على قنوات سي إن إن وبي بي سي") == []  # spelled-out acronyms
    assert kinds("ارتفعت الأسعار أكثر وأكثر") == []  # comparative "more and more"
    assert kinds("قال الرئيس ورئيس الوزراء") == []


def test_repetition_check(run):
    assert run("repetition", "Peaceful protests.", "احتجاجات سلمية.") == []
    (f,) = run("repetition", "Peaceful protests.", "احتجاجات سلمية سلمية.")
    assert f.severity == "major"
    # the source repeats too ("No, no, no"): mirrored, not reported
    assert run("repetition", '"No, no, no," he said.', "قال: لا، لا، لا.") == []


def test_repeated_sentence(run):
    (f,) = run("repetition", ["Prices rose on Monday.", "Traders were calm."], ["ارتفعت الأسعار يوم الاثنين."] * 2)
    assert f.details["repetitions"][0]["kind"] == "repeated_sentence"


def test_negation_words():
    assert english_negations("He did not say, and he won't, and he denied it.") == ["not", "n't", "denied"]
    assert english_negations("Not only Kazakhstan but also No. 10") == []
    assert arabic_negations("ولم يذكر كيف") == ["لم"]
    assert arabic_negations("لا يزال يمثل قوة، لا سيما في الشمال") == []
    assert arabic_negations("ورد الوزير بالرفض") == ["رفض"]


def test_negation_check(run):
    assert run("negation", "He did not say how.", "ولم يذكر كيف.") == []
    assert run("negation", "He said how.", "وذكر كيف.") == []
    (f,) = run("negation", "The measures would not stop exports.", "إن الإجراءات ستوقف الصادرات.")
    assert f.severity == "minor" and f.details["source_negations"] == ["not"]
    (f,) = run("negation", "The count had lacked transparency.", "لم يكن الفرز يفتقر إلى الشفافية.")
    assert f.details["target_negations"] == ["لم"]
    # privative words answer a negation but do not raise one: "unclear" ↔ "غير واضح"
    assert run("negation", "The economics remain unclear.", "تبقى الجدوى غير واضحة.") == []
    assert run("negation", "They left without a deal.", "غادروا دون اتفاق.") == []
