"""Registry of translation-QA checks: ids, defaults, configuration and the :func:`run_checks` driver.

Why a registry: localization QA tools (Okapi CheckMate, Xbench, Trados QA) let a reviewer switch a
check off, re-level it or tune it without touching code. Every check here is a small function
registered with :func:`check`, carrying an id (``number.mismatch``), a one-line doc, a default
severity, an ITS 2.0 issue type and its parameters with defaults. A run's ``config`` (the
``[checks]`` section of the TOML file) overrides them per check id::

    [checks.boilerplate]
    enabled = true
    severity = "critical"          # the severity of target-only furniture
    extra_patterns = ["^Click here"]

    [checks."number.mismatch"]     # or the nested form [checks.number.mismatch]
    window = 0

Checks see a :class:`Context`: both sides' sentences plus the alignment beads, so they can work on
aligned pairs (source ids ↔ target ids) or on the whole target side.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

import regex

from eval.errors import ConfigError
from eval.model import ITS_TYPES, SEVERITIES, Bead, Finding, Sentence
from eval.text.normalize import MATCHING, normalize_arabic

#: Check ids owned by other stages (aligner, names); accepted in ``config`` and ignored here.
EXTERNAL_CHECKS = ("omission", "addition")
EXTERNAL_PREFIXES = ("name.",)

_EXCERPT = 160


@lru_cache(maxsize=512)
def rx(pattern: str, flags: int = 0) -> regex.Pattern:
    """A compiled pattern, cached (the regex module's own cache is slow in hot loops)."""
    return regex.compile(pattern, flags)


@lru_cache(maxsize=1 << 17)
def match_word(word: str) -> str:
    """``normalize_arabic(word, MATCHING)``, cached once for every check that looks words up."""
    return normalize_arabic(word, MATCHING)


@dataclass(frozen=True)
class Check:
    """One registered check (see the module docstring)."""

    id: str
    doc: str
    severity: str
    its_type: str
    func: Callable[[Context, dict[str, Any]], Iterable[Finding]]
    params: dict[str, Any] = field(default_factory=dict)
    family: str = ""
    #: compares the Arabic with the English: left out for a document without a source
    needs_source: bool = False

    def describe(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "family": self.family,
            "doc": self.doc,
            "severity": self.severity,
            "its_type": self.its_type,
            "needs_source": self.needs_source,
            "params": copy.deepcopy(self.params),
        }


_REGISTRY: dict[str, Check] = {}


def check(
    id: str, doc: str, *, severity: str, its_type: str, family: str | None = None, needs_source: bool = False,
    **params: Any,
) -> Callable[[Callable], Callable]:
    """Register ``func(ctx, params) -> Iterable[Finding]`` under ``id`` with default ``params``
    (``needs_source``: the check compares with the English, so a source-free document skips it)."""
    if severity not in SEVERITIES:
        raise ValueError(f"{id}: unknown severity {severity!r}")
    if its_type not in ITS_TYPES:
        raise ValueError(f"{id}: unknown ITS type {its_type!r}")

    def deco(func: Callable) -> Callable:
        if id in _REGISTRY:
            raise ValueError(f"check {id!r} registered twice")
        _REGISTRY[id] = Check(id, doc, severity, its_type, func, dict(params), family or id.split(".")[0], needs_source)
        return func

    return deco


def _load() -> None:
    # Importing the modules registers their checks (order = report order).
    from eval.checks import (  # noqa: F401
        boilerplate,
        content,
        form,
        numbers,
        register,
        untranslated,
    )


#: Report order: the catalogue's content checks, then register, then form checks.
ORDER = ("boilerplate", "untranslated", "number.mismatch", "number.unsupported", "length", "repetition",
         "negation", "register.dialect", "punctuation.latin", "punctuation.spacing", "quotes.unbalanced",
         "whitespace", "characters", "empty")  # fmt: skip


def registry() -> dict[str, Check]:
    """All registered checks by id, in :data:`ORDER` (checks registered elsewhere come last)."""
    _load()
    rank = {cid: i for i, cid in enumerate(ORDER)}
    return {cid: _REGISTRY[cid] for cid in sorted(_REGISTRY, key=lambda c: (rank.get(c, len(ORDER)), c))}


def list_checks() -> list[dict[str, Any]]:
    """One dict per check (id, family, doc, severity, its_type, params) for docs and the CLI."""
    return [c.describe() for c in registry().values()]


def _flatten(config: dict[str, Any], known: dict[str, Check]) -> dict[str, Any]:
    """Accept ``{"number": {"mismatch": {...}}}`` (TOML's ``[checks.number.mismatch]``) too."""
    out: dict[str, Any] = {}
    for key, value in (config or {}).items():
        if key in known or not isinstance(value, dict):
            out[key] = value
            continue
        nested = {f"{key}.{k}": v for k, v in value.items() if f"{key}.{k}" in known and isinstance(v, dict)}
        if nested and len(nested) == len(value):
            out.update(nested)
        else:
            out[key] = value
    return out


def resolve_config(config: dict[str, Any] | None) -> dict[str, dict[str, Any]]:
    """Effective settings per check id: defaults ← config; raises :class:`ConfigError` on typos.

    Each entry has ``enabled``, ``severity`` and the check's parameters. A bare boolean
    (``"repetition": false``) switches a check on or off.
    """
    known = registry()
    flat = _flatten(config or {}, known)
    out: dict[str, dict[str, Any]] = {}
    for cid, c in known.items():
        out[cid] = {"enabled": True, "severity": c.severity, **copy.deepcopy(c.params)}
    for cid, value in flat.items():
        if cid not in known:
            if cid in EXTERNAL_CHECKS or cid.startswith(EXTERNAL_PREFIXES):
                continue
            raise ConfigError(f"[checks] unknown check {cid!r}; known: {', '.join(known)}")
        if isinstance(value, bool):
            out[cid]["enabled"] = value
            continue
        if not isinstance(value, dict):
            raise ConfigError(f"[checks] {cid}: expected a table or true/false, got {value!r}")
        for key, v in value.items():
            if key not in out[cid]:
                allowed = ", ".join(["enabled", "severity", *known[cid].params])
                raise ConfigError(f"[checks] {cid}: unknown parameter {key!r}; known: {allowed}")
            if key == "severity" and v not in SEVERITIES:
                raise ConfigError(f"[checks] {cid}: severity must be one of {', '.join(SEVERITIES)}, got {v!r}")
            if key == "enabled" and not isinstance(v, bool):
                raise ConfigError(f"[checks] {cid}: enabled must be true or false, got {v!r}")
            default = out[cid][key]
            if key not in ("enabled", "severity") and default is not None and not _same_type(default, v):
                raise ConfigError(f"[checks] {cid}: {key} must be {type(default).__name__} like its default "
                                  f"{default!r}, got {v!r}")
            out[cid][key] = v
    return out


def _same_type(default: Any, value: Any) -> bool:
    """A parameter keeps its default's type (an int default takes a float too; bools are not numbers)."""
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, int | float):
        return isinstance(value, int | float)
    return isinstance(value, type(default))


