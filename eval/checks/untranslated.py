"""``untranslated``: English left in the Arabic output, or a target sentence identical to its source.

Why: MT systems leave rare words, compounds and terms in English ("shadow fleet", "Bishkek-based",
"vote-buying"), and scraped pages leak widgets ("READ"). A reader of Arabic news should not meet
them. But Arabic news legitimately keeps some Latin script, so each Latin word is checked against an
allow-list built from the source and the config:

* URLs, e-mail addresses, domains (``Reuters.com``), @handles and #hashtags;
* anything inside parentheses that is an acronym or appears in the source: ``(CSTO)``, ``(bpd)``,
  ``(Collective Security Treaty Organization)`` — the Arabic convention of glossing a term once;
* acronyms (``CSTO``, ``COVID-19``) and names (``Reuters``, ``iPhone``) the source also writes in
  Latin, case-sensitively; a capitalised word counts as a name only if the source capitalises it
  away from the start of a sentence (so a kept "Sanctions" is still flagged), and never when a
  hyphen joins it to a lower-case part ("Bishkek-based" is an untranslated compound, not a name);
  multi-word titles from the source ("Game of Thrones", "Resident Evil: Welcome to Raccoon City") are
  allowed as a whole; tokens with digits written exactly as in the source (``pico-8``) are allowed;
* single letters the source uses (Plan B), measurement units (km, kg, mph …) and the config's
  ``allow`` list (case-insensitive).

Lower-case English words and phrases, and acronyms the source does not have ("READ"), are flagged.
"""

from __future__ import annotations

import difflib
from functools import lru_cache

import regex

from eval.checks.registry import Context, check, excerpt

_TOKEN = regex.compile(r"[\p{Latin}\p{M}0-9'’\-.&/_@#:+$]*\p{Latin}[\p{Latin}\p{M}0-9'’\-.&/_@#:+]*")
_URLISH = regex.compile(
    r"(?i)^(?:https?://|www\.|@|#|\$)|@[\w-]+\.|^[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|int|io|co|uk|ru|kz|ae|sa|eg|fr|de|info|news)\b"
)
_HAS_LATIN = regex.compile(r"\p{Latin}")
_PARENS = regex.compile(r"\(([^()]*)\)")
_ARABIC = regex.compile(r"\p{Arabic}")
_FUNCTION = {"of", "the", "and", "for", "de", "del", "della", "la", "le", "les", "du", "des", "al", "el", "van", "von",
             "der", "den", "in", "on", "&", "a", "an", "to", "at", "by", "bin", "ibn", "da", "di", "do", "dos", "das",
             "y", "e", "et", "und"}  # fmt: skip
#: Units and symbols Arabic text often keeps in Latin.
UNITS = {"km", "kg", "cm", "mm", "m", "g", "mg", "ml", "l", "km/h", "kph", "mph", "kw", "mw", "gw", "kwh", "mwh",
         "gb", "mb", "tb", "hz", "ghz", "mhz", "°c", "°f", "ft", "lb", "lbs", "oz"}  # fmt: skip
_SENT_START = regex.compile(r"(?:^\W*|[.!?]['\"”’»)]*\s+['\"“‘«(]*|\n\s*|\s[-–—•]\s+)$")
_QUOTED = regex.compile(r"[\"“”«»]([^\"“”«»]*)[\"“”«»]")
_POSSESSIVE = regex.compile(r"['’]s$")
_POSSESSIVE_STRAIGHT = regex.compile(r"'s$")
_WORD_PARTS = regex.compile(r"[-/]")
_HYPHEN = regex.compile(r"[-–]")
_LATIN_WORD = regex.compile(r"[\p{Latin}][\p{Latin}'-]*")


def _clean(tok: str) -> str:
    return tok.strip(".:'’-/_+&")


