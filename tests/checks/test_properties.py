"""No check crashes on arbitrary Unicode, whatever the beads look like."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eval.checks import corpus_warnings, run_checks
from eval.checks.numbers import compare, parse_arabic, parse_english
from eval.model import Bead, Finding, Sentence

# Mix arbitrary code points with the characters the checks care about, so the interesting paths run.
SPECIAL = "0123456789٠١٢٣٤٥٦٧٨٩٫٬٪%,.;:?!،؛؟“”«»()[]\"' \u00a0\t\u200f\u202b\ufffdﻻØ§Ù„$£€-–/اأإآبتثجحخدذرسشصضطظعغفقكلمنهويىةءئؤ"
TEXT = st.text(
    alphabet=st.one_of(st.characters(blacklist_categories=("Cs",)), st.sampled_from(SPECIAL)), max_size=80
)
WORDS = st.sampled_from(
    ["READ", "اقرأ أكثر", "عايز", "million", "مليون", "January", "يناير", "not", "لم", "سلمياً", "(CSTO)", "2022"]
)
PIECE = st.lists(st.one_of(TEXT, WORDS), max_size=4).map(" ".join)


def _sentences(side: str, texts: list[str]) -> list[Sentence]:
    return [Sentence("d", side, i, i // 2, t, 0, len(t)) for i, t in enumerate(texts)]


@st.composite
def docs(draw):
    src = draw(st.lists(PIECE, max_size=5))
    tgt = draw(st.lists(PIECE, max_size=5))
    ids_s, ids_t = list(range(len(src))), list(range(len(tgt)))
    beads = []
    while ids_s or ids_t:
        a = draw(st.integers(0, min(2, len(ids_s))))
        b = draw(st.integers(0 if a else 1, min(2, len(ids_t)))) if ids_t else 0
        if a == 0 and b == 0:
            a = 1
        beads.append(Bead(tuple(ids_s[:a]), tuple(ids_t[:b])))
        ids_s, ids_t = ids_s[a:], ids_t[b:]
    # occasionally out-of-range ids, which checks must tolerate
    if draw(st.booleans()):
        beads.append(Bead((99,), (98,)))
    return src, tgt, beads


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(docs())
def test_no_check_crashes(doc):
    src, tgt, beads = doc
    found = run_checks("d", "sys", _sentences("source", src), _sentences("system:sys", tgt), beads, {})
    for f in found:
        assert isinstance(f, Finding)
        assert all(0 <= i < len(src) for i in f.source_ids)
        assert all(0 <= i < len(tgt) for i in f.target_ids)
        assert f.message
        f.to_row()  # details are JSON-serialisable


@settings(max_examples=200, deadline=None)
@given(PIECE, PIECE)
def test_number_parsers_total(a, b):
    ne, na = parse_english(a), parse_arabic(b)
    for n in ne + na:
        assert 0 <= n.start <= n.end
    compare(ne, na)


@settings(max_examples=30, deadline=None)
@given(st.dictionaries(st.sampled_from(["A", "B"]), st.lists(PIECE, max_size=5), max_size=2),
       st.dictionaries(st.just("ref"), st.lists(PIECE, max_size=5), max_size=1))  # fmt: skip
def test_corpus_warnings_total(systems, refs):
    for w in corpus_warnings(systems, refs):
        assert set(w) >= {"kind", "message", "systems", "details"}
