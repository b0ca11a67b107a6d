"""Arabic words and clitic-stripping candidates for name matching.

Names in Arabic text arrive glued to clitics: ``وبوتين`` (and Putin), ``لكازاخستان`` (to/for
Kazakhstan), ``بالكرملين`` (in the Kremlin), ``للندن`` (to London), ``حكومته`` (his government).
:func:`strip_clitics` is a **candidate generator, not a morphological analyser**: it proposes every
plausible stem and the name matcher keeps the candidate that best matches the expected name. Wrong
candidates are harmless (``فلاديمير`` also yields ``لاديمير``; the original spelling wins), missing
ones are not, so it over-generates within two limits:

* a stem is never shorter than 2 letters (proclitics) and a pronoun suffix is only removed when at
  least 3 letters remain;
* only the closed set of clitics is considered:
  proclitics = [conjunction و|ف] + [preposition ب|ك|ل] + [article ال], with ل + ال written ``لل``
  (``للرئيس`` = ل + الرئيس); suffixes ه ها هم هن هما كم كما نا ي (his, her, their, your, our, my /
  nisba ``كازاخستاني`` → ``كازاخستان``).

Candidates: the word itself first, then the stems, longest first (ties in generation order). For a
``لل`` word three readings are offered: ل + word (``للندن`` → ``لندن``), ل + ال + noun
(``للرئيس`` → ``الرئيس`` and ``رئيس``). Before a removed suffix a ت may stand for ة
(``حكومته`` → ``حكومت`` and ``حكومة``). Marks (tashkeel, tatweel) are ignored when looking for
clitics; pass text normalised with ``normalize_arabic`` (``MATCHING``) for best results.
"""

from __future__ import annotations

import regex

from eval.text.normalize import DIACRITICS, TATWEEL

# Arabic letters (Arabic script ∩ Letter), then letters, marks, tatweel, and ZWNJ/ZWJ between letters.
_WORD = regex.compile(
    r"(?V1)[[\p{Script=Arabic}]&&[\p{L}]]"
    r"(?:[[\p{Script=Arabic}]&&[\p{L}]]|\p{M}|\u0640|[\u200c\u200d](?=[[\p{Script=Arabic}]&&[\p{L}]]))*"
)
_MARKS = {ord(c): None for c in DIACRITICS | {TATWEEL}}

_CONJ = ("", "و", "ف")
_PREP = ("", "ب", "ك", "ل")


def _proclitics() -> list[str]:
    out = set()
    for c in _CONJ:
        for p in _PREP:
            for art in ("", "ال"):
                pre = c + p + art
                if p == "ل" and art:
                    pre = c + "لل"
                if pre:
                    out.add(pre)
    return sorted(out, key=lambda s: (len(s), s))


#: Every proclitic combination considered, shortest first (و ف ب ك ل ال … وبال فلل).
PROCLITICS: tuple[str, ...] = tuple(_proclitics())
#: Pronoun / nisba suffixes, longest first so ``هما`` is tried before ``ها``.
SUFFIXES: tuple[str, ...] = ("هما", "كما", "ها", "هم", "هن", "كم", "نا", "ه", "ي")

_MIN_STEM = 2
_MIN_STEM_SUFFIX = 3


def arabic_words(text: str) -> list[tuple[str, int, int]]:
    """Arabic-script words of ``text`` as ``(word, start, end)``; ``text[start:end] == word``.

    A word is a run of Arabic letters with their marks and tatweel (ZWNJ/ZWJ only between letters);
    Arabic digits and punctuation (، ؛ ؟) are not part of words.
    """
    return [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]


def _suffix_stems(stem: str) -> list[str]:
    out = []
    for suf in SUFFIXES:
        if stem.endswith(suf) and len(stem) - len(suf) >= _MIN_STEM_SUFFIX:
            base = stem[: -len(suf)]
            out.append(base)
            if base.endswith("ت"):
                out.append(base[:-1] + "ة")
    return out


def strip_clitics(word: str) -> list[str]:
    """Candidate stems of ``word``: the word first, then shorter readings (see module docstring)."""
    core = word.translate(_MARKS)
    cands: list[str] = [core]
    for pre in PROCLITICS:
        if not core.startswith(pre):
            continue
        rest = core[len(pre) :]
        if len(rest) < _MIN_STEM:
            continue
        cands.append(rest)
        if pre.endswith("لل"):
            cands.append("ال" + rest)  # ل + ال + noun, the alef of the article dropped in writing
    for stem in list(cands):
        cands.extend(_suffix_stems(stem))
    seen = {word}
    out = [word]
    for c in sorted(cands, key=len, reverse=True):
        if c not in seen and len(c) >= _MIN_STEM:
            seen.add(c)
            out.append(c)
    return out
