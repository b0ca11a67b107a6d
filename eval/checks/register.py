"""Register and variety: Modern Standard Arabic vs dialect, per sentence and per system.

Why: news is written in MSA, so a system that writes Egyptian or Levantine dialect has a register
problem (``register.dialect``). And when a system's variety differs from the reference's, lexical
metrics (BLEU, chrF, TER) mislead: on WMT25 en→Egyptian Arabic the reference is in Egyptian dialect,
chrF ranks TranssionMT (dialect) first while XCOMET, MetricX and the organisers rank it last of the
three, because Algharb and SRPOL wrote MSA. :func:`corpus_warnings` detects that situation and names
the systems, so the report can warn that lexical scores compare varieties, not quality.

How: a transparent marker lexicon, not a trained classifier (it must run offline, be explainable to
a translator, and be tunable in the config). Each marker is a word (after MATCHING normalisation and
stripping و/ف) or a morphological pattern, with a weight per variety. Weights: 2 = a word MSA does
not use (عايز, إزاي, كده, هيك, شلون, بزاف, اللي); 1 = a dialect word with an MSA or foreign-name
homograph (دي "this" vs the particle "de", وايد "a lot" vs Wade, الحين vs MSA حين) or a weak shared one
(زي, كتير). Each distinct marker counts once per sentence (Roe v. Wade twice is still one وايد). A sentence is dialectal
when its total weight reaches ``min_score`` (2): one unambiguous marker or two weak ones. Its variety
is the one with the largest specific weight; when only shared markers fired it is ``dialect``.

Marker lists (normalised spelling; see :data:`MARKERS` for the exact weights):

* Egyptian — demonstratives ده، دي (دول is left out: it is also MSA "countries"); عايز/عاوز، إزاي، كده،
  دلوقتي، النهارده، إمبارح، مفيش، معلش، برضه، بتاع، أوي، فين، ليه، بص؛ the future prefix ه-
  (هيكون، هتعمل، هنروح) and the negation circumfix ما…ش (ماكنش، ميعرفوش).
* Levantine — هيك، شو، هلق، منيح، بدي/بدك/بدنا، مشان، هون، هاد، هيدا، كرمال، قديش، رح.
* Gulf — شلون، جذي، أبغى، شنو، هالحين، مب، ويش; weaker: وش، الحين (MSA "حين"), وايد (also the name Wade).
* Maghrebi — بزاف، واش، ديال، كيفاش، دابا، مزيان، والو، شحال، راني، نتوما، هادشي، كاين، غادي، باش
  (راه is left out: وراه is MSA وراءه).
* shared (dialect, variety unknown) — اللي، مش، عشان/علشان، مين، لسه، إيوه، كتير، ليش، وين، كمان، زي، إيه,
  and the b- imperfect prefix on common verbs (بيقول، بتعمل، بنروح; Egyptian and Levantine alike).

Measured (``benchmarks/checks.py``): on WMT25 en→ar_EG the reference has 56% dialectal sentences
(Egyptian), TranssionMT 71%, Algharb 0.2%, SRPOL 0.04%; NTREX's MSA reference 0 of 1 997 sentences
flagged. WMT24++'s en→ar_SA and en→ar_EG references are themselves written in Saudi and Egyptian
dialect, so evaluate them with ``allowed = ["gulf"]`` / ``["egyptian"]``.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Any

import regex

from eval.checks.registry import Context, check, excerpt, match_word
from eval.names.entities import STOPWORDS, TITLES
from eval.names.translit import name_similarity
from eval.text.normalize import MATCHING, normalize_arabic

VARIETIES = ("egyptian", "levantine", "gulf", "maghrebi")
MSA = "msa"
DIALECT = "dialect"  # dialectal, variety undecided

_E, _L, _G, _M, _D = "egyptian", "levantine", "gulf", "maghrebi", DIALECT


def _w(words: str, **weights: float) -> dict[str, dict[str, float]]:
    return {w: dict(weights) for w in words.split()}


#: Marker words (MATCHING-normalised: ا for أإآ, ه for ة, ي for ى) → {variety: weight}.
MARKERS: dict[str, dict[str, float]] = {
    **_w("عايز عايزه عايزين عاوز عاوزه عاوزين ازاي كده كدا دلوقتي دلوقت النهارده انهارده امبارح مفيش "
         "مافيش معلش برضه برضو بتاع بتاعه بتاعت بتوع بتاعي بتاعتي بتاعنا بتاعهم اوي ده بص "
         "بصيت بصي ازيك ازيكم فين ياريت", egyptian=2),
    **_w("دي ليه كويس كويسه خالص", egyptian=1),
    **_w("هيك هلق منيح منيحه مشان منشان هون هاد هادا كرمال قديش اديش هيدا هيدي", levantine=2),
    **_w("بدي بدك بدنا بدهم شو رح", levantine=1),
    **_w("شلون اشلون جذي ابغي ابغا نبغي تبغي شنو هالحين مب ويش", gulf=2),
    **_w("وش زين يبغي وايد الحين", gulf=1),
    **_w("بزاف واش ديال ديالي ديالك ديالو ديالها ديالنا كيفاش دابا مزيان مزيانه والو شحال راني "
         "نتوما هادشي كاين كاينه كاينين غادي", maghrebi=2),
    **_w("باش", maghrebi=1),
    **_w("اللي مش عشان علشان مين", dialect=2),
    **_w("كتير ليش وين كمان زي ايه", dialect=1),
    **_w("لسه لسا ايوه", dialect=2),
}  # fmt: skip

MARKERS = {normalize_arabic(k, MATCHING): v for k, v in MARKERS.items()}

_VERB_STEMS = (
    "قول|قولوا|عمل|حب|روح|شتغل|تكلم|كلم|فكر|عرف|شوف|دور|حاول|كتب|لعب|اكل|شرب|نام|حكي|شتكي|حس|فهم|رجع|"
    "طلع|نزل|خرج|ستخدم|ستني|جيب|جي|عيط|ضحك|بص|سال|قعد|مشي|خاف|ساعد|صحي|لبس|شيل|قدر|بقي|خلي|سيب|"
    "كون|موت|كسب|خسر|حصل|دفع|فضل|تعلم|حط|ركب|عيش|ستعمل"
)
_SUF = r"(?:وا|و|ي|ين|ها|هم|نا|ك|كم|لك|له|لها|لهم|لي|نا)?"
#: Morphological markers: (name, pattern on a normalised token, weights).
PATTERNS: tuple[tuple[str, regex.Pattern, dict[str, float]], ...] = (
    ("b-imperfect", regex.compile(rf"^ب[يتن](?:{_VERB_STEMS}){_SUF}$"), {_D: 1.0}),
    ("ha-future", regex.compile(rf"^ه[يتن](?:{_VERB_STEMS}){_SUF}$|^ها(?:{_VERB_STEMS}){_SUF}$"), {_E: 1.5}),
    ("ma-sh-negation", regex.compile(r"^ما\w{2,}ش$|^م[يتن]\w{2,}(?:وش|اش)$|^مك(?:ن|نا|انش)ش?$"), {_E: 1.5}),
)

_TOKEN = regex.compile(r"[\p{Script=Arabic}&&\p{L}][\p{Script=Arabic}&&[\p{L}\p{M}\u0640]]*", regex.V1)


def _candidates(tok: str) -> list[str]:
    out = [tok]
    if len(tok) > 3 and tok[0] in "وف" and tok[1] not in "وف":
        out.append(tok[1:])
    if tok in ("للي", "باللي", "واللي", "فاللي"):
        out.append("اللي")
    return out


@lru_cache(maxsize=65536)
def _marker(word: str) -> tuple[str, dict[str, float]] | None:
    tok = match_word(word)
    for c in _candidates(tok):
        if c in MARKERS:
            return c, MARKERS[c]
        for name, rx, weights in PATTERNS:
            if rx.match(c):
                return name, weights
    return None


def markers(text: str) -> list[dict[str, Any]]:
    """Dialect markers in ``text``: dicts with the matched word, its position, marker and weights."""
    out = []
    if not any(map(_marker, _TOKEN.findall(text))):
        return out  # no marker word: skip building the matches
    for m in _TOKEN.finditer(text):
        hit = _marker(m.group())
        if hit:
            out.append({"word": m.group(), "start": m.start(), "end": m.end(), "marker": hit[0], "weights": hit[1]})
    return out


def classify(text: str, min_score: float = 2.0, found: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Variety of one sentence: ``{"variety", "score", "scores", "markers"}``; variety is msa, a dialect or dialect.

    ``found``: the markers to count, when the caller has already discarded some (see :func:`check_dialect`).
    """
    if found is None:
        found = markers(text)
    scores: Counter[str] = Counter()
    for f in {f["marker"]: f for f in found}.values():  # each distinct marker counts once (Roe v. Wade ×2)
        for k, v in f["weights"].items():
            scores[k] += v
    total = sum(scores.values())
    if total < min_score:
        variety = MSA
    else:
        specific = {k: v for k, v in scores.items() if k in VARIETIES}
        variety = max(specific, key=lambda k: (specific[k], -VARIETIES.index(k))) if specific else DIALECT
    return {"variety": variety, "score": total, "scores": dict(scores), "markers": [f["word"] for f in found]}


