"""Which Arabic words render which name: pass 1, resolution, pass 2 (see :mod:`eval.names.analysis`).

Why in this order: confident renderings inside the aligned sentences come first (several-word names
and often-used spellings before one-off look-alikes), then clipped forms and slips for the mentions
still bare; only names rendered at most of their mentions count as transliterated, and only their
spellings are then looked for elsewhere in the document, where no source cue vouches for them.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from eval.names.document import _Entity, _glued_in, _Side
from eval.names.entities import gazetteer
from eval.names.forms import _glue_cores, _glued_to, _known_folds, _misspelling_of, _nisba_cached, _nisba_of
from eval.names.scorer import _accept_for, _closest_known, _scorer, _word_keys
from eval.names.spans import _blocked, _Span
from eval.names.stoplist import is_stopword
from eval.names.translit import (
    _levenshtein_ratio,
    arabic_similarity,
    fold_arabic,
    is_truncation,
    name_similarity_any,
    skeleton_ar,
    skeleton_en,
    skeleton_similarity,
    vowel_similarity,
)


def _resolve_renderings(side: _Side) -> None:
    """Every pass that gives Arabic words to the entities of ``side``, in order."""
    cands = _candidates(side)
    _assign(side, cands)
    _classify(side)
    _recover(side)
    _resolve(side)
    _sweep(side)
    _tidy(side)


def _candidates(side: _Side) -> list[tuple[float, int, int, str, _Span, str]]:
    """Pass 1: the spans of the sentences aligned to an entity's mentions that render it (score ≥ its
    acceptance); those that only resemble it (≥ ``substitute_min``) go to ``side.weak``."""
    spans, ents, p, aligned = side.spans, side.ents, side.p, side.aligned
    word_sids, weak, need, group_of, ent_tids = side.word_sids, side.weak, side.need, side.group_of, side.ent_tids
    for sid, lst in spans.ones.items():
        for sp in lst:
            for v in sp.variants:
                word_sids[fold_arabic(v)].add(sid)
    cands: list[tuple[float, int, int, str, _Span, str]] = []
    known_endings = frozenset(fold_arabic(k.split()[-1]) for e in ents.values() for k in e.known if " " in k.strip())
    scorable: dict[tuple[int, bool], list[_Span]] = {}
    sub_min = p["substitute_min"]
    for e in ents.values():
        for m in e.mentions:
            g_ = aligned(m.sentence)
            need[(e.key, g_)] += 1
            for t in g_:
                group_of.setdefault((e.key, t), g_)
        ent_tids[e.key] = {t for m in e.mentions for t in aligned(m.sentence)}
        se = skeleton_en(e.key)
        if not se:
            continue
        acc = p["accept"] if e.known else _accept_for(se, p)
        floor = min(acc, sub_min)  # scores below this are dropped: the scorer need not be exact there
        max_n = min(p["max_span"], max(e.n_words, *(len(k.split()) for k in e.known)) if e.known else e.n_words)
        multi = max_n > 1
        scorer = _scorer(e.key, e.known, floor, p)
        memo = scorer.memo
        for t in sorted(ent_tids[e.key]):
            lst = scorable.get((t, multi))
            if lst is None:
                # spans that can render a name at all (not ending in, or multi-word starting with, a
                # frequent word): the same for every entity, so decided once per sentence
                lst = scorable[(t, multi)] = [sp for sp in (spans.get(t, ()) if multi else spans.ones.get(t, ()))
                                              if not _blocked(sp.raw, known_endings)]
            for sp in lst:
                if sp.n > max_n:
                    continue
                r = memo.get(sp.variants)
                score, text = r if r is not None else scorer.score(sp.variants)
                if score >= acc:
                    cands.append((score, sp.n, len(text), e.key, sp, text))
                elif score >= p["substitute_min"]:
                    weak[(e.key, t)].append((score, sp, text))
    return cands


def _assign(side: _Side, cands: list[tuple[float, int, int, str, _Span, str]]) -> None:
    """Pass 1, continued: candidates assigned best first, without overlap, one per mention."""
    ents, free, take, used, need, group_of = side.ents, side.free, side.take, side.used, side.need, side.group_of
    common_word, demonym_here = side.common_word, side.demonym_here
    # a spelling the translator uses at several of the name's mentions is more likely its rendering than a
    # one-off look-alike in the same sentence (ويلوبي ×8 over وجووب, Goop's, for Willoughby): +0.05 per
    # further occurrence, at most +0.1; ties go to the closer vowels (أولمان over العالميين for Ullman)
    support: Counter = Counter((c[3], fold_arabic(c[5])) for c in cands)
    # a name of several words first: its span holds the words a shorter name would take from it
    # (قوريا الشمالية for North Korea, not قوريا for the Korea of "Korea War")
    cands.sort(key=lambda c: (-ents[c[3]].n_words if c[1] > 1 else -1,
                              -(c[0] + 0.05 * min(support[(c[3], fold_arabic(c[5]))] - 1, 2)),
                              -vowel_similarity(c[3], c[5]), c[1], -c[2], c[4].sid, c[4].i))
    for *_, key, sp, text in cands:
        e = ents[key]
        grp = group_of[(key, sp.sid)]
        if used[(key, grp)] >= need[(key, grp)] or not free(sp) or common_word(e, text):
            continue
        if (e.known and fold_arabic(text) not in _known_folds(e.known) and _nisba_of(text, list(e.known))
                and demonym_here(sp.sid, key)):
            continue  # السوريين for "Syrian Arabs" renders the adjective, not "troops in Syria"
        used[(key, grp)] += 1
        take(sp, key)
        e.cells[sp.sid].append((text, "form", sp))


def _classify(side: _Side) -> None:
    """Adjectives and glued forms are renderings, not spellings; clipped forms are truncations."""
    for e in side.ents.values():
        for sid, items in e.cells.items():
            for text, _kind, _sp in items:
                others = [x for v in e.cells.values() for x, k, _ in v if k == "form" and x != text]
                known_f = {fold_arabic(k) for k in e.known}
                derived = fold_arabic(text) not in known_f and (
                    _nisba_of(text, list(e.known)) or _nisba_of(text, others, need_article=True)
                    or _glued_to(text, list(e.known) + others, e.key))
                (e.derived if derived else e.forms).setdefault(text, []).append(sid)
        # clipped forms (توكتوسون for توكتوسونوفا) are truncations, not spelling variants
        bases = [x for x in [*e.known, *e.forms] if " " not in x]
        known_f = _known_folds(e.known)
        for text in [f for f in e.forms if any(is_truncation(f, x, e.key, fold_arabic(x) in known_f) for x in bases)]:
            e.truncated[text] = e.forms.pop(text)
        for sid in list(e.cells):
            e.cells[sid] = [(x, "derived" if x in e.derived else "truncated" if x in e.truncated else "form", s)
                            for x, _, s in e.cells[sid]]


def _recover(side: _Side) -> None:
    """Truncations (توكاي for توكاييف) and misspellings for the mentions still without a rendering."""
    ents, p, free, take, common_word = side.ents, side.p, side.free, side.take, side.common_word
    weak, used, need, group_of = side.weak, side.used, side.need, side.group_of
    places = gazetteer().arabic_names
    other_forms = {o.key: {fold_arabic(f) for f in [*o.forms, *o.truncated]} for o in ents.values()}
    for (key, t), items in weak.items():
        e = ents[key]
        grp = group_of[(key, t)]
        for score, sp, text in sorted(items, key=lambda x: -x[0]):
            if used[(key, grp)] >= need[(key, grp)]:
                break
            if (score >= p["truncation_min"] and sp.n == 1 and free(sp) and len(fold_arabic(text)) >= 4
                    and not is_stopword(text)
                    and any(is_truncation(text, f, e.key, fold_arabic(f) in _known_folds(e.known))
                            for f in [*e.forms, *e.known] if " " not in f)):
                used[(key, grp)] += 1
                take(sp, key)
                e.truncated.setdefault(text, []).append(t)
                e.cells[t].append((text, "truncated", sp))
            elif (sp.n == 1 and free(sp) and not is_stopword(text) and not common_word(e, text)
                  and _misspelling_of(text, [*e.forms, *e.known]) and fold_arabic(text) not in places
                  and not any(fold_arabic(text) in other_forms[o.key] for o in ents.values() if o.key != key)):
                # one letter off a spelling of the name, where the name is otherwise absent: the name,
                # misspelt (بيليس for تيليس), a spelling variant rather than a missing name
                used[(key, grp)] += 1
                take(sp, key)
                e.forms.setdefault(text, []).append(t)
                e.cells[t].append((text, "form", sp))


def _resolve(side: _Side) -> None:
    """A real name is rendered in most of its mentions (or has a known spelling); the candidate forms of
    any other are dropped and their words given back."""
    ents, p, aligned, spans, taken = side.ents, side.p, side.aligned, side.spans, side.taken
    for e in ents.values():
        live = [m for m in e.mentions if aligned(m.sentence)]
        # a form glued to a neighbouring word (بروكلينقبل) shows the name as well as a clean one
        hit = sum(1 for m in live if any(e.cells.get(t) for t in aligned(m.sentence))
                  or (e.forms and _glued_in(e, aligned(m.sentence), spans)))
        e.resolved = bool(e.known) or (bool(live) and hit / len(live) >= p["min_resolved_share"] and bool(e.forms))
        if not e.resolved:
            for items in e.cells.values():
                for _, _, sp in items:
                    for k in range(sp.n):
                        taken.pop((sp.sid, sp.i + k), None)
            e.forms, e.truncated, e.derived, e.cells = {}, {}, {}, defaultdict(list)


def _sweep(side: _Side) -> None:
    """Pass 2: the entity's forms elsewhere in the document (extra mentions in the Arabic only): the same
    spelling, a close variant of it, or a clipped form (all strictly checked: no source cue)."""
    ents, p, spans, free, take, taken2 = side.ents, side.p, side.spans, side.free, side.take, side.taken2
    ent_tids, src_explains = side.ent_tids, side.src_explains
    form_owner: dict[str, tuple[str, str]] = {}
    for e in ents.values():
        for f in e.forms:
            if len(skeleton_ar(f)) >= 3 and not is_stopword(f):
                form_owner.setdefault(fold_arabic(f), (e.key, f))
    # …and its known spellings (CLDR, glossary), also where the source mentions it only where another
    # word now stands (المملكة المتحدة in the sentences around "UK government" → حكومة كامبالا)
    for e in ents.values():
        if e.resolved:
            for f in e.known:
                if len(skeleton_ar(f)) >= 3 and not is_stopword(f):
                    form_owner.setdefault(fold_arabic(f), (e.key, f))
    singles = [(e, [f for f in e.forms if " " not in f and len(fold_arabic(f)) >= 4 and len(skeleton_ar(f)) >= 3])
               for e in ents.values() if e.resolved and e.forms]
    singles = [(e, fs) for e, fs in singles if fs]
    # every one-word form, in entity then form order, with its fold and skeleton, indexed by what a
    # match needs: its first letter (a clipped form is a prefix of it) and the class of its first
    # letter (a variant shares it); a span's word is compared only with the forms so indexed
    forms_at: list[tuple[_Entity, list[str], tuple[str, ...], str, str, str, str]] = []
    by_letter: dict[str, list[int]] = defaultdict(list)
    by_class: dict[str, list[int]] = defaultdict(list)
    for e, fs in singles:
        fs_t = tuple(fs)
        for f in fs:
            ff = fold_arabic(f)
            by_letter[ff[:1]].append(len(forms_at))
            by_class[skeleton_ar(f[:1])].append(len(forms_at))
            forms_at.append((e, fs, fs_t, f, ff, skeleton_ar(f[:1]), skeleton_ar(f)))
    any_article = any(f.startswith("ال") for _e, fs in singles for f in fs)
    truncation_min, variant_min = p["truncation_min"], p["variant_min"]
    # a span can only take a known form of as many words (most forms are one word: skip longer spans)
    owner_ns = {len(f.split()) for _k, f in form_owner.values()}
    endings: dict[int, set[str]] = defaultdict(set)  # n → last words of the n-word forms (folded)
    for ff, (_k, f) in form_owner.items():
        if len(f.split()) > 1:
            endings[len(f.split())].add(ff.rsplit(" ", 1)[-1])
    for sid in spans.ones:
        for sp in spans.ending_in(sid, endings):
            if sp.n != 1 and sp.n not in owner_ns:
                continue
            if not free(sp):
                continue
            if sp.n in owner_ns:
                for text in sp.variants:
                    hit = form_owner.get(fold_arabic(text))
                    if hit:
                        e = ents[hit[0]]
                        if sp.n == len(hit[1].split()):
                            take(sp, e.key)
                            taken2.update((sp.sid, sp.i + k) for k in range(sp.n))
                            e.forms.setdefault(text, []).append(sid)
                            e.cells[sid].append((text, "form", sp))
                        break
            if sp.n != 1 or not forms_at or not free(sp):
                continue
            best = None
            for text in sp.variants:
                ft, lt, first, stop, sk1_t = _word_keys(text)
                if lt < 4 or stop or (text.startswith("ال") and not any_article):
                    continue
                at = by_letter.get(first, ())
                ac = by_class.get(sk1_t, ())
                if not at and not ac:
                    continue
                sk_t = None
                # entities mentioned in this sentence's source, or with a known name this word is an
                # adjective of, are skipped (decided once per entity, when it first has a form here)
                skipped: dict[str, bool] = {}
                for k in (sorted({*at, *ac}) if at and ac else at or ac):
                    e, fs, fs_t, f, ff, sk1_f, sk_f = forms_at[k]
                    skip = skipped.get(e.key)
                    if skip is None:
                        skip = skipped[e.key] = sid in ent_tids[e.key] or bool(e.known and _nisba_cached(text, e.known, False))
                    if skip:
                        continue
                    lf = len(ff)
                    trunc = lt < lf and ff.startswith(ft) and is_truncation(text, f, e.key, ff in _known_folds(e.known))
                    if trunc and lt >= 5 and name_similarity_any(e.key, text) >= truncation_min:
                        cand = (0.5, e, text, "truncated")
                    else:
                        # the letter ratio can be no higher than the length difference allows
                        if sk1_t != sk1_f or 1.0 - abs(lt - lf) / max(lt, lf) < variant_min:
                            continue
                        if sk_t is None:
                            sk_t = skeleton_ar(text)
                        if (_levenshtein_ratio(ft, ff) >= variant_min
                                and skeleton_similarity(sk_t, sk_f) >= variant_min
                                and (name_similarity_any(e.key, text) >= variant_min
                                     # an exonym (ألمانيا for Germany) resembles its known spelling, not the English
                                     or (e.known and _closest_known(text, ft, e.known) >= p["known_variant_min"]))
                                and not _glued_to(text, fs, e.key)
                                and not _nisba_cached(text, fs_t, True)):
                            cand = (arabic_similarity(text, f), e, text, "form")
                        else:
                            continue
                    if best is None or cand[0] > best[0]:
                        best = cand
            if best and not any(o.key != best[1].key and name_similarity_any(o.key, best[2]) >= name_similarity_any(best[1].key, best[2])
                                for o in ents.values()) and not src_explains(sid, best[1].key, best[2]):
                _, e, text, kind = best
                take(sp, e.key)
                taken2.add((sp.sid, sp.i))
                (e.truncated if kind == "truncated" else e.forms).setdefault(text, []).append(sid)
                e.cells[sid].append((text, kind, sp))


def _tidy(side: _Side) -> None:
    """Now that every form is known: glued / adjectival forms are renderings, not spellings."""
    for e in side.ents.values():
        moved = False
        cores = _glue_cores(e.key, list(e.forms), side.p["accept"]) if len(e.forms) > 1 else []
        for f in list(e.forms):
            others = [x for x in e.forms if x != f]
            if fold_arabic(f) in {fold_arabic(k) for k in e.known}:
                continue
            if _glued_to(f, list(e.known) + others + cores, e.key) or _nisba_of(f, others, need_article=True):
                e.derived.setdefault(f, []).extend(e.forms.pop(f))
                moved = True
        if moved:
            for sid in list(e.cells):
                e.cells[sid] = [(x, "derived" if x in e.derived and k == "form" else k, sp_) for x, k, sp_ in e.cells[sid]]
