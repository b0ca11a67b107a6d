"""The documented default layout: ``source/``, ``reference/[name/]``, ``systems/<name>/``, ``glossary.tsv``."""

from __future__ import annotations

from pathlib import Path

from eval.errors import InputError
from eval.ingest.assemble import assemble
from eval.ingest.glossary import load_glossary
from eval.ingest.reading import read_text

DEFAULT_REFERENCE = "ref"


def _texts(folder: Path) -> dict[str, str]:
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix == ".txt")
    return {p.stem: read_text(p) for p in files}


def load_directory(root: Path) -> dict:
    """Read a corpus folder into the parts :func:`assemble` takes."""
    src_dir = root / "source"
    sys_dir = root / "systems"
    if not src_dir.is_dir():
        raise InputError("no source/ folder (expected source/<doc_id>.txt)", root)
    sources = _texts(src_dir)
    references: dict[str, dict[str, str]] = {}
    ref_dir = root / "reference"
    if ref_dir.is_dir():
        flat = _texts(ref_dir)
        if flat:
            references[DEFAULT_REFERENCE] = flat
        for sub in sorted(p for p in ref_dir.iterdir() if p.is_dir()):
            references[sub.name] = _texts(sub)
    systems: dict[str, dict[str, str]] = {}
    if sys_dir.is_dir():
        for sub in sorted(p for p in sys_dir.iterdir() if p.is_dir()):
            systems[sub.name] = _texts(sub)
    glossary = load_glossary(root / "glossary.tsv") if (root / "glossary.tsv").is_file() else []
    return {"sources": sources, "references": references, "systems": systems, "glossary": glossary}


def load_directory_corpus(root: Path):
    parts = load_directory(root)
    return assemble(root.name, **parts, origin={"format": "directory", "path": str(root)})
