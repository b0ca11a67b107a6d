"""Running the per-document analysis on a Dask cluster.

The work unit is the same pure function the local engine uses
(:func:`eval.analyse.analyse_document`), so results are identical; only scheduling differs.
Submissions are windowed so the driver never holds more than a few partitions of pending work.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence

from eval.analyse import DocResult, Settings, analyse_document
from eval.errors import MissingDependencyError
from eval.model import Document


def _client(scheduler: str | None, workers: int):
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise MissingDependencyError("--engine dask needs the 'dask' extra: pip install 'mteval-ar[dask]'") from None
    if scheduler:
        return Client(scheduler), None
    cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True, dashboard_address=None)
    return Client(cluster), cluster


def dask_map(docs: Sequence[Document], settings: Settings, scheduler: str | None = None, workers: int = 2,
             window: int = 64) -> Iterator[DocResult]:
    """Analyse documents on Dask, yielding results in document order."""
    client, cluster = _client(scheduler, workers)
    try:
        settings_f = client.scatter(settings, broadcast=True)
        pending: deque = deque()
        it = iter(docs)
        for doc in it:
            pending.append(client.submit(analyse_document, doc, settings_f, pure=False))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
