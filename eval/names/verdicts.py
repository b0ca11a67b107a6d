"""Per-mention verdicts for resolved names, one substitute per name, and the document's name scores.

Why verdicts here and not in the findings: accuracy counts every mention (rendered, clipped,
replaced, missing, or excused: a pronoun after a recent mention, the rest of the name present, an
omitted sentence), and one Arabic word that several names of a sentence claim as their substitute
must be blamed on one of them before anything is reported.
"""

from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

from eval.names.document import _TITLE_BEFORE, _Entity, _glued_in, _known_in, _Side
from eval.names.entities import Mention
from eval.names.forms import _nisba_of
from eval.names.substitutions import _Substitutes
from eval.names.translit import _AR_MARKS, fold_arabic

#: Arabic titles before a name (folded, without the article)
_TITLE_WORDS_AR = frozenset(fold_arabic(w) for w in ("سيد", "سيدة", "رئيس", "رئيسة", "دكتور", "وزير", "وزيرة", "أمير",
                                                   "ملك", "ملكة", "شيخ", "جنرال", "نائب", "نائبة", "آنسة"))


class _Verdicts(NamedTuple):
    """What the verdicts give the findings and the accuracy score."""

    problems_of: dict[str, dict[str, list]]  # entity → check → (mention, substitute) or (mention, sentences)
    fallback: dict[tuple[str, int], list]  # (entity, substitution) → its missing mentions
    ok_n: int  # acceptable renderings
    total_n: int  # mentions that count


def _partners(ents: dict[str, _Entity], ms: list[Mention]) -> set[str]:
    """The other words of the mentions' full names (Kennedy's John)."""
    return {w for m in ms for w in m.full.split()} - {e_.key for e_ in ents.values() if e_.key in ms[0].key}


def _partner_rendered(ents: dict[str, _Entity], ms: list[Mention], tids: tuple[int, ...]) -> bool:
    return any(ents[k].cells.get(t) for k in _partners(ents, ms) if k in ents for t in tids)


def _partner_as_place(ents: dict[str, _Entity], as_place: dict[tuple[str, int], str], ms: list[Mention],
                      tids: tuple[int, ...]) -> bool:
    """Another part of the name became a place here (reported there): one error, not two."""
    return any((k, t) in as_place for k in _partners(ents, ms) for t in tids)


def _recently_rendered(e: _Entity, tids: tuple[int, ...], window: int) -> bool:
    """Rendered in the ``window`` sentences before: a pronoun is the norm."""
    first = min(tids)
    return any(e.cells.get(t) for t in range(max(0, first - window), first))


def _verdicts(side: _Side, subs: _Substitutes, as_place: dict[tuple[str, int], str]) -> _Verdicts:
    """Each resolved entity's mentions, grouped by aligned sentences: rendered, replaced, missing or excused."""
    ents, p, target, spans = side.ents, side.p, side.target, side.spans
    aligned, t2s, beads, src_lower, tgt_text = side.aligned, side.t2s, side.beads, side.src_lower, side.tgt_text
    ok_n = total_n = 0
    problems_of: dict[str, dict[str, list]] = {}
    fallback: dict[tuple[str, int], list] = {}  # (entity, substitution) → its missing mentions
    for e in ents.values():
        if not e.resolved:
            continue
        user_ok = {fold_arabic(a) for a in e.approved_user}
        problems = problems_of[e.key] = defaultdict(list)
        # a name written nowhere in this document (a CLDR name translated another way, or left out) has no
        # rendering to be replaced: a known word in its sentence is another name's business
        replaceable = bool(e.forms or e.truncated or e.derived or e.approved_user)
        groups: dict[tuple[int, ...], list[Mention]] = defaultdict(list)
        for m in e.mentions:
            groups[aligned(m.sentence)].append(m)
        for tids, ms in groups.items():
            total_n += len(ms)
            if not tids:
                continue  # omitted sentences: the alignment check reports them
            here = [(txt, kind) for t in tids for txt, kind, _ in e.cells.get(t, ())]
            good = [txt for txt, kind in here if kind in ("form", "derived")]
            n_trunc = sum(1 for _, kind in here if kind == "truncated")
            if user_ok:
                good_ok = [x for x in good if fold_arabic(x) in user_ok or _nisba_of(x, list(e.approved_user))]
            else:
                good_ok = good
            ok_n += min(len(ms), len(good_ok))
            unrendered = len(ms) - len(good) - n_trunc
            if unrendered <= 0:
                continue
            src_here = " ".join(src_lower.get(s_, "") for t in tids for s_ in (t2s.get(t, ()) if beads else ()))
            if not here and ((e.known and _known_in(e, tids, target, src_here)) or _glued_in(e, tids, spans)):
                ok_n += len(ms)
                continue
            gv = None if here else subs.glued_variant(e, tids)
            if gv:
                e.forms.setdefault(gv[0], []).append(gv[1])
                e.cells[gv[1]].append((gv[0], "form", None))
                ok_n += 0 if user_ok else len(ms)
                continue
            if not here and any(e.key.lower() in tgt_text.get(t, "").lower() for t in tids):
                continue  # left in Latin script: the untranslated check reports it
            placed = next(((as_place[(e.key, t)], t) for t in tids if (e.key, t) in as_place), None)
            sub = ((placed[0], placed[1], "a place name") if placed
                   else subs.substitute(e, ms[0].sentence, tids) if replaceable else None)
            if sub:
                m = next((x for x in ms if not any(t in e.cells for t in aligned(x.sentence))), ms[-1])
                problems["name.mistranslated"].append((m, sub))
                # should the substitute go to another name of the sentence: missing, where it would be
                if not (here or _partner_as_place(ents, as_place, ms, tids) or _partner_rendered(ents, ms, tids)
                        or _recently_rendered(e, tids, p["pronoun_window"])) \
                        and (e.approved_user or (e.forms and e.kind in ("person", "name"))):
                    fallback[(e.key, len(problems["name.mistranslated"]) - 1)] = [(x, tids) for x in ms]
            elif here or _partner_as_place(ents, as_place, ms, tids):
                continue  # a repeated mention left out inside one sentence: pronouns do that
            elif _partner_rendered(ents, ms, tids):
                ok_n += len(ms)  # "John Kennedy" → كينيدي: the rest of the name is there
            elif _recently_rendered(e, tids, p["pronoun_window"]):
                total_n -= len(ms)  # just named in the previous sentences: a pronoun is the norm
            elif e.approved_user or (e.forms and e.kind in ("person", "name")):
                pt = subs.partly_rendered(e, tids)
                if pt:
                    problems["name.mistranslated"].append((ms[0], (pt[0], pt[1], "partly translated")))
                else:
                    problems["name.missing"] += [(m, tids) for m in ms]
            else:
                ok_n += len(ms)  # a CLDR name never transliterated here: probably translated another way
    return _Verdicts(problems_of, fallback, ok_n, total_n)


