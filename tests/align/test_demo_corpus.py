"""The bundled corpus: coverage on every side, and the documented omissions and additions are found."""

from __future__ import annotations

import json

import pytest

from eval.align import align, align_monolingual, alignment_findings
from tests.align.helpers import assert_covers
from tests.conftest import DEMO


def _norm(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def aligned():
    if not (DEMO / "source").is_dir():
        pytest.skip("bundled corpus not present")
    from eval.ingest import load_corpus
    from eval.text.split import segment_document

    corpus = load_corpus(DEMO)
    out = []
    for doc in corpus.documents:
        src = segment_document(doc.doc_id, "source", doc.source, "en")
        refs = {n: segment_document(doc.doc_id, f"reference:{n}", t, "ar") for n, t in doc.references.items()}
        for name, text in doc.systems.items():
            tgt = segment_document(doc.doc_id, f"system:{name}", text, "ar")
            out.append((doc.doc_id, name, src, tgt, refs, align([s.text for s in src], [t.text for t in tgt])))
    return out


def test_every_sentence_of_every_side_in_exactly_one_bead(aligned):
    for _doc, _name, src, tgt, refs, beads in aligned:
        assert_covers(beads, len(src), len(tgt))
        for ref in refs.values():
            assert_covers(align([s.text for s in src], [r.text for r in ref]), len(src), len(ref))
            assert_covers(align_monolingual([t.text for t in tgt], [r.text for r in ref]), len(tgt), len(ref))


def test_documented_omissions_and_additions_are_found(aligned, demo_corpus):
    faults = [json.loads(line) for line in (demo_corpus / "faults.jsonl").read_text(encoding="utf-8").splitlines()
              if line.strip()]
    wanted = [f for f in faults if f["kind"] in ("omission", "addition")]
    if not wanted:
        pytest.skip("no omission/addition faults documented")
    found = {}
    for doc, name, src, tgt, _refs, beads in aligned:
        for f in alignment_findings(doc, name, beads, src, tgt):
            found.setdefault((doc, name, f.check), []).append(_norm(f.source_excerpt or f.target_excerpt))
    for w in wanted:
        text = _norm(w["source"] if w["kind"] == "omission" else w["target"])
        got = found.get((w["doc_id"], w["system"], w["kind"]), [])
        assert any(text[:30] in g or g[:30] in text for g in got), (w, got)
    # systems documented without omissions or additions get none
    clean = {(f["doc_id"], f["system"]) for f in faults} - {(w["doc_id"], w["system"]) for w in wanted}
    for doc, name, *_ in aligned:
        if (doc, name) in clean or name == "polished":
            assert not found.get((doc, name, "omission")) and not found.get((doc, name, "addition")), (doc, name)


def test_documented_merges_become_many_to_one_beads(aligned, demo_corpus):
    faults = [json.loads(line) for line in (demo_corpus / "faults.jsonl").read_text(encoding="utf-8").splitlines()
              if line.strip()]
    merges = [f for f in faults if f["kind"] == "merge"]
    if not merges:
        pytest.skip("no merges documented")
    by_key = {(doc, name): (src, tgt, beads) for doc, name, src, tgt, _refs, beads in aligned}
    for f in merges:
        src, tgt, beads = by_key[(f["doc_id"], f["system"])]
        j = next(k for k, t in enumerate(tgt) if f["target"] in t.text)
        bead = next(b for b in beads if j in b.target_ids)
        joined = " ".join(src[i].text for i in bead.source_ids)
        assert len(bead.source_ids) >= 2 and f["source"] in joined, (f, bead)
