"""Glossary entries lent word by word to the names of a document.

Why: entities are single words (a person's surname recurs alone), so a glossary name of several words
lends each of its words its own piece of the Arabic (Chen Guohua ↔ تشن / قوه هوا), and an
organisation its transliterated words — only in documents whose source has the whole name.
"""

from __future__ import annotations

from functools import lru_cache

from eval.model import GlossaryEntry
from eval.names.entities import CONNECTORS, GEO_WORDS, ORG_WORDS, TITLES
from eval.names.entities import STOPWORDS as EN_STOPWORDS
from eval.names.stoplist import is_stopword
from eval.names.translit import name_similarity_any, skeleton_en

#: a glossary word lends its Arabic to a word of the English name only at this transliteration similarity
_SLICE_MIN = 0.5
#: words of a glossary name that are translated, not transliterated (Port Group, Bank, of)
TRANSLATED_WORDS = ORG_WORDS | GEO_WORDS | CONNECTORS | TITLES | EN_STOPWORDS


def _slice_sim(en_word: str, ar: str) -> float:
    return name_similarity_any(en_word, ar)


@lru_cache(maxsize=4096)
def _slices(english: str, arabic: str) -> tuple[str, ...] | None:
    """The Arabic of a glossary name split into one piece per English word, each piece transliterating
    its word: "Chen Guohua" ↔ تشن / قوه هوا, "Aizhan Toktosunova" ↔ أيجان / توكتوسونوفا. Pieces are
    runs of 1–3 Arabic words in order; the split with the highest total similarity wins. Every piece
    must reach ``_SLICE_MIN`` except at most one of ≤ 2 consonants, when another reaches 0.75 (a
    one-consonant word such as Zhou ↔ تشو says too little); so a reordered or translated name (Khalifa Port ↔ ميناء خليفة,
    Huaxin Port Group ↔ مجموعة هواشين للموانئ) is not split."""
    en_words, ar_words = english.split(), arabic.split()
    n, m = len(en_words), len(ar_words)
    if n < 2 or m < n or m > 3 * n:
        return None
    best: tuple[float, tuple[str, ...]] | None = None

    def walk(i: int, j: int, acc: float, pieces: tuple[str, ...], weak: int, strong: bool) -> None:
        nonlocal best
        if i == n:
            if j == m and (weak == 0 or strong) and (best is None or acc > best[0]):
                best = (acc, pieces)
            return
        left = n - i - 1  # words still to place after this one, one Arabic word each at least
        for k in range(1, 4):
            if j + k > m - left:
                break
            piece = " ".join(ar_words[j:j + k])
            sim = _slice_sim(en_words[i], piece)
            if sim >= _SLICE_MIN:
                walk(i + 1, j + k, acc + sim, (*pieces, piece), weak, strong or sim >= 0.75)
            elif weak == 0 and len(skeleton_en(en_words[i])) <= 2 and en_words[i].lower() not in TRANSLATED_WORDS:
                walk(i + 1, j + k, acc, (*pieces, piece), 1, strong)

    walk(0, 0, 0.0, (), 0, False)
    return best[1] if best else None


@lru_cache(maxsize=4096)
def _loose_pieces(english: str, arabic: str) -> tuple[tuple[str, str], ...]:
    """(word, Arabic) for the transliterated words of a glossary name that does not split word by word
    (an organisation: "Zhongneng Power Group" ↔ مجموعة تشونغنينغ للطاقة gives Zhongneng ↔ تشونغنينغ):
    each name-like English word takes the best-matching run of 1–2 Arabic words, at similarity ≥ 0.7."""
    out = []
    ar_words = arabic.split()
    for w in english.split():
        if w.lower() in TRANSLATED_WORDS or len(skeleton_en(w)) < 3:
            continue
        cands = [" ".join(ar_words[j:j + k]) for k in (1, 2) for j in range(len(ar_words) - k + 1)]
        scored = [(_slice_sim(w, c), -len(c), c) for c in cands if not any(is_stopword(x) for x in c.split())]
        if scored:
            sim, _, c = max(scored)
            if sim >= 0.7:
                out.append((w, c))
    return tuple(out)


def _glossary_table(glossary: list[GlossaryEntry], source_text: str = "") -> dict[str, GlossaryEntry]:
    """English (lower-case) → entry. Entities are words, so a multi-word name also lends each of its
    words its piece of the Arabic (see :func:`_slices`; the surname recurs alone: Toktosunova →
    توكتوسونوفا), and an organisation its transliterated words (:func:`_loose_pieces`) — but only in a
    document whose source has the whole name (``source_text``, lower-case): "Eurasia Agri Research"
    says nothing about "Research" in "Center for Economic Research". Without ``source_text`` every
    entry lends."""
    out: dict[str, GlossaryEntry] = {}
    for g in glossary or ():
        en_words = g.english.split()
        if len(en_words) < 2 or (source_text and g.english.lower() not in source_text):
            continue
        main = _slices(g.english, g.arabic)
        if main is not None:
            sliced = [sl for v in g.variants if (sl := _slices(g.english, v)) is not None]
            for k, w in enumerate(en_words):
                variants = tuple(dict.fromkeys(sl[k] for sl in sliced if sl[k] != main[k]))
                out.setdefault(w.lower(), GlossaryEntry(w, main[k], variants, g.note))
            continue
        pieces: dict[str, list[str]] = {}
        for ar in (g.arabic, *g.variants):
            for w, piece in _loose_pieces(g.english, ar):
                pieces.setdefault(w, [])
                if piece not in pieces[w]:
                    pieces[w].append(piece)
        for w, ars in pieces.items():
            out.setdefault(w.lower(), GlossaryEntry(w, ars[0], tuple(ars[1:]), g.note))
    for g in glossary or ():
        out[g.english.strip().lower()] = g
    return out
