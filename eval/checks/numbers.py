"""Numbers understood, not matched as digit strings: ``number.mismatch`` and ``number.unsupported``.

Why: a translation that turns 38.6% into 36.8٪ or 35 years into 25 is the most damaging error a
news translation can make, and the easiest for a string match to get wrong in Arabic: digits may be
Western (2022) or Arabic-Indic (٢٠٢٢), the decimal mark may be ``.``, ``,`` or ``٫``, thousands
``,``, ``.`` or ``٬``; "5 million" is written ``5 ملايين``, "two years" ``عامين`` (a dual), "the
1990s" ``التسعينيات``; dates move their parts around ("January 6, 2022" ↔ "6 يناير 2022").

So both sides are parsed into :class:`Num` items, each with the set of values it may stand for:

* digits with separators (``1,200`` · ``1.200`` · ``1٬200`` · ``3,5`` · ``٣٫٥``): a comma or dot
  before exactly three digits is read as thousands but the decimal reading is kept as an alternative,
  ``٫``/``٬`` are unambiguous;
* scale words multiply (``1.2bn``, ``$5 million``, ``5 ملايين``, ``2.5 مليار``) — the bare number is
  *not* kept, so 5 million ↔ 5 billion is a mismatch;
* percentages (``%``, ``٪``, percent, per cent, في المائة, بالمئة), currencies (``$ € £ ¥ ₹``, dollars,
  دولار, جنيه, ريال …; a different currency family on both sides is a mismatch), ordinals (``21st``),
  decades (``1990s``, ``'90s`` ↔ التسعينيات or 1990), clock times (``08:00`` ↔ ``0800``);
* month names, English (January…, Jan., Sept) and Arabic in both series (يناير… and كانون الثاني…, plus
  the Maghrebi جانفي…); ambiguous words (May, March, مارس "practised", آب, نيسان, تموز) count only next
  to a number or after a preposition;
* number words (one … ninety-nine, hundred, thousand, million, two decades; واحد … تسعون, مئة, ألف,
  مليون, compounds such as خمسة وعشرين / الرابعة والثلاثين / الثانية عشرة, Egyptian and Levantine
  spellings such as اتناشر / تلاتين / مية, duals such as عامين / مليوني, decades such as التسعينيات);
* measurement units, so a translator's conversion is accepted (150 feet ↔ 45 متر, 27 miles ↔ 43
  كيلو, 16mph ↔ 26 كم, °F ↔ درجة مئوية; within 6% or 0.5 to allow rounding);
* clock times (08:00, 5.30pm, 7.55 صباحًا) and space-grouped numbers (116 123, also in the reversed
  group order right-to-left display can produce).

Digits are *hard*: they need a counterpart on the other side. Words and codes (``COVID-19``, ``G7``,
``F-35`` in the source) are *soft*: they can support a hard number but are never reported, because
translators legitimately turn "two" into ``2`` or ``عامين`` and ``G7`` into ``مجموعة السبع``. Month
names are hard when dated (next to a number or after في / منذ / in / since …); an Arabic month word
without that context (السيدة مايو for "Mrs May") is soft.

Per aligned bead: a source hard number with no counterpart in the target is ``number.mismatch``
(critical); a target hard number with no source counterpart is ``number.unsupported`` (major). When a
bead has both, they are reported together as one mismatch (36.8٪ where the source has 38.6%). A
counterpart in the neighbouring beads (``window``) is accepted, so a sentence-alignment slip does not
raise false alarms; omitted source sentences (1-0 beads) are left to the ``omission`` check.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

import regex

from eval.checks.registry import Context, check, match_word
from eval.text.normalize import MATCHING, normalize_arabic, to_ascii_digits

Value = Hashable

# --------------------------------------------------------------------------------------------
# vocabulary
# --------------------------------------------------------------------------------------------

EN_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
#: Month words that are also ordinary words (or too short to trust alone).
EN_MONTHS_AMBIGUOUS = {"may", "march", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
EN_DATE_PREPS = {"in", "since", "until", "till", "by", "from", "last", "next", "early", "late", "mid", "of", "on",
                 "this", "through", "during", "before", "after", "between", "and", "to"}  # fmt: skip

#: Arabic month names after MATCHING normalisation (alef, ta marbuta, ya folded); (name, month).
AR_MONTHS: list[tuple[str, int]] = [
    # Egyptian/Gulf (Gregorian transliterated) series
    ("يناير", 1), ("فبراير", 2), ("مارس", 3), ("ابريل", 4), ("مايو", 5), ("يونيو", 6), ("يونيه", 6),
    ("يوليو", 7), ("يوليه", 7), ("اغسطس", 8), ("سبتمبر", 9), ("اكتوبر", 10), ("نوفمبر", 11),
    ("ديسمبر", 12),
    # Levantine/Iraqi (Syriac) series
    ("كانون الثاني", 1), ("شباط", 2), ("اذار", 3), ("نيسان", 4), ("ايار", 5), ("حزيران", 6),
    ("تموز", 7), ("اب", 8), ("ايلول", 9), ("تشرين الاول", 10), ("تشرين الثاني", 11),
    ("كانون الاول", 12),
    # Maghrebi (French-derived) series
    ("جانفي", 1), ("فيفري", 2), ("افريل", 4), ("ماي", 5), ("جوان", 6), ("جويليه", 7),
    ("اوت", 8),
]  # fmt: skip
AR_MONTHS_AMBIGUOUS = {"مارس", "اب", "نيسان", "تموز", "ماي", "اوت", "جوان"}
AR_DATE_PREPS = {"في", "منذ", "حتى", "خلال", "اواخر", "اوائل", "منتصف", "مطلع", "شهر", "نهايه", "بدايه",
                 "قبل", "بعد", "من", "الى", "و"}  # fmt: skip

EN_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "twice": 2, "double": 2, "half": Decimal("0.5"), "quarter": Decimal("0.25"), "pair": 2, "couple": 2,
    "doubled": 2, "doubling": 2, "twofold": 2, "triple": 3, "tripled": 3, "threefold": 3, "quadruple": 4,
    "quadrupled": 4, "fourfold": 4, "fivefold": 5, "tenfold": 10,
}  # fmt: skip
EN_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "hundredth": 100,
}  # fmt: skip
EN_DECADE_WORDS = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
                   "seventies": 70, "eighties": 80, "nineties": 90}  # fmt: skip
EN_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12,
             "lakh": 10**5, "lakhs": 10**5, "crore": 10**7, "crores": 10**7, "thousands": 1000,
             "millions": 10**6, "billions": 10**9, "dozen": 12, "decade": 10, "decades": 10}  # fmt: skip
#: Scales that multiply number words (two decades = 20) but not digits (3 decades stays 3).
_WORD_ONLY_SCALES = {"dozen", "decade", "decades"}
EN_SCALE_SUFFIX = {"k": 1000, "m": 10**6, "mn": 10**6, "mln": 10**6, "b": 10**9, "bn": 10**9, "tn": 10**12,
                   "trn": 10**12}  # fmt: skip

#: Arabic number words (MATCHING-normalised) → value; clitics (و ف ب ل ك ال) are stripped first.
AR_UNITS: dict[str, int | Decimal] = {}
for _v, _forms in {
    1: "واحد واحده احد احدي حادي حاديه",
    2: "اثنان اثنين اثنتان اثنتين ثنتين اثنا اثني اثنتا اثنتي",
    3: "ثلاث ثلاثه", 4: "اربع اربعه", 5: "خمس خمسه", 6: "ست سته", 7: "سبع سبعه",
    8: "ثمان ثماني ثمانيه", 9: "تسع تسعه", 10: "عشر عشره",
    20: "عشرون عشرين", 30: "ثلاثون ثلاثين", 40: "اربعون اربعين", 50: "خمسون خمسين", 60: "ستون ستين",
    70: "سبعون سبعين", 80: "ثمانون ثمانين", 90: "تسعون تسعين",
    100: "مئه مائه", 200: "مئتان مئتين مائتان مائتين", 300: "ثلاثمئه ثلاثمائه", 400: "اربعمئه اربعمائه",
    500: "خمسمئه خمسمائه", 600: "ستمئه ستمائه", 700: "سبعمئه سبعمائه", 800: "ثمانمئه ثمانمائه",
    900: "تسعمئه تسعمائه",
}.items():  # fmt: skip
    for _f in _forms.split():
        AR_UNITS[_f] = _v
for _v, _forms in {
    # Egyptian / Levantine / Gulf spellings of the same numbers
    2: "اتنين اتنان", 3: "تلات تلاته", 8: "تمان تماني تمانيه", 11: "احداشر حداشر", 12: "اتناشر اثناشر اطناشر",
    13: "تلاتاشر تلطاشر", 14: "اربعتاشر اربعطاشر", 15: "خمستاشر خمسطاشر", 16: "ستاشر سطاشر",
    17: "سبعتاشر سبعطاشر", 18: "تمنتاشر تمنطاشر", 19: "تسعتاشر تسعطاشر", 30: "تلاتين", 80: "تمانين",
    100: "ميه ميت", 200: "ميتين",
}.items():  # fmt: skip
    for _f in _forms.split():
        AR_UNITS[_f] = _v
AR_UNITS["نصف"] = Decimal("0.5")
AR_UNITS["ربع"] = Decimal("0.25")
AR_ORDINALS: dict[str, int] = {}
for _v, _forms in {
    1: "اول اولي", 2: "ثاني ثانيه ثان تاني تانيه", 3: "ثالث ثالثه تالت تالته", 4: "رابع رابعه",
    5: "خامس خامسه", 6: "سادس سادسه", 7: "سابع سابعه", 8: "ثامن ثامنه تامن تامنه", 9: "تاسع تاسعه",
    10: "عاشر عاشره",
}.items():  # fmt: skip
    for _f in _forms.split():
        AR_ORDINALS[_f] = _v
#: Scale words: value; used after digits (5 ملايين) and after number words (ثلاثة آلاف).
AR_SCALES = {"الف": 1000, "الاف": 1000, "الفا": 1000, "مليون": 10**6, "ملايين": 10**6, "مليونا": 10**6,
             "مليار": 10**9, "مليارات": 10**9, "مليارا": 10**9, "بليون": 10**9, "بلايين": 10**9,
             "بليونا": 10**9, "تريليون": 10**12, "تريليونات": 10**12, "تريليونا": 10**12}  # fmt: skip
#: Duals that carry the number two (years, days, … and doubled scales).
AR_DUALS = {"الفين": 2000, "الفان": 2000, "الفي": 2000, "مليونين": 2 * 10**6, "مليونان": 2 * 10**6,
            "مليوني": 2 * 10**6, "مليارين": 2 * 10**9, "ملياران": 2 * 10**9, "ملياري": 2 * 10**9}  # fmt: skip
_DUAL_WORDS = ("عامين عامان عامي سنتين سنتان سنتي يومين يومان شهرين شهران ساعتين ساعتان اسبوعين اسبوعان "
               "دقيقتين دقيقتان مرتين مرتان ضعف ضعفي ضعفين عقدين عقدان دولارين جنيهين هدفين هدفان شخصين "
               "طفلين دولتين بلدين مرحلتين جولتين نقطتين")  # fmt: skip
for _w in _DUAL_WORDS.split():
    AR_DUALS[_w] = 2
AR_DECADES = {}
for _v, _stem in ((20, "عشرين"), (30, "ثلاثين"), (40, "اربعين"), (50, "خمسين"), (60, "ستين"), (70, "سبعين"),
                  (80, "ثمانين"), (90, "تسعين")):  # fmt: skip
    AR_DECADES[_stem + "يات"] = _v
    AR_DECADES[_stem + "ات"] = _v
for _w in ("الفينات", "الفينيات"):
    AR_DECADES[_w] = 0  # the 2000s

#: Currency families. Symbols and words on both sides map to one family name.
CURRENCY_SYMBOLS = {"$": "dollar", "US$": "dollar", "A$": "dollar", "C$": "dollar", "HK$": "dollar",
                    "S$": "dollar", "€": "euro", "£": "pound", "¥": "yen", "₹": "rupee", "Rs": "rupee",
                    "Rs.": "rupee", "EUR": "euro", "USD": "dollar", "GBP": "pound", "₽": "ruble"}  # fmt: skip
EN_CURRENCY_WORDS = {"dollar": "dollar", "dollars": "dollar", "euro": "euro", "euros": "euro",
                     "pound": "pound", "pounds": "pound", "sterling": "pound", "yen": "yen", "yuan": "yuan",
                     "renminbi": "yuan", "rupee": "rupee", "rupees": "rupee", "riyal": "riyal",
                     "riyals": "riyal", "rial": "riyal", "rials": "riyal", "dirham": "dirham",
                     "dirhams": "dirham", "dinar": "dinar", "dinars": "dinar", "lira": "lira", "liras": "lira",
                     "rouble": "ruble", "roubles": "ruble", "ruble": "ruble", "rubles": "ruble"}  # fmt: skip
AR_CURRENCY_WORDS = {"دولار": "dollar", "دولارا": "dollar", "دولارات": "dollar", "يورو": "euro",
                     "جنيه": "pound", "جنيها": "pound", "جنيهات": "pound", "استرليني": "pound", "ين": "yen",
                     "يوان": "yuan", "روبيه": "rupee", "روبيات": "rupee", "ريال": "riyal", "ريالا": "riyal",
                     "ريالات": "riyal", "درهم": "dirham", "دراهم": "dirham", "دينار": "dinar",
                     "دينارا": "dinar", "دنانير": "dinar", "ليره": "lira", "ليرات": "lira", "روبل": "ruble",
                     "روبلا": "ruble", "روبلات": "ruble"}  # fmt: skip



def _normalise_keys(table: dict) -> dict:
    """Tables are written in ordinary spelling; lookups run on MATCHING-normalised words (ئ→ي, ة→ه …)."""
    return {normalize_arabic(k, MATCHING): v for k, v in table.items()}


AR_UNITS = _normalise_keys(AR_UNITS)
AR_ORDINALS = _normalise_keys(AR_ORDINALS)
AR_SCALES = _normalise_keys(AR_SCALES)
AR_DUALS = _normalise_keys(AR_DUALS)
AR_DECADES = _normalise_keys(AR_DECADES)
AR_CURRENCY_WORDS = _normalise_keys(AR_CURRENCY_WORDS)
AR_MONTHS = [(normalize_arabic(k, MATCHING), v) for k, v in AR_MONTHS]
AR_MONTHS_AMBIGUOUS = {normalize_arabic(k, MATCHING) for k in AR_MONTHS_AMBIGUOUS}
AR_DATE_PREPS = {normalize_arabic(k, MATCHING) for k in AR_DATE_PREPS}

#: Measurement units after a number (English), so converted values can be recognised (150 feet ↔ 45 متر).
EN_UNIT_WORDS = {"feet": "ft", "foot": "ft", "ft": "ft", "mile": "mile", "miles": "mile", "mi": "mile",
                 "lb": "lb", "lbs": "lb", "inch": "inch", "inches": "inch", "in": "inch", "yard": "yard",
                 "yards": "yard", "acre": "acre", "acres": "acre", "gallon": "gallon", "gallons": "gallon",
                 "fahrenheit": "F", "°f": "F", "f": "F", "mph": "mph", "ounce": "oz", "ounces": "oz", "oz": "oz",
                 "metre": "m", "metres": "m", "meter": "m", "meters": "m", "m": "m", "km": "km", "kilometre": "km",
                 "kilometres": "km", "kilometers": "km", "kilometer": "km", "kg": "kg", "kilogram": "kg",
                 "kilograms": "kg", "kilos": "kg", "celsius": "C", "°c": "C", "c": "C", "hectare": "ha",
                 "hectares": "ha", "litre": "l", "litres": "l", "liter": "l", "liters": "l", "cm": "cm",
                 "centimetres": "cm", "centimeters": "cm", "kph": "kph", "km/h": "kph", "pounds": "lb", "pound": "lb",
                 "stone": "stone", "tonnes": "t", "tons": "t"}  # fmt: skip
AR_UNIT_WORDS = {"قدم": "ft", "اقدام": "ft", "ميل": "mile", "اميال": "mile", "متر": "m", "مترا": "m", "امتار": "m",
                 "م": "m", "كيلومتر": "km", "كيلومترا": "km", "كيلومترات": "km", "كم": "km", "كيلوغرام": "kg",
                 "كيلوجرام": "kg", "كيلوغراما": "kg", "كيلوجراما": "kg", "كيلو": "kilo", "كجم": "kg", "كغ": "kg",
                 "رطل": "lb", "ارطال": "lb", "رطلا": "lb", "بوصه": "inch", "بوصات": "inch", "انش": "inch",
                 "انشات": "inch", "يارده": "yard", "ياردات": "yard", "فدان": "acre", "افدنه": "acre",
                 "هكتار": "ha", "هكتارات": "ha", "جالون": "gallon", "غالون": "gallon", "لتر": "l", "لترا": "l",
                 "لترات": "l", "درجه": "C", "درجات": "C", "فهرنهايت": "F", "سم": "cm", "سنتيمتر": "cm",
                 "سنتيمترا": "cm", "سنتيمترات": "cm", "طن": "t", "اطنان": "t"}  # fmt: skip
AR_UNIT_WORDS = _normalise_keys(AR_UNIT_WORDS)
#: Conversions translators make: (from, to) → function.
CONVERSIONS = {("ft", "m"): lambda x: x * 0.3048, ("mile", "km"): lambda x: x * 1.609344,
               ("lb", "kg"): lambda x: x * 0.45359237, ("inch", "cm"): lambda x: x * 2.54,
               ("yard", "m"): lambda x: x * 0.9144, ("acre", "ha"): lambda x: x * 0.4046856,
               ("gallon", "l"): lambda x: x * 3.785411784, ("F", "C"): lambda x: (x - 32) * 5 / 9,
               ("mph", "kph"): lambda x: x * 1.609344, ("oz", "g"): lambda x: x * 28.3495,
               ("stone", "kg"): lambda x: x * 6.35029, ("mile", "m"): lambda x: x * 1609.344,
               ("ft", "cm"): lambda x: x * 30.48, ("mph", "km"): lambda x: x * 1.609344,
               # colloquial كيلو is a kilometre or a kilogram
               ("mile", "kilo"): lambda x: x * 1.609344, ("lb", "kilo"): lambda x: x * 0.45359237}  # fmt: skip
for (_a, _b), _f in list(CONVERSIONS.items()):
    if _a == "F":
        CONVERSIONS[(_b, _a)] = lambda x: x * 9 / 5 + 32
    else:
        CONVERSIONS[(_b, _a)] = (lambda f: lambda x: x / f(1.0))(_f)


# --------------------------------------------------------------------------------------------
# parsing
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Num:
    """One number mention: its surface, span, the values it may stand for, and whether it is hard."""

    text: str
    start: int
    end: int
    values: frozenset[Value]
    kind: str = "number"
    hard: bool = True
    currency: str = ""
    unit: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


_DIGITS = regex.compile(r"\d+(?:[.,]\d+)*")
_URL = regex.compile(r"(?i)\b(?:https?://|www\.)\S+|\b[\w.+-]+@[\w-]+\.[\w.]+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|co|uk|io|int)\b\S*")
_TIME = regex.compile(r"(?<![\d.,:])(\d{1,2}):(\d{2})(?![\d:])|(?<![\d.,:])(\d{1,2})\.(\d{2})(?=\s*(?:[ap]\.?m\b|[ap]\.m\.|صباح|مساء|ظهر|ص\b|م\b))", regex.I)
#: Digit groups separated by single spaces, as in phone numbers (116 123, 0800 555 111).
_PHONE = regex.compile(r"(?<![\d.,])\d{3,5}(?: \d{3,4})+(?![\d.,])")
_LATIN = regex.compile(r"\p{Latin}")
_WORD_EN = regex.compile(r"[A-Za-z]+(?:'[a-z]+)?")
_PERCENT_EN = regex.compile(r"\s*(?:%|per\s*cent\b|percent\b|pct\b|percentage\s+points?\b)", regex.I)
_PERCENT_AR = regex.compile(r"\s*(?:%|(?:في|ف)\s*ال?م[ئاي]+[هة]|بال?م[ئاي]+[هة])")
_SUFFIX_EN = regex.compile(r"(?:(st|nd|rd|th)|('?s)|([a-zA-Z]+))?(?![A-Za-z])")
_ANY_DIGIT = regex.compile(r"\d")  # the digit class of _DIGITS, _TIME and _PHONE
_SEP = regex.compile(r"[.,]")
_SCALE_AFTER = regex.compile(r"\s+(?:-\s*)?([A-Za-z]+)")
_UNIT_AFTER = regex.compile(r"(?:\s*-\s*|\s+)?(°?[A-Za-z]+(?:/h)?)")
_WORD_AFTER = regex.compile(r"\s+([A-Za-z]+)")
_YEAR_RANGE = regex.compile(r"(?<!\d)(1[89]|20)\d\d[-–/]$")
_EN_MONTH = regex.compile(r"\b([A-Z](?:[a-z]{2,8}|[A-Z]{2,8}))(\.)?(?![A-Za-z])")
_LATIN_WORD = regex.compile(r"[A-Za-z]+")
_ORDINAL_SUFFIX = regex.compile(r"(st|nd|rd|th)(?![A-Za-z])")
_PERCENT_BEFORE = regex.compile(r"%\s*$")
_ARABIC_START = regex.compile(r"\p{Arabic}")
_AR_MONTH_CLITIC = regex.compile(r"^(?:و|ف)?(?:ب|ل)?")


def _dec(s: str) -> Decimal | None:
    try:
        return Decimal(s).normalize()
    except (InvalidOperation, ValueError):
        return None


def _readings(raw: str, orig: str, arabic: bool) -> list[list[Decimal]]:
    """Possible readings of a digit string with separators: a list of alternatives, each a list of numbers.

    ``orig`` is the text before digit folding (to tell ``٫``/``٬`` from ``.``/``,``).
    """
    seps = [(i, c) for i, c in enumerate(raw) if c in ".,"]
    if not seps:
        v = _dec(raw)
        return [[v]] if v is not None else []
    groups = _SEP.split(raw)
    kinds = {orig[i] for i, _ in seps}
    if kinds == {"٫"} and len(seps) == 1:
        return [[_dec(raw.replace(",", "."))]]
    if kinds <= {"٬"}:
        return [[_dec("".join(groups))]]
    chars = {c for _, c in seps}
    tail3 = all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3
    if len(chars) == 2:
        # 1,234.5 or 1.234,5: the last separator type is the decimal mark
        dec_char = seps[-1][1]
        th_char = "," if dec_char == "." else "."
        if raw.count(dec_char) == 1:
            v = _dec(raw.replace(th_char, "").replace(dec_char, "."))
            return [[v]] if v is not None else []
        return [[_dec(g)] for g in groups]
    ch = next(iter(chars))
    if len(seps) == 1:
        whole = _dec("".join(groups))
        decimal = _dec(raw.replace(",", "."))
        if tail3:
            # 1,200 is thousands in English; in Arabic text 1.200 may be too; keep the other reading
            if ch == "," or arabic:
                return [[whole], [decimal]]
            return [[decimal], [whole]]
        return [[decimal]]
    if tail3:
        return [[_dec("".join(groups))]]
    return [[_dec(g) for g in groups]]  # a list like 1,2,3 or a version number


def _url_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _URL.finditer(text)]


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def _scaled(values: Iterable[Decimal], scale: int) -> frozenset[Value]:
    return frozenset((v * scale).normalize() for v in values if v is not None)


def _percent_alias(values: set[Value]) -> set[Value]:
    """50% may be written as a fraction (النصف, half): add p/100."""
    return {(v / 100).normalize() for v in values if isinstance(v, Decimal)}


def _decade_alias(v: Decimal) -> set[Value]:
    if v == v.to_integral_value() and 1800 <= v <= 2090 and int(v) % 10 == 0:
        return {("decade", int(v) % 100)}
    return set()


def _en_words(text: str) -> list[tuple[str, int, int]]:
    return [(m.group().lower(), m.start(), m.end()) for m in _WORD_EN.finditer(text)]


def _currency_before(text: str, start: int) -> str:
    before = text[max(0, start - 4) : start].rstrip()
    for sym in sorted(CURRENCY_SYMBOLS, key=len, reverse=True):
        if before.endswith(sym):
            k = len(before) - len(sym)
            if k > 0 and sym[0].isalpha() and before[k - 1].isalpha():
                continue
            return CURRENCY_SYMBOLS[sym]
    return ""


def _times_and_phones(text: str, folded: str, urls: list[tuple[int, int]]) -> tuple[list[Num], set[int]]:
    """Clock times (08:00, 5.30pm) and space-grouped numbers (116 123): one item each."""
    out: list[Num] = []
    taken: set[int] = set()
    for m in _TIME.finditer(folded):
        if _inside(m.start(), urls):
            continue
        h, mi = (int(m.group(1)), int(m.group(2))) if m.group(1) else (int(m.group(3)), int(m.group(4)))
        if h > 24 or mi > 59:
            continue
        vals: set[Value] = {("time", h, mi), Decimal(h * 100 + mi)}
        if mi == 0:
            vals.add(Decimal(h))
        out.append(Num(text[m.start() : m.end()], m.start(), m.end(), frozenset(vals), "time"))
        taken.update(range(m.start(), m.end()))
    for m in _PHONE.finditer(folded):
        groups = m.group().split()
        if _inside(m.start(), urls) or any(m.start() <= t < m.end() for t in taken):
            continue
        if any(len(g) == 4 and 1900 <= int(g) <= 2099 for g in groups):
            continue  # a year next to another number, not a phone number
        vals = frozenset({Decimal("".join(groups)), Decimal("".join(reversed(groups)))})  # RTL may reverse groups
        out.append(Num(text[m.start() : m.end()], m.start(), m.end(), vals, "phone"))
        taken.update(range(m.start(), m.end()))
    return out, taken


def parse_english(text: str) -> list[Num]:
    """Numbers, months and number words of an English text (see the module docstring)."""
    folded = to_ascii_digits(text)
    has_digits = _ANY_DIGIT.search(folded) is not None
    urls = _url_spans(folded) if has_digits else []  # URLs only mask digit matches
    out, taken = _times_and_phones(text, folded, urls) if has_digits else ([], set())
    for m in _DIGITS.finditer(folded):
        s, e = m.start(), m.end()
        if s in taken or _inside(s, urls):
            continue
        if s > 0 and folded[s - 1].isdigit():
            continue
        raw = m.group()
        prev = folded[s - 1] if s else ""
        prev2 = folded[s - 2] if s > 1 else ""
        code = bool(_LATIN.match(prev)) or (prev in "-–" and bool(_LATIN.match(prev2)))
        if prev == "$" or _currency_before(folded, s):
            code = False
        suf = _SUFFIX_EN.match(folded, e)
        ordinal, plural, letters = (suf.group(1), suf.group(2), suf.group(3)) if suf else (None, None, None)
        unit_suffix = ""
        end = e
        kind = "number"
        scale = 1
        readings = _readings(raw, text[s:e], arabic=False)
        if not readings:
            continue
        values: set[Value] = set()
        hard = not code
        if ordinal and len(readings[0]) == 1:
            kind, end = "ordinal", suf.end()
        elif plural and len(readings[0]) == 1 and readings[0][0] is not None:
            v = readings[0][0]
            end = suf.end()
            if v == v.to_integral_value() and int(v) % 10 == 0 and len(raw) in (2, 4):
                kind = "decade"
                values.add(("decade", int(v) % 100))
                if int(v) == 2000:
                    values.add(Decimal(21))  # the 2000s ≈ "early 21st century" (القرن الحادي والعشرين)
        elif letters:
            low = letters.lower()
            if low in EN_SCALE_SUFFIX or (low in EN_SCALES and low not in _WORD_ONLY_SCALES):
                scale, end = EN_SCALE_SUFFIX.get(low) or EN_SCALES[low], suf.end()
            elif low in ("am", "pm"):
                kind = "time"
            elif low in EN_UNIT_WORDS or low in {"mm", "kw", "mw", "gw", "bpd", "x"}:
                unit_suffix = EN_UNIT_WORDS.get(low, "")
            else:
                hard = False
                kind = "code"
        # scale word after a space: 5 million, 2.5 billion
        if scale == 1:
            sm = _SCALE_AFTER.match(folded[end:])
            if sm and sm.group(1).lower() in EN_SCALES and sm.group(1).lower() not in _WORD_ONLY_SCALES | {"hundred"}:
                scale = EN_SCALES[sm.group(1).lower()]
                end = end + sm.end()
        pm = _PERCENT_EN.match(folded, end)
        if pm:
            kind, end = "percent", pm.end()
        currency = _currency_before(folded, s)
        um = _UNIT_AFTER.match(folded[end:])
        unit = unit_suffix
        if not unit and um and (um.group(1).lower() in EN_UNIT_WORDS) and (um.start(1) > 0 or len(um.group(1)) <= 3):
            unit = EN_UNIT_WORDS[um.group(1).lower()]
            if unit == "lb" and um.group(1).lower().startswith("pound") and currency:
                unit = ""
        if not currency:
            cm = _WORD_AFTER.match(folded[end:])
            if cm and cm.group(1).lower() in EN_CURRENCY_WORDS and not (unit == "lb" and prev != "£"):
                currency = EN_CURRENCY_WORDS[cm.group(1).lower()]
                if unit == "lb":
                    unit = ""
        for reading in readings:
            if len(reading) == 1:
                values |= _scaled(reading, scale)
                if kind == "number" and scale == 1 and reading[0] is not None:
                    values |= _decade_alias(reading[0])
        if kind == "percent":
            values |= _percent_alias(values)
        yr = _YEAR_RANGE.search(folded[max(0, s - 6) : s])
        if len(raw) == 2 and yr:
            values.add(Decimal(yr.group(1) + raw))  # 1950-53: the second year of a range
        if len(readings) == 1 and len(readings[0]) > 1:
            # a list like 1,2,3: one item per number
            pos = s
            for g, v in zip(_SEP.split(raw), readings[0], strict=False):
                if v is not None:
                    out.append(Num(g, pos, pos + len(g), frozenset({v}), kind, hard))
                pos += len(g) + 1
            continue
        if values:
            out.append(Num(text[s:end], s, end, frozenset(values), kind, hard, currency, unit))
    out.extend(_english_words(folded))
    out.extend(_english_months(folded, out))
    return sorted(out, key=lambda n: (n.start, n.end))


def _english_words(text: str) -> list[Num]:
    """Number words: soft items (twenty-five, two hundred thousand, a dozen, first, nineties)."""
    words = _en_words(text)
    out: list[Num] = []
    i = 0
    while i < len(words):
        w, s, e = words[i]
        if w in EN_ORDINALS:
            out.append(Num(text[s:e], s, e, frozenset({Decimal(EN_ORDINALS[w])}), "ordinal", hard=False))
            i += 1
            continue
        if w in EN_DECADE_WORDS:
            out.append(Num(text[s:e], s, e, frozenset({("decade", EN_DECADE_WORDS[w])}), "decade", hard=False))
            i += 1
            continue
        if w not in EN_UNITS and w not in EN_SCALES:
            i += 1
            continue
        total, current = Decimal(0), Decimal(0)
        parts: set[Value] = set()
        j, end = i, e
        while j < len(words):
            wj, sj, ej = words[j]
            gap = text[end:sj] if j > i else ""
            if j > i and gap.strip(" -") not in ("", "and"):
                break
            if wj in EN_UNITS:
                current += Decimal(EN_UNITS[wj])
                parts.add(Decimal(EN_UNITS[wj]))
            elif wj in EN_SCALES:
                sc = EN_SCALES[wj]
                if sc == 100:
                    current = max(current, Decimal(1)) * 100
                else:
                    total += max(current, Decimal(1)) * sc
                    current = Decimal(0)
                parts.add(Decimal(sc))
            elif wj == "and" and j > i:
                pass
            else:
                break
            end = ej
            j += 1
        value = (total + current).normalize()
        out.append(Num(text[s:end], s, end, frozenset(parts | {value}), "word", hard=False))
        i = max(j, i + 1)
    return out


def _english_months(text: str, nums: list[Num]) -> list[Num]:
    out = []
    digit_spans = [(n.start, n.end) for n in nums if n.kind != "word"]
    for m in _EN_MONTH.finditer(text):
        w = m.group(1).lower()
        if w not in EN_MONTHS or (m.group(1).isupper() and len(w) < 5):  # JANUARY, but not MAR/MAY
            continue
        near_number = any(0 <= m.start() - b <= 2 or 0 <= a - m.end() <= 2 for a, b in digit_spans)
        prev = _LATIN_WORD.findall(text[max(0, m.start() - 12) : m.start()])
        after_prep = bool(prev) and prev[-1].lower() in EN_DATE_PREPS
        if w in EN_MONTHS_AMBIGUOUS and not near_number and not after_prep:
            continue
        out.append(Num(m.group(), m.start(), m.end(), frozenset({("month", EN_MONTHS[w])}), "month", hard=True))
    return out


_AR_COMMA_THOUSANDS = regex.compile(r"(?<=\d)،(?=\d{3}(?!\d))")
_AR_CLITIC = regex.compile(r"^(?:و|ف)?(?:ب|ل|ك)?(?:ال)?")
_AR_TOKEN = regex.compile(r"[\p{Script=Arabic}&&\p{L}][\p{Script=Arabic}&&[\p{L}\p{M}]]*|\d+(?:[.,]\d+)*|\S", regex.V1)


_ar_norm = match_word


_AR_ARTICLE = regex.compile(r"^(?:و|ف)?(?:ب|ك)?ال|^[وف]")


@lru_cache(maxsize=65536)
def _ar_candidates(word: str) -> tuple[str, ...]:
    """The word (normalised) and its readings without proclitics (و ف ب ل ك ال, لل); cached per word."""
    w = _ar_norm(word)
    cands = [w]
    m = _AR_CLITIC.match(w)
    if m and m.end():
        cands.append(w[m.end() :])
    if w.startswith(("لل", "ولل", "فلل")):
        cands.append(w[w.index("لل") + 2 :])
    if w.startswith(("وال", "فال", "بال", "كال", "ال", "و", "ف")):
        cands.append(_AR_ARTICLE.sub("", w))
    return tuple(c for i, c in enumerate(cands) if i == 0 or len(c) >= 2)


def _ar_lookup(word: str, table: dict[str, Any]) -> tuple[str, Any] | None:
    """Look ``word`` up with and without proclitics (و ف ب ل ك ال, لل)."""
    for c in _ar_candidates(word):
        if c in table:
            return c, table[c]
    return None


#: Tables looked up per Arabic token; :func:`_ar_info` answers all of them at once, cached per word.
_AR_TABLES = (AR_DUALS, AR_DECADES, AR_UNITS, AR_ORDINALS, AR_SCALES, AR_CURRENCY_WORDS, AR_UNIT_WORDS)
_DUAL, _DECADE, _UNIT, _ORDINAL, _SCALE, _CURRENCY, _UNIT_WORD = range(len(_AR_TABLES))
_NUMBER_TABLES = (AR_DUALS, AR_DECADES, AR_UNITS, AR_ORDINALS, AR_SCALES)  # what _arabic_words looks up


@lru_cache(maxsize=65536)
def _ar_info(word: str) -> tuple[tuple[str, Any] | None, ...]:
    """:func:`_ar_lookup` of ``word`` in each of :data:`_AR_TABLES`."""
    return tuple(_ar_lookup(word, table) for table in _AR_TABLES)


_AR_MONTH_SINGLE = {name: mo for name, mo in AR_MONTHS if " " not in name}
_AR_MONTH_DOUBLE = {tuple(name.split()): mo for name, mo in AR_MONTHS if " " in name}
_AR_MONTH_FIRST = {first for first, _ in _AR_MONTH_DOUBLE}


@lru_cache(maxsize=65536)
def _month_bare(w: str) -> str:
    return _AR_MONTH_CLITIC.sub("", w)


def _arabic_tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in _AR_TOKEN.finditer(text)]


def parse_arabic(text: str) -> list[Num]:
    """Numbers, months and number words of an Arabic text (see the module docstring)."""
    folded = _AR_COMMA_THOUSANDS.sub(",", to_ascii_digits(text))
    has_digits = _ANY_DIGIT.search(folded) is not None
    urls = _url_spans(folded) if has_digits else []  # URLs only mask digit matches
    toks = _arabic_tokens(folded)
    start_at = {s: k for k, (_, s, _) in enumerate(toks)} if has_digits else {}
    out, taken = _times_and_phones(text, folded, urls) if has_digits else ([], set())
    for m in _DIGITS.finditer(folded):
        s, e = m.start(), m.end()
        if s in taken or _inside(s, urls) or (s > 0 and folded[s - 1].isdigit()):
            continue
        raw = m.group()
        readings = _readings(raw, text[s:e], arabic=True)
        if not readings:
            continue
        kind, scale, end = "number", 1, e
        # Latin suffixes (5G, 3D, 1st) inside Arabic text
        suf = _ORDINAL_SUFFIX.match(folded[e:])
        if suf:
            kind, end = "ordinal", e + suf.end()
        k = start_at.get(s)
        nxt = toks[k + 1 : k + 4] if k is not None else []
        currency = ""
        if nxt:
            look = _ar_info(nxt[0][0])[_SCALE]
            if look and nxt[0][1] - end <= 2:
                scale, end = look[1], nxt[0][2]
                nxt = nxt[1:]
        pm = _PERCENT_AR.match(folded, end)
        pm_before = _PERCENT_BEFORE.search(folded[max(0, s - 2) : s])
        if pm:
            kind, end = "percent", pm.end()
        elif pm_before:
            kind = "percent"
        unit = ""
        if nxt:
            for tok, _ts, _te in nxt[:2]:
                look = _ar_info(tok)[_CURRENCY]
                if look:
                    currency = look[1]
                    break
            look = _ar_info(nxt[0][0])[_UNIT_WORD]
            if look:
                unit = look[1]
        if not currency:
            currency = _currency_before(folded, s)
        if len(readings) == 1 and len(readings[0]) > 1:
            pos = s
            for g, v in zip(_SEP.split(raw), readings[0], strict=False):
                if v is not None:
                    out.append(Num(text[pos : pos + len(g)], pos, pos + len(g), frozenset({v}), kind))
                pos += len(g) + 1
            continue
        values: set[Value] = set()
        for reading in readings:
            values |= _scaled(reading, scale)
            if scale == 1 and kind == "number" and reading[0] is not None:
                values |= _decade_alias(reading[0])
        if kind == "percent":
            values |= _percent_alias(values)
        if values:
            out.append(Num(text[s:end], s, end, frozenset(values), kind, True, currency, unit))
    out.extend(_arabic_words(text, toks))
    out.extend(_arabic_months(text, toks, out))
    return sorted(out, key=lambda n: (n.start, n.end))


def _arabic_words(text: str, toks: list[tuple[str, int, int]]) -> list[Num]:
    """Soft items from Arabic number words, duals, ordinals and decades.

    Compounds are summed: ثلاثة آلاف (3000), خمسة وعشرين (25), الرابعة والثلاثين (34th), الثانية عشرة
    (12th), مئة ألف (100 000).
    """
    out: list[Num] = []
    i = 0
    # only a number word (or dual, decade) can start an item; other tokens are passed over
    for c in [k for k, t in enumerate(toks) if _number_word(t[0])]:
        if c < i:
            continue  # inside the compound just read
        i = c
        w, s, e = toks[i]
        info = _ar_info(w)
        for look, kind in ((info[_DUAL], "word"), (info[_DECADE], "decade")):
            if look:
                val: Value = ("decade", look[1]) if kind == "decade" else Decimal(look[1])
                out.append(Num(text[s:e], s, e, frozenset({val}), kind, hard=False))
                break
        total, current = Decimal(0), Decimal(0)
        parts: set[Value] = set()
        j, end = i, e
        while j < len(toks):
            wj, sj, ej = toks[j]
            if j > i and text[end:sj].strip():
                break
            info = _ar_info(wj)
            unit = info[_UNIT] or info[_ORDINAL]
            scale = info[_SCALE]
            if unit:
                v = Decimal(unit[1])
                if v == 10 and current and current < 10:  # ثلاثة عشر = 13, الثانية عشرة = 12th
                    current += 10
                else:
                    current += v
                parts.add(v)
            elif scale:
                total += max(current, Decimal(1)) * scale[1]
                current = Decimal(0)
                parts.add(Decimal(scale[1]))
            else:
                break
            end = ej
            j += 1
        if j > i:
            value = (total + current).normalize()
            out.append(Num(text[s:end], s, end, frozenset(parts | {value}), "word", hard=False))
            i = j
        else:
            i += 1
    return out


@lru_cache(maxsize=65536)
def _number_word(word: str) -> bool:
    """Can :func:`_arabic_words` start an item at this token (an Arabic word found in a number table)?"""
    if not _ARABIC_START.match(word):
        return False
    return any(c in table for c in _ar_candidates(word) for table in _NUMBER_TABLES)


@lru_cache(maxsize=65536)
def _month_word(word: str) -> bool:
    """Can :func:`_arabic_months` find a month at this token (a month name, bare or with a clitic, or the
    first word of a two-word name)?"""
    w = _ar_norm(word)
    if w in _AR_MONTH_SINGLE or w in _AR_MONTH_FIRST:
        return True
    bare = _month_bare(w)
    return bare in _AR_MONTH_SINGLE and bare not in AR_MONTHS_AMBIGUOUS


def _within(sorted_values: list[int], lo: int, hi: int) -> bool:
    """Some value in [lo, hi]."""
    i = bisect.bisect_left(sorted_values, lo)
    return i < len(sorted_values) and sorted_values[i] <= hi


def _arabic_months(text: str, toks: list[tuple[str, int, int]], nums: list[Num]) -> list[Num]:
    out: list[Num] = []
    cands = [k for k, t in enumerate(toks) if _month_word(t[0])]
    if not cands:
        return out  # no token can be (or start) a month name
    digit_spans = [(n.start, n.end) for n in nums if n.kind not in ("word", "ordinal", "decade")]
    # sorted ends and starts: "a digit within 2 characters" is two binary searches, not a scan of every
    # number per month word (quadratic on a hallucinated line of 400,000 words: 150 s)
    ends = sorted(b for _a, b in digit_spans)
    starts = sorted(a for a, _b in digit_spans)
    norm = [_ar_norm(t[0]) for t in toks]
    single, double = _AR_MONTH_SINGLE, _AR_MONTH_DOUBLE
    k = 0
    for c in cands:
        if c < k:
            continue  # the second word of a two-word month
        k = c
        w = norm[k]
        month, width, bare = None, 1, w
        if k + 1 < len(toks) and (w, norm[k + 1]) in double:
            month, width = double[(w, norm[k + 1])], 2
        else:
            bare = _month_bare(w) if w not in single else w
            if w in single:
                month = single[w]
            elif bare in single and bare not in AR_MONTHS_AMBIGUOUS:
                month = single[bare]
        if month is None:
            k += 1
            continue
        s, e = toks[k][1], toks[k + width - 1][2]
        name = w if width == 1 else ""
        near = _within(ends, s - 2, s) or _within(starts, e, e + 2)
        prev = norm[k - 1] if k else ""
        dated = near or prev in AR_DATE_PREPS or bare != w  # في 6 يناير / في يناير / بيناير
        ambiguous = name in AR_MONTHS_AMBIGUOUS or (width == 1 and name not in single and bare in AR_MONTHS_AMBIGUOUS)
        if ambiguous and not dated:
            k += 1
            continue
        # a month word with no date context (السيدة مايو) may support a source month but is not reported
        out.append(Num(text[s:e], s, e, frozenset({("month", month)}), "month", hard=dated or width == 2))
        k += width
    return out


def parse_numbers(text: str, lang: str) -> list[Num]:
    """:func:`parse_arabic` for ``lang`` starting with ``ar``, else :func:`parse_english`."""
    return parse_arabic(text) if lang.startswith("ar") else parse_english(text)


def display(n: Num) -> str:
    return unicodedata.normalize("NFC", n.text)


# --------------------------------------------------------------------------------------------
# matching
# --------------------------------------------------------------------------------------------


def _values(nums: Iterable[Num]) -> set[Value]:
    out: set[Value] = set()
    for n in nums:
        out |= n.values
    return out


def compare(src: list[Num], tgt: list[Num], src_near: Iterable[Num] = (), tgt_near: Iterable[Num] = ()) -> dict:
    """Unmatched hard numbers of each side, and currency conflicts between matched ones.

    ``*_near`` are the numbers of neighbouring beads, accepted as counterparts (alignment slips).
    """
    tgt_vals = _values(tgt)
    src_vals = _values(src)
    tgt_all = tgt_vals | _values(tgt_near)
    src_all = src_vals | _values(src_near)
    missing = [n for n in src if n.hard and not (n.values & tgt_all)]
    unsupported = [n for n in tgt if n.hard and not (n.values & src_all)]
    # a converted unit (150 feet → 45 متر) counts as a match, within the bead or its neighbours
    src_units = [n for n in [*src, *src_near] if n.unit]
    tgt_units = [n for n in [*tgt, *tgt_near] if n.unit]
    missing = [a for a in missing if not (a.unit and any(_converts(a, b) for b in tgt_units))]
    unsupported = [b for b in unsupported if not (b.unit and any(_converts(a, b) for a in src_units))]
    conflicts = []
    for a in src:
        if not (a.hard and a.currency):
            continue
        for b in tgt:
            if b.currency and b.values & a.values and b.currency != a.currency:
                conflicts.append((a, b))
    return {"missing": missing, "unsupported": unsupported, "currency": conflicts}


def _converts(a: Num, b: Num, tolerance: float = 0.06) -> bool:
    """``b`` is ``a`` converted to another unit (150 feet → 45 متر, 70°F → 21 درجة), rounded."""
    f = CONVERSIONS.get((a.unit, b.unit)) if a.unit and b.unit else None
    if f is None:
        return False
    for x in a.values:
        for y in b.values:
            if isinstance(x, Decimal) and isinstance(y, Decimal):
                conv = f(float(x))
                if abs(conv - float(y)) <= max(tolerance * abs(conv), 0.5):
                    return True
    return False


def _fmt(nums: Iterable[Num]) -> str:
    return ", ".join(f"“{display(n)}”" for n in nums)


def _describe(n: Num) -> dict[str, Any]:
    vals = sorted((str(v) if isinstance(v, Decimal) else "/".join(map(str, v))) for v in n.values)
    return {"text": display(n), "kind": n.kind, "values": vals, "currency": n.currency}


@lru_cache(maxsize=8192)
def _source_numbers(text: str) -> tuple[Num, ...]:
    """:func:`parse_english`, cached: every target side of a document is checked against the same source."""
    return tuple(parse_english(text))


class _Cache:
    """Parsed numbers per sentence, and per window the beads' numbers and their comparison, computed once
    per document side and shared by ``number.mismatch`` and ``number.unsupported``."""

    def __init__(self, ctx: Context):
        self.src = [_source_numbers(s.text) for s in ctx.source]
        self.tgt = [parse_arabic(t.text) for t in ctx.target]
        self.rows: dict[int, list] = {}
        self.compared: dict[tuple[int, int], dict] = {}


def _cache(ctx: Context) -> _Cache:
    c = ctx.__dict__.get("_numbers")
    if c is None:
        c = ctx.__dict__["_numbers"] = _Cache(ctx)
    return c


def _bead_numbers(ctx: Context, window: int) -> list[tuple[Any, list[Num], list[Num], list[Num], list[Num]]]:
    cache = _cache(ctx)
    rows = cache.rows.get(window)
    if rows is not None:
        return rows
    pairs = ctx.pairs
    rows = []
    for k, p in enumerate(pairs):
        src = [n for i in p.source_ids for n in cache.src[i]]
        tgt = [n for i in p.target_ids for n in cache.tgt[i]]
        near = [q for q in pairs[max(0, k - window) : k + window + 1] if q.index != p.index]
        src_near = [n for q in near for i in q.source_ids for n in cache.src[i]]
        tgt_near = [n for q in near for i in q.target_ids for n in cache.tgt[i]]
        rows.append((p, src, tgt, src_near, tgt_near))
    cache.rows[window] = rows
    return rows


def _compared(ctx: Context, window: int, row: tuple) -> dict:
    """:func:`compare` of one row of :func:`_bead_numbers`, once per bead and window."""
    cache = _cache(ctx)
    key = (window, row[0].index)
    res = cache.compared.get(key)
    if res is None:
        res = cache.compared[key] = compare(*row[1:])
    return res


@check(
    "number.mismatch",
    "A number, date, percentage or amount in the source is missing or different in the aligned target.",
    severity="critical",
    its_type="mistranslation",
    needs_source=True,
    family="number",
    window=1,
)
def check_mismatch(ctx: Context, s: dict) -> list:
    out = []
    window = int(s["window"])
    for row in _bead_numbers(ctx, window):
        p = row[0]
        if not p.source_ids or not p.target_ids:
            continue  # 1-0: the omission check reports it; 0-1: number.unsupported does
        res = _compared(ctx, window, row)
        missing, unsupported = res["missing"], res["unsupported"]
        if missing:
            if unsupported:
                msg = f"The source has {_fmt(missing)} but the translation has {_fmt(unsupported)} instead."
            else:
                msg = f"{_fmt(missing)} in the source does not appear in the translation."
            span = (unsupported[0].start, unsupported[0].end) if unsupported else None
            out.append(
                ctx.finding(
                    "number.mismatch", s, msg, source_ids=p.source_ids, target_ids=p.target_ids,
                    span=_span_in_join(ctx, p.target_ids, unsupported[0]) if span else None,
                    details={"source_numbers": [_describe(n) for n in missing],
                             "target_numbers": [_describe(n) for n in unsupported]},
                )
            )  # fmt: skip
        for a, b in res["currency"]:
            out.append(
                ctx.finding(
                    "number.mismatch", s,
                    f"“{display(a)}” is in {a.currency}s in the source but “{display(b)}” is in {b.currency}s.",
                    source_ids=p.source_ids, target_ids=p.target_ids,
                    details={"source_numbers": [_describe(a)], "target_numbers": [_describe(b)],
                             "reason": "currency"},
                )
            )  # fmt: skip
    return out


def _span_in_join(ctx: Context, target_ids: tuple[int, ...], n: Num) -> tuple[int, int] | None:
    """Position of ``n`` (found in one target sentence) inside the joined bead text."""
    offset = 0
    for i in target_ids:
        t = ctx.target[i].text
        if t[n.start : n.end] == n.text:
            return offset + n.start, offset + n.end
        offset += len(t) + 1
    return None


@check(
    "number.unsupported",
    "A number in the target that no number in the aligned source explains (added or invented).",
    severity="major",
    its_type="addition",
    needs_source=True,
    family="number",
    window=1,
)
def check_unsupported(ctx: Context, s: dict) -> list:
    out = []
    window = int(s["window"])
    for row in _bead_numbers(ctx, window):
        p = row[0]
        if not p.target_ids:
            continue
        res = _compared(ctx, window, row)
        if p.source_ids and res["missing"]:
            continue  # reported together as a number.mismatch
        for n in res["unsupported"]:
            where = " (this sentence has no source counterpart)" if not p.source_ids else ""
            out.append(
                ctx.finding(
                    "number.unsupported", s,
                    f"{_fmt([n])} in the translation has no counterpart in the source{where}.",
                    source_ids=p.source_ids, target_ids=p.target_ids,
                    span=_span_in_join(ctx, p.target_ids, n), details={"target_numbers": [_describe(n)]},
                )
            )  # fmt: skip
    return out
