"""Name checks for one document side: entity renderings, consistency, substitutions, glossary.

How it decides (thresholds in :data:`DEFAULTS`, tuned in benchmarks/names.py):

1. English entities come from :mod:`eval.names.entities`; only people, places and other names are
   checked (organisations and nationalities are translated, not transliterated).
2. Every Arabic span of 1–3 words (first word's clitics stripped) is scored against every entity:
   ``name_similarity`` on skeletons, or 1.0 when it equals a known CLDR / glossary spelling.
   Spans are assigned greedily, best score first, without overlap, so one word renders one entity.
   A span scoring ≥ ``accept`` (0.75) is a *form* of the entity; a nisba adjective of a form
   (روسيا → الروسية, كازاخستان → الكازاخستانية) is an acceptable rendering but not a form; a span whose
   letters are a prefix of a form (توكاي / توكاييف, score ≥ ``truncation_min``) is a *truncated* form.
3. An entity is *resolved* when it has a form anywhere in the document or a known spelling. Only
   resolved entities can be missing or mistranslated: a capitalised English word that was never
   transliterated (the West → الغرب) is a translated word, not a failure (verdict ``unmatched``).
4. For each source mention, the aligned target sentences (from the beads; the whole document when
   there are no beads) must hold a form or nisba of the entity. If not, an unassigned span there that
   is a known name (CLDR place, another entity's form, glossary, ``known_names``) the bead's source
   does not explain, or that is name-like and similar-but-different (score in
   [``substitute_min``, ``accept``), not a truncation: الناصرة for Nazarbayev, 0.6) makes it
   ``name.mistranslated``; otherwise ``name.missing``. Omitted sentences (1-0 beads) are left to
   the alignment check.

Accuracy = acceptable renderings / source mentions of resolved entities (truncations, substitutions,
missing renderings and user-glossary violations are not acceptable). Consistency = resolved entities
with one surface form / resolved entities with at least one form.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from eval.model import Bead, Finding, GlossaryEntry, Sentence
from eval.names.entities import NAME_KINDS, Mention, extract_entities, gazetteer, language_mentions, load_spacy
from eval.names.translit import (
    fold_arabic,
    is_truncation,
    name_similarity,
    skeleton_ar,
    skeleton_en,
)

DEFAULTS: dict[str, Any] = {
    "accept": 0.75,  # name_similarity for a confident rendering
    "truncation_min": 0.5,  # a clipped form must still resemble the English name this much
    "substitute_min": 0.45,  # similar-but-different band for a garbled / substituted name
    "max_span": 3,
    "builtin_glossary": True,  # flag forms that differ from CLDR country/city spellings
    "use_spacy": True,
    "known_names": (),  # extra Arabic names (e.g. from the whole corpus) for substitution detection
    "severity": {},  # check id → severity override
    "disabled": (),  # check ids to skip
}

SEVERITY = {
    "name.inconsistent": "major",
    "name.orthographic": "minor",
    "name.mistranslated": "critical",
    "name.missing": "major",
    "name.glossary": "major",
    "name.language_vs_country": "major",
    "name.cross_document": "minor",
}
ITS_TYPE = {
    "name.inconsistent": "inconsistency",
    "name.orthographic": "inconsistency",
    "name.mistranslated": "mistranslation",
    "name.missing": "omission",
    "name.glossary": "terminology",
    "name.language_vs_country": "mistranslation",
    "name.cross_document": "inconsistency",
}

#: frequent Arabic words that must never count as a substituted name
_AR_COMMON = frozenset(
    fold_arabic(w)
    for w in """في من إلى على عن مع أن إن كان كانت قال قالت وقال يقول هذا هذه ذلك التي الذي الذين لكن لم لن
    قد كما بعد قبل عند حتى بين أو ثم كل بعض غير رئيس الرئيس الحكومة حكومة الوزير وزير العام عام اليوم يوم
    خلال حول ضد منذ نحو أكثر أيضا هناك هنا الآن الذي وهو وهي هو هي هم نحن أنا لقد إنه أنه""".split()
)


@dataclass
class NameResult:
    """What the names stage returns for one document side."""

    findings: list[Finding] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)
    accuracy: float | None = None
    consistency: float | None = None


# --------------------------------------------------------------------------- Arabic tokens


def _fallback_words(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in re.finditer(r"[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff\u064b-\u0652\u0640]+", text)]


_PREFIXES = ("وبال", "وكال", "فبال", "وال", "فال", "بال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")


def _fallback_clitics(word: str) -> list[str]:
    out = [word]
    w = word
    for _ in range(2):
        for p in _PREFIXES:
            if w.startswith(p) and len(w) - len(p) >= 2:
                w = w[len(p):]
                if p == "لل" and not w.startswith("ل"):
                    out.append("ال" + w)
                out.append(w)
                break
        else:
            break
    return out


try:  # the text helper's tokeniser and clitic stripper, when present
    from eval.text.clitics import arabic_words as _arabic_words
    from eval.text.clitics import strip_clitics as _strip_clitics
except ImportError:  # pragma: no cover - depends on build order
    _arabic_words = _fallback_words
    _strip_clitics = _fallback_clitics


def _stems(word: str) -> list[str]:
    try:
        stems = list(_strip_clitics(word))
    except Exception:  # noqa: BLE001 - a tokenizer failure must not stop the names stage
        stems = _fallback_clitics(word)
    out, seen = [], set()
    for s in [word, *stems]:
        if s and s not in seen and len(s) >= 2:
            seen.add(s)
            out.append(s)
    return out


@dataclass(frozen=True)
class _Span:
    sid: int  # target sentence id
    i: int  # first token index
    n: int  # tokens
    text: str  # candidate string (first word's clitics stripped)
    raw: str  # text as written


def _spans(target: list[Sentence], max_span: int) -> list[_Span]:
    out: list[_Span] = []
    for t in target:
        words = [w for w, _, _ in _arabic_words(t.text)]
        for i, w in enumerate(words):
            stems = _stems(w)
            for n in range(1, max_span + 1):
                if i + n > len(words):
                    break
                tail = words[i + 1:i + n]
                raw = " ".join([w, *tail])
                for s in stems:
                    out.append(_Span(t.index, i, n, " ".join([s, *tail]), raw))
    return out


# --------------------------------------------------------------------------- entities


@dataclass
class _Entity:
    key: str
    display: str
    kind: str
    n_words: int
    known: tuple[str, ...]  # approved / CLDR spellings
    approved_user: tuple[str, ...] = ()  # from the user's glossary (folded)
    mentions: list[Mention] = field(default_factory=list)
    forms: dict[str, list[int]] = field(default_factory=dict)  # form → target sentence ids
    truncated: dict[str, list[int]] = field(default_factory=dict)
    derived: dict[str, list[int]] = field(default_factory=dict)
    spans_by_sid: dict[int, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))

    @property
    def resolved(self) -> bool:
        return bool(self.forms or self.known)


_NISBA = ("ي", "يه", "ية", "يين", "يون", "يان", "يتين", "يا")


def _nisba_of(form: str, bases: list[str]) -> bool:
    """True when ``form`` is an adjective derived from one of ``bases`` (روسيا → الروسية)."""
    f = fold_arabic(form)
    if f.startswith("ال"):
        f = f[2:]
    for b in bases:
        fb = fold_arabic(b)
        if fb.startswith("ال"):
            fb = fb[2:]
        for stem in {fb, fb.rstrip("اهي"), fb[:-2] if fb.endswith("يا") else fb}:
            if len(stem) >= 2 and f.startswith(stem) and f != fb and f[len(stem):] in _NISBA:
                return True
    return False


def _glossary_table(glossary: list[GlossaryEntry]) -> dict[str, GlossaryEntry]:
    return {g.english.strip().lower(): g for g in glossary or ()}


def _build_entities(mentions: list[Mention], glossary: dict[str, GlossaryEntry]) -> dict[str, _Entity]:
    ents: dict[str, _Entity] = {}
    for m in mentions:
        if m.kind not in NAME_KINDS:
            continue
        e = ents.get(m.key)
        if e is None:
            g = glossary.get(m.key.lower()) or glossary.get(m.full.lower())
            known = tuple(m.arabic)
            user: tuple[str, ...] = ()
            if g is not None:
                user = (g.arabic, *g.variants)
                known = user + known
            e = ents[m.key] = _Entity(m.key, m.full or m.text, m.kind, m.n_words, known, user)
        if len(m.full) > len(e.display):
            e.display = m.full
        e.mentions.append(m)
    return ents


# --------------------------------------------------------------------------- main


def _finding(check: str, p: dict, **kw: Any) -> Finding:
    return Finding(check=check, severity=p["severity"].get(check, SEVERITY[check]), its_type=ITS_TYPE[check], **kw)


def analyse_names(
    doc_id: str,
    system: str,
    source: list[Sentence],
    target: list[Sentence],
    beads: list[Bead],
    glossary: list[GlossaryEntry],
    params: dict | None = None,
) -> NameResult:
    """Name findings, entity-table rows, accuracy and consistency for one document side."""
    p = {**DEFAULTS, **(params or {})}
    res = NameResult()
    if not source or not target:
        return res
    nlp = load_spacy() if p["use_spacy"] else None
    mentions = extract_entities([s.text for s in source], nlp=nlp)
    gtab = _glossary_table(glossary)
    ents = _build_entities(mentions, gtab)

    s2t: dict[int, tuple[int, ...]] = {}
    t2s: dict[int, tuple[int, ...]] = {}
    for b in beads or ():
        for s in b.source_ids:
            s2t[s] = tuple(b.target_ids)
        for t in b.target_ids:
            t2s[t] = tuple(b.source_ids)
    all_t = tuple(t.index for t in target)

    def aligned(sid: int) -> tuple[int, ...]:
        return s2t.get(sid, ()) if beads else all_t

    # ---- score spans against entities, assign greedily
    spans = _spans(target, p["max_span"])
    uniq: dict[str, list[_Span]] = defaultdict(list)
    for sp in spans:
        uniq[sp.text].append(sp)
    cands: list[tuple[float, int, str, _Span]] = []  # (score, -n, key, span)
    for e in ents.values():
        se = skeleton_en(e.key)
        if not se:
            continue
        known_f = {fold_arabic(k) for k in e.known}
        known_f |= {k[2:] for k in known_f if k.startswith("ال")}
        max_n = min(p["max_span"], max(e.n_words, max((len(k.split()) for k in e.known), default=1)) + 1)
        for text, sps in uniq.items():
            n = sps[0].n
            if n > max_n:
                continue
            ft = fold_arabic(text)
            if ft in known_f:
                score = 1.0
            else:
                sa = skeleton_ar(text)
                if not sa or abs(len(sa) - len(se)) > max(2, len(se) // 2):
                    continue
                score = name_similarity(e.key, text)
                if score < p["substitute_min"]:
                    continue
                if n > e.n_words:
                    score -= 0.05  # prefer the shorter span on ties
            for sp in sps:
                cands.append((score, -sp.n, e.key, sp))
    cands.sort(key=lambda c: (-c[0], c[1], c[3].sid, c[3].i))
    taken: dict[tuple[int, int], str] = {}  # (sid, token) → entity key
    assigned: list[tuple[str, _Span, float]] = []
    weak: list[tuple[str, _Span, float]] = []
    for score, _, key, sp in cands:
        if score < p["accept"]:
            weak.append((key, sp, score))
            continue
        cells = [(sp.sid, sp.i + k) for k in range(sp.n)]
        if any(c in taken for c in cells):
            continue
        for c in cells:
            taken[c] = key
        assigned.append((key, sp, score))
    for key, sp, _score in assigned:
        ents[key].spans_by_sid[sp.sid].append((sp.text, "form"))
    for key, sp, _ in assigned:
        e = ents[key]
        bases = list(e.known) + [t for t, _ in (x for v in e.spans_by_sid.values() for x in v) if t != sp.text]
        if _nisba_of(sp.text, bases):
            e.derived.setdefault(sp.text, []).append(sp.sid)
        else:
            e.forms.setdefault(sp.text, []).append(sp.sid)
    # truncated forms: letter-prefix of a form, not taken by anything else
    for key, sp, score in weak:
        e = ents[key]
        cells = [(sp.sid, sp.i + k) for k in range(sp.n)]
        if score < p["truncation_min"] or any(c in taken for c in cells) or not e.forms:
            continue
        if any(is_truncation(sp.text, f) for f in e.forms):
            for c in cells:
                taken[c] = key
            e.truncated.setdefault(sp.text, []).append(sp.sid)
            e.spans_by_sid[sp.sid].append((sp.text, "truncated"))

    # ---- known names for substitution detection
    g = gazetteer()
    lexicon: dict[str, str] = {}  # folded → entity key that owns it ("" for gazetteer)
    for f in g.arabic_names:
        lexicon[f] = ""
    for e in ents.values():
        for f in list(e.forms) + list(e.known):
            lexicon[fold_arabic(f)] = e.key
    for ge in glossary or ():
        lexicon.setdefault(fold_arabic(ge.arabic), ge.english)
    for k in p["known_names"] or ():
        lexicon.setdefault(fold_arabic(k), "")
    weak_by_key_sid: dict[tuple[str, int], list[tuple[_Span, float]]] = defaultdict(list)
    for key, sp, score in weak:
        weak_by_key_sid[(key, sp.sid)].append((sp, score))
    spans_by_sid: dict[int, list[_Span]] = defaultdict(list)
    for sp in spans:
        spans_by_sid[sp.sid].append(sp)
    src_keys = defaultdict(set)
    for m in mentions:
        src_keys[m.sentence].add(m.key)

    def substitute(e: _Entity, sid: int, tids: tuple[int, ...]) -> tuple[str, int, str] | None:
        explained = set().union(*(src_keys[s] for s in t2s.get(tids[0], (sid,)))) if tids else set()
        explained |= src_keys[sid]
        for t in tids:  # a known name the source does not explain
            for sp in spans_by_sid[t]:
                if any((t, sp.i + k) in taken for k in range(sp.n)):
                    owner = taken.get((t, sp.i))
                    if owner in explained or owner is None:
                        continue
                    return (sp.text, t, f"rendering of {owner}")
                f = fold_arabic(sp.text)
                owner = lexicon.get(f)
                if owner is not None and owner not in explained and f not in _AR_COMMON and len(f) >= 3:
                    return (sp.text, t, "known name" if not owner else f"rendering of {owner}")
        best = None
        for t in tids:  # similar-but-different, name-like
            for sp, score in weak_by_key_sid.get((e.key, t), ()):
                if any((t, sp.i + k) in taken for k in range(sp.n)) or sp.n > e.n_words:
                    continue
                f = fold_arabic(sp.text)
                if f in _AR_COMMON or len(f) < 4 or any(is_truncation(sp.text, x) for x in e.forms):
                    continue
                if best is None or score > best[0]:
                    best = (score, sp.text, t)
        if best:
            return (best[1], best[2], f"similar but different ({best[0]:.2f})")
        return None

    # ---- per mention verdicts
    tgt_text = {t.index: t.text for t in target}
    disabled = set(p["disabled"])
    ok_n = total_n = 0
    for e in ents.values():
        if not e.resolved:
            res.rows.append(_row(doc_id, system, e, "", [], "unmatched", [m.sentence for m in e.mentions]))
            continue
        all_forms = set(e.forms) | set(e.derived)
        user_ok = {fold_arabic(a) for a in e.approved_user}
        problems: dict[str, list] = defaultdict(list)
        for m in e.mentions:
            tids = aligned(m.sentence)
            total_n += 1
            if not tids:
                continue  # omitted sentence: the alignment check reports it
            here = [(txt, kind) for t in tids for txt, kind in e.spans_by_sid.get(t, ())]
            good = [txt for txt, kind in here if kind == "form" and txt in all_forms]
            if good:
                if not user_ok or any(fold_arabic(x) in user_ok or _nisba_of(x, list(e.approved_user)) for x in good):
                    ok_n += 1
                continue
            if any(kind == "truncated" for _, kind in here):
                continue  # reported with the inconsistency
            if e.known and not e.forms and _known_in(e, tids, target):
                ok_n += 1
                continue
            sub = substitute(e, m.sentence, tids)
            if sub:
                problems["name.mistranslated"].append((m, sub))
            else:
                problems["name.missing"].append((m, tids))
        for m, (word, t, why) in problems["name.mistranslated"]:
            if "name.mistranslated" in disabled:
                continue
            res.findings.append(_finding(
                "name.mistranslated", p, doc_id=doc_id, system=system, source_ids=(m.sentence,), target_ids=(t,),
                source_excerpt=source[m.sentence].text, target_excerpt=tgt_text.get(t, ""),
                message=f"{m.text} is rendered as {word} ({why}), not as {_main(e) or 'a transliteration'}",
                details={"entity": e.key, "english": m.text, "found": word, "expected": _main(e) or "", "reason": why},
            ))
            res.rows.append(_row(doc_id, system, e, word, [t], "mistranslated", [m.sentence]))
        for m, tids in problems["name.missing"]:
            if "name.missing" in disabled:
                continue
            res.findings.append(_finding(
                "name.missing", p, doc_id=doc_id, system=system, source_ids=(m.sentence,), target_ids=tuple(tids),
                source_excerpt=source[m.sentence].text, target_excerpt=" ".join(tgt_text.get(t, "") for t in tids),
                message=f"{m.text} has no rendering in the aligned translation (expected {_main(e) or 'a transliteration'})",
                details={"entity": e.key, "english": m.text, "expected": _main(e) or ""},
            ))
            res.rows.append(_row(doc_id, system, e, "", list(tids), "missing", [m.sentence]))
        _form_findings(doc_id, system, e, p, res, source, tgt_text, disabled)

    # ---- language rendered as country
    if "name.language_vs_country" not in disabled:
        res.findings += _language_findings(doc_id, system, source, target, aligned, p, mentions)

    resolved = [e for e in ents.values() if e.forms or e.truncated]
    res.accuracy = ok_n / total_n if total_n else None
    res.consistency = (sum(1 for e in resolved if len(e.forms) + len(e.truncated) == 1) / len(resolved)) if resolved else None
    return res


def _main(e: _Entity) -> str | None:
    if e.approved_user:
        return e.approved_user[0]
    if e.forms:
        return max(e.forms, key=lambda f: (len(e.forms[f]), name_similarity(e.key, f), -min(e.forms[f])))
    return e.known[0] if e.known else None


def _known_in(e: _Entity, tids: tuple[int, ...], target: list[Sentence]) -> bool:
    """A known multi-word or nisba spelling anywhere in the aligned sentences (letters only)."""
    text = " ".join(fold_arabic(target[t].text) for t in tids if t < len(target))
    for k in e.known:
        fk = fold_arabic(k)
        stem = fk[2:] if fk.startswith("ال") else fk
        if stem and (stem in text or (len(stem) > 3 and stem.rstrip("اهي")[:-1] in text)):
            return True
    return False


def _row(doc_id, system, e: _Entity, form: str, tids: list[int], verdict: str, sids: list[int]) -> dict:
    return {
        "doc_id": doc_id, "system": system, "entity": e.key, "english": e.display, "kind": e.kind,
        "arabic_form": form, "count": len(tids) if form else len(sids), "sentence_ids": sorted(set(tids)),
        "source_ids": sorted(set(sids)), "verdict": verdict,
    }


def _form_findings(doc_id, system, e: _Entity, p, res: NameResult, source, tgt_text, disabled) -> None:
    forms = {**{f: ("form", ids) for f, ids in e.forms.items()}, **{f: ("truncated", ids) for f, ids in e.truncated.items()}}
    if not forms:
        return
    main = _main(e)
    src_ids = tuple(sorted({m.sentence for m in e.mentions}))
    folds = defaultdict(list)
    for f in e.forms:
        folds[fold_arabic(f)].append(f)
    detail_forms = [
        {"form": f, "count": len(ids), "sentence_ids": sorted(set(ids)), "kind": kind}
        for f, (kind, ids) in sorted(forms.items(), key=lambda kv: -len(kv[1][1]))
    ]
    inconsistent = len(folds) > 1 or bool(e.truncated)
    ortho_groups = [sorted(v, key=lambda f: -len(e.forms[f])) for v in folds.values() if len(v) > 1]
    verdict_of: dict[str, str] = {}
    if inconsistent and "name.inconsistent" not in disabled:
        odd = [d for d in detail_forms if fold_arabic(d["form"]) != fold_arabic(main or "")]
        tids = tuple(sorted({i for d in odd for i in d["sentence_ids"]}))
        summary = ", ".join(f"{d['form']} ×{d['count']}" + (" (truncated)" if d["kind"] == "truncated" else "")
                            for d in detail_forms)
        res.findings.append(_finding(
            "name.inconsistent", p, doc_id=doc_id, system=system, source_ids=src_ids, target_ids=tids,
            source_excerpt=e.display, target_excerpt=tgt_text.get(tids[0], "") if tids else "",
            message=f"{e.display} is written {len(forms)} ways: {summary}",
            details={"entity": e.key, "english": e.display, "main": main, "forms": detail_forms},
        ))
        for d in odd:
            verdict_of[d["form"]] = "truncated" if d["kind"] == "truncated" else "inconsistent"
    for group in ortho_groups:
        if "name.orthographic" in disabled:
            break
        gd = [d for d in detail_forms if d["form"] in group]
        tids = tuple(sorted({i for d in gd[1:] for i in d["sentence_ids"]}))
        res.findings.append(_finding(
            "name.orthographic", p, doc_id=doc_id, system=system, source_ids=src_ids, target_ids=tids,
            source_excerpt=e.display, target_excerpt=tgt_text.get(tids[0], "") if tids else "",
            message=f"{e.display}: spellings differ only in hamza/alef/ya/ta marbuta: "
                    + ", ".join(f"{d['form']} ×{d['count']}" for d in gd),
            details={"entity": e.key, "english": e.display, "forms": gd},
        ))
        for d in gd[1:]:
            verdict_of.setdefault(d["form"], "orthographic")
    # glossary: the user's glossary first, then the built-in CLDR spelling
    approved = e.approved_user
    source_of = "glossary"
    if not approved and p["builtin_glossary"] and e.known:
        approved, source_of = e.known, "cldr"
    if approved and "name.glossary" not in disabled:
        ok_f = {fold_arabic(a) for a in approved}
        ok_sk = {skeleton_ar(a[2:] if a.startswith("ال") else a) for a in approved}
        for d in detail_forms:
            f = d["form"]
            fine = fold_arabic(f) in ok_f or (source_of == "cldr" and skeleton_ar(f[2:] if f.startswith("ال") else f) in ok_sk)
            if fine or _nisba_of(f, list(approved)):
                continue
            res.findings.append(_finding(
                "name.glossary", p, doc_id=doc_id, system=system, source_ids=src_ids, target_ids=tuple(d["sentence_ids"]),
                source_excerpt=e.display, target_excerpt=tgt_text.get(d["sentence_ids"][0], ""),
                message=f"{e.display} is written {f} ×{d['count']}; the approved spelling is {approved[0]}"
                        f" ({'user glossary' if source_of == 'glossary' else 'CLDR'})",
                details={"entity": e.key, "english": e.display, "found": f, "approved": list(approved), "source": source_of},
            ))
            verdict_of.setdefault(f, "glossary")
    for d in detail_forms:
        occurrences = [*e.forms.get(d["form"], []), *e.truncated.get(d["form"], [])]
        res.rows.append(_row(doc_id, system, e, d["form"], occurrences, verdict_of.get(d["form"], "ok"), list(src_ids)))


def _language_findings(doc_id, system, source, target, aligned, p, mentions) -> list[Finding]:
    out = []
    country_keys = {m.sentence: {m.key.lower() for m in mentions if m.kind == "country"} for m in mentions}
    for s in source:
        for lang, _a, _b in language_mentions(s.text):
            if lang.country_en.lower() in country_keys.get(s.index, set()):
                continue  # the sentence names the country too
            tids = aligned(s.index)
            if not tids:
                continue
            stems = {fold_arabic(x) for t in tids for w, _, _ in _arabic_words(target[t].text) for x in _stems(w)}
            lang_f = fold_arabic(lang.arabic)
            lang_stem = lang_f[2:] if lang_f.startswith("ال") else lang_f
            has_lang = any(x.endswith(lang_stem) or lang_stem[:-1] in x for x in stems)
            country = next((c for c in lang.country_ar if fold_arabic(c) in stems), None)
            if country and not has_lang:
                t = next(t for t in tids if fold_arabic(country) in {fold_arabic(x) for w, _, _ in _arabic_words(target[t].text) for x in _stems(w)})
                out.append(_finding(
                    "name.language_vs_country", p, doc_id=doc_id, system=system, source_ids=(s.index,), target_ids=(t,),
                    source_excerpt=s.text, target_excerpt=target[t].text,
                    message=f"the language {lang.english} is rendered as the country {country} ({lang.country_en});"
                            f" expected {lang.arabic}",
                    details={"language": lang.english, "expected": lang.arabic, "found": country,
                             "country": lang.country_en},
                ))
    return out


def cross_document_findings(rows: list[dict]) -> list[Finding]:
    """``name.cross_document``: one entity's main spelling differs between documents of one system."""
    by: dict[tuple[str, str], dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    display: dict[str, str] = {}
    for r in rows:
        if not r.get("arabic_form") or r.get("verdict") not in ("ok", "inconsistent", "orthographic", "glossary"):
            continue
        by[(r["system"], r["entity"])][r["doc_id"]][r["arabic_form"]] += int(r.get("count", 1) or 1)
        display.setdefault(r["entity"], r.get("english", r["entity"]))
    out: list[Finding] = []
    for (system, entity), docs in sorted(by.items()):
        if len(docs) < 2:
            continue
        main = {d: c.most_common(1)[0][0] for d, c in docs.items()}
        if len(set(main.values())) < 2:
            continue
        totals = Counter(main.values())
        usual = totals.most_common(1)[0][0]
        for d, form in sorted(main.items()):
            if form == usual:
                continue
            out.append(Finding(
                doc_id=d, system=system, check="name.cross_document", severity=SEVERITY["name.cross_document"],
                its_type=ITS_TYPE["name.cross_document"], source_excerpt=display[entity], target_excerpt=form,
                message=f"{display[entity]} is {form} here but {usual} in {totals[usual]} other document(s)",
                details={"entity": entity, "form": form, "usual": usual,
                         "documents": {k: v for k, v in sorted(main.items())}},
            ))
    return out


__all__ = ["DEFAULTS", "NameResult", "analyse_names", "cross_document_findings"]
