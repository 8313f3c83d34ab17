"""The embedded backend: the knowledge graph as a NetworkX graph in a node-link JSON file.

The file is written deterministically (sorted nodes, links and keys), atomically (a
temporary file, then a rename; through a symbolic link to its target) and only when its
content changes, so loading an article a second time leaves it byte-identical. Loads hold a
lock on it (``graph_lock``), so two at once are serialised and neither loses the other's
articles (``backends.files``). A file that is not what the graph needs, down to a field of
the wrong type, is refused as damaged before anything uses it (``backends.node_link``).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path

import networkx as nx

from graphbuild.backends.base import INPUT_KEY, LoadSummary, Pairs, record_input_keys
from graphbuild.backends.files import graph_lock, remove_leftovers, write_text_atomic
from graphbuild.backends.node_link import check_node_link
from graphbuild.errors import GraphFileError
from graphbuild.graph import (
    FORMAT,
    GraphDelta,
    KnowledgeGraph,
    from_networkx,
    graph_to_json,
    load_articles,
)
from graphbuild.questions import Answer
from graphbuild.questions.networkx import ask_networkx
from graphbuild.types import Article, Triple

DEFAULT_GRAPH = "graphbuild.json"
GRAPH_ENV = "GRAPHBUILD_GRAPH"


@contextlib.contextmanager
def _damaged(origin: str) -> Iterator[None]:
    """Report a file that parses badly, or whose content is not what the graph needs, as damaged."""
    try:
        yield
    except RecursionError as e:  # json recurses once per bracket
        raise GraphFileError(
            f"Can't read graph file {origin}: JSON nested too deeply. It is damaged; restore it from a "
            "backup or delete it and load the articles again."
        ) from e
    except (ValueError, KeyError, TypeError, AttributeError) as e:
        raise GraphFileError(
            f"Can't read graph file {origin}: {e}. It is damaged; restore it from a backup "
            "or delete it and load the articles again."
        ) from e


def networkx_from_json(text: str, *, origin: str = "<graph>") -> nx.MultiDiGraph:
    """The graph file's text as the NetworkX graph ``to_networkx`` makes, read straight in."""
    with _damaged(origin):
        data = json.loads(text)
        # Any other JSON (an array, a string, an object of another tool) is not ours: say so
        # rather than call it damaged and suggest deleting it.
        graph = data.get("graph") if isinstance(data, dict) else None
        if not isinstance(graph, dict) or graph.get("format") != FORMAT:
            raise GraphFileError(
                f"{origin} is not a graphbuild graph file (no format {FORMAT!r}). "
                "Give another --graph path, or move that file away."
            )
        check_node_link(data)
        return nx.node_link_graph(data, directed=True, multigraph=True, edges="links")


def graph_from_json(text: str, *, origin: str = "<graph>") -> KnowledgeGraph:
    G = networkx_from_json(text, origin=origin)
    with _damaged(origin):
        return from_networkx(G)


def _read_text(path: Path, *, missing_ok: bool) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        if missing_ok:
            return None
        raise GraphFileError(
            f"No graph file at {str(path)!r}. Load articles first (graphbuild load ARTICLES) "
            f"or point --graph / {GRAPH_ENV} at an existing graph."
        ) from None
    except UnicodeDecodeError as e:
        raise GraphFileError(
            f"Can't read graph file {str(path)!r}: {e}. It is damaged; restore it from a backup "
            "or delete it and load the articles again."
        ) from e
    except OSError as e:
        raise GraphFileError(f"Can't read graph file {str(path)!r}: {e}. Check the path and its permissions.") from e


def read_graph(path: str | Path, *, missing_ok: bool = True) -> KnowledgeGraph:
    """Read the graph file; a missing file is an empty graph when ``missing_ok``."""
    text = _read_text(Path(path), missing_ok=missing_ok)
    return KnowledgeGraph() if text is None else graph_from_json(text, origin=str(path))


def read_networkx(path: str | Path) -> nx.MultiDiGraph:
    """Read the graph file as a NetworkX graph, for questions: one conversion, not a
    ``KnowledgeGraph`` on the way (``to_networkx(read_graph(path))`` gives the same graph)."""
    text = _read_text(Path(path), missing_ok=False)
    assert text is not None
    return networkx_from_json(text, origin=str(path))


