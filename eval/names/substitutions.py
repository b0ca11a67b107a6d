"""What stands where a resolved name has no rendering: a substitute, a glued variant, a partial one.

Why several kinds: a translator who loses a name writes another known name (CLDR place, a name of
the document, the glossary), a look-alike (الناصرة for Nazarbayev), a clipped person's name behind a
place noun (حكومة مقاطعة توكتوغول for "Toktogulov's government"), or translates part of a name
(ضريح الشريف for Mazar-i-Sharif); each is a ``name.mistranslated``, not a ``name.missing``. A known name
the aligned source explains, or a language's country that ``name.language_vs_country`` reports, is
no substitute.
"""

from __future__ import annotations

import re
from collections import defaultdict

from eval.model import GlossaryEntry, Sentence
from eval.names.document import _Entity, _person_like, _Side
from eval.names.entities import CONNECTORS, gazetteer, language_mentions
from eval.names.forms import _known_folds, _nisba_of
from eval.names.scorer import _accept_for, _scorer
from eval.names.spans import _blocked, _stems_cached
from eval.names.stoplist import is_stopword
from eval.names.translit import (
    arabic_similarity,
    fold_arabic,
    is_truncation,
    name_similarity_any,
    skeleton_ar,
    skeleton_en,
    skeleton_similarity,
)

#: Arabic nouns for a kind of place (folded, without the article) and their English counterparts
_PLACE_NOUNS = frozenset(fold_arabic(w) for w in ("مدينة", "بلدة", "قرية", "مقاطعة", "محافظة", "إقليم", "ميناء", "جزيرة", "مطار",
                                                 "ضاحية"))
_PLACE_WORDS = re.compile(r"\b(?:city|cities|town|village|county|counties|district|region|province|state|port|island|airport|"
                          r"suburb|area|governorate|capital|municipality|oblast|prefecture)\b")
#: proclitic letter strings (folded): what clitic stripping removes, not a glued word
_PROCLITIC_FOLDS = frozenset({"ال", "وال", "بال", "فال", "كال", "لل", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وبال",
                              "وكال", "فبال", "ولل", "فلل"})