class SourceLexicon:
    """What the source writes in Latin: words by case, capitalised away from sentence starts, phrases."""

    def __init__(self, texts: list[str]):
        self.text = "\n".join(texts)
        self.lower_text = self.text.casefold()
        self.words: set[str] = set()
        self.midcaps: set[str] = set()
        texts = [t.replace("’", "'") for t in texts]
        self.text = "\n".join(texts)
        self.lower_text = self.text.casefold()
        for t in texts:
            for m in _TOKEN.finditer(t):
                whole = _clean(m.group())
                bare = _POSSESSIVE.sub("", whole) if whole.endswith(("'s", "’s")) else whole
                parts = _WORD_PARTS.split(whole) if "-" in whole or "/" in whole else ()
                mid: bool | None = None  # not at a sentence start; looked up once per token
                for w in {*parts, whole, bare}:
                    if not w:
                        continue
                    self.words.add(w)
                    if w[:1].isupper():
                        if mid is None:
                            mid = not _SENT_START.search(t[: m.start()])
                        if mid:
                            self.midcaps.add(w.casefold())

        # initials of capitalised phrases: Environmental Integrity Project → EIP
        self.initials: set[str] = set()
        for t in texts:
            caps = _LATIN_WORD.findall(t)
            run: list[str] = []
            for w in [*caps, ""]:
                if w[:1].isupper():
                    run.append(w[0])
                elif w.casefold() in ("of", "for", "and", "the", "on", "de") and run:
                    continue
                else:
                    for i in range(len(run)):
                        for j in range(i + 2, len(run) + 1):
                            self.initials.add("".join(run[i:j]))
                    run = []

    def has_phrase(self, phrase: str) -> bool:
        return phrase.casefold() in self.lower_text

    def near_name(self, word: str) -> bool:
        """A capitalised word close to a source name (Gartchore ~ Gartshore): a misspelt name, not English."""
        if len(word) < 5 or not word[:1].isupper():
            return False
        w = word.casefold()
        return any(
            abs(len(c) - len(w)) <= 2 and difflib.SequenceMatcher(None, w, c).ratio() >= 0.8 for c in self.midcaps
        )


@lru_cache(maxsize=16)
def _lexicon(texts: tuple[str, ...]) -> SourceLexicon:
    """The source's lexicon, built once per source and shared by every target side checked against it."""
    return SourceLexicon(list(texts))


