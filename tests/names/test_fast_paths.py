"""The names stage's fast paths give exactly what the plain definitions give.

analyse_names is the costliest stage of the pipeline, so its inner pieces are cached, pruned and
indexed (bit-parallel edit distance, a column-wise weighted distance that stops early, one-word spans
built first, per-entity score memos). Each test compares a fast piece with a straightforward
reference implementation written here from its definition; results must be equal, not close.
"""

from __future__ import annotations

import random

import pytest

from eval.names import analysis as A
from eval.names import translit as T
from eval.names.entities import gazetteer
from eval.names.stoplist import is_stopword

SKELETON_CLASSES = "BTSXGKHxDFLRMNWYV"
ARABIC_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهويةىأإآئؤء"

SENTENCES = [
    "استدعى الرئيس قاسم جومارت توكاييف القوات إلى كازاخستان.",
    "التقى توكاييف بالسفير الروسي في موسكو يوم الجمعة، وقال إن روسيا ستساعد.",
    "وقال نزارباي للصحفيين في الناصرة إن الولايات المتحدة والمملكة المتحدة لم تعلقا.",
    "أعلنت وزارة الخارجية الأمريكية أن واشنطن ترحب بالاتفاق مع الكازاخستانيين.",
    "وصل ريتشاردسون إلى لندن ثم سافر إلى باريس للقاء ماكرون وللحديث مع بوتين.",
]


def reference_weighted_distance(a: str, b: str) -> float:
    """The textbook row-by-row table (the definition in translit's docstring)."""
    if a == b:
        return 0.0
    la, lb = len(a), len(b)
    prev = [0.0] * (lb + 1)
    for j in range(1, lb + 1):
        prev[j] = prev[j - 1] + T._INDEL.get(b[j - 1], 1.0) * (T._FIRST_WEIGHT if j == 1 else 1.0)
    for i in range(1, la + 1):
        ca = a[i - 1]
        w_i = T._FIRST_WEIGHT if i == 1 else 1.0
        cur = [prev[0] + T._INDEL.get(ca, 1.0) * w_i] + [0.0] * lb
        for j in range(1, lb + 1):
            cb = b[j - 1]
            w_j = T._FIRST_WEIGHT if j == 1 else 1.0
            cur[j] = min(
                prev[j] + T._INDEL.get(ca, 1.0) * w_i,
                cur[j - 1] + T._INDEL.get(cb, 1.0) * w_j,
                prev[j - 1] + T._sub(ca, cb) * (T._FIRST_WEIGHT if (i == 1 and j == 1) else 1.0),
            )
        prev = cur
    return prev[lb]


