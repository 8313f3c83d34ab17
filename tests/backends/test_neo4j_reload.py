"""Loading an article again under another load key, in a real Neo4j: what it contributed is
taken back, then the new extraction written, so the database ends as a clean load would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from graph_fixtures import triple

from graphbuild.backends.embedded import read_graph
from graphbuild.backends.neo4j.reader import database_counts, read_neo4j
from graphbuild.backends.neo4j.schema import SCHEMA_VERSION, ensure_schema
from graphbuild.backends.neo4j.writer import load_neo4j, write_neo4j
from graphbuild.cli import cli
from graphbuild.graph import KnowledgeGraph, load_articles, node_id
from graphbuild.types import Article

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = str(ROOT / "examples" / "articles")

pytestmark = [pytest.mark.neo4j]


def _load(env, *args):
    result = CliRunner().invoke(cli, ["load", EXAMPLES, "--json", "-q", *args], env=env)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.model
def test_a_load_with_an_alias_file_renames_actors_as_a_clean_load_does(neo4j_env, neo4j_driver, tmp_path):
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("alias,canonical\nOsteria,Republic of Osteria\nKestrel Motors,Kestrel Motor Group\n")
    first = _load(neo4j_env)
    before = read_neo4j(neo4j_driver)
    summary = _load(neo4j_env, "--aliases", str(aliases))
    assert summary["articles_replaced"] == first["articles"] and summary["actors_removed"] > 0
    clean = tmp_path / "clean.json"
    _load({"GRAPHBUILD_GRAPH": str(clean)}, "--aliases", str(aliases))
    # node for node, link for link, sentence for sentence: the clean load's graph
    assert read_neo4j(neo4j_driver) == read_graph(clean)
    assert database_counts(neo4j_driver)["actors"] == len(read_graph(clean).nodes)
    # the alias names the article that merged it, readable in Browser as "alias<TAB>article"
    [row] = neo4j_driver.execute_query(
        "MATCH (n:Actor {name: 'Republic of Osteria'}) RETURN n.aliases AS aliases, n.alias_articles AS sources"
    ).records
    assert row["aliases"] == ["Osteria"] and row["sources"] and all(s.startswith("Osteria\t") for s in row["sources"])
    mentions, _, _ = neo4j_driver.execute_query(
        "MATCH (a:Article)-[:MENTIONS]->(n:Actor) WHERE n.name IN ['Osteria', 'Kestrel Motors'] RETURN count(*) AS n"
    )
    assert mentions[0]["n"] == 0
    again = _load(neo4j_env, "--aliases", str(aliases))
    assert (again["articles_unchanged"], again["written"]) == (first["articles"], False)
    # and back without the alias file
    _load(neo4j_env)
    assert read_neo4j(neo4j_driver) == before


def _pairs(renamed: bool):
    a1 = Article("a1", "x", date="2024-01-10")
    a2 = Article("a2", "y", date="2024-03-05")
    kestrel = "Kestrel Motors" if renamed else "Kestrel"
    return [
        (
            a1,
            [triple("Acme", "SUES", kestrel, article="a1", date="2024-01-10", confidence=0.95, object_text="Kestrel")],
        ),
        (
            a2,
            [
                triple("Acme", "SUES", "Kestrel", article="a2", date="2024-03-05", confidence=0.6),
                triple("Borealis", "SUPPORTS", "Acme", article="a2", subject_text="Borealis Inc."),
            ],
        ),
    ]


def _graph(renamed: bool) -> KnowledgeGraph:
    kg = KnowledgeGraph()
    load_articles(kg, _pairs(renamed), names="renamed" if renamed else "")
    return kg


def test_an_article_read_again_takes_back_its_evidence_aliases_and_actors(neo4j_driver):
    write_neo4j(neo4j_driver, _graph(renamed=False))
    # only a1 changes (a2's key is the same): a1's suit against Kestrel goes, a2's stays
    renamed = _graph(renamed=True)
    renamed.articles["a2"] = _graph(renamed=False).articles["a2"]
    written = write_neo4j(neo4j_driver, renamed)
    assert (written.articles_unchanged, written.taken.articles, written.taken.evidence) == (1, 1, 1)
    assert (written.taken.links, written.taken.actors) == (0, 0)  # Kestrel: a2 still links it
    [suit] = neo4j_driver.execute_query(
        "MATCH (:Actor {name: 'Acme'})-[r:SUES]->(:Actor {name: 'Kestrel'}) "
        "RETURN r.count AS count, r.first_seen AS first, r.confidence AS confidence, r.evidence_article AS articles"
    ).records
    assert (suit["count"], suit["first"], suit["confidence"], suit["articles"]) == (1, "2024-03-05", 0.6, ["a2"])
    kg = read_neo4j(neo4j_driver)
    assert kg.nodes[node_id("Kestrel Motors")].alias_articles == (("Kestrel", "a1"),)
    assert kg.edges == _graph(renamed=True).edges  # a2 loaded under the old names says the same
    again = write_neo4j(neo4j_driver, renamed)
    assert (again.articles_unchanged, again.wrote) == (2, False)

    # a2 taken back with other triples: Borealis (and its alias) go with the only link it had
    write_neo4j(neo4j_driver, _graph(renamed=True))
    a2 = KnowledgeGraph()
    load_articles(a2, [(_pairs(True)[1][0], [])], names="renamed")
    gone = write_neo4j(neo4j_driver, a2)
    assert (gone.taken.evidence, gone.taken.links, gone.taken.actors) == (2, 2, 2)  # Borealis, Kestrel
    assert {n.name for n in read_neo4j(neo4j_driver).nodes.values()} == {"Acme", "Kestrel Motors"}


def test_a_database_from_before_provenance_is_brought_up_to_date(neo4j_driver):
    kg = _graph(renamed=False)
    write_neo4j(neo4j_driver, kg)
    neo4j_driver.execute_query(
        "MATCH (:Actor)-[r]->(:Actor) REMOVE r.evidence_confidence WITH count(*) AS _ "
        "MATCH (n:Actor) REMOVE n.alias_articles WITH count(*) AS _ "
        "MATCH (s:GraphbuildSchema) SET s.version = 2"
    )
    ensure_schema(neo4j_driver)
    back = read_neo4j(neo4j_driver)
    # as an old embedded file is read: a link's confidence on each sentence, aliases credited
    assert back.nodes[node_id("Borealis")].alias_articles == (("Borealis Inc.", "a2"),)
    assert {e.confidence for edge in back.edges.values() for e in edge.evidence} == {0.95, 0.9}
    version, _, _ = neo4j_driver.execute_query("MATCH (s:GraphbuildSchema) RETURN s.version AS v")
    assert [r["v"] for r in version] == [SCHEMA_VERSION]
    write_neo4j(neo4j_driver, _graph(renamed=True))  # and articles can be taken back from it
    assert read_neo4j(neo4j_driver).edges == _graph(renamed=True).edges


def test_a_link_many_chunks_support_is_merged_once_per_load(neo4j_driver):
    # five articles, one a chunk, each with a sentence for the same suit
    pairs = [
        (Article(f"s{i}", "x", date=day), [triple("Acme", "SUES", "Kestrel", article=f"s{i}", date=day)])
        for i, day in enumerate(f"2024-0{m}-01" for m in range(1, 6))
    ]
    articles, _, summary = load_neo4j(neo4j_driver, pairs, chunk_articles=1)
    assert (articles, summary.link_rows, summary.links_created, summary.evidence_added) == (5, 1, 1, 5)
    [suit] = neo4j_driver.execute_query(
        "MATCH (:Actor {name: 'Acme'})-[r:SUES]->(:Actor {name: 'Kestrel'}) "
        "RETURN r.count AS count, r.evidence_article AS articles, r.first_seen AS first, r.last_seen AS last"
    ).records
    assert (suit["count"], suit["first"], suit["last"]) == (5, "2024-01-01", "2024-05-01")
    assert sorted(suit["articles"]) == [f"s{i}" for i in range(5)]
    again = load_neo4j(neo4j_driver, pairs, chunk_articles=1)[2]
    assert (again.articles_unchanged, again.link_rows, again.wrote) == (5, 0, False)
    # held back no longer than the evidence allows: one row per chunk with one sentence each
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n")
    bounded = load_neo4j(neo4j_driver, pairs, chunk_articles=1, max_pending_evidence=0)[2]
    assert (bounded.link_rows, bounded.evidence_added) == (5, 5)
    # an article whose key changed is taken back first, across chunks too
    renamed = [(article, [triple("Acme", "SUES", "Borealis", article=article.id)]) for article, _ in pairs[:2]]
    moved = load_neo4j(neo4j_driver, renamed, chunk_articles=1)[2]
    assert (moved.taken.articles, moved.taken.evidence, moved.link_rows) == (2, 2, 1)
    [row] = neo4j_driver.execute_query(
        "MATCH (:Actor {name: 'Acme'})-[r:SUES]->(:Actor {name: 'Kestrel'}) RETURN r.count AS count"
    ).records
    assert row["count"] == 3


def test_chunks_are_bounded_by_text_and_the_schema_is_checked_once_a_load(neo4j_driver, monkeypatch):
    from graphbuild.backends.neo4j import writer

    pairs = [(Article(f"c{i}", "x" * 40), [triple("Acme", "SUES", f"Rival {i}", article=f"c{i}")]) for i in range(4)]
    chunks: list[int] = []
    checks: list[int] = []
    real_nodes, real_schema = writer._Writer.nodes, writer.ensure_schema
    monkeypatch.setattr(
        writer._Writer, "nodes", lambda self, kg, keys: chunks.append(len(kg.articles)) or real_nodes(self, kg, keys)
    )
    monkeypatch.setattr(writer, "ensure_schema", lambda *a, **k: checks.append(1) or real_schema(*a, **k))
    # 100 characters a chunk: two articles of 40 each, then the next chunk
    articles, _, summary = load_neo4j(neo4j_driver, pairs, chunk_chars=100)
    assert (articles, chunks, len(checks)) == (4, [2, 2], 1)
    assert summary.links_created == 4


def test_a_first_load_takes_nothing_back_and_sets_both_keys_at_once(neo4j_driver):
    pairs = [
        (Article(f"k{i}", f"Acme sued Rival {i}."), [triple("Acme", "SUES", f"Rival {i}", article=f"k{i}")])
        for i in range(3)
    ]
    pairs.append((Article("k3", "Nothing happened."), []))  # no link to wait for: loaded whole with its node
    inputs = {f"k{i}": f"input-{i}" for i in range(4)}
    statements: list[tuple[str, list]] = []
    real = neo4j_driver.execute_query

    def recorded(query, *args, **kwargs):
        statements.append((" ".join(query.split()), [row["id"] for row in kwargs.get("rows", ())]))
        return real(query, *args, **kwargs)

    def stored() -> list[tuple]:
        records = neo4j_driver.execute_query(
            "MATCH (a:Article) RETURN a.id AS id, a.load_key IS NOT NULL AS loaded, a.input_key AS input ORDER BY id"
        ).records
        return [(r["id"], r["loaded"], r["input"]) for r in records]

    neo4j_driver.execute_query = recorded
    try:
        load_neo4j(neo4j_driver, pairs, inputs=inputs)
    finally:
        del neo4j_driver.execute_query
    assert not [s for s, _ in statements if "REMOVE a.load_key" in s], statements  # nothing there to take back
    assert not [s for s, _ in statements if "a.input_key <> row.input" in s], statements  # set with the load keys
    [marked] = [ids for s, ids in statements if s.startswith("UNWIND $rows AS row MATCH") and "SET a.load_key" in s]
    assert marked == ["k0", "k1", "k2"]  # after their links; k3 with its node
    assert stored() == [(f"k{i}", True, f"input-{i}") for i in range(4)]
    # the same articles under a new input key (same content, so nothing else is written)
    inputs["k1"], inputs["k3"] = "input-1b", "input-3b"
    again = load_neo4j(neo4j_driver, pairs, inputs=inputs)[2]
    assert (again.articles_unchanged, again.articles_added) == (4, 0)
    assert stored() == [
        ("k0", True, "input-0"),
        ("k1", True, "input-1b"),
        ("k2", True, "input-2"),
        ("k3", True, "input-3b"),
    ]
