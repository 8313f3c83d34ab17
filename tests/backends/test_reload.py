"""Loading an article again under another load key: what it contributed is taken back, then
the new extraction added, so a reload ends as a clean load would (embedded file)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from graph_fixtures import triple

from graphbuild.backends.embedded import EmbeddedBackend, graph_from_json, read_graph
from graphbuild.cli import cli
from graphbuild.graph import (
    LOAD_KEY,
    KnowledgeGraph,
    article_load_key,
    graph_to_json,
    load_articles,
    node_id,
)
from graphbuild.normalize import names_digest
from graphbuild.types import Article

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = str(ROOT / "examples" / "articles")
A1 = Article("a1", "x", date="2024-01-10")
A2 = Article("a2", "y", date="2024-03-05")


def _first_names():
    """Two articles written with short names; a1 alone calls Kestrel "Kestrel"."""
    return [
        (A1, [triple("Acme", "SUES", "Kestrel", article="a1", date="2024-01-10", confidence=0.95)]),
        (
            A2,
            [
                triple("Acme", "SUES", "Kestrel", article="a2", date="2024-03-05", confidence=0.6),
                triple("Borealis", "SUPPORTS", "Acme", article="a2", date="2024-03-05", subject_text="Borealis Inc."),
            ],
        ),
    ]


def _renamed():
    """The same two articles with an alias table that calls Kestrel by its full name."""
    return [
        (
            A1,
            [
                triple(
                    "Kestrel Motors",
                    "SUES",
                    "Acme",
                    article="a1",
                    date="2024-01-10",
                    confidence=0.95,
                    subject_text="Kestrel",
                )
            ],
        ),
        _first_names()[1],
    ]


def _clean(pairs, names):
    kg = KnowledgeGraph()
    load_articles(kg, pairs, names=names)
    return kg


def test_reloading_with_other_names_ends_as_a_clean_load():
    kg = _clean(_first_names(), names_digest())
    delta = load_articles(kg, _renamed(), names=names_digest({"kestrel": "Kestrel Motors"}))
    clean = _clean(_renamed(), names_digest({"kestrel": "Kestrel Motors"}))
    assert graph_to_json(kg) == graph_to_json(clean)
    # both keys changed with the alias table: both articles were taken back, then added
    assert (delta.articles_replaced, delta.evidence_removed, delta.edges_removed, delta.nodes_removed) == (2, 3, 2, 3)
    # a1's suit against Kestrel went: a2 still states it, from 2024-03-05 and at a2's confidence
    [suit] = [e for e in kg.edges.values() if e.source == node_id("Acme")]
    assert (suit.count, suit.first_seen, suit.confidence) == (1, "2024-03-05", 0.6)
    assert kg.nodes[node_id("Kestrel Motors")].alias_articles == (("Kestrel", "a1"),)


def test_an_article_loaded_again_as_it_was_changes_nothing():
    kg = _clean(_first_names(), "n")
    before = graph_to_json(kg)
    assert not load_articles(kg, _first_names(), names="n").changed
    assert graph_to_json(kg) == before
    assert kg.articles["a1"][LOAD_KEY] == article_load_key(A1, _first_names()[0][1], names="n")


def test_removing_an_article_keeps_what_others_still_say():
    kg = _clean(_first_names(), "n")
    delta = kg.remove_articles(["a2"])
    assert (delta.evidence_removed, delta.edges_removed, delta.nodes_removed) == (2, 1, 1)  # Borealis goes
    assert set(kg.articles) == {"a1"}
    assert {n.name for n in kg.nodes.values()} == {"Acme", "Kestrel"}
    [suit] = kg.edges.values()
    assert (suit.count, suit.first_seen, suit.last_seen, suit.confidence) == (1, "2024-01-10", "2024-01-10", 0.95)
    assert kg == _clean(_first_names()[:1], "n")


def test_an_alias_stays_while_another_article_still_writes_it():
    pairs = [
        (A1, [triple("Acme", "SUES", "Kestrel", article="a1", subject_text="Acme Corp")]),
        (A2, [triple("Acme", "SUPPORTS", "Borealis", article="a2", subject_text="Acme Corp")]),
    ]
    kg = _clean(pairs, "n")
    assert kg.nodes[node_id("Acme")].alias_articles == (("Acme Corp", "a1"), ("Acme Corp", "a2"))
    kg.remove_articles(["a1"])
    assert kg.nodes[node_id("Acme")].aliases == ("Acme Corp",)
    kg.remove_articles(["a2"])
    assert kg.nodes == {}


def test_a_graph_file_from_before_provenance_is_read_and_reloaded_clean(tmp_path):
    kg = _clean(_first_names(), "n")
    data = json.loads(graph_to_json(kg))
    for node in data["nodes"]:
        del node["alias_articles"]
    for link in data["links"]:
        for e in link["evidence"]:
            del e["confidence"]
    for meta in data["graph"]["articles"].values():
        del meta[LOAD_KEY]
    old = graph_from_json(json.dumps(data))
    # an alias is credited to the articles on the actor's links; evidence gets its link's confidence
    assert old.nodes[node_id("Borealis")].alias_articles == (("Borealis Inc.", "a2"),)
    assert {e.confidence for edge in old.edges.values() for e in edge.evidence} == {0.95, 0.9}
    load_articles(old, _first_names(), names="n")
    assert graph_to_json(old) == graph_to_json(kg)


def _load(graph, *args):
    result = CliRunner().invoke(cli, ["load", EXAMPLES, "--graph", str(graph), "--json", "-q", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.model
def test_a_load_with_an_alias_file_renames_actors_as_a_clean_load_does(tmp_path):
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("alias,canonical\nOsteria,Republic of Osteria\nKestrel Motors,Kestrel Motor Group\n")
    graph, clean = tmp_path / "g.json", tmp_path / "clean.json"
    _load(graph)
    before = graph.read_bytes()
    assert read_graph(graph).node_by_name("Osteria").name == "Osteria"
    summary = _load(graph, "--aliases", str(aliases))
    assert summary["articles_replaced"] == summary["articles"] and summary["actors_removed"] > 0
    _load(clean, "--aliases", str(aliases))
    assert graph.read_bytes() == clean.read_bytes()
    kg = read_graph(graph)
    osteria = kg.node_by_name("Osteria")
    assert osteria is not None and osteria.name == "Republic of Osteria"
    assert all(not n.name.startswith("Kestrel Motors") for n in kg.nodes.values())
    # each alias names the article that merged it: one alias row undoes a wrong merge
    rows = CliRunner().invoke(cli, ["actors", "--graph", str(graph), "--json", "-s", "Osteria"]).stdout
    [row] = [json.loads(line) for line in rows.splitlines()]
    assert row["aliases"] == ["Osteria"] and set(row["alias_articles"]["Osteria"]) <= set(kg.articles)
    # and back: loading without the alias file restores the first graph byte for byte
    assert _load(graph)["articles_replaced"] == summary["articles"]
    assert graph.read_bytes() == before
    assert not EmbeddedBackend(graph).load([], names="").written


def test_a_later_copy_of_an_article_in_one_load_replaces_the_earlier():
    first, second = _first_names()[0], _renamed()[0]
    kg = _clean([first, _first_names()[1], second], "n")
    assert graph_to_json(kg) == graph_to_json(_clean([_first_names()[1], second], "n"))
