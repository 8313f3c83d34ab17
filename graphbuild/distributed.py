"""Extraction on a Dask cluster: when one machine is not enough.

Articles go to the workers in batches; each worker process loads the spaCy pipeline once and
keeps it; results come back batch by batch, in input order, with a bounded number of batches
in flight, so a long stream neither waits for the whole corpus nor fills the client's memory.
Extraction is per article, so the output is exactly what a local run gives.

    >>> from dask.distributed import LocalCluster             # doctest: +SKIP
    >>> with LocalCluster(n_workers=2) as cluster:            # doctest: +SKIP
    ...     pairs = list(extract_on_dask(articles, scheduler=cluster.scheduler_address))
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from itertools import islice
from typing import Any

from graphbuild.errors import BackendError, GraphbuildError
from graphbuild.types import Article, Triple

# A worker process keeps its pipelines here, by model name: loading one takes seconds.
_PIPELINES: dict[str | None, Any] = {}


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while batch := list(islice(iterator, size)):
        yield batch


def extract_batch(
    batch: list[Article], model: str | None, aliases: Mapping[str, str] | None, hypothetical: bool
) -> list[tuple[Article, list[Triple]]]:
    """Run on a worker: extract one batch with the worker's own (cached) pipeline."""
    from graphbuild.nlp import load_pipeline
    from graphbuild.pipeline import extract_triples

    nlp = _PIPELINES.get(model)
    if nlp is None:
        nlp = _PIPELINES[model] = load_pipeline(model)
    return list(extract_triples(batch, nlp=nlp, aliases=aliases, batch_size=len(batch), hypothetical=hypothetical))


def extract_on_dask(
    articles: Iterable[Article],
    *,
    scheduler: str,
    model: str | None = None,
    aliases: Mapping[str, str] | None = None,
    batch_size: int = 32,
    hypothetical: bool = False,
    in_flight: int = 8,
) -> Iterator[tuple[Article, list[Triple]]]:
    """Stream ``(article, triples)`` pairs computed on the Dask cluster at ``scheduler``.

    Args:
        scheduler: the scheduler's address (``tcp://host:8786``).
        in_flight: batches submitted ahead of the one being read back.

    Raises:
        BackendError: the scheduler cannot be reached, or dask.distributed is not installed.
    """
    try:
        from dask.distributed import Client
    except ImportError as e:
        raise BackendError("Distributed extraction needs dask.distributed: pip install 'graphbuild[dask]'.") from e
    try:
        client = Client(scheduler, timeout="20s", set_as_default=False)
    except (OSError, ValueError, TypeError) as e:
        raise BackendError(
            f"Can't reach the Dask scheduler at {scheduler!r}: {e}. Start one with: dask scheduler "
            "(and dask worker ADDRESS on each machine), or drop --dask-scheduler to run here."
        ) from e
    try:
        pending: deque[Any] = deque()
        for batch in _batches(articles, batch_size):
            pending.append(client.submit(extract_batch, batch, model, aliases, hypothetical, pure=False))
            if len(pending) >= in_flight:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    except GraphbuildError:
        raise
    except (OSError, TimeoutError) as e:  # the scheduler or a worker went away mid-run
        raise BackendError(f"The Dask cluster at {scheduler!r} failed during extraction: {e}") from e
    finally:
        client.close()