def write_graph(kg: KnowledgeGraph, path: str | Path) -> bool:
    """Write the graph file atomically; returns False (and writes nothing) when unchanged."""
    path = Path(path)
    text = graph_to_json(kg)
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except (OSError, UnicodeDecodeError):
        pass
    write_text_atomic(path, text)
    return True


def load_into(
    kg: KnowledgeGraph, pairs: Iterable[tuple[Article, list[Triple]]], *, names: str = ""
) -> tuple[int, int, GraphDelta]:
    """Load extracted articles into a graph in memory (``graph.load_articles``):
    (articles, triples, what changed)."""
    pairs = list(pairs)
    delta = load_articles(kg, pairs, names=names)
    return len(pairs), sum(len(found) for _, found in pairs), delta


def _file_state(path: str | Path) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


class EmbeddedBackend:
    """The graph in one node-link JSON file (``graphbuild.json`` by default)."""

    name = "embedded"

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._read: tuple[tuple[int, int, int] | None, KnowledgeGraph] | None = None  # for load, after input_keys

    def input_keys(self) -> dict[str, str]:
        seen = _file_state(self.path)
        kg = read_graph(self.path)
        self._read = (seen, kg)
        return {aid: str(meta[INPUT_KEY]) for aid, meta in kg.articles.items() if meta.get(INPUT_KEY)}

    def describe(self) -> str:
        return str(self.path)

    def check(self) -> None:
        pass  # the file is read (and a damaged one refused) before any parsing, in load

    def load(
        self,
        pairs: Pairs,
        *,
        names: str = "",
        inputs: Mapping[str, str] | None = None,
        on_wait: Callable[[], None] | None = None,
    ) -> LoadSummary:
        """Add extracted articles to the file (created when missing); an article there under
        another load key is replaced (``KnowledgeGraph.load_article``).

        Extraction runs first; then, holding the file's lock, the graph is read again if it
        changed meanwhile, extended and written back atomically, so two loads into one file at
        once both land (the second waits for the first, calling ``on_wait`` once). The file is
        rewritten only when something changed, so a repeated load leaves it byte-identical.
        """
        # here, not at the top: a question on the file never needs the name rules' word lists
        from graphbuild.normalize import acronym_aliases, resolve_across

        if self._read is not None:  # read by input_keys, for this load
            (seen, kg), self._read = self._read, None
        else:
            seen, kg = _file_state(self.path), read_graph(self.path)  # a damaged file fails before any parsing
        # no lock while parsing, only while merging; the texts are not kept, only what the graph holds
        extracted = [(replace(article, text=""), triples) for article, triples in pairs]
        with graph_lock(self.path, on_wait=on_wait):
            remove_leftovers(self.path)  # of a load killed while writing; none can be writing now
            if _file_state(self.path) != seen:  # another load wrote it meanwhile
                kg = read_graph(self.path)
            extracted = resolve_across(extracted, acronym_aliases(kg.nodes.values()))
            articles, triples, delta = load_into(kg, extracted, names=names)
            inputs_changed = record_input_keys(kg, inputs)
            changed = delta.changed or inputs_changed or not self.path.exists()
            written = write_graph(kg, self.path) if changed else False
        return LoadSummary(
            backend=self.name,
            target=self.describe(),
            articles=articles,
            triples=triples,
            articles_added=delta.articles_added,
            articles_unchanged=articles - delta.articles_added - delta.articles_replaced,
            articles_replaced=delta.articles_replaced,
            actors_created=delta.nodes_created,
            links_created=delta.edges_created,
            evidence_added=delta.evidence_added,
            actors_removed=delta.nodes_removed,
            links_removed=delta.edges_removed,
            evidence_removed=delta.evidence_removed,
            written=written,
        )

    def ask(self, name: str, params: Mapping[str, str]) -> Answer:
        return ask_networkx(read_networkx(self.path), name, params)

    def graph(self) -> KnowledgeGraph:
        return read_graph(self.path, missing_ok=False)

    def close(self) -> None:
        pass
