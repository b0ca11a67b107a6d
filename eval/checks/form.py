"""Form checks on the Arabic side: punctuation, spacing, quotes, whitespace, characters, empty text.

Why: these are the checks translators know from Xbench / CheckMate / Trados QA. Arabic has its own
punctuation (، ؛ ؟), no space goes before a punctuation mark and one goes after it, quotes and
brackets come in pairs, and broken encodings (mojibake, presentation forms, stray bidi controls)
make text unsearchable or unreadable. Each finding names the exact characters so a translator can
fix them; one finding per sentence (per paragraph for quotes), with every occurrence in ``details``.
"""

from __future__ import annotations

import unicodedata
from collections import Counter

import regex

from eval.checks.registry import Context, check, excerpt
from eval.text.normalize import BIDI_CONTROLS

_AR_LETTER = r"[\p{Script=Arabic}&&\p{L}]"


def _show(ch: str) -> str:
    return {" ": "space", "\u00a0": "no-break space", "\t": "tab"}.get(ch, ch)


# --------------------------------------------------------------------------------------------
# punctuation.latin
# --------------------------------------------------------------------------------------------

_LATIN_PUNCT = regex.compile(
    rf"(?V1)(?<={_AR_LETTER}[\p{{M}}\u0640]*[ \u00a0]*)[,;?]|[,;?](?=[ \u00a0]*{_AR_LETTER})"
)
_ARABIC_EQUIV = {",": "،", ";": "؛", "?": "؟"}


def latin_punctuation(text: str) -> list[tuple[int, str]]:
    """Latin , ; ? touching Arabic letters (not between digits): ``(offset, char)``."""
    out = []
    for m in _LATIN_PUNCT.finditer(text):
        i = m.start()
        prev = text[i - 1] if i else ""
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if prev.isdigit() and nxt.isdigit():
            continue
        out.append((i, m.group()))
    return out


@check(
    "punctuation.latin",
    "Latin , ; ? next to Arabic letters where the Arabic marks ، ؛ ؟ belong.",
    severity="minor",
    its_type="locale-violation",
    family="punctuation",
)
def check_latin_punctuation(ctx: Context, s: dict) -> list:
    out = []
    for t in ctx.target:
        hits = latin_punctuation(t.text)
        if not hits:
            continue
        marks = Counter(c for _, c in hits)
        what = ", ".join(f"“{c}” ×{n} (use “{_ARABIC_EQUIV[c]}”)" for c, n in marks.items())
        out.append(
            ctx.finding(
                "punctuation.latin", s, f"Latin punctuation in Arabic text: {what}.",
                source_ids=ctx.source_of_target.get(t.index, ()), target_ids=[t.index],
                target_excerpt=excerpt(t.text, hits[0][0], hits[0][0] + 1),
                details={"offsets": [i for i, _ in hits], "marks": dict(marks),
                         "contexts": [t.text[max(0, i - 12) : i + 12] for i, _ in hits]},
            )
        )  # fmt: skip
    return out


# --------------------------------------------------------------------------------------------
# punctuation.spacing
# --------------------------------------------------------------------------------------------

_SPACE_BEFORE = regex.compile(r"(?<=\S)[ \u00a0\t]+([،؛؟,;:?!]|\.(?![.\d]))")
_MISSING_AFTER_AR = regex.compile(r"(?V1)[،؛؟](?=[\p{L}\p{N}])")
_MISSING_AFTER = regex.compile(rf"(?V1)(?<={_AR_LETTER}{{2}}[\p{{M}}]*)[.!:,;?](?={_AR_LETTER})")
_DOUBLED = regex.compile(r"(?<![.…])([.،,؛;:؟?!])[ \u00a0]*(?:[.،,؛;:](?![.]))|([؟?!])[ \u00a0]*\2")


def spacing_problems(text: str) -> list[dict]:
    """Space before punctuation, missing space after it, doubled punctuation: dicts with kind/offset/context."""
    out = []
    for m in _SPACE_BEFORE.finditer(text):
        mark = m.group(1)
        if mark == "." and text[m.end() :].strip() == "" and text[: m.start()].rstrip().endswith((".", "…")):
            continue  # handled as doubled
        if mark in ":!?" and m.end() < len(text) and text[m.end()] == mark:
            continue
        out.append({"kind": "space_before", "offset": m.start(1), "mark": mark})
    for pat in (_MISSING_AFTER_AR, _MISSING_AFTER):
        for m in pat.finditer(text):
            out.append({"kind": "missing_space_after", "offset": m.start(), "mark": m.group()})
    for m in _DOUBLED.finditer(text):
        out.append({"kind": "doubled", "offset": m.start(), "mark": m.group().replace(" ", "")})
    for d in out:
        d["context"] = text[max(0, d["offset"] - 12) : d["offset"] + 12]
    return sorted(out, key=lambda d: d["offset"])