def profile(texts: list[str], min_score: float = 2.0) -> dict[str, Any]:
    """Variety profile of a side: share of dialectal sentences, per-variety counts, dominant variety.

    ``variety`` is ``msa`` when under ``msa_max`` (10%) of sentences are dialectal, the most frequent
    dialect when at least ``dialect_min`` (20%) are, and ``mixed`` in between.
    """
    counts: Counter[str] = Counter()
    n = 0
    for t in texts:
        if not t or not t.strip():
            continue
        n += 1
        counts[classify(t, min_score)["variety"]] += 1
    dialectal = n - counts.get(MSA, 0)
    share = dialectal / n if n else 0.0
    specific = {k: counts[k] for k in VARIETIES if counts.get(k)}
    dominant = max(specific, key=lambda k: (specific[k], -VARIETIES.index(k))) if specific else DIALECT
    if share < MSA_MAX:
        variety = MSA
    elif share >= DIALECT_MIN:
        variety = dominant
    else:
        variety = "mixed"
    return {"sentences": n, "dialect_share": round(share, 4), "counts": dict(counts), "variety": variety,
            "dominant_dialect": dominant if specific else None}  # fmt: skip


MSA_MAX = 0.10
DIALECT_MIN = 0.20


def _label(v: str) -> str:
    return {"msa": "Modern Standard Arabic", "mixed": "a mix of MSA and dialect", DIALECT: "dialect"}.get(
        v, f"{v.capitalize()} dialect"
    )


