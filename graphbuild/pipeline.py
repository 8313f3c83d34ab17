"""The whole path as library calls: articles -> triples -> graph.

The CLI is a thin wrapper over these functions; so is anything else that embeds graphbuild.

>>> from graphbuild.nlp import load_pipeline
>>> from graphbuild.types import Article
>>> nlp = load_pipeline()
>>> [(t.subject, t.relation, t.object) for _, ts in extract_triples([Article("a", "Cisco sued Apple.")], nlp=nlp) for t in ts]
[('Cisco', 'SUES', 'Apple')]
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path
from typing import Any

from spacy.language import Language

from graphbuild.grammar import extract_docs
from graphbuild.graph import GraphDelta, KnowledgeGraph
from graphbuild.nlp import parse_articles
from graphbuild.normalize import NameChange, normalize_extractions
from graphbuild.store import graph_lock, read_graph, write_graph
from graphbuild.types import Article, Triple


def extract_triples(
    articles: Iterable[Article],
    *,
    nlp: Language,
    aliases: Mapping[str, str] | None = None,
    batch_size: int = 32,
    changes: list[NameChange] | None = None,
    hypothetical: bool = False,
    n_process: int = 1,
) -> Iterator[tuple[Article, list[Triple]]]:
    """Stream ``(article, triples)`` pairs in input order.

    Args:
        articles: the articles to read, as ``read_articles`` yields them.
        nlp: a pipeline from ``load_pipeline``.
        aliases: canonical names for written names, as ``read_aliases`` returns.
        batch_size: articles parsed together by ``nlp.pipe``.
        changes: when given, every name normalization made is appended to it.
        hypothetical: keep what the text only supposes ("could sue", "if they merge");
            by default only what it asserts, plans or denies is kept.
        n_process: worker processes; each parses and extracts whole batches, so only
            articles and triples cross between processes, never parsed documents.
    """
    if n_process > 1:
        yield from _extract_in_processes(articles, nlp, aliases, batch_size, hypothetical, n_process, changes)
        return
    extractions = extract_docs(parse_articles(nlp, articles, batch_size=batch_size))
    for extraction, triples, name_changes in normalize_extractions(extractions, aliases=aliases):
        if changes is not None:
            changes.extend(name_changes)
        if not hypothetical:
            triples = [t for t in triples if t.modality != "hypothetical"]
        yield extraction.article, triples


# What a worker process extracts with: set once per process by ``_start_worker``.
_WORKER: dict[str, Any] = {}


def _start_worker(nlp: Language, aliases: Mapping[str, str] | None, hypothetical: bool) -> None:
    _WORKER.update(nlp=nlp, aliases=aliases, hypothetical=hypothetical)


def _extract_batch(batch: list[Article]) -> list[tuple[Article, list[Triple], list[NameChange]]]:
    changes: list[NameChange] = []
    out = []
    for article, triples in extract_triples(
        batch,
        nlp=_WORKER["nlp"],
        aliases=_WORKER["aliases"],
        batch_size=len(batch),
        hypothetical=_WORKER["hypothetical"],
        changes=changes,
    ):
        out.append((article, triples, [c for c in changes if c.article == article.id]))
    return out


def _extract_in_processes(
    articles: Iterable[Article],
    nlp: Language,
    aliases: Mapping[str, str] | None,
    batch_size: int,
    hypothetical: bool,
    n_process: int,
    changes: list[NameChange] | None,
) -> Iterator[tuple[Article, list[Triple]]]:
    # fork: the workers share the loaded pipeline instead of loading (or unpickling) their own
    context = multiprocessing.get_context("fork")
    iterator = iter(articles)
    batches = iter(lambda: list(islice(iterator, batch_size)), [])
    with context.Pool(n_process, initializer=_start_worker, initargs=(nlp, aliases, hypothetical)) as pool:
        # a bounded window of batches in flight: reading ahead of the workers would hold
        # the whole corpus in memory
        pending: deque[Any] = deque()
        for batch in batches:
            pending.append(pool.apply_async(_extract_batch, (batch,)))
            if len(pending) >= 2 * n_process:
                yield from _unpack(pending.popleft().get(), changes)
        while pending:
            yield from _unpack(pending.popleft().get(), changes)


def _unpack(results, changes: list[NameChange] | None) -> Iterator[tuple[Article, list[Triple]]]:
    for article, triples, name_changes in results:
        if changes is not None:
            changes.extend(name_changes)
        yield article, triples


@dataclass(slots=True)
class LoadResult:
    """What a load did."""

    articles: int = 0
    triples: int = 0
    delta: GraphDelta = field(default_factory=GraphDelta)
    written: bool = False


def load_into(kg: KnowledgeGraph, pairs: Iterable[tuple[Article, list[Triple]]]) -> LoadResult:
    """Add extracted articles to a graph in memory."""
    result = LoadResult()
    for article, triples in pairs:
        result.articles += 1
        result.triples += len(triples)
        result.delta = result.delta + kg.add_article(article) + kg.add_triples(triples)
    return result


def _file_state(path: str | Path) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def load_graph_file(
    path: str | Path,
    pairs: Iterable[tuple[Article, list[Triple]]],
    *,
    on_wait: Callable[[], None] | None = None,
) -> tuple[KnowledgeGraph, LoadResult]:
    """Add extracted articles to the graph file at ``path`` (created when missing).

    Extraction runs first; then, holding the file's lock, the graph is read again if it
    changed meanwhile, extended and written back atomically, so two loads into one file at
    once both land (the second waits for the first, calling ``on_wait`` once). The file is
    rewritten only when something changed, so a repeated load leaves it byte-identical.
    """
    kg = read_graph(path)  # a damaged file fails before any parsing
    seen = _file_state(path)
    # no lock while parsing, only while merging; the texts are not kept, only what the graph holds
    extracted = [(replace(article, text=""), triples) for article, triples in pairs]
    with graph_lock(path, on_wait=on_wait):
        if _file_state(path) != seen:  # another load wrote it meanwhile
            kg = read_graph(path)
        result = load_into(kg, extracted)
        result.written = write_graph(kg, path) if result.delta.changed or not Path(path).exists() else False
    return kg, result
