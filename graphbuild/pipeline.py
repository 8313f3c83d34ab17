"""The whole path as library calls: articles -> triples -> graph.

The CLI is a thin wrapper over these functions; so is anything else that embeds graphbuild.

>>> from graphbuild.nlp import load_pipeline
>>> from graphbuild.types import Article
>>> nlp = load_pipeline()
>>> [(t.subject, t.relation, t.object) for _, ts in extract_triples([Article("a", "Cisco sued Apple.")], nlp=nlp) for t in ts]
[('Cisco', 'SUES', 'Apple')]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from graphbuild.extract import extract_docs
from graphbuild.graph import GraphDelta, KnowledgeGraph
from graphbuild.nlp import parse_articles
from graphbuild.normalize import NameChange, normalize_extractions
from graphbuild.store import read_graph, write_graph
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
        n_process: parse in this many processes (spaCy's own multiprocessing).
    """
    extractions = extract_docs(parse_articles(nlp, articles, batch_size=batch_size, n_process=n_process))
    for extraction, triples, name_changes in normalize_extractions(extractions, aliases=aliases):
        if changes is not None:
            changes.extend(name_changes)
        if not hypothetical:
            triples = [t for t in triples if t.modality != "hypothetical"]
        yield extraction.article, triples


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


def load_graph_file(
    path: str | Path, pairs: Iterable[tuple[Article, list[Triple]]]
) -> tuple[KnowledgeGraph, LoadResult]:
    """Add extracted articles to the graph file at ``path`` (created when missing).

    The file is rewritten only when something changed, so a repeated load leaves it
    byte-identical.
    """
    kg = read_graph(path)
    result = load_into(kg, pairs)
    result.written = write_graph(kg, path) if result.delta.changed or not Path(path).exists() else False
    return kg, result