def corpus_warnings(system_texts: dict[str, list[str]], reference_texts: dict[str, list[str]]) -> list[dict]:
    """Warn when a system writes a different variety of Arabic from the reference (lexical metrics mislead).

    ``system_texts`` / ``reference_texts`` map a name to that side's sentences over the corpus. Returns
    dicts with ``kind`` (``variety_mismatch``), ``message``, ``systems`` (the differing systems) and
    ``details`` (each side's profile). No reference → no warning (there is nothing to mislead).
    """
    out: list[dict] = []
    sys_prof = {name: profile(texts) for name, texts in system_texts.items()}
    for ref, texts in reference_texts.items():
        rp = profile(texts)
        if rp["sentences"] == 0:
            continue
        differing = []
        for name, sp in sys_prof.items():
            if sp["sentences"] == 0:
                continue
            a, b = rp["variety"], sp["variety"]
            if a == b or "mixed" in (a, b):
                # mixed vs a pure variety: only warn on a large gap in dialect share
                if a != b and abs(rp["dialect_share"] - sp["dialect_share"]) >= 0.3:
                    differing.append(name)
                continue
            differing.append(name)
        if not differing:
            continue
        same = [n for n in sys_prof if n not in differing]
        parts = [f"{n} ({_label(sys_prof[n]['variety'])}, {sys_prof[n]['dialect_share']:.1%} dialectal sentences)"
                 for n in differing]  # fmt: skip
        msg = (
            f"The reference {ref!r} is written in {_label(rp['variety'])} "
            f"({rp['dialect_share']:.0%} of its sentences are dialectal), but "
            f"{'system' if len(differing) == 1 else 'systems'} {', '.join(parts)} "
            f"{'writes' if len(differing) == 1 else 'write'} a different variety. BLEU, chrF and TER against this "
            "reference reward matching the variety, not translation quality: compare these systems with "
            "neural metrics or human judgement"
        )
        if same:
            msg += f"; {', '.join(same)} {'matches' if len(same) == 1 else 'match'} the reference's variety"
        out.append(
            {
                "kind": "variety_mismatch",
                "message": msg + ".",
                "systems": differing,
                "details": {"reference": ref, "reference_profile": rp,
                            "system_profiles": sys_prof, "matching_systems": same},
            }
        )  # fmt: skip
    return out