_KIND_TEXT = {"space_before": "space before punctuation", "missing_space_after": "missing space after punctuation",
              "doubled": "doubled punctuation"}  # fmt: skip


@check(
    "punctuation.spacing",
    "Space before a punctuation mark, missing space after one, or doubled punctuation.",
    severity="minor",
    its_type="whitespace",
    family="punctuation",
)
def check_spacing(ctx: Context, s: dict) -> list:
    out = []
    for t in ctx.target:
        probs = spacing_problems(t.text)
        if not probs:
            continue
        kinds = Counter(p["kind"] for p in probs)
        what = "; ".join(f"{_KIND_TEXT[k]} ×{n}" for k, n in kinds.items())
        first = probs[0]
        out.append(
            ctx.finding(
                "punctuation.spacing", s,
                f"Punctuation spacing: {what} (e.g. “{first['context'].strip()}”).",
                source_ids=ctx.source_of_target.get(t.index, ()), target_ids=[t.index],
                target_excerpt=excerpt(t.text, first["offset"], first["offset"] + 1),
                details={"problems": probs, "counts": dict(kinds)},
            )
        )  # fmt: skip
    return out


# --------------------------------------------------------------------------------------------
# quotes.unbalanced
# --------------------------------------------------------------------------------------------

PAIRS = (("“", "”"), ("«", "»"), ("(", ")"), ("[", "]"), ("{", "}"))


def quote_counts(text: str) -> dict[str, int]:
    """Counts of every paired quote/bracket character and of the straight double quote."""
    chars = [c for p in PAIRS for c in p] + ['"']
    return {c: text.count(c) for c in chars if c in text}


def imbalances(text: str) -> list[str]:
    """Which pairs do not balance in ``text`` (by count; straight quotes by parity)."""
    counts = quote_counts(text)
    out = [f"{o}{c}" for o, c in PAIRS if counts.get(o, 0) != counts.get(c, 0)]
    if counts.get('"', 0) % 2:
        out.append('"')
    return out


def _double_quote_balance(text: str) -> int:
    return text.count("“") - text.count("”") + text.count("«") - text.count("»") + text.count('"') % 2


@check(
    "quotes.unbalanced",
    "Unpaired quotation marks or brackets within a paragraph (counts of each mark are reported).",
    severity="minor",
    its_type="pattern-problem",
    family="quotes",
    skip_if_source_unbalanced=True,
)
def check_quotes(ctx: Context, s: dict) -> list:
    out = []
    doc_text = "\n".join(t.text for t in ctx.target)
    doc_counts = quote_counts(doc_text)
    for para, sents in sorted(ctx.target_paragraphs.items()):
        text = " ".join(x.text for x in sents)
        bad = imbalances(text)
        if not bad:
            continue
        ids = [x.index for x in sents]
        src_ids = ctx.sources_for(ids)
        if s["skip_if_source_unbalanced"] and src_ids:
            src_text = ctx.join(ctx.source, src_ids)
            if _double_quote_balance(src_text) != 0 and not [b for b in bad if b in ("()", "[]", "{}")]:
                continue  # the source paragraph is itself open (a quote running on), so is the target
        counts = quote_counts(text)
        parts = []
        for b in bad:
            if b == '"':
                parts.append(f'{counts.get(chr(34), 0)} straight " (odd)')
            else:
                parts.append(f"{counts.get(b[0], 0)} “{b[0]}” vs {counts.get(b[1], 0)} “{b[1]}”")
        pos = min((text.find(c) for b in bad for c in b if c in text), default=0)
        out.append(
            ctx.finding(
                "quotes.unbalanced", s, f"Unbalanced quotes or brackets in this paragraph: {'; '.join(parts)}.",
                source_ids=src_ids, target_ids=ids, target_excerpt=excerpt(text, pos, pos + 1),
                details={"paragraph": para, "counts": counts, "unbalanced": bad, "document_counts": doc_counts},
            )
        )  # fmt: skip
    return out


