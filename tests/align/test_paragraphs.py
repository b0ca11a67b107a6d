"""Paragraph-anchored alignment: beads stay inside paragraphs, omissions/additions need evidence."""

from __future__ import annotations

import pytest

from eval.align import alignment_findings
from eval.align.paragraphs import PlacedBead, align_document, align_paragraphs
from eval.text.split import segment_document
from tests.align.helpers import FIXTURES, SEED


def _sides(en: str, ar: str):
    return segment_document("d", "source", en, "en"), segment_document("d", "system:x", ar, "ar")


def _findings(en: str, ar: str):
    src, tgt = _sides(en, ar)
    return alignment_findings("d", "x", align_paragraphs(src, tgt), src, tgt)


def _para_of(sents, ids):
    return {sents[i].paragraph for i in ids}


def test_glued_mt_sentences_stay_in_their_paragraph_without_omissions():
    # TranssionMT on WMT25 drops the space after full stops; the English has three sentences
    en = ("Kyle looked at his reflection in the mirror. He studied the lines etched on his face. "
          "A hint of gray threaded his hair now.\n"
          "He didn't want to label it an identity crisis. Not yet at least.")
    ar = ("كايل بص في انعكاسه في المراية.درس الخطوط اللي نقشها على وشه.دلوقتي خيط لمحة من الرمادي في شعره.\n"
          "ما كانش عايز يسميها أزمة هوية.مش لسه، على الأقل.")
    src, tgt = _sides(en, ar)
    placed = align_paragraphs(src, tgt)
    assert placed is not None
    for p in placed:
        if p.bead.source_ids and p.bead.target_ids:
            assert _para_of(src, p.bead.source_ids) == _para_of(tgt, p.bead.target_ids)
    found = alignment_findings("d", "x", placed, src, tgt)
    assert not [f for f in found if f.check in ("omission", "addition")]


def test_long_sentence_split_by_the_mt_is_one_bead():
    en = ("So it's going to be tough for her if she's going to beat this version of Sabalenka because she "
          "hasn't beaten Sabalenka in over three years and she needs to be defensive and get everything back.")
    ar = ("هيكون صعب عليها لو هتهزم النسخة دي من سابالينكا. لأنها ما هزمتش سابالينكا من أكتر من تلات سنين. "
          "ولازم تكون دفاعية. وترجع كل الكور.")
    src, tgt = _sides(en, ar)
    placed = align_paragraphs(src, tgt)
    assert [p.bead.kind for p in placed] == ["1-4"]
    assert alignment_findings("d", "x", placed, src, tgt) == []


def test_a_really_missing_sentence_is_an_omission():
    en = ("The ministers signed a protocol on navigation safety. "
          "Iran and Russia opposed the pipeline, which would carry 30 billion cubic metres of gas a year "
          "from Turkmenistan to Azerbaijan. The next summit will be held in Tehran.")
    ar = "وقع الوزراء بروتوكولا بشأن سلامة الملاحة. وستعقد القمة المقبلة في طهران."
    assert [(f.check, f.source_ids) for f in _findings(en, ar)] == [("omission", (1,))]


def test_an_injected_paragraph_is_an_addition_and_counts_differ():
    en = "Oil prices rose 2% on Monday.\n\nTraders said demand was strong."
    ar = ("اقرأ أيضا: أفضل عشرة أفلام لهذا الصيف\n\nارتفعت أسعار النفط 2% يوم الاثنين.\n\n"
          "وقال التجار إن الطلب كان قويا.")
    src, tgt = _sides(en, ar)
    placed = align_paragraphs(src, tgt)
    assert placed is not None
    found = alignment_findings("d", "x", placed, src, tgt)
    assert [(f.check, f.target_ids) for f in found] == [("addition", (0,))]


def test_unplaced_sentence_without_evidence_is_merged_not_reported():
    # the Arabic repeats the English content in a different cut; a 0-1 placement has no evidence
    en = "The company said profits fell. Sales in Asia were weak, it added, citing the strong dollar."
    ar = "قالت الشركة إن الأرباح تراجعت وإن المبيعات في آسيا كانت ضعيفة. وعزت ذلك إلى قوة الدولار."
    assert not [f for f in _findings(en, ar) if f.severity in ("critical", "major")]


def test_paragraphs_that_do_not_correspond_fall_back():
    en = "One.\nTwo.\nThree."
    ar = "واحد اثنان ثلاثة أربعة خمسة ستة سبعة ثمانية تسعة عشرة"
    src, tgt = _sides(en, ar)
    # one Arabic paragraph against three English ones: a paragraph alignment is not confident
    assert align_paragraphs(src, tgt) is None
    beads = align_document(src, tgt)  # what `mteval run` then does: the whole document as one sequence
    assert not isinstance(beads[0], PlacedBead)
    assert sorted(i for b in beads for i in b.source_ids) == [0, 1, 2]
    assert sorted(j for b in beads for j in b.target_ids) == [0]


def test_seed_article_furniture_still_additions_on_the_paragraph_path():
    source = FIXTURES / "seed" / "source_en.txt"
    if not SEED.is_file() or not source.is_file():
        pytest.skip("seed article not available")
    src = segment_document("seed", "source", source.read_text(encoding="utf-8"), "en")
    tgt = segment_document("seed", "system:seed", SEED.read_text(encoding="utf-8"), "ar")
    placed = align_paragraphs(src, tgt)
    assert placed is not None  # headline and footer paragraphs are 0-1 paragraphs of a confident alignment
    added = [f.target_excerpt for f in alignment_findings("seed", "seed", placed, src, tgt) if f.check == "addition"]
    assert any(a.startswith("READ") for a in added), added
    assert any("اترك تعليقاً" in a or "لن يتم نشر عنوان بريدك الإلكتروني" in a for a in added), added


def test_output_that_stops_mid_sentence_is_a_partial_omission():
    # SRPOL on WMT25 cnbc.com.52094: the paragraph's translation stops after a few words
    en = ("If all the reporting is true, having a fourth AI chip customer in production is great news for "
          "Broadcom's ability to capture this large SAM. Broadcom shares rose 3% on Monday. "
          "But they were still below their Jan. 24 close before Chinese startup DeepSeek went viral.")
    ar = "إذا كانت جميع التقارير صحيحة، فإن وجود عميل رابع"
    found = _findings(en, ar)
    assert {f.check for f in found} == {"omission"}
    assert any(f.details.get("partial") for f in found)  # the cut-short sentence's bead
    assert {i for f in found for i in f.source_ids} == {0, 1, 2}  # nothing of the dropped text unreported


def test_dropped_sentence_with_a_number_is_taken_off_a_merged_bead():
    # news-demo planted fault: the paragraph's second sentence dropped, the DP's cheapest path is 2-1
    en = ("The forecast, up from 9.4 million tonnes last season, follows a harvest of 26.7 million tonnes in "
          "clean weight, the second-largest since independence in 1991. Wheat accounted for about 78% of the total.")
    ar = ("ويأتي التوقع، ارتفاعا من 9.4 مليون طن في الموسم الماضي، بعد حصاد بلغ 26.7 مليون طن من الوزن النظيف، "
          "وهو ثاني أكبر حصاد منذ الاستقلال في عام 1991.")
    assert [(f.check, f.source_ids) for f in _findings(en, ar)] == [("omission", (1,))]
