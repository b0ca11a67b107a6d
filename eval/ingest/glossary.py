"""Glossary of approved Arabic spellings: ``english<TAB>arabic<TAB>variants<TAB>note`` (header optional).

Variants are separated by ``|``. Editors approve a spelling once and every run checks against it.
"""

from __future__ import annotations

from pathlib import Path

from eval.errors import InputError
from eval.ingest.reading import read_lines
from eval.model import GlossaryEntry

HEADER = ("english", "arabic", "variants", "note")


def parse_glossary(lines: list[str], path: str | Path = "glossary.tsv") -> list[GlossaryEntry]:
    """Parse glossary rows; a row without an Arabic spelling is an error naming its line."""
    entries: list[GlossaryEntry] = []
    seen: dict[str, int] = {}
    for n, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        if n == 1 and cols[0].lower() == "english":
            continue
        if len(cols) < 2 or not cols[0] or not cols[1]:
            raise InputError("glossary row needs at least 'english<TAB>arabic'", path, n)
        if cols[0].casefold() in seen:
            raise InputError(f"duplicate glossary entry {cols[0]!r} (first on line {seen[cols[0].casefold()]})", path, n)
        seen[cols[0].casefold()] = n
        variants = tuple(v.strip() for v in cols[2].split("|") if v.strip()) if len(cols) > 2 else ()
        entries.append(GlossaryEntry(cols[0], cols[1], variants, cols[3] if len(cols) > 3 else ""))
    return entries


def load_glossary(path: str | Path) -> list[GlossaryEntry]:
    return parse_glossary(read_lines(path), path)


def write_glossary(entries: list[GlossaryEntry], path: str | Path) -> None:
    """Write entries in the same format :func:`load_glossary` reads (round-trips)."""
    rows = ["\t".join(HEADER)]
    for e in sorted(entries, key=lambda e: e.english.casefold()):
        rows.append("\t".join([e.english, e.arabic, "|".join(e.variants), e.note]))
    Path(path).write_text("\n".join(rows) + "\n", encoding="utf-8")
