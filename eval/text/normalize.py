"""Arabic and English normalisation: each transformation is a switch, applied to copies only.

The original text is always kept for display; these functions build the copies used for scoring
(``--normalize arabic``) and for matching names, numbers and glossary terms.

Switches of :class:`ArabicNormalization` (the dataclass defaults are all off except ``unicode="NFC"``,
which is exactly the :data:`NONE` preset):

==================  ===========================================================  ====  =======  ========
switch              what it does                                                 NONE  SCORING  MATCHING
==================  ===========================================================  ====  =======  ========
``diacritics``      remove tashkeel (U+064B–U+065F incl. hamza marks U+0654/5),  off   on       on
                    superscript alef U+0670, Quranic annotation marks
                    (U+0610–U+061A, U+06D6–U+06ED)
``tatweel``         remove kashida U+0640                                        off   on       on
``alef``            أ إ آ ٱ (and wavy-hamza alefs ٲ ٳ) → ا                         off   on       on
``hamza_seats``     ؤ → و, ئ → ي (hamza on a seat; spelling varies in names)     off   off      on
``alef_maqsura``    ى → ي                                                        off   on       on
``ta_marbuta``      ة → ه                                                        off   on       on
``persian_letters`` Persian ی → ي and ک → ك (MT output sometimes mixes them in)  off   off      on
``digits``          Arabic-Indic ٠-٩ and Persian ۰-۹ → 0-9; ٫ → ``.``,           off   on       on
                    ٬ → ``,``, ٪ → ``%``
``punctuation``     ، → ``,``  ؛ → ``;``  ؟ → ``?``  ۔ → ``.``                     off   off      on
``bidi``            remove bidi controls :data:`BIDI_CONTROLS`                   off   on       on
``zero_width``      remove ZWSP, ZWNJ, ZWJ, word joiner, BOM (:data:`ZERO_WIDTH`)  off   off      on
``unicode``         ``"NFC"``, ``"NFKC"`` or ``None``; NFKC also folds Arabic    NFC   NFC      NFKC
                    presentation forms (ﻻ → لا, ﺑ → ب) and full-width digits
==================  ===========================================================  ====  =======  ========

Why these presets: :data:`SCORING_ARABIC` removes only orthographic variation that Arabic readers
treat as the same spelling (hamza-on-alef, ى/ي, ة/ه, vowel marks, digits), so BLEU/chrF do not
punish a system for spelling conventions; punctuation stays because it is part of the translation.
:data:`MATCHING` folds everything, because it serves name/number/glossary lookups where only the
letters matter. ZWSP removal joins the words on either side, which is fine for matching but would
change tokenisation for scoring, hence off in SCORING.

Order of operations: Unicode normalisation, then the character switches (one ``str.translate``), then
Unicode normalisation again; the result is a fixed point (``normalize_arabic`` applied twice gives the
same text), which matching code relies on.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

#: Bidirectional formatting controls: LRM, RLM, LRE/RLE/PDF/LRO/RLO, LRI/RLI/FSI/PDI, ALM.
BIDI_CONTROLS: frozenset[str] = frozenset(
    ["\u200e", "\u200f", "\u061c"]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
)

#: Zero-width characters: ZWSP, ZWNJ, ZWJ, word joiner, BOM / zero-width no-break space.
ZERO_WIDTH: frozenset[str] = frozenset(["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"])

#: Arabic diacritics removed by the ``diacritics`` switch.
DIACRITICS: frozenset[str] = frozenset(
    [chr(c) for c in range(0x064B, 0x0660)]  # fathatan … wavy hamza below (incl. U+0654/U+0655)
    + ["\u0670"]  # superscript (dagger) alef
    + [chr(c) for c in range(0x0610, 0x061B)]  # honorifics and small high marks
    + [chr(c) for c in range(0x06D6, 0x06DD)]  # Quranic small high ligatures
    + [chr(c) for c in range(0x06DF, 0x06E5)]
    + ["\u06e7", "\u06e8"]
    + [chr(c) for c in range(0x06EA, 0x06EE)]
)

TATWEEL = "\u0640"

_ALEF = {c: "ا" for c in "أإآٱٲٳ"}
_HAMZA_SEATS = {"ؤ": "و", "ئ": "ي"}
_ALEF_MAQSURA = {"ى": "ي"}
_TA_MARBUTA = {"ة": "ه"}
_PERSIAN_LETTERS = {"ی": "ي", "ک": "ك"}
_DIGITS = {
    **{chr(0x0660 + i): str(i) for i in range(10)},
    **{chr(0x06F0 + i): str(i) for i in range(10)},
    "\u066b": ".",  # Arabic decimal separator
    "\u066c": ",",  # Arabic thousands separator
    "\u066a": "%",  # Arabic percent sign
}
_PUNCTUATION = {"،": ",", "؛": ";", "؟": "?", "۔": "."}

_UNICODE_FORMS = ("NFC", "NFKC")


@dataclass(frozen=True)
class ArabicNormalization:
    """Which normalisations to apply; see the module docstring for each switch and the presets."""

    diacritics: bool = False
    tatweel: bool = False
    alef: bool = False
    hamza_seats: bool = False
    alef_maqsura: bool = False
    ta_marbuta: bool = False
    persian_letters: bool = False
    digits: bool = False
    punctuation: bool = False
    bidi: bool = False
    zero_width: bool = False
    unicode: str | None = "NFC"

    def __post_init__(self) -> None:
        if self.unicode is not None and self.unicode not in _UNICODE_FORMS:
            raise ValueError(f"unicode must be one of {_UNICODE_FORMS} or None, got {self.unicode!r}")


#: Only Unicode NFC (canonical composition); letters untouched.
NONE = ArabicNormalization()

#: Used by ``--normalize arabic`` before BLEU/chrF/TER: orthographic variants folded, punctuation kept.
SCORING_ARABIC = ArabicNormalization(
    diacritics=True,
    tatweel=True,
    alef=True,
    alef_maqsura=True,
    ta_marbuta=True,
    digits=True,
    bidi=True,
    unicode="NFC",
)

#: For name / number / glossary matching: every switch on, NFKC.
MATCHING = ArabicNormalization(
    diacritics=True,
    tatweel=True,
    alef=True,
    hamza_seats=True,
    alef_maqsura=True,
    ta_marbuta=True,
    persian_letters=True,
    digits=True,
    punctuation=True,
    bidi=True,
    zero_width=True,
    unicode="NFKC",
)


@lru_cache(maxsize=64)
def _table(opts: ArabicNormalization) -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    deletions: set[str] = set()
    if opts.diacritics:
        deletions |= DIACRITICS
    if opts.tatweel:
        deletions.add(TATWEEL)
    if opts.bidi:
        deletions |= BIDI_CONTROLS
    if opts.zero_width:
        deletions |= ZERO_WIDTH
    for ch in deletions:
        table[ord(ch)] = None
    for switch, mapping in (
        (opts.alef, _ALEF),
        (opts.hamza_seats, _HAMZA_SEATS),
        (opts.alef_maqsura, _ALEF_MAQSURA),
        (opts.ta_marbuta, _TA_MARBUTA),
        (opts.persian_letters, _PERSIAN_LETTERS),
        (opts.digits, _DIGITS),
        (opts.punctuation, _PUNCTUATION),
    ):
        if switch:
            for src, dst in mapping.items():
                table[ord(src)] = dst
    return table


def _once(text: str, opts: ArabicNormalization, table: dict[int, str | None]) -> str:
    if opts.unicode:
        text = unicodedata.normalize(opts.unicode, text)
    out = text.translate(table)
    if opts.unicode and out != text:
        out = unicodedata.normalize(opts.unicode, out)
    return out


def normalize_arabic(text: str, opts: ArabicNormalization = MATCHING) -> str:
    """Return a normalised copy of ``text`` (default: the :data:`MATCHING` preset).

    Safe on any string, including English or mixed text (only Arabic-specific characters and Unicode
    form change). The result is idempotent: deleting a mark can let Unicode composition create a letter
    that a switch folds (e.g. ``ا`` + tatweel + hamza-above), so the pass repeats until nothing changes.
    """
    table = _table(opts)
    out = _once(text, opts, table)
    for _ in range(4):
        again = _once(out, opts, table)
        if again == out:
            break
        out = again
    return out


_BIDI_TABLE = {ord(c): None for c in BIDI_CONTROLS}
_BIDI_ZW_TABLE = {ord(c): None for c in BIDI_CONTROLS | ZERO_WIDTH}
_DIGIT_TABLE = {ord(k): v for k, v in _DIGITS.items()}


def strip_bidi(text: str, *, zero_width: bool = False) -> str:
    """Remove bidi controls (and, with ``zero_width=True``, ZWSP/ZWNJ/ZWJ/WJ/BOM).

    Why: MT output and copy-pasted web text carry invisible LRM/RLM marks that break exact matching
    and token counts without changing what a reader sees.
    """
    return text.translate(_BIDI_ZW_TABLE if zero_width else _BIDI_TABLE)


def to_ascii_digits(text: str) -> str:
    """Arabic-Indic and Persian digits → ASCII; ٫ → ``.``, ٬ → ``,``, ٪ → ``%`` (numbers compare equal)."""
    return text.translate(_DIGIT_TABLE)


_EN_QUOTES = {
    "\u2018": "'",  # ‘
    "\u2019": "'",  # ’
    "\u201a": "'",  # ‚
    "\u201b": "'",  # ‛
    "\u2032": "'",  # ′
    "\u201c": '"',  # “
    "\u201d": '"',  # ”
    "\u201e": '"',  # „
    "\u201f": '"',  # ‟
    "\u2033": '"',  # ″
}
_EN_TABLE = {**{ord(k): v for k, v in _EN_QUOTES.items()}, **_BIDI_ZW_TABLE}


def normalize_english(text: str) -> str:
    """Matching copy of English text: NFKC, case-folded, curly quotes straight, bidi/zero-width removed.

    Why: names and numbers in the source are looked up regardless of case and typography
    (``Nazarbayev’s`` and ``NAZARBAYEV'S`` must match). Idempotent.
    """
    for _ in range(4):  # NFKC and casefold do not commute for a few characters; iterate to a fixed point
        again = unicodedata.normalize(
            "NFKC", unicodedata.normalize("NFKC", text).translate(_EN_TABLE).casefold()
        )
        if again == text:
            break
        text = again
    return text
