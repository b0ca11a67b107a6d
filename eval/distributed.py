"""Running the per-document analysis on a Dask cluster.

The work unit is the same pure function the local engine uses (:func:`eval.analyse.analyse_batch`,
i.e. :func:`eval.analyse.analyse_document` over a batch of consecutive documents), so results are
identical; only scheduling differs. One task per batch rather than per document keeps the
scheduler's per-task cost (which runs in the driver for a LocalCluster) small next to the work;
batches are small enough that every worker gets several, so the last ones finish close together.
The settings are scattered to the workers once. Submissions are windowed so the driver never holds
more than a few batches of pending work or of finished results.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from eval.analyse import DocResult, Settings, analyse_batch, batch_size, batches, in_order
from eval.errors import MissingDependencyError
from eval.model import Document

#: seconds to wait for a scheduler given with --scheduler
SCHEDULER_TIMEOUT_S = 5


def _client(scheduler: str | None, workers: int):
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise MissingDependencyError("--engine dask needs the 'dask' extra: pip install 'mteval-ar[dask]'") from None
    if scheduler:
        try:  # an unreachable address is reported in seconds, not after dask's 30 s default
            return Client(scheduler, timeout=SCHEDULER_TIMEOUT_S), None
        except (OSError, TimeoutError, ValueError) as exc:
            from eval.errors import InputError

            raise InputError(f"cannot reach the Dask scheduler at {scheduler} within {SCHEDULER_TIMEOUT_S} s "
                             f"({type(exc).__name__}); check the address and that it is running") from None
    # One single-threaded process per worker (the analysis is pure Python: threads would share one
    # GIL), no dashboard. The scheduler runs in this process, so results are fetched straight from
    # the workers: through the scheduler they would be received, sent and received again here.
    cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True, dashboard_address=None)
    return Client(cluster, direct_to_workers=True), cluster


def _n_workers(client, default: int) -> int:
    """Parallel task slots on the cluster (worker threads), for sizing batches; ``default`` when none
    have joined yet."""
    try:
        return sum(client.nthreads().values()) or max(1, default)
    except Exception:  # noqa: BLE001 - only a sizing hint
        return max(1, default)


def dask_map(docs: Sequence[Document], settings: Settings, scheduler: str | None = None, workers: int = 2,
             size: int | None = None, window: int | None = None) -> Iterator[DocResult]:
    """Analyse documents on Dask, yielding results in document order.

    ``size`` documents per task (default: :func:`eval.analyse.batch_size` for the cluster's
    worker count); at most ``window`` tasks pending (default: four per worker).
    """
    client, cluster = _client(scheduler, workers)
    try:
        n_workers = _n_workers(client, workers)
        size = size or batch_size(len(docs), n_workers)
        window = max(1, window or 4 * n_workers)
        settings_f = client.scatter(settings, broadcast=True)
        tasks = (client.submit(analyse_batch, batch, settings_f, pure=False) for batch in batches(docs, size))
        yield from in_order(tasks, window, _take)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _take(future) -> list[DocResult]:
    out = future.result()
    future.release()  # let the worker drop the result now that the driver has it
    return out
