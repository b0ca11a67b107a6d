"""Sentence splitting on real news sentences (seed article, NTREX) and hypothesis properties."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eval.text import split as split_mod
from eval.text.split import segment_document, split_sentences

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
SEED = SHARED / "seed" / "000_c81270ce0b9162ad.txt"
NTREX = SHARED / "data" / "ntrex"


def sents(text: str, lang: str, **kw: bool) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text, lang, **kw)]


# --------------------------------------------------------------------------- English


@pytest.mark.parametrize(
    "text, expected",
    [
        # abbreviations and decimals inside, real boundary after "Jan. 6."
        (
            "The U.S. envoy met Mr. Smith and Gen. Ivanov on Jan. 6. Growth was 3.5 percent, he said.",
            ["The U.S. envoy met Mr. Smith and Gen. Ivanov on Jan. 6.", "Growth was 3.5 percent, he said."],
        ),
        # an acronym can end a sentence when a typical opener follows
        (
            "Sanctions were imposed by the U.S. The move angered Moscow.",
            ["Sanctions were imposed by the U.S.", "The move angered Moscow."],
        ),
        (
            "Troops were sent to the U.S. It's unclear why. Talks with the U.S. Treasury stalled.",
            ["Troops were sent to the U.S.", "It's unclear why.", "Talks with the U.S. Treasury stalled."],
        ),
        (
            "He flew to the U.K. on Monday. Dr. Lee and Sen. Ortiz stayed in St. Petersburg.",
            ["He flew to the U.K. on Monday.", "Dr. Lee and Sen. Ortiz stayed in St. Petersburg."],
        ),
        (
            "Revenue rose to $1,000.50 in 2019. Costs fell 0.5%.",
            ["Revenue rose to $1,000.50 in 2019.", "Costs fell 0.5%."],
        ),
        ("J. Smith of Acme Inc. Ltd. met the U.N. envoy, e.g. at 5 p.m. Monday.", None),
        ("The No. 2 official, Mrs. Karimova, resigned vs. expectations.", None),
        ("Is it true? Nobody knows! We will see.", ["Is it true?", "Nobody knows!", "We will see."]),
        # quotes: a continuing attribution stays in the sentence; a new sentence after the quote splits
        ('"Why?" Smith asked. "Because," he said.', ['"Why?" Smith asked.', '"Because," he said.']),
        ('"Is it over?" he asked.', None),
        ('He said: "We will win." Then he left.', ['He said: "We will win."', "Then he left."]),
        ("He said: “We will win.” Then he left.", ["He said: “We will win.”", "Then he left."]),
        ('"Stop!" and he left.', None),
        # ellipsis
        (
            "He paused... and then spoke. Silence… The end.",
            ["He paused... and then spoke.", "Silence…", "The end."],
        ),
        # URLs and e-mails are never split
        (
            "See https://www.reuters.com/world/asia?id=3.5 or mail j.smith@reuters.com for details. Thanks.",
            [
                "See https://www.reuters.com/world/asia?id=3.5 or mail j.smith@reuters.com for details.",
                "Thanks.",
            ],
        ),
        # list marker joins its item
        ("1. The first point. The second one.", ["1. The first point.", "The second one."]),
    ],
)
def test_english(text: str, expected: list[str] | None) -> None:
    assert sents(text, "en") == (expected if expected is not None else [text])


def test_bullet_line_is_one_sentence_with_its_bullet() -> None:
    text = "• Opposition leader says West must act. Putin seeks a new USSR.\n- Item two. More.\n  * three"
    out = sents(text, "en")
    assert out == [
        "• Opposition leader says West must act. Putin seeks a new USSR.",
        "- Item two. More.",
        "* three",
    ]
    # a minus sign glued to a number is not a bullet
    assert sents("-5 degrees is cold. It snowed.", "en") == ["-5 degrees is cold.", "It snowed."]


# --------------------------------------------------------------------------- Arabic


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "هل ستتدخل روسيا؟ قال المسؤول إن ذلك غير وارد! وارتفع التضخم إلى ٣٫٥ في المئة.",
            ["هل ستتدخل روسيا؟", "قال المسؤول إن ذلك غير وارد!", "وارتفع التضخم إلى ٣٫٥ في المئة."],
        ),
        ("بلغ النمو 3.5 بالمئة في 2021. وتراجع التضخم.", ["بلغ النمو 3.5 بالمئة في 2021.", "وتراجع التضخم."]),
        # semicolon is a clause separator, not a sentence end
        ("قال إنه مستعد؛ لكنه لم يحدد موعدا.", ["قال إنه مستعد؛ لكنه لم يحدد موعدا."]),
        # single-letter abbreviation (Dr.) is not a boundary
        ("التقى د. محمد بالرئيس. ثم غادر.", ["التقى د. محمد بالرئيس.", "ثم غادر."]),
        # a quote followed by an attribution continues; وقال after a quote starts a new sentence
        ("“لماذا؟” قال أبلياسوف للصحفيين.", ["“لماذا؟” قال أبلياسوف للصحفيين."]),
        ("«انتهى الأمر.» حسبما أفاد المسؤول.", ["«انتهى الأمر.» حسبما أفاد المسؤول."]),
        (
            "«انتهى الأمر.» وقال المسؤول إن الحكومة ستستقيل.",
            ["«انتهى الأمر.»", "وقال المسؤول إن الحكومة ستستقيل."],
        ),
        # MT leaves a space before a final period: the stray period stays with its sentence
        (
            "قال إن على الغرب التحرك “الآن”. . وأضاف أن الصين محايدة.",
            ["قال إن على الغرب التحرك “الآن”. .", "وأضاف أن الصين محايدة."],
        ),
        # a suspension mark mid-line never ends an Arabic sentence (no letter case to tell)
        ("زاد الإنتاج... ثم توقف.", ["زاد الإنتاج... ثم توقف."]),
    ],
)
def test_arabic(text: str, expected: list[str]) -> None:
    assert sents(text, "ar") == expected


def test_arabic_semicolon_switch() -> None:
    assert sents("قال إنه مستعد؛ لكنه لم يحدد موعدا.", "ar", semicolon=True) == [
        "قال إنه مستعد؛",
        "لكنه لم يحدد موعدا.",
    ]


# --------------------------------------------------------------------------- seed article


@pytest.fixture(scope="module")
def seed() -> str:
    if not SEED.exists():
        pytest.skip(f"{SEED} not available")
    return SEED.read_text(encoding="utf-8")


def _with_prefix(sentences: list, prefix: str):
    found = [s for s in sentences if s.text.startswith(prefix)]
    assert len(found) == 1, prefix
    return found[0]


def test_seed_every_paragraph_splits_sensibly(seed: str) -> None:
    out = segment_document("seed", "system:x", seed, "ar")
    lines = [ln for ln in seed.split("\n") if ln.strip()]
    assert max(s.paragraph for s in out) == len(lines) - 1
    for s in out:
        line = lines[s.paragraph]
        assert s.text == seed[s.start : s.end]
        assert s.text in line
        # no sentence starts with punctuation that belongs to the previous one
        assert s.text[0] not in ".!؟?”،,:;؛", s.text
        assert any(ch.isalpha() for ch in s.text), s.text
        # a sentence that stops before the end of its line stops at terminal punctuation (+ closing quote)
        if not line.rstrip().endswith(s.text):
            assert s.text.rstrip("”\"»)'“").endswith((".", "؟", "!", "?", "…")), s.text
    # each paragraph of the seed is at most a few sentences, and the article has ≈ 40 sentences
    assert len(lines) <= len(out) <= 60


def test_seed_specific_lines(seed: str) -> None:
    out = segment_document("seed", "system:x", seed, "ar")
    # headline and four bullets: one sentence each, bullet char kept
    assert out[0].text == "زعيم المعارضة يقول إن الغرب يجب أن يقف في وجه روسيا في كازاخستان"
    bullets = [s for s in out if s.text.startswith("•")]
    assert len(bullets) == 4 and len({s.paragraph for s in bullets}) == 4
    # the dateline paragraph is one sentence up to its (doubled) final period
    london = _with_prefix(out, "لندن (رويترز) –")
    assert london.text.endswith("“هيكل شبيه بالاتحاد السوفيتي الوسطي”. .")
    assert sum(s.paragraph == london.paragraph for s in out) == 1
    # "READ ..." boilerplate headline and the photo caption are separate lines → separate sentences
    read = _with_prefix(out, "READ")
    caption = out[read.index + 1]
    assert read.text.endswith("يوم الاثنين") and "؛" in read.text  # ؛ did not split it
    assert caption.text.startswith("تم العثور على السيارة") and caption.paragraph == read.paragraph + 1
    # "(CSTO). اقرأ أكثر": the injected "read more" is its own sentence
    csto = _with_prefix(out, "استدعى الرئيس")
    assert csto.text.endswith("(CSTO).")
    assert out[csto.index + 1].text == "اقرأ أكثر"
    # a domain name does not end a sentence
    assert _with_prefix(out, "اشترك الآن").text.endswith("Reuters.com")
    # two quotes in one paragraph split after the first closing quote
    q = _with_prefix(out, "وقال أبلياسوف لرويترز")
    assert q.text.endswith("السوفيتي.”")
    assert out[q.index + 1].text == "“يجب على الدول الغربية إخراج كازاخستان من روسيا”."
    # a quoted three-sentence statement
    quoted = [s.text for s in out if s.paragraph == _with_prefix(out, "وقال “لقد دخلت").paragraph]
    assert quoted == [
        "وقال “لقد دخلت روسيا بالفعل وأرسلت قوات.",
        "منظمة معاهدة الأمن الجماعي هي روسيا.",
        "هذا هو الاحتلال الروسي”.",
    ]
    # Arabic ؟ splits, and the dangling opening quote MT left at the end stays attached
    last = [s.text for s in out if s.paragraph == _with_prefix(out, "وقال ابلياسوف “أرى").paragraph]
    assert len(last) == 3 and last[1].endswith("ماذا يجب أن نفعل؟") and last[2].endswith("نفعل؟ “")
    # ؛ inside a quote does not split
    assert _with_prefix(out, "“لسوء الحظ").text == "“لسوء الحظ ، الغرب لا يساعدني ؛ الغرب يعيقني”."
    # the comment-form footer splits into its two sentences, the asterisk kept
    footer = [s.text for s in out if s.paragraph == out[-1].paragraph]
    assert footer == ["لن يتم نشر عنوان بريدك الإلكتروني.", "الحقول الإلزامية مشار إليها بـ *"]


# --------------------------------------------------------------------------- NTREX


def _ntrex_lines(name: str) -> list[str]:
    path = NTREX / name
    if not path.exists():
        pytest.skip(f"{path} not available")
    return path.read_text(encoding="utf-8-sig").splitlines()


@pytest.mark.parametrize(
    ("name", "lang"), [("newstest2019-src.eng.txt", "en"), ("newstest2019-ref.arb.txt", "ar")]
)
def test_ntrex_lines_are_mostly_one_sentence(name: str, lang: str) -> None:
    # NTREX is sentence-aligned: each line is one source sentence (a few hold two)
    lines = _ntrex_lines(name)
    counts = [len(split_sentences(line, lang)) for line in lines]
    assert sum(c == 1 for c in counts) / len(lines) >= 0.90
    assert all(c >= 1 for c, line in zip(counts, lines, strict=True) if line.strip())


def test_ntrex_document_segments_fast() -> None:
    text = "\n".join(_ntrex_lines("newstest2019-src.eng.txt"))
    t0 = time.perf_counter()
    out = segment_document("ntrex", "source", text, "en")
    elapsed = time.perf_counter() - t0
    assert elapsed < 1.0
    assert 1997 <= len(out) <= 2100


# --------------------------------------------------------------------------- segment_document


def test_segment_document_paragraphs_offsets_and_line_breaks() -> None:
    text = "First line. Second sentence.\r\n\r\n   \nThird\u2028line after LS.\nLast"
    out = segment_document("d1", "source", text, "en")
    assert [s.text for s in out] == ["First line.", "Second sentence.", "Third", "line after LS.", "Last"]
    assert [s.paragraph for s in out] == [0, 0, 1, 1, 2]  # blank and whitespace-only lines not counted
    assert [s.index for s in out] == list(range(5))
    assert all(s.text == text[s.start : s.end] and s.doc_id == "d1" and s.side == "source" for s in out)
    assert segment_document("d", "source", "", "en") == []
    assert segment_document("d", "source", " \n\t\n", "ar") == []


def test_whitespace_table_matches_python() -> None:
    python_ws = {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()}
    assert set(split_mod._WS) == python_ws
    assert set(split_mod._VBREAK) <= python_ws


# --------------------------------------------------------------------------- properties

_ALPHABET = st.sampled_from(
    list("abcXYZ019 .!?…;:,\"'()“”«»‘’•-*▪\n\r\t\u2028\u00a0\u200b")
    + list("ابتةىأ؟؛،٫٣")
    + ["U.S.", "Mr.", "e.g.", " The ", " He ", " said ", " قال ", "http://a.b/c?d. ", "1. ", "د. "]
)
_TEXTS = st.one_of(st.text(), st.lists(_ALPHABET, max_size=60).map("".join))


def _check_spans(text: str, spans: list[tuple[int, int]]) -> None:
    prev_end = 0
    covered = [False] * len(text)
    for a, b in spans:
        assert prev_end <= a < b <= len(text)
        assert not text[a].isspace() and not text[b - 1].isspace()
        assert not any(c in text[a:b] for c in "\n" + split_mod._VBREAK)
        for i in range(a, b):
            covered[i] = True
        prev_end = b
    lost = [c for c, cov in zip(text, covered, strict=True) if not cov and not c.isspace()]
    assert not lost


@settings(max_examples=500, deadline=None)
@given(_TEXTS, st.sampled_from(["en", "ar"]))
def test_split_never_loses_characters(text: str, lang: str) -> None:
    _check_spans(text, split_sentences(text, lang))


@settings(max_examples=300, deadline=None)
@given(_TEXTS, st.sampled_from(["en", "ar"]), st.booleans())
def test_segment_document_properties(text: str, lang: str, semicolon: bool) -> None:
    out = segment_document("d", "source", text, lang, semicolon=semicolon)
    _check_spans(text, [(s.start, s.end) for s in out])
    assert [s.index for s in out] == list(range(len(out)))
    nonblank = [i for i, ln in enumerate(text.split("\n")) if ln.strip()]
    for s in out:
        assert s.text == text[s.start : s.end]
        line_no = text.count("\n", 0, s.start)
        assert s.paragraph == nonblank.index(line_no)


# Real MT output and sources from WMT25 en→ar_EG (TranssionMT, speech transcripts, dialogue).
@pytest.mark.parametrize(
    "text, lang, expected",
    [
        # full stop glued to the next word, Arabic letters on both sides
        ("كايل بص في انعكاسه في المراية.درس الخطوط اللي نقشها على وشه.", "ar",
         ["كايل بص في انعكاسه في المراية.", "درس الخطوط اللي نقشها على وشه."]),
        ("تمام.يلا نكمل على قواقعنا.مرة تانية", "ar", ["تمام.", "يلا نكمل على قواقعنا.", "مرة تانية"]),
        ("ده بسبب برودةها.مبروك", "ar", ["ده بسبب برودةها.", "مبروك"]),
        ("انت كويس؟أيوه كويس", "ar", ["انت كويس؟", "أيوه كويس"]),
        # ... and what must stay whole: a one-letter abbreviation, decimals, domains, Latin
        ("قال د.محمد إن النمو بلغ 3.5 بالمئة حسب Reuters.com اليوم.", "ar",
         ["قال د.محمد إن النمو بلغ 3.5 بالمئة حسب Reuters.com اليوم."]),
        # dialogue split at an ellipsis stays one sentence, as the English does
        ("كان ذلك... جديدًا.", "ar", ["كان ذلك... جديدًا."]),
        ("شعرت الطريقة التي تحركوا بها جميعاً بال...أمان.", "ar", ["شعرت الطريقة التي تحركوا بها جميعاً بال...أمان."]),
        ("That was…new.", "en", ["That was…new."]),
        # run-on lower-case transcript
        ("Where sabalenka got the easy win. so it's going to be tough for perlini.", "en",
         ["Where sabalenka got the easy win.", "so it's going to be tough for perlini."]),
        # abbreviations before a lower-case word keep the sentence going
        ("Apples, pears etc. and more, e.g. this one, vs. them.", "en",
         ["Apples, pears etc. and more, e.g. this one, vs. them."]),
        ('"Is it true?" he asked.', "en", ['"Is it true?" he asked.']),
        ("The U.S. economy grew 3.5% in Jan. 2024, Reuters.com said.", "en",
         ["The U.S. economy grew 3.5% in Jan. 2024, Reuters.com said."]),
    ],
)
def test_real_mt_splitting(text: str, lang: str, expected: list[str]) -> None:
    assert sents(text, lang) == expected