class _Substitutes:
    """The substitution detectors of one document side, over the names known by the end of pass 2."""

    def __init__(self, side: _Side, glossary: list[GlossaryEntry]) -> None:
        self.side = side
        p = side.p
        g = gazetteer()
        lexicon: dict[str, str] = {f: "" for f in g.arabic_names if " " not in f}
        for e in side.ents.values():
            for f in [*e.forms, *e.known]:
                lexicon[fold_arabic(f)] = e.key
        for ge in glossary or ():
            lexicon.setdefault(fold_arabic(ge.arabic), ge.english)
        for k in p["known_names"] or ():
            lexicon.setdefault(fold_arabic(k), "")
        src_keys: dict[int, set[str]] = defaultdict(set)
        for m in side.mentions:
            src_keys[m.sentence].add(m.key)
        self.lexicon, self.src_keys = lexicon, src_keys  # folded known name → its entity ("" for none)
        self._lang_country_memo: dict[int, frozenset[str]] = {}

    def explained_by(self, owner: str, sids: set[int]) -> bool:
        src_keys, src_lower = self.src_keys, self.side.src_lower
        return owner in set().union(*(src_keys[s] for s in sids)) or any(owner.lower() in src_lower[s] for s in sids)

    def lang_countries(self, sids: set[int]) -> set[str]:
        """Folded country names of the languages the source sentences ``sids`` use as languages."""
        lang_country_memo, source = self._lang_country_memo, self.side.source
        out: set[str] = set()
        for s_ in sids:
            got = lang_country_memo.get(s_)
            if got is None:
                got = lang_country_memo[s_] = frozenset(
                    fold_arabic(c) for lang, _, _ in (language_mentions(source[s_].text) if s_ < len(source) else ())
                    for c in lang.country_ar)
            out |= got
        return out

    def glued_variant(self, e: _Entity, tids: tuple[int, ...]) -> tuple[str, int] | None:
        """A close variant of a one-word form glued to a neighbouring word (كأسرادير: كأس + رادير for
        رايدر): the name is there, misspelt. Returns (the variant as written, its sentence)."""
        p, spans, places = self.side.p, self.side.spans, gazetteer().arabic_names
        forms = [x for x in e.forms if " " not in x and len(fold_arabic(x)) >= 4]
        if not forms:
            return None
        acc = _accept_for(skeleton_en(e.key), p)
        known_f = _known_folds(e.known)
        for t in tids:
            for sp in spans.ones.get(t, ()):
                raw = sp.raw
                fr = fold_arabic(raw)
                if len(fr) != len(raw) or len(fr) < 7 or any(
                        (fv := fold_arabic(v)) in places and fv not in known_f or is_stopword(v) for v in sp.variants):
                    continue  # a word of its own: another place's name (الآستانة), a frequent word
                for f in forms:
                    ff = fold_arabic(f)
                    for n in (len(ff) - 1, len(ff), len(ff) + 1):
                        if n < 4 or len(fr) - n < 2:
                            continue
                        for piece, rest in ((raw[len(raw) - n:], fr[:len(fr) - n]), (raw[:n], fr[n:])):
                            if rest.rstrip("ا") in _PROCLITIC_FOLDS:
                                continue  # the article or a conjunction, not a glued word
                            if arabic_similarity(piece, f) >= 0.8 and name_similarity_any(e.key, piece) >= acc:
                                return piece, t
        return None

    def substitute(self, e: _Entity, sid: int, tids: tuple[int, ...]) -> tuple[str, int, str] | None:
        """What stands for ``e`` in the sentences ``tids`` (its mention in source sentence ``sid``): a known
        name, another name's confident rendering, or a look-alike. Returns (word, sentence, why)."""
        side = self.side
        p, spans, ents, source, t2s = side.p, side.spans, side.ents, side.source, side.t2s
        taken, taken2, weak, free, common_word = side.taken, side.taken2, side.weak, side.free, side.common_word
        lexicon, src_keys, explained_by, lang_countries = self.lexicon, self.src_keys, self.explained_by, self.lang_countries
        sub_min = p["substitute_min"]
        srcs = {sid} | {s for t in tids for s in t2s.get(t, ())}
        for t in tids:  # a known name the source does not explain
            for sp in spans.get(t, ()):
                cells = [(sp.sid, sp.i + k) for k in range(sp.n)]
                # free, or claimed only by another name's pass-2 sweep (a name the source has elsewhere)
                if any(c in taken and (c not in taken2 or taken[c] == e.key) for c in cells):
                    continue
                if sp.n > 1 and e.n_words == 1:
                    continue
                for text in sp.variants:
                    f = fold_arabic(text)
                    owner = lexicon.get(f)
                    if owner is None or is_stopword(f) or len(f) < 3 or _nisba_of(text, [*e.known, *e.forms]):
                        continue
                    if (owner and explained_by(owner, srcs)) or (not owner and _gazetteer_explained(f, srcs, source)):
                        continue
                    if f in lang_countries(srcs):
                        continue  # "in Kyrgyz" → في قيرغيزستان: name.language_vs_country reports it
                    if owner and any(owner in m.full.split() for m in e.mentions):
                        continue  # another part of the same person's name (كوينتين for Quinton Tellis)
                    return (text, t, f"rendering of {owner}" if owner else "known name")
        # a confident rendering of another name of the document (resolved or not: a name substituted at
        # its only other mention, or repeated outside its own sentences, still is one) that the source
        # here does not have (بريمن for Germany, هيلاري for Kavanaugh)
        mine = {w for m in e.mentions for w in m.full.split()}
        for t in tids:
            for sp in spans.ones.get(t, ()):
                if (sp.sid, sp.i) in taken or _blocked(sp.raw):
                    continue
                for o in ents.values():
                    if o.key == e.key or o.key in mine or explained_by(o.key, srcs):
                        continue
                    se_o = skeleton_en(o.key)
                    if len(se_o) < 3:
                        continue  # one or two consonants match by chance
                    acc_o = p["accept"] if o.known else _accept_for(se_o, p)
                    score, text = _scorer(o.key, o.known, min(acc_o, sub_min), p).score(sp.variants)
                    if (score >= max(acc_o, 0.83) and len(fold_arabic(text)) >= 4 and not is_stopword(text)
                            and name_similarity_any(e.key, text) < score):
                        return (text, t, f"rendering of {o.key}")
        best = None
        se = skeleton_en(e.key)
        for t in tids:  # similar but different, name-like (الناصرة for Nazarbayev)
            for score, sp, text in weak.get((e.key, t), ()):
                f = fold_arabic(text)
                if not free(sp) or sp.n > e.n_words or is_stopword(f) or len(f) < 4 or common_word(e, text):
                    continue
                sa = skeleton_ar(text[2:] if text.startswith("ال") else text)
                # same first three consonant classes: a garbled or look-alike name, not a random word
                if len(sa) < 3 or len(se) < 3 or sa[:3] != se[:3] or score < p["garble_min"]:
                    continue
                if any(is_truncation(text, x, e.key, fold_arabic(x) in _known_folds(e.known)) for x in e.forms):
                    continue
                # at least as close to another name of the same source sentences: that name's rendering
                if any(ents[k].key != e.key and name_similarity_any(k, text) >= score
                       for s_ in srcs for k in src_keys[s_] if k in ents):
                    continue
                if best is None or score > best[0]:
                    best = (score, text, t)
        if best:
            return (best[1], best[2], f"similar but different ({best[0]:.2f})")
        return None

    def partly_rendered(self, e: _Entity, tids: tuple[int, ...]) -> tuple[str, int] | None:
        """A place or other name of several parts with one part transliterated and the rest translated
        (Mazar-i-Sharif → ضريح الشريف, "the noble shrine"): the part's word and the word before it."""
        spans, free = self.side.spans, self.side.free
        words = [w for w in re.split(r"[-\s]+", e.key) if w]
        if e.kind == "person" or len(words) < 2:
            return None
        parts = [w for w in words if len(skeleton_en(w)) >= 3 and w.lower() not in CONNECTORS]
        for t in tids:
            for sp in spans.ones.get(t, ()):
                if not free(sp) or _blocked(sp.raw):
                    continue
                if any(name_similarity_any(part, v) >= 0.83 for part in parts for v in sp.variants):
                    prev = spans.word(t, sp.i - 1)
                    return (f"{prev} {sp.raw}" if prev and not is_stopword(prev) else sp.raw), t
        return None


