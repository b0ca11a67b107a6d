"""How well an Arabic span renders an entity: the pass-1 score, cached per entity.

Why cached scorers: the same names and words recur across sentences, documents and systems, and the
transliteration similarity is the costly part of the names stage; a scorer is exact from its floor
up and stops early below it (see :class:`_Scorer`).
"""

from __future__ import annotations

from functools import lru_cache

from eval.names.document import _Entity
from eval.names.entities import gazetteer
from eval.names.forms import _known_folds, _nisba_cached
from eval.names.spans import _blocked, _Span
from eval.names.stoplist import is_stopword
from eval.names.translit import (
    _skeleton_similarity_min,
    _strip_article,
    arabic_similarity,
    fold_arabic,
    skeleton_ar,
    skeleton_en,
    skeleton_en_literal,
    vowel_similarity,
)


def _accept_for(se: str, p: dict) -> float:
    """Short skeletons match by chance: demand more of them (Guy = G, Russia = RS)."""
    if len(se) <= 2:
        return 1.0
    if len(se) == 3:
        return max(p["accept"], 0.83)
    return p["accept"]


def _score(e: _Entity, sp: _Span, known_f: set[str], se: str, p: dict) -> tuple[float, str]:
    """Best (score, variant) of a span for an entity; ties keep the longer (less stripped) variant.

    For a name with a known spelling (CLDR, glossary) a transliteration must also resemble that
    spelling (قازاقستان ~ كازاخستان), so روسيا's two-consonant skeleton does not pick up رئيس.
    ``known_f`` and ``se`` are :func:`_known_folds` of ``e.known`` and ``skeleton_en(e.key)``. Scores
    below both the entity's acceptance threshold and ``substitute_min`` (which the caller drops) are
    only known to be below them.
    """
    if _blocked(sp.raw):
        return -1.0, ""
    acc = p["accept"] if e.known else _accept_for(se, p)
    return _scorer(e.key, e.known, min(acc, p["substitute_min"]), p).score(sp.variants)


