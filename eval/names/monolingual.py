"""Name consistency from the Arabic alone, for documents without an English source.

Why: a newsroom often has only the published Arabic page (the seed article came so). Without an English
anchor a name is recognised by what it looks like, and clustered with its other spellings:

- *name-like* stems (after clitic stripping): a CLDR country name in Arabic (babel), or a word with the endings of
  transliterated names (-يف/-وف/-ييف Slavic and Turkic surnames, -ستان countries, -سكي, -فيتش, -شفيلي,
  -ينكو) of at least ``MIN_ENDING_NAME`` letters that is not an Arabic pattern word (معروف, خفيف); never
  a word of the common-word list (:mod:`eval.names.stoplist`). Measured on WMT25 outputs with the source
  withheld: the gazetteer's Arabic side and the endings -يان (duals: يؤديان) and -يتش (dialect negation:
  حسيتش) made findings on ordinary words, so they are not used;
- two stems of one document are spellings of one name when their orthographic folds are equal
  (أبلياسوف / ابلياسوف → ``name.orthographic``), when one is a clipped form of the other
  (نزارباي for نزارباييف, :func:`~eval.names.translit.is_truncation`; surnames only) or when they are close
  transliterations (كازاخستان / قازاقستان: :func:`~eval.names.translit.arabic_similarity` ≥
  ``MIN_VARIANT_SIMILARITY``) with the same first letter class and length within two letters
  (→ ``name.inconsistent``). A demonym of a country (كازاخ, ألمان) is not a clipping.

The main form is the most frequent; rows carry no English (``english`` is the main Arabic form).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import lru_cache

import regex

from eval.model import Finding, Sentence
from eval.names.findings import NameResult
from eval.names.stoplist import is_stopword
from eval.names.translit import arabic_similarity, fold_arabic, is_truncation, skeleton_ar
from eval.text.clitics import arabic_words, strip_clitics

#: close transliterations of one name; كازاخستان / قازاقستان 0.85, while كاميرون / كمان ("also") is 0.61
MIN_VARIANT_SIMILARITY = 0.8
#: a clipped form keeps at least this many letters (توكاي of توكاييف; shorter prefixes are words)
MIN_CLIPPED = 4
_ENDINGS = regex.compile(r"(?:يي?ف|وف|يفا|وفا|ستان|سكي|سكا|فيتش|شفيلي|ينكو|انكو)$")
#: Arabic words with those endings: the patterns مفعول (معروف, مألوف) and فعيل (خفيف, لطيف), after the
#: article and a final alef or ta marbuta; and stems shorter than this (after the article) are words
_ARABIC_PATTERNS = regex.compile(r"^(?:م..و.|..ي.)$")
MIN_ENDING_NAME = 6
_LETTERS = regex.compile(r"^[\u0621-\u064A]+$")


@lru_cache(maxsize=1)
def _known() -> frozenset[str]:
    """Folds of CLDR's Arabic country names. Not the gazetteer's Arabic side: personal names there are
    also everyday words (معروف, حبيبة, سعيدة), and on WMT25 outputs they made nearly every finding false."""
    from babel import Locale

    forms = Locale("ar").territories.values()
    return frozenset(fold_arabic(f) for f in forms if " " not in f and len(f) >= 4 and not is_stopword(f))


def name_like(stem: str) -> bool:
    """A stem that looks like a transliterated name (see the module docstring)."""
    if len(stem) < MIN_CLIPPED + 1 or not _LETTERS.match(stem) or is_stopword(stem):
        return False
    if fold_arabic(stem) in _known():
        return True
    bare = stem[2:] if stem.startswith("ال") else stem
    core = bare[:-1] if bare.endswith(("ا", "ة")) else bare
    return (bool(_ENDINGS.search(stem)) and len(bare) >= MIN_ENDING_NAME
            and not _ARABIC_PATTERNS.match(core))


def _stem(word: str) -> str | None:
    """The name-like stem of a word, or None: a known spelling first (كازاخستان of الكازاخستان), else the
    shortest name-like candidate (نزارباييف of لنزارباييف: the clitic is part of the longer one)."""
    stems = [s for s in strip_clitics(word) if name_like(s)]
    known = [s for s in stems if fold_arabic(s) in _known()]
    pick = known or stems
    return min(pick, key=len) if pick else None


def _mentions(target: list[Sentence]) -> tuple[Counter, dict[str, list[int]], list[tuple[int, tuple[str, ...]]]]:
    """Name-like stems with counts and sentence ids, and the candidate stems of every word of the side
    (sentence id, stems), where clipped forms are looked for."""
    counts: Counter = Counter()
    where: dict[str, list[int]] = defaultdict(list)
    every: list[tuple[int, tuple[str, ...]]] = []
    for t in target:
        for word, _a, _b in arabic_words(t.text):
            # proclitics only (و ب ل ال …): a suffix taken off (أمريك of أمريكي) is no clipped name
            every.append((t.index, tuple(x for x in strip_clitics(word) if word.endswith(x))))
            s = _stem(word)
            if s:
                counts[s] += 1
                if t.index not in where[s]:
                    where[s].append(t.index)
    return counts, where, every


def _clipped(short: str, long: str) -> bool:
    """``short`` is a clipped ``long``, a surname with a transliterated ending (نزارباي of نزارباييف).
    Not countries: their clipped forms are demonyms and adjectives (كازاخ, ألمان "Germans", أمريك-ي)."""
    if len(short) < MIN_CLIPPED or is_stopword(short) or not is_truncation(short, long, known=True):
        return False
    return bool(_ENDINGS.search(long)) and not long.endswith("ستان") and fold_arabic(long) not in _known()


def _variants(a: str, b: str) -> bool:
    return (abs(len(a) - len(b)) <= 2 and skeleton_ar(a)[:1] == skeleton_ar(b)[:1]
            and arabic_similarity(a, b) >= MIN_VARIANT_SIMILARITY)


def _gender_pair(a: str, b: str) -> bool:
    """The masculine and feminine of one surname (إيفانوف / إيفانوفا: Ivanov and his wife Ivanova) are two
    people's names, not two spellings of one."""
    short, long = sorted((fold_arabic(a), fold_arabic(b)), key=len)
    return long[:-1] == short and long[-1] in "اةه" and bool(_ENDINGS.search(short))


