"""Name checks for one document side: entity renderings, consistency, substitutions, glossary.

How it decides (thresholds in :data:`DEFAULTS`, tuned on NTREX and the seed in benchmarks/names.py):

1. English entities come from :mod:`eval.names.entities`; people, places and other names are checked
   (organisations, nationalities and languages are translated, not transliterated; languages only
   feed ``name.language_vs_country``). Each word of a person's name is its own entity.
2. Pass 1, per mention: Arabic spans of 1–3 words (first word's prefixes و ف ب ل ك ال stripped) in
   the aligned target sentences are scored: 1.0 for a known CLDR / glossary spelling or its nisba
   (روسيا → الروسية); else ``name_similarity``, which must reach ``accept`` (0.75; 0.83 for
   3-consonant names, 1.0 for 1–2 consonants, plus ``vowel_similarity`` ≥ 0.7 so that Sarah ≠ أسري);
   for a name with a known spelling, a transliteration must also resemble it (arabic_similarity).
   Frequent Arabic words (stoplist.py) and words common outside the name's sentences never count.
   Spans are assigned best first, without overlap, at most one per mention. Letter-prefixes of a form
   (توكاي / توكاييف) are *truncated* forms; a form glued to a word (كافانويعمل) or an adjective of
   it is an acceptable rendering but not a spelling.
3. A name is *resolved* when it has a known spelling or shows a rendering in ≥ ``min_resolved_share``
   (0.5) of its mentions; otherwise its candidate forms are dropped (verdict ``unmatched``: the West →
   الغرب is translated). Only resolved names get findings.
4. Pass 2: the same spellings elsewhere in the document count too, and so do close variants
   (letter ratio, skeleton and transliteration similarity ≥ ``variant_min`` 0.8, same first
   consonant class) and clipped forms of ≥ 5 letters.
5. A mention without a rendering in its aligned sentences is ``name.mistranslated`` when a known
   name the bead's source does not explain stands there (CLDR place, an extra list of places and
   news names, another name's spelling in this document, the glossary, ``known_names``), or a
   look-alike (same first three consonant classes, score ≥ ``garble_min`` 0.55); otherwise
   ``name.missing`` — except when another part of the same name is there, the name was written in
   the previous ``pronoun_window`` (2) sentences (a pronoun is normal), it is left in Latin script, or
   the sentence is omitted (1-0 bead, the alignment check reports it).

Accuracy = acceptable renderings / source mentions of resolved names (truncations, substitutions,
missing renderings and user-glossary violations are not acceptable). Consistency = resolved names
with a single surface form / resolved names with at least one form.

Measured (benchmarks/names.py, NTREX newstest2019 reference, 1997 sentences): 2.5 findings per 100
sentences on the clean human reference, nearly all genuine spelling variation by its translators
(رينجرز / رانجرز, وارن / وارين); ≈ 0.3 per 100 false on review. Injected faults (5 seeds):
name.inconsistent P 0.99–1.00 R 0.89–0.98, name.mistranslated P 0.94–1.00 R 0.89–0.96,
name.orthographic P ≥ 0.9 R 1.0. Whole NTREX ≈ 1.1 s CPU cold, 0.3 s warm, one process (the same names and
words recur, and per-word, per-skeleton-pair and per-(entity, span) results are cached).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

from eval.model import Bead, Finding, GlossaryEntry, Sentence
from eval.names.entities import (
    NAME_KINDS,
    Mention,
    extract_entities,
    gazetteer,
    language_mentions,
    load_spacy,
)
from eval.names.stoplist import is_stopword
from eval.names.translit import (
    _levenshtein_ratio,
    _skeleton_similarity_min,
    _strip_article,
    arabic_similarity,
    fold_arabic,
    is_truncation,
    name_similarity,
    skeleton_ar,
    skeleton_en,
    skeleton_similarity,
    vowel_similarity,
)

DEFAULTS: dict[str, Any] = {
    "accept": 0.75,  # name_similarity for a confident rendering
    "truncation_min": 0.5,  # a clipped form must still resemble the English name this much
    "substitute_min": 0.45,  # lower end of the similar-but-different band
    "garble_min": 0.55,
    "known_variant_min": 0.85,  # arabic_similarity to a known spelling that makes a variant of it
    "variant_min": 0.8,  # a spelling variant outside the aligned sentences: Arabic and transliteration similarity  # a look-alike substitute must score at least this (الناصرة for Nazarbayev: 0.60)
    "short_vowel_min": 0.7,  # vowel-aware similarity a name of ≤ 3 consonants must also reach
    "pronoun_window": 2,  # a name rendered this many sentences back may become a pronoun
    "max_span": 3,
    "min_resolved_share": 0.5,  # share of mentions that must show a rendering for a word to count as a name
    "builtin_glossary": True,  # flag forms that differ from CLDR country/city spellings
    "use_spacy": True,
    "known_names": (),  # extra Arabic names (e.g. from the whole corpus) for substitution detection
    "severity": {},  # check id → severity override
    "disabled": (),  # check ids to skip
}

SEVERITY = {
    "name.inconsistent": "major",
    "name.orthographic": "minor",
    "name.mistranslated": "critical",
    "name.missing": "major",
    "name.glossary": "major",
    "name.language_vs_country": "major",
    "name.cross_document": "minor",
}
ITS_TYPE = {
    "name.inconsistent": "inconsistency",
    "name.orthographic": "inconsistency",
    "name.mistranslated": "mistranslation",
    "name.missing": "omission",
    "name.glossary": "terminology",
    "name.language_vs_country": "mistranslation",
    "name.cross_document": "inconsistency",
}

@dataclass
class NameResult:
    """What the names stage returns for one document side."""

    findings: list[Finding] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)
    accuracy: float | None = None
    consistency: float | None = None


# --------------------------------------------------------------------------- Arabic tokens


def _fallback_words(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in re.finditer(r"[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff\u064b-\u0652\u0640]+", text)]


_PREFIXES = ("وبال", "وكال", "فبال", "وال", "فال", "بال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")


def _fallback_clitics(word: str) -> list[str]:
    out = [word]
    w = word
    for _ in range(2):
        for p in _PREFIXES:
            if w.startswith(p) and len(w) - len(p) >= 2:
                w = w[len(p):]
                if p == "لل" and not w.startswith("ل"):
                    out.append("ال" + w)
                out.append(w)
                break
        else:
            break
    return out


try:  # the text helper's tokeniser and clitic stripper, when present
    from eval.text.clitics import arabic_words as _arabic_words
    from eval.text.clitics import strip_clitics as _strip_clitics
except ImportError:  # pragma: no cover - depends on build order
    _arabic_words = _fallback_words
    _strip_clitics = _fallback_clitics


def _stems(word: str) -> list[str]:
    return list(_stems_cached(word))


@lru_cache(maxsize=1 << 15)
def _stems_cached(word: str) -> tuple[str, ...]:
    """Candidate stems of one Arabic word (a pure function of the word: words recur, so it is cached)."""
    try:
        stems = list(_strip_clitics(word))
    except Exception:  # noqa: BLE001 - a tokenizer failure must not stop the names stage
        stems = _fallback_clitics(word)
    # prefixes only (و ب ل ك ف ال): a name keeps its end (الأوروبية is not الأوروب + ية)
    stems = [s for s in stems if word.endswith(s)]
    out, seen = [], set()
    for s in [word, *stems]:
        # keep the article when a longer prefix (وال، بال، لل) was stripped: والصين → الصين, للمكسيك → المكسيك
        extra = ["ال" + s] if s != word and (word.endswith("ال" + s) or word == "لل" + s) else []
        for x in [*extra, s]:
            if x and x not in seen and len(x) >= 2:
                seen.add(x)
                out.append(x)
    return tuple(out)


class _Span(NamedTuple):
    """One candidate span of a target sentence (a named tuple: documents have tens of thousands)."""

    sid: int  # target sentence id
    i: int  # first token index
    n: int  # tokens
    variants: tuple[str, ...]  # candidate strings: first word as written, then clitic-stripped
    raw: str  # text as written


def _spans(target: list[Sentence], max_span: int) -> dict[int, list[_Span]]:
    out: dict[int, list[_Span]] = {}
    for t in target:
        words = [w for w, _, _ in _arabic_words(t.text)]
        lst = out[t.index] = []
        sid = t.index
        nw = len(words)
        for i, w in enumerate(words):
            stems = _stems_cached(w)
            for n in range(1, max_span + 1):
                if i + n > nw:
                    break
                if n == 1:
                    lst.append(_Span(sid, i, 1, stems, w))
                else:
                    tail = " " + " ".join(words[i + 1:i + n])
                    lst.append(_Span(sid, i, n, tuple(s + tail for s in stems), w + tail))
    return out


_new_span = tuple.__new__  # _Span(…) without the named tuple's Python-level __new__


class _SpanTable:
    """:func:`_spans` of a document side, one-word spans built at once and longer ones on demand:
    most entities are one word, and most sentences are only ever searched for one-word forms."""

    def __init__(self, target: list[Sentence], max_span: int) -> None:
        self.max_span = max_span
        self._words: dict[int, list[str]] = {}
        self.ones: dict[int, list[_Span]] = {}  # sid → its one-word spans, in order
        self._full: dict[int, list[_Span]] = {}
        for t in target:
            sid = t.index
            words = self._words[sid] = [w for w, _, _ in _arabic_words(t.text)]
            self._full.pop(sid, None)
            self.ones[sid] = [_new_span(_Span, (sid, i, 1, _stems_cached(w), w)) for i, w in enumerate(words)
                              ] if max_span >= 1 else []

    def get(self, sid: int, default: Any = ()) -> list[_Span]:
        """Every span of sentence ``sid`` (as :func:`_spans` orders them: by first word, then length)."""
        lst = self._full.get(sid)
        if lst is None:
            words = self._words.get(sid)
            if words is None:
                return default
            if self.max_span <= 1:
                lst = self.ones[sid]
            else:
                lst = []
                nw = len(words)
                for i, sp in enumerate(self.ones[sid]):
                    lst.append(sp)
                    for n in range(2, min(self.max_span, nw - i) + 1):
                        tail = " " + " ".join(words[i + 1:i + n])
                        lst.append(_Span(sid, i, n, tuple(s + tail for s in sp.variants), sp.raw + tail))
            self._full[sid] = lst
        return lst

    def items(self):
        for sid in self._words:
            yield sid, self.get(sid)

    def ending_in(self, sid: int, endings: dict[int, set[str]]):
        """The spans of ``sid`` in :meth:`get` order, but of the longer ones only those of ``n`` words whose
        last word folds to one of ``endings[n]``: the others cannot fold to an ``n``-word form (a fold is
        letter by letter, so the fold of a span is the folds of its words joined by spaces)."""
        words = self._words[sid]
        nw = len(words)
        for sp in self.ones[sid]:
            yield sp
            i = sp.i
            for n in range(2, min(self.max_span, nw - i) + 1):
                ends = endings.get(n)
                if ends and fold_arabic(words[i + n - 1]) in ends:
                    tail = " " + " ".join(words[i + 1:i + n])
                    yield _Span(sid, i, n, tuple(v + tail for v in sp.variants), sp.raw + tail)


def _blocked(raw: str) -> bool:
    """A span ending in a frequent word, or a multi-word span starting with one, never renders a name."""
    words = raw.split()
    return is_stopword(words[-1]) or (len(words) > 1 and is_stopword(words[0]))


# --------------------------------------------------------------------------- entities


@dataclass
class _Entity:
    key: str
    display: str
    kind: str
    n_words: int
    known: tuple[str, ...]  # approved / CLDR spellings
    approved_user: tuple[str, ...] = ()  # from the user's glossary
    mentions: list[Mention] = field(default_factory=list)
    forms: dict[str, list[int]] = field(default_factory=dict)  # form → target sentence ids (one per occurrence)
    truncated: dict[str, list[int]] = field(default_factory=dict)
    derived: dict[str, list[int]] = field(default_factory=dict)
    cells: dict[int, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))  # sid → (text, kind)
    resolved: bool = False


_NISBA = ("ي", "يه", "ية", "يين", "يون", "يان", "يتين", "يا")


def _nisba_of(form: str, bases: list[str], *, need_article: bool = False) -> bool:
    return _nisba_cached(form, tuple(bases), need_article)


@lru_cache(maxsize=1 << 16)
def _nisba_cached(form: str, bases: tuple[str, ...], need_article: bool) -> bool:
    """True when ``form`` is an adjective derived from one of ``bases`` (روسيا → الروسية).

    ``need_article``: only a form with the article counts (for names without a known spelling, where
    جيريمي / جيريم is a spelling difference, not an adjective).
    """
    f = fold_arabic(form)
    if need_article and not f.startswith("ال"):
        return False
    if f.startswith("ال"):
        f = f[2:]
    prepared = _nisba_stems(bases)
    if prepared is None:
        return _nisba_plain(f, bases)
    if not f or f[-1] not in _NISBA_LAST:
        return False  # every adjective ending ends so
    for fb, stems in prepared:
        if f == fb:
            continue
        for stem in stems:
            if f.startswith(stem) and f[len(stem):] in _NISBA:
                return True
    return False


_NISBA_LAST = frozenset(x[-1] for x in _NISBA)


@lru_cache(maxsize=4096)
def _nisba_stems(bases: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...] | None:
    """Per base of :func:`_nisba_cached`: its folded last word and the stems an adjective may start with
    (None when a base has no letters left to split, which :func:`_nisba_plain` handles as it always did)."""
    out = []
    for b in bases:
        fb = fold_arabic(b)
        if fb.startswith("ال"):
            fb = fb[2:]
        if " " in fb and not fb.split():
            return None
        fb = fb.split()[-1] if " " in fb else fb
        fb = fb[2:] if fb.startswith("ال") else fb
        stems = {fb, fb.rstrip("اهي"), fb[:-2] if fb.endswith(("يا", "ان")) else fb}
        out.append((fb, tuple(stem for stem in stems if len(stem) >= 2)))
    return tuple(out)


def _nisba_plain(f: str, bases: tuple[str, ...]) -> bool:
    for b in bases:
        fb = fold_arabic(b)
        if fb.startswith("ال"):
            fb = fb[2:]
        fb = fb.split()[-1] if " " in fb else fb
        fb = fb[2:] if fb.startswith("ال") else fb
        for stem in {fb, fb.rstrip("اهي"), fb[:-2] if fb.endswith(("يا", "ان")) else fb}:
            if len(stem) >= 2 and f.startswith(stem) and f != fb and f[len(stem):] in _NISBA:
                return True
    return False


def _glued_to(form: str, bases: list[str]) -> bool:
    """``form`` is another form with a word or the article stuck to it (كافانويعمل, التشيكرز): a spacing slip."""
    f = fold_arabic(form).replace(" ", "")
    for b in bases:
        fb = fold_arabic(b).replace(" ", "")
        if len(fb) < 3 or f == fb or fb not in f:
            continue
        rest = f[len(fb):] if f.startswith(fb) else f[:-len(fb)] if f.endswith(fb) else None
        # a whole word (≥ 4 letters, or a frequent short one) or the article: not a longer spelling
        # (نزارباييف is not نزارباي + يف, توكتوسونوفا not توكتوسون + وفا)
        if rest is not None and (len(rest) >= 4 or rest == "ال" or (len(rest) >= 2 and is_stopword(rest))):
            return True
    return False


def _glossary_table(glossary: list[GlossaryEntry]) -> dict[str, GlossaryEntry]:
    """English (lower-case) → entry; a multi-word name also lends each word its word, when the
    Arabic has as many words ("Aizhan Toktosunova" → Toktosunova: توكتوسونوفا), since entities are words."""
    out: dict[str, GlossaryEntry] = {}

    def slices(ar: str, parts: list[int]) -> list[str] | None:
        words = ar.split()
        if len(words) != sum(parts):
            return None
        out_, k = [], 0
        for n in parts:
            out_.append(" ".join(words[k:k + n]))
            k += n
        return out_

    for g in glossary or ():
        en_words = g.english.split()
        if len(en_words) < 2:
            continue
        # Kassym-Jomart Tokayev ↔ قاسم جومارت توكاييف: a hyphenated word may take two Arabic words
        for parts in ([1] * len(en_words), [w.count("-") + 1 for w in en_words]):
            ar = slices(g.arabic, parts)
            if ar is None:
                continue
            for k, w in enumerate(en_words):
                variants = [sl[k] for v in g.variants if (sl := slices(v, parts)) is not None]
                variants = tuple(dict.fromkeys(v for v in variants if v != ar[k]))
                out.setdefault(w.lower(), GlossaryEntry(w, ar[k], variants, g.note))
            break
    for g in glossary or ():
        out[g.english.strip().lower()] = g
    return out


def _build_entities(mentions: list[Mention], glossary: dict[str, GlossaryEntry]) -> dict[str, _Entity]:
    ents: dict[str, _Entity] = {}
    for m in mentions:
        if m.kind not in NAME_KINDS:
            continue
        e = ents.get(m.key)
        display = m.full if m.kind in ("person", "name") and m.full else m.key
        if e is None:
            g = glossary.get(m.key.lower())
            known = tuple(m.arabic)
            user: tuple[str, ...] = ()
            if g is not None:
                user = (g.arabic, *g.variants)
                known = user + known
            e = ents[m.key] = _Entity(m.key, display, m.kind, m.n_words, known, user)
        if len(display) > len(e.display):
            e.display = display
        e.mentions.append(m)
    return ents


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


@lru_cache(maxsize=4096)
def _known_folds(known: tuple[str, ...]) -> frozenset[str]:
    """Folded known spellings, and the same without the article."""
    known_f = {fold_arabic(k) for k in known}
    known_f |= {k[2:] for k in known_f if k.startswith("ال")}
    return frozenset(known_f)


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
                 "se", "n_se", "slack", "known_f", "known_sk", "memo", "sims")

    def __init__(self, key: str, known: tuple[str, ...], floor: float, p: dict) -> None:
        self.key, self.known, self.floor = key, known, floor
        self.substitute_min, self.short_vowel_min = p["substitute_min"], p["short_vowel_min"]
        self.known_variant_min = p["known_variant_min"]
        self.se = skeleton_en(key)
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

    def _score(self, variants: tuple[str, ...]) -> tuple[float, str]:
        best, best_t = -1.0, ""
        known, known_f, key = self.known, self.known_f, self.key
        profile = _span_profile(variants)
        if any(place and ft not in known_f and not _nisba_cached(text, known, False) for text, ft, place, *_ in profile):
            return best, best_t  # another place's known name (كازاخستان is not a clipped أوزبكستان)
        se, n_se, floor, substitute_min, sims = self.se, self.n_se, self.floor, self.substitute_min, self.sims
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
                    # name_similarity(key, text), exact from floor up: the article tried kept and removed
                    s = sims.get(sa)
                    if s is None:
                        s = sims[sa] = _skeleton_similarity_min(se, sa, floor)
                    if bare is not None and s < 1.0:
                        sb = skeleton_ar(bare)
                        s_bare = sims.get(sb)
                        if s_bare is None:
                            s_bare = sims[sb] = _skeleton_similarity_min(se, sb, floor)
                        s = max(s, s_bare)
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


# --------------------------------------------------------------------------- main


def _finding(check: str, p: dict, **kw: Any) -> Finding:
    return Finding(check=check, severity=p["severity"].get(check, SEVERITY[check]), its_type=ITS_TYPE[check], **kw)


def analyse_names(
    doc_id: str,
    system: str,
    source: list[Sentence],
    target: list[Sentence],
    beads: list[Bead],
    glossary: list[GlossaryEntry],
    params: dict | None = None,
) -> NameResult:
    """Name findings, entity-table rows, accuracy and consistency for one document side."""
    p = {**DEFAULTS, **(params or {})}
    res = NameResult()
    if not source or not target:
        return res
    nlp = load_spacy() if p["use_spacy"] else None
    mentions = extract_entities([s.text for s in source], nlp=nlp)
    ents = _build_entities(mentions, _glossary_table(glossary))

    s2t: dict[int, tuple[int, ...]] = {}
    t2s: dict[int, tuple[int, ...]] = {}
    for b in beads or ():
        for s in b.source_ids:
            s2t[s] = tuple(b.target_ids)
        for t in b.target_ids:
            t2s[t] = tuple(b.source_ids)
    all_t = tuple(t.index for t in target)

    def aligned(sid: int) -> tuple[int, ...]:
        return s2t.get(sid, ()) if beads else all_t

    spans = _SpanTable(target, p["max_span"])
    tgt_text = {t.index: t.text for t in target}

    # ---- pass 1: candidates for each entity inside the sentences aligned to its mentions
    word_sids: dict[str, set[int]] = defaultdict(set)  # folded word → target sentences holding it
    for sid, lst in spans.ones.items():
        for sp in lst:
            for v in sp.variants:
                word_sids[fold_arabic(v)].add(sid)
    cands: list[tuple[float, int, int, str, _Span, str]] = []
    scorable: dict[tuple[int, bool], list[_Span]] = {}
    sub_min = p["substitute_min"]
    weak: dict[tuple[str, int], list[tuple[float, _Span, str]]] = defaultdict(list)
    need: dict[tuple[str, tuple[int, ...]], int] = Counter()  # (entity, aligned group) → mentions
    group_of: dict[tuple[str, int], tuple[int, ...]] = {}
    ent_tids: dict[str, set[int]] = {}
    for e in ents.values():
        for m in e.mentions:
            g_ = aligned(m.sentence)
            need[(e.key, g_)] += 1
            for t in g_:
                group_of.setdefault((e.key, t), g_)
        ent_tids[e.key] = {t for m in e.mentions for t in aligned(m.sentence)}
        se = skeleton_en(e.key)
        if not se:
            continue
        acc = p["accept"] if e.known else _accept_for(se, p)
        floor = min(acc, sub_min)  # scores below this are dropped: the scorer need not be exact there
        max_n = min(p["max_span"], max(e.n_words, *(len(k.split()) for k in e.known)) if e.known else e.n_words)
        multi = max_n > 1
        scorer = _scorer(e.key, e.known, floor, p)
        memo = scorer.memo
        for t in sorted(ent_tids[e.key]):
            lst = scorable.get((t, multi))
            if lst is None:
                # spans that can render a name at all (not ending in, or multi-word starting with, a
                # frequent word): the same for every entity, so decided once per sentence
                lst = scorable[(t, multi)] = [sp for sp in (spans.get(t, ()) if multi else spans.ones.get(t, ()))
                                              if not _blocked(sp.raw)]
            for sp in lst:
                if sp.n > max_n:
                    continue
                r = memo.get(sp.variants)
                score, text = r if r is not None else scorer.score(sp.variants)
                if score >= acc:
                    cands.append((score, sp.n, len(text), e.key, sp, text))
                elif score >= p["substitute_min"]:
                    weak[(e.key, t)].append((score, sp, text))
    cands.sort(key=lambda c: (-c[0], c[1], -c[2], c[4].sid, c[4].i))
    taken: dict[tuple[int, int], str] = {}

    def free(sp: _Span) -> bool:
        if sp.n == 1:
            return (sp.sid, sp.i) not in taken
        return all((sp.sid, sp.i + k) not in taken for k in range(sp.n))

    def take(sp: _Span, key: str) -> None:
        for k in range(sp.n):
            taken[(sp.sid, sp.i + k)] = key

    def common_word(e: _Entity, text: str) -> bool:
        """Frequent outside the sentences that mention the entity: an ordinary word (فريق, السلطات)."""
        if " " in text or fold_arabic(text) in {fold_arabic(k) for k in e.known}:
            return False
        where = word_sids.get(fold_arabic(text), set())
        outside, inside = len(where - ent_tids[e.key]), len(where & ent_tids[e.key])
        return outside >= 2 and outside > inside

    used: dict[tuple[str, tuple[int, ...]], int] = Counter()
    for *_, key, sp, text in cands:
        e = ents[key]
        grp = group_of[(key, sp.sid)]
        if used[(key, grp)] >= need[(key, grp)] or not free(sp) or common_word(e, text):
            continue
        used[(key, grp)] += 1
        take(sp, key)
        e.cells[sp.sid].append((text, "form", sp))
    for e in ents.values():
        for sid, items in e.cells.items():
            for text, _kind, _sp in items:
                others = [x for v in e.cells.values() for x, k, _ in v if k == "form" and x != text]
                known_f = {fold_arabic(k) for k in e.known}
                derived = fold_arabic(text) not in known_f and (
                    _nisba_of(text, list(e.known)) or _nisba_of(text, others, need_article=True)
                    or _glued_to(text, list(e.known) + others))
                (e.derived if derived else e.forms).setdefault(text, []).append(sid)
        # clipped forms (توكتوسون for توكتوسونوفا) are truncations, not spelling variants
        bases = [x for x in [*e.known, *e.forms] if " " not in x]
        for text in [f for f in e.forms if any(is_truncation(f, x) for x in bases)]:
            e.truncated[text] = e.forms.pop(text)
        for sid in list(e.cells):
            e.cells[sid] = [(x, "derived" if x in e.derived else "truncated" if x in e.truncated else "form", s)
                            for x, _, s in e.cells[sid]]
    # truncations (توكاي for توكاييف) for mentions still without a rendering
    for (key, t), items in weak.items():
        e = ents[key]
        grp = group_of[(key, t)]
        for score, sp, text in sorted(items, key=lambda x: -x[0]):
            if used[(key, grp)] >= need[(key, grp)]:
                break
            if (score >= p["truncation_min"] and sp.n == 1 and free(sp) and len(fold_arabic(text)) >= 4
                    and not is_stopword(text) and any(is_truncation(text, f) for f in e.forms)):
                used[(key, grp)] += 1
                take(sp, key)
                e.truncated.setdefault(text, []).append(t)
                e.cells[t].append((text, "truncated", sp))

    # ---- resolution: a real name is rendered in most of its mentions (or has a known spelling)
    for e in ents.values():
        live = [m for m in e.mentions if aligned(m.sentence)]
        hit = sum(1 for m in live if any(e.cells.get(t) for t in aligned(m.sentence)))
        e.resolved = bool(e.known) or (bool(live) and hit / len(live) >= p["min_resolved_share"] and bool(e.forms))
        if not e.resolved:
            for items in e.cells.values():
                for _, _, sp in items:
                    for k in range(sp.n):
                        taken.pop((sp.sid, sp.i + k), None)
            e.forms, e.truncated, e.derived, e.cells = {}, {}, {}, defaultdict(list)

    # ---- pass 2: the entity's forms elsewhere in the document (extra mentions in the Arabic only):
    # the same spelling, a close variant of it, or a clipped form (all strictly checked: no source cue)
    taken2: set[tuple[int, int]] = set()
    form_owner: dict[str, tuple[str, str]] = {}
    for e in ents.values():
        for f in e.forms:
            if len(skeleton_ar(f)) >= 3 and not is_stopword(f):
                form_owner.setdefault(fold_arabic(f), (e.key, f))
    singles = [(e, [f for f in e.forms if " " not in f and len(fold_arabic(f)) >= 4 and len(skeleton_ar(f)) >= 3])
               for e in ents.values() if e.resolved and e.forms]
    singles = [(e, fs) for e, fs in singles if fs]
    # every one-word form, in entity then form order, with its fold and skeleton, indexed by what a
    # match needs: its first letter (a clipped form is a prefix of it) and the class of its first
    # letter (a variant shares it); a span's word is compared only with the forms so indexed
    forms_at: list[tuple[_Entity, list[str], tuple[str, ...], str, str, str, str]] = []
    by_letter: dict[str, list[int]] = defaultdict(list)
    by_class: dict[str, list[int]] = defaultdict(list)
    for e, fs in singles:
        fs_t = tuple(fs)
        for f in fs:
            ff = fold_arabic(f)
            by_letter[ff[:1]].append(len(forms_at))
            by_class[skeleton_ar(f[:1])].append(len(forms_at))
            forms_at.append((e, fs, fs_t, f, ff, skeleton_ar(f[:1]), skeleton_ar(f)))
    any_article = any(f.startswith("ال") for _e, fs in singles for f in fs)
    truncation_min, variant_min = p["truncation_min"], p["variant_min"]
    # a span can only take a known form of as many words (most forms are one word: skip longer spans)
    owner_ns = {len(f.split()) for _k, f in form_owner.values()}
    endings: dict[int, set[str]] = defaultdict(set)  # n → last words of the n-word forms (folded)
    for ff, (_k, f) in form_owner.items():
        if len(f.split()) > 1:
            endings[len(f.split())].add(ff.rsplit(" ", 1)[-1])
    for sid in spans.ones:
        for sp in spans.ending_in(sid, endings):
            if sp.n != 1 and sp.n not in owner_ns:
                continue
            if not free(sp):
                continue
            if sp.n in owner_ns:
                for text in sp.variants:
                    hit = form_owner.get(fold_arabic(text))
                    if hit:
                        e = ents[hit[0]]
                        if sp.n == len(hit[1].split()):
                            take(sp, e.key)
                            taken2.update((sp.sid, sp.i + k) for k in range(sp.n))
                            e.forms.setdefault(text, []).append(sid)
                            e.cells[sid].append((text, "form", sp))
                        break
            if sp.n != 1 or not forms_at or not free(sp):
                continue
            best = None
            for text in sp.variants:
                ft, lt, first, stop, sk1_t = _word_keys(text)
                if lt < 4 or stop or (text.startswith("ال") and not any_article):
                    continue
                at = by_letter.get(first, ())
                ac = by_class.get(sk1_t, ())
                if not at and not ac:
                    continue
                sk_t = None
                # entities mentioned in this sentence's source, or with a known name this word is an
                # adjective of, are skipped (decided once per entity, when it first has a form here)
                skipped: dict[str, bool] = {}
                for k in (sorted({*at, *ac}) if at and ac else at or ac):
                    e, fs, fs_t, f, ff, sk1_f, sk_f = forms_at[k]
                    skip = skipped.get(e.key)
                    if skip is None:
                        skip = skipped[e.key] = sid in ent_tids[e.key] or bool(e.known and _nisba_cached(text, e.known, False))
                    if skip:
                        continue
                    lf = len(ff)
                    # is_truncation(text, f), on precomputed folds and skeletons
                    trunc = lt < lf and ff.startswith(ft)
                    if trunc:
                        if sk_t is None:
                            sk_t = skeleton_ar(text)
                        trunc = sk_t != sk_f
                    if trunc and lt >= 5 and name_similarity(e.key, text) >= truncation_min:
                        cand = (0.5, e, text, "truncated")
                    else:
                        # the letter ratio can be no higher than the length difference allows
                        if sk1_t != sk1_f or 1.0 - abs(lt - lf) / max(lt, lf) < variant_min:
                            continue
                        if sk_t is None:
                            sk_t = skeleton_ar(text)
                        if (_levenshtein_ratio(ft, ff) >= variant_min
                                and skeleton_similarity(sk_t, sk_f) >= variant_min
                                and name_similarity(e.key, text) >= variant_min and not _glued_to(text, fs)
                                and not _nisba_cached(text, fs_t, True)):
                            cand = (arabic_similarity(text, f), e, text, "form")
                        else:
                            continue
                    if best is None or cand[0] > best[0]:
                        best = cand
            if best and not any(o.key != best[1].key and name_similarity(o.key, best[2]) >= name_similarity(best[1].key, best[2])
                                for o in ents.values()):
                _, e, text, kind = best
                take(sp, e.key)
                taken2.add((sp.sid, sp.i))
                (e.truncated if kind == "truncated" else e.forms).setdefault(text, []).append(sid)
                e.cells[sid].append((text, kind, sp))

    # ---- final tidy-up now that every form is known: glued / adjectival forms are renderings, not spellings
    for e in ents.values():
        moved = False
        for f in list(e.forms):
            others = [x for x in e.forms if x != f]
            if fold_arabic(f) in {fold_arabic(k) for k in e.known}:
                continue
            if _glued_to(f, list(e.known) + others) or _nisba_of(f, others, need_article=True):
                e.derived.setdefault(f, []).extend(e.forms.pop(f))
                moved = True
        if moved:
            for sid in list(e.cells):
                e.cells[sid] = [(x, "derived" if x in e.derived and k == "form" else k, sp_) for x, k, sp_ in e.cells[sid]]

    # ---- known names for substitution detection
    g = gazetteer()
    lexicon: dict[str, str] = {f: "" for f in g.arabic_names if " " not in f}
    for e in ents.values():
        for f in [*e.forms, *e.known]:
            lexicon[fold_arabic(f)] = e.key
    for ge in glossary or ():
        lexicon.setdefault(fold_arabic(ge.arabic), ge.english)
    for k in p["known_names"] or ():
        lexicon.setdefault(fold_arabic(k), "")
    src_keys: dict[int, set[str]] = defaultdict(set)
    for m in mentions:
        src_keys[m.sentence].add(m.key)
        if m.kind == "language":
            src_keys[m.sentence].add(m.key)
    src_lower = {s.index: s.text.lower() for s in source}

    def explained_by(owner: str, sids: set[int]) -> bool:
        return owner in set().union(*(src_keys[s] for s in sids)) or any(owner.lower() in src_lower[s] for s in sids)

    def glued(e: _Entity, tids: tuple[int, ...]) -> bool:
        """A form written together with a neighbouring word (كافانويعمل): rendered, spacing aside."""
        forms = [fold_arabic(f) for f in [*e.forms, *e.known] if len(fold_arabic(f)) >= 4]
        for t in tids:
            for sp in spans.ones.get(t, ()):
                if any(f in fold_arabic(sp.raw) for f in forms):
                    return True
        return False

    def substitute(e: _Entity, sid: int, tids: tuple[int, ...]) -> tuple[str, int, str] | None:
        srcs = {sid} | {s for t in tids for s in t2s.get(t, ())}
        for t in tids:  # a known name the source does not explain
            for sp in spans.get(t, ()):
                cells = [(sp.sid, sp.i + k) for k in range(sp.n)]
                # free, or claimed only by another name's pass-2 sweep (a name the source has elsewhere)
                if any(c in taken and (c not in taken2 or taken[c] == e.key) for c in cells):
                    continue
                if sp.n > 1 and e.n_words == 1:
                    continue
                for text in sp.variants:
                    f = fold_arabic(text)
                    owner = lexicon.get(f)
                    if owner is None or is_stopword(f) or len(f) < 3 or _nisba_of(text, [*e.known, *e.forms]):
                        continue
                    if (owner and explained_by(owner, srcs)) or (not owner and _gazetteer_explained(f, srcs, source)):
                        continue
                    if owner and any(owner in m.full.split() for m in e.mentions):
                        continue  # another part of the same person's name (كوينتين for Quinton Tellis)
                    return (text, t, f"rendering of {owner}" if owner else "known name")
        best = None
        se = skeleton_en(e.key)
        for t in tids:  # similar but different, name-like (الناصرة for Nazarbayev)
            for score, sp, text in weak.get((e.key, t), ()):
                f = fold_arabic(text)
                if not free(sp) or sp.n > e.n_words or is_stopword(f) or len(f) < 4 or common_word(e, text):
                    continue
                sa = skeleton_ar(text[2:] if text.startswith("ال") else text)
                # same first three consonant classes: a garbled or look-alike name, not a random word
                if len(sa) < 3 or len(se) < 3 or sa[:3] != se[:3] or score < p["garble_min"]:
                    continue
                if any(is_truncation(text, x) for x in e.forms):
                    continue
                # at least as close to another name of the same source sentences: that name's rendering
                if any(ents[k].key != e.key and name_similarity(k, text) >= score
                       for s_ in srcs for k in src_keys[s_] if k in ents):
                    continue
                if best is None or score > best[0]:
                    best = (score, text, t)
        if best:
            return (best[1], best[2], f"similar but different ({best[0]:.2f})")
        return None

    def partner_rendered(ms: list[Mention], tids: tuple[int, ...]) -> bool:
        parts = {w for m in ms for w in m.full.split()} - {e_.key for e_ in ents.values() if e_.key in ms[0].key}
        return any(ents[k].cells.get(t) for k in parts if k in ents for t in tids)

    def recently_rendered(e: _Entity, tids: tuple[int, ...]) -> bool:
        first = min(tids)
        return any(e.cells.get(t) for t in range(max(0, first - p["pronoun_window"]), first))

    # ---- per mention verdicts
    disabled = set(p["disabled"])
    ok_n = total_n = 0
    for e in ents.values():
        if not e.resolved:
            res.rows.append(_row(doc_id, system, e, "", [], "unmatched", [m.sentence for m in e.mentions]))
            continue
        user_ok = {fold_arabic(a) for a in e.approved_user}
        problems: dict[str, list] = defaultdict(list)
        groups: dict[tuple[int, ...], list[Mention]] = defaultdict(list)
        for m in e.mentions:
            groups[aligned(m.sentence)].append(m)
        for tids, ms in groups.items():
            total_n += len(ms)
            if not tids:
                continue  # omitted sentences: the alignment check reports them
            here = [(txt, kind) for t in tids for txt, kind, _ in e.cells.get(t, ())]
            good = [txt for txt, kind in here if kind in ("form", "derived")]
            n_trunc = sum(1 for _, kind in here if kind == "truncated")
            if user_ok:
                good_ok = [x for x in good if fold_arabic(x) in user_ok or _nisba_of(x, list(e.approved_user))]
            else:
                good_ok = good
            ok_n += min(len(ms), len(good_ok))
            unrendered = len(ms) - len(good) - n_trunc
            if unrendered <= 0:
                continue
            if not here and ((e.known and _known_in(e, tids, target)) or glued(e, tids)):
                ok_n += len(ms)
                continue
            if not here and any(e.key.lower() in tgt_text.get(t, "").lower() for t in tids):
                continue  # left in Latin script: the untranslated check reports it
            sub = substitute(e, ms[0].sentence, tids)
            if sub:
                m = next((x for x in ms if not any(t in e.cells for t in aligned(x.sentence))), ms[-1])
                problems["name.mistranslated"].append((m, sub))
            elif here:
                continue  # a repeated mention left out inside one sentence: pronouns do that
            elif partner_rendered(ms, tids):
                ok_n += len(ms)  # "John Kennedy" → كينيدي: the rest of the name is there
            elif recently_rendered(e, tids):
                total_n -= len(ms)  # just named in the previous sentences: a pronoun is the norm
            elif e.approved_user or (e.forms and e.kind in ("person", "name")):
                problems["name.missing"] += [(m, tids) for m in ms]
            else:
                ok_n += len(ms)  # a CLDR name never transliterated here: probably translated another way
        for m, (word, t, why) in problems["name.mistranslated"]:
            if "name.mistranslated" in disabled:
                continue
            res.findings.append(_finding(
                "name.mistranslated", p, doc_id=doc_id, system=system, source_ids=(m.sentence,), target_ids=(t,),
                source_excerpt=source[m.sentence].text, target_excerpt=tgt_text.get(t, ""),
                message=f"{m.text} is rendered as {word} ({why}), not as {_main(e) or 'a transliteration'}",
                details={"entity": e.key, "english": m.text, "found": word, "expected": _main(e) or "", "reason": why},
            ))
            res.rows.append(_row(doc_id, system, e, word, [t], "mistranslated", [m.sentence]))
        for m, tids in problems["name.missing"]:
            if "name.missing" in disabled:
                continue
            res.findings.append(_finding(
                "name.missing", p, doc_id=doc_id, system=system, source_ids=(m.sentence,), target_ids=tuple(tids),
                source_excerpt=source[m.sentence].text, target_excerpt=" ".join(tgt_text.get(t, "") for t in tids),
                message=f"{m.text} has no rendering in the aligned translation (expected {_main(e) or 'a transliteration'})",
                details={"entity": e.key, "english": m.text, "expected": _main(e) or ""},
            ))
            res.rows.append(_row(doc_id, system, e, "", list(tids), "missing", [m.sentence]))
        _form_findings(doc_id, system, e, p, res, source, tgt_text, disabled)

    # ---- language rendered as country
    if "name.language_vs_country" not in disabled:
        res.findings += _language_findings(doc_id, system, source, target, aligned, p, mentions)

    with_forms = [e for e in ents.values() if e.resolved and (e.forms or e.truncated)]
    res.accuracy = ok_n / total_n if total_n else None
    res.consistency = (sum(1 for e in with_forms if len(e.forms) + len(e.truncated) == 1) / len(with_forms)) if with_forms else None
    return res


def _gazetteer_explained(folded: str, sids: set[int], source: list[Sentence]) -> bool:
    """A CLDR place name in the target is explained when its English name is in the aligned source."""
    g = gazetteer()
    text = " ".join(source[s].text.lower() for s in sids if s < len(source))
    # nationality words by the start of their skeleton: Welsh explains ويلز (Wales)
    heads = {skeleton_en(w)[:2] for s in sids if s < len(source) for w in re.findall(r"\b[A-Z][a-z]+", source[s].text)
             if w.lower() in g.nationalities}
    for table in (g.countries, g.cities):
        for en_lower, (_display, arabic) in table.items():
            if any(fold_arabic(a) == folded for a in arabic) and (
                    en_lower in text or (len(skeleton_en(en_lower)) >= 2 and skeleton_en(en_lower)[:2] in heads)):
                return True
    for lang in g.languages.values():
        if fold_arabic(lang.arabic) == folded and lang.english.lower() in text:
            return True
    return False


def _main(e: _Entity) -> str | None:
    if e.approved_user:
        return e.approved_user[0]
    if e.forms:
        return max(e.forms, key=lambda f: (len(e.forms[f]), name_similarity(e.key, f), -min(e.forms[f])))
    return e.known[0] if e.known else None


def _known_in(e: _Entity, tids: tuple[int, ...], target: list[Sentence]) -> bool:
    """A known multi-word or nisba spelling anywhere in the aligned sentences (letters only)."""
    text = " ".join(fold_arabic(target[t].text) for t in tids if t < len(target))
    for k in e.known:
        fk = fold_arabic(k)
        stem = fk[2:] if fk.startswith("ال") else fk
        if stem and (stem in text or (len(stem) > 3 and stem.rstrip("اهي")[:-1] in text)):
            return True
    return False


def _row(doc_id, system, e: _Entity, form: str, tids: list[int], verdict: str, sids: list[int]) -> dict:
    return {
        "doc_id": doc_id, "system": system, "entity": e.key, "english": e.display, "kind": e.kind,
        "arabic_form": form, "count": len(tids) if form else len(sids), "sentence_ids": sorted(set(tids)),
        "source_ids": sorted(set(sids)), "verdict": verdict,
    }


def _form_findings(doc_id, system, e: _Entity, p, res: NameResult, source, tgt_text, disabled) -> None:
    forms = {**{f: ("form", ids) for f, ids in e.forms.items()}, **{f: ("truncated", ids) for f, ids in e.truncated.items()}}
    if not forms:
        return
    main = _main(e)
    src_ids = tuple(sorted({m.sentence for m in e.mentions}))
    folds: dict[str, list[str]] = defaultdict(list)
    known_f = {fold_arabic(k) for k in e.known}
    for f in e.forms:
        # spacing-only differences (بيونغ يانغ / بيونغيانغ) count as orthographic, and every approved
        # spelling of the entity (CLDR or glossary variants) as one accepted group
        ff = fold_arabic(f)
        known_nospace = {k.replace(" ", "") for k in known_f}
        folds["\0known" if ff in known_f or ff.replace(" ", "") in known_nospace else ff.replace(" ", "")].append(f)
    detail_forms = [
        {"form": f, "count": len(ids), "sentence_ids": sorted(set(ids)), "kind": kind}
        for f, (kind, ids) in sorted(forms.items(), key=lambda kv: -len(kv[1][1]))
    ]
    inconsistent = len(folds) > 1 or bool(e.truncated)
    # orthographic: same letters up to hamza/alef/ya/ta marbuta/spacing (two approved spellings such as
    # المملكة المتحدة and بريطانيا are not)
    ortho_groups = []
    for k, v in folds.items():
        if k == "\0known":
            sub: dict[str, list[str]] = defaultdict(list)
            for f in v:
                sub[fold_arabic(f).replace(" ", "")].append(f)
            ortho_groups += [g for g in sub.values() if len(g) > 1]
        elif len(v) > 1:
            ortho_groups.append(v)
    ortho_groups = [sorted(v, key=lambda f: -len(e.forms[f])) for v in ortho_groups]
    verdict_of: dict[str, str] = {}
    if inconsistent and "name.inconsistent" not in disabled:
        odd = [d for d in detail_forms if fold_arabic(d["form"]) != fold_arabic(main or "")]
        tids = tuple(sorted({i for d in odd for i in d["sentence_ids"]}))
        summary = ", ".join(f"{d['form']} ×{d['count']}" + (" (truncated)" if d["kind"] == "truncated" else "")
                            for d in detail_forms)
        res.findings.append(_finding(
            "name.inconsistent", p, doc_id=doc_id, system=system, source_ids=src_ids, target_ids=tids,
            source_excerpt=e.display, target_excerpt=tgt_text.get(tids[0], "") if tids else "",
            message=f"{e.display} is written {len(forms)} ways: {summary}",
            details={"entity": e.key, "english": e.display, "main": main, "forms": detail_forms},
        ))
        for d in odd:
            verdict_of[d["form"]] = "truncated" if d["kind"] == "truncated" else "inconsistent"
    for group in ortho_groups:
        if "name.orthographic" in disabled:
            break
        gd = [d for d in detail_forms if d["form"] in group]
        tids = tuple(sorted({i for d in gd[1:] for i in d["sentence_ids"]}))
        res.findings.append(_finding(
            "name.orthographic", p, doc_id=doc_id, system=system, source_ids=src_ids, target_ids=tids,
            source_excerpt=e.display, target_excerpt=tgt_text.get(tids[0], "") if tids else "",
            message=f"{e.display}: spellings differ only in hamza/alef/ya/ta marbuta: "
                    + ", ".join(f"{d['form']} ×{d['count']}" for d in gd),
            details={"entity": e.key, "english": e.display, "forms": gd},
        ))
        for d in gd[1:]:
            verdict_of.setdefault(d["form"], "orthographic")
    # glossary: the user's glossary first, then the built-in CLDR spelling
    approved = e.approved_user
    source_of = "glossary"
    if not approved and p["builtin_glossary"] and e.known:
        approved, source_of = e.known, "cldr"
    if approved and "name.glossary" not in disabled:
        def bare(x: str) -> str:
            fx = fold_arabic(x)
            return fx[2:] if fx.startswith("ال") and len(fx) > 4 else fx

        ok_f = {bare(a).replace(" ", "") for a in approved}
        ok_sk = {skeleton_ar(bare(a).replace(" ", "")) for a in approved}
        for d in detail_forms:
            f = d["form"]
            if d["kind"] == "truncated":
                continue  # reported as an inconsistency (a wrong name, not a spelling choice)
            fine = bare(f).replace(" ", "") in ok_f or (source_of == "cldr" and skeleton_ar(bare(f).replace(" ", "")) in ok_sk)
            if fine or _nisba_of(f, list(approved)):
                continue
            res.findings.append(_finding(
                "name.glossary", p, doc_id=doc_id, system=system, source_ids=src_ids, target_ids=tuple(d["sentence_ids"]),
                source_excerpt=e.display, target_excerpt=tgt_text.get(d["sentence_ids"][0], ""),
                message=f"{e.display} is written {f} ×{d['count']}; the approved spelling is {approved[0]}"
                        f" ({'user glossary' if source_of == 'glossary' else 'CLDR'})",
                details={"entity": e.key, "english": e.display, "found": f, "approved": list(approved), "source": source_of},
            ))
            verdict_of.setdefault(f, "glossary")
    for d in detail_forms:
        occurrences = [*e.forms.get(d["form"], []), *e.truncated.get(d["form"], [])]
        res.rows.append(_row(doc_id, system, e, d["form"], occurrences, verdict_of.get(d["form"], "ok"), list(src_ids)))


def _language_findings(doc_id, system, source, target, aligned, p, mentions) -> list[Finding]:
    """"in Russian" → "في روسيا": the aligned target holds more country names than the source explains
    and fewer language nouns (الروسية, بالروسية) than the source has language uses."""
    out = []
    country_count: dict[tuple[int, str], int] = Counter()
    for m in mentions:
        if m.kind == "country":
            country_count[(m.sentence, m.key.lower())] += 1
    for s in source:
        uses = language_mentions(s.text)
        for lang in {u[0] for u in uses}:
            tids = aligned(s.index)
            if not tids:
                continue
            srcs = {s.index} | {x for x, ts in ((x, aligned(x)) for x in range(len(source))) if ts == tids}
            n_lang_src = sum(1 for u in uses if u[0] == lang)
            n_country_src = sum(country_count[(x, lang.country_en.lower())] for x in srcs)
            lang_f = fold_arabic(lang.arabic)
            lang_stem = lang_f[2:] if lang_f.startswith("ال") else lang_f
            countries = {fold_arabic(c) for c in lang.country_ar}
            n_lang = n_country = 0
            first_t = None
            for t in tids:
                for w, _, _ in _arabic_words(target[t].text):
                    fw = [fold_arabic(x) for x in _stems(w)]
                    if any(x.endswith(lang_stem) for x in fw):
                        n_lang += 1
                    elif any(x in countries for x in fw):
                        n_country += 1
                        first_t = t if first_t is None else first_t
            if n_lang < n_lang_src and n_country > n_country_src and first_t is not None:
                country = lang.country_ar[0]
                out.append(_finding(
                    "name.language_vs_country", p, doc_id=doc_id, system=system, source_ids=(s.index,),
                    target_ids=(first_t,), source_excerpt=s.text, target_excerpt=target[first_t].text,
                    message=f"the language {lang.english} is rendered as the country {country} ({lang.country_en});"
                            f" expected {lang.arabic}",
                    details={"language": lang.english, "expected": lang.arabic, "found": country,
                             "country": lang.country_en},
                ))
    return out


def cross_document_findings(rows: list[dict]) -> list[Finding]:
    """``name.cross_document``: one entity's main spelling differs between documents of one system."""
    by: dict[tuple[str, str], dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    display: dict[str, str] = {}
    for r in rows:
        if not r.get("arabic_form") or r.get("verdict") not in ("ok", "inconsistent", "orthographic", "glossary"):
            continue
        by[(r["system"], r["entity"])][r["doc_id"]][r["arabic_form"]] += int(r.get("count", 1) or 1)
        display.setdefault(r["entity"], r.get("english", r["entity"]))
    out: list[Finding] = []
    for (system, entity), docs in sorted(by.items()):
        if len(docs) < 2:
            continue
        main = {d: c.most_common(1)[0][0] for d, c in docs.items()}
        if len(set(main.values())) < 2:
            continue
        totals = Counter(main.values())
        usual = totals.most_common(1)[0][0]
        for d, form in sorted(main.items()):
            if form == usual:
                continue
            out.append(Finding(
                doc_id=d, system=system, check="name.cross_document", severity=SEVERITY["name.cross_document"],
                its_type=ITS_TYPE["name.cross_document"], source_excerpt=display[entity], target_excerpt=form,
                message=f"{display[entity]} is {form} here but {usual} in {totals[usual]} other document(s)",
                details={"entity": entity, "form": form, "usual": usual,
                         "documents": {k: v for k, v in sorted(main.items())}},
            ))
    return out


__all__ = ["DEFAULTS", "NameResult", "analyse_names", "cross_document_findings"]