def _names_as_places(side: _Side) -> dict[tuple[str, int], str]:
    """(entity, target sentence) → the place it became: "Bolotbek Toktogulov's government" → حكومة
    مقاطعة توكتوغول (the government of Toktogul district). A place noun right before a clipped form of a
    person's name that the source does not explain (no city, district, port … there) makes it a place:
    a substitution. The clipped form is taken off the entity."""
    ents, source, spans, src_lower = side.ents, side.source, side.spans, side.src_lower
    as_place: dict[tuple[str, int], str] = {}
    for e in ents.values():
        if e.kind != "person" or not e.resolved or not _person_like(e, source):
            continue
        for t, items in list(e.cells.items()):
            for text, kind, sp in list(items):
                if sp is None or sp.i == 0 or kind != "truncated":
                    continue  # only a clipped name: states and cities are written ولاية فرجينيا as a rule
                prev = spans.word(t, sp.i - 1)
                if not prev or not any(fold_arabic(x).removeprefix("ال") in _PLACE_NOUNS for x in _stems_cached(prev)):
                    continue
                if any(_PLACE_WORDS.search(src_lower.get(s_, "")) for s_ in side.sources_of(t)):
                    continue
                as_place[(e.key, t)] = f"{prev} {text}"
                items.remove((text, kind, sp))
                table = e.truncated if kind == "truncated" else e.forms
                if t in table.get(text, ()):
                    table[text].remove(t)
                    if not table[text]:
                        del table[text]
            if not items:
                del e.cells[t]
    return as_place


def _gazetteer_explained(folded: str, sids: set[int], source: list[Sentence]) -> bool:
    """A CLDR place name in the target is explained when its English name is in the aligned source."""
    g = gazetteer()
    text = " ".join(source[s].text.lower() for s in sids if s < len(source))
    # nationality words that sound like the place: Welsh explains ويلز (Wales), Korean does not explain
    # القاهرة (Cairo) although both start K R
    demonyms = {w.lower() for s in sids if s < len(source) for w in re.findall(r"\b[A-Z][a-z]+", source[s].text)
                if w.lower() in g.nationalities}

    def sounds_like(d: str, place: str) -> bool:
        stem = place.rstrip("aeiouy")
        if len(stem) >= 4 and d.startswith(stem[:5]):
            return True  # Russian, Syrian, Kazakhstani
        sd, sp = skeleton_en(d), skeleton_en(place)
        return len(sp) >= 2 and sd[:1] == sp[:1] and skeleton_similarity(sd, sp) >= 0.75

    for table in (g.countries, g.cities):
        for en_lower, (_display, arabic) in table.items():
            if any(fold_arabic(a) == folded for a in arabic) and (
                    en_lower in text or any(sounds_like(d, en_lower) for d in demonyms)):
                return True
    for lang in g.languages.values():
        if fold_arabic(lang.arabic) == folded and lang.english.lower() in text:
            return True
    for en_lower, (_display, arabic) in g.people.items():
        if any(fold_arabic(a) == folded for a in arabic) and re.search(rf"\b{re.escape(en_lower)}\b", text):
            return True
    return False
