"""The names stage's output: findings and entity-table rows for one document side, and across documents.

Why one finding per error: an odd spelling already reported as ``name.inconsistent`` whose document
spelling is the approved one is not reported again as ``name.glossary``, a substitute one name of
the sentence claims is not also another name's, and two people who share a first name
(Justin Rose, Justin Thomas) are not one inconsistent name.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from eval.model import Finding
from eval.names.document import _Entity, _Side
from eval.names.entities import language_mentions
from eval.names.forms import _nisba_of
from eval.names.spans import _arabic_words, _stems
from eval.names.translit import _AR_MARKS, arabic_similarity, fold_arabic, name_similarity_any, skeleton_ar

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


@dataclass
class NameResult:
    """What the names stage returns for one document side."""

    findings: list[Finding] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)
    accuracy: float | None = None
    consistency: float | None = None


def _finding(check: str, p: dict, **kw: Any) -> Finding:
    return Finding(check=check, severity=p["severity"].get(check, SEVERITY[check]), its_type=ITS_TYPE[check], **kw)


def _entity_findings(doc_id: str, system: str, side: _Side, problems_of: dict[str, dict[str, list]],
                     fallback: dict[tuple[str, int], list], dropped: set[tuple[str, int]], res: NameResult) -> None:
    """Findings and rows of every entity, in entity order: unmatched, mistranslated (a dropped claim
    falls back to missing), missing, then its forms."""
    ents, p, source, tgt_text, aligned = side.ents, side.p, side.source, side.tgt_text, side.aligned
    disabled = set(p["disabled"])
    for e in ents.values():
        if not e.resolved:
            res.rows.append(_row(doc_id, system, e, "", [], "unmatched", [m.sentence for m in e.mentions]))
            continue
        problems = problems_of[e.key]
        for k, (m, (word, t, why)) in enumerate(problems["name.mistranslated"]):
            if (e.key, k) in dropped:
                problems["name.missing"] += fallback.get((e.key, k), [])
                continue
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
        _form_findings(doc_id, system, e, p, res, source, tgt_text, disabled, _people_apart(e, aligned))


def _main(e: _Entity) -> str | None:
    if e.approved_user:
        return e.approved_user[0]
    if e.forms:
        return max(e.forms, key=lambda f: (len(e.forms[f]), name_similarity_any(e.key, f), -min(e.forms[f])))
    return e.known[0] if e.known else None


def _row(doc_id, system, e: _Entity, form: str, tids: list[int], verdict: str, sids: list[int]) -> dict:
    return {
        "doc_id": doc_id, "system": system, "entity": e.key, "english": e.display, "kind": e.kind,
        "arabic_form": form, "count": len(tids) if form else len(sids), "sentence_ids": sorted(set(tids)),
        "source_ids": sorted(set(sids)), "verdict": verdict,
    }


def _people_apart(e: _Entity, aligned) -> bool:
    """True when the entity's forms belong to different people who share the word: one first name, two
    players (Justin Rose → جوستين, Justin Thomas → جاستن). Each form's sentences must name exactly one
    full name of ≥ 2 words, one form per full name, and at least two full names: then the spellings
    differ between people, not within one person's name."""
    if e.kind not in ("person", "name") or len(e.forms) < 2 or e.truncated:
        return False
    fulls_at: dict[int, set[str]] = defaultdict(set)
    for m in e.mentions:
        words = m.full.split()
        # a given name ahead of different surnames; Northwest Florida and Florida Keys are one place
        for t in aligned(m.sentence):
            fulls_at[t].add(m.full if len(words) >= 2 and words[0] == e.key else "")
    form_of: dict[str, str] = {}
    for f, sids in e.forms.items():
        fulls = set().union(*(fulls_at.get(t, {""}) for t in sids))
        if len(fulls) != 1 or "" in fulls:
            return False
        full = fulls.pop()
        if full in form_of and fold_arabic(form_of[full]) != fold_arabic(f):
            return False
        form_of[full] = f
    return len(form_of) >= 2


