"""English named entities in the source, and the built-in CLDR gazetteer (through babel).

Why heuristics first: the suite must run without downloads, and news English marks names well by
capitalisation. A capitalised run is a name unless it is a sentence-initial common word, a title
(President, Mr, Prime Minister …), a day or month, or an acronym. Each word of a person's name is its
own entity (the surname recurs alone: "Nursultan Nazarbayev" … "Nazarbayev"), hyphenated names stay
whole (Kassym-Jomart). Country, city and language names come from CLDR (``Locale('en')`` and
``Locale('ar')``), which also gives their approved Arabic spellings. If spaCy and an English model
are installed, their entities replace the capitalisation heuristic (CLDR lookups still apply).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

#: kinds whose rendering is a transliteration or a known exonym, checked by the name checks
NAME_KINDS = frozenset({"person", "name", "country", "city", "place"})


@dataclass(frozen=True)
class Mention:
    """One occurrence of an entity in a source sentence."""

    key: str  # entity key: the name word (Nazarbayev) or the full CLDR name (United States)
    text: str  # surface in the sentence, possessive removed
    sentence: int  # index into the source sentence list
    start: int  # character span within the sentence text
    end: int
    kind: str  # person | name | country | city | place | language | nationality | org
    full: str = ""  # the whole capitalised run it came from (Nursultan Nazarbayev)
    arabic: tuple[str, ...] = ()  # known Arabic spellings (CLDR), approved first
    n_words: int = 1  # words the Arabic rendering may take (hyphen parts, multi-word names)


@dataclass(frozen=True)
class Language:
    english: str
    arabic: str  # الروسية
    country_en: str  # Russia
    country_ar: tuple[str, ...]  # روسيا


@dataclass
class Gazetteer:
    """English → Arabic names from CLDR: countries (with aliases), cities, languages."""

    countries: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)  # lower → (display, ar)
    cities: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    languages: dict[str, Language] = field(default_factory=dict)  # lower → Language
    nationalities: frozenset[str] = frozenset()  # lower-case demonyms (Russian, American …)
    arabic_names: frozenset[str] = frozenset()  # folded Arabic forms of every place/language/person name
    people: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)


#: English aliases CLDR does not list (lower-case) → territory code
_COUNTRY_ALIASES = {
    "britain": "GB", "great britain": "GB", "uk": "GB", "u.k.": "GB", "england": None,
    "us": "US", "u.s.": "US", "usa": "US", "u.s.a.": "US", "america": "US", "the united states": "US",
    "russian federation": "RU", "burma": "MM", "czech republic": "CZ", "holland": "NL",
    "palestine": "PS", "ivory coast": "CI", "south korea": "KR", "north korea": "KP",
    "congo": "CG", "drc": "CD", "uae": "AE", "turkey": "TR", "the netherlands": "NL", "macedonia": "MK",
}
#: extra Arabic spellings in wide news use that CLDR lacks (accepted, not flagged)
_EXTRA_ARABIC = {
    "GB": ("بريطانيا",), "US": ("أمريكا", "أميركا", "الولايات المتحدة الأمريكية", "الولايات المتحدة الأميركية"),
    "PS": ("فلسطين",), "BY": ("بيلاروسيا",), "KR": ("كوريا الجنوبية",), "KP": ("كوريا الشمالية",),
    "CZ": ("التشيك",), "MM": ("بورما",), "NL": ("هولندا",), "TR": ("تركيا",), "MK": ("مقدونيا",),
}
_EXTRA_COUNTRIES = {"europe": ("Europe", ("أوروبا",)), "asia": ("Asia", ("آسيا",)), "africa": ("Africa", ("أفريقيا", "إفريقيا")),
                    "middle east": ("Middle East", ("الشرق الأوسط",)), "latin america": ("Latin America", ("أمريكا اللاتينية",)),
                    "england": ("England", ("إنجلترا", "انجلترا")), "scotland": ("Scotland", ("اسكتلندا",)),
                    "wales": ("Wales", ("ويلز",)), "northern ireland": ("Northern Ireland", ("أيرلندا الشمالية",))}
#: places CLDR lacks (its cities are time-zone cities), with their usual Arabic news spellings
_EXTRA_PLACES = """Nazareth:الناصرة Bethlehem:بيت لحم Ramallah:رام الله Haifa:حيفا Jaffa:يافا Tel Aviv:تل أبيب
Nablus:نابلس Jenin:جنين Aleppo:حلب Homs:حمص Idlib:إدلب Raqqa:الرقة Mosul:الموصل Basra:البصرة Erbil:أربيل
Kirkuk:كركوك Fallujah:الفلوجة Najaf:النجف Karbala:كربلاء Mecca:مكة Jeddah:جدة Alexandria:الإسكندرية Giza:الجيزة
Luxor:الأقصر Aswan:أسوان Benghazi:بنغازي Misrata:مصراتة Sanaa:صنعاء Marib:مأرب Hodeidah:الحديدة
Isfahan:أصفهان Kandahar:قندهار Herat:هيرات Islamabad:إسلام آباد Lahore:لاهور Mumbai:مومباي
New Delhi:نيودلهي Ankara:أنقرة Washington:واشنطن San Francisco:سان فرانسيسكو Boston:بوسطن Houston:هيوستن
Miami:ميامي Seattle:سياتل Munich:ميونخ Frankfurt:فرانكفورت Hamburg:هامبورغ Milan:ميلانو Barcelona:برشلونة
Geneva:جنيف Manchester:مانشستر Liverpool:ليفربول Birmingham:برمنغهام Glasgow:غلاسكو Edinburgh:إدنبرة
Oxford:أكسفورد Cambridge:كامبريدج Beijing:بكين Seoul:سيول Montreal:مونتريال Ottawa:أوتاوا
St Petersburg:سان بطرسبرغ Astana:أستانا Nur-Sultan:نور سلطان Geneva:جنيف Davos:دافوس Strasbourg:ستراسبورغ"""
#: heads of state, companies and other names that recur in news, with their usual Arabic spellings
_PEOPLE = """Trump:ترامب Biden:بايدن Obama:أوباما Clinton:كلينتون Bush:بوش Putin:بوتين Macron:ماكرون
Merkel:ميركل Erdogan:أردوغان Netanyahu:نتنياهو Modi:مودي Zelensky:زيلينسكي Lavrov:لافروف Khamenei:خامنئي
Rouhani:روحاني Scholz:شولتس Sunak:سوناك Starmer:ستارمر Pompeo:بومبيو Blinken:بلينكن Guterres:غوتيريش
Trudeau:ترودو Lukashenko:لوكاشينكو Medvedev:ميدفيديف Xi:شي Kim:كيم Mohammed:محمد Muhammad:محمد
Ahmed:أحمد Hussein:حسين Khalid:خالد Abdullah:عبد الله
Huawei:هواوي Google:غوغل|جوجل Apple:آبل Samsung:سامسونغ|سامسونج Microsoft:مايكروسوفت Amazon:أمازون
Facebook:فيسبوك Twitter:تويتر Instagram:إنستغرام|إنستجرام|انستقرام Tesla:تسلا|تيسلا Toyota:تويوتا Boeing:بوينغ|بوينج
Airbus:إيرباص Gazprom:غازبروم|جازبروم Rosneft:روسنفت Aramco:أرامكو Alibaba:علي بابا Sony:سوني Nokia:نوكيا
Siemens:سيمنس|سيمنز"""
#: other Arabic names of places, old or historical, that a system may put in place of a similar name
#: (الآستانة, Istanbul's old name, for Astana); known names for substitution, not accepted spellings
_OTHER_NAMES = {"istanbul": ("الآستانة", "القسطنطينية")}


def _pairs(text: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    """``English:Arabic`` items (Arabic of one or more words; other spellings after ``|``)."""
    out = {}
    for item in re.findall(r"([^:\n]+?):(\S+(?: [\u0600-\u06ff|]+)*)(?=\s|$)", text):
        en_name = item[0].strip()
        out[en_name.lower()] = (en_name, tuple(a.strip() for a in item[1].split("|")))
    return out


#: language → country when the names do not share a prefix
_LANGUAGE_COUNTRY = {"fr": "FR", "fa": "IR", "he": "IL", "nl": "NL", "el": "GR", "en": None, "ar": None}
_LANGUAGES = (
    "ru", "fr", "de", "es", "it", "pt", "zh", "ja", "ko", "tr", "fa", "he", "uk", "pl", "nl", "el", "sv",
    "kk", "uz", "ky", "tk", "tg", "az", "hy", "ka", "be", "hi", "ur", "bn", "id", "ms", "th", "vi", "ro",
    "hu", "cs", "sk", "bg", "sr", "hr", "fi", "da", "no", "ps", "ku", "so", "sw", "am", "cy", "ga", "en", "ar",
)
_DEMONYMS_EXTRA = {
    "american", "british", "soviet", "western", "eastern", "european", "african", "asian", "arab",
    "iranian", "israeli", "palestinian", "egyptian", "syrian", "iraqi", "saudi", "afghan", "pakistani",
    "indian", "canadian", "australian", "mexican", "brazilian", "nigerian", "kenyan", "belarusian",
    "kazakhstani", "kyrgyz", "uzbek", "turkmen", "tajik", "scottish", "irish", "welsh", "english",
    "korean", "north", "south", "gulf", "lebanese", "jordanian", "libyan", "tunisian", "moroccan",
    "algerian", "sudanese", "yemeni", "emirati", "qatari", "kuwaiti", "omani", "bahraini", "catalan",
    "latin", "nordic", "baltic", "slavic", "muslim", "christian", "jewish", "islamic", "sunni", "shia",
    "shiite", "kurdish", "republican", "democrat", "democratic", "conservative", "labour", "liberal",
}


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Build the CLDR tables once (≈ 20 ms)."""
    import zoneinfo

    from babel import Locale

    from eval.names.translit import fold_arabic

    en, ar = Locale("en"), Locale("ar")
    g = Gazetteer()
    for code, name in en.territories.items():
        if not code.isalpha() or code in ("ZZ", "XA", "XB"):  # skip numeric regions and pseudo
            continue
        a = ar.territories.get(code)
        if not a:
            continue
        names = (a, *_EXTRA_ARABIC.get(code, ()))
        g.countries[name.lower()] = (name, names)
    for alias, code in _COUNTRY_ALIASES.items():
        if code and code in en.territories and alias not in g.countries:
            # the alias is its own entity (Britain ≠ United Kingdom in the source), news spelling first
            extra = _EXTRA_ARABIC.get(code, ())
            display = alias.upper() if len(alias) <= 4 else alias.title()
            g.countries[alias] = (display, (*extra, ar.territories[code]) if alias in ("britain", "great britain", "america") else (ar.territories[code], *extra))
    g.countries.update(_EXTRA_COUNTRIES)
    en_tz, ar_tz = en._data["time_zones"], ar._data["time_zones"]
    for tz in zoneinfo.available_timezones():
        d = ar_tz.get(tz)
        if not d or "city" not in d or "/" not in tz or tz.startswith(("Antarctica/", "Etc/", "Arctic/")):
            continue
        e = en_tz.get(tz)
        city_en = e["city"] if e and "city" in e else tz.rsplit("/", 1)[1].replace("_", " ")
        g.cities.setdefault(city_en.lower(), (city_en, (d["city"],)))
    for k, v in _pairs(_EXTRA_PLACES).items():
        g.cities.setdefault(k, v)
    for k, extra in _OTHER_NAMES.items():
        if k in g.cities:
            display, arabic = g.cities[k]
            g.cities[k] = (display, (*arabic, *extra))
    g.people = _pairs(_PEOPLE)
    en_names = {c: n for c, n in en.territories.items() if c.isalpha()}
    for code in _LANGUAGES:
        le, la = en.languages.get(code), ar.languages.get(code)
        if not le or not la:
            continue
        terr = _LANGUAGE_COUNTRY.get(code, "")
        if terr == "":
            stem = le.lower()[:4]
            hits = [c for c, n in en_names.items() if n.lower().startswith(stem[:4]) and len(stem) >= 4]
            terr = hits[0] if len(hits) == 1 else None
        if terr:
            ce, ca = en.territories[terr], (ar.territories[terr], *_EXTRA_ARABIC.get(terr, ()))
        else:
            ce, ca = "", ()
        g.languages[le.lower()] = Language(le, la, ce, ca)
    dem = set(_DEMONYMS_EXTRA) | set(g.languages)
    for name in list(g.countries) + ["europe", "asia", "africa", "america"]:
        base = name.split()[-1]
        if len(base) >= 4:
            for suf in ("n", "an", "ian", "ese", "i"):
                dem.add(base.rstrip("aeiouy") + suf)
                dem.add(base + suf)
    g.nationalities = frozenset(dem)
    forms: set[str] = set()
    for _, arabic in list(g.countries.values()) + list(g.cities.values()) + list(g.people.values()):
        forms.update(fold_arabic(a) for a in arabic)
    for lang in g.languages.values():
        forms.add(fold_arabic(lang.arabic))
    g.arabic_names = frozenset(forms)
    return g


