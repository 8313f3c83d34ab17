"""Tests for graphbuild.present.export: GraphML and GEXF read back with NetworkX; JSON is the graph file."""

from __future__ import annotations

import io
import json
from dataclasses import asdict

import networkx as nx
import pytest
from graph_fixtures import build, triple, world

from graphbuild.errors import GraphbuildError
from graphbuild.graph import KnowledgeGraph, graph_to_json
from graphbuild.present.export import FORMATS, export_graph

READERS = {"graphml": nx.read_graphml, "gexf": nx.read_gexf}


def read_back(kg: KnowledgeGraph, fmt: str) -> nx.MultiDiGraph:
    text = export_graph(kg, fmt)
    assert text.startswith("<?xml")
    return READERS[fmt](io.BytesIO(text.encode("utf-8")))


@pytest.mark.parametrize("fmt", sorted(READERS))
def test_xml_export_reads_back_with_the_same_nodes_and_edges(fmt: str) -> None:
    kg = world()
    H = read_back(kg, fmt)
    assert H.is_directed()
    assert (H.number_of_nodes(), H.number_of_edges()) == (len(kg.nodes), len(kg.edges)) == (6, 16)
    assert set(H.nodes) == set(kg.nodes)
    assert {(u, v, k) for u, v, k in H.edges(keys=True)} == {(e.source, e.target, e.id) for e in kg.edges.values()}


@pytest.mark.parametrize("fmt", sorted(READERS))
def test_xml_export_keeps_attributes_and_evidence_as_json(fmt: str) -> None:
    kg = world()
    H = read_back(kg, fmt)
    for nid, node in kg.nodes.items():
        data = H.nodes[nid]
        assert (data["label"], data["name"], data["type"]) == (node.name, node.name, node.type)
        assert json.loads(data["aliases"]) == list(node.aliases)
    for edge in kg.edges.values():
        data = H.edges[edge.source, edge.target, edge.id]
        assert (data["label"], data["relation"], data["polarity"]) == (edge.relation, edge.relation, edge.polarity)
        assert data["negated"] is edge.negated
        assert (data["count"], data["intensity"], data["confidence"]) == (edge.count, edge.intensity, edge.confidence)
        assert (data["first_seen"], data["last_seen"]) == (edge.first_seen or "", edge.last_seen or "")
        assert json.loads(data["evidence"]) == [asdict(e) for e in edge.evidence]


@pytest.mark.parametrize("fmt", sorted(READERS))
def test_xml_export_keeps_non_ascii_and_markup(fmt: str) -> None:
    kg = build([triple("Société Générale", "SUES", "AT&T <Labs>", object_text='"AT&T" <Labs>')])
    H = read_back(kg, fmt)
    assert sorted(d["name"] for _, d in H.nodes(data=True)) == ["AT&T <Labs>", "Société Générale"]
    (data,) = [d for _, _, d in H.edges(data=True)]
    assert json.loads(data["evidence"])[0]["sentence"] == 'Société Générale sues "AT&T" <Labs>.'


@pytest.mark.parametrize("fmt", sorted(READERS))
def test_empty_graph_exports(fmt: str) -> None:
    H = read_back(KnowledgeGraph(), fmt)
    assert (H.number_of_nodes(), H.number_of_edges()) == (0, 0)


def test_json_export_is_the_graph_file() -> None:
    kg = world()
    assert export_graph(kg, "json") == graph_to_json(kg)
    assert json.loads(export_graph(kg, "json"))["graph"]["format"] == "graphbuild-graph/1"


def test_every_format_is_handled() -> None:
    kg = world()
    assert FORMATS == ("graphml", "gexf", "json")
    assert len({export_graph(kg, fmt) for fmt in FORMATS}) == len(FORMATS)


def test_export_is_deterministic() -> None:
    for fmt in FORMATS:
        assert export_graph(world(), fmt) == export_graph(world(), fmt)


def test_unknown_format_names_the_choices() -> None:
    with pytest.raises(GraphbuildError) as info:
        export_graph(world(), "dot")
    assert str(info.value) == "Unknown export format 'dot'; choose one of graphml, gexf, json."
