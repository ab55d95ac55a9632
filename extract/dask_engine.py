"""Parts on a Dask cluster: one task per part, the model loaded once per worker by a plugin.

Imported only for `--engine dask` (the `dask` extra): nothing else in the tool needs Dask.
"""

from __future__ import annotations

import logging
import sys
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import dask
from distributed import Client, LocalCluster, WorkerPlugin, as_completed, get_worker

from .cli_utils import ExtractorSettings
from .extractor import Extractor
from .part_folder import PartFolder, PartReport, extract_part
from .parts import Part

PLUGIN_NAME = "extract-facts"
# Dask starts its workers with MALLOC_TRIM_THRESHOLD_=65536, which also fixes glibc's mmap
# threshold: then every large array the parser allocates is a fresh mmap, whose pages are faulted
# in and zeroed each time (3 more seconds of system time in 25 on the benchmark corpus). Workers
# the tool starts keep glibc's own adaptive thresholds, and run without the statistical profiler
# (a stack sample every 10 ms, for the dashboard's Profile page), which costs a busy spaCy worker
# several percent.
WORKER_ENVIRONMENT = {
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    "distributed.worker.profile.enabled": False,
}
# A part whose worker died is run again elsewhere by the scheduler; these retries are for
# failures of the storage (a dropped connection), which are worth a second try.
RETRIES = 2


class ExtractorPlugin(WorkerPlugin):
    """Builds the extractor once when a worker starts (or joins later), not once per task."""

    name = PLUGIN_NAME

    def __init__(self, settings: ExtractorSettings):
        self.settings = settings
        # Both are made on the worker: the plugin travels pickled, and a lock cannot.
        self.extractor: Extractor | None = None
        self.lock: threading.Lock | None = None

    def setup(self, worker) -> None:
        # spaCy gains nothing from threads (the GIL), and one pipeline shared by several
        # threads is not safe: a worker with many threads extracts one part at a time (`lock`).
        self.extractor = self.settings.build()
        self.lock = threading.Lock()


def run_part_on_worker(part: Part, folder: PartFolder) -> PartReport:
    plugin = get_worker().plugins[PLUGIN_NAME]
    assert isinstance(plugin, ExtractorPlugin)
    assert plugin.extractor is not None and plugin.lock is not None  # made by setup()
    with plugin.lock:
        return extract_part(plugin.extractor, part, folder)


@contextmanager
def dask_client(client: Client | None, jobs: int | None, settings: ExtractorSettings):
    """`client`, or one on a local cluster of `jobs` single-threaded worker processes started
    for the run, with the extractor plugin registered and the dashboard address printed."""
    cluster = None
    if client is None:
        with dask.config.set(WORKER_ENVIRONMENT):
            cluster = _local_cluster(jobs)
        client = Client(cluster)
    try:
        print(f"extract: Dask dashboard at {client.dashboard_link}", file=sys.stderr, flush=True)
        client.register_plugin(ExtractorPlugin(settings))
        yield client
    finally:
        if cluster is not None:
            client.close()
            cluster.close()


def _local_cluster(workers: int | None) -> LocalCluster:
    return LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",  # any free port: several runs may share a machine
        silence_logs=logging.ERROR,
    )


def run_parts(client: Client, parts: list[Part], folder: PartFolder) -> Iterator[PartReport]:
    """Reports of `parts` as they finish, one task each."""
    run = uuid.uuid4().hex[:8]  # a rerun on the same client must not get the last run's results
    futures = [
        client.submit(
            run_part_on_worker,
            part,
            folder,
            key=f"extract-part-{part.number:06d}-{run}",
            retries=RETRIES,
            pure=False,
        )
        for part in parts
    ]
    for future in as_completed(futures):
        yield future.result()
        future.release()
