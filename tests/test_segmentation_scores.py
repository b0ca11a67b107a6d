"""Scores that survive segmentation: `mteval run` equals sacrebleu on the user's paragraphs.

Synthetic documents whose MT glues sentences (no space after the full stop), splits a long sentence
and merges two, with paragraphs that correspond one to one; a system padded with random words;
an empty source; one document (resampling fallback). WMT25 when ../shared is present.
"""

from __future__ import annotations

import json
import random

import pytest
from sacrebleu.metrics import BLEU, CHRF, TER

from eval.cli import main
from tests.conftest import shared_path

EN = [
    "Oil prices rose 2% on Monday. Traders said demand from China was strong. The rally may not last, analysts warned.",
    "Kazakhstan exported 8 million tonnes of grain. Most of it went to Central Asia and Afghanistan.",
    "The minister met his Russian counterpart in Moscow on Tuesday, where they discussed the pipeline, "
    "transit fees and the grain corridor that both governments want to extend for another year.",
]
REF = [
    "ارتفعت أسعار النفط 2% يوم الاثنين. وقال التجار إن الطلب من الصين كان قويا. وحذر المحللون من أن الارتفاع قد لا يدوم.",
    "صدرت كازاخستان 8 ملايين طن من الحبوب. وذهب معظمها إلى آسيا الوسطى وأفغانستان.",
    "التقى الوزير نظيره الروسي في موسكو يوم الثلاثاء. وناقشا خط الأنابيب ورسوم العبور وممر الحبوب الذي تريد "
    "الحكومتان تمديده لعام آخر.",
]
SYSTEMS = {
    # glued full stops, as TranssionMT writes them
    "glued": [
        "أسعار النفط ارتفعت 2% يوم الاثنين.التجار قالوا إن الطلب من الصين كان قوي.المحللون حذروا إن الارتفاع ممكن ما يدومش.",
        "كازاخستان صدرت 8 مليون طن حبوب.ومعظمها راح لآسيا الوسطى وأفغانستان.",
        "الوزير قابل نظيره الروسي في موسكو يوم التلات.وناقشوا خط الأنابيب ورسوم العبور وممر الحبوب.",
    ],
    # merges two sentences, splits the long one in three
    "recut": [
        "ارتفعت أسعار النفط 2% يوم الاثنين، وقال التجار إن الطلب من الصين كان قويا. وحذر المحللون من أن الارتفاع قد لا يستمر.",
        "صدرت كازاخستان 8 ملايين طن من الحبوب ذهب معظمها إلى آسيا الوسطى وأفغانستان.",
        "التقى الوزير نظيره الروسي في موسكو يوم الثلاثاء. وناقشا خط الأنابيب. ورسوم العبور. "
        "وممر الحبوب الذي تريد الحكومتان تمديده.",
    ],
}


