"""Content checks on aligned pairs: ``length``, ``repetition`` and ``negation``.

* ``length`` — the target/source character ratio of an aligned pair outside the band expected for
  English→Arabic news. Characters are counted without whitespace. The band was fit on NTREX-128's
  human en→ar translations (1 997 line pairs; ``python benchmarks/checks.py --fit-length``): for the
  1 898 pairs whose source has at least ``min_source_chars`` (30) non-space characters the ratio has
  median 0.917 and 0.1 / 0.5 / 99.5 / 99.9th percentiles 0.56 / 0.61 / 1.76 / 1.99. The band 0.55–1.75
  leaves about 0.6% of those human pairs outside. Shorter sources are skipped (their ratios are too
  noisy: "Hats off to Thomas." style lines). Held out: WMT24++ (dialectal references, median 0.82)
  0.5th percentile 0.47–0.49, so the lower bound flags about 1–2% of its pairs. Arabic is usually a
  little shorter than English in characters, so a pair at 0.4 has lost content and one at 2.0 has
  gained some. A hint, hence ``minor``.
* ``repetition`` — doubled words (``سلمياً سلمياً``), a word repeated with the conjunction
  (``بالاحتيال والاحتيال`` for "embezzlement, fraud"), a phrase repeated back to back (``كل أسبوع، كل
  أسبوع``), hallucination loops (a unit repeated three or more times) and a sentence repeating the
  previous one. Identical reduplication Arabic uses on purpose (رويداً رويداً) is allowed.
* ``negation`` — the aligned source has a negation word and the target none, or the reverse
  (not/no/never/without/denied/refused/declined to ↔ لا لم لن ليس غير دون بدون بلا عدم نفى رفض امتنع).
  Privative words (غير واضح "unclear", بلا, دون, عدم; English "without") answer a negation on the
  other side but never raise a finding themselves, because English writes them as un-/in- prefixes.
  Fixed expressions that contain a negator but do not negate (لا يزال "still", لا سيما "especially",
  لا بد "must", غير أن "however") are skipped. A hint, not proof, hence ``minor``.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from eval.checks.registry import Context, check, excerpt, match_word
from eval.model import Finding, Sentence
from eval.text.normalize import MATCHING, normalize_arabic

# --------------------------------------------------------------------------------------------
# length
# --------------------------------------------------------------------------------------------


def char_len(text: str) -> int:
    """Characters that are not whitespace (``str.split`` splits on exactly the ``str.isspace`` characters)."""
    return len("".join(text.split()))


@check(
    "length",
    "Target/source character ratio of an aligned pair outside the en→ar band (fit on NTREX human translations).",
    severity="minor",
    its_type="length",
    needs_source=True,
    min_ratio=0.55,
    max_ratio=1.75,
    min_source_chars=30,
)
def check_length(ctx: Context, s: dict) -> list:
    lo, hi, min_chars = float(s["min_ratio"]), float(s["max_ratio"]), int(s["min_source_chars"])
    out = []
    for p in ctx.pairs:
        if not (p.source_ids and p.target_ids):
            continue
        ls, lt = char_len(p.source_text), char_len(p.target_text)
        if ls < min_chars or lt == 0:
            continue
        ratio = lt / ls
        if lo <= ratio <= hi:
            continue
        what = "much shorter" if ratio < lo else "much longer"
        out.append(
            ctx.finding(
                "length", s,
                f"The translation is {what} than the source ({lt} vs {ls} characters, ratio {ratio:.2f}; "
                f"expected {lo:.2f}–{hi:.2f}): check for missing or added content.",
                source_ids=p.source_ids, target_ids=p.target_ids,
                details={"ratio": round(ratio, 3), "source_chars": ls, "target_chars": lt, "band": [lo, hi]},
            )
        )  # fmt: skip
    return out


# --------------------------------------------------------------------------------------------
# repetition
# --------------------------------------------------------------------------------------------

_WORD = regex.compile(r"[\p{L}\p{M}\u0640]+|\d+(?:[.,٫٬]\d+)*")
#: Reduplications that are idiomatic, and interjections repeated in quotes.
REDUPLICATION_OK = {"رويدا", "شيئا", "لا", "نعم", "ها", "اه", "يا", "كلا", "هيا", "اهلا", "مرحبا", "very", "ha", "no", "yes",
                    "that", "had", "is", "bye", "knock", "bla", "blah", "la"}  # fmt: skip


@lru_cache(maxsize=65536)
def _norm(w: str) -> str:
    return match_word(w).casefold()


_CORE_PREFIX = regex.compile(r"^(?:[وف])?(?:[بلك])?(?=ال)")
_COMPARATIVE = regex.compile(r"ا\w{3}")
_PUNCT_BETWEEN = regex.compile(r"[^\s\p{L}\p{M}\d]")


@lru_cache(maxsize=65536)
def _core(w: str) -> str:
    """A word without و/ف and ب/ل/ك (the article stays, so الرئيس ورئيس الوزراء is not a repeat)."""
    return _CORE_PREFIX.sub("", w) if len(w) > 4 else w


#: Arabic spellings of Latin letter names (سي إن إن = CNN, بي بي سي = BBC): doubled inside acronyms.
LETTER_NAMES = {"اي", "ايه", "بي", "سي", "دي", "اف", "جي", "اتش", "اش", "كي", "كيه", "ال", "ام", "ان", "او", "كيو",
                "ار", "اس", "تي", "يو", "في", "دبليو", "اكس", "واي", "زد", "زي", "ايتش", "جاي", "ايس", "ايف"}  # fmt: skip


@lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Words of ``text`` and their normalised forms, computed once per text (spans: :func:`_spans`)."""
    words = tuple(_WORD.findall(text))
    return words, tuple(map(_norm, words))