# --------------------------------------------------------------------------------------------
# whitespace
# --------------------------------------------------------------------------------------------

_ODD_SPACE = "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_WS_PROBLEMS = (
    ("doubled", regex.compile(r"[ \t\u00a0" + _ODD_SPACE + r"]{2,}")),
    ("tab", regex.compile(r"\t")),
    ("unusual_space", regex.compile("[" + _ODD_SPACE + "]")),
    ("zero_width", regex.compile(r"[\u200b\ufeff\u2060]")),
    ("leading", regex.compile(r"^\s+")),
    ("trailing", regex.compile(r"\s+$")),
)


def whitespace_problems(text: str) -> list[dict]:
    out = []
    for kind, pat in _WS_PROBLEMS:
        for m in pat.finditer(text):
            out.append({"kind": kind, "offset": m.start(), "chars": [f"U+{ord(c):04X}" for c in m.group()]})
    return sorted(out, key=lambda d: d["offset"])


@check(
    "whitespace",
    "Doubled spaces, tabs, unusual or zero-width spaces, leading/trailing whitespace in a sentence.",
    severity="minor",
    its_type="whitespace",
)
def check_whitespace(ctx: Context, s: dict) -> list:
    out = []
    for t in ctx.target:
        probs = whitespace_problems(t.text)
        if not probs:
            continue
        kinds = Counter(p["kind"] for p in probs)
        out.append(
            ctx.finding(
                "whitespace", s,
                "Whitespace: " + ", ".join(f"{k.replace('_', ' ')} ×{n}" for k, n in kinds.items()) + ".",
                source_ids=ctx.source_of_target.get(t.index, ()), target_ids=[t.index],
                target_excerpt=excerpt(t.text, probs[0]["offset"], probs[0]["offset"] + 1),
                details={"problems": probs, "counts": dict(kinds)},
            )
        )  # fmt: skip
    return out


# --------------------------------------------------------------------------------------------
# characters
# --------------------------------------------------------------------------------------------

_C1 = "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
#: UTF-8 read as Windows-1252/Latin-1: Arabic (Ø§Ù„), accented Latin (Ã©), punctuation (â€™).
MOJIBAKE = regex.compile(rf"(?:[\u00d8\u00d9\u00da\u00db][{_C1}]){{2,}}|\u00c3[{_C1}]|\u00e2\u20ac[{_C1}]")
_REPLACEMENT = regex.compile("\ufffd")
_PRESENTATION = regex.compile(r"[\ufb50-\ufdff\ufe70-\ufefe]")
_CONTROL = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BIDI = regex.compile("[" + "".join(sorted(BIDI_CONTROLS)) + "]")
_DIGIT_RUN = regex.compile(r"[0-9\u0660-\u0669\u06f0-\u06f9]+(?:[.,\u066b\u066c][0-9\u0660-\u0669\u06f0-\u06f9]+)*")
_LATIN_BEFORE = regex.compile(r"\p{Latin}-?$")
_LATIN = regex.compile(r"\p{Latin}")
_SYSTEMS = (("western", "0123456789"), ("arabic-indic", "٠١٢٣٤٥٦٧٨٩"), ("persian", "۰۱۲۳۴۵۶۷۸۹"))


def digit_system(run: str) -> str:
    found = {name for name, digits in _SYSTEMS for c in run if c in digits}
    return "mixed" if len(found) > 1 else (found.pop() if found else "")


def digit_runs(text: str) -> list[tuple[int, int, str, str]]:
    """Digit runs with their system, skipping runs glued to Latin letters (COVID-19, G7, URLs)."""
    out = []
    for m in _DIGIT_RUN.finditer(text):
        a, b = m.start(), m.end()
        before = text[max(0, a - 2) : a]
        after = text[b : b + 1]
        if _LATIN_BEFORE.search(before) or _LATIN.match(after):
            continue
        out.append((a, b, m.group(), digit_system(m.group())))
    return out


def character_problems(text: str) -> list[dict]:
    out = []
    for kind, pat in (("replacement", _REPLACEMENT), ("mojibake", MOJIBAKE),
                      ("presentation_form", _PRESENTATION), ("control", _CONTROL), ("bidi_control", _BIDI)):  # fmt: skip
        for m in pat.finditer(text):
            out.append({"kind": kind, "offset": m.start(), "text": m.group(),
                        "codepoints": [f"U+{ord(c):04X}" for c in m.group()[:6]]})  # fmt: skip
    return out