def _corpus(path, docs):
    with open(path, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    return path


def _run(tmp_path, corpus, *extra):
    out = tmp_path / "out"
    try:
        main(["run", str(corpus), "--out", str(out), "--no-report", "--no-progress", "--bootstrap", "100", *extra])
    except SystemExit as e:
        assert not e.code, e.code
    return json.loads((out / "summary.json").read_text(encoding="utf-8"))


def _docs(n_docs=12):
    docs = []
    for k in range(n_docs):
        # rotate paragraphs so documents differ
        order = [(k + i) % 3 for i in range(3)]
        docs.append({
            "doc_id": f"d{k}",
            "source": "\n\n".join(EN[i] for i in order),
            "reference": "\n\n".join(REF[i] for i in order),
            "systems": {s: "\n\n".join(t[i] for i in order) for s, t in SYSTEMS.items()},
        })
    return docs


def test_corpus_scores_equal_sacrebleu_on_paragraphs(tmp_path):
    docs = _docs()
    summary = _run(tmp_path, _corpus(tmp_path / "c.jsonl", docs))
    refs = [p for d in docs for p in d["reference"].split("\n\n")]
    for s in SYSTEMS:
        hyps = [p for d in docs for p in d["systems"][s].split("\n\n")]
        peer = {"bleu": BLEU(tokenize="intl").corpus_score(hyps, [refs]).score,
                "chrf": CHRF().corpus_score(hyps, [refs]).score,
                "chrf++": CHRF(word_order=2).corpus_score(hyps, [refs]).score,
                "ter": TER().corpus_score(hyps, [refs]).score}
        for metric, value in peer.items():
            assert summary["scores"][s][metric]["score"] == pytest.approx(value, abs=1e-9), (s, metric)
        assert summary["scores"][s]["chrf"]["n_segments"] == len(refs)


def test_padding_counts_against_precision(tmp_path):
    rng = random.Random(7)
    words = ["الذي", "في", "على", "من", "إلى", "مع", "قال", "كان", "هذا", "أن", "بعد", "عن"]
    docs = _docs()
    for d in docs:
        d["systems"] = {"clean": d["reference"],
                        "padded": d["reference"] + "\n\n" + " ".join(rng.choice(words) for _ in range(3000))}
    summary = _run(tmp_path, _corpus(tmp_path / "c.jsonl", docs))
    for metric in ("bleu", "chrf", "chrf++"):
        assert summary["scores"]["padded"][metric]["score"] < summary["scores"]["clean"][metric]["score"] - 10
    assert summary["scores"]["padded"]["ter"]["score"] > summary["scores"]["clean"]["ter"]["score"] + 100


def test_output_identical_to_reference_with_empty_source_scores_perfectly(tmp_path):
    docs = [{"doc_id": f"d{k}", "source": "", "reference": REF[k % 3], "systems": {"same": REF[k % 3]}}
            for k in range(3)]
    summary = _run(tmp_path, _corpus(tmp_path / "c.jsonl", docs))
    assert summary["scores"]["same"]["bleu"]["score"] == pytest.approx(100.0)
    assert summary["scores"]["same"]["ter"]["score"] == pytest.approx(0.0)


def test_one_document_resamples_segments_and_says_so(tmp_path):
    docs = _docs(1)
    docs[0]["systems"]["recut2"] = docs[0]["systems"]["recut"].replace("يستمر", "يدوم")
    summary = _run(tmp_path, _corpus(tmp_path / "c.jsonl", docs))
    sig = summary["significance"]["chrf"]
    assert sig["unit"] == "segments" and sig["requested_unit"] == "documents"
    assert any(w["kind"] == "resample_fallback" for w in summary["warnings"])
    ci = summary["scores"]["glued"]["chrf"]
    assert ci["ci_high"] > ci["ci_low"]  # not degenerate
    pair = next(p for p in sig["pairs"] if {p["a"], p["b"]} == {"recut", "recut2"})
    assert not pair["significant"]  # a one-word difference on one document


def test_enough_documents_keep_document_resampling(tmp_path):
    summary = _run(tmp_path, _corpus(tmp_path / "c.jsonl", _docs(12)))
    assert summary["significance"]["chrf"]["unit"] == "documents"
    assert not any(w["kind"] == "resample_fallback" for w in summary["warnings"])


@pytest.mark.slow
def test_wmt25_chrf_within_half_a_point_of_sacrebleu(tmp_path):
    shared_path("data", "wmt25-en-ar_EG")
    from benchmarks import wmt25

    docs = wmt25.documents()[:30]
    corpus = wmt25.write_corpus(tmp_path / "wmt25.jsonl", docs)
    summary = _run(tmp_path, corpus, "--metrics", "chrf")
    peer = wmt25.sacrebleu_paragraph_scores(docs, metrics=("chrf",))
    for s in wmt25.SYSTEMS:
        assert abs(summary["scores"][s]["chrf"]["score"] - peer[s]["chrf"]) <= 0.5, s


def test_paragraphs_of_several_lines_are_scored_as_blocks(tmp_path):
    # WMT's documents: paragraphs separated by blank lines, with line breaks inside a paragraph
    docs = _docs()
    for d in docs:
        d["source"] = d["source"].replace(". Traders", ".\nTraders")
        d["reference"] = d["reference"].replace(". وقال التجار", ".\nوقال التجار")
        d["systems"] = {s: t.replace(".التجار", ".\nالتجار").replace("، وقال التجار", "،\nوقال التجار")
                        for s, t in d["systems"].items()}
        assert "\n" in d["reference"].replace("\n\n", "")
    summary = _run(tmp_path, _corpus(tmp_path / "c.jsonl", docs))
    refs = [p for d in docs for p in d["reference"].split("\n\n")]
    for s in SYSTEMS:
        hyps = [p for d in docs for p in d["systems"][s].split("\n\n")]
        assert summary["scores"][s]["chrf"]["score"] == pytest.approx(CHRF().corpus_score(hyps, [refs]).score, abs=1e-9)
        assert summary["scores"][s]["chrf"]["n_segments"] == len(refs)
