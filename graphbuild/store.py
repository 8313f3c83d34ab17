"""The embedded backend: the knowledge graph as a NetworkX graph in a node-link JSON file.

The file is written deterministically (sorted nodes, links and keys), atomically (a
temporary file, then a rename) and only when its content changes, so loading an article a
second time leaves it byte-identical. Loads hold a lock on it (``graph_lock``), so two at
once are serialised and neither loses the other's articles.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

import networkx as nx

from graphbuild.errors import GraphFileError
from graphbuild.graph import KnowledgeGraph
from graphbuild.types import Edge, Evidence, Node

DEFAULT_GRAPH = "graphbuild.json"
GRAPH_ENV = "GRAPHBUILD_GRAPH"
FORMAT = "graphbuild-graph/1"


def to_networkx(kg: KnowledgeGraph) -> nx.MultiDiGraph:
    """The graph as a ``MultiDiGraph``: node keys are actor ids, edge keys are edge ids.

    Node attributes: ``name``, ``type``, ``aliases``. Edge attributes: ``relation``,
    ``polarity``, ``negated``, ``intensity``, ``confidence``, ``count``, ``first_seen``,
    ``last_seen`` and ``evidence`` (a list of dicts, one per sentence).
    """
    G = nx.MultiDiGraph(format=FORMAT, articles={k: dict(v) for k, v in sorted(kg.articles.items())})
    for nid in sorted(kg.nodes):
        node = kg.nodes[nid]
        G.add_node(nid, name=node.name, type=node.type, aliases=list(node.aliases))
    for eid in sorted(kg.edges):
        edge = kg.edges[eid]
        attrs = asdict(edge)
        for name in ("id", "source", "target"):
            del attrs[name]
        attrs["evidence"] = [asdict(e) for e in edge.evidence]
        G.add_edge(edge.source, edge.target, key=eid, **attrs)
    return G


def from_networkx(G: nx.MultiDiGraph) -> KnowledgeGraph:
    """The inverse of :func:`to_networkx`."""
    kg = KnowledgeGraph(articles={k: dict(v) for k, v in G.graph.get("articles", {}).items()})
    for nid, data in G.nodes(data=True):
        kg.nodes[nid] = Node(nid, data["name"], data["type"], tuple(data.get("aliases", ())))
    for source, target, key, data in G.edges(keys=True, data=True):
        attrs = dict(data)
        evidence = tuple(Evidence(**e) for e in attrs.pop("evidence", []))
        kg.edges[key] = Edge(id=key, source=source, target=target, evidence=evidence, **attrs)
    return kg


def graph_to_json(kg: KnowledgeGraph) -> str:
    """Serialize deterministically: the same graph always gives the same text."""
    data = nx.node_link_data(to_networkx(kg), edges="links")
    data["nodes"].sort(key=lambda n: n["id"])
    data["links"].sort(key=lambda e: (e["source"], e["target"], e["key"]))
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def graph_from_json(text: str, *, origin: str = "<graph>") -> KnowledgeGraph:
    try:
        data = json.loads(text)
        # Any other JSON (an array, a string, an object of another tool) is not ours: say so
        # rather than call it damaged and suggest deleting it.
        graph = data.get("graph") if isinstance(data, dict) else None
        if not isinstance(graph, dict) or graph.get("format") != FORMAT:
            raise GraphFileError(
                f"{origin} is not a graphbuild graph file (no format {FORMAT!r}). "
                "Give another --graph path, or move that file away."
            )
        G = nx.node_link_graph(data, directed=True, multigraph=True, edges="links")
        return from_networkx(G)
    except GraphFileError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError) as e:
        raise GraphFileError(
            f"Can't read graph file {origin}: {e}. It is damaged; restore it from a backup "
            "or delete it and load the articles again."
        ) from e


def read_graph(path: str | Path, *, missing_ok: bool = True) -> KnowledgeGraph:
    """Read the graph file; a missing file is an empty graph when ``missing_ok``."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        if missing_ok:
            return KnowledgeGraph()
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
    return graph_from_json(text, origin=str(path))


def write_graph(kg: KnowledgeGraph, path: str | Path) -> bool:
    """Write the graph file atomically; returns False (and writes nothing) when unchanged."""
    path = Path(path)
    text = graph_to_json(kg)
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except (OSError, UnicodeDecodeError):
        pass
    _atomic_write(path, text)
    return True


@contextlib.contextmanager
def graph_lock(path: str | Path, *, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the graph file's lock (``PATH.lock`` beside it) for a read-modify-write.

    Another process holding it makes this wait, after calling ``on_wait`` once. The lock is
    the operating system's (``flock``): a killed process never leaves it held.
    """
    lock_path = Path(f"{path}.lock")
    try:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        # read-only is enough for flock, and works on a lock file another user created
        fd = os.open(lock_path, os.O_RDONLY | os.O_CREAT, 0o666)
    except OSError as e:
        raise GraphFileError(f"Can't lock {str(path)!r} ({e}). Check the directory exists and is writable.") from e
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait is not None:
                on_wait()
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError as e:
            raise GraphFileError(
                f"Can't lock {str(path)!r} ({e}); the file system may not support locks. Use a local --graph path."
            ) from e
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def write_text_atomic(path: str | Path, text: str) -> None:
    """Write a text file by way of a temporary file and a rename: never half written."""
    _atomic_write(Path(path), text)


def _atomic_write(path: Path, text: str) -> None:
    directory = path.parent if str(path.parent) else Path(".")
    tmp: str | None = None
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp makes the file private; give it the mode a plain open() would have
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
        tmp = None
    except OSError as e:
        raise GraphFileError(f"Can't write {str(path)!r}: {e}. Check the directory exists and is writable.") from e
    finally:
        if tmp is not None:  # a failed write must not leave its temporary file behind
            Path(tmp).unlink(missing_ok=True)


def graph_stats(kg: KnowledgeGraph) -> dict[str, Any]:
    """Counts for ``graphbuild stats``."""
    by_polarity: dict[str, int] = {}
    by_relation: dict[str, int] = {}
    by_type: dict[str, int] = {}
    for edge in kg.edges.values():
        if not edge.negated:
            by_polarity[edge.polarity] = by_polarity.get(edge.polarity, 0) + 1
        by_relation[edge.relation] = by_relation.get(edge.relation, 0) + 1
    for node in kg.nodes.values():
        by_type[node.type] = by_type.get(node.type, 0) + 1
    return {
        "articles": len(kg.articles),
        "actors": len(kg.nodes),
        "links": len(kg.edges),
        "mentions": sum(e.count for e in kg.edges.values()),
        "alliances": by_polarity.get("cooperation", 0),
        "disputes": by_polarity.get("conflict", 0),
        "neutral": by_polarity.get("neutral", 0),
        "negated": sum(1 for e in kg.edges.values() if e.negated),
        "relations": dict(sorted(by_relation.items())),
        "actor_types": dict(sorted(by_type.items())),
    }