# --------------------------------------------------------------------------- heuristic extraction

TITLES = frozenset(
    ["president", "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "king", "queen", "prince", "princess", "sheikh", "emir", "general", "gen", "col", "colonel", "lt", "major", "capt", "captain", "sgt", "sen", "sens", "senator", "rep", "representative", "gov", "governor", "mayor", "minister", "prime", "chancellor", "secretary", "chief", "judge", "justice", "pope", "cardinal", "bishop", "rev", "reverend", "father", "ambassador", "commissioner", "deputy", "vice", "foreign", "interior", "defence", "defense", "finance", "energy", "state", "former", "premier", "chairman", "chairwoman", "ceo", "director", "officer", "spokesman", "spokeswoman", "leader", "coach", "manager", "ayatollah", "imam", "rabbi", "saint", "st", "mp", "mep", "am"]
)
STOPWORDS = frozenset(
    ["die", "der", "das", "den", "dem", "des", "il", "lo", "los", "las", "les", "une", "the", "a", "an", "and", "or", "but", "if", "in", "on", "at", "to", "of", "for", "by", "with", "from", "as", "is", "are", "was", "were", "be", "been", "this", "that", "these", "those", "he", "she", "it", "they", "we", "i", "you", "his", "her", "its", "their", "our", "my", "your", "there", "here", "when", "where", "while", "what", "which", "who", "whom", "whose", "why", "how", "after", "before", "during", "since", "until", "about", "above", "below", "over", "under", "into", "out", "up", "down", "no", "not", "yes", "all", "any", "some", "many", "most", "more", "much", "other", "another", "such", "each", "every", "both", "either", "neither", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "first", "second", "third", "last", "next", "new", "old", "also", "then", "than", "so", "however", "meanwhile", "although", "though", "because", "despite", "even", "just", "only", "still", "yet", "now", "today", "tomorrow", "yesterday", "read", "subscribe", "sign", "click", "please", "photo", "video", "watch", "see", "follow", "share", "reporting", "editing", "writing", "additional", "image", "picture", "getty", "ap", "afp", "file", "according", "earlier", "later", "many", "several", "few", "some"]
)
CALENDAR = frozenset(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
)
ORG_WORDS = frozenset(
    ["organization", "organisation", "party", "council", "ministry", "bank", "university", "college", "committee", "union", "parliament", "assembly", "court", "agency", "department", "government", "army", "forces", "force", "association", "movement", "company", "group", "corporation", "corp", "inc", "ltd", "llc", "news", "times", "post", "journal", "institute", "foundation", "fund", "commission", "authority", "office", "service", "services", "federation", "league", "club", "school", "hospital", "church", "airlines", "airways", "network", "channel", "exchange", "treaty", "alliance", "coalition", "front", "board", "house", "senate", "congress", "police", "guard", "navy", "airforce", "museum", "centre", "center", "society", "trust", "bureau"]
)
#: capitalised common nouns inside names that are translated (Ryder Cup → كأس رايدر, New York City)
GEO_WORDS = frozenset(
    ["city", "cup", "island", "islands", "river", "street", "road", "avenue", "square", "lake", "mount", "mountain", "mountains", "valley", "bay", "beach", "county", "state", "province", "district", "airport", "stadium", "station", "bridge", "hall", "tower", "palace", "castle", "park", "gardens", "ocean", "sea", "gulf", "desert", "peninsula", "coast", "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "upper", "lower", "greater", "new", "old", "great", "little", "saint", "radio", "tv", "television"]
)
CONNECTORS = frozenset({"of", "de", "del", "da", "van", "von", "bin", "ibn", "al", "el", "la", "le", "du", "der", "abu", "bint"})

_TOKEN = re.compile(r"[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f'’.\-]*")


@lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[tuple[str, int, int], ...]:
    """Latin-script tokens of a sentence with their spans (three passes over each sentence use them)."""
    return tuple((m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text))


_AFFIX = re.compile(r"-(?:led|like|based|backed|born|owned|style|era|made|linked|allied|run|controlled|"
                    r"occupied|held|bound|wide|centric|friendly|leaning|speaking|language)$", re.IGNORECASE)


_ARTICLE_NAME = re.compile(r"^(al|el|bin|ibn|abu)-[A-Z]")
_INITIALS = re.compile(r"(?:[A-Z]\.)+")
_BREAK = re.compile(r"[,;:()\"“”!?]|[.](\s|$)")  # punctuation between two words that ends a name run
_SENTENCE_START = re.compile(r"[.!?:\"“”]\s*$|^\W*$")


@lru_cache(maxsize=65536)
def _clean(tok: str) -> str:
    t = tok.rstrip(".-’'")
    for poss in ("'s", "’s"):
        if t.endswith(poss):
            t = t[: -len(poss)]
    return _AFFIX.sub("", t.rstrip("'’"))


def _is_cap(tok: str) -> bool:
    if tok[:1].isupper():
        return True
    # al-Assad, el-Sisi, bin-Salman
    return bool(_ARTICLE_NAME.match(tok))


def _is_acronym(tok: str) -> bool:
    letters = [c for c in tok if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= len(letters) - 1 and tok.lower() not in _COUNTRY_ALIASES


def _is_initial(tok: str) -> bool:
    return bool(_INITIALS.fullmatch(tok))


@dataclass
class _Run:
    tokens: list[tuple[str, int, int]]  # cleaned token, start, end
    sentence_initial: bool


def _runs(text: str) -> list[_Run]:
    toks = _tokens(text)
    runs: list[_Run] = []
    cur: list[tuple[str, int, int]] = []
    cur_initial = False
    first_word_idx = 0
    prev_end = -1
    for idx, (tok, s, e) in enumerate(toks):
        clean = _clean(tok)
        if not clean:
            continue
        if _is_cap(clean) or (cur and clean.lower() in CONNECTORS and idx + 1 < len(toks) and _is_cap(toks[idx + 1][0])):
            # punctuation between this word and the previous one ends the run
            if cur and prev_end >= 0 and _BREAK.search(text[prev_end:s]):
                runs.append(_Run(cur, cur_initial))
                cur = []
            if not cur:
                cur_initial = idx == first_word_idx or bool(_SENTENCE_START.search(text[:s]))
            cur.append((clean, s, s + len(clean)))
            # a possessive or trailing punctuation ends the run
            if clean != tok.rstrip(".") or tok.endswith((",", ";")):
                runs.append(_Run(cur, cur_initial))
                cur = []
        else:
            if cur:
                runs.append(_Run(cur, cur_initial))
                cur = []
        prev_end = e
    if cur:
        runs.append(_Run(cur, cur_initial))
    return runs


def _title_case(text: str, lower: frozenset[str]) -> bool:
    """Headline Title Case: several non-initial capitalised words that are common words elsewhere, in a
    line where at least half the words are capitalised (a long sentence naming "Port Group" and
    "Transport Minister" is not a headline)."""
    words = [w for w in (_clean(w) for w, _, _ in _tokens(text))][1:]
    words = [w for w in words if w]
    caps = [w for w in words if w[0].isupper()]
    common = [w for w in caps if w.lower() in STOPWORDS or w.lower() in lower]
    return len(common) >= 2 and 2 * len(caps) >= len(words)


def _lowercase_words(sentences: list[str]) -> frozenset[str]:
    out: set[str] = set()
    for s in sentences:
        for tok, _, _ in _tokens(s):
            w = _clean(tok)
            if w and w[0].islower() and not _ARTICLE_NAME.match(w):  # al-Harthy is a name, not a common word
                out.add(w.lower())
    return frozenset(out)


def _classify(
    words: list[str], g: Gazetteer, lower: frozenset[str] = frozenset(), title_case: bool = False
) -> list[tuple[int, int, str, tuple[str, ...], str]]:
    """Split a cleaned capitalised run into (i, j, kind, arabic, key) entity pieces."""
    out = []
    i, n = 0, len(words)
    while i < n:
        # longest CLDR match first (United States, New York, Abu Dhabi)
        for j in range(min(n, i + 4), i, -1):
            phrase = " ".join(words[i:j]).lower()
            hit = None
            if phrase in g.countries:
                hit = ("country", g.countries[phrase])
            elif phrase in g.cities:
                hit = ("city", g.cities[phrase])
            nxt = words[j].lower() if j < n else ""
            if hit and nxt and not title_case and nxt not in lower and nxt not in GEO_WORDS and nxt not in TITLES and nxt not in ORG_WORDS and nxt not in CONNECTORS \
                    and nxt not in g.countries and nxt not in g.cities and nxt not in g.nationalities and j == i + 1:
                hit = None  # Jordan Spieth, Chelsea Clinton: a given name, not the place
            if hit:
                kind, (display, arabic) = hit
                out.append((i, j, kind, arabic, display))
                i = j
                break
        else:
            w = words[i]
            lw = w.lower()
            if lw in g.languages:
                out.append((i, i + 1, "language", (g.languages[lw].arabic,), g.languages[lw].english))
            elif lw in g.nationalities or (lw.endswith("s") and lw[:-1] in g.nationalities) or lw in ("britons", "brits"):
                out.append((i, i + 1, "nationality", (), w))
            elif lw in CONNECTORS or lw in TITLES or lw in STOPWORDS or lw in CALENDAR or _is_initial(w) or _is_acronym(w) or len(w) < 2:
                pass
            elif lw in GEO_WORDS and not (i > 0 and words[i - 1].lower() in TITLES):
                pass  # "Mr Park" is a name, "Hyde Park" a translated noun
            else:
                out.append((i, i + 1, "name", g.people.get(lw, ("", ()))[1], w))
            i += 1
    return out


_NAME_ENDINGS = re.compile(r"(?:ov|ev|ova|eva|yev|in|ina|sky|ski|skiy|enko|yan|ian|dze|shvili|oglu|zadeh|stan)$")
_REPORTING = re.compile(r"^(?:'s|’s)?\s*(?:,|said|says|told|added|warned|denied|insisted|argued|wrote|tweeted|"
                        r"announced|claimed|called|met|has|had|was|is|will|would|did|does)\b")


def _name_like(word: str, after: str) -> bool:
    """A sentence-initial single word that is probably a name: Slavic/Central Asian endings, or a
    reporting verb / possessive right after it ("Tokayev said", "Ablyazov's")."""
    return bool(_NAME_ENDINGS.search(word.lower())) or bool(_REPORTING.match(after))


@lru_cache(maxsize=512)
def _extract_cached(sentences: tuple[str, ...]) -> tuple[Mention, ...]:
    g = gazetteer()
    lower = _lowercase_words(list(sentences))
    mid_caps: set[str] = set()
    runs_per = []
    for text in sentences:
        tc = _title_case(text, lower)
        runs = _runs(text)
        runs_per.append((runs, tc))
        if not tc:
            for r in runs:
                for k, (w, _, _) in enumerate(r.tokens):
                    if k > 0 or not r.sentence_initial:
                        mid_caps.add(w)
    out: list[Mention] = []
    for sid, (runs, tc) in enumerate(runs_per):
        for r in runs:
            words = [t[0] for t in r.tokens]
            is_org = any(w.lower() in ORG_WORDS for w in words) and len(words) > 1
            full = " ".join(w for w in words if w.lower() not in TITLES)
            if is_org:
                # organisations are translated, not transliterated: one mention for the whole run
                while words and words[0].lower() in STOPWORDS:
                    words = words[1:]
                    r.tokens = r.tokens[1:]
                if words:
                    name = " ".join(words)
                    out.append(Mention(name, name, sid, r.tokens[0][1], r.tokens[-1][2], "org", name, (), len(words)))
                continue
            pieces = _classify(words, g, lower, tc)
            name_idx = {i for i, j, kind, _, _ in pieces if kind == "name" and j == i + 1}
            for i, j, kind, arabic, key in pieces:
                surface = " ".join(words[i:j])
                if kind == "name":
                    # display: the contiguous name words around this one (Nursultan Nazarbayev)
                    a, b = i, j
                    while a - 1 in name_idx:
                        a -= 1
                    while b in name_idx:
                        b += 1
                    full = " ".join(words[a:b])
                if kind == "name":
                    initial = r.sentence_initial and i == 0
                    # sentence-initial or title-case words need corroboration as a name: seen capitalised
                    # mid-sentence, or leading a multi-word run (Mukhtar Ablyazov said …)
                    if ((initial or tc) and key not in mid_caps and (tc or j >= len(words))
                            and not (initial and not tc and _name_like(key, text[r.tokens[i][2]:]))):
                        continue
                    if key.lower() in lower:  # written lowercase elsewhere: a common word
                        continue
                    if any(w.lower() in TITLES for w in words[:i]) or j - i < len(words):
                        kind = "person" if not any(w.lower() in CONNECTORS for w in words) else "name"
                s, e = r.tokens[i][1], r.tokens[j - 1][2]
                n_words = max(j - i, surface.count("-") + 1)
                out.append(Mention(key, surface, sid, s, e, kind, full or surface, arabic, n_words))
    return tuple(out)


def _from_spacy(nlp: Any, sentences: tuple[str, ...]) -> list[Mention]:
    """Mentions from a spaCy-like pipeline: ``nlp(text).ents`` with text, label_, start_char, end_char."""
    g = gazetteer()
    label_kind = {"PERSON": "person", "GPE": "place", "LOC": "place", "FAC": "place", "ORG": "org",
                  "NORP": "nationality", "LANGUAGE": "language"}
    out: list[Mention] = []
    for sid, text in enumerate(sentences):
        for ent in nlp(text).ents:
            kind = label_kind.get(ent.label_)
            if not kind:
                continue
            words = [_clean(w) for w in ent.text.split()]
            words = [w for w in words if w and w.lower() not in TITLES and w.lower() not in STOPWORDS]
            if not words:
                continue
            base = ent.start_char
            if kind in ("org", "nationality"):
                out.append(Mention(" ".join(words), " ".join(words), sid, base, ent.end_char, kind, ent.text))
                continue
            for i, j, k2, arabic, key in _classify(words, g):
                k = k2 if k2 != "name" else kind
                surface = " ".join(words[i:j])
                off = text.find(surface, base)
                s = off if off >= 0 else base
                out.append(Mention(key, surface, sid, s, s + len(surface), k, " ".join(words), arabic,
                                   max(j - i, surface.count("-") + 1)))
    return out


_SPACY: list[Any] = []


def load_spacy() -> Any | None:
    """An installed spaCy English pipeline, or None (never downloads)."""
    if _SPACY:
        return _SPACY[0]
    nlp = None
    try:
        import spacy  # type: ignore[import-not-found]

        for name in ("en_core_web_trf", "en_core_web_lg", "en_core_web_md", "en_core_web_sm"):
            try:
                nlp = spacy.load(name)
                break
            except OSError:
                continue
    except ImportError:
        nlp = None
    _SPACY.append(nlp)
    return nlp


def extract_entities(sentences: list[str], *, nlp: Any | None = None) -> list[Mention]:
    """Entity mentions in a document's source sentences (order: sentence, then position)."""
    key = tuple(sentences)
    if nlp is not None:
        return _from_spacy(nlp, key)
    return list(_extract_cached(key))


_IN_LANGUAGE = re.compile(
    r"\b(?:in|into|from|speak|speaks|speaking|spoke|spoken)\s+(?:fluent\s+|broken\s+)?([A-Z][a-z]+)\b(?!\s+[A-Z])"
    r"|\b([A-Z][a-z]+)-(?:language|speaking|speakers?)\b"
)


def language_mentions(text: str) -> list[tuple[Language, int, int]]:
    """Uses of a language name as a language ("in Russian", "Russian-language") in an English sentence."""
    g = gazetteer()
    out = []
    for m in _IN_LANGUAGE.finditer(text):
        word = m.group(1) or m.group(2)
        lang = g.languages.get(word.lower())
        if lang is None or not lang.country_ar:
            continue
        if m.group(1):
            after = text[m.end():m.end() + 20].lstrip()
            # "in Russian troops" is the adjective; a language is followed by punctuation or a function word
            nxt = re.match(r"[a-z]+", after)
            if nxt and nxt.group() not in {"from", "to", "and", "or", "on", "at", "with", "that", "as", "by",
                                           "for", "in", "when", "while", "but", "saying", "said", "after",
                                           "before", "during", "was", "is", "the", "a", "only", "outside",
                                           "through", "via", "about", "over", "without", "within", "too",
                                           "also", "then", "so", "because", "though", "although", "instead",
                                           "rather", "until", "since", "near", "inside", "behind", "this"}:
                continue
        out.append((lang, m.start(), m.end()))
    return out


__all__ = ["Gazetteer", "Language", "Mention", "NAME_KINDS", "extract_entities", "gazetteer",
           "language_mentions", "load_spacy"]
