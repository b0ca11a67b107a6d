"""MSA vs dialect per sentence, the register.dialect check, and the corpus-level variety warning."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.checks.register import classify, corpus_warnings, profile

WMT25 = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "wmt25-en-ar_EG"


@pytest.mark.parametrize(
    "text, variety",
    [
        ("قال الوزير إن الحكومة ستواصل المفاوضات مع صندوق النقد الدولي.", "msa"),
        ("أعلنت الشرطة القبض على المشتبه به في مقتل اللاعب وايد سيمز.", "msa"),  # Wade, not Gulf وايد
        ("الدول العربية دي ميستورا", "msa"),  # دول = countries, دي = a name particle: weak markers
        ("أنا عايز أعرف إزاي نوصل للفندق ده دلوقتي", "egyptian"),
        ("هو بيقول إن الموضوع مش كده خالص", "egyptian"),
        ("شو بدك تعمل هلق؟ الوضع منيح هيك", "levantine"),
        ("شلون الحال؟ الجو وايد حار الحين", "gulf"),
        ("واش كاين شي حاجة؟ بزاف ديال الناس", "maghrebi"),
        ("الناس اللي مش فاهمين", "dialect"),  # shared markers only
    ],
)
def test_classify(text, variety):
    assert classify(text)["variety"] == variety


def test_markers_are_reported():
    c = classify("أنا عايز أعرف إزاي")
    assert {"عايز", "إزاي"} <= set(c["markers"]) and c["score"] >= 2


def test_dialect_check(run):
    src = "I want to know how to get to the hotel now."
    assert run("register.dialect", src, "أريد أن أعرف كيف أصل إلى الفندق الآن.") == []
    (f,) = run("register.dialect", src, "أنا عايز أعرف إزاي أوصل للفندق دلوقتي.")
    assert f.severity == "major" and f.details["variety"] == "egyptian" and "عايز" in f.message
    assert run("register.dialect", src, "أنا عايز أعرف إزاي أوصل للفندق دلوقتي.", {"allowed": ["egyptian"]}) == []


def test_profile_and_warning_synthetic():
    msa = ["قال الوزير إن الحكومة ستواصل المفاوضات."] * 20
    egy = ["أنا عايز أعرف إزاي نوصل دلوقتي."] * 12 + ["قال الوزير إن الحكومة ستواصل المفاوضات."] * 8
    assert profile(msa)["variety"] == "msa" and profile(egy)["variety"] == "egyptian"
    (w,) = corpus_warnings({"A": msa, "B": egy}, {"ref": egy})
    assert w["kind"] == "variety_mismatch" and w["systems"] == ["A"]
    assert "A" in w["message"] and "B" in w["message"] and set(w) >= {"kind", "message", "systems", "details"}
    assert corpus_warnings({"A": msa}, {"ref": msa}) == []
    assert corpus_warnings({"A": msa}, {}) == []


def _sentences(text: str) -> list[str]:
    from eval.text.split import split_sentences

    return [text[a:b] for a, b in split_sentences(text, "ar")]


def test_wmt25_en_ar_eg_warning_names_the_msa_systems():
    """Real data: the reference is Egyptian; Algharb and SRPOL wrote MSA, TranssionMT dialect."""
    if not (WMT25 / "wmt25-genmt.en-ar_EG.jsonl").exists():
        pytest.skip("../shared/data/wmt25-en-ar_EG not available")
    lines = (WMT25 / "wmt25-genmt.en-ar_EG.jsonl").read_text(encoding="utf-8").splitlines()
    refs = {"refA": [s for line in lines for s in _sentences(json.loads(line)["refs"]["refA"]["ref"])]}
    systems = {}
    for name in ("Algharb", "SRPOL", "TranssionMT"):
        rows = (WMT25 / "systems" / f"{name}.en-ar_EG.jsonl").read_text(encoding="utf-8").splitlines()
        systems[name] = [s for line in rows for s in _sentences(json.loads(line)["hypothesis"])]
    (w,) = corpus_warnings(systems, refs)
    assert sorted(w["systems"]) == ["Algharb", "SRPOL"]
    assert "Algharb" in w["message"] and "SRPOL" in w["message"]
    assert w["details"]["reference_profile"]["variety"] == "egyptian"
    assert w["details"]["system_profiles"]["TranssionMT"]["variety"] == "egyptian"
    assert w["details"]["system_profiles"]["Algharb"]["dialect_share"] < 0.05


def test_name_homographs_of_markers_are_not_dialect(run):
    # "Shaw" transliterates as شو, the Levantine "what"; a name the source has is not a dialect marker
    src = ["Captain Shaw walked to the man.", "Honestly, he is not as bad as I thought."]
    tgt = ["مشى الكابتن شو نحو الرجل.", "بصراحة، الكابتن شو ليس بالسوء الذي توقعته."]
    assert run("register.dialect", src, tgt) == []
    (f,) = run("register.dialect", ["What is this?", "Fine."], ["شو هيدا؟", "حسنا."])
    assert f.details["variety"] == "levantine"
    # sentence-initial capitals ("Do", "Dad") are not names: ده stays an Egyptian marker
    (f,) = run("register.dialect", ["Do it now.", "Dad said so."], ["اعمل ده دلوقتي.", "قال أبي ذلك."])
    assert f.details["variety"] == "egyptian"
