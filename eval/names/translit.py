"""Transliteration-aware name similarity between English and Arabic (and Arabic ↔ Arabic).

Why skeletons: English→Arabic transliteration is lossy and inconsistent in vowels (long vowels
written or omitted, doubled ي in -ayev), so names are compared on a consonant skeleton in one class
alphabet shared by both scripts; the remaining confusions (k/q, kh/خ, th/ث, z/ص, …) are handled
by a weighted edit distance with cheap "near" substitutions.

Class alphabet (one ASCII character per class):

====  ===========================  ==========================================
cls   English                      Arabic
====  ===========================  ==========================================
B     b p                          ب پ
T     t th                         ت ط ث
S     s z c(e/i/y) x→KS            س ص ز
X     sh sch ch tch                ش چ, تش
G     g j gh zh dj                 ج غ گ ژ
K     k q c ck                     ك ق
H     h (not word-final after V)   ح ه (not word-final)
x     kh                           خ
D     d dh                         د ض ذ ظ
F     f v ph w-as-v                ف ڤ
L R M N                            ل ر م ن
W Y   w / y at word start only     و / ي at word start only
====  ===========================  ==========================================

Dropped: vowels (a e i o u, medial w/y; ا أ إ آ ء ئ ؤ ى ة ع, medial و ي), doubled classes collapse.

Thresholds (tuned on the seed article and NTREX, see benchmarks/names.py): a similarity ≥ 0.75
is a confident rendering, 0.55–0.75 a possible (often truncated) one, below ≈ 0.5 unrelated.
Reference pairs: Nazarbayev↔نزارباييف 1.0, ↔نزارباي 0.8, ↔الناصرة ≈ 0.5; Tokayev↔توكاي 0.67.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# --------------------------------------------------------------------------- English side

_EN_MULTI = (
    # longest first; value "" means drop
    ("tch", "X"),
    ("sch", "X"),
    ("sh", "X"),
    ("kh", "x"),
    ("gh", "G"),
    ("zh", "G"),
    ("dj", "G"),
    ("dzh", "G"),
    ("ph", "F"),
    ("th", "T"),
    ("dh", "D"),
    ("ck", "K"),
    ("qu", "K"),
)
_EN_SINGLE = {
    "b": "B", "p": "B", "t": "T", "s": "S", "z": "S", "d": "D", "f": "F", "v": "F",
    "g": "G", "j": "G", "k": "K", "q": "K", "h": "H", "l": "L", "m": "M", "n": "N", "r": "R",
}
_EN_VOWELS = set("aeiouy")
_WORD_SPLIT = re.compile(r"[^a-z]+")


def _en_word(word: str, literal: bool = False) -> str:
    """Skeleton of one lower-case English word. ``literal``: the other readings a transliterator may
    take: digraphs with h (kh sh zh th gh ph dh ch) spelled letter by letter, as a letter-for-letter
    transliteration writes them (Zhumabekov → زهومابيكوف), and x read as in pinyin (Huaxin → هواشين)."""
    out: list[str] = []
    i, n = 0, len(word)
    while i < n:
        c = word[i]
        if i == 0 and c in "wy" and n > 1:
            out.append("W" if c == "w" else "Y")
            i += 1
            continue
        if literal and c in "kszgtpdc" and i + 1 < n and word[i + 1] == "h":
            out.append("K" if c == "c" else _EN_SINGLE[c])
            i += 1  # the h follows as H
            continue
        if literal and c == "x":
            out.append("X")  # pinyin x (Huaxin → هواشين)
            i += 1
            continue
        if c == "c" and i + 1 < n and word[i + 1] == "h":
            # ch → ش / تش, but "chr"/"chl" (Christ, Chloe) → k
            nxt = word[i + 2] if i + 2 < n else ""
            out.append("K" if nxt in ("r", "l") else "X")
            i += 2
            continue
        for dig, cls in _EN_MULTI:
            if word.startswith(dig, i):
                out.append(cls)
                i += len(dig)
                break
        else:
            if c in _EN_VOWELS or c == "w":
                pass
            elif c == "c":
                nxt = word[i + 1] if i + 1 < n else ""
                out.append("S" if nxt in ("e", "i", "y") else "K")
            elif c == "x":
                out.append("S" if i == 0 else "KS")
            elif c == "h":
                # word-final h after a vowel is silent (Sarah, Noah)
                if not (i == n - 1 and i > 0 and word[i - 1] in _EN_VOWELS):
                    out.append("H")
            else:
                cls = _EN_SINGLE.get(c)
                if cls:
                    out.append(cls)
            i += 1
    return "".join(out)


_RUNS = re.compile(r"(.)\1+")


def _collapse(s: str) -> str:
    return _RUNS.sub(r"\1", s)


@lru_cache(maxsize=65536)
def skeleton_en(name: str) -> str:
    """Consonant-class skeleton of an English (Latin-script) name; words are concatenated."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).lower()
    s = s.replace("'s", " ").replace("’s", " ")
    return _collapse("".join(_en_word(w) for w in _WORD_SPLIT.split(s) if w))


