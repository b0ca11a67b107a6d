"""Streaming ingestion: loaders keep locators, not texts, and read each document back exactly."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eval.errors import InputError
from eval.ingest import load_corpus, load_line_aligned, read_lines, read_text
from eval.ingest.lazy import LazyDocuments, LazyTexts
from eval.ingest.reading import scan_lines

LINE = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n\x00"), max_size=12)
EOL = st.sampled_from(["\n", "\r\n", "\r"])


def _eager_docs(lines: list[str], ids: list[str]) -> dict[str, str]:
    docs: dict[str, list[str]] = {}
    for i, line in zip(ids, lines, strict=True):
        docs.setdefault(i, []).append(line)
    return {d: "\n".join(v) for d, v in docs.items()}


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(st.tuples(LINE, LINE, EOL), min_size=1, max_size=12),
    cuts=st.lists(st.integers(0, 11), max_size=4),
    bom=st.booleans(),
    final_eol=st.booleans(),
)
def test_line_aligned_documents_read_back_exactly(tmp_path_factory, rows, cuts, bom, final_eol):
    d = tmp_path_factory.mktemp("lines")
    n = len(rows)
    ids = []
    k = 0
    for i in range(n):
        if i in cuts and i:
            k += 1
        ids.append(f"doc{k}")

    def write(name: str, col: int) -> Path:
        body = "".join(r[col] + (r[2] if j < n - 1 or final_eol else "") for j, r in enumerate(rows))
        p = d / name
        p.write_bytes((b"\xef\xbb\xbf" if bom else b"") + body.encode("utf-8"))
        return p

    src, sys_ = write("src.txt", 0), write("sys.txt", 1)
    (d / "ids.txt").write_text("\n".join(ids) + "\n", encoding="utf-8")
    src_lines, sys_lines = read_lines(src), read_lines(sys_)
    if not (len(src_lines) == len(sys_lines) == n):  # an empty last line without a line end is no line
        with pytest.raises(InputError):
            load_line_aligned(src, {}, {"S": sys_}, d / "ids.txt")
        return
    c = load_line_aligned(src, {}, {"S": sys_}, d / "ids.txt")
    assert isinstance(c.documents, LazyDocuments)
    want_src, want_sys = _eager_docs(src_lines, ids), _eager_docs(sys_lines, ids)
    assert [doc.doc_id for doc in c.documents] == list(want_src)
    for doc in c.documents:
        assert doc.source == want_src[doc.doc_id] and doc.systems == {"S": want_sys[doc.doc_id]}


@pytest.mark.parametrize(
    "data",
    [b"ok\nab\xffc\n", b"\xef\xbb\xbfok\nab\xffc\n", b"a\r\nb\x00c\n", b"\xff\xfea\x00b\x00", b"one\rtwo\r\n\xc3"],
)
def test_scan_lines_validates_like_read_text(tmp_path: Path, data: bytes):
    p = tmp_path / "f.txt"
    p.write_bytes(data)
    with pytest.raises(InputError) as eager:
        read_text(p)
    with pytest.raises(InputError) as streamed:
        list(scan_lines(p))
    assert str(streamed.value) == str(eager.value)


def test_scan_lines_spans_point_at_the_lines(tmp_path: Path):
    p = tmp_path / "f.txt"
    raw = "\ufeffسطر\r\nline two\rthird\n\nlast".encode()
    p.write_bytes(raw)
    got = list(scan_lines(p))
    assert [t for *_, t in got] == read_lines(p) == ["سطر", "line two", "third", "", "last"]
    assert [n for n, *_ in got] == [1, 2, 2, 3, 4]  # physical line numbers, as errors report them
    assert all(raw[a:b].decode() == t for _, a, b, t in got)


def _directory(root: Path) -> Path:
    for sub, text in (("source", "One.\nTwo."), ("systems/A", "واحد.\nاثنان."), ("reference", "مرجع.")):
        (root / sub).mkdir(parents=True, exist_ok=True)
        (root / sub / "d1.txt").write_text(text, encoding="utf-8")
    return root


def test_directory_reads_files_when_documents_are_used(tmp_path: Path):
    c = load_corpus(_directory(tmp_path / "corpus"))
    assert c.documents[0].systems == {"A": "واحد.\nاثنان."}
    # the text is read again on use; a file changed since indexing is an error, never a silent mix
    p = tmp_path / "corpus" / "systems" / "A" / "d1.txt"
    p.write_text("نص آخر أطول من الأول", encoding="utf-8")
    os.utime(p, ns=(1, 1))
    with pytest.raises(InputError, match="changed on disk"):
        c.documents[0]


def test_directory_validates_every_file_at_load(tmp_path: Path):
    root = _directory(tmp_path / "corpus")
    (root / "systems" / "A" / "d2.txt").write_bytes(b"ok\n\xff\n")
    with pytest.raises(InputError, match=r"d2\.txt:2: invalid UTF-8 at byte 3"):
        load_corpus(root)


def test_jsonl_and_table_read_back_and_detect_changes(tmp_path: Path):
    recs = [{"doc_id": "a", "source": ["P1.", "P2."], "systems": {"S": "س١\nس٢"}, "reference": "م"},
            {"doc_id": "b", "source": "Only.", "systems": {"S": "فقط."}}]  # fmt: skip
    j = tmp_path / "c.jsonl"
    j.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs) + "\n", encoding="utf-8")
    c = load_corpus(j)
    assert [(d.doc_id, d.source, d.systems, d.references) for d in c.documents] == [
        ("a", "P1.\nP2.", {"S": "س١\nس٢"}, {"ref": "م"}), ("b", "Only.", {"S": "فقط."}, {})]  # fmt: skip
    t = tmp_path / "c.csv"
    t.write_text('doc_id,source,S\na,"Hello,\nworld",مرحبا\n\na,b,ب\nb,c,ج\n', encoding="utf-8")
    c = load_corpus(t)
    assert c.documents[0].source == "Hello,\nworld\nb" and c.documents[0].systems == {"S": "مرحبا\nب"}
    t.write_text("doc_id,source,S\nb,changed,x\n", encoding="utf-8")
    with pytest.raises(InputError, match="changed on disk"):
        c.documents[1]


def test_lazy_containers():
    texts = LazyTexts({"x": 1, "y": 2}, lambda loc: "t" * loc)
    assert dict(texts) == {"x": "t", "y": "tt"} and "x" in texts and "z" not in texts and len(texts) == 2
    from eval.model import Document

    docs = LazyDocuments(["x", "y"], lambda d: Document(d, texts[d]))
    assert len(docs) == 2 and docs[1].source == "tt" and [d.doc_id for d in docs[:1]] == ["x"]
    assert docs == [Document("x", "t"), Document("y", "tt")]
