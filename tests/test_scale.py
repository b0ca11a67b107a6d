"""Results are identical whatever the engine: serial, a 2-process pool, and Dask, byte for byte,
bootstrap included; and small streaming batches give the same tables as one big batch."""

from __future__ import annotations

import pandas as pd
import pytest

from eval.config import load_config
from eval.ingest import load_corpus
from eval.pipeline import run

FILES = ("sentences.parquet", "segments.parquet", "findings.parquet", "documents.parquet", "names.parquet", "summary.json")


def _run(corpus, out, **run_cfg):
    cfg = load_config(None, {"run": {"progress": False, "report": False, **run_cfg}, "metrics": {"bootstrap": 100}})
    run(corpus, cfg, out)
    return cfg


def _strip_run_config(text: bytes) -> bytes:
    import json

    s = json.loads(text)
    s["config"]["run"] = None  # the engine settings differ by design
    return json.dumps(s, sort_keys=True).encode()


@pytest.mark.slow
def test_identical_across_engines(demo_corpus, tmp_path):
    corpus = load_corpus(demo_corpus)
    _run(corpus, tmp_path / "serial")
    _run(corpus, tmp_path / "pool", jobs=2)
    pytest.importorskip("dask.distributed")
    _run(corpus, tmp_path / "dask", engine="dask", jobs=2)
    for other in ("pool", "dask"):
        for f in FILES:
            a, b = (tmp_path / "serial" / f).read_bytes(), (tmp_path / other / f).read_bytes()
            if f == "summary.json":
                a, b = _strip_run_config(a), _strip_run_config(b)
            assert a == b, f"{other}/{f} differs from the serial run"


def test_streaming_batches_do_not_change_tables(demo_corpus, tmp_path):
    corpus = load_corpus(demo_corpus)
    cfg = load_config(None, {"run": {"progress": False, "report": False}, "metrics": {"bootstrap": 50}})
    run(corpus, cfg, tmp_path / "big")
    run(corpus, cfg, tmp_path / "small", batch_rows=7)
    for f in FILES[:-1]:
        a = pd.read_parquet(tmp_path / "big" / f)
        b = pd.read_parquet(tmp_path / "small" / f)
        pd.testing.assert_frame_equal(a, b)