def excerpt(text: str, start: int = 0, end: int | None = None, width: int = _EXCERPT) -> str:
    """Up to ``width`` characters of ``text`` around ``text[start:end]`` (… marks cuts)."""
    if len(text) <= width:
        return text
    end = start if end is None else end
    mid = (start + end) // 2
    lo = max(0, min(mid - width // 2, len(text) - width))
    hi = lo + width
    return ("…" if lo > 0 else "") + text[lo:hi] + ("…" if hi < len(text) else "")


@dataclass(frozen=True)
class Pair:
    """One bead with its texts: the unit aligned checks work on."""

    index: int
    source_ids: tuple[int, ...]
    target_ids: tuple[int, ...]
    source_text: str
    target_text: str


class Context:
    """What a check sees for one document side: sentences, beads and finding helpers."""

    def __init__(
        self,
        doc_id: str,
        system: str,
        source: list[Sentence],
        target: list[Sentence],
        beads: list[Bead],
    ):
        self.doc_id = doc_id
        self.system = system
        self.source = list(source)
        self.target = list(target)
        self.beads = [b for b in beads if b.source_ids or b.target_ids]

    @cached_property
    def pairs(self) -> list[Pair]:
        """Beads with joined texts; ids out of range are dropped rather than crashing."""
        out = []
        ns, nt = len(self.source), len(self.target)
        for k, b in enumerate(self.beads):
            s = tuple(i for i in b.source_ids if 0 <= i < ns)
            t = tuple(i for i in b.target_ids if 0 <= i < nt)
            out.append(Pair(k, s, t, self.join(self.source, s), self.join(self.target, t)))
        return out

    @cached_property
    def source_of_target(self) -> dict[int, tuple[int, ...]]:
        """Target sentence id → the source ids of its bead."""
        return {t: p.source_ids for p in self.pairs for t in p.target_ids}

    @cached_property
    def target_paragraphs(self) -> dict[int, list[Sentence]]:
        out: dict[int, list[Sentence]] = {}
        for s in self.target:
            out.setdefault(s.paragraph, []).append(s)
        return out

    @staticmethod
    def join(sents: list[Sentence], ids: Iterable[int]) -> str:
        return " ".join(sents[i].text for i in ids)

    def sources_for(self, target_ids: Iterable[int]) -> tuple[int, ...]:
        ids: set[int] = set()
        for t in target_ids:
            ids.update(self.source_of_target.get(t, ()))
        return tuple(sorted(ids))

    def finding(
        self,
        check: str,
        settings: dict[str, Any],
        message: str,
        *,
        source_ids: Iterable[int] = (),
        target_ids: Iterable[int] = (),
        span: tuple[int, int] | None = None,
        severity: str | None = None,
        details: dict[str, Any] | None = None,
        source_excerpt: str | None = None,
        target_excerpt: str | None = None,
    ) -> Finding:
        """A :class:`Finding` with excerpts filled from the sentences (``span`` is within the joined target)."""
        s_ids = tuple(sorted(set(source_ids)))
        t_ids = tuple(sorted(set(target_ids)))
        if target_excerpt is None:
            t_text = self.join(self.target, t_ids)
            target_excerpt = excerpt(t_text, *(span or (0, 0)))
        if source_excerpt is None:
            source_excerpt = excerpt(self.join(self.source, s_ids))
        return Finding(
            doc_id=self.doc_id,
            system=self.system,
            check=check,
            severity=severity or settings["severity"],
            its_type=_REGISTRY[check].its_type,
            source_ids=s_ids,
            target_ids=t_ids,
            source_excerpt=source_excerpt,
            target_excerpt=target_excerpt,
            message=message,
            details=details or {},
        )


def run_checks(
    doc_id: str,
    system: str,
    source: list[Sentence],
    target: list[Sentence],
    beads: list[Bead],
    config: dict[str, Any] | None = None,
    source_free: bool = False,
) -> list[Finding]:
    """Run every enabled check on one document side and return their findings in registry order
    (``source_free``: the document has no English, so checks that compare with it are left out).

    ``config`` maps check ids to overrides (see the module docstring); unknown ids or parameters
    raise :class:`~eval.errors.ConfigError` so a typo in a config file does not silently do nothing.
    """
    settings = resolve_config(config)
    ctx = Context(doc_id, system, source, target, beads)
    out: list[Finding] = []
    for cid, c in registry().items():
        s = settings[cid]
        if not s.get("enabled", True) or (source_free and c.needs_source):
            continue
        out.extend(c.func(ctx, s))
    return out


def source_checks() -> list[str]:
    """Ids of the checks a source-free document leaves out (with the aligner's omission/addition)."""
    return [*EXTERNAL_CHECKS, *(c.id for c in registry().values() if c.needs_source)]


def iter_checks() -> Iterator[Check]:
    yield from registry().values()
