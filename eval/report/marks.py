"""Text annotation for display: bidi controls made visible, name variants and reference differences marked.

Corpus text is never turned into markup here. A cell becomes a list of :class:`Run` (plain text
plus flags) and the template writes each run through Jinja's autoescaping, so a system output
containing ``<script>`` can only ever be shown as text.

Bidi control characters (RLO, RLI, …) in data could reorder the page around them; every one is
cut out of the text and replaced by a visible marker run, and every data cell is also isolated
(``dir`` + ``unicode-bidi: isolate``) in the page.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

BIDI_CONTROLS: dict[str, str] = {
    "\u061c": "ALM",
    "\u200e": "LRM",
    "\u200f": "RLM",
    "\u202a": "LRE",
    "\u202b": "RLE",
    "\u202c": "PDF",
    "\u202d": "LRO",
    "\u202e": "RLO",
    "\u2066": "LRI",
    "\u2067": "RLI",
    "\u2068": "FSI",
    "\u2069": "PDI",
}
_BIDI_RE = re.compile("[" + "".join(BIDI_CONTROLS) + "]")


def mark_bidi(text: str) -> str:
    """Replace bidi controls with a visible ``⟨RLO⟩``-style marker (for labels, messages, excerpts)."""
    if not text or not _BIDI_RE.search(text):
        return text
    return _BIDI_RE.sub(lambda m: f"⟨{BIDI_CONTROLS[m.group()]}⟩", text)


def has_bidi(text: str) -> bool:
    return bool(text) and _BIDI_RE.search(text) is not None


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of cell text with uniform marks.

    ``entity``: colour slot of the name entity it belongs to (-1: none); ``diff``: the words are not
    in the reference; ``bidi``: the run stands for a removed bidi control (its short name);
    ``title``: a tooltip (entity, form, verdict).
    """

    text: str
    entity: int = -1
    diff: bool = False
    bidi: str = ""
    title: str = ""
    flag: str = ""

    @property
    def plain(self) -> bool:
        return self.entity < 0 and not self.diff and not self.bidi


@dataclass(frozen=True)
class NameMark:
    """A surface form to highlight: ``form`` (Arabic or English), its entity colour slot, a tooltip.

    ``flag`` is "ok", "bad" or "" (unknown) from the names table's verdict.
    """

    form: str
    slot: int
    title: str = ""
    flag: str = ""


# --- reference differences ---------------------------------------------------------------------

_TOKEN_RE = re.compile(r"\S+")
_ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})
_DIACRITICS_RE = re.compile("[\u064b-\u065f\u0670\u0640]")
_EDGE_PUNCT = "\"'«»“”‘’()[]{}.,;:!?،؛؟…-–—/\\*"


def _token_key(token: str) -> str:
    """Comparison key for a word: diacritics, tatweel, alef/ya/ta-marbuta forms and edge punctuation folded.

    Why fold: the highlight should point at different words, not at spelling noise that every
    Arabic metric setup normalises away anyway.
    """
    key = _BIDI_RE.sub("", token)
    key = _DIACRITICS_RE.sub("", key).translate(_ARABIC_FOLD).strip(_EDGE_PUNCT).lower()
    return key or token


def diff_spans(hypothesis: str, reference: str) -> list[tuple[int, int]]:
    """Character spans of hypothesis words that are not matched in the reference (word-level difflib)."""
    hyp = [(m.start(), m.end(), _token_key(m.group())) for m in _TOKEN_RE.finditer(hypothesis)]
    ref = [_token_key(m.group()) for m in _TOKEN_RE.finditer(reference)]
    if not hyp:
        return []
    sm = difflib.SequenceMatcher(None, ref, [k for _, _, k in hyp], autojunk=False)
    spans: list[tuple[int, int]] = []
    for op, _i1, _i2, j1, j2 in sm.get_opcodes():
        if op in ("replace", "insert") and j2 > j1:
            spans.append((hyp[j1][0], hyp[j2 - 1][1]))
    return spans


# --- names ----------------------------------------------------------------------------------------


def _name_spans(text: str, marks: Iterable[NameMark], latin: bool) -> list[tuple[int, int, NameMark]]:
    """Non-overlapping occurrences of the forms, longest form first.

    Arabic forms match inside words (clitics ``و``, ``ب``, ``ال`` … attach to names); English
    forms match whole words only.
    """
    taken = [False] * len(text)
    out: list[tuple[int, int, NameMark]] = []
    for mark in sorted(marks, key=lambda m: -len(m.form)):
        if not mark.form.strip():
            continue
        pattern = re.escape(mark.form)
        if latin:
            pattern = r"(?<!\w)" + pattern + r"(?!\w)"
        for m in re.finditer(pattern, text):
            a, b = m.span()
            if any(taken[a:b]):
                continue
            for i in range(a, b):
                taken[i] = True
            out.append((a, b, mark))
    return out


# --- putting it together ------------------------------------------------------------------------


#: characters of one cell the report shows; the rest is cut with a note (the tables keep every character)
MAX_CELL_CHARS = 20_000


def annotate(
    text: str,
    names: Iterable[NameMark] = (),
    reference: str | None = None,
    latin: bool = False,
) -> list[Run]:
    """Split ``text`` into runs carrying name, difference and bidi marks.

    ``reference``: when given and non-empty, words of ``text`` that are not in it get ``diff``.
    """
    if not text:
        return []
    if len(text) > MAX_CELL_CHARS:  # a hallucinated 50 MB line would freeze the browser's line breaking
        cut = len(text) - MAX_CELL_CHARS
        return [*annotate(text[:MAX_CELL_CHARS], names, reference[:MAX_CELL_CHARS] if reference else reference, latin),
                Run(f" … [{cut:,} more characters not shown; the whole text is in sentences.parquet]", flag="cut")]
    names = list(names)
    spans = _name_spans(text, names, latin) if names else []
    diffs = diff_spans(text, reference) if reference else []
    bidi = has_bidi(text)
    if not spans and not diffs and not bidi:
        return [Run(text)]
    n = len(text)
    slot = [-1] * n
    owner: list[NameMark | None] = [None] * n
    for a, b, mark in spans:
        for i in range(a, b):
            slot[i] = mark.slot
            owner[i] = mark
    diff = [False] * n
    for a, b in diffs:
        for i in range(a, b):
            diff[i] = True
    runs: list[Run] = []
    start = 0
    for i in range(1, n + 1):
        at_end = i == n
        if not at_end and text[i] not in BIDI_CONTROLS and text[i - 1] not in BIDI_CONTROLS and (
            slot[i] == slot[i - 1] and owner[i] is owner[i - 1] and diff[i] == diff[i - 1]
        ):
            continue
        piece = text[start:i]
        if piece in BIDI_CONTROLS:
            runs.append(Run("", bidi=BIDI_CONTROLS[piece], title=f"U+{ord(piece):04X}"))
        else:
            mark = owner[start]
            runs.append(
                Run(
                    piece,
                    entity=slot[start],
                    diff=diff[start] and not piece.isspace(),
                    title=mark.title if mark else "",
                    flag=mark.flag if mark else "",
                )
            )
        start = i
    return runs