@lru_cache(maxsize=1024)
def _spans(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of the words of :func:`_tokens` (needed only where something is reported)."""
    return tuple(m.span() for m in _WORD.finditer(text))


def repetitions(text: str, *, max_ngram: int = 6, loop_min: int = 3) -> list[dict]:
    """Doubled words, ``X وX``, back-to-back repeated n-grams and loops in ``text``."""
    norm = _tokens(text)[1]
    nt = len(norm)
    out: list[dict] = []
    covered: set[int] = set()
    # A unit repeated at i needs norm[i] == norm[i + n]: only those starts can repeat, so each n visits
    # the candidate starts instead of comparing slices at every position (none when no word recurs).
    recurs = len(set(norm)) < nt
    starts = {n: [i for i in range(nt - 2 * n + 1) if norm[i] == norm[i + n]] if recurs else []
              for n in range(1, max_ngram + 1)}  # fmt: skip
    # loops first (shortest unit, most repeats), then doubled units (longest first, so a doubled phrase
    # is not also reported word by word)
    for n, need in [(n, loop_min) for n in range(1, max_ngram + 1)] + [(n, 2) for n in range(max_ngram, 0, -1)]:
        i = 0
        # with need <= 1 (a degenerate loop_min) every position can be reported, so scan them all
        for c in starts[n] if need > 1 else range(nt - 2 * n + 1):
            if c < i:
                continue  # inside a repeat reported at this n
            i = c
            unit = norm[i : i + n]
            reps = 1
            while i + (reps + 1) * n <= nt and norm[i + reps * n : i + (reps + 1) * n] == unit:
                reps += 1
            if n == 1 and reps == 2 and _PUNCT_BETWEEN.search(text[_spans(text)[i][1] : _spans(text)[i + 1][0]]):
                reps = 1  # "في العزل، العزل ده": a word repeated across punctuation picks up the thread
            if n > 1 and any(u[:1].isdigit() for u in unit):
                reps = 1  # dimensions and scores: 6 بوصة × 6 بوصة
            if reps >= need and covered.isdisjoint(range(i, i + reps * n)):
                ok = n == 1 and (unit[0] in REDUPLICATION_OK or unit[0].isdigit() or len(unit[0]) < 2)
                if n == 1 and unit[0] in LETTER_NAMES and reps < loop_min:
                    around = [*norm[max(0, i - 1) : i], *norm[i + 2 : i + 3]]
                    around = around + [x[1:] for x in around if x[:1] in "وبل"] + [x[-2:] for x in around]
                    ok = ok or any(x in LETTER_NAMES for x in around)  # سي إن إن, وسي إن إن, بي بي سي
                if n > 1 and all(u.isdigit() for u in unit):
                    ok = True
                if reps >= loop_min and (n > 1 or len(unit[0]) >= 2):
                    ok = False
                if not ok:
                    kind = "loop" if reps >= loop_min else ("doubled_word" if n == 1 else "repeated_phrase")
                    a, b = _spans(text)[i][0], _spans(text)[i + reps * n - 1][1]
                    out.append({"kind": kind, "start": a, "end": b, "text": text[a:b], "times": reps, "n": n})
                    covered.update(range(i, i + reps * n))
                    i += reps * n
                    continue
            i += 1
    # X وX (same word joined by "and"); English "more and more" so a source can be checked for the same
    if "and" in norm:
        for i in range(nt - 2):
            if norm[i + 1] == "and" and norm[i] == norm[i + 2] and i not in covered:
                s, e = _spans(text)[i][0], _spans(text)[i + 2][1]
                out.append({"kind": "conjoined_duplicate", "start": s, "end": e, "text": text[s:e], "times": 2, "n": 1})
    for i in range(nt - 1):
        b = norm[i + 1]
        if len(b) < 4 or b[0] != "و" or i in covered or i + 1 in covered:
            continue
        a = norm[i]
        ca, cb = _core(a), _core(b[1:])
        if _COMPARATIVE.fullmatch(ca):
            continue  # comparatives: أكثر وأكثر "more and more", أكبر وأكبر
        if len(ca) >= 4 and ca == cb and not a.isdigit():
            s, e = _spans(text)[i][0], _spans(text)[i + 1][1]
            out.append({"kind": "conjoined_duplicate", "start": s, "end": e, "text": text[s:e], "times": 2, "n": 1})
    return sorted(out, key=lambda d: d["start"])


_KINDS = {"loop": "a repetition loop", "doubled_word": "a doubled word", "repeated_phrase": "a repeated phrase",
          "conjoined_duplicate": "the same word joined to itself with “و”", "repeated_sentence": "a repeated sentence"}  # fmt: skip


@check(
    "repetition",
    "Doubled words, repeated phrases, hallucination loops, a word joined to itself with و, repeated sentences.",
    severity="major",
    its_type="addition",
    max_ngram=6,
    loop_min=3,
    min_sentence_words=4,
)
def check_repetition(ctx: Context, s: dict) -> list:
    out = []
    prev_norm = None
    max_ngram, loop_min, min_words = int(s["max_ngram"]), int(s["loop_min"]), int(s["min_sentence_words"])
    for t in ctx.target:
        reps = repetitions(t.text, max_ngram=max_ngram, loop_min=loop_min)
        words = _tokens(t.text)[1]
        if prev_norm is not None and words == prev_norm and len(words) >= min_words:
            src_now = ctx.source_of_target.get(t.index, ())
            src_prev = ctx.source_of_target.get(t.index - 1, ())
            if src_now == src_prev or ctx.join(ctx.source, src_now) != ctx.join(ctx.source, src_prev):
                reps.append({"kind": "repeated_sentence", "start": 0, "end": len(t.text), "text": t.text, "times": 2, "n": len(words)})
        prev_norm = words
        if reps:
            src_ids = ctx.source_of_target.get(t.index, ())
            src_reps = repetitions(ctx.join(ctx.source, src_ids)) if src_ids else []
            if src_reps:
                reps = [r for r in reps if r["kind"] in ("loop", "repeated_sentence") and r["times"] > max(x["times"] for x in src_reps)]
        if not reps:
            continue
        if any(r["kind"] == "repeated_sentence" for r in reps) and out and out[-1][0] == t.index - 1 \
                and out[-1][1] == words and any(r["kind"] == "repeated_sentence" for r in out[-1][2]):
            out[-1] = (t.index, words, out[-1][2], out[-1][3] + [t.index], out[-1][4])  # the loop goes on
            continue
        out.append((t.index, words, reps, [t.index], t))
    return [_repetition_finding(ctx, s, reps, ids, t) for _i, _w, reps, ids, t in out]


def _repetition_finding(ctx: Context, s: dict, reps: list[dict], ids: list[int], t: Sentence) -> Finding:
    """One finding per place; a sentence repeated over a run of sentences (a hallucination loop: real
    MT repeats one sentence hundreds of times) is one finding with its extent, not one per copy."""
    first = reps[0]
    if len(ids) > 1:
        times = len(ids) + 1
        ids = [ids[0] - 1, *ids]  # the first copy belongs to the loop too
        what = f"the same sentence {times} times in a row (sentences {ids[0]}–{ids[-1]}, a loop): “{t.text[:60]}”"
        reps = [{**first, "kind": "loop", "times": times, "extent": [ids[0], ids[-1]]}]
    else:
        what = "; ".join(f"{_KINDS[r['kind']]}: “{r['text'][:60]}”" for r in reps[:3])
    return ctx.finding(
        "repetition", s, f"Repetition: {what}.",
        source_ids=tuple(sorted({i for k in ids for i in ctx.source_of_target.get(k, ())})), target_ids=ids,
        target_excerpt=excerpt(t.text, first["start"], first["end"]),
        details={"repetitions": reps},
    )


# --------------------------------------------------------------------------------------------
# negation
# --------------------------------------------------------------------------------------------

EN_NEGATORS = regex.compile(
    r"(?i)\b(?:not|no|never|none|nobody|nothing|neither|nor|nowhere|without|cannot|"
    r"den(?:y|ies|ied|ying)|refus(?:e|es|ed|ing)|reject(?:s|ed|ing)?|declin(?:e|es|ed|ing)\s+to)\b|n['’]t\b"
)
#: Arabic negators (MATCHING-normalised, after stripping و/ف): particles and negating verbs/nouns.
AR_NEGATORS = {"لا", "لم", "لن", "ليس", "ليست", "ليسوا", "لست", "لسنا", "ليسا", "لستم", "غير", "دون", "بدون",
               "عدم", "بعدم", "لعدم", "كلا", "نفي", "ينفي", "نفت", "تنفي", "نفوا", "ينفون", "نفيه", "رفض", "يرفض",
               "رفضت", "ترفض", "رفضوا", "يرفضون", "نرفض", "ارفض", "لما", "بلا", "امتنع", "امتنعت", "يمتنع",
               "تمتنع", "امتنعوا"}  # fmt: skip
#: Negators that express privative adjectives and prepositions ("غير واضح" unclear, "بلا" without): they
#: can answer a source negation but never raise a finding on their own (English un-/in- is not counted).
AR_WEAK = {"غير", "دون", "بدون", "عدم", "بعدم", "لعدم", "بلا"}
EN_WEAK = {"without"}
#: Negator + next word pairs that do not negate ("still", "especially", "must", "however", "other than").
AR_NOT_NEGATION = {("لا", "يزال"), ("لا", "تزال"), ("لا", "يزالون"), ("لا", "زال"), ("لا", "سيما"), ("لا", "بد"),
                   ("لا", "تزالان"), ("غير", "ان"), ("غير", "ذلك"), ("من", "دون"), ("لا", "شك")}  # fmt: skip
AR_NEGATORS = {normalize_arabic(w, MATCHING) for w in AR_NEGATORS}
AR_NOT_NEGATION = {(normalize_arabic(a, MATCHING), normalize_arabic(b, MATCHING)) for a, b in AR_NOT_NEGATION}
_AR_TOKEN = regex.compile(r"[\p{Script=Arabic}&&[\p{L}\p{M}]]+", regex.V1)


_NO_NUMBER = regex.compile(r"\.?\s*\d")
_NOT_ONLY = regex.compile(r"\s+only\b")
_AR_PREFIXES = ("و", "ف", "وب", "فب", "ب", "ال", "بال", "وال", "وبال")


def english_negations(text: str) -> list[str]:
    return list(_english_negations(text))


@lru_cache(maxsize=4096)
def _english_negations(text: str) -> tuple[str, ...]:
    # cached: every target side of a document is checked against the same source texts
    out = []
    for m in EN_NEGATORS.finditer(text):
        w = m.group()
        if w.lower() == "no" and _NO_NUMBER.match(text, m.end()):
            continue  # No. 10
        if w.lower() == "not" and _NOT_ONLY.match(text, m.end()):
            continue  # not only … but also
        out.append(w)
    return tuple(out)


@lru_cache(maxsize=65536)
def _negator_base(w: str) -> str:
    """``w`` without the proclitic that hides a negator (ولم، بالرفض), else ``w``."""
    for pre in _AR_PREFIXES:
        if w.startswith(pre) and w[len(pre) :] in AR_NEGATORS and len(w) - len(pre) >= 2:
            return w[len(pre) :]
    return w


def arabic_negations(text: str) -> list[str]:
    toks = list(map(_norm, _AR_TOKEN.findall(text)))
    bases = list(map(_negator_base, toks))
    out = []
    for i in [k for k, base in enumerate(bases) if base in AR_NEGATORS]:
        base = bases[i]
        nxt = toks[i + 1] if i + 1 < len(toks) else ""
        prev = toks[i - 1] if i else ""
        if (base, nxt) in AR_NOT_NEGATION or (prev, base) in AR_NOT_NEGATION or base == "لما":
            continue
        if base == "ليس" and nxt == "فقط":
            continue  # not only
        if base == "لا" and nxt == "يقل":  # "no less than" keeps the number's meaning
            continue
        out.append(base)
    return out


def _strong(found: list[str], weak: set[str]) -> list[str]:
    return [w for w in found if _norm(w) not in weak]


@check(
    "negation",
    "Negation present on one side of an aligned pair and absent on the other (a hint, not proof).",
    severity="minor",
    its_type="mistranslation",
    needs_source=True,
    mode="presence",
)
def check_negation(ctx: Context, s: dict) -> list:
    out = []
    for p in ctx.pairs:
        if not (p.source_ids and p.target_ids):
            continue
        en = english_negations(p.source_text)
        ar = arabic_negations(p.target_text)
        if s["mode"] == "presence":
            # one side strongly negated, the other with no negation at all (weak ones included)
            differs = (bool(_strong(en, EN_WEAK)) and not ar) or (bool(_strong(ar, AR_WEAK)) and not en)
        else:
            differs = len(en) != len(ar)
        if not differs:
            continue
        if en and not ar:
            msg = f"The source is negated ({', '.join(en[:3])}) but the translation has no negation: check the meaning."
        elif ar and not en:
            msg = f"The translation is negated ({', '.join(ar[:3])}) but the source is not: check the meaning."
        else:
            msg = f"The source has {len(en)} negation(s), the translation {len(ar)}: check the meaning."
        out.append(
            ctx.finding(
                "negation", s, msg, source_ids=p.source_ids, target_ids=p.target_ids,
                details={"source_negations": en, "target_negations": ar},
            )
        )  # fmt: skip
    return out
