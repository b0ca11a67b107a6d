"""Documents read from disk when they are used, so ingesting a corpus costs an index, not its text.

Loaders validate every file in one streaming pass (so bad input still stops the run before any
work, naming file, line and byte) and keep, per side and document, only a locator: a file, a byte
span, a field. :class:`LazyTexts` maps document ids to texts through those locators and
:class:`LazyDocuments` builds each :class:`~eval.model.Document` on access. The pipeline walks the
documents in order, so memory holds the documents in flight, not the corpus.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, overload

from eval.model import Document


class LazyTexts(Mapping[str, str]):
    """``doc_id → text`` where each text is read by ``read(locator)`` on access, never kept."""

    def __init__(self, locators: dict[str, Any], read: Callable[[Any], str]):
        self._locators = locators
        self._read = read

    def __getitem__(self, doc_id: str) -> str:
        return self._read(self._locators[doc_id])

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._locators

    def __iter__(self) -> Iterator[str]:
        return iter(self._locators)

    def __len__(self) -> int:
        return len(self._locators)

    def __repr__(self) -> str:
        return f"LazyTexts({len(self)} documents)"


class LazyDocuments(Sequence[Document]):
    """The corpus's documents in order, each built by ``build(doc_id)`` when asked for."""

    def __init__(self, ids: list[str], build: Callable[[str], Document]):
        self.ids = ids
        self._build = build

    def __len__(self) -> int:
        return len(self.ids)

    @overload
    def __getitem__(self, i: int) -> Document: ...
    @overload
    def __getitem__(self, i: slice) -> list[Document]: ...
    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self._build(d) for d in self.ids[i]]
        return self._build(self.ids[i])

    def __iter__(self) -> Iterator[Document]:
        for d in self.ids:
            yield self._build(d)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"LazyDocuments({len(self)} documents)"