def _is_acronym(w: str) -> bool:
    letters = [c for c in w if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _has_lower_hyphen_part(w: str) -> bool:
    parts = [p for p in _HYPHEN.split(w) if p]
    return len(parts) > 1 and any(p[:1].islower() for p in parts)


def token_allowed(tok: str, lex: SourceLexicon, allow: set[str], in_parens: bool) -> bool:
    """Is this Latin token acceptable in Arabic text? (see the module docstring)"""
    w = _clean(tok.replace("’", "'"))
    if not w or not _HAS_LATIN.search(w):
        return True
    if _URLISH.search(w) or w.casefold() in allow or w.casefold() in UNITS:
        return True
    if in_parens and (_is_acronym(w) or lex.has_phrase(w)):
        return True
    if len(w) == 1:
        return w in lex.words
    if any(c.isdigit() for c in w) and w in lex.words:
        return True  # model numbers and handles the source writes the same way (pico-8, cpe210)
    if _has_lower_hyphen_part(w):
        return False
    if _is_acronym(w):
        return w in lex.words or w in lex.initials
    has_upper = any(c.isupper() for c in w)
    if has_upper and not w[:1].isupper():  # iPhone, eBay
        return w in lex.words
    if w[:1].isupper():
        bare = _POSSESSIVE_STRAIGHT.sub("", w)
        return (w.casefold() in lex.midcaps or bare.casefold() in lex.midcaps or lex.near_name(bare)
                or (w in lex.words and any(c.isupper() for c in w[1:])))  # fmt: skip
    return False


def _title_like(text: str) -> bool:
    """A quoted Latin title: first word and most content words capitalised ("JohnnyEnglish", "I Love it").

    A quoted lower-case phrase ("shadow fleet") is a term in scare quotes and should be translated.
    """
    words = [w for w in (_clean(x) for x in text.split()) if w]
    content = [w for w in words if w.casefold() not in _FUNCTION]
    caps = [w for w in content if w[:1].isupper() or w[:1].isdigit()]
    return bool(content) and words[0][:1].isupper() and 2 * len(caps) >= len(content)


def latin_runs(text: str) -> list[tuple[int, int, list[tuple[str, int, int]]]]:
    """Runs of Latin tokens separated only by spaces: ``(start, end, [(token, s, e), …])``."""
    toks = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    runs: list[list[tuple[str, int, int]]] = []
    for t in toks:
        if runs and not text[runs[-1][-1][2] : t[1]].strip(" \u00a0-–"):
            runs[-1].append(t)
        else:
            runs.append([t])
    return [(r[0][1], r[-1][2], r) for r in runs]


def untranslated_spans(text: str, lex: SourceLexicon, allow: set[str]) -> list[tuple[int, int, str]]:
    """Spans of Latin text in ``text`` that the allow-list does not cover."""
    if not _HAS_LATIN.search(text):
        return []  # every token of latin_runs has a Latin letter
    paren_spans = [(m.start(1), m.end(1)) for m in _PARENS.finditer(text) if not _ARABIC.search(m.group(1))]
    quoted = [(m.start(1), m.end(1)) for m in _QUOTED.finditer(text)
              if m.group(1).strip() and not _ARABIC.search(m.group(1))
              and _title_like(m.group(1))]  # fmt: skip

    def in_parens(a: int, b: int) -> bool:
        return any(pa <= a and b <= pb for pa, pb in paren_spans)

    out = []
    for a, b, toks in latin_runs(text):
        if any(qa <= a and b <= qb for qa, qb in quoted):
            continue  # a quoted title or term the source also has ("I Love it")
        bad = [t for t in toks if not token_allowed(t[0], lex, allow, in_parens(t[1], t[2]))]
        if not bad:
            continue
        words = [_clean(t[0]) for t in toks]
        phrase = " ".join(text[a:b].split()).strip(".,;:!?")  # as written: "Resident Evil: Welcome to …"
        content = [w for w in words if w.casefold() not in _FUNCTION]
        if (len(toks) > 1 and (lex.has_phrase(phrase) or lex.has_phrase(" ".join(words)))
                and not any(_has_lower_hyphen_part(w) for w in words)
                and (_title_like(phrase) or (content and all(w[:1].isupper() or w[:1].isdigit() for w in content)))):  # fmt: skip
            continue  # a title or multi-word name the source also writes in Latin ("It's My Party and I'll Cry")
        s, e = bad[0][1], bad[-1][2]
        while e > s + 1 and text[e - 1] in ".:'’-/_+&":
            e -= 1  # the sentence's full stop is not part of the English words
        out.append((s, e, text[s:e]))
    return out


def _same(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


@check(
    "untranslated",
    "Target identical to the source, or Latin-script words left in the Arabic text (allow-list from the source and config).",
    severity="major",
    its_type="untranslated",
    allow=[],
    min_letters=2,
)
def check_untranslated(ctx: Context, s: dict) -> list:
    allow = {a.casefold() for a in s["allow"] or ()}
    lex = _lexicon(tuple(x.text for x in ctx.source))
    out = []
    identical: set[int] = set()
    for p in ctx.pairs:
        if not (p.source_ids and p.target_ids and _same(p.source_text, p.target_text)):
            continue
        if sum(c.isalpha() for c in p.source_text) >= int(s["min_letters"]) and not all(
            token_allowed(t, lex, allow, False) for t in p.target_text.split()
        ):
            identical.update(p.target_ids)
            out.append(
                ctx.finding(
                    "untranslated", s, "The translation is identical to the source: it was not translated.",
                    source_ids=p.source_ids, target_ids=p.target_ids, details={"identical": True},
                )
            )  # fmt: skip
    for t in ctx.target:
        if t.index in identical:
            continue
        spans = untranslated_spans(t.text, lex, allow)
        spans = [x for x in spans if sum(c.isalpha() for c in x[2]) >= int(s["min_letters"])]
        if not spans:
            continue
        words = [x[2] for x in spans]
        quoted = ", ".join(f"“{w}”" for w in words[:5])
        out.append(
            ctx.finding(
                "untranslated", s,
                f"English left untranslated in the Arabic text: {quoted}.",
                source_ids=ctx.source_of_target.get(t.index, ()), target_ids=[t.index],
                target_excerpt=excerpt(t.text, spans[0][0], spans[0][1]),
                details={"words": words, "spans": [[a, b] for a, b, _ in spans]},
            )
        )  # fmt: skip
    return out
