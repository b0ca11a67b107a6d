"""A glossary draft an editor can approve: names only, spellings no check flags, evidence in the note.

Why these rules (issue 19, measured on the bundled corpus): a draft taken from every system put
spellings the checks flag into the accepted variants (الحارثي|الهارثي, كوروليوف|كورولايوف), so reusing it
as the glossary hid the very errors it should catch and raised ``name.missing`` on good output; and it
made entries of ordinary words lent by a company name (Research → ريسيرش from "Eurasia Agri Research").
So the draft reads one side — the human reference, else the system with the fewest name findings —,
takes only forms whose verdict is ``ok`` and that no name finding on any side names, drafts a
multi-word name whole (the glossary lends each word its piece inside documents that have the name),
and prefers the gazetteer's conventional spelling among the forms seen.

Rows are the names table (``names.parquet`` or :func:`eval.names.analyse_names` rows): ``doc_id``,
``system`` (side), ``entity``, ``english``, ``arabic_form``, ``count``, ``verdict``. Findings are rows of
the findings table (``system``, ``check``, ``severity``, ``details`` as a dict or JSON text).
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from eval.model import GlossaryEntry
from eval.names.gazetteer import conventional
from eval.names.glossary import TRANSLATED_WORDS


@dataclass(frozen=True)
class Draft:
    """The entries, and the side they were read from (for the message and the notes)."""

    entries: list[GlossaryEntry]
    side: str | None


def _details(f: Mapping) -> dict:
    d = f.get("details") or {}
    if isinstance(d, str):
        try:
            d = json.loads(d)
        except ValueError:
            return {}
    return d if isinstance(d, dict) else {}


#: the gazetteer holds personal-name tokens: China there is تشاينا (a surname), so places do not consult it
PLACE_KINDS = frozenset({"country", "city"})
#: row verdicts that say the form itself is wrong, whichever side wrote it
WRONG_FORM = frozenset({"mistranslated", "truncated", "glossary", "orthographic"})


def flagged_forms(rows: Iterable[Mapping], findings: Iterable[Mapping], side: str | None = None) -> set[tuple[str, str]]:
    """(entity in lower case, Arabic form) pairs a name check flags as wrong: a row verdict of
    :data:`WRONG_FORM` on any side, the form a ``name.glossary`` / ``name.mistranslated`` finding found,
    the odd form of ``name.cross_document``; and, on ``side`` itself, its minority spellings
    (``inconsistent``). Another side's inconsistency says that side wavers, not which spelling is
    wrong (at a tie its "main" form is arbitrary), so it flags only forms rarer than its main one."""
    out = {(str(r["entity"]).lower(), r["arabic_form"]) for r in rows
           if r.get("arabic_form") and (r.get("verdict") in WRONG_FORM
                                        or (r.get("verdict") == "inconsistent" and r["system"] == side))}
    for f in findings:
        check = str(f.get("check", ""))
        if not check.startswith("name."):
            continue
        d = _details(f)
        entity = str(d.get("entity") or d.get("english") or "").lower()
        if not entity:
            continue
        if d.get("found"):
            out.add((entity, d["found"]))
        if check == "name.cross_document" and d.get("form"):
            out.add((entity, d["form"]))
        forms = [x for x in d.get("forms") or () if isinstance(x, dict) and x.get("form")]
        top = max((int(x.get("count") or 0) for x in forms if x["form"] == d.get("main")), default=None)
        for x in forms:
            if top is not None and x["form"] != d.get("main") and int(x.get("count") or 0) < top:
                out.add((entity, x["form"]))
    return out


def choose_side(rows: Iterable[Mapping], findings: Iterable[Mapping]) -> str | None:
    """The human reference when one was analysed, else the system with the fewest name findings
    (critical and major first, then all, per name mention), else None."""
    mentions: Counter = Counter()
    for r in rows:
        mentions[r["system"]] += int(r.get("count") or 0)
    if not mentions:
        return None
    refs = sorted(s for s in mentions if str(s).startswith("reference:"))
    if refs:
        return refs[0]
    serious: Counter = Counter()
    every: Counter = Counter()
    for f in findings:
        if str(f.get("check", "")).startswith("name.") and f.get("system") in mentions:
            every[f["system"]] += 1
            serious[f["system"]] += f.get("severity") in ("critical", "major")
    return min(mentions, key=lambda s: (serious[s] / max(mentions[s], 1), every[s] / max(mentions[s], 1)))


def _candidates(rows: list[Mapping], flagged: set[tuple[str, str]]) -> Iterable[tuple[str, str, int, str, str]]:
    """(english, Arabic, mentions, doc_id, kind) per name of one side and document. Only names whose every
    transliterated word has an acceptable form: a name of such words only is drafted whole; one with
    translated words (Huaxin Port Group) gives its transliterated words one by one. A name with a word
    the side did not render acceptably gives nothing: its other words alone would be guesses (Research
    of "Eurasia Agri Research" is an ordinary word that the company name transliterates)."""
    groups: dict[tuple[str, str], list[Mapping]] = defaultdict(list)
    for r in rows:
        groups[(r["doc_id"], r["english"])].append(r)
    for (doc_id, english), group in groups.items():
        good = {str(r["entity"]): (r["arabic_form"], int(r.get("count") or 0)) for r in group
                if r.get("verdict") == "ok" and r.get("arabic_form")
                and (str(r["entity"]).lower(), r["arabic_form"]) not in flagged}
        words = str(english).split()
        named = [w for w in words if w.lower() not in TRANSLATED_WORDS]
        if not named or any(w not in good for w in named):
            continue
        kind = str(group[0].get("kind") or "")
        if len(named) == len(words) > 1:
            yield english, " ".join(good[w][0] for w in words), max(good[w][1] for w in words), doc_id, kind
            continue
        for word in named:
            yield word, good[word][0], good[word][1], doc_id, kind


def glossary_draft(rows: Iterable[Mapping], findings: Iterable[Mapping] = (),
                   existing: Iterable[GlossaryEntry] = (), side: str | None = None) -> Draft:
    """Existing entries first, then one entry per name of ``side`` (default :func:`choose_side`) not
    already in them."""
    rows, findings, existing = list(rows), list(findings), list(existing)
    side = side or choose_side(rows, findings)
    flagged = flagged_forms(rows, findings, side)
    have = {g.english.casefold() for g in existing}
    forms: dict[str, Counter] = defaultdict(Counter)
    docs: dict[str, set[str]] = defaultdict(set)
    # rows of source-free documents carry no English (their "english" is the Arabic): no entry to draft
    side_rows = [r for r in rows if r["system"] == side and re.search(r"[A-Za-z]", str(r.get("english") or ""))]
    places: set[str] = set()
    for english, arabic, n, doc_id, kind in _candidates(side_rows, flagged):
        forms[english][arabic] += n
        docs[english].add(doc_id)
        if kind in PLACE_KINDS:
            places.add(english)
    out = list(existing)
    for english in sorted(forms, key=str.casefold):
        if english.casefold() in have:
            continue
        seen = forms[english]
        usual = None if english in places else conventional(english)
        best = usual if usual in seen else seen.most_common(1)[0][0]
        variants = tuple(f for f, _ in seen.most_common() if f != best)
        note = f"{seen[best]} use(s) in {len(docs[english])} document(s) of {side}"
        if variants:
            note += "; also " + ", ".join(f"{f} ×{seen[f]}" for f in variants)
        if usual == best:
            note += "; the gazetteer's spelling"
        elif usual:
            note += f"; the gazetteer writes {usual}"
        out.append(GlossaryEntry(english, best, variants, note + "; review"))
    return Draft(out, side)
