"""Turn per-side dictionaries of texts into a :class:`Corpus`, reporting every gap as a finding.

Every loader ends here, so the rules for missing and extra documents live in one place: a
system missing a document, or holding one the source lacks, is reported and kept, never fatal.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import Any

import regex

from eval.errors import InputError
from eval.ingest.lazy import LazyDocuments
from eval.model import Corpus, Document, Finding, GlossaryEntry


def _finding(doc_id: str, system: str, check: str, message: str, severity: str = "major") -> Finding:
    return Finding(doc_id=doc_id, system=system, check=check, severity=severity, its_type="omission" if "missing" in check else "addition", message=message)


#: control characters (terminal escapes among them) and bidi controls have no place in a name or id
_CONTROLS = regex.compile(r"[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _check_names(references: Mapping, systems: Mapping, origin: dict | None) -> None:
    """System and reference names are labels in every table and on the terminal: printable, and never
    one that reads as another side (a system called ``reference:ref`` merged with the reference)."""
    where = (origin or {}).get("path")
    for kind, names in (("system", systems), ("reference", references)):
        for n in names:
            if not str(n).strip():
                raise InputError(f"a {kind} has an empty name", where)
            if _CONTROLS.search(str(n)):
                raise InputError(f"{kind} name {str(n).encode('unicode_escape').decode()!r} holds control "
                                 "characters; rename it", where)
            if str(n).startswith(("reference:", "system:")) or str(n) == "source":
                raise InputError(f"{kind} name {n!r} reads as a side label; rename it", where)


def _check_ids(order: list[str], origin: dict | None) -> None:
    """Document ids: non-empty, printable, unique after Unicode normalisation and trimming."""
    where = (origin or {}).get("path")
    seen: dict[str, str] = {}
    for doc_id in order:
        key = unicodedata.normalize("NFC", doc_id).strip()
        if not key:
            raise InputError(f"document id {doc_id!r} is empty or only spaces", where)
        if _CONTROLS.search(doc_id):
            raise InputError(f"document id {doc_id.encode('unicode_escape').decode()!r} holds control characters", where)
        if key in seen and seen[key] != doc_id:
            raise InputError(f"document ids {seen[key]!r} and {doc_id!r} are the same once normalised", where)
        seen[key] = doc_id


def assemble(
    name: str,
    sources: Mapping[str, str],
    references: dict[str, Mapping[str, str]],
    systems: dict[str, Mapping[str, str]],
    glossary: list[GlossaryEntry] | None = None,
    origin: dict[str, Any] | None = None,
) -> Corpus:
    """Build the corpus; documents follow the source's order, then extra documents in first-seen order.

    The text mappings may be lazy (:class:`~eval.ingest.lazy.LazyTexts`): only membership is used
    here, and each document's texts are read when the document is.
    """
    _check_names(references, systems, origin)
    order: list[str] = list(sources)
    for side in (*references.values(), *systems.values()):
        for doc_id in side:
            if doc_id not in sources and doc_id not in order:
                order.append(doc_id)
    if not order:
        where = (origin or {}).get("path", name)
        raise InputError("empty corpus: no documents found", where)
    _check_ids(order, origin)
    findings: list[Finding] = []
    for doc_id in order:
        has_source = doc_id in sources
        if not has_source and sources:
            # a mixed corpus: this document is evaluated on its Arabic alone (a wholly source-free corpus
            # says so once, in the summary)
            findings.append(Finding(
                doc_id=doc_id, system="", check="ingest.source_free", severity="info", its_type="other",
                message=f"document {doc_id!r} has no English source: its Arabic is evaluated on its own "
                        "(checks that compare with the source are left out)"))
        for s, texts in systems.items():
            if doc_id not in texts and has_source:
                findings.append(_finding(doc_id, s, "ingest.missing_document", f"system {s!r} has no translation of document {doc_id!r}"))
        for r, texts in references.items():
            if doc_id not in texts and has_source:
                findings.append(
                    _finding(doc_id, f"reference:{r}", "ingest.missing_document", f"reference {r!r} lacks document {doc_id!r}; it is scored against the other references only", "info")
                )

    def build(doc_id: str) -> Document:
        return Document(
            doc_id=doc_id,
            source=sources.get(doc_id),
            references={r: texts[doc_id] for r, texts in references.items() if doc_id in texts},
            systems={s: texts[doc_id] for s, texts in systems.items() if doc_id in texts},
        )

    docs = LazyDocuments(order, build)
    return Corpus(
        name=name,
        documents=docs,
        systems=list(systems),
        references=list(references),
        glossary=list(glossary or []),
        findings=findings,
        origin=dict(origin or {}),
    )
