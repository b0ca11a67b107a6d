"""Documents are analysed in batches (one pool or Dask task per batch): batching must keep document
order and give byte for byte the results of analysing each document on its own, whatever the batch
size, including a last batch shorter than the others."""

from __future__ import annotations

import dataclasses
import struct
from pathlib import Path

import numpy as np
import pytest

from eval.analyse import MAX_BATCH, analyse_batch, analyse_document, batch_size, batches, in_order
from eval.config import load_config
from eval.ingest import load_corpus
from eval.pipeline import _pool_map, settings_for

DEMO = Path(__file__).resolve().parents[1] / "references" / "news-demo"


@pytest.fixture(scope="module")
def demo():
    if not (DEMO / "source").is_dir():
        pytest.skip("bundled corpus not present")
    corpus = load_corpus(DEMO)
    settings = settings_for(corpus, load_config(None, {"run": {"progress": False, "report": False}}))
    docs = list(corpus.documents)
    assert len(docs) % 4, "the demo corpus should not split evenly into batches of 4"
    serial = [_canon(analyse_document(d, settings)) for d in docs]
    return docs, settings, serial


def _ids(results):
    return [r.doc_id for r in results]


def _canon(x):
    """Everything a result holds, exactly: types, key order, float bits (NaN included), array bytes.
    (Pickle bytes are not comparable across processes: its memo follows object identity.)"""
    if isinstance(x, np.ndarray):
        return ("ndarray", x.dtype.str, x.shape, x.tobytes())
    if isinstance(x, float | np.floating):
        return (type(x).__name__, struct.pack("<d", float(x)))
    if isinstance(x, dict):
        return ("dict", [(k, _canon(v)) for k, v in x.items()])
    if isinstance(x, list | tuple):
        return (type(x).__name__, [_canon(v) for v in x])
    if dataclasses.is_dataclass(x):
        return (type(x).__name__, [(f.name, _canon(getattr(x, f.name))) for f in dataclasses.fields(x)])
    return (type(x).__name__, x)


def test_batches_keep_order_and_shorten_only_the_last():
    got = list(batches(iter(range(10)), 4))
    assert got == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]
    assert list(batches(range(8), 4)) == [[0, 1, 2, 3], [4, 5, 6, 7]]
    assert list(batches([], 3)) == []
    assert list(batches(range(3), 10)) == [[0, 1, 2]]
    with pytest.raises(ValueError):
        list(batches(range(3), 0))


def test_batch_size_gives_several_batches_per_worker():
    assert batch_size(0, 2) == 1
    assert batch_size(5, 2) == 1
    assert batch_size(160, 2) == 10  # 16 batches: 8 per worker
    assert batch_size(175, 2) == 10  # rounded down: at least 8 batches per worker
    assert batch_size(10**6, 2) == MAX_BATCH
    for n in (1, 7, 100, 999, 6150):
        size = batch_size(n, 2)
        assert 1 <= size <= MAX_BATCH
        assert -(-n // size) >= min(n, 16)  # 8 batches per worker when there are documents for it


@pytest.mark.parametrize("size", [1, 4, 5, 100])
def test_analyse_batch_equals_per_document(demo, size):
    docs, settings, serial = demo
    out = [r for batch in batches(docs, size) for r in analyse_batch(batch, settings)]
    assert _ids(out) == [d.doc_id for d in docs]
    assert [_canon(r) for r in out] == serial


def test_pool_batches_in_order_with_uneven_last_batch(demo):
    docs, settings, serial = demo
    out = list(_pool_map(docs, settings, jobs=2, size=4))  # batches of 4 and 2
    assert _ids(out) == [d.doc_id for d in docs]
    assert [_canon(r) for r in out] == serial


@pytest.mark.slow
def test_dask_batches_in_order_with_uneven_last_batch(demo):
    pytest.importorskip("dask.distributed")
    from eval.distributed import dask_map

    docs, settings, serial = demo
    out = list(dask_map(docs, settings, None, workers=2, size=5, window=1))  # batches of 5 and 1, one at a time
    assert _ids(out) == [d.doc_id for d in docs]
    assert [_canon(r) for r in out] == serial


def test_in_order_keeps_order_and_bounds_what_is_in_flight():
    submitted, taken = [], []

    def tasks():
        for i in range(7):
            submitted.append(i)
            assert len(submitted) - len(taken) <= 3  # never more than the window in flight
            yield i

    def take(i):
        taken.append(i)
        return [i * 10, i * 10 + 1]

    assert list(in_order(tasks(), 3, take)) == [x for i in range(7) for x in (i * 10, i * 10 + 1)]
    assert taken == list(range(7))
