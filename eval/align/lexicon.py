"""A small hand-written English→Arabic lexicon of frequent news concepts, used as weak anchors.

Why: names and numbers are absent from many sentences; a few hundred everyday news words (police,
court, election, storm, children …) give the aligner a lexical signal in those sentences without a
model or a trained dictionary. Entries are prefixes: an English word matches when it starts with
an English prefix (prefixes of 5+ letters; shorter entries match whole words only); an Arabic word matches when,
after removing proclitics (و ف ب ك ل ال …) and ``MATCHING`` normalisation (أ→ا, ة→ه, ى→ي), it starts
with an Arabic prefix. Each entry is one concept key (``w:<concept>``). Ambiguous words (e.g. عام
"year"/"general") are left out on purpose; a missing entry costs nothing, a wrong one adds noise.

Written for this project (not derived from NTREX or any benchmark data).
"""

from __future__ import annotations

from functools import lru_cache

# concept: (English prefixes, Arabic prefixes — MATCHING-normalised, no article)
LEXICON: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "police": (("police", "policem"), ("شرطه", "شرطي")),
    "court": (("court",), ("محكمه", "محاكم")),
    "judge": (("judge",), ("قاضي", "قضاه")),
    "trial": (("trial",), ("محاكمه",)),
    "law": (("law", "laws", "legislat"), ("قانون", "قوانين", "تشريع")),
    "lawyer": (("lawyer", "attorney"), ("محامي", "محامو", "محامين")),
    "prison": (("prison", "jail"), ("سجن", "سجون")),
    "arrest": (("arrest",), ("اعتقال", "اعتقل", "القبض", "قبض")),
    "murder": (("murder",), ("قتل", "جريمه", "مقتل")),
    "kill": (("kill", "kills", "killed", "killing", "killer"), ("قتل", "مقتل", "قتلي")),
    "dead": (("dead", "death", "died", "dies", "dying"), ("موت", "وفاه", "توفي", "وفيات", "ميت", "مات", "مصرع")),
    "injured": (("injur", "wound"), ("اصاب", "جرح", "جريح", "مصاب")),
    "attack": (("attack",), ("هجوم", "هاجم", "اعتداء", "هجمات")),
    "gun": (("gun", "guns", "gunman", "gunmen", "shoot", "shooting", "shot", "shots", "firearm"), ("مسدس", "رصاص", "مسلح")),
    "bomb": (("bomb", "bombs", "bombing", "explosion", "explosive"), ("قنبل", "انفجار", "متفجر", "تفجير")),
    "army": (("army", "military", "troops", "soldier"), ("جيش", "جنود", "عسكري", "جندي", "قوات")),
    "war": (("war", "wars", "warfare"), ("حرب", "حروب")),
    "weapon": (("weapon",), ("سلاح", "اسلحه")),
    "nuclear": (("nuclear",), ("نووي",)),
    "missile": (("missile", "rocket"), ("صاروخ", "صواريخ")),
    "sanction": (("sanction",), ("عقوب",)),
    "president": (("president", "presidency"), ("رئيس", "رئاس")),
    "minister": (("minister", "ministry"), ("وزير", "وزاره", "وزراء")),
    "government": (("government", "governing"), ("حكوم",)),
    "parliament": (("parliament", "lawmaker", "mps"), ("برلمان", "نواب", "نائب")),
    "senate": (("senate", "senator"), ("شيوخ",)),
    "committee": (("committee", "commission"), ("لجنه", "لجان", "مفوضيه")),
    "election": (("election", "elect", "elected", "electoral"), ("انتخاب",)),
    "vote": (("vote", "votes", "voted", "voting", "voter", "ballot"), ("تصويت", "صوت", "اصوات", "ناخب", "اقتراع")),
    "party": (("party", "parties"), ("حزب", "احزاب")),
    "campaign": (("campaign",), ("حمله", "حملات")),
    "democrat": (("democrat",), ("ديمقراط", "ديموقراط")),
    "republican": (("republican",), ("جمهوري",)),
    "opposition": (("opposition",), ("معارض",)),
    "protest": (("protest", "demonstrat", "rally", "rallies"), ("احتجاج", "تظاهر", "مظاهر", "متظاهر", "محتج")),
    "talks": (("talks", "negotiat"), ("محادث", "مفاوض")),
    "agreement": (("agreement", "deal", "deals", "treaty", "accord"), ("اتفاق", "صفقه", "معاهده")),
    "trade": (("trade",), ("تجاره", "تجاري")),
    "economy": (("econom",), ("اقتصاد",)),
    "market": (("market",), ("سوق", "اسواق")),
    "price": (("price",), ("سعر", "اسعار")),
    "tax": (("tax", "taxes", "taxation"), ("ضريب", "ضرائب")),
    "bank": (("bank", "banks", "banker", "banking"), ("بنك", "بنوك", "مصرف")),
    "money": (("money", "cash", "funds", "funding", "funded"), ("اموال", "تمويل")),
    "company": (("company", "companies", "firms", "corporat"), ("شركه", "شركات")),
    "business": (("business",), ("اعمال", "تجار")),
    "job": (("job", "jobs", "employ", "worker", "staff"), ("وظيف", "وظائف", "موظف")),
    "oil": (("oil",), ("نفط", "بترول")),
    "energy": (("energy",), ("طاقه",)),
    "fuel": (("fuel", "petrol", "gasoline"), ("وقود", "بنزين")),
    "children": (("child", "children", "kid", "kids"), ("طفل", "اطفال")),
    "women": (("woman", "women"), ("امراه", "نساء", "سيده", "سيدات", "مراه")),
    "men": (("man", "men"), ("رجل", "رجال")),
    "family": (("family", "families"), ("عائل", "اسره")),
    "mother": (("mother", "mum", "mom"), ("ام", "امه", "والدته", "امهات")),
    "father": (("father", "dad"), ("اب", "ابيه", "ابوه", "والده")),
    "son": (("son", "sons"), ("ابن", "نجل")),
    "daughter": (("daughter",), ("ابنت", "بنت")),
    "wife": (("wife",), ("زوجه", "زوجت")),
    "husband": (("husband",), ("زوج",)),
    "brother": (("brother",), ("شقيق", "اخ", "اخيه", "اخوه")),
    "sister": (("sister",), ("شقيقت", "اخت")),
    "friend": (("friend",), ("صديق", "اصدقاء")),
    "school": (("school",), ("مدرسه", "مدارس")),
    "student": (("student", "pupil"), ("طالب", "طلاب", "طلبه", "تلميذ", "تلاميذ")),
    "university": (("universit", "college"), ("جامعه", "جامعات", "كليه")),
    "teacher": (("teacher",), ("معلم", "مدرس")),
    "hospital": (("hospital",), ("مستشفي", "مستشفيات")),
    "doctor": (("doctor", "physician"), ("طبيب", "اطباء")),
    "health": (("health",), ("صحه", "صحي")),
    "disease": (("disease", "illness", "cancer", "virus"), ("مرض", "امراض", "سرطان", "فيروس")),
    "study": (("study", "studies", "studied", "research"), ("دراس", "بحث", "ابحاث")),
    "scientist": (("scientist", "science"), ("علماء",)),
    "city": (("city", "cities", "town", "towns"), ("مدين", "مدن", "بلده")),
    "country": (("country", "countries", "nation", "nations"), ("بلد", "بلاد", "دوله", "دول")),
    "border": (("border",), ("حدود", "حدودي")),
    "capital": (("capital",), ("عاصم",)),
    "village": (("village",), ("قريه",)),
    "island": (("island",), ("جزير", "جزر")),
    "sea": (("sea", "seas", "ocean"), ("بحر", "بحار", "محيط")),
    "river": (("river",), ("نهر", "انهار")),
    "mountain": (("mountain",), ("جبل", "جبال")),
    "bridge": (("bridge",), ("جسر", "جسور")),
    "road": (("road", "street", "highway"), ("طريق", "شارع", "طرق", "شوارع")),
    "car": (("car", "cars", "vehicle"), ("سياره", "سيارات", "مركبه", "مركبات")),
    "plane": (("plane", "planes", "aircraft", "flight", "airline"), ("طائره", "طائرات", "طيران")),
    "airport": (("airport",), ("مطار",)),
    "ship": (("ship", "ships", "boat", "boats", "vessel"), ("سفين", "قارب", "زورق")),
    "train": (("train", "trains", "railway"), ("قطار", "سكك")),
    "house": (("house", "houses", "home", "homes"), ("منزل", "بيت", "منازل", "بيوت")),
    "building": (("building",), ("مبني", "مباني")),
    "fire": (("fire", "fires", "blaze", "flames"), ("حريق", "نار", "حرائق", "نيران")),
    "storm": (("storm", "hurricane", "typhoon", "cyclone"), ("عاصف", "اعصار", "عواصف")),
    "rain": (("rain", "rains", "rainfall"), ("مطر", "امطار")),
    "flood": (("flood", "floods", "flooding"), ("فيضان", "سيول")),
    "earthquake": (("earthquake", "quake"), ("زلزال", "زلازل")),
    "tsunami": (("tsunami",), ("تسونامي",)),
    "snow": (("snow",), ("ثلج", "ثلوج")),
    "wind": (("wind", "winds"), ("رياح",)),
    "weather": (("weather",), ("طقس",)),
    "water": (("water",), ("مياه", "ماء")),
    "food": (("food", "foods", "meal", "meals"), ("طعام", "غذاء", "اغذيه", "اطعمه", "وجبه", "وجبات")),
    "restaurant": (("restaurant",), ("مطعم", "مطاعم")),
    "drink": (("drink", "drinks", "drinking", "alcohol", "beer", "wine"), ("مشروب", "كحول", "خمر", "نبيذ", "بيره")),
    "sleep": (("sleep",), ("نوم", "النوم")),
    "team": (("team", "teams"), ("فريق", "منتخب")),
    "player": (("player",), ("لاعب",)),
    "match": (("match", "matches", "game", "games"), ("مباراه", "مباريات")),
    "goal": (("goal", "goals"), ("هدف", "اهداف")),
    "win": (("win", "wins", "won", "winning", "victory", "winner"), ("فوز", "فاز", "انتصار", "يفوز")),
    "season": (("season",), ("موسم",)),
    "league": (("league",), ("دوري",)),
    "coach": (("coach", "manager"), ("مدرب",)),
    "club": (("club", "clubs"), ("نادي", "انديه")),
    "championship": (("champion", "title", "cup"), ("بطول", "لقب", "كاس")),
    "film": (("film", "films", "movie", "movies", "cinema"), ("فيلم", "افلام", "سينما")),
    "music": (("music", "song", "songs", "singer", "album"), ("موسيق", "اغنيه", "اغاني", "مغني", "البوم")),
    "book": (("book", "books", "novel"), ("كتاب", "روايه")),
    "art": (("art", "artist", "painting", "museum"), ("فن", "فنان", "لوحه", "متحف")),
    "television": (("television", "tv"), ("تلفزيون", "تليفزيون")),
    "newspaper": (("newspaper",), ("صحيف", "جريده")),
    "journalist": (("journalist", "reporter"), ("صحفي", "صحافي", "مراسل")),
    "interview": (("interview",), ("مقابله", "لقاء")),
    "statement": (("statement",), ("بيان",)),
    "report": (("report", "reports"), ("تقرير", "تقارير")),
    "phone": (("phone", "phones", "telephone"), ("هاتف", "مكالم")),
    "internet": (("internet", "online", "website"), ("انترنت",)),
    "social": (("social",), ("اجتماعي", "تواصل")),
    "photo": (("photo", "photos", "photograph", "picture", "image"), ("صوره", "صور")),
    "video": (("video", "footage"), ("فيديو", "مقطع")),
    "church": (("church",), ("كنيس",)),
    "mosque": (("mosque",), ("مسجد",)),
    "religion": (("religion", "religious", "faith"), ("ديني", "ايمان")),
    "muslim": (("muslim", "islam"), ("مسلم", "اسلام")),
    "christian": (("christian",), ("مسيحي",)),
    "jewish": (("jew", "jews", "jewish"), ("يهود",)),
    "king": (("king",), ("ملك", "ملوك")),
    "queen": (("queen",), ("ملكه",)),
    "prince": (("prince", "princess"), ("امير", "اميره")),
    "immigration": (("immigra", "migrant"), ("هجره", "مهاجر")),
    "refugee": (("refugee", "asylum"), ("لاجئ", "لجوء")),
    "dog": (("dog", "dogs", "puppy"), ("كلب", "كلاب")),
    "animal": (("animal", "wildlife"), ("حيوان",)),
    "bird": (("bird", "birds"), ("طيور",)),
    "bat": (("bat", "bats"), ("خفاش", "خفافيش")),
    "shark": (("shark",), ("قرش",)),
    "tree": (("tree", "trees", "forest"), ("شجر", "اشجار", "غابه", "غابات")),
    "week": (("week", "weeks", "weekly"), ("اسبوع", "اسابيع")),
    "month": (("month", "months"), ("شهر", "اشهر")),
    "day": (("day", "days"), ("يوم", "ايام")),
    "yesterday": (("yesterday",), ("امس",)),
    "tomorrow": (("tomorrow",), ("غدا",)),
    "morning": (("morning",), ("صباح",)),
    "night": (("night", "tonight"), ("ليل", "ليله", "مساء")),
    "hour": (("hour", "hours"), ("ساعه", "ساعات")),
    "minute": (("minute", "minutes"), ("دقيقه", "دقائق")),
    "first": (("first",), ("اول", "اولي")),
    "second": (("second",), ("ثاني", "ثانيه")),
    "third": (("third",), ("ثالث",)),
    "half": (("half",), ("نصف",)),
    "sex": (("sex", "sexual", "sexually"), ("جنسي",)),
    "abuse": (("abuse",), ("اساءه", "انتهاك", "اعتداء")),
    "black": (("black",), ("اسود", "سوداء")),
    "white": (("white",), ("ابيض", "بيضاء")),
    "red": (("red",), ("احمر", "حمراء")),
    "green": (("green",), ("اخضر", "خضراء")),
    "blue": (("blue",), ("ازرق", "زرقاء")),
    "old": (("elderly",), ("مسن", "عجوز")),
    "young": (("young", "youth"), ("شاب", "شباب")),
    "new": (("new",), ("جديد",)),
    "climate": (("climate",), ("مناخ",)),
    "environment": (("environment",), ("بيئه", "بيئي")),
    "space": (("space",), ("فضاء",)),
    "technology": (("technolog",), ("تكنولوج", "تقني")),
    "computer": (("computer",), ("كمبيوتر", "حاسوب")),
    "security": (("security",), ("امن", "امني")),
    "intelligence": (("intelligence", "spy", "spies"), ("استخبار", "مخابرات", "جاسوس")),
    "investigation": (("investigat", "inquiry", "probe"), ("تحقيق", "تحقيقات", "يحقق")),
    "evidence": (("evidence",), ("دليل", "ادله")),
    "victim": (("victim",), ("ضحيه", "ضحايا")),
    "crime": (("crime", "crimes", "criminal"), ("جريم", "جرائم", "اجرام")),
    "drug": (("drug", "drugs"), ("مخدر", "دواء", "ادويه")),
    "ban": (("ban", "banned", "bans"), ("حظر",)),
    "plan": (("plan", "plans", "planned"), ("خطه", "خطط")),
    "decision": (("decision", "decide", "decided"), ("قرار",)),
    "question": (("question", "questions"), ("سؤال", "اسئله")),
    "answer": (("answer", "answered", "respond", "response", "reply"), ("اجاب", "جواب")),
    "support": (("support", "supported", "supporters"), ("دعم", "تاييد", "يدعم")),
    "fear": (("fear", "fears", "afraid", "worried", "concern"), ("خوف", "مخاوف", "قلق", "يخشي")),
    "hope": (("hope", "hopes", "hoped", "hoping"), ("امل", "يامل", "امال")),
    "love": (("love", "loved", "loves"), ("حب", "يحب")),
    "happy": (("happy",), ("سعيد", "سعاده")),
    "history": (("history", "historic"), ("تاريخ",)),
    "world": (("world", "global"), ("عالم",)),
    "people": (("people",), ("ناس", "اشخاص", "شعب")),
    "leader": (("leader", "leaders"), ("زعيم", "قائد", "زعماء", "قاده")),
    "official": (("official",), ("مسؤول", "رسمي")),
    "spokesman": (("spokesman", "spokeswoman", "spokesperson"), ("متحدث",)),
}


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str], tuple[int, ...], tuple[int, ...]]:
    en: dict[str, str] = {}
    ar: dict[str, str] = {}
    for concept, (ens, ars) in LEXICON.items():
        for e in ens:
            en.setdefault(e, concept)
        for a in ars:
            ar.setdefault(a, concept)
    return en, ar, tuple(sorted({len(e) for e in en})), tuple(sorted({len(a) for a in ar}, reverse=True))


