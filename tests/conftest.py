"""Shared fixtures: where the repo, the bundled corpus and ../shared live."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEMO = ROOT / "references" / "news-demo"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test when it is not there (CI without data)."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"{p} not available")
    return p


@pytest.fixture
def demo_corpus() -> Path:
    if not (DEMO / "source").is_dir():
        pytest.skip("bundled corpus not present")
    return DEMO


@pytest.fixture(scope="session")
def demo_results(tmp_path_factory) -> Path:
    """The bundled corpus evaluated once per test session (fewer resamples for speed)."""
    if not (DEMO / "source").is_dir():
        pytest.skip("bundled corpus not present")
    from eval.config import load_config
    from eval.ingest import load_corpus
    from eval.pipeline import run

    out = tmp_path_factory.mktemp("demo-results")
    cfg = load_config(None, {"run": {"progress": False}, "metrics": {"bootstrap": 200}})
    run(load_corpus(DEMO), cfg, out)
    return out