def _clusters(counts: Counter, every: list[tuple[int, tuple[str, ...]]]) -> tuple[list[list[str]], Counter, dict]:
    """Groups of spellings of one name: name-like stems joined by fold or as variants, plus clipped forms
    (the longest stem of a word that clips a member: توكاي, which is not name-like itself). Returns the
    groups and the counts and sentence ids of the clipped forms."""
    names = sorted(counts, key=lambda s: (-counts[s], s))
    parent = {s: s for s in names}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, a in enumerate(names):
        for b in names[i + 1:]:
            if _gender_pair(a, b):
                continue
            if fold_arabic(a) == fold_arabic(b) or _variants(a, b) or _clipped(b, a) or _clipped(a, b):
                parent[find(b)] = find(a)
    groups: dict[str, list[str]] = defaultdict(list)
    for s in names:
        groups[find(s)].append(s)
    extra: Counter = Counter()
    where: dict[str, list[int]] = defaultdict(list)
    by_first = defaultdict(list)
    for members in groups.values():
        for m in members:
            by_first[fold_arabic(m)[:MIN_CLIPPED]].append(m)
    for sid, stems in every:
        if any(s in counts for s in stems):
            continue
        clips = [(s, m) for s in stems for m in by_first.get(fold_arabic(s)[:MIN_CLIPPED], ())
                 if _clipped(s, m) and not _gender_pair(s, m)]
        if clips:
            s, m = max(clips, key=lambda c: len(c[0]))
            extra[s] += 1
            if sid not in where[s]:
                where[s].append(sid)
            root = groups[find(m)]
            if s not in root:
                root.append(s)
    return list(groups.values()), extra, where


def monolingual_names(doc_id: str, side: str, target: list[Sentence], params: dict | None = None) -> NameResult:
    """Name rows and ``name.inconsistent`` / ``name.orthographic`` findings of one source-free side."""
    counts, where, every = _mentions(target)
    severity = (params or {}).get("severity", {}) if isinstance((params or {}).get("severity"), dict) else {}
    res = NameResult()
    groups, extra, extra_where = _clusters(counts, every)
    counts.update(extra)
    where.update(extra_where)
    for members in groups:
        members.sort(key=lambda s: (-counts[s], -len(s), s))  # at a tie the longer: a clipped form is never main
        main = members[0]
        forms = [{"form": m, "count": int(counts[m]), "sentence_ids": where[m], "kind": "form"} for m in members]
        orthographic = len(members) > 1 and len({fold_arabic(m) for m in members}) == 1
        clipped = [m for m in members[1:] if _clipped(m, main)]
        for m in members:
            verdict = "ok" if m == main else ("orthographic" if fold_arabic(m) == fold_arabic(main)
                                              else "truncated" if m in clipped else "inconsistent")
            res.rows.append({"doc_id": doc_id, "system": side, "entity": main, "english": main, "arabic_form": m,
                             "count": int(counts[m]), "sentence_ids": where[m], "verdict": verdict,
                             "kind": "name", "source_ids": []})
        if len(members) < 2:
            continue
        check = "name.orthographic" if orthographic else "name.inconsistent"
        listed = ", ".join(f"{f['form']} ×{f['count']}" for f in forms)
        what = "spelled with differences only in hamza/alef/ya/ta marbuta" if orthographic else f"written {len(members)} ways"
        note = " (truncated)" if clipped and not orthographic else ""
        ids = sorted({i for m in members for i in where[m]})
        res.findings.append(Finding(
            doc_id=doc_id, system=side, check=check,
            severity=severity.get(check, "minor" if orthographic else "major"),
            its_type="inconsistency", target_ids=tuple(ids),
            target_excerpt=" / ".join(members), message=f"{main} is {what} in this article (no English source): {listed}{note}",
            details={"entity": main, "english": "", "main": main, "forms": forms, "source": "arabic-only"}))
    consistent = [r for r in res.rows if r["verdict"] == "ok"]
    res.consistency = (len(consistent) / len(res.rows)) if res.rows else None
    return res