def _one_name_per_word(side: _Side, problems_of: dict[str, dict[str, list]]) -> set[tuple[str, int]]:
    """One word stands in for one name: where several names of a sentence claim the same substitute, it
    goes to the one whose place in the English sentence is nearest the word's place in the Arabic.
    Returns the (entity, substitution) claims dropped."""
    ents, source, spans = side.ents, side.source, side.spans
    claims: dict[tuple[int, str], list[tuple[str, int]]] = defaultdict(list)
    for key, probs in problems_of.items():
        for k, (_m, (word, t, _why)) in enumerate(probs["name.mistranslated"]):
            claims[(t, fold_arabic(word))].append((key, k))
    dropped: set[tuple[str, int]] = set()
    for (t, fw), who in claims.items():
        if len(who) < 2:
            continue
        words = [fold_arabic(w) for w in spans.words(t)]
        first = fw.split()[0] if fw else ""
        pos = next((i for i, w in enumerate(words) if first and first in w), 0) / max(1, len(words))
        at = round(pos * max(1, len(words)))
        offsets = []
        for c in who:
            m = problems_of[c[0]]["name.mistranslated"][c[1]][0]
            text = source[m.sentence].text if m.sentence < len(source) else ""
            # first the other words of the same name rendered here: in the English order, next to it
            # ("John Kennedy and Lindsey Graham" → جون كينيدي وباكو غراهام: باكو goes with Graham's Lindsey)
            full = m.full.split()
            agree = 0.0
            for q in full:
                if q == c[0] or q not in ents or c[0] not in full:
                    continue
                for _x, _k, sp_q in ents[q].cells.get(t, ()):
                    if sp_q is None:
                        continue
                    same = (full.index(q) > full.index(c[0])) == (sp_q.i > at)
                    agree += (1.0 if abs(sp_q.i - at) == 1 else 0.5) if same else -1.0
            # a title before the name in both languages (Ms Davis → السيدة …)
            if _TITLE_BEFORE.search(text[max(0, m.start - 25):m.start]) and 0 < at <= len(words) and \
                    words[at - 1].removeprefix("ال") in _TITLE_WORDS_AR:
                agree += 1.0
            offsets.append((-agree, abs(m.start / max(1, len(text)) - pos), c))
        keep = min(offsets)[2]
        dropped.update(c for c in who if c != keep)
    return dropped


def _scores(side: _Side, ok_n: int, total_n: int) -> tuple[float | None, float | None]:
    """Accuracy (acceptable renderings / counted mentions) and consistency (resolved names written one
    way, vowel marks aside / resolved names written at all)."""
    with_forms = [e for e in side.ents.values() if e.resolved and (e.forms or e.truncated)]
    accuracy = ok_n / total_n if total_n else None
    consistency = (sum(1 for e in with_forms if len({_AR_MARKS.sub("", f) for f in [*e.forms, *e.truncated]}) == 1)
                   / len(with_forms)) if with_forms else None
    return accuracy, consistency
