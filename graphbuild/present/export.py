"""Export the graph for other tools: GraphML (yEd, Gephi, Cytoscape), GEXF (Gephi) and
node-link JSON (D3, NetworkX).

GraphML and GEXF hold only scalar attributes, so list-valued ones (aliases, evidence) are
written as JSON text in the same attribute.
"""

from __future__ import annotations

import io
import json
from typing import Any

import networkx as nx

from graphbuild.backends.embedded import graph_to_json
from graphbuild.errors import GraphbuildError
from graphbuild.graph import KnowledgeGraph, to_networkx

FORMATS = ("graphml", "gexf", "json")


def _flat(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def _scalar_graph(kg: KnowledgeGraph) -> nx.MultiDiGraph:
    G = to_networkx(kg)
    H = nx.MultiDiGraph()
    for n, data in G.nodes(data=True):
        H.add_node(n, label=data["name"], **{k: _flat(v) for k, v in data.items()})
    for s, t, k, data in G.edges(keys=True, data=True):
        H.add_edge(s, t, key=k, label=data["relation"], **{a: _flat(v) for a, v in data.items()})
    return H


def export_graph(kg: KnowledgeGraph, fmt: str) -> str:
    """The graph as text in ``fmt`` (one of ``FORMATS``).

    >>> from graphbuild.graph import KnowledgeGraph
    >>> export_graph(KnowledgeGraph(), "graphml").startswith("<?xml")
    True
    """
    if fmt == "json":
        return graph_to_json(kg)
    if fmt == "graphml":
        # generate_graphml leaves out the XML declaration that write_graphml puts first.
        lines = nx.generate_graphml(_scalar_graph(kg))
        return "\n".join(["<?xml version='1.0' encoding='utf-8'?>", *lines]) + "\n"
    if fmt == "gexf":
        buffer = io.BytesIO()
        nx.write_gexf(_scalar_graph(kg), buffer)
        return buffer.getvalue().decode("utf-8")
    raise GraphbuildError(f"Unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}.")
