"""Turn per-side dictionaries of texts into a :class:`Corpus`, reporting every gap as a finding.

Every loader ends here, so the rules for missing and extra documents live in one place: a
system missing a document, or holding one the source lacks, is reported and kept, never fatal.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from eval.errors import InputError
from eval.ingest.lazy import LazyDocuments
from eval.model import Corpus, Document, Finding, GlossaryEntry


def _finding(doc_id: str, system: str, check: str, message: str, severity: str = "major") -> Finding:
    return Finding(doc_id=doc_id, system=system, check=check, severity=severity, its_type="omission" if "missing" in check else "addition", message=message)


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
    order: list[str] = list(sources)
    for side in (*references.values(), *systems.values()):
        for doc_id in side:
            if doc_id not in sources and doc_id not in order:
                order.append(doc_id)
    if not order:
        where = (origin or {}).get("path", name)
        raise InputError("empty corpus: no documents found", where)
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