@lru_cache(maxsize=65536)
def skeleton_en_literal(name: str) -> str:
    """:func:`skeleton_en` with the other readings of :func:`_en_word` (``literal``): h-digraphs spelled
    letter by letter (zh → S H: زهومابيكوف for Zhumabekov) and x as sh (Huaxin → هواشين). Equal to
    :func:`skeleton_en` for a name with neither."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).lower()
    s = s.replace("'s", " ").replace("’s", " ")
    return _collapse("".join(_en_word(w, literal=True) for w in _WORD_SPLIT.split(s) if w))


# --------------------------------------------------------------------------- Arabic side

_AR_MAP = {
    "ب": "B", "پ": "B",
    "ت": "T", "ط": "T", "ث": "T",
    "س": "S", "ص": "S", "ز": "S",
    "ش": "X", "چ": "X",
    "ج": "G", "غ": "G", "گ": "G", "ژ": "G", "ڭ": "G",
    "ك": "K", "ق": "K", "ک": "K",
    "ح": "H", "ه": "H", "ھ": "H",
    "خ": "x",
    "د": "D", "ض": "D", "ذ": "D", "ظ": "D",
    "ف": "F", "ڤ": "F", "ڥ": "F",
    "ل": "L", "ر": "R", "م": "M", "ن": "N",
}
_AR_DROP = set("اأإآٱءئؤىةعی")
_AR_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_AR_WORD_SPLIT = re.compile(r"[^\u0620-\u064a\u0671-\u06d3\u06fa-\u06ff]+")


def _ar_word(word: str) -> str:
    out: list[str] = []
    n = len(word)
    i = 0
    while i < n:
        c = word[i]
        if c == "ت" and i + 1 < n and word[i + 1] == "ش":  # تش = ch
            out.append("X")
            i += 2
            continue
        if c in ("و", "ي", "ی"):
            if i == 0 and n > 1:
                out.append("W" if c == "و" else "Y")
        elif c in ("ه", "ھ") and i == n - 1 and i > 0:
            pass  # final ه usually marks a vowel (خوسيه, جيه)
        elif c not in _AR_DROP:
            cls = _AR_MAP.get(c)
            if cls:
                out.append(cls)
        i += 1
    return "".join(out)


#: _ar_word's letter classes for every letter a split word can hold, as a str.translate table: و ي ی
#: (kept only word-initially, handled apart) and dropped or unmapped letters go to None
_AR_CLASSES = {
    cp: (None if chr(cp) in ("و", "ي", "ی") or chr(cp) in _AR_DROP else _AR_MAP.get(chr(cp)))
    for r in ((0x0620, 0x064A), (0x0671, 0x06D3), (0x06FA, 0x06FF)) for cp in range(r[0], r[1] + 1)
}


def _ar_word_fast(word: str) -> str:
    """:func:`_ar_word` for a word of letters from ``_AR_WORD_SPLIT``'s complement: the initial و / ي
    and the final ه by position, تش as چ (also X), the rest by one table lookup per letter."""
    n = len(word)
    if n > 1:
        c = word[0]
        head = "W" if c == "و" else "Y" if c in ("ي", "ی") else ""
        word = word[1 if head else 0:n - 1 if word[-1] in ("ه", "ھ") else n]
    else:
        head = ""
    if "تش" in word:
        word = word.replace("تش", "چ")
    return head + word.translate(_AR_CLASSES)


@lru_cache(maxsize=131072)
def skeleton_ar(word: str) -> str:
    """Consonant-class skeleton of an Arabic word or phrase; words are concatenated."""
    s = _AR_MARKS.sub("", unicodedata.normalize("NFC", word))
    return _collapse("".join(_ar_word_fast(w) for w in _AR_WORD_SPLIT.split(s) if w))


# --------------------------------------------------------------------------- weighted edit distance

_NEAR = {
    frozenset("Kx"): 0.5,  # Kazakhstan: خ vs ق
    frozenset("Hx"): 0.5,
    frozenset("Gx"): 0.6,
    frozenset("GK"): 0.6,  # g ↔ ك / ق in Egyptian / Gulf usage
    frozenset("TD"): 0.5,
    frozenset("ST"): 0.5,  # th ↔ ث / س
    frozenset("SD"): 0.5,  # z ↔ ذ / ظ
    frozenset("SX"): 0.6,
    frozenset("GX"): 0.6,  # j ↔ ش (French j), zh
    frozenset("WF"): 0.5,  # w ↔ v
    frozenset("GY"): 0.7,
    frozenset("LR"): 0.8,
    frozenset("MN"): 0.8,
}
#: insertion/deletion costs for weak consonants that transliterators often omit or add
_INDEL = {"H": 0.5, "W": 0.5, "Y": 0.5, "L": 0.8, "R": 0.8}
#: edits touching the first consonant cost this much more: initials are the most salient
_FIRST_WEIGHT = 1.5


def _sub(a: str, b: str) -> float:
    if a == b:
        return 0.0
    return _NEAR.get(frozenset((a, b)), 1.0)


#: per first skeleton: (deletion costs, first column of the table, substitution columns by character
#: of the second skeleton for the first column / the others); bounded, rebuilt when full. Tuples, not
#: lists: the garbage collector stops tracking tuples of floats, so a full collection skips them.
_Prepared = tuple[tuple[float, ...], tuple[float, ...], dict[str, tuple[float, ...]], dict[str, tuple[float, ...]]]
_PREPARED: dict[str, _Prepared] = {}
_PREPARED_MAX = 1 << 13
_SUB_PAIRS: dict[str, float] = {}  # ca + cb → _sub(ca, cb)


def _sub_pair(ca: str, cb: str) -> float:
    c = _SUB_PAIRS.get(ca + cb)
    if c is None:
        c = _SUB_PAIRS[ca + cb] = _sub(ca, cb)
    return c


def _prepared(a: str) -> _Prepared:
    p = _PREPARED.get(a)
    if p is None:
        if len(_PREPARED) >= _PREPARED_MAX:
            _PREPARED.clear()
        dels = [_INDEL.get(c, 1.0) for c in a]
        if dels:
            dels[0] = dels[0] * _FIRST_WEIGHT
        col0 = [0.0]
        for d in dels:
            col0.append(col0[-1] + d)
        p = _PREPARED[a] = (tuple(dels), tuple(col0), {}, {})
    return p


def weighted_distance(a: str, b: str) -> float:
    """Weighted Levenshtein distance between two skeletons (see module docstring)."""
    return _weighted_distance(a, b, None)  # type: ignore[return-value]


def _weighted_distance(a: str, b: str, limit: float | None) -> float | None:
    """:func:`weighted_distance`, or ``None`` as soon as it is sure to exceed ``limit``.

    The textbook table, filled column by column (one column per character of ``b``) with the same
    cell sums as row by row, so results are bit-identical; what depends on ``a`` alone (deletion
    costs, the first column, substitution costs per character of ``b``) is prepared once per ``a``.
    Costs are non-negative and every path crosses every column, so once a column's minimum passes
    ``limit`` so does the distance.
    """
    if a == b:
        return 0.0
    dels, prev, subs_first, subs_rest = _prepared(a)
    indel = _INDEL
    first = True
    for cb in b:
        if first:
            ins = indel.get(cb, 1.0) * _FIRST_WEIGHT
            subs = subs_first.get(cb)
            if subs is None:
                col = [_sub_pair(ca, cb) for ca in a]
                if col:
                    col[0] = col[0] * _FIRST_WEIGHT  # the first characters of both: weighted
                subs = subs_first[cb] = tuple(col)
            first = False
        else:
            ins = indel.get(cb, 1.0)
            subs = subs_rest.get(cb)
            if subs is None:
                subs = subs_rest[cb] = tuple([_sub_pair(ca, cb) for ca in a])
        diag = prev[0]
        up = diag + ins
        cur = [up]
        left_of = iter(prev)
        next(left_of)
        for left, dl, sb in zip(left_of, dels, subs):
            x = left + ins
            y = up + dl
            if y < x:
                x = y
            y = diag + sb
            if y < x:
                x = y
            cur.append(x)
            up = x
            diag = left
        if limit is not None and min(cur) > limit:
            return None
        prev = cur
    return prev[-1]


@lru_cache(maxsize=262144)
def skeleton_similarity(a: str, b: str) -> float:
    """Similarity in [0, 1] of two skeletons: 1 − weighted distance / longer length."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    d = weighted_distance(a, b)
    return max(0.0, 1.0 - d / max(len(a), len(b)))


