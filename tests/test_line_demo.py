"""references/line-demo is exactly news-demo's paragraphs, line-aligned, so the two never drift apart."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "references"
DOCS = ("kz-grain-exports", "kg-election", "caspian-summit")
FILES = {"source.en": "source", "reference.ar": "reference", "polished.ar": "systems/polished",
         "literal.ar": "systems/literal"}


def _paragraphs(folder: str, doc: str) -> list[str]:
    text = (ROOT / "news-demo" / folder / f"{doc}.txt").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip()]


def test_line_demo_is_news_demo_line_aligned():
    ids = (ROOT / "line-demo" / "doc-ids.txt").read_text(encoding="utf-8").splitlines()
    assert list(dict.fromkeys(ids)) == list(DOCS)
    for name, folder in FILES.items():
        lines = (ROOT / "line-demo" / name).read_text(encoding="utf-8").splitlines()
        assert lines == [p for doc in DOCS for p in _paragraphs(folder, doc)], name
        assert len(lines) == len(ids), name