def reference_levenshtein(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _random_strings(rng: random.Random, alphabet: str, n: int, max_len: int) -> list[tuple[str, str]]:
    out = []
    for _ in range(n):
        a = "".join(rng.choice(alphabet[: rng.randint(2, len(alphabet))]) for _ in range(rng.randint(0, max_len)))
        b = "".join(rng.choice(alphabet[: rng.randint(2, len(alphabet))]) for _ in range(rng.randint(0, max_len)))
        if rng.random() < 0.3:  # near pairs: a shared stretch, as real spellings have
            b = a[rng.randint(0, 2):] + b[:2]
        out.append((a, b))
    return out


def test_weighted_distance_is_the_textbook_table_bit_for_bit():
    for a, b in _random_strings(random.Random(7), SKELETON_CLASSES, 4000, 9):
        assert T.weighted_distance(a, b) == reference_weighted_distance(a, b), (a, b)


def test_bounded_weighted_distance_stops_only_beyond_its_limit():
    rng = random.Random(11)
    stopped = 0
    for a, b in _random_strings(rng, SKELETON_CLASSES, 4000, 8):
        limit = rng.random() * 5
        d = T._weighted_distance(a, b, limit)
        ref = reference_weighted_distance(a, b)
        if d is None:
            stopped += 1
            assert ref > limit, (a, b, limit)
        else:
            assert d == ref, (a, b)
    assert stopped > 0  # the bound does prune


def test_bounded_skeleton_similarity_is_exact_from_its_floor_up():
    rng = random.Random(5)
    for a, b in _random_strings(rng, SKELETON_CLASSES, 4000, 7):
        floor = rng.choice((0.45, 0.5, 0.75, 0.8, 1.0, 0.0))
        exact = T.skeleton_similarity(a, b)
        fast = T._skeleton_similarity_min(a, b, floor)
        if exact >= floor:
            assert fast == exact, (a, b, floor)
        else:
            assert fast < floor, (a, b, floor)


def test_levenshtein_ratio_matches_the_quadratic_table():
    for a, b in _random_strings(random.Random(3), ARABIC_LETTERS, 3000, 70):
        ref = 1.0 if a == b else 0.0 if not a or not b else 1.0 - reference_levenshtein(a, b) / max(len(a), len(b))
        assert T._levenshtein_ratio(a, b) == ref, (a, b)


def test_table_driven_arabic_word_skeleton_matches_the_letter_loop():
    letters = [chr(c) for lo, hi in ((0x0620, 0x064A), (0x0671, 0x06D3), (0x06FA, 0x06FF)) for c in range(lo, hi + 1)]
    tricky = list("ويیهھتش") * 6 + letters[:40]  # the letters whose class depends on their position
    rng = random.Random(4)
    for _ in range(20000):
        pool = tricky if rng.random() < 0.7 else letters
        w = "".join(rng.choice(pool) for _ in range(rng.randint(1, 9)))
        assert T._ar_word_fast(w) == T._ar_word(w), w
    for w in " ".join(SENTENCES).replace("،", " ").replace(".", " ").split():
        assert T._ar_word_fast(w) == T._ar_word(w), w
    assert T.skeleton_ar("تشيكوف") == "XKF" and T.skeleton_ar("ويليامز") == "WLMS"


def reference_nisba(form: str, bases: tuple[str, ...], need_article: bool) -> bool:
    f = T.fold_arabic(form)
    if need_article and not f.startswith("ال"):
        return False
    if f.startswith("ال"):
        f = f[2:]
    for b in bases:
        fb = T.fold_arabic(b)
        if fb.startswith("ال"):
            fb = fb[2:]
        fb = fb.split()[-1] if " " in fb else fb
        fb = fb[2:] if fb.startswith("ال") else fb
        for stem in {fb, fb.rstrip("اهي"), fb[:-2] if fb.endswith(("يا", "ان")) else fb}:
            if len(stem) >= 2 and f.startswith(stem) and f != fb and f[len(stem):] in A._NISBA:
                return True
    return False


def test_nisba_check_matches_its_definition():
    rng = random.Random(2)
    names = sorted(gazetteer().arabic_names)
    words = " ".join(SENTENCES).split()
    suffixes = ["ي", "ية", "يه", "يين", "يون", "يان", "يتين", "يا", "", "ة"]
    hits = 0
    for _ in range(6000):
        bases = tuple(rng.choice(names) for _ in range(rng.randint(0, 3)))
        if bases and rng.random() < 0.6:
            last = (T.fold_arabic(rng.choice(bases)).split() or [""])[-1]
            form = rng.choice(["", "ال", "وال"]) + last.rstrip("اهي")[: rng.randint(0, 12)] + rng.choice(suffixes)
        else:
            form = rng.choice(words)
        need = rng.random() < 0.5
        expected = reference_nisba(form, bases, need)
        assert A._nisba_cached(form, bases, need) == expected, (form, bases, need)
        hits += expected
    assert hits > 100  # adjectives were generated, not only misses
    assert A._nisba_cached("الروسية", ("روسيا",), True)


def _target(sentences: list[str]):
    from eval.model import Sentence

    return [Sentence("d", "system:s", i, i, t, 0, len(t)) for i, t in enumerate(sentences)]


@pytest.mark.parametrize("max_span", [0, 1, 2, 3])
def test_span_table_lists_the_same_spans_in_the_same_order(max_span):
    target = _target(SENTENCES)
    plain = A._spans(target, max_span)
    table = A._SpanTable(target, max_span)
    assert list(plain) == list(table.ones)
    for sid, spans in plain.items():
        assert table.get(sid) == spans
        assert table.ones[sid] == [sp for sp in spans if sp.n == 1]
    assert table.get(99) == ()


def test_span_folds_are_word_folds_joined_so_ending_in_keeps_every_possible_match():
    target = _target(SENTENCES)
    table = A._SpanTable(target, 3)
    for sid in table.ones:
        for sp in table.get(sid):
            for v in sp.variants:
                assert T.fold_arabic(v) == " ".join(T.fold_arabic(w) for w in v.split(" "))
    # every two-word span whose fold is a two-word form is yielded; others of two words are not
    forms = {T.fold_arabic("الولايات المتحدة"), T.fold_arabic("المملكة المتحدة")}
    endings = {2: {f.rsplit(" ", 1)[-1] for f in forms}}
    for sid in table.ones:
        full = table.get(sid)
        got = list(table.ending_in(sid, endings))
        assert [(s.i, s.n) for s in got] == [(s.i, s.n) for s in full
                                             if s.n == 1 or (s.n == 2 and T.fold_arabic(s.raw.split()[-1]) in endings[2])]
        matching = [s for s in full if s.n == 2 and any(T.fold_arabic(v) in forms for v in s.variants)]
        assert all(s in got for s in matching)
    assert any(T.fold_arabic(v) in forms for sid in table.ones for s in table.get(sid) if s.n == 2 for v in s.variants)


def reference_score(e, sp, known_f, se, p):
    """The span score as first written (before caching), from the module's public helpers."""
    best, best_t = -1.0, ""
    places = gazetteer().arabic_names
    if any(T.fold_arabic(v) in places and T.fold_arabic(v) not in known_f and not A._nisba_of(v, list(e.known))
           for v in sp.variants):
        return best, best_t
    words = sp.raw.split()
    if is_stopword(words[-1]) or (len(words) > 1 and is_stopword(words[0])):
        return best, best_t
    for text in sp.variants:
        ft = T.fold_arabic(text)
        if ft in known_f or (e.known and A._nisba_of(text, list(e.known))):
            s = 1.0
        elif is_stopword(text):
            continue
        else:
            a = max((T.arabic_similarity(text, k) for k in e.known
                     if abs(len(ft) - len(k)) <= max(3, len(k) // 3)), default=0.0)
            sa = T.skeleton_ar(text)
            if not sa or abs(len(sa) - len(se)) > max(2, len(se) // 2):
                s = -1.0
            else:
                s = T.name_similarity_any(e.key, text)
                if len(se) <= 3 and not e.known and s >= p["substitute_min"]:
                    v = T.vowel_similarity(e.key, text)
                    if v < p["short_vowel_min"]:
                        s = min(s, v)
                if e.known and s >= p["substitute_min"]:
                    s = min(s, a + 0.05 if len(se) > 3 or a >= 0.85 else a - 0.1)
            if (a >= p["known_variant_min"] and len(ft.replace(" ", "")) >= 4
                    and any(T.skeleton_ar(text) == T.skeleton_ar(k) for k in e.known)):
                s = max(s, a)
        if s > best or (s == best and len(text) > len(best_t)):
            best, best_t = s, text
    return best, best_t


@pytest.mark.parametrize("params", [{}, {"accept": 0.4}, {"substitute_min": 0.3}, {"known_variant_min": 0.3}])
def test_span_scores_equal_the_definition_wherever_the_caller_uses_them(params):
    p = {**A.DEFAULTS, **params}
    g = gazetteer()
    entities = [
        A._Entity("Tokayev", "Tokayev", "person", 1, ()),
        A._Entity("Putin", "Putin", "person", 1, ()),
        A._Entity("Sarah", "Sarah", "person", 1, ()),
        A._Entity("Kazakhstan", "Kazakhstan", "country", 1, g.countries["kazakhstan"][1]),
        A._Entity("United States", "United States", "country", 2, g.countries["united states"][1]),
        A._Entity("Nazarbayev", "Nazarbayev", "person", 1, ("نزارباييف",), ("نزارباييف",)),
    ]
    table = A._SpanTable(_target(SENTENCES), 3)
    compared = used = 0
    for e in entities:
        se = T.skeleton_en(e.key)
        known_f = {T.fold_arabic(k) for k in e.known}
        known_f |= {k[2:] for k in known_f if k.startswith("ال")}
        floor = min(p["accept"] if e.known else A._accept_for(se, p), p["substitute_min"])
        for sid in table.ones:
            for sp in table.get(sid):
                ref = reference_score(e, sp, known_f, se, p)
                got = A._score(e, sp, known_f, se, p)
                compared += 1
                if ref[0] >= floor:
                    used += 1
                    assert got == ref, (e.key, sp.raw)
                else:
                    assert got[0] < floor, (e.key, sp.raw)
    assert compared > 500 and used >= 5  # both sides of the floor were compared
