"""The embedded backend: NetworkX and JSON round trips, deterministic and atomic writes,
unreadable graph files, serialised loads, and stats."""

from __future__ import annotations

import json
import os
from pathlib import Path

import networkx as nx
import pytest
from graph_fixtures import articles, build, edge_cases, triple, world, world_triples
from hypothesis import given, settings
from hypothesis import strategies as st

from graphbuild.backends.embedded import EmbeddedBackend, graph_from_json, read_graph, read_networkx, write_graph
from graphbuild.errors import GraphFileError
from graphbuild.graph import (
    FORMAT,
    KnowledgeGraph,
    build_graph,
    from_networkx,
    graph_stats,
    graph_to_json,
    node_id,
    to_networkx,
)

OLD = 1_000_000_000_000_000_000  # an mtime in nanoseconds (2001), far from "now"
NOT_OURS = "is not a graphbuild graph file"
DAMAGED = "restore it from a backup or delete it and load the articles again"


# NetworkX


def test_to_networkx_keys_and_attributes() -> None:
    kg = world()
    G = to_networkx(kg)
    assert isinstance(G, nx.MultiDiGraph)
    assert G.graph["format"] == FORMAT
    assert set(G.graph["articles"]) == {"a1", "a2", "a3", "a4", "a5", "a6"}
    assert (G.number_of_nodes(), G.number_of_edges()) == (6, 16)
    acme = G.nodes[node_id("Acme")]
    assert (acme["name"], acme["type"], acme["aliases"]) == ("Acme", "organization", ["Acme Corp"])
    (edge_key,) = [k for k, e in kg.edges.items() if e.relation == "SUES"]
    data = G.edges[node_id("Cobalt"), node_id("Dynamo"), edge_key]
    assert (data["relation"], data["polarity"], data["negated"], data["count"]) == ("SUES", "conflict", False, 3)
    assert (data["first_seen"], data["last_seen"]) == ("2024-02-01", "2024-03-05")
    assert [(e["article"], e["sentence_start"]) for e in data["evidence"]] == [("a4", 0), ("a4", 120), ("a2", 50)]


def test_networkx_round_trip() -> None:
    kg = world()
    assert from_networkx(to_networkx(kg)) == kg
    assert from_networkx(to_networkx(KnowledgeGraph())) == KnowledgeGraph()


# JSON


def test_json_round_trip() -> None:
    kg = world()
    assert graph_from_json(graph_to_json(kg)) == kg


def test_json_is_sorted_and_ends_with_a_newline() -> None:
    text = graph_to_json(world())
    data = json.loads(text)
    assert text.endswith("}\n")
    assert data["graph"]["format"] == FORMAT
    ids = [n["id"] for n in data["nodes"]]
    assert ids == sorted(ids)
    links = [(e["source"], e["target"], e["key"]) for e in data["links"]]
    assert links == sorted(links)
    assert text == json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


@settings(max_examples=30, deadline=None)
@given(st.permutations(world_triples()), st.permutations(articles()))
def test_json_does_not_depend_on_load_order(triples, arts) -> None:
    assert graph_to_json(build(triples, arts)) == graph_to_json(world())


def test_json_keeps_non_ascii_names() -> None:
    text = graph_to_json(build([triple("Société Générale", "SUES", "Zürich")]))
    assert "Société Générale" in text
    assert "Zürich" in text


# write_graph


