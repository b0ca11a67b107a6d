"""The data model shared by every stage: plain dataclasses, no behaviour beyond small helpers.

Data flows one way: ingest builds a :class:`Corpus` of :class:`Document`; segmentation turns each
side of a document into :class:`Sentence`; alignment produces :class:`Bead`; metrics and checks
produce numbers and :class:`Finding`; the results writer turns all of it into tables.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from typing import Any

SEVERITIES = ("critical", "major", "minor", "info")
SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}

#: ITS 2.0 localization-quality issue types used by findings.
ITS_TYPES = (
    "omission",
    "addition",
    "untranslated",
    "terminology",
    "whitespace",
    "pattern-problem",
    "length",
    "locale-violation",
    "mistranslation",
    "inconsistency",
    "characters",
    "other",
)

SOURCE = "source"


def reference_side(name: str) -> str:
    """Side label of a human reference, e.g. ``reference:default``."""
    return f"reference:{name}"


def system_side(name: str) -> str:
    """Side label of an MT system, e.g. ``system:google``."""
    return f"system:{name}"


def side_name(side: str) -> str:
    """The bare name of a side label (``system:x`` → ``x``; ``source`` → ``source``)."""
    return side.split(":", 1)[1] if ":" in side else side


@dataclass(frozen=True)
class GlossaryEntry:
    """An approved Arabic spelling for an English name, with accepted variants."""

    english: str
    arabic: str
    variants: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Document:
    """One news article: English source, optional Arabic references, Arabic output per system.

    Texts keep paragraphs as lines separated by ``\\n`` (blank lines allowed). ``None`` means the
    side is absent for this document (reported as a finding, never fatal).
    """

    doc_id: str
    source: str | None
    references: dict[str, str] = field(default_factory=dict)
    systems: dict[str, str] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)

    def sides(self) -> dict[str, str]:
        """Every present side of the document keyed by side label, source first."""
        out: dict[str, str] = {}
        if self.source is not None:
            out[SOURCE] = self.source
        for name, text in self.references.items():
            out[reference_side(name)] = text
        for name, text in self.systems.items():
            out[system_side(name)] = text
        return out


@dataclass(frozen=True)
class Finding:
    """Something a reviewer should look at.

    ``system`` is the side the finding is about, as a bare name for systems, ``reference:<name>``
    for a reference, or ``""`` for the source / corpus. Sentence ids are 0-based indices within the
    document side. ``details`` must be JSON-serialisable.
    """

    doc_id: str
    system: str
    check: str
    severity: str
    its_type: str = "other"
    source_ids: tuple[int, ...] = ()
    target_ids: tuple[int, ...] = ()
    source_excerpt: str = ""
    target_excerpt: str = ""
    message: str = ""
    details: dict[str, Any] = field(default_factory=dict)

    def to_row(self) -> dict[str, Any]:
        # what asdict() gives (fields in order), without its deep copy: the copied values were
        # strings, or replaced below; this runs once per finding in the driver of large runs
        row = {name: getattr(self, name) for name in _FINDING_FIELDS}
        row["source_ids"] = list(self.source_ids)
        row["target_ids"] = list(self.target_ids)
        row["details"] = _DETAILS_JSON(self.details)
        return row


_FINDING_FIELDS = tuple(f.name for f in fields(Finding))
#: json.dumps(details, ensure_ascii=False, sort_keys=True, default=str) with one encoder for all rows
_DETAILS_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, default=str).encode


@dataclass
class Corpus:
    """Everything ingested: documents plus the names of every system and reference seen."""

    name: str
    #: in order; loaders give a lazy sequence that reads each document from disk when it is used
    documents: Sequence[Document]
    systems: list[str]
    references: list[str]
    glossary: list[GlossaryEntry] = field(default_factory=list)
    #: problems found while reading (missing documents, unreadable lines, …)
    findings: list[Finding] = field(default_factory=list)
    #: where it came from and how it was read, for summary.json
    origin: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Sentence:
    """One sentence of one side of a document, with its span in that side's text."""

    doc_id: str
    side: str
    index: int
    paragraph: int
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Bead:
    """One alignment bead: source sentence ids ↔ target sentence ids (0-based, consecutive).

    ``kind`` is ``"<n>-<m>"`` (``1-1``, ``1-2``, ``2-1``, ``1-0`` omission, ``0-1`` addition, …);
    ``score`` is a confidence in [0, 1].
    """

    source_ids: tuple[int, ...]
    target_ids: tuple[int, ...]
    score: float = 1.0

    @property
    def kind(self) -> str:
        return f"{len(self.source_ids)}-{len(self.target_ids)}"
