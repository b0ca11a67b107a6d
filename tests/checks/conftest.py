"""Helpers for the QA-check tests: build sentences and beads from plain strings, run one check."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eval.checks import run_checks
from eval.checks.registry import registry
from eval.model import Bead, Finding, Sentence


def sentences(side: str, texts: list[str], paragraphs: list[int] | None = None) -> list[Sentence]:
    paras = paragraphs or list(range(len(texts)))
    return [Sentence("doc", side, i, p, t, 0, len(t)) for i, (t, p) in enumerate(zip(texts, paras, strict=True))]


def one_to_one(ns: int, nt: int) -> list[Bead]:
    return [Bead((i,) if i < ns else (), (i,) if i < nt else ()) for i in range(max(ns, nt))]


def only(check_id: str, config: dict | None = None) -> dict:
    """A config that switches every check off except ``check_id`` (with its overrides)."""
    cfg = {cid: {"enabled": False} for cid in registry()}
    cfg[check_id] = {"enabled": True, **(config or {})}
    return cfg


def run_one(
    check_id: str,
    source: list[str] | str,
    target: list[str] | str,
    config: dict | None = None,
    beads: list[Bead] | None = None,
    target_paragraphs: list[int] | None = None,
) -> list[Finding]:
    src = [source] if isinstance(source, str) else source
    tgt = [target] if isinstance(target, str) else target
    s = sentences("source", src)
    t = sentences("system:x", tgt, target_paragraphs)
    found = run_checks("doc", "x", s, t, beads if beads is not None else one_to_one(len(s), len(t)), only(check_id, config))
    assert all(f.check == check_id for f in found)
    return found


@pytest.fixture
def run() -> Callable[..., list[Finding]]:
    return run_one