@check(
    "register.dialect",
    "A sentence written in dialect (Egyptian, Levantine, Gulf, Maghrebi) where news calls for Modern Standard Arabic.",
    severity="major",
    its_type="locale-violation",
    family="register",
    allowed=[],
    min_score=2.0,
)
def check_dialect(ctx: Context, s: dict) -> list:
    allowed = {a.lower() for a in s["allowed"] or ()}
    out = []
    names: set[str] | None = None
    for t in ctx.target:
        found = markers(t.text)
        if not found:
            continue
        if names is None:
            names = _source_names(ctx)
        if names:  # "Captain Shaw" → الكابتن شو is a name, not Levantine "what"
            found = [f for f in found if not any(name_similarity(n, _bare(f["word"])) >= 0.99 for n in names)]
        c = classify(t.text, float(s["min_score"]), found)
        v = c["variety"]
        if v == MSA or v in allowed or (v == DIALECT and allowed):
            continue
        out.append(
            ctx.finding(
                "register.dialect", s,
                f"This sentence is in {_label(v)} (markers: {', '.join(c['markers'][:6])}); "
                "news is expected in Modern Standard Arabic.",
                source_ids=ctx.source_of_target.get(t.index, ()), target_ids=[t.index],
                target_excerpt=excerpt(t.text, found[0]["start"], found[0]["end"]) if found else None,
                details={"variety": v, "score": c["score"], "scores": c["scores"], "markers": c["markers"]},
            )
        )  # fmt: skip
    return out


_CAPWORD = regex.compile(r"(?<![\p{L}'’])\p{Lu}\p{Ll}+")
_FAMILY = frozenset(["dad", "daddy", "mom", "mommy", "mum", "mummy", "mama", "papa", "ma", "pa", "grandma", "grandpa", "granny", "uncle", "aunt", "auntie"])
_STARTS = regex.compile(r"(?:^|[.!?:;…]|[\"“”‘«—–-])[\s\"“”‘’«»()\[\]]*$")


def _source_names(ctx: Context) -> set[str]:
    """Capitalised words inside sentences of the document's source, stop words aside.

    The whole document, not the aligned sentence: a translator writes "الكابتن شو" where the source
    sentence only says "he".
    """
    out = set()
    for sent in ctx.source:
        for m in _CAPWORD.finditer(sent.text):
            w = m.group()
            lw = w.lower()
            if lw not in STOPWORDS and lw not in TITLES and lw not in _FAMILY and not _STARTS.search(sent.text, 0, m.start()):
                out.add(w)  # capitalised away from a sentence start: a name ("Do", "Dad" opening a line are not)
    return out


def _bare(word: str) -> str:
    """A marker word without a leading و/ف conjunction, as the transliteration matcher expects."""
    return word[1:] if len(word) > 3 and word[0] in "وف" else word
