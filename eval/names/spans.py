"""Arabic words, their clitic-stripped stems, and the spans of target sentences a name may occupy.

Why spans of 1–3 words with stripped prefixes: a name is written as one or several words, often with
a conjunction, preposition or the article glued in front (والصين, للمكسيك); each candidate keeps the
word as written and its stems so that scoring sees every reading once.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, NamedTuple

from eval.model import Sentence
from eval.names.stoplist import is_stopword
from eval.names.translit import _AR_MARKS, fold_arabic


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
    # prefixes only (و ب ل ك ف ال): a name keeps its end (الأوروبية is not الأوروب + ية); the stripper
    # drops vowel marks, so compare without them (لعُمان → عمان)
    bare = _AR_MARKS.sub("", word)
    stems = [s for s in stems if bare.endswith(s) or word.endswith(s)]
    out, seen = [], set()
    for s in [word, *stems]:
        # keep the article when a longer prefix (وال، بال، لل) was stripped: والصين → الصين, للمكسيك → المكسيك
        extra = ["ال" + s] if s != word and (bare.endswith("ال" + s) or bare == "لل" + s) else []
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

    def words(self, sid: int) -> list[str]:
        """The words of target sentence ``sid`` as written."""
        return self._words.get(sid, [])

    def word(self, sid: int, i: int) -> str:
        """Word ``i`` of target sentence ``sid`` as written ("" when there is none)."""
        words = self._words.get(sid, ())
        return words[i] if 0 <= i < len(words) else ""

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


def _blocked(raw: str, endings: frozenset[str] = frozenset()) -> bool:
    """A span ending in a frequent word, or a multi-word span starting with one, never renders a name —
    unless the word ends a known name of as many words (``endings``: folded last words, كوريا الشمالية
    ends in the frequent الشمالية, and so does its misspelling قوريا الشمالية)."""
    words = raw.split()
    if len(words) > 1 and fold_arabic(words[-1]) in endings:
        return is_stopword(words[0])
    return is_stopword(words[-1]) or (len(words) > 1 and is_stopword(words[0]))