def _form_findings(doc_id, system, e: _Entity, p, res: NameResult, source, tgt_text, disabled,
                   people_apart: bool = False) -> None:
    forms = {**{f: ("form", ids) for f, ids in e.forms.items()}, **{f: ("truncated", ids) for f, ids in e.truncated.items()}}
    if not forms:
        return
    main = _main(e)
    src_ids = tuple(sorted({m.sentence for m in e.mentions}))
    folds: dict[str, list[str]] = defaultdict(list)
    known_f = {fold_arabic(k) for k in e.known}
    known_nospace = {k.replace(" ", "") for k in known_f}
    for f in e.forms:
        # spacing-only differences (بيونغ يانغ / بيونغيانغ) count as orthographic, and every approved
        # spelling of the entity (CLDR or glossary variants) as one accepted group
        ff = fold_arabic(f)
        folds["\0known" if ff in known_f or ff.replace(" ", "") in known_nospace else ff.replace(" ", "")].append(f)
    # …of different names (المملكة المتحدة, بريطانيا): two accepted spellings of one name in one document
    # (تشن and تشين, both in the glossary) are still two ways of writing it
    clusters: list[list[str]] = []
    for f in folds.get("\0known", ()):
        for c in clusters:
            if arabic_similarity(c[0], f) >= 0.7:
                c.append(f)
                break
        else:
            clusters.append([f])
    known_splits = sum(len({fold_arabic(f).replace(" ", "") for f in c}) - 1 for c in clusters)
    detail_forms = [
        {"form": f, "count": len(ids), "sentence_ids": sorted(set(ids)), "kind": kind}
        for f, (kind, ids) in sorted(forms.items(), key=lambda kv: -len(kv[1][1]))
    ]
    inconsistent = (len(folds) + known_splits > 1 or bool(e.truncated)) and not people_apart
    # orthographic: same letters up to hamza/alef/ya/ta marbuta/spacing (two approved spellings such as
    # المملكة المتحدة and بريطانيا are not)
    ortho_groups = []
    for k, v in folds.items():
        if k == "\0known":
            sub: dict[str, list[str]] = defaultdict(list)
            for f in v:
                sub[fold_arabic(f).replace(" ", "")].append(f)
            ortho_groups += [g for g in sub.values() if len(g) > 1]
        elif len(v) > 1:
            ortho_groups.append(v)
    # vowel marks are no spelling (a clitic-stripped عمان and a written عُمان are one form)
    ortho_groups = [sorted(v, key=lambda f: -len(e.forms[f])) for v in ortho_groups
                    if len({_AR_MARKS.sub("", f) for f in v}) > 1]
    verdict_of: dict[str, str] = {}
    odd_reported: set[str] = set()
    if inconsistent and "name.inconsistent" not in disabled:
        odd = [d for d in detail_forms if fold_arabic(d["form"]) != fold_arabic(main or "")]
        odd_reported = {d["form"] for d in odd}
        tids = tuple(sorted({i for d in odd for i in d["sentence_ids"]}))
        summary = ", ".join(f"{d['form']} ×{d['count']}" + (" (truncated)" if d["kind"] == "truncated" else "")
                            for d in detail_forms)
        res.findings.append(_finding(
            "name.inconsistent", p, doc_id=doc_id, system=system, source_ids=src_ids, target_ids=tids,
            source_excerpt=e.display, target_excerpt=tgt_text.get(tids[0], "") if tids else "",
            message=(f"{e.display} is written {len(forms)} ways: {summary}" if len(forms) > 1 else
                     f"{e.display} is written only clipped: {summary}" + (f"; expected {e.known[0]}" if e.known else "")),
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
        def bare(x: str) -> str:
            fx = fold_arabic(x)
            return fx[2:] if fx.startswith("ال") and len(fx) > 4 else fx

        ok_f = {bare(a).replace(" ", "") for a in approved}
        ok_sk = {skeleton_ar(bare(a).replace(" ", "")) for a in approved}

        def approved_form(f: str) -> bool:
            return (bare(f).replace(" ", "") in ok_f or (source_of == "cldr" and skeleton_ar(bare(f).replace(" ", "")) in ok_sk)
                    or _nisba_of(f, list(approved)))

        # the document's own spelling (its most frequent), not the approved one _main puts first
        usual = max(e.forms, key=lambda f: (len(e.forms[f]), -min(e.forms[f]))) if e.forms else main
        main_ok = bool(usual) and approved_form(usual)
        for d in detail_forms:
            f = d["form"]
            if d["kind"] == "truncated":
                continue  # reported as an inconsistency (a wrong name, not a spelling choice)
            if approved_form(f):
                continue
            if main_ok and f in odd_reported:
                continue  # one error, one finding: the odd form is in name.inconsistent, whose main spelling is the approved one
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
    """"in Russian" → "في روسيا": the aligned target holds more country names than the source explains
    and fewer language nouns (الروسية, بالروسية) than the source has language uses."""
    out = []
    country_count: dict[tuple[int, str], int] = Counter()
    for m in mentions:
        if m.kind == "country":
            country_count[(m.sentence, m.key.lower())] += 1
    for s in source:
        uses = language_mentions(s.text)
        for lang in {u[0] for u in uses}:
            tids = aligned(s.index)
            if not tids:
                continue
            srcs = {s.index} | {x for x, ts in ((x, aligned(x)) for x in range(len(source))) if ts == tids}
            n_lang_src = sum(1 for u in uses if u[0] == lang)
            n_country_src = sum(country_count[(x, lang.country_en.lower())] for x in srcs)
            lang_f = fold_arabic(lang.arabic)
            lang_stem = lang_f[2:] if lang_f.startswith("ال") else lang_f
            countries = {fold_arabic(c) for c in lang.country_ar}
            n_lang = n_country = 0
            first_t = None
            for t in tids:
                for w, _, _ in _arabic_words(target[t].text):
                    fw = [fold_arabic(x) for x in _stems(w)]
                    if any(x.endswith(lang_stem) for x in fw):
                        n_lang += 1
                    elif any(x in countries for x in fw):
                        n_country += 1
                        first_t = t if first_t is None else first_t
            if n_lang < n_lang_src and n_country > n_country_src and first_t is not None:
                country = lang.country_ar[0]
                out.append(_finding(
                    "name.language_vs_country", p, doc_id=doc_id, system=system, source_ids=(s.index,),
                    target_ids=(first_t,), source_excerpt=s.text, target_excerpt=target[first_t].text,
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
