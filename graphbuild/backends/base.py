"""What every backend does: load extracted articles, answer questions, give the graph back.

The CLI talks to a ``Backend`` and never asks which one it is; the embedded file and Neo4j
hold the same graph model and give the same answers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from graphbuild.graph import KnowledgeGraph, graph_stats
from graphbuild.questions import Answer
from graphbuild.types import Article, Triple

Pairs = Iterable[tuple[Article, list[Triple]]]
# The article attribute holding its input key (``graphbuild.inputs``): what it was extracted
# from, so a later load of the same input skips it before parsing.
INPUT_KEY = "input_key"


@dataclass(frozen=True, slots=True)
class Refusal:
    """A value the backend would not store (a row Neo4j refused), and the articles it came
    from: those are left unfinished, everything else is loaded."""

    kind: str  # "article", "actor" or "link"
    value: str  # the article id, the actor's name, or the link as "source RELATION target"
    articles: tuple[str, ...]
    reason: str  # the server's words, one line

    def __str__(self) -> str:
        value = (
            repr(self.value) if len(self.value) <= 80 else f"{self.value[:40]!r}... ({len(self.value):,} characters)"
        )
        shown = ", ".join(repr(a[:80]) for a in self.articles[:5]) + (", ..." if len(self.articles) > 5 else "")
        return (
            f"Neo4j refused {self.kind} {value}: {self.reason}. Left unfinished: "
            f"article{'s' if len(self.articles) != 1 else ''} {shown}; edit that value in "
            f"{'them' if len(self.articles) != 1 else 'it'} and load again (the rest is loaded)"
        )


@dataclass(slots=True)
class LoadSummary:
    """What a load did, in the same words on every backend."""

    backend: str
    target: str  # the graph file, or the server and database
    articles: int = 0  # articles given to the load
    triples: int = 0
    articles_added: int = 0
    articles_unchanged: int = 0  # already in the graph as they are: not written again
    articles_skipped: int = 0  # of those, not even parsed: their input key was unchanged
    articles_replaced: int = 0  # there under another load key: taken back, then added again
    actors_created: int = 0
    links_created: int = 0
    evidence_added: int = 0
    actors_removed: int = 0  # what replaced articles took back
    links_removed: int = 0
    evidence_removed: int = 0
    written: bool = False  # whether anything in the graph changed
    refused: list[Refusal] = field(default_factory=list)  # rows the backend would not store

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class Backend(Protocol):
    """A place the graph lives: the embedded file or a Neo4j database."""

    name: str

    def describe(self) -> str:
        """Where the graph is, for messages: a path, or a server and database."""
        ...

    def check(self) -> None:
        """Fail now, with the fix in the message, when the graph cannot be reached."""
        ...

    def input_keys(self) -> dict[str, str]:
        """The input key stored with each article (``graphbuild.inputs``), in one read."""
        ...

    def load(
        self,
        pairs: Pairs,
        *,
        names: str = "",
        inputs: Mapping[str, str] | None = None,
        on_wait: Callable[[], None] | None = None,
    ) -> LoadSummary:
        """Add extracted articles; an article already there as it is changes nothing, and one
        there under another load key (another extraction, or ``names``, the digest of another
        alias table: ``normalize.names_digest``) is taken back whole and added again. Each
        article's input key in ``inputs`` is stored with it."""
        ...

    def ask(self, name: str, params: Mapping[str, str]) -> Answer:
        """Answer a canned question (``graphbuild.questions``)."""
        ...

    def graph(self) -> KnowledgeGraph:
        """The whole graph as the model both backends share."""
        ...

    def close(self) -> None: ...


def record_input_keys(kg: KnowledgeGraph, inputs: Mapping[str, str] | None) -> set[str]:
    """Store each article's input key with it, after ``load_articles``; returns the ids whose
    stored key changed (an article whose load key did not change may still need it)."""
    changed = set()
    for aid in kg.articles.keys() & (inputs or {}).keys():
        meta, key = kg.articles[aid], (inputs or {})[aid]
        if meta.get(INPUT_KEY) != key:
            meta[INPUT_KEY] = key
            changed.add(aid)
    return changed


def stats(backend: Backend) -> dict[str, Any]:
    """Counts of the backend's graph: the same rows on every backend."""
    return graph_stats(backend.graph())