def _skeleton_similarity_min(a: str, b: str, floor: float) -> float:
    """:func:`skeleton_similarity` when it is at least ``floor``; otherwise it may stop early and return
    −1.0 (any value below ``floor``), for callers that only use scores from ``floor`` up (and keep
    the results: the name matcher memoises them per name)."""
    if floor <= 0.0 or not a or not b or a == b:
        return skeleton_similarity(a, b)
    longer = max(len(a), len(b))
    # similarity < floor  ⇔  distance > (1 − floor) · longer; the margin keeps float rounding on the safe side
    d = _weighted_distance(a, b, (1.0 - floor) * longer * (1.0 + 1e-9) + 1e-9)
    if d is None:
        return -1.0
    return max(0.0, 1.0 - d / longer)


def _strip_article(arabic: str) -> str | None:
    s = arabic.strip()
    if s.startswith("ال") and len(s) > 4:
        return s[2:]
    return None


@lru_cache(maxsize=262144)
def name_similarity(english: str, arabic: str) -> float:
    """How plausibly ``arabic`` transliterates ``english``, in [0, 1].

    The Arabic definite article is tried both kept (Al Jazeera ↔ الجزيرة) and removed.
    """
    se = skeleton_en(english)
    best = skeleton_similarity(se, skeleton_ar(arabic))
    stripped = _strip_article(arabic)
    if stripped is not None and best < 1.0:
        best = max(best, skeleton_similarity(se, skeleton_ar(stripped)))
    return best


