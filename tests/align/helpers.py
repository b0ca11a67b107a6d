"""Helpers shared by the alignment tests: the coverage invariant, paths, NTREX documents."""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
NTREX = SHARED / "data" / "ntrex"
SEED = SHARED / "seed" / "000_c81270ce0b9162ad.txt"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def assert_covers(beads, n: int, m: int) -> None:
    """Every id of both sides in exactly one bead, in order, consecutive within a bead; scores in [0, 1]."""
    src = [i for b in beads for i in b.source_ids]
    tgt = [j for b in beads for j in b.target_ids]
    assert src == list(range(n)), src
    assert tgt == list(range(m)), tgt
    for b in beads:
        assert b.source_ids or b.target_ids, "empty bead"
        assert list(b.source_ids) == list(range(b.source_ids[0], b.source_ids[0] + len(b.source_ids))) if b.source_ids else True
        assert list(b.target_ids) == list(range(b.target_ids[0], b.target_ids[0] + len(b.target_ids))) if b.target_ids else True
        assert 0.0 <= b.score <= 1.0
        assert b.kind == f"{len(b.source_ids)}-{len(b.target_ids)}"


def _lines(path: Path) -> list[str]:
    lines = [x.rstrip("\r") for x in path.read_text(encoding="utf-8").split("\n")]
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def ntrex_documents() -> OrderedDict:
    """NTREX split into its documents: doc_id → (English lines, Arabic lines); skip when absent."""
    if not NTREX.is_dir():
        pytest.skip("../shared/data/ntrex not available")
    src = _lines(NTREX / "newstest2019-src.eng.txt")
    tgt = _lines(NTREX / "newstest2019-ref.arb.txt")
    ids = _lines(NTREX / "DOCUMENT_IDS.tsv")
    docs: OrderedDict = OrderedDict()
    for d, s, t in zip(ids, src, tgt):
        docs.setdefault(d.strip(), ([], []))
        docs[d.strip()][0].append(s)
        docs[d.strip()][1].append(t)
    return docs
