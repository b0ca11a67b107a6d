"""The shortcuts that make the checks fast give the same answers as the plain computations."""

from __future__ import annotations

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eval.checks import run_checks
from eval.checks.boilerplate import (
    CASELESS,
    PATTERNS,
    _compiled,
    _norm,
    _offset_map,
    find_boilerplate,
    required_literals,
)
from eval.checks.content import _WORD, LETTER_NAMES, REDUPLICATION_OK, _core, repetitions
from eval.checks.content import _norm as _word_norm
from eval.checks.registry import registry
from eval.model import Bead, Sentence

# --------------------------------------------------------------------------------------------
# boilerplate: literal prefilter and language gates
# --------------------------------------------------------------------------------------------


def test_required_literals():
    assert required_literals(r"(?:اضغط|انقر)\s+هنا") == {"اضغط", "انقر"}
    assert required_literals(r"جميع\s+الحقوق\s+محفوظه|حقوق\s+النشر\s+محفوظه") == {"الحقوق", "محفوظه"}
    assert required_literals(r"(?:^|\s)[وف]?اقرا\s+(?:اكثر|المزيد)\b") == {"اقرا"}
    assert required_literals(r"x+y{2,3}") in ({"x"}, {"y"})
    # nothing required, or syntax the reader does not know: no prefilter
    for pattern in (r"(?:ab)?", r"a*", r"a|\s", r"(?i)ab", r"(?P<n>ab)", r"\p{Arabic}+", r"a{,", r"[[:alpha:]]", r"ab\1"):
        assert required_literals(pattern) is None, pattern


def _key_chars() -> set[str]:
    return {c for _p, _pat, keys in _compiled((), ()) if keys for k in keys for c in k}


def test_prefilter_keys_are_caseless():
    """Every character of a looked-for literal matches only itself under the patterns' flags."""
    chars = _key_chars()
    assert chars and chars <= CASELESS
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    for c in sorted(chars):
        assert set(regex.findall(regex.escape(c), everything, flags=regex.I | regex.M)) == {c}


def test_english_gate_covers_case_insensitive_letters():
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    gate = set(regex.findall(r"[a-z©]", everything, flags=regex.I))
    for x in "abcdefghijklmnopqrstuvwxyz":
        assert set(regex.findall(x, everything, flags=regex.I | regex.M)) <= gate


def _full_scan(text: str, extra: tuple[str, ...] = (), disabled: tuple[str, ...] = ()) -> list[dict]:
    """find_boilerplate without gates or prefilter: every pattern scans the text."""
    norm = _norm(text)
    mapping = None
    out = []
    seen: set[tuple[int, int]] = set()
    for p, pat, _keys in _compiled(extra, disabled):
        for m in pat.finditer(norm):
            if mapping is None:
                mapping = _offset_map(text, norm)
            a, b = mapping(m.start()), mapping(m.end())
            if (a, b) in seen:
                continue
            seen.add((a, b))
            out.append({"category": p.category, "pattern": p.doc, "start": a, "end": b, "match": text[a:b].strip()})
    return sorted(out, key=lambda d: d["start"])


# fragments of the patterns themselves, so that matches (and near misses) are frequent
_FRAGMENTS = sorted({w for p in PATTERNS for w in regex.findall(r"[\p{L}©]+", p.pattern)} | set(" :*()\n.|/-"))
# strings generated from the (normalised) patterns, which mostly match them
_MATCHING = st.sampled_from([pat.pattern for _p, pat, _k in _compiled((), ())]).flatmap(st.from_regex)
TEXT = st.lists(
    st.one_of(st.sampled_from(_FRAGMENTS), st.sampled_from([" ", "  ", "\n", "ـ", "َ", "أ", "ة", "Kſ"]),
              st.text(max_size=4), _MATCHING),
    max_size=14,
).map("".join)  # fmt: skip


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_prefilter_same_as_full_scan(text):
    assert find_boilerplate(text) == _full_scan(text)
    assert find_boilerplate(text, ("^ال", "reuters"), ("share",)) == _full_scan(text, ("^ال", "reuters"), ("share",))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_required_literals_are_required(text):
    norm = _norm(text)
    for _p, pat, keys in _compiled((), ()):
        if keys is not None and pat.search(norm):
            assert any(k in norm for k in keys), pat.pattern


# --------------------------------------------------------------------------------------------
# repetition: candidate starts instead of every position
# --------------------------------------------------------------------------------------------


