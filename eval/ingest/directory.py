"""The documented default layout: ``source/``, ``reference/[name/]``, ``systems/<name>/``, ``glossary.tsv``."""

from __future__ import annotations

from pathlib import Path

from eval.errors import InputError
from eval.ingest.assemble import assemble
from eval.ingest.glossary import load_glossary
from eval.ingest.lazy import LazyTexts
from eval.ingest.reading import file_stamp, read_text

DEFAULT_REFERENCE = "ref"


def _read_checked(locator: tuple[Path, tuple[int, int]]) -> str:
    path, stamp = locator
    if file_stamp(path) != stamp:
        raise InputError("changed on disk while the run was reading it; run again on a stable copy", path)
    return read_text(path)


def _texts(folder: Path) -> LazyTexts:
    """The folder's ``<doc_id>.txt`` files, each validated now and read again when its document is used."""
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".txt")
    stems: dict[str, Path] = {}
    for p in files:
        if p.is_symlink() and not p.exists():
            raise InputError("is a broken symbolic link; fix or remove it (its document would be lost)", p)
        if p.stem in stems:
            raise InputError(f"two files for document {p.stem!r}: {stems[p.stem].name} and {p.name}", folder)
        stems[p.stem] = p
    for p in files:
        read_text(p)  # bad input stops the run here, before any work
    return LazyTexts({p.stem: (p, file_stamp(p)) for p in files}, _read_checked)


def load_directory(root: Path) -> dict:
    """Read a corpus folder into the parts :func:`assemble` takes."""
    src_dir = root / "source"
    sys_dir = root / "systems"
    if not src_dir.is_dir() and not sys_dir.is_dir() and not (root / "reference").is_dir():
        raise InputError("no source/, systems/ or reference/ folder (expected source/<doc_id>.txt and "
                         "systems/<name>/<doc_id>.txt)", root)
    # without source/ the corpus is source-free: the Arabic is evaluated on its own
    sources = _texts(src_dir) if src_dir.is_dir() else {}
    references: dict[str, LazyTexts] = {}
    ref_dir = root / "reference"
    if ref_dir.is_dir():
        flat = _texts(ref_dir)
        if flat:
            references[DEFAULT_REFERENCE] = flat
        for sub in sorted(p for p in ref_dir.iterdir() if p.is_dir()):
            if sub.name in references:
                raise InputError(f"reference/{sub.name}/ has the name the flat reference/*.txt files take; "
                                 "rename the folder or move the flat files into a folder of their own", ref_dir)
            references[sub.name] = _texts(sub)
    systems: dict[str, LazyTexts] = {}
    if sys_dir.is_dir():
        for sub in sorted(p for p in sys_dir.iterdir() if p.is_dir()):
            systems[sub.name] = _texts(sub)
    glossary = load_glossary(root / "glossary.tsv") if (root / "glossary.tsv").is_file() else []
    return {"sources": sources, "references": references, "systems": systems, "glossary": glossary}


def load_directory_corpus(root: Path):
    parts = load_directory(root)
    return assemble(root.resolve().name, **parts, origin={"format": "directory", "path": str(root)})
