"""Running extraction: articles in, ``(article, triples)`` out, in input order, here, in
worker processes on this machine, or on a Dask cluster.

Every executor works on batches of articles, bounded in number and in characters
(``graphbuild.bounds``), with a bounded number in flight (``graphbuild.batching.in_order``), so a
long stream neither waits for the whole corpus nor fills memory, and only articles and
triples cross between processes, never parsed documents.

>>> from graphbuild.nlp import load_pipeline
>>> from graphbuild.types import Article
>>> nlp = load_pipeline()
>>> [(t.subject, t.relation, t.object) for _, ts in extract_triples([Article("a", "Cisco sued Apple.")], nlp=nlp) for t in ts]
[('Cisco', 'SUES', 'Apple')]
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from graphbuild.batching import batched, in_order
from graphbuild.bounds import BATCH_CHARS
from graphbuild.errors import BackendError, GraphbuildError
from graphbuild.types import Article, Triple

if TYPE_CHECKING:
    from spacy.language import Language

Pair = tuple[Article, list[Triple]]


def extract_triples(
    articles: Iterable[Article],
    *,
    nlp: Language,
    aliases: Mapping[str, str] | None = None,
    batch_size: int = 32,
    hypothetical: bool = False,
    n_process: int = 1,
) -> Iterator[Pair]:
    """Stream ``(article, triples)`` pairs in input order.

    Args:
        articles: the articles to read, as ``read_articles`` yields them.
        nlp: a pipeline from ``load_pipeline``.
        aliases: canonical names for written names, as ``read_aliases`` returns.
        batch_size: articles parsed together by ``nlp.pipe`` (fewer when together they are
            longer than ``bounds.BATCH_CHARS`` characters).
        hypothetical: keep what the text only supposes ("could sue", "if they merge");
            by default only what it asserts, plans or denies is kept.
        n_process: worker processes, forked from this one so they share the loaded pipeline.
    """
    if n_process > 1:
        yield from _extract_in_processes(articles, nlp, aliases, batch_size, hypothetical, n_process)
        return
    from graphbuild.grammar import extract_docs
    from graphbuild.nlp import parse_articles
    from graphbuild.normalize import normalize_extractions

    extractions = extract_docs(parse_articles(nlp, articles, batch_size=batch_size))
    for extraction, triples, _ in normalize_extractions(extractions, aliases=aliases):
        if not hypothetical:
            triples = [t for t in triples if t.modality != "hypothetical"]
        yield extraction.article, triples


def _batches(articles: Iterable[Article], batch_size: int) -> Iterator[list[Article]]:
    """The batches a worker is sent: as many characters as it parses at once, at most."""
    return batched(articles, batch_size, weight=_chars, limit=BATCH_CHARS)


def _chars(article: Article) -> int:
    return len(article.headline_text) + len(article.text)


# What a worker process extracts with: set once per process by ``_start_worker``.
_WORKER: dict[str, Any] = {}


def _start_worker(nlp: Language, aliases: Mapping[str, str] | None, hypothetical: bool) -> None:
    _WORKER.update(nlp=nlp, aliases=aliases, hypothetical=hypothetical)


def _extract_batch(batch: list[Article]) -> list[Pair]:
    return list(
        extract_triples(
            batch,
            nlp=_WORKER["nlp"],
            aliases=_WORKER["aliases"],
            batch_size=len(batch),
            hypothetical=_WORKER["hypothetical"],
        )
    )


def _extract_in_processes(
    articles: Iterable[Article],
    nlp: Language,
    aliases: Mapping[str, str] | None,
    batch_size: int,
    hypothetical: bool,
    n_process: int,
) -> Iterator[Pair]:
    # fork: the workers share the loaded pipeline instead of loading (or unpickling) their own
    context = multiprocessing.get_context("fork")
    with context.Pool(n_process, initializer=_start_worker, initargs=(nlp, aliases, hypothetical)) as pool:
        results = in_order(
            lambda batch: pool.apply_async(_extract_batch, (batch,)).get,
            _batches(articles, batch_size),
            window=2 * n_process,
        )
        for pairs in results:
            yield from pairs


def fast_pipeline(model: str | None = None) -> Language:
    """The pipeline as graphbuild's commands run it: matrices multiplied through NumPy, on one
    BLAS thread for the whole process (a second thread only takes a core another worker
    could use). Both are process-wide choices, made here for the program, not by the library.
    """
    from graphbuild.nlp import limit_blas_threads, load_pipeline

    limit_blas_threads()
    return load_pipeline(model, numpy_ops=True)


# A Dask worker process keeps its pipelines here, by model name: loading one takes seconds.
_PIPELINES: dict[str | None, Any] = {}


def extract_batch(
    batch: list[Article], model: str | None, aliases: Mapping[str, str] | None, hypothetical: bool
) -> list[Pair]:
    """Run on a Dask worker: extract one batch with the worker's own (cached) pipeline."""
    nlp = _PIPELINES.get(model)
    if nlp is None:
        nlp = _PIPELINES[model] = fast_pipeline(model)
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
) -> Iterator[Pair]:
    """Stream ``(article, triples)`` pairs computed on the Dask cluster at ``scheduler``
    (``tcp://host:8786``); extraction is per article, so the output is a local run's.

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
        results = in_order(
            lambda batch: client.submit(extract_batch, batch, model, aliases, hypothetical, pure=False).result,
            _batches(articles, batch_size),
            window=in_flight,
        )
        for pairs in results:
            yield from pairs
    except GraphbuildError:
        raise
    except (OSError, TimeoutError) as e:  # the scheduler or a worker went away mid-run
        raise BackendError(f"The Dask cluster at {scheduler!r} failed during extraction: {e}") from e
    finally:
        client.close()
