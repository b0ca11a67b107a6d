"""The seed article: the injected "READ …" headline and the comment-form footer come out as additions."""

from __future__ import annotations

import pytest

from eval.align import align, alignment_findings
from eval.model import Sentence
from tests.align.helpers import FIXTURES, SEED, assert_covers

SOURCE = FIXTURES / "seed" / "source_en.txt"


def _inputs():
    if not SEED.is_file():
        pytest.skip("../shared/seed not available")
    if not SOURCE.is_file():
        pytest.skip("tests/fixtures/seed/source_en.txt not written yet")
    return SOURCE.read_text(encoding="utf-8"), SEED.read_text(encoding="utf-8")


def _paragraphs(doc, side, text):
    out = []
    for line in text.split("\n"):
        if line.strip():
            out.append(Sentence(doc, side, len(out), len(out), line.strip(), 0, 0))
    return out


@pytest.mark.parametrize("unit", ["sentences", "paragraphs"])
def test_seed_additions(unit):
    en, ar = _inputs()
    if unit == "sentences":
        from eval.text.split import segment_document

        src = segment_document("seed", "source", en, "en")
        tgt = segment_document("seed", "system:seed", ar, "ar")
    else:
        src, tgt = _paragraphs("seed", "source", en), _paragraphs("seed", "system:seed", ar)
    beads = align([s.text for s in src], [t.text for t in tgt])
    assert_covers(beads, len(src), len(tgt))
    added = [f.target_excerpt for f in alignment_findings("seed", "seed", beads, src, tgt) if f.check == "addition"]
    assert any(a.startswith("READ") for a in added), added
    assert any("اترك تعليقاً" in a for a in added), added
    assert any("لن يتم نشر عنوان بريدك الإلكتروني" in a for a in added), added
    # the article's own lines are not additions, and nothing of the English is lost
    assert not any("أبلياسوف" in a for a in added)
    omitted = [b for b in beads if b.source_ids and not b.target_ids]
    assert len(omitted) <= 1