def test_write_then_read(tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    assert write_graph(world(), path) is True
    assert path.read_text(encoding="utf-8") == graph_to_json(world())
    assert read_graph(path) == world()
    assert read_graph(path, missing_ok=False) == world()


@pytest.mark.parametrize("make", [world, edge_cases])
def test_questions_read_the_file_straight_into_the_graph_networkx_would_give(tmp_path: Path, make) -> None:
    path = tmp_path / "g.json"
    write_graph(make(), path)
    G = read_networkx(path)
    assert nx.utils.graphs_equal(G, to_networkx(make()))
    assert G.graph == to_networkx(make()).graph


def test_questions_on_a_missing_file_say_to_load_first(tmp_path: Path) -> None:
    with pytest.raises(GraphFileError, match="Load articles first"):
        read_networkx(tmp_path / "nope.json")


def test_write_unchanged_graph_leaves_the_file_alone(tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    write_graph(world(), path)
    os.utime(path, ns=(OLD, OLD))
    before = path.read_bytes()
    # the same graph, built again in another order
    assert write_graph(build(reversed(world_triples()), reversed(articles())), path) is False
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == OLD
    assert os.listdir(tmp_path) == ["g.json"]


def test_write_changed_graph_replaces_the_file(tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    write_graph(world(), path)
    os.utime(path, ns=(OLD, OLD))
    kg, _ = build_graph([], [triple("Flux", "SUES", "Acme", article="a9")], read_graph(path))
    assert write_graph(kg, path) is True
    assert path.stat().st_mtime_ns != OLD
    assert read_graph(path) == kg
    assert len(kg.edges) == 17


def test_write_creates_missing_directories_and_leaves_no_temp_file(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "g.json"
    assert write_graph(world(), path) is True
    assert os.listdir(path.parent) == ["g.json"]


def test_failed_write_leaves_no_temp_file(tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    path.mkdir()  # a directory where the file should go: the rename fails
    with pytest.raises(GraphFileError, match=r"Can't write .*g\.json.*Check the directory exists and is writable"):
        write_graph(world(), path)
    assert os.listdir(tmp_path) == ["g.json"]
    assert os.listdir(path) == []


def test_write_repairs_an_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    path.write_bytes(b"\xff\xfe not a graph")
    assert write_graph(world(), path) is True
    assert read_graph(path) == world()


# read_graph errors


def test_missing_file_is_an_empty_graph_when_allowed(tmp_path: Path) -> None:
    assert read_graph(tmp_path / "nope.json") == KnowledgeGraph()
    assert not (tmp_path / "nope.json").exists()


def test_missing_file_is_an_error_when_not_allowed(tmp_path: Path) -> None:
    with pytest.raises(GraphFileError) as info:
        read_graph(tmp_path / "nope.json", missing_ok=False)
    message = str(info.value)
    assert "No graph file at" in message
    assert "nope.json" in message
    assert "graphbuild load" in message
    assert "GRAPHBUILD_GRAPH" in message


@pytest.mark.parametrize(
    "text",
    [
        '{"nodes": [], "links": []}',
        '{"graph": {"format": "graphbuild-graph/0"}, "nodes": []}',
        '{"graph": ["format"]}',
        "[1, 2, 3]",
        '"graphbuild-graph/1"',
    ],
)
def test_other_json_is_not_a_graphbuild_graph(tmp_path: Path, text: str) -> None:
    path = tmp_path / "other.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GraphFileError) as info:
        read_graph(path)
    message = str(info.value)
    assert NOT_OURS in message
    assert str(path) in message
    assert "Give another --graph path" in message
    assert "delete" not in message  # not ours to delete


@pytest.mark.parametrize("damage", ["truncated", "binary", "bad-node"])
def test_corrupt_file_says_it_is_damaged(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "g.json"
    text = graph_to_json(world())
    if damage == "truncated":
        path.write_text(text[: len(text) // 2], encoding="utf-8")
    elif damage == "binary":
        path.write_bytes(b"\x89PNG\r\n\x1a\n\xff\x00")
    else:
        data = json.loads(text)
        del data["nodes"][0]["name"]
        path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(GraphFileError) as info:
        read_graph(path)
    message = str(info.value)
    assert "Can't read graph file" in message
    assert str(path) in message
    assert DAMAGED in message
    assert info.value.__cause__ is not None


def test_unreadable_path_says_what_to_check(tmp_path: Path) -> None:
    with pytest.raises(GraphFileError, match="Check the path and its permissions"):
        read_graph(tmp_path)


# stats


def test_graph_stats_counts() -> None:
    kg = build(
        [
            triple("A", "SUES", "B", subject_type="government"),
            triple("A", "SUES", "B", article="a2", subject_type="government"),
            triple("A", "FINES", "B", article="a3", negated=True),
            triple("B", "ALLIES_WITH", "C", object_type="person"),
            triple("C", "COMMENTS_ON", "A", sentence_start=50, subject_type="person", object_type="government"),
            triple("C", "SUPPORTS", "B", sentence_start=90, negated=True, subject_type="person"),
        ],
        [articles()[0]],
    )
    assert graph_stats(kg) == {
        "articles": 1,
        "actors": 3,
        "links": 5,
        "mentions": 6,
        "alliances": 1,
        "disputes": 1,
        "neutral": 1,
        "negated": 2,
        "relations": {"ALLIES_WITH": 1, "COMMENTS_ON": 1, "FINES": 1, "SUES": 1, "SUPPORTS": 1},
        "actor_types": {"government": 1, "organization": 1, "person": 1},
    }


def test_graph_stats_of_an_empty_graph() -> None:
    stats = graph_stats(KnowledgeGraph())
    assert stats["actors"] == stats["links"] == stats["mentions"] == stats["articles"] == 0
    assert stats["relations"] == {} == stats["actor_types"]


def test_written_file_has_the_usual_permissions(tmp_path):
    import os
    import stat

    umask = os.umask(0o022)
    try:
        path = tmp_path / "g.json"
        write_graph(KnowledgeGraph(), path)
        assert stat.S_IMODE(path.stat().st_mode) == 0o644
    finally:
        os.umask(umask)


def test_a_write_that_dies_before_the_rename_leaves_the_old_graph(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "g.json"
    write_graph(world(), path)
    before = path.read_bytes()

    def crash(*_args):
        raise KeyboardInterrupt  # what a kill between writing and renaming looks like to this process

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        write_graph(build([triple("Acme", "SUES", "Zephyr")]), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["g.json"]


_SLOW_LOAD = """
import sys, time
sys.path.insert(0, sys.argv[2])
from graph_fixtures import triple
from graphbuild.backends import embedded
from graphbuild.types import Article
merge = embedded.load_into
def slow_merge(kg, pairs, **options):
    print("locked", flush=True)
    time.sleep(2)  # hold the lock between reading and writing the file
    return merge(kg, pairs, **options)
embedded.load_into = slow_merge
pairs = [(Article("first", "x"), [triple("Acme", "SUES", "Borealis", article="first")])]
embedded.EmbeddedBackend(sys.argv[1]).load(pairs)
"""


def test_two_loads_into_one_file_are_serialised_and_both_land(tmp_path: Path) -> None:
    import subprocess
    import sys

    from graphbuild.types import Article

    path = tmp_path / "g.json"
    tests = Path(__file__).parents[1]
    other = subprocess.Popen(
        [sys.executable, "-c", _SLOW_LOAD, str(path), str(tests)], stdout=subprocess.PIPE, text=True
    )
    assert other.stdout is not None and other.stdout.readline().strip() == "locked"
    waited: list[bool] = []
    pairs = [(Article("second", "y"), [triple("Cobalt", "AIDS", "Dynamo", article="second")])]
    EmbeddedBackend(path).load(pairs, on_wait=lambda: waited.append(True))
    assert other.wait(timeout=30) == 0
    assert waited == [True]
    kg = read_graph(path)
    assert sorted(kg.articles) == ["first", "second"]
    assert sorted(e.relation for e in kg.edges.values()) == ["AIDS", "SUES"]


def test_a_damaged_graph_fails_before_any_article_is_parsed(tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    path.write_text('{"format": "graphbuild-graph/1", "nodes": [', encoding="utf-8")

    def never():
        raise AssertionError("parsed before the graph was checked")
        yield

    with pytest.raises(GraphFileError, match="damaged"):
        EmbeddedBackend(path).load(never())
