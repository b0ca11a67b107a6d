"""``boilerplate``: web-page furniture (subscription prompts, "Read more", comment forms, share buttons,
"READ" widgets, photo credits, trust statements) in a translation.

Why: machine translations of news are often produced from, or published into, web pages; scrapers
carry the page's furniture into the text ("اشترك الآن للحصول على وصول مجاني غير محدود إلى موقع
Reuters.com", "اترك تعليقاً", a "READ" related-story link with an unrelated headline). It is not
translation, it inflates or skews metrics, and a reader of the translated article must not see it.

Furniture that mirrors furniture of the same category in the source (the source also says "Our
Standards: The Thomson Reuters Trust Principles.", or carries a ``REUTERS/Name`` photo credit) is
reported as ``info``: it was translated faithfully but a publisher may want it gone. Furniture only in
the target is reported with the check's severity (``major``). Furniture in the source with no match
in the target is ``info`` too (so its absence from the translation is not mistaken for an omission).

The built-in list :data:`PATTERNS` is documented per category below; ``extra_patterns`` (regular
expressions, any language) extends it from the config, ``disabled_categories`` switches categories
off. Patterns are matched on text normalised for matching (hamza/alef forms, ta marbuta, tashkeel
folded), so ``اترك تعليقاً`` and ``اترك تعليقا`` match the same pattern. Arabic patterns are written
in that normalised form.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from eval.checks.registry import Context, check, excerpt
from eval.text.normalize import MATCHING, normalize_arabic


@dataclass(frozen=True)
class Pattern:
    category: str
    lang: str
    pattern: str
    doc: str
    case_sensitive: bool = False


_ = Pattern
_W = r"(?:\s+\S+){0,3}"  # up to three words of filler

#: Built-in furniture patterns. Arabic patterns are in MATCHING-normalised form (ا for أ/إ/آ, ه for ة,
#: ي for ى, no tashkeel). Each is anchored to short, prompt-like wording so ordinary news prose
#: ("the party signed up", "وقع على الاتفاق") does not match.
PATTERNS: tuple[Pattern, ...] = (
    # --- "read more" / related-story links ---------------------------------------------------
    _("read_more", "en", r"\b(?:read\s+(?:more|also|next|the\s+full\s+story)|continue\s+reading)\b(?=\s*(?:$|[:.»›>…|\-–—]))|\bclick\s+here\b", "Read more / Continue reading (at a line end or before a colon) / Click here"),
    _("read_more", "en", r"^\s*(?:related|more|also read|recommended)\s*(?:stories|articles|coverage|news)?\s*:", "Related: …"),
    _("read_more", "en", r"^\s*READ(?:\s|\u00a0)", "'READ' related-story widget at line start (upper case)", True),
    _("read_more", "ar", r"(?:^|\s)[وف]?اقرا\s+(?:اكثر|المزيد|ايضا|كذلك)\b", "اقرأ أكثر / اقرأ المزيد / اقرأ أيضاً"),
    _("read_more", "ar", r"(?:^|\s)(?:تابع|اكمل|واصل)\s+القراءه\b", "تابع القراءة (continue reading)"),
    _("read_more", "ar", r"^\s*(?:مواضيع|اخبار|مقالات|قصص)\s+(?:ذات صله|متعلقه|مشابهه)\s*:?", "مواضيع ذات صلة"),
    _("read_more", "ar", r"(?:^|\s)(?:لمزيد من|للمزيد من)\s+(?:المعلومات|التفاصيل|الاخبار)\s*(?:اضغط|انقر|اقرا)", "للمزيد … اضغط هنا"),
    _("read_more", "ar", r"(?:اضغط|انقر)\s+هنا", "اضغط هنا / انقر هنا"),
    # --- subscription / newsletter / channel prompts ------------------------------------------
    _("subscribe", "en", r"\b(?:sign\s+up|subscribe|register)\s+(?:now|today|here|for\s+(?:our|free|the)\b|to\s+(?:our|get|receive)\b)", "Sign up now / Subscribe to our …"),
    _("subscribe", "en", r"\b(?:join|follow)\s+(?:us|our)\s+(?:on\s+)?(?:\w+\s+){0,2}(?:channel|telegram|whatsapp|twitter|facebook|instagram|newsletter)\b", "Join our Telegram channel / Follow us on …"),
    _("subscribe", "en", r"\b(?:get|receive)\s+(?:the\s+)?(?:latest|breaking|our)\b[^.]{0,40}\b(?:newsletter|inbox|whatsapp|telegram|alerts?)\b", "Get the latest … in your inbox / on WhatsApp"),
    _("subscribe", "en", r"\bunlimited\s+access\s+to\b", "…free unlimited access to Reuters.com"),
    _("subscribe", "ar", r"(?:^|\s)[وف]?(?:اشترك|سجل|انضم|اشتركوا|سجلوا|انضموا)\s+(?:الان|مجانا|اليوم|هنا)\b", "اشترك الآن / سجل الآن / انضم الآن"),
    _("subscribe", "ar", r"(?:^|\s)(?:اشترك|سجل|انضم|اشتركوا|انضموا)\s+(?:في|الي|ب)\s*(?:قناتنا|نشرتنا|النشره|صفحتنا|حسابنا|قائمتنا)", "اشترك في نشرتنا / انضم إلى قناتنا"),
    _("subscribe", "ar", r"(?:^|\s)(?:تابعونا|تابعنا)\s+(?:علي|عبر|في)\b", "تابعنا على …"),
    _("subscribe", "ar", r"(?:نشرتنا|النشره|قائمتنا|القائمه)\s+(?:الاخباريه|البريديه)", "نشرتنا الإخبارية / قائمتنا البريدية"),
    _("subscribe", "ar", r"(?:^|\s)(?:احصل|تلق|اشترك)\S*\s+(?:علي\s+)?(?:اخر|احدث|ابرز)\s+(?:الاخبار|الانباء)[^.,]{0,30}(?:عبر|علي|في)\s+(?:واتساب|واتس اب|تيليجرام|تلغرام|تليجرام|بريدك|هاتفك)", "احصل على آخر الأخبار عبر واتساب"),
    _("subscribe", "ar", r"(?:وصول|الوصول)\s+مجاني\s+(?:غير محدود|بلا حدود)", "وصول مجاني غير محدود"),
    _("subscribe", "ar", r"(?:قناتنا|قناتها)\s+(?:علي|في|عبر)\s+(?:تيليجرام|تلغرام|تليجرام|واتساب|يوتيوب)", "قناتنا على تيليجرام"),
    # --- comment forms -----------------------------------------------------------------------
    _("comments", "en", r"\b(?:leave|post|add|write)\s+(?:a|your)\s+(?:comment|reply)\b", "Leave a comment"),
    _("comments", "en", r"\byour\s+email\s+address\s+will\s+not\s+be\s+published\b", "Your email address will not be published"),
    _("comments", "en", r"\brequired\s+fields\s+are\s+marked\b|\bfields\s+marked\s+(?:with\s+)?(?:an\s+)?\*", "Required fields are marked *"),
    _("comments", "en", r"\b(?:log\s*in|sign\s*in)\s+to\s+(?:comment|post|reply)\b", "Log in to comment"),
    _("comments", "en", r"\b(?:your\s+)?comment\s+(?:will\s+be|is)\s+(?:moderated|reviewed|awaiting)\b", "Comment awaiting moderation"),
    _("comments", "ar", r"(?:^|\s)(?:اترك|اضف|اكتب|شارك)\s+(?:تعليقا|تعليقك|تعليق|ردا|رايك|برايك)\b", "اترك تعليقاً / أضف تعليقاً / اكتب تعليقك / شارك برأيك"),
    _("comments", "ar", r"لن\s+(?:\S+\s+){1,2}(?:عنوان\s+)?بريدك\s+الالكتروني", "لن يتم نشر / لن نقوم بنشر / لن يظهر بريدك الإلكتروني"),
    _("comments", "ar", r"بريدك\s+الالكتروني\s+لن\s+(?:يتم|ينشر|يظهر|يعرض|نقوم)", "بريدك الإلكتروني لن يظهر"),
    _("comments", "ar", r"(?:الحقول|الخانات)\s+(?:الالزاميه|المطلوبه|الاجباريه|المعلمه|المميزه)\s+(?:مشار|معلمه|محدده|مميزه|ب)", "الحقول الإلزامية مشار إليها بـ * / الخانات المطلوبة مميزة"),
    _("comments", "ar", r"(?:الحقول|الخانات)\s+\S+\s+(?:ب\S*\s*)?\*", "… الحقول … بـ *"),
    _("comments", "ar", r"(?:تسجيل\s+الدخول|سجل\s+دخولك)\s+(?:لنشر|للتعليق|لكتابه|لاضافه)", "يجب تسجيل الدخول لنشر تعليق"),
    _("comments", "ar", r"(?:سيخضع|يخضع|ستخضع)\s+(?:تعليقك|التعليق|التعليقات)\s+(?:للمراجعه|للمراقبه|للتدقيق)", "سيخضع تعليقك للمراجعة"),
    _("comments", "ar", r"^\s*(?:التعليقات|تعليقات القراء)\s*(?::|\(\d+\))?\s*$", "'التعليقات' heading line"),
    # --- share buttons -----------------------------------------------------------------------
    _("share", "en", r"\bshare\s+(?:this|on)\s+(?:article|story|page|facebook|twitter|whatsapp|linkedin|x)\b", "Share this article / Share on Facebook"),
    _("share", "en", r"^\s*(?:share|tweet|email|print)(?:\s*[|/•·]\s*(?:share|tweet|email|print|facebook|twitter|whatsapp|linkedin))+\s*$", "Share | Tweet | Email"),
    _("share", "ar", r"(?:^|\s)(?:شارك|انشر)\s+(?:هذا\s+)?(?:المقال|الخبر|الموضوع|علي\s+(?:فيسبوك|فيس بوك|تويتر|واتساب))", "شارك المقال / شارك على فيسبوك"),
    _("share", "ar", r"^\s*(?:مشاركه|شارك)\s*(?::|$)", "'مشاركة:' share-bar label"),
    # --- photo / image credits -----------------------------------------------------------------
    _("photo_credit", "en", r"(?:^|[\s(])(?:photo|picture|image|credit|photograph)s?\s*(?:courtesy\s+of\s+|by\s*)?:", "Photo: / Image credit:"),
    _("photo_credit", "en", r"\b(?:REUTERS|AFP|AP|EPA|GETTY)(?:\s+IMAGES)?/[A-Z][A-Za-z]+", "REUTERS/Name, AFP/Name photo credit"),
    _("photo_credit", "en", r"\(\s*(?:photo|picture)\s*(?:courtesy|by|:)", "(photo courtesy of …)"),
    _("photo_credit", "ar", r"(?:^|[\s(])(?:تصوير|الصوره|صوره|مصدر الصوره|حقوق الصوره)\s*:", "تصوير: / الصورة:"),
    _("photo_credit", "ar", r"\(\s*(?:رويترز|فرانس برس|ا ف ب|اسوشيتد برس|جيتي)\s*\)\s*$", "(رويترز) credit at line end"),
    # --- trust statements / copyright ------------------------------------------------------------
    _("standards", "en", r"\bour\s+standards\s*:", "Our Standards: The Thomson Reuters Trust Principles."),
    _("standards", "en", r"\btrust\s+principles\b", "Trust Principles"),
    _("standards", "ar", r"(?:^|\s)معاييرنا\s*:", "معاييرنا:"),
    _("standards", "ar", r"مبادئ\s+الثقه\s+(?:في|لدي|ل)", "مبادئ الثقة في …"),
    _("copyright", "en", r"(?:©|\(c\)|copyright\s+\d{4})|\ball\s+rights\s+reserved\b", "© 2022 … All rights reserved"),
    _("copyright", "ar", r"جميع\s+الحقوق\s+محفوظه|حقوق\s+النشر\s+محفوظه", "جميع الحقوق محفوظة"),
    _("advert", "en", r"^\s*(?:advertisement|sponsored(?:\s+content)?|scroll\s+to\s+continue)\s*$", "Advertisement"),
    _("advert", "ar", r"^\s*(?:اعلان|محتوي\s+ممول|اعلانات)\s*$", "إعلان"),
)  # fmt: skip


def _norm(text: str) -> str:
    return normalize_arabic(text, MATCHING)


# --------------------------------------------------------------------------------------------
# skipping scans that cannot match (same matches, less work: most sentences have no furniture)
# --------------------------------------------------------------------------------------------

#: Every built-in pattern needs a letter of its language to match: an ASCII letter (or ©) for English,
#: an Arabic letter for Arabic (every alternative of every pattern has such a literal; case-insensitive
#: matching of ASCII letters only reaches characters that ``(?i)[a-z]`` also matches). A text without
#: them skips that language's patterns. Config patterns always run.
_GATES = {"en": regex.compile(r"[a-z©]", regex.IGNORECASE), "ar": regex.compile(r"[\u0621-\u064a]")}

#: Characters that match only themselves under IGNORECASE (checked over all of Unicode in the tests), so a
#: literal made of them can be looked for with ``in``.
CASELESS = frozenset(chr(c) for c in range(0x0600, 0x0700)) | frozenset(" :*()")


class _Unsupported(Exception):
    pass


def required_literals(pattern: str) -> frozenset[str] | None:
    """Literal strings one of which every match of ``pattern`` contains, or ``None`` if none is known.

    A small reader for the syntax the built-in patterns use (literals, escapes, classes, groups,
    alternation, quantifiers, anchors, lookarounds); anything else gives ``None`` (always scan).
    """
    try:
        node, i = _parse_alt(pattern, 0)
    except (_Unsupported, IndexError):
        return None
    return _need(node) if i == len(pattern) else None


def _parse_alt(p: str, i: int) -> tuple[tuple, int]:
    branches = []
    while True:
        seq, i = _parse_seq(p, i)
        branches.append(seq)
        if i < len(p) and p[i] == "|":
            i += 1
            continue
        return (("alt", branches) if len(branches) > 1 else branches[0]), i


def _parse_seq(p: str, i: int) -> tuple[tuple, int]:
    items = []
    while i < len(p) and p[i] not in "|)":
        atom, i = _parse_atom(p, i)
        if i < len(p) and p[i] in "?*+{":
            lo, i = _parse_quantifier(p, i)
            atom = ("repeat", atom, lo)
        items.append(atom)
    return ("seq", items), i


_ANY = ("any",)
_QUANT = regex.compile(r"\{(\d*)(?:,(\d*))?\}")


def _parse_quantifier(p: str, i: int) -> tuple[int, int]:
    if p[i] in "?*":
        lo, i = 0, i + 1
    elif p[i] == "+":
        lo, i = 1, i + 1
    else:
        m = _QUANT.match(p, i)
        if not m:
            raise _Unsupported(p[i:])
        lo, i = int(m.group(1) or 0), m.end()
    if i < len(p) and p[i] in "?+":  # lazy or possessive
        i += 1
    return lo, i


def _parse_atom(p: str, i: int) -> tuple[tuple, int]:
    c = p[i]
    if c == "(":
        look = p.startswith(("(?=", "(?!", "(?<=", "(?<!"), i)
        if look:
            j = i + (4 if p[i + 2] == "<" else 3)
        elif p.startswith("(?:", i):
            j = i + 3
        elif p.startswith("(?", i):
            raise _Unsupported(p[i:])  # inline flags, named groups, …
        else:
            j = i + 1
        node, j = _parse_alt(p, j)
        if j >= len(p) or p[j] != ")":
            raise _Unsupported(p[i:])
        return (_ANY if look else node), j + 1
    if c == "[":
        j = i + 1
        if p[j] == "^":
            j += 1
        if p[j] == "]":
            j += 1
        while p[j] != "]":
            if p[j] == "[":
                raise _Unsupported(p[i:])  # nested sets, POSIX classes
            j += 2 if p[j] == "\\" else 1
        return _ANY, j + 1
    if c == "\\":
        e = p[i + 1]
        if e in "sSdDwWbB":
            return _ANY, i + 2
        if e.isalnum() or not e.isascii():
            raise _Unsupported(p[i:])  # \p{…}, \x…, back-references, …
        return ("lit", e), i + 2
    if c in ".^$":
        return _ANY, i + 1
    if c in "*+?{":
        raise _Unsupported(p[i:])
    return ("lit", c), i + 1


def _need(node: tuple) -> frozenset[str] | None:
    kind = node[0]
    if kind == "lit":
        return frozenset({node[1]})
    if kind == "repeat":
        return _need(node[1]) if node[2] >= 1 else None
    if kind == "alt":
        sets = [_need(b) for b in node[1]]
        return None if any(x is None for x in sets) else frozenset().union(*sets)
    if kind == "seq":
        options: list[frozenset[str]] = []
        run = ""
        for item in [*node[1], _ANY]:
            if item[0] == "lit":
                run += item[1]  # consecutive literals occur together
                continue
            if run:
                options.append(frozenset({run}))
                run = ""
            need = _need(item)
            if need is not None:
                options.append(need)
        # any one element's literals will do: take the most selective (longest shortest string)
        return max(options, key=lambda o: (min(map(len, o)), -len(o)), default=None)
    return None


@lru_cache(maxsize=32)
def _compiled(extra: tuple[str, ...], disabled: tuple[str, ...]) -> list[tuple[Pattern, regex.Pattern, frozenset | None]]:
    """Patterns with their flags, and for built-in ones the literals one of which a match needs."""
    out = []
    for p in PATTERNS:
        if p.category in disabled:
            continue
        flags = regex.MULTILINE if p.case_sensitive else regex.MULTILINE | regex.IGNORECASE
        pat = _norm(p.pattern) if p.lang == "ar" else p.pattern
        keys = required_literals(pat)
        if keys is not None and not (p.case_sensitive or all(c in CASELESS for k in keys for c in k)):
            keys = None  # a case-insensitive literal cannot be looked for with ``in``
        out.append((p, regex.compile(pat, flags), keys))
    for i, pat in enumerate(extra):
        p = Pattern("custom", "any", pat, f"config extra_patterns[{i}]")
        out.append((p, regex.compile(_norm(pat), regex.MULTILINE | regex.IGNORECASE), None))
    return out


@lru_cache(maxsize=32)
def _all_keys(extra: tuple[str, ...], disabled: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted({k for _p, _pat, keys in _compiled(extra, disabled) if keys for k in keys}))


def find_boilerplate(text: str, extra: tuple[str, ...] = (), disabled: tuple[str, ...] = ()) -> list[dict]:
    """Furniture matches in ``text``: dicts with category, pattern doc, span (in ``text``) and match.

    Matching runs on a MATCHING-normalised copy; spans are mapped back approximately (the copy only
    loses tashkeel/tatweel/bidi marks, so offsets shift by the number of removed characters).
    """
    norm = _norm(text)
    mapping = None
    out = []
    seen: set[tuple[int, int]] = set()
    gate = {lang: g.search(norm) is not None for lang, g in _GATES.items()}
    present = {k for k in _all_keys(tuple(extra), tuple(disabled)) if k in norm}
    for p, pat, keys in _compiled(tuple(extra), tuple(disabled)):
        if not gate.get(p.lang, True):
            continue  # no letter of the pattern's language: it cannot match
        if keys is not None and keys.isdisjoint(present):
            continue  # none of the literals a match needs
        for m in pat.finditer(norm):
            if mapping is None:
                mapping = _offset_map(text, norm)
            a, b = mapping(m.start()), mapping(m.end())
            if (a, b) in seen:
                continue
            seen.add((a, b))
            out.append({"category": p.category, "pattern": p.doc, "start": a, "end": b,
                        "match": text[a:b].strip()})  # fmt: skip
    return sorted(out, key=lambda d: d["start"])


@lru_cache(maxsize=8192)
def _source_hits(text: str, extra: tuple[str, ...], disabled: tuple[str, ...]) -> tuple[dict, ...]:
    """:func:`find_boilerplate` of a source sentence, cached: every target side of a document shares the source."""
    return tuple(find_boilerplate(text, extra, disabled))


def _offset_map(orig: str, norm: str):
    """Map offsets in ``norm`` back to ``orig`` when normalisation only deleted characters."""
    if len(orig) == len(norm):
        return lambda i: i
    table: list[int] = []
    j = 0
    folded = [_norm(c) for c in orig]
    for i, f in enumerate(folded):
        for _c in f:
            table.append(i)
            j += 1
    table.append(len(orig))
    if j != len(norm):
        return lambda i: min(i, len(orig))
    return lambda i: table[min(i, len(table) - 1)]


@check(
    "boilerplate",
    "Web-page furniture (Read more, subscription prompts, comment forms, share buttons, READ widgets, "
    "photo credits, trust statements); info when it mirrors the source, the check's severity when target-only.",
    severity="major",
    its_type="addition",
    extra_patterns=[],
    disabled_categories=[],
    mirrored_severity="info",
    report_source_only=True,
)
def check_boilerplate(ctx: Context, s: dict) -> list:
    extra = tuple(s["extra_patterns"] or ())
    disabled = tuple(s["disabled_categories"] or ())
    src_hits = {i: _source_hits(x.text, extra, disabled) for i, x in enumerate(ctx.source)}
    src_cats: dict[str, list[int]] = {}
    for i, hits in src_hits.items():
        for h in hits:
            src_cats.setdefault(h["category"], []).append(i)
    out = []
    mirrored_src: set[int] = set()
    for t in ctx.target:
        hits = find_boilerplate(t.text, extra, disabled)
        if not hits:
            continue
        cats = sorted({h["category"] for h in hits})
        aligned = set(ctx.source_of_target.get(t.index, ()))
        mirror = [c for c in cats if c in src_cats]
        target_only = [c for c in cats if c not in src_cats]
        if mirror:
            ids = sorted({i for c in mirror for i in src_cats[c]} & aligned) or sorted(
                {i for c in mirror for i in src_cats[c]}
            )
            mirrored_src.update(ids)
            hm = [h for h in hits if h["category"] in mirror]
            out.append(
                ctx.finding(
                    "boilerplate", s,
                    f"Web-page furniture ({', '.join(mirror)}) translated from the source: "
                    f"“{hm[0]['match']}”. Keep it only if the publication wants it.",
                    source_ids=ids, target_ids=[t.index], severity=s["mirrored_severity"],
                    target_excerpt=excerpt(t.text, hm[0]["start"], hm[0]["end"]),
                    details={"categories": mirror, "matches": [h["match"] for h in hm], "mirrors_source": True,
                             "patterns": [h["pattern"] for h in hm]},
                )
            )  # fmt: skip
        if target_only:
            ht = [h for h in hits if h["category"] in target_only]
            out.append(
                ctx.finding(
                    "boilerplate", s,
                    f"Web-page furniture ({', '.join(target_only)})"
                    f"{' that is not in the source' if ctx.source else ''}: "
                    f"“{ht[0]['match']}”. It is not part of the article; remove it.",
                    source_ids=sorted(aligned), target_ids=[t.index],
                    target_excerpt=excerpt(t.text, ht[0]["start"], ht[0]["end"]),
                    details={"categories": target_only, "matches": [h["match"] for h in ht],
                             "mirrors_source": False, "patterns": [h["pattern"] for h in ht]},
                )
            )  # fmt: skip
    if s["report_source_only"]:
        for i, hits in src_hits.items():
            if hits and i not in mirrored_src:
                out.append(
                    ctx.finding(
                        "boilerplate", s,
                        f"The source contains web-page furniture (“{hits[0]['match']}”); leaving it out of "
                        "the translation is fine.",
                        source_ids=[i], target_ids=[], severity=s["mirrored_severity"],
                        source_excerpt=excerpt(ctx.source[i].text, hits[0]["start"], hits[0]["end"]),
                        details={"categories": sorted({h["category"] for h in hits}), "source_only": True,
                                 "matches": [h["match"] for h in hits]},
                    )
                )  # fmt: skip
    return out
