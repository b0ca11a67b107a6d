import json

import pytest

from eval.errors import InputError
from eval.ingest import load_corpus, load_glossary, load_line_aligned, write_glossary


def _write(p, text):
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "corp"
    _write(root / "source" / "d1.txt", "Headline\n\nFirst paragraph. Second sentence.\n")
    _write(root / "source" / "d2.txt", "Other story.\n")
    _write(root / "reference" / "d1.txt", "عنوان\n\nالفقرة الأولى. جملة ثانية.\n")
    _write(root / "reference" / "d2.txt", "قصة أخرى.\n")
    _write(root / "systems" / "A" / "d1.txt", "عنوان\nفقرة.\n")
    _write(root / "systems" / "A" / "d2.txt", "قصة.\n")
    _write(root / "systems" / "B" / "d1.txt", "عنوان\n")
    _write(root / "systems" / "B" / "d9.txt", "نص زائد\n")
    _write(root / "glossary.tsv", "english\tarabic\tvariants\tnote\nTokayev\tتوكاييف\tتوكايف\tpresident\n")
    return root


def test_directory_layout(folder):
    c = load_corpus(folder)
    assert [d.doc_id for d in c.documents] == ["d1", "d2", "d9"]
    assert c.systems == ["A", "B"] and c.references == ["ref"]
    d1 = c.documents[0]
    assert d1.source.startswith("Headline\n\nFirst")
    assert d1.references["ref"].startswith("عنوان")
    assert set(d1.systems) == {"A", "B"}
    assert c.glossary[0].english == "Tokayev" and c.glossary[0].variants == ("توكايف",)
    checks = {(f.check, f.system, f.doc_id) for f in c.findings}
    assert ("ingest.missing_document", "B", "d2") in checks
    assert ("ingest.source_free", "", "d9") in checks  # a mixed corpus: d9 is evaluated on its Arabic alone
    assert c.documents[2].source is None and c.documents[2].systems == {"B": "نص زائد\n"}


def test_named_references(tmp_path):
    root = tmp_path / "c"
    _write(root / "source" / "x.txt", "A.\n")
    _write(root / "reference" / "human1" / "x.txt", "أ.\n")
    _write(root / "reference" / "human2" / "x.txt", "ا.\n")
    _write(root / "systems" / "s" / "x.txt", "أ.\n")
    c = load_corpus(root)
    assert c.references == ["human1", "human2"]


def test_jsonl(tmp_path):
    p = tmp_path / "c.jsonl"
    recs = [
        {"doc_id": "a", "source": ["Para one.", "Para two."], "reference": "فقرة.\nفقرة.", "systems": {"X": "س", "Y": "ص"}},
        {"doc_id": "b", "source": "B.", "systems": {"X": "ب"}},
    ]
    p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs) + "\n", encoding="utf-8")
    c = load_corpus(p)
    assert c.documents[0].source == "Para one.\nPara two."
    assert c.documents[0].references == {"ref": "فقرة.\nفقرة."}
    assert [(f.check, f.system, f.doc_id) for f in c.findings if f.check == "ingest.missing_document" and f.system == "Y"] == [
        ("ingest.missing_document", "Y", "b")
    ]


@pytest.mark.parametrize(
    "content, message",
    [
        ('{"doc_id": "a", "source": "x"}\n{"doc_id": "a", "source": "y"}\n', "c.jsonl:2: duplicate document id 'a'"),
        ('{"doc_id": "a", "source": "x"}\n{oops\n', "c.jsonl:2: invalid JSON"),
        ('{"source": "x"}\n', "c.jsonl:1: missing 'doc_id'"),
        ('{"doc_id": "a", "systems": 3}\n', "'systems' must be an object"),
        ('{"doc_id": "a", "source": 5}\n', "must be a string"),
        ("\n\n", "empty corpus"),
    ],
)
def test_jsonl_errors(tmp_path, content, message):
    p = tmp_path / "c.jsonl"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_corpus(p)


def test_tsv_rows_are_paragraphs(tmp_path):
    p = tmp_path / "c.tsv"
    p.write_text('doc_id\tsource\treference\tsystem:A\tB\nd1\tHe said "no".\tقال "لا".\tقال لا.\tقال\nd1\tSecond.\tثان.\tثان.\tثان\nd2\tX.\tس.\tس.\tس\n', encoding="utf-8")
    c = load_corpus(p)
    assert c.systems == ["A", "B"]
    assert c.documents[0].source == 'He said "no".\nSecond.'
    assert c.origin["segmentation"] == "lines"


def test_csv_quoting(tmp_path):
    p = tmp_path / "c.csv"
    p.write_text('doc_id,source,reference:h,sys\nd1,"Hello, world.","مرحبا، عالم.","مرحبا, عالم."\n', encoding="utf-8")
    c = load_corpus(p)
    assert c.documents[0].source == "Hello, world."
    assert c.references == ["h"] and c.documents[0].systems["sys"] == "مرحبا, عالم."