@lru_cache(maxsize=65536)
def english_concept(word: str) -> str | None:
    """Concept of a lower-case English word, or None (entries of 5+ letters also match word starts)."""
    en, _ar, en_lens, _ = _tables()
    if word in en:
        return en[word]
    for n in sorted(en_lens, reverse=True):
        if n >= 5 and len(word) > n and word[:n] in en:
            return en[word[:n]]
    return None


_AR_PROCLITICS = ("وبال", "وكال", "وال", "بال", "فال", "كال", "ولل", "لل", "ال", "و", "ف", "ب", "ل", "ك")


_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي"})


@lru_cache(maxsize=65536)
def arabic_concept(word: str) -> str | None:
    """Concept of an Arabic word (proclitics removed, hamza/alef/ta-marbuta folded), or None.

    The longest lexicon prefix wins; 2-letter entries (اب، ام، اخ) must match the whole stem.
    """
    _en, ar, _, ar_lens = _tables()
    word = word.translate(_FOLD)
    stems = [word] + [word[len(p):] for p in _AR_PROCLITICS if word.startswith(p) and len(word) - len(p) >= 2]
    for stem in stems:
        for n in ar_lens:
            if len(stem) < n:
                continue
            head = stem[:n]
            if head in ar and (n >= 3 or stem == head):
                return ar[head]
    return None