_CHAR_TEXT = {
    "replacement": "replacement character � (text lost in conversion)",
    "mojibake": "mojibake (UTF-8 decoded as Latin-1/Windows-1252)",
    "presentation_form": "Arabic presentation-form characters (not searchable; use the ordinary letters)",
    "control": "control characters",
    "bidi_control": "invisible bidi control characters",
    "mixed_digits": "digits in a different numeral system from the rest of the text",
}


@check(
    "characters",
    "Replacement characters, mojibake, bidi controls, presentation forms, control characters, mixed digit systems.",
    severity="major",
    its_type="characters",
    kind_severity={"bidi_control": "minor"},
)
def check_characters(ctx: Context, s: dict) -> list:
    kind_sev = dict(s["kind_severity"] or {})
    runs = {t.index: digit_runs(t.text) for t in ctx.target}
    systems = Counter(r[3] for rs in runs.values() for r in rs if r[3] and r[3] != "mixed")
    majority = max(systems, key=lambda k: (systems[k], k == "western")) if systems else ""
    out = []
    for t in ctx.target:
        probs = character_problems(t.text)
        for a, _b, run, system in runs[t.index]:
            if system == "mixed" or (len(systems) > 1 and system != majority):
                probs.append({"kind": "mixed_digits", "offset": a, "text": run, "system": system,
                              "document_majority": majority})  # fmt: skip
        if not probs:
            continue
        probs.sort(key=lambda d: d["offset"])
        kinds = Counter(p["kind"] for p in probs)
        sev = max((kind_sev.get(k, s["severity"]) for k in kinds), key=_rank)
        desc = "; ".join(f"{_CHAR_TEXT[k]} ×{n}" for k, n in kinds.items())
        if "mixed_digits" in kinds:
            nums = [p["text"] for p in probs if p["kind"] == "mixed_digits"]
            desc += f" — {', '.join(nums[:5])} where the text otherwise uses {majority} digits"
        out.append(
            ctx.finding(
                "characters", s, f"Character problems: {desc}.",
                source_ids=ctx.source_of_target.get(t.index, ()), target_ids=[t.index], severity=sev,
                target_excerpt=excerpt(t.text, probs[0]["offset"], probs[0]["offset"] + 1),
                details={"problems": probs, "counts": dict(kinds)},
            )
        )  # fmt: skip
    return out


def _rank(sev: str) -> int:
    order = {"info": 0, "minor": 1, "major": 2, "critical": 3}
    return order.get(sev, 0)


# --------------------------------------------------------------------------------------------
# empty
# --------------------------------------------------------------------------------------------


def _has_content(text: str) -> bool:
    return any(unicodedata.category(c)[0] in "LN" for c in text)


@check(
    "empty",
    "Empty translation for a non-empty source (document or aligned sentence), or the reverse.",
    severity="critical",
    its_type="omission",
    needs_source=True,
)
def check_empty(ctx: Context, s: dict) -> list:
    src_full = any(_has_content(x.text) for x in ctx.source)
    tgt_full = any(_has_content(x.text) for x in ctx.target)
    if src_full and not tgt_full:
        return [
            ctx.finding(
                "empty", s, "The translation is empty but the source is not.",
                source_ids=[x.index for x in ctx.source][:1], target_ids=[x.index for x in ctx.target],
                details={"level": "document"},
            )
        ]  # fmt: skip
    if tgt_full and not src_full:
        return [
            ctx.finding(
                "empty", s, "The source is empty but the translation is not.",
                source_ids=[x.index for x in ctx.source], target_ids=[x.index for x in ctx.target][:1],
                details={"level": "document"},
            )
        ]  # fmt: skip
    out = []
    for p in ctx.pairs:
        if not (p.source_ids and p.target_ids):
            continue
        src_has, tgt_has = _has_content(p.source_text), _has_content(p.target_text)
        if src_has != tgt_has:
            which = "translation" if src_has else "source"
            out.append(
                ctx.finding(
                    "empty", s, f"The {which} of this aligned sentence has no words (only punctuation or spaces).",
                    source_ids=p.source_ids, target_ids=p.target_ids, details={"level": "sentence"},
                )
            )  # fmt: skip
    return out