@pytest.mark.parametrize(
    "content, message",
    [
        ("doc_id\tsource\tA\nd1\tx\ty\nd2\tx\ty\nd1\tz\tw\n", "c.tsv:4: duplicate document id 'd1'"),
        ("doc_id\tsource\tA\nd1\tx\n", "c.tsv:2: expected 3 columns, found 2"),
        ("id_missing\tsource\nd1\tx\n", "needs a 'doc_id' column"),
        ("doc_id\tsource\nd1\tx\n", "at least one system or reference column"),
        ("", "empty corpus"),
    ],
)
def test_table_errors(tmp_path, content, message):
    p = tmp_path / "c.tsv"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_corpus(p)


def test_line_aligned(tmp_path):
    (tmp_path / "src.txt").write_text("a1\r\na2\r\nb1\r\n", encoding="utf-8")
    (tmp_path / "ref.txt").write_text("ا1\nا2\nب1\n", encoding="utf-8")
    (tmp_path / "sys.txt").write_text("ا1\n\nب1\n", encoding="utf-8")
    (tmp_path / "ids.tsv").write_text("docA\ndocA\ndocB\n", encoding="utf-8")
    c = load_line_aligned(tmp_path / "src.txt", {"ref": tmp_path / "ref.txt"}, {"S": tmp_path / "sys.txt"}, tmp_path / "ids.tsv")
    assert [d.doc_id for d in c.documents] == ["docA", "docB"]
    assert c.documents[0].source == "a1\na2"
    assert c.documents[0].systems["S"] == "ا1\n"  # the empty line is kept as an empty segment


def test_line_aligned_mismatched_counts(tmp_path):
    (tmp_path / "src.txt").write_text("a\nb\nc\n", encoding="utf-8")
    (tmp_path / "sys.txt").write_text("ا\nب\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"sys.txt: system 'S' has 2 lines but the source .* has 3"):
        load_line_aligned(tmp_path / "src.txt", {}, {"S": tmp_path / "sys.txt"})


def test_line_aligned_bad_doc_ids(tmp_path):
    (tmp_path / "src.txt").write_text("a\nb\nc\n", encoding="utf-8")
    (tmp_path / "sys.txt").write_text("ا\nب\nج\n", encoding="utf-8")
    (tmp_path / "ids.tsv").write_text("x\ny\nx\n", encoding="utf-8")
    with pytest.raises(InputError, match="ids.tsv:3: duplicate document id 'x'"):
        load_line_aligned(tmp_path / "src.txt", {}, {"S": tmp_path / "sys.txt"}, tmp_path / "ids.tsv")
    (tmp_path / "ids.tsv").write_text("x\ny\n", encoding="utf-8")
    with pytest.raises(InputError, match="2 document ids but 3 source lines"):
        load_line_aligned(tmp_path / "src.txt", {}, {"S": tmp_path / "sys.txt"}, tmp_path / "ids.tsv")


def test_empty_source_file(tmp_path):
    (tmp_path / "src.txt").write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="empty corpus"):
        load_line_aligned(tmp_path / "src.txt", {}, {"S": tmp_path / "src.txt"})


def test_unknown_format_and_missing_paths(tmp_path):
    p = tmp_path / "corpus.xml"
    p.write_text("<x/>")
    with pytest.raises(InputError, match="unknown corpus format '.xml'"):
        load_corpus(p)
    with pytest.raises(InputError, match="no such file or folder"):
        load_corpus(tmp_path / "nothing")
    (tmp_path / "emptydir").mkdir()
    with pytest.raises(InputError, match="no source/, systems/ or reference/ folder"):
        load_corpus(tmp_path / "emptydir")
    (tmp_path / "emptydir" / "source").mkdir()
    with pytest.raises(InputError, match="empty corpus"):
        load_corpus(tmp_path / "emptydir")


def test_glossary_round_trip_and_errors(tmp_path):
    p = tmp_path / "g.tsv"
    p.write_text("english\tarabic\tvariants\tnote\nNazarbayev\tنزارباييف\tنزاربايف|نازارباييف\t\nAlmaty\tألماتي\n", encoding="utf-8")
    entries = load_glossary(p)
    out = tmp_path / "g2.tsv"
    write_glossary(entries, out)
    assert load_glossary(out) == sorted(entries, key=lambda e: e.english.casefold())
    p.write_text("Almaty\n", encoding="utf-8")
    with pytest.raises(InputError, match="g.tsv:1: glossary row needs"):
        load_glossary(p)
    p.write_text("Almaty\tألماتي\nalmaty\tالماتي\n", encoding="utf-8")
    with pytest.raises(InputError, match="duplicate glossary entry"):
        load_glossary(p)


def test_ntrex_line_aligned_when_present():
    from tests.conftest import shared_path

    d = shared_path("data", "ntrex")
    c = load_line_aligned(d / "newstest2019-src.eng.txt", {"ref": d / "newstest2019-ref.arb.txt"}, {}, d / "DOCUMENT_IDS.tsv")
    assert len(c.documents) == 123
    assert sum(len(doc.source.split("\n")) for doc in c.documents) == 1997
    assert all("\r" not in doc.source for doc in c.documents)