def _reference_repetitions(text: str, *, max_ngram: int = 6, loop_min: int = 3) -> list[dict]:
    """The straightforward scan (every position, every n), as the check was first written."""
    toks = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]
    norm = [_word_norm(t[0]) for t in toks]
    out: list[dict] = []
    covered: set[int] = set()
    for n, need in [(n, loop_min) for n in range(1, max_ngram + 1)] + [(n, 2) for n in range(max_ngram, 0, -1)]:
        i = 0
        while i + 2 * n <= len(toks):
            unit = norm[i : i + n]
            reps = 1
            while i + (reps + 1) * n <= len(toks) and norm[i + reps * n : i + (reps + 1) * n] == unit:
                reps += 1
            if n == 1 and reps == 2 and regex.search(r"[^\s\p{L}\p{M}\d]", text[toks[i][2] : toks[i + 1][1]]):
                reps = 1
            if n > 1 and any(u[:1].isdigit() for u in unit):
                reps = 1
            if reps >= need and not any(k in covered for k in range(i, i + reps * n)):
                ok = n == 1 and (unit[0] in REDUPLICATION_OK or unit[0].isdigit() or len(unit[0]) < 2)
                if n == 1 and unit[0] in LETTER_NAMES and reps < loop_min:
                    around = norm[max(0, i - 1) : i] + norm[i + 2 : i + 3]
                    around = around + [x[1:] for x in around if x[:1] in "وبل"] + [x[-2:] for x in around]
                    ok = ok or any(x in LETTER_NAMES for x in around)
                if n > 1 and all(u.isdigit() for u in unit):
                    ok = True
                if reps >= loop_min and (n > 1 or len(unit[0]) >= 2):
                    ok = False
                if not ok:
                    kind = "loop" if reps >= loop_min else ("doubled_word" if n == 1 else "repeated_phrase")
                    a, b = toks[i][1], toks[i + reps * n - 1][2]
                    out.append({"kind": kind, "start": a, "end": b, "text": text[a:b], "times": reps, "n": n})
                    covered.update(range(i, i + reps * n))
                    i += reps * n
                    continue
            i += 1
    for i in range(len(toks) - 2):
        if norm[i + 1] == "and" and norm[i] == norm[i + 2] and i not in covered:
            s, e = toks[i][1], toks[i + 2][2]
            out.append({"kind": "conjoined_duplicate", "start": s, "end": e, "text": text[s:e], "times": 2, "n": 1})
    for i in range(len(toks) - 1):
        a, b = norm[i], norm[i + 1]
        if i in covered or i + 1 in covered or not b.startswith("و") or len(b) < 4:
            continue
        ca, cb = _core(a), _core(b[1:])
        if regex.fullmatch(r"ا\w{3}", ca):
            continue
        if len(ca) >= 4 and ca == cb and not a.isdigit():
            s, e = toks[i][1], toks[i + 1][2]
            out.append({"kind": "conjoined_duplicate", "start": s, "end": e, "text": text[s:e], "times": 2, "n": 1})
    return sorted(out, key=lambda d: d["start"])


_WORDS = ["كل", "أسبوع", "،", "سي", "إن", "بي", "ها", "رويداً", "الاحتيال", "والاحتيال", "أكثر", "وأكثر", "6", "بوصة",
          "×", "more", "and", "no", "very", "و", "ال", "الرئيس", "ورئيس", "1", "2", "!", "ـ"]  # fmt: skip
REPEATING = st.lists(st.sampled_from(_WORDS), max_size=24).map(" ".join)


@settings(max_examples=500, deadline=None)
@given(st.one_of(REPEATING, st.text(max_size=40)), st.integers(0, 7), st.integers(0, 4))
def test_repetitions_same_as_full_scan(text, max_ngram, loop_min):
    assert repetitions(text, max_ngram=max_ngram, loop_min=loop_min) == _reference_repetitions(
        text, max_ngram=max_ngram, loop_min=loop_min
    )


# --------------------------------------------------------------------------------------------
# shared work: number checks, several target sides on one source
# --------------------------------------------------------------------------------------------

def sentences(side: str, texts: list[str]) -> list[Sentence]:
    return [Sentence("doc", side, i, i, t, 0, len(t)) for i, t in enumerate(texts)]


def one_to_one(n: int) -> list[Bead]:
    return [Bead((i,), (i,)) for i in range(n)]


def only(**settings: dict) -> dict:
    """Every check off except those given (with their settings)."""
    return {cid: settings.get(cid, {"enabled": False}) for cid in registry()}


SRC = ["Prices rose 38.6% in 2022, to $5 million.", "Read more", "He was not there on January 6."]
TGT = ["ارتفعت الأسعار 36.8٪ في 2021 إلى 5 ملايين دولار.", "اقرأ المزيد", "كان هناك في 7 يناير."]


def test_number_checks_share_parses():
    """Both number checks together report what each reports alone, with equal or different windows."""
    src, tgt, beads = sentences("source", SRC), sentences("system:x", TGT), one_to_one(3)
    for w1, w2 in ((1, 1), (0, 2)):
        mismatch, unsupported = {"window": w1}, {"window": w2}
        together = run_checks("doc", "x", src, tgt, beads, only(**{"number.mismatch": mismatch, "number.unsupported": unsupported}))
        alone = run_checks("doc", "x", src, tgt, beads, only(**{"number.mismatch": mismatch}))
        alone += run_checks("doc", "x", src, tgt, beads, only(**{"number.unsupported": unsupported}))
        assert together == alone and together


def test_source_side_caches_are_per_text():
    """Work cached per source sentence does not leak between sources or target sides."""
    beads = one_to_one(3)
    src = sentences("source", SRC)
    first = run_checks("doc", "x", src, sentences("system:x", TGT), beads)
    run_checks("doc", "y", src, sentences("system:y", ["a", "b", "c"]), beads)
    other = run_checks("doc", "x", sentences("source", ["Nothing", "here", "today"]), sentences("system:x", TGT), beads)
    assert run_checks("doc", "x", src, sentences("system:x", TGT), beads) == first
    assert other != first
