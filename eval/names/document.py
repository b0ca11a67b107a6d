"""One document side: the names its source mentions, and the state the name passes share.

Why one object: the passes (:mod:`eval.names.resolve`, :mod:`eval.names.substitutions`,
:mod:`eval.names.verdicts`) all ask the same questions of the alignment (which sentences face a
mention) and of the Arabic words already given to a name; keeping them here gives one answer.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from eval.model import Bead, GlossaryEntry, Sentence
from eval.names.entities import NAME_KINDS, Mention, gazetteer
from eval.names.forms import _known_folds
from eval.names.glossary import TRANSLATED_WORDS
from eval.names.spans import _arabic_words, _Span, _SpanTable, _stems_cached
from eval.names.translit import fold_arabic, name_similarity_any


@dataclass
class _Entity:
    """One name of the source (a word, for people) and what the passes find for it in the Arabic."""

    key: str
    display: str
    kind: str
    n_words: int
    known: tuple[str, ...]  # approved / CLDR spellings
    approved_user: tuple[str, ...] = ()  # from the user's glossary
    mentions: list[Mention] = field(default_factory=list)
    forms: dict[str, list[int]] = field(default_factory=dict)  # form → target sentence ids (one per occurrence)
    truncated: dict[str, list[int]] = field(default_factory=dict)
    derived: dict[str, list[int]] = field(default_factory=dict)
    cells: dict[int, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))  # sid → (text, kind)
    resolved: bool = False


_CAP_WORD = re.compile(r"[A-Z][A-Za-z\u00c0-\u024f'’.\-]*")


def _with_org_parts(mentions: list[Mention], glossary: dict[str, GlossaryEntry]) -> list[Mention]:
    """Organisations are translated, but a name inside one is still transliterated: "Avon and Somerset
    Police" → شرطة أفون وسومرست, "The Washington Post" → واشنطن بوست. A word of an organisation's
    name becomes a mention of its own when the document names it elsewhere (Somerset, Washington) or
    the glossary gives it a spelling (Zhongneng of "Zhongneng Power Group" ↔ تشونغنينغ)."""
    orgs = [m for m in mentions if m.kind == "org"]
    if not orgs:
        return mentions
    g = gazetteer()
    named = {m.key: m for m in mentions if m.kind in NAME_KINDS}
    extra = []
    for m in orgs:
        for hit in _CAP_WORD.finditer(m.text):
            w = hit.group().rstrip(".-’'")
            for poss in ("'s", "’s"):
                w = w[:-len(poss)] if w.endswith(poss) else w
            lw = w.lower()
            if len(w) < 2 or lw in TRANSLATED_WORDS or lw in g.nationalities or lw in g.languages:
                continue
            base = named.get(w)
            if base is None and (lw not in glossary or w.isupper()):
                continue
            extra.append(Mention(w, w, m.sentence, m.start + hit.start(), m.start + hit.start() + len(w),
                                 base.kind if base else "name", w, base.arabic if base else (), w.count("-") + 1))
    if not extra:
        return mentions
    return sorted([*mentions, *extra], key=lambda x: (x.sentence, x.start))


def _build_entities(mentions: list[Mention], glossary: dict[str, GlossaryEntry]) -> dict[str, _Entity]:
    """The names to check, by key, in order of first mention, with their known and approved spellings."""
    ents: dict[str, _Entity] = {}
    surnames = {m.key for m in mentions if m.kind in ("person", "name") and len(m.full.split()) >= 2
                and m.full.split()[-1] == m.key}
    for m in mentions:
        if m.kind not in NAME_KINDS:
            continue
        if m.key.endswith("s") and not m.key.endswith("ss") and m.key[:-1] in surnames and not m.arabic:
            # a family by its surname ("the Clintons" after Hillary Clinton) is a mention of the surname
            m = Mention(m.key[:-1], m.text, m.sentence, m.start, m.end, m.kind, m.full, m.arabic, m.n_words)
        e = ents.get(m.key)
        display = m.full if m.kind in ("person", "name") and m.full else m.key
        if e is None:
            g = glossary.get(m.key.lower())
            known = tuple(m.arabic)
            user: tuple[str, ...] = ()
            if g is not None:
                user = (g.arabic, *g.variants)
                known = user + known
            e = ents[m.key] = _Entity(m.key, display, m.kind, m.n_words, known, user)
        if len(display) > len(e.display):
            e.display = display
        e.mentions.append(m)
    return ents


def _has_demonym(key: str, text: str) -> bool:
    """Lower-case English ``text`` has a word that begins like the name but is not one of its words nor
    a possessive of one: its adjective or people (Syrian, Turkish for Syria, Turkey; not "Saudi" for
    Saudi Arabia)."""
    head = key.lower()[:4]
    if len(head) < 4:
        return False
    own = set(key.lower().split())
    for w in re.findall(rf"\b{re.escape(head)}[a-z'’]*", text):
        base = re.sub(r"['’]s?$", "", w)
        if base not in own:
            return True
    return False


def _glued_in(e: _Entity, tids: tuple[int, ...], spans: _SpanTable) -> bool:
    """A form written together with a neighbouring word (كافانويعمل): rendered, spacing aside. A form
    of 3 letters counts only inside a run-together stretch of ≥ 15 letters (…اجتماعمعمونهذاالشهر…),
    where it is no accident."""
    forms = [f for f in (fold_arabic(x) for x in [*e.forms, *e.known]) if len(f) >= 3]
    for t in tids:
        for sp in spans.ones.get(t, ()):
            fr = fold_arabic(sp.raw)
            if any(f in fr for f in forms if len(f) >= 4 or len(fr) >= 15):
                return True
    return False


def _known_in(e: _Entity, tids: tuple[int, ...], target: list[Sentence], source_text: str = "") -> bool:
    """A known multi-word or nisba spelling in the aligned sentences (letters only): the known spelling
    anywhere in the text, or a word (clitics aside) that begins with it less its final vowel letters
    (الألمانية for ألمانيا). A word, not any stretch of letters: الما (of ألمانيا) is also in المال. Not
    the adjective where the source (``source_text``, lower-case) has its own (السوريين for "Syrian
    Arabs" does not render "troops in Syria")."""
    sents = [target[t].text for t in tids if t < len(target)]
    text = " ".join(fold_arabic(x) for x in sents)
    cores = []
    for k in e.known:
        fk = fold_arabic(k)
        stem = fk[2:] if fk.startswith("ال") else fk
        if stem and stem in text:
            return True
        core = stem.rstrip("اهي")
        if len(stem) > 3 and len(core) >= 3 and " " not in core:
            cores.append(core)
    if not cores or _has_demonym(e.key, source_text):
        return False
    places = gazetteer().arabic_names
    known_f = _known_folds(e.known)
    for x in sents:
        for w, _, _ in _arabic_words(x):
            stems = [fold_arabic(st) for st in _stems_cached(w)]
            if any(f in places and f not in known_f for f in stems):
                continue  # another place's name (الآستانة is not an adjective of أستانا)
            for f in stems:
                f = f[2:] if f.startswith("ال") else f
                if any(f.startswith(c) for c in cores):
                    return True
    return False


_PERSON_ENDINGS = re.compile(r"(?:ov|ev|yev|ova|eva|yeva|in|ina|sky|ski|skiy|enko|yan|dze|shvili|oglu|zadeh|uly|kyzy)$")
_TITLE_BEFORE = re.compile(r"\b(?i:mr|mrs|ms|miss|dr|sir|dame|lord|lady|president|minister|premier|senator|governor|"
                           r"mayor|chairman|chairwoman|general|king|queen|prince|princess|sheikh)\.?\s+(?:[A-Z][\w'’-]*\s+)*$")


def _person_like(e: _Entity, source: list[Sentence]) -> bool:
    """A person beyond doubt: a title before one of its mentions (Mr, President …), or a surname ending
    of the Slavic and Central Asian kind (Toktogulov). Capitalised runs alone are not enough: West
    Virginia is a run of two words too."""
    if _PERSON_ENDINGS.search(e.key.lower()):
        return True
    return any(_TITLE_BEFORE.search(source[m.sentence].text[max(0, m.start - 60):m.start]) for m in e.mentions
               if m.sentence < len(source))


class _Side:
    """One document side as every pass shares it: sentences and their alignment, the entities, the
    target's spans, and which Arabic words are given to a name (one word renders one name).

    Pass 1 (:mod:`eval.names.resolve`) fills ``word_sids``, ``ent_tids``, ``weak``, ``need``, ``group_of``
    and ``used``; later passes read them.
    """

    def __init__(self, source: list[Sentence], target: list[Sentence], beads: list[Bead] | None,
                 mentions: list[Mention], ents: dict[str, _Entity], p: dict) -> None:
        self.source, self.target, self.beads = source, target, beads
        self.mentions, self.ents, self.p = mentions, ents, p
        self.s2t: dict[int, tuple[int, ...]] = {}
        self.t2s: dict[int, tuple[int, ...]] = {}
        for b in beads or ():
            for s in b.source_ids:
                self.s2t[s] = tuple(b.target_ids)
            for t in b.target_ids:
                self.t2s[t] = tuple(b.source_ids)
        self.all_t = tuple(t.index for t in target)
        self.spans = _SpanTable(target, p["max_span"])
        self.tgt_text = {t.index: t.text for t in target}
        self.src_lower = {s.index: s.text.lower() for s in source}
        self.taken: dict[tuple[int, int], str] = {}  # (target sentence, word) → the entity it renders
        self.taken2: set[tuple[int, int]] = set()  # …of those, the words pass 2 gave away
        self.word_sids: dict[str, set[int]] = defaultdict(set)  # folded word → target sentences holding it
        self.ent_tids: dict[str, set[int]] = {}  # entity → target sentences aligned to its mentions
        self.weak: dict[tuple[str, int], list[tuple[float, _Span, str]]] = defaultdict(list)
        self.need: dict[tuple[str, tuple[int, ...]], int] = Counter()  # (entity, aligned group) → mentions
        self.group_of: dict[tuple[str, int], tuple[int, ...]] = {}
        self.used: dict[tuple[str, tuple[int, ...]], int] = Counter()  # (entity, aligned group) → renderings
        self._src_caps: dict[int, list[str]] = {}

    def aligned(self, sid: int) -> tuple[int, ...]:
        """Target sentences aligned to source sentence ``sid`` (all of them without beads)."""
        return self.s2t.get(sid, ()) if self.beads else self.all_t

    def sources_of(self, t: int) -> Iterable[int]:
        """Source sentences aligned to target sentence ``t`` (all of them without beads)."""
        return self.t2s.get(t, ()) if self.beads else tuple(self.src_lower)

    def free(self, sp: _Span) -> bool:
        taken = self.taken
        if sp.n == 1:
            return (sp.sid, sp.i) not in taken
        return all((sp.sid, sp.i + k) not in taken for k in range(sp.n))

    def take(self, sp: _Span, key: str) -> None:
        for k in range(sp.n):
            self.taken[(sp.sid, sp.i + k)] = key

    def names_it(self, t: int, key: str) -> bool:
        """The source aligned to target sentence ``t`` has ``key`` in it, inside another name too
        (Plasco in Plasco-Flaxman)."""
        k = key.lower()
        return any(k in self.src_lower.get(s_, "") for s_ in self.sources_of(t))

    def common_word(self, e: _Entity, text: str) -> bool:
        """Frequent outside the sentences that mention the entity: an ordinary word (فريق, السلطات).
        Sentences whose source has the name inside another one (بلاسكو of بلاسكو فلاكسمان for
        Plasco-Flaxman) are not outside."""
        if " " in text or fold_arabic(text) in {fold_arabic(k) for k in e.known}:
            return False
        where = self.word_sids.get(fold_arabic(text), set())
        outside = [t for t in where - self.ent_tids[e.key] if not self.names_it(t, e.key)]
        inside = len(where & self.ent_tids[e.key])
        return len(outside) >= 2 and len(outside) > inside

    def demonym_here(self, t: int, key: str) -> bool:
        """The source aligned to ``t`` has the name's own adjective (Syrian, Turkish for Syria, Turkey)."""
        return any(_has_demonym(key, self.src_lower.get(s_, "")) for s_ in self.sources_of(t))

    def src_explains(self, t: int, key: str, text: str) -> bool:
        """A capitalised word of the source aligned to target sentence ``t`` (any word, not only an
        entity: Christian is a demonym) transliterates ``text`` at least as well as ``key`` does: that
        word's rendering (كريستيان for Lawyer Christian Schertz, not for Cristiano)."""
        words = self._src_caps.get(t)
        if words is None:
            srcs = self.t2s.get(t, ()) if self.beads else ()
            words = self._src_caps[t] = sorted({w for s_ in srcs if s_ < len(self.source)
                                                for w in re.findall(r"\b[A-Z][A-Za-z'’-]+", self.source[s_].text)})
        if not words:
            return False
        mine = name_similarity_any(key, text)
        return any(w != key and name_similarity_any(w, text) >= max(mine, 0.6) for w in words)