@lru_cache(maxsize=262144)
def name_similarity_any(english: str, arabic: str) -> float:
    """:func:`name_similarity`, or the same against the letter-for-letter skeleton
    (:func:`skeleton_en_literal`) when that is higher: literal machine transliterations write zh as
    زه and kh as كه. The aligner keeps the plain :func:`name_similarity`."""
    best = name_similarity(english, arabic)
    lit = skeleton_en_literal(english)
    if best < 1.0 and lit != skeleton_en(english):
        best = max(best, skeleton_similarity(lit, skeleton_ar(arabic)))
        stripped = _strip_article(arabic)
        if stripped is not None:
            best = max(best, skeleton_similarity(lit, skeleton_ar(stripped)))
    return best


def _en_vowelled(word: str) -> str:
    """Skeleton with vowel groups kept as ``V`` (for short names, where consonants alone say little)."""
    out: list[str] = []
    i, n = 0, len(word)
    while i < n:
        c = word[i]
        if c in "aeiouy" or (c == "w" and i > 0) or (c == "y" and i > 0):
            j = i
            while j < n and (word[j] in "aeiouy" or (word[j] == "w" and j > 0)):
                j += 1
            # a final silent e after a consonant (Mike, Rose) is not a vowel in Arabic
            if not (word[i:j] == "e" and j == n and i > 1):
                out.append("V")
            i = j
            continue
        if c == "h" and i == n - 1 and i > 0 and word[i - 1] in "aeiouy":
            i += 1
            continue
        j = i + 1
        while j < n and word[j] not in "aeiouyw":
            j += 1
        out.append(_en_word(word[i:j]) or "")
        i = j
    return _collapse("".join(out))


_AR_VOWELS = set("اأإآٱىويیئؤءع")


def _ar_vowelled(word: str) -> str:
    out: list[str] = []
    n = len(word)
    i = 0
    while i < n:
        c = word[i]
        if c in _AR_VOWELS:
            out.append("V")
            i += 1
            continue
        j = i
        while j < n and word[j] not in _AR_VOWELS:
            j += 1
        chunk = word[i:j]
        if j == n and chunk.endswith(("ة", "ه")) and len(chunk) > 0:
            chunk = chunk[:-1]
        out.append(_ar_word(chunk) if chunk else "")
        i = j
    return _collapse("".join(out))


@lru_cache(maxsize=131072)
def vowel_similarity(english: str, arabic: str) -> float:
    """Like :func:`name_similarity`, but vowels (English vowel groups, Arabic long vowels) count as ``V``.

    Short names need it: Sarah = SR matches أسري on consonants, but S V R V ≠ V S R V.
    """
    s = unicodedata.normalize("NFKD", english)
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).lower()
    e = "".join(_en_vowelled(w) for w in _WORD_SPLIT.split(s) if w)
    a_text = _AR_MARKS.sub("", unicodedata.normalize("NFC", arabic))
    a = "".join(_ar_vowelled(w) for w in _AR_WORD_SPLIT.split(a_text) if w)
    return skeleton_similarity(_collapse(e), _collapse(a))


