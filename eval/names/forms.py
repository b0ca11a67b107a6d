"""How two Arabic spellings of a name relate: an adjective of it, the name glued to a word, a slip.

Why: a rendering that is an adjective (روسيا → الروسية) or glued to its neighbour (كافانويعمل) shows
the name but is no spelling of it, and a form one letter off (بيليس / تيليس) is a misspelling rather
than another name; the passes and findings ask these questions of every form, so they are cached.
"""

from __future__ import annotations

from functools import lru_cache

from eval.names.stoplist import is_stopword
from eval.names.translit import _levenshtein_ratio, fold_arabic, name_similarity_any

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
        try:
            fb = _nisba_base(b)
        except IndexError:
            return None
        out.append((fb, tuple(stem for stem in _base_stems(fb) if len(stem) >= 2)))
    return tuple(out)


def _nisba_plain(f: str, bases: tuple[str, ...]) -> bool:
    for b in bases:
        fb = _nisba_base(b)
        for stem in _base_stems(fb):
            if len(stem) >= 2 and f.startswith(stem) and f != fb and f[len(stem):] in _NISBA:
                return True
    return False


def _nisba_base(b: str) -> str:
    """The folded last word of a base, without the article (IndexError for spaces alone)."""
    fb = fold_arabic(b)
    if fb.startswith("ال"):
        fb = fb[2:]
    fb = fb.split()[-1] if " " in fb else fb
    return fb[2:] if fb.startswith("ال") else fb


def _base_stems(fb: str) -> set[str]:
    """What an adjective of ``fb`` may start with: the base, less its final vowel letters, less -يا / -ان."""
    return {fb, fb.rstrip("اهي"), fb[:-2] if fb.endswith(("يا", "ان")) else fb}


def _glued_to(form: str, bases: list[str], key: str = "") -> bool:
    """``form`` is another form with a word or the article stuck to it (كافانويعمل, التشيكرز): a spacing
    slip. Not when ``form`` renders the name ``key`` better than the base does: then the base is the
    clipped one (سوليفان is not سوليف + ان)."""
    f = fold_arabic(form).replace(" ", "")
    mine = name_similarity_any(key, form) if key else 0.0
    for b in bases:
        fb = fold_arabic(b).replace(" ", "")
        if len(fb) < 3 or f == fb or fb not in f:
            continue
        if key and mine > name_similarity_any(key, b):
            continue
        if f.startswith(fb):
            rest, least = f[len(fb):], 4
        elif f.endswith(fb):
            rest, least = f[:-len(fb)], 3  # a word in front: حقق + ميكلسون
        else:
            continue
        # a whole word (≥ 4 letters after, ≥ 3 before, or a frequent short one) or the article: not a
        # longer spelling (نزارباييف is not نزارباي + يف, توكتوسونوفا not توكتوسون + وفا)
        if len(rest) >= least or rest == "ال" or (len(rest) >= 2 and is_stopword(rest)):
            return True
    return False


def _glue_cores(key: str, forms: list[str], accept: float) -> list[str]:
    """Common beginnings (≥ 4 letters) of two forms that both run on into a whole word, when the
    beginning alone renders the name (``accept``): فريمانفي and فريمانعضوة are فريمان glued to في and to
    عضوة, with no clean فريمان in the document (ليفينغستون / ليفينجستون share ليفين, which is no Livingston)."""
    out = []
    folds = [fold_arabic(f) for f in forms if " " not in f]
    for i, a in enumerate(folds):
        for b in folds[i + 1:]:
            k = 0
            while k < min(len(a), len(b)) and a[k] == b[k]:
                k += 1
            core = a[:k]
            if len(core) >= 4 and core not in out and all(
                    len(x[k:]) >= 4 or (len(x[k:]) >= 2 and is_stopword(x[k:])) for x in (a, b)) \
                    and name_similarity_any(key, core) >= accept:
                out.append(core)
    return out


def _misspelling_of(text: str, bases: list[str]) -> bool:
    """``text`` is one letter away (changed, added or dropped) from a one-word base of ≥ 4 letters, and
    is ≥ 4 letters itself, or is the base less one long vowel (ببا for بيبا): a slip of the pen, not
    another name (folds compared)."""
    ft = fold_arabic(text)
    if len(ft) < 3 or " " in ft:
        return False
    if len(ft) == 3:
        return any(len(fb) == 4 and any(fb[k] in "اوي" and fb[:k] + fb[k + 1:] == ft for k in range(1, 4))
                   for fb in (fold_arabic(b) for b in bases))
    for b in bases:
        fb = fold_arabic(b)
        if ft[1:] == fb and ft[0] in "وفبلك":
            continue  # a proclitic, not a slip (لعمان is ل + عمان)
        if len(fb) >= 4 and " " not in fb and abs(len(fb) - len(ft)) <= 1 and ft != fb \
                and _levenshtein_ratio(ft, fb) >= 1.0 - 1.0 / max(len(ft), len(fb)) - 1e-9:
            return True
    return False


@lru_cache(maxsize=4096)
def _known_folds(known: tuple[str, ...]) -> frozenset[str]:
    """Folded known spellings, and the same without the article."""
    known_f = {fold_arabic(k) for k in known}
    known_f |= {k[2:] for k in known_f if k.startswith("ال")}
    return frozenset(known_f)
