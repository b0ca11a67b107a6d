"""Ingest: every supported input format into one :class:`eval.model.Corpus`.

``load_corpus`` picks the loader from the path (folder → directory layout, ``.jsonl`` → JSONL,
``.tsv``/``.csv`` → table); line-aligned WMT files go through :func:`load_line_aligned`.
"""

from __future__ import annotations

from pathlib import Path

from eval.errors import InputError
from eval.ingest.directory import load_directory_corpus
from eval.ingest.glossary import load_glossary, parse_glossary, write_glossary
from eval.ingest.jsonl import load_jsonl
from eval.ingest.lines import load_line_aligned
from eval.ingest.reading import decode_text, read_lines, read_text
from eval.ingest.table import load_table

FORMATS = ("auto", "directory", "jsonl", "tsv", "csv")

__all__ = [
    "FORMATS",
    "decode_text",
    "load_corpus",
    "load_glossary",
    "load_line_aligned",
    "parse_glossary",
    "read_lines",
    "read_text",
    "write_glossary",
]


def load_corpus(path: str | Path, fmt: str = "auto", glossary: str | Path | None = None):
    """Load a corpus from a folder, a JSONL file or a TSV/CSV file; ``glossary`` adds or replaces one."""
    p = Path(path)
    if not p.exists():
        raise InputError("no such file or folder", p)
    if fmt == "auto":
        if p.is_dir():
            fmt = "directory"
        elif p.suffix.lower() == ".jsonl":
            fmt = "jsonl"
        elif p.suffix.lower() in (".tsv", ".csv"):
            fmt = p.suffix.lower()[1:]
        else:
            raise InputError(f"unknown corpus format {p.suffix or '(no extension)'!r}; expected a folder, .jsonl, .tsv or .csv (or use --source/--system for line-aligned files)", p)
    if fmt == "directory":
        if not p.is_dir():
            raise InputError("expected a corpus folder", p)
        corpus = load_directory_corpus(p)
    elif fmt == "jsonl":
        corpus = load_jsonl(p)
    elif fmt in ("tsv", "csv"):
        corpus = load_table(p)
    else:
        raise InputError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}", p)
    if glossary is not None:
        corpus.glossary = load_glossary(glossary)
    return corpus