_AR_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي", "ی": "ي",
                          "ک": "ك", "ھ": "ه"})


@lru_cache(maxsize=262144)
def fold_arabic(word: str) -> str:
    """Orthographic fold: hamza seats, alef forms, ya/alef maqsura, ta marbuta, marks removed.

    Two forms with equal folds differ only orthographically (أبلياسوف / ابلياسوف).
    """
    s = _AR_MARKS.sub("", unicodedata.normalize("NFC", word))
    return s.translate(_AR_FOLD).replace("ء", "")


def _levenshtein_distance(a: str, b: str) -> int:
    """Unit-cost Levenshtein distance, bit-parallel (Myers 1999 / Hyyrö 2001): one pass over ``b``
    with ``a``'s columns packed into an integer; exact, like the quadratic table."""
    if not a:
        return len(b)
    if not b:
        return len(a)
    peq: dict[str, int] = {}
    bit = 1
    for c in a:
        peq[c] = peq.get(c, 0) | bit
        bit <<= 1
    mask = bit - 1
    last = bit >> 1
    pv, mv, score = mask, 0, len(a)
    for c in b:
        eq = peq.get(c, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | (~(xh | pv) & mask)
        mh = pv & xh
        if ph & last:
            score += 1
        elif mh & last:
            score -= 1
        ph = ((ph << 1) | 1) & mask
        mh = (mh << 1) & mask
        pv = mh | (~(xv | ph) & mask)
        mv = ph & xv
    return score


@lru_cache(maxsize=1 << 15)
def _levenshtein_ratio(a: str, b: str) -> float:
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    return 1.0 - _levenshtein_distance(a, b) / max(len(a), len(b))


@lru_cache(maxsize=262144)
def arabic_similarity(a: str, b: str) -> float:
    """Similarity of two Arabic spellings in [0, 1], for clustering variants of one name.

    Mean of the skeleton similarity (class-level) and the letter-level ratio of the orthographic
    folds, so vowel-letter differences (نزارباييف / نزاربايف) cost a little, consonant changes more.
    """
    fa, fb = fold_arabic(a), fold_arabic(b)
    if fa == fb:
        return 1.0
    sk = skeleton_similarity(skeleton_ar(a), skeleton_ar(b))
    return 0.5 * sk + 0.5 * _levenshtein_ratio(fa, fb)


#: letters that write a vowel (or nothing) at the end of a name: losing only these is not losing a consonant
_TAIL_VOWELS = frozenset("اويىهءئؤأإآع")


def is_truncation(short: str, long: str, english: str = "", known: bool = False) -> bool:
    """True when Arabic ``short`` is a clipped form of ``long`` (توكاي for توكاييف).

    Letter-level: after the orthographic fold, ``short`` (≥ 3 letters) is a prefix of ``long`` and
    loses at least one consonant letter (فورون for فورونين, although the skeletons collapse to the same
    FRN), or, when the English name ends in a vowel (Belousova, Seitkali, al-Harthy), the letters that
    write it (بيلوسوف for بيلوسوفا: the masculine name). A wrong name, not a spelling variant; a final
    vowel letter the English does not have is a spelling choice (كافانوا / كافانو). الناصرة is not a
    clipped نزارباييف even though its skeleton is a prefix: the letters differ (ص, ة). ``known``: ``long``
    is an established spelling (CLDR, glossary), whose final vowel letters belong to it whatever the
    English (بريطان for بريطانيا).
    """
    fs, fl = fold_arabic(short), fold_arabic(long)
    if len(fs) < 3 or len(fs) >= len(fl) or not fl.startswith(fs):
        return False
    tail = fl[len(fs):]
    if skeleton_ar(short) != skeleton_ar(long) or any(c not in _TAIL_VOWELS for c in tail if c != " "):
        return True
    if fs[-1] in _TAIL_VOWELS:
        return False  # the final vowel is written (نوجرو / نوجروو): a spelling difference
    last = english.rstrip(" '’")[-1:].lower()
    return known or (bool(last) and last in "aiouy")


__all__ = [
    "arabic_similarity",
    "fold_arabic",
    "is_truncation",
    "name_similarity",
    "skeleton_ar",
    "skeleton_en",
    "skeleton_similarity",
    "vowel_similarity",
    "weighted_distance",
]