def _closest_known(text: str, ft: str, known: tuple[str, ...]) -> float:
    # letter-length prefilter: arabic_similarity is the costly part of scoring
    return max((arabic_similarity(text, k) for k in known if abs(len(ft) - len(k)) <= max(3, len(k) // 3)),
               default=0.0)


@lru_cache(maxsize=1 << 14)
def _span_profile(variants: tuple[str, ...]) -> tuple[tuple[str, str, bool, bool, str, str | None, int], ...]:
    """What scoring needs of each variant of a span, whatever the entity: (text, fold, a known place's
    name?, a frequent word?, skeleton, the text without the article (or None), letters)."""
    places = gazetteer().arabic_names
    out = []
    for text in variants:
        ft = fold_arabic(text)
        out.append((text, ft, ft in places, is_stopword(text), skeleton_ar(text), _strip_article(text),
                    len(ft.replace(" ", ""))))
    return tuple(out)


@lru_cache(maxsize=1 << 15)
def _word_keys(text: str) -> tuple[str, int, str, bool, str]:
    """A word's fold, its length, its first letter, whether it is a frequent word, the class of its first
    letter: what pass 2 looks up per word (one cache lookup instead of four)."""
    ft = fold_arabic(text)
    return ft, len(ft), ft[:1], is_stopword(text), skeleton_ar(ft[:1])


class _Scorer:
    """Scores of spans (that do not start or end with a frequent word) for one entity: a pure function
    of the entity's name and known spellings, the thresholds and the span's variants, kept across
    calls (the same names and words recur across sentences, documents and systems).

    Exact for scores from ``floor`` up; a lower score is only known to be lower (the transliteration
    similarity stops as soon as it must fall below ``floor``), and the caller drops it.
    """

    __slots__ = ("key", "known", "floor", "substitute_min", "short_vowel_min", "known_variant_min",
                 "se", "se_alt", "n_se", "slack", "known_f", "known_sk", "memo", "sims")

    def __init__(self, key: str, known: tuple[str, ...], floor: float, p: dict) -> None:
        self.key, self.known, self.floor = key, known, floor
        self.substitute_min, self.short_vowel_min = p["substitute_min"], p["short_vowel_min"]
        self.known_variant_min = p["known_variant_min"]
        self.se = skeleton_en(key)
        alt = skeleton_en_literal(key)
        self.se_alt = alt if alt != self.se else None  # the letter-for-letter reading (name_similarity_any)
        self.n_se = len(self.se)
        self.slack = max(2, self.n_se // 2)
        self.known_f = _known_folds(known)
        self.known_sk = frozenset(skeleton_ar(k) for k in known)
        self.memo: dict[tuple[str, ...], tuple[float, str]] = {}
        self.sims: dict[str, float] = {}  # Arabic skeleton → skeleton similarity to the name's (from floor up)

    def score(self, variants: tuple[str, ...]) -> tuple[float, str]:
        r = self.memo.get(variants)
        if r is None:
            if _MEMO[0] >= _MEMO_MAX:
                _SCORERS.clear()  # bounded memory: start afresh (this scorer's memos go too)
                self.memo.clear()
                self.sims.clear()
                _MEMO[0] = 0
            n = len(self.sims)
            r = self.memo[variants] = self._score(variants)
            _MEMO[0] += 1 + len(self.sims) - n
        return r

    def _skeleton_sim(self, sa: str) -> float:
        """Similarity of the Arabic skeleton ``sa`` to the name's (read with digraphs or letter by letter),
        exact from the floor up; memoised in ``sims``."""
        s = self.sims.get(sa)
        if s is None:
            s = _skeleton_similarity_min(self.se, sa, self.floor)
            if self.se_alt is not None and s < 1.0:
                s = max(s, _skeleton_similarity_min(self.se_alt, sa, self.floor))
            self.sims[sa] = s
        return s

    def _score(self, variants: tuple[str, ...]) -> tuple[float, str]:
        best, best_t = -1.0, ""
        known, known_f, key = self.known, self.known_f, self.key
        profile = _span_profile(variants)
        if any(place and ft not in known_f and not _nisba_cached(text, known, False) for text, ft, place, *_ in profile):
            return best, best_t  # another place's known name (كازاخستان is not a clipped أوزبكستان)
        n_se, substitute_min = self.n_se, self.substitute_min
        for text, ft, _place, stop, sa, bare, n_letters in profile:
            if ft in known_f or (known and _nisba_cached(text, known, False)):
                s = 1.0
            elif stop:
                continue
            else:
                a = None  # similarity to the closest known spelling: computed only where it can matter
                if not sa or abs(len(sa) - n_se) > self.slack:
                    s = -1.0
                else:
                    # name_similarity_any(key, text), exact from floor up: the article tried kept and
                    # removed, the English read with digraphs and letter by letter
                    s = self._skeleton_sim(sa)
                    if bare is not None and s < 1.0:
                        s = max(s, self._skeleton_sim(skeleton_ar(bare)))
                    if n_se <= 3 and not known and s >= substitute_min:
                        # short names: consonants alone say little (Sarah = SR = أسري); vowels must agree too
                        v = vowel_similarity(key, text)
                        if v < self.short_vowel_min:
                            s = min(s, v)
                    if known and s >= substitute_min:
                        # anchored by the known spelling (then the plain threshold applies, not the
                        # short-name one); short names need a closer spelling (موانئ is not عمان)
                        a = _closest_known(text, ft, known)
                        s = min(s, a + 0.05 if n_se > 3 or a >= 0.85 else a - 0.1)
                if known and n_letters >= 4 and sa in self.known_sk:
                    if a is None:
                        a = _closest_known(text, ft, known)
                    if a >= self.known_variant_min:
                        # a close respelling of a known (often translated) name: المملكة المطحدة
                        s = max(s, a)
            if s > best or (s == best and len(text) > len(best_t)):
                best, best_t = s, text
        return best, best_t


_SCORERS: dict[tuple, _Scorer] = {}
_MEMO = [0]  # scores and similarities memoised by all scorers
_MEMO_MAX = 1 << 17
_SCORERS_MAX = 1 << 12


def _scorer(key: str, known: tuple[str, ...], floor: float, p: dict) -> _Scorer:
    k = (key, known, floor, p["substitute_min"], p["short_vowel_min"], p["known_variant_min"])
    sc = _SCORERS.get(k)
    if sc is None:
        if len(_SCORERS) >= _SCORERS_MAX:
            _SCORERS.clear()
            _MEMO[0] = 0
        sc = _SCORERS[k] = _Scorer(key, known, floor, p)
    return sc
