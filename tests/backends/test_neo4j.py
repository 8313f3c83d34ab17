"""The Neo4j backend against a real server: loads, idempotence, parity, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphbuild.backends.embedded import read_graph
from graphbuild.backends.neo4j.connection import connect
from graphbuild.backends.neo4j.reader import database_counts, read_neo4j, run_neo4j
from graphbuild.backends.neo4j.writer import article_load_keys, write_neo4j
from graphbuild.cli import cli
from graphbuild.errors import UnknownActorError, VocabularyError
from graphbuild.graph import LOAD_KEY, KnowledgeGraph, build_graph, to_networkx
from graphbuild.questions import get_query
from graphbuild.questions.networkx import NETWORKX, ask_networkx
from graphbuild.types import Article, Edge
from graphbuild.vocab import link_type

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = str(ROOT / "examples" / "articles")

pytestmark = [pytest.mark.neo4j, pytest.mark.model]


def _load(env, *args):
    result = CliRunner().invoke(cli, ["load", *args, "--json", "-q"], env=env)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_second_load_of_the_examples_creates_and_sets_nothing(neo4j_env, neo4j_driver):
    first = _load(neo4j_env, EXAMPLES)
    assert first["actors_created"] > 0 and first["links_created"] > 0 and first["written"]
    before = database_counts(neo4j_driver)
    second = _load(neo4j_env, EXAMPLES)
    assert (
        second["articles_added"],
        second["actors_created"],
        second["links_created"],
        second["evidence_added"],
        second["written"],
    ) == (0, 0, 0, 0, False)
    assert second["articles_unchanged"] == second["articles"] == first["articles"]
    assert database_counts(neo4j_driver) == before


def test_database_holds_the_same_graph_as_the_embedded_file(neo4j_env, neo4j_driver, tmp_path):
    _load(neo4j_env, EXAMPLES, "--write-batch-size", "2")
    graph = tmp_path / "g.json"
    _load({"GRAPHBUILD_GRAPH": str(graph)}, EXAMPLES)
    kg = read_graph(graph)
    # read back, the database is the embedded graph: every actor, link, sentence and article
    assert read_neo4j(neo4j_driver) == kg
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (a:Actor)-[r]->(b:Actor) RETURN r.id AS id, type(r) AS type, r.relation AS relation"
    )
    assert {r["id"]: (r["type"], r["relation"]) for r in records} == {
        e.id: (link_type(e.relation, e.negated), e.relation) for e in kg.edges.values()
    }
    assert any(e.negated for e in kg.edges.values())  # the examples hold a denied suit: NOT_SUES
    names, _, _ = neo4j_driver.execute_query("MATCH (n:Actor) RETURN labels(n) AS labels")
    assert all(len(r["labels"]) == 2 for r in names)  # Actor plus its type
    articles, _, _ = neo4j_driver.execute_query("MATCH (a:Article)-[:MENTIONS]->(n:Actor) RETURN DISTINCT a.id AS id")
    assert {r["id"] for r in articles} <= set(kg.articles)


def _parity_cases(G):
    names = sorted({d["name"] for _, d in G.nodes(data=True)})
    pairs = sorted({tuple(sorted((G.nodes[s]["name"], G.nodes[t]["name"]))) for s, t in G.edges()})
    for name, query in sorted({n: get_query(n) for n in NETWORKX}.items()):
        params = {p.name for p in query.params if p.required}
        if not params:
            yield name, {}
            yield name, {"limit": "3"}
        elif params == {"actor"}:
            for actor in names:
                yield name, {"actor": actor}
            yield name, {"actor": "nobody at all"}
            yield name, {"actor": names[0] + "x"}  # a typo: both suggest the same names
        elif params == {"actor_a", "actor_b"}:
            for a, b in pairs:
                yield name, {"actor_a": a, "actor_b": b}
                yield name, {"actor_a": b.upper(), "actor_b": a.lower()}
            yield name, {"actor_a": pairs[0][0], "actor_b": pairs[0][1][:-1]}
        else:
            pytest.fail(f"no parity cases for {name} with parameters {params}")


def _answer(ask, *args) -> list[dict] | str:
    """A question's rows, or the message refusing it: both backends must agree on either."""
    try:
        return ask(*args).rows
    except UnknownActorError as e:
        return str(e)


def test_every_canned_question_gives_the_same_answer_on_both_backends(neo4j_env, neo4j_driver, tmp_path):
    _load(neo4j_env, EXAMPLES)
    graph = tmp_path / "g.json"
    _load({"GRAPHBUILD_GRAPH": str(graph)}, EXAMPLES)
    G = to_networkx(read_graph(graph))
    asked = set()
    for name, params in _parity_cases(G):
        embedded = _answer(ask_networkx, G, name, params)
        assert _answer(run_neo4j, neo4j_driver, name, params) == embedded, (name, params)
        asked.add(name)
    assert asked == set(NETWORKX)


def test_a_new_article_repeating_a_link_updates_it(neo4j_driver):
    from graph_fixtures import triple

    first, _ = build_graph(
        [Article("a1", "x", date="2024-01-01")], [triple("Cisco", "SUES", "Apple", article="a1", date="2024-01-01")]
    )
    write_neo4j(neo4j_driver, first)
    again, _ = build_graph(
        [Article("a2", "y", date="2024-03-01")],
        [
            triple("Cisco", "SUES", "Apple", article="a2", date="2024-03-01"),
            triple("Cisco", "SUES", "Apple", article="a1", date="2024-01-01"),
        ],  # already there
    )
    summary = write_neo4j(neo4j_driver, again)
    assert (summary.links_created, summary.evidence_added, summary.articles_added) == (0, 1, 1)
    [row] = neo4j_driver.execute_query(
        "MATCH (:Actor {name: 'Cisco'})-[r:SUES]->(:Actor {name: 'Apple'}) "
        "RETURN r.count AS count, r.first_seen AS first, r.last_seen AS last, r.evidence_article AS articles"
    ).records
    assert (row["count"], row["first"], row["last"]) == (2, "2024-01-01", "2024-03-01")
    assert sorted(row["articles"]) == ["a1", "a2"]


def test_articles_loaded_whole_are_skipped_and_the_rest_rewritten(neo4j_driver):
    from graph_fixtures import triple

    articles = [Article("a1", "x"), Article("a2", "y")]
    triples = [triple("Cisco", "SUES", "Apple", article="a1"), triple("Apple", "SUES", "Cisco", article="a2")]
    kg, _ = build_graph(articles, triples)
    assert write_neo4j(neo4j_driver, kg).articles_unchanged == 0
    again = write_neo4j(neo4j_driver, kg)
    assert (again.articles_unchanged, again.wrote) == (2, False)

    # a load that died after a2's links but before its mentions and its load key
    neo4j_driver.execute_query("MATCH (a:Article {id: 'a2'})-[m:MENTIONS]->() DELETE m REMOVE a.load_key")
    resumed = write_neo4j(neo4j_driver, kg)
    assert (resumed.articles_unchanged, resumed.links_created, resumed.evidence_added) == (1, 0, 0)
    [row] = neo4j_driver.execute_query(
        "MATCH (:Actor {name: 'Apple'})-[r:SUES]->(:Actor {name: 'Cisco'}) "
        "RETURN r.count AS count, COUNT { ()-[:MENTIONS]->() } AS mentions"
    ).records
    assert (row["count"], row["mentions"]) == (1, 4)

    # a1 read differently (a new link): its key changes, it is taken back and written again
    changed, _ = build_graph(articles, [*triples, triple("Cisco", "SUPPORTS", "Meta", article="a1")])
    third = write_neo4j(neo4j_driver, changed)
    assert (third.articles_unchanged, third.taken.articles, third.taken.links) == (1, 1, 1)  # a1's suit
    assert (third.links_created, third.actors_created) == (2, 1)  # its suit again, and SUPPORTS Meta


def test_relation_types_outside_the_vocabulary_are_refused_before_writing(neo4j_driver):
    kg = KnowledgeGraph()
    kg.edges["x"] = Edge("x", "s", "t", "SUES]->() DETACH DELETE n //", "conflict", False, -1.0, 1.0, 0, None, None)
    with pytest.raises(VocabularyError):
        write_neo4j(neo4j_driver, kg)
    assert database_counts(neo4j_driver)["links"] == 0


def test_hostile_query_values_are_data(neo4j_env, neo4j_driver):
    _load(neo4j_env, EXAMPLES)
    before = database_counts(neo4j_driver)
    result = CliRunner().invoke(
        cli, ["query", "allies-of", "-p", "actor=Meta'}) DETACH DELETE n //", "--json"], env=neo4j_env
    )
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith('Error: no actor named "Meta\'}) DETACH DELETE n //"')
    assert database_counts(neo4j_driver) == before


HOSTILE = "Apple'}) DETACH DELETE n //"


@pytest.mark.model
def test_hostile_articles_and_aliases_are_stored_as_data(neo4j_env, neo4j_driver, tmp_path):
    _load(neo4j_env, EXAMPLES)
    before = database_counts(neo4j_driver)
    articles = tmp_path / "hostile.jsonl"
    record = {
        "id": "x'}) MATCH (n) DETACH DELETE n //",
        "title": '"; MATCH (n) DETACH DELETE n; //',
        "source": "`) CALL db.clearQueryCaches() //",
        "text": "Cisco sued Apple over the name. $(row.relation) criticized Cisco.",
    }
    articles.write_text(json.dumps(record) + "\n", encoding="utf-8")
    aliases = tmp_path / "aliases.csv"
    aliases.write_text(f'alias,canonical\nApple,"{HOSTILE}"\n', encoding="utf-8")
    loaded = _load(neo4j_env, str(articles), "--aliases", str(aliases))
    assert loaded["links_created"] > 0
    after = database_counts(neo4j_driver)
    assert after["articles"] == before["articles"] + 1 and after["actors"] >= before["actors"] + 1
    [stored] = neo4j_driver.execute_query(
        "MATCH (a:Article {id: $id}) RETURN a.title AS title, a.source AS source", id=record["id"]
    ).records
    assert (stored["title"], stored["source"]) == (record["title"], record["source"])
    [link] = neo4j_driver.execute_query(
        "MATCH (:Actor {name: 'Cisco'})-[r:SUES]->(n:Actor {name: $name}) RETURN r.evidence_sentence AS s",
        name=HOSTILE,
    ).records
    assert link["s"] == ["Cisco sued Apple over the name."]
    answer = CliRunner().invoke(cli, ["query", "rivals-of", "-p", f"actor={HOSTILE}", "--json"], env=neo4j_env)
    assert answer.exit_code == 0 and json.loads(answer.stdout.splitlines()[0])["rival"] == "Cisco"


def test_constraints_exist_after_a_load(neo4j_env, neo4j_driver):
    _load(neo4j_env, EXAMPLES)
    records, _, _ = neo4j_driver.execute_query("SHOW CONSTRAINTS YIELD name")
    names = {r["name"] for r in records}
    assert {"actor_id", "article_id"} <= names


def test_connection_errors_are_one_line_and_never_show_the_password(neo4j_env):
    runner = CliRunner()
    secret = "s3cret-Pa55word"
    cases = {
        "refused user": dict(neo4j_env, NEO4J_PASSWORD=secret),
        "Can't reach Neo4j": dict(neo4j_env, NEO4J_URI="bolt://127.0.0.1:1", NEO4J_PASSWORD=secret),
        "has no database 'nosuchdb'": dict(neo4j_env, NEO4J_DATABASE="nosuchdb"),
    }
    for expected, env in cases.items():
        result = runner.invoke(cli, ["query", "alliances"], env=env)
        assert result.exit_code == 1, expected
        assert expected in result.stderr
        assert result.stderr.count("\n") == 1
        assert secret not in result.output
    missing = runner.invoke(cli, ["query", "alliances"], env=dict(neo4j_env, NEO4J_PASSWORD=""))
    assert missing.exit_code == 1 and "set NEO4J_PASSWORD" in missing.stderr


def test_servers_without_dynamic_types_get_one_statement_per_type(neo4j_driver, monkeypatch, tmp_path):
    import graphbuild.backends.neo4j.writer as backend

    graph = tmp_path / "g.json"
    _load({"GRAPHBUILD_GRAPH": str(graph)}, EXAMPLES)
    kg = read_graph(graph)
    real = backend._links_cypher
    # a server before 5.26 rejects "$(row.relation)" as a syntax error: so does this one here
    monkeypatch.setattr(backend, "_links_cypher", lambda relation: "RETURN $(" if relation is None else real(relation))
    first = write_neo4j(neo4j_driver, kg)
    assert first.links_created == len(kg.edges)
    again = write_neo4j(neo4j_driver, kg)
    assert (again.links_created, again.properties_set) == (0, 0)
    records, _, _ = neo4j_driver.execute_query("MATCH (:Actor)-[r]->(:Actor) RETURN count(r) AS n")
    assert records[0]["n"] == len(kg.edges)


def test_a_later_type_does_not_add_a_second_label(neo4j_driver):
    from dataclasses import replace

    from graphbuild.types import Node

    kg = KnowledgeGraph()
    kg.nodes["n1"] = Node("n1", "Spotify", "organization", ())
    write_neo4j(neo4j_driver, kg)
    for other in ("person", "unknown"):
        kg.nodes["n1"] = replace(kg.nodes["n1"], type=other)
        write_neo4j(neo4j_driver, kg)
    [row] = neo4j_driver.execute_query("MATCH (n:Actor {id: 'n1'}) RETURN n.type AS type, labels(n) AS labels").records
    assert row["type"] == "organization" and sorted(row["labels"]) == ["Actor", "Organization"]
    # a more precise type replaces the one known, label and all, as in the embedded graph
    kg.nodes["n1"] = replace(kg.nodes["n1"], type="company")
    write_neo4j(neo4j_driver, kg)
    [row] = neo4j_driver.execute_query("MATCH (n:Actor {id: 'n1'}) RETURN n.type AS type, labels(n) AS labels").records
    assert row["type"] == "company" and sorted(row["labels"]) == ["Actor", "Company"]


def test_stats_actors_export_and_render_read_the_same_on_both_backends(neo4j_env, neo4j_driver, tmp_path):
    graph = tmp_path / "g.json"
    embedded = {"GRAPHBUILD_GRAPH": str(graph), "GRAPHBUILD_BACKEND": "embedded"}
    _load(neo4j_env, EXAMPLES)
    _load(embedded, EXAMPLES)
    runner = CliRunner()

    def both(*args: str) -> tuple[str, str]:
        out = []
        for env in (embedded, neo4j_env):
            result = runner.invoke(cli, list(args), env=env)
            assert result.exit_code == 0, result.output
            out.append(result.stdout)
        return out[0], out[1]

    for command in (["stats"], ["stats", "--json"], ["actors"], ["actors", "--json", "--search", "north"]):
        a, b = both(*command)
        assert a == b and a.strip(), command
    for fmt in ("json", "graphml", "gexf"):
        a, b = both("export", "--format", fmt)
        assert a == b, fmt
    assert json.loads(both("stats", "--json")[0])["actors"] == len(read_graph(graph).nodes)
    pages = []
    for env, name in ((embedded, "e.html"), (neo4j_env, "n.html")):
        result = runner.invoke(
            cli, ["render", "-o", str(tmp_path / name), "-Q", "rivals-of", "-p", "actor=Vantage Mobile"], env=env
        )
        assert result.exit_code == 0, result.output
        pages.append((tmp_path / name).read_text(encoding="utf-8"))
    assert pages[0] == pages[1] and "Orbital Networks" in pages[0]


def test_server_notifications_never_reach_the_user(neo4j_settings, caplog):
    from neo4j import GraphDatabase

    query = "MATCH (n:NoSuchLabelInGraphbuild) RETURN n.no_such_property AS x"
    caplog.set_level("DEBUG", logger="neo4j")
    # the control: a driver as it comes logs the server's warning about the unknown label
    with GraphDatabase.driver(neo4j_settings.uri, auth=(neo4j_settings.user, neo4j_settings.password)) as plain:
        plain.execute_query(query, database_=neo4j_settings.database)
    assert "Received notification" in caplog.text
    caplog.clear()
    with connect(neo4j_settings) as driver:
        driver.execute_query(query, database_=neo4j_settings.database)
    assert "Received notification" not in caplog.text


def test_the_driver_encodes_with_its_rust_extension():
    # without it the driver falls back to its pure-Python encoder, silently and 2.5 times slower
    import importlib.util
    from importlib.metadata import version

    import neo4j

    assert importlib.util.find_spec("neo4j._rust") is not None, "pip install neo4j-rust-ext (scripts/setup does)"
    assert version("neo4j-rust-ext").startswith(neo4j.__version__)


def test_a_debug_log_of_a_load_shows_each_batch_by_its_size_not_its_sentences(neo4j_driver, caplog):
    # the driver formats a statement's parameters for its debug message before it asks whether
    # debug logging is on: a batch as megabytes of sentences would cost every load that time
    from graph_fixtures import build, world_triples

    kg = build(world_triples())
    caplog.set_level("DEBUG", logger="neo4j")
    write_neo4j(neo4j_driver, kg)
    assert f"<{len(kg.edges)} rows>" in caplog.text
    assert not [e.sentence for edge in kg.edges.values() for e in edge.evidence if e.sentence in caplog.text]


def test_a_database_written_before_denied_types_is_brought_up_to_date(neo4j_driver):
    from graphbuild.backends.neo4j.schema import SCHEMA_VERSION, ensure_schema

    # what an older graphbuild wrote: a denied suit typed SUES, no relation property, no version
    neo4j_driver.execute_query(
        "CREATE (a:Actor {id: 'a', name: 'A'})-[:SUES {id: 'e1', negated: true}]->(b:Actor {id: 'b', name: 'B'}),"
        " (a)-[:SUPPORTS {id: 'e2', negated: false}]->(b)"
    )
    neo4j_driver.execute_query("MATCH (s:GraphbuildSchema) DELETE s")
    ensure_schema(neo4j_driver)
    ensure_schema(neo4j_driver)  # a second time changes nothing
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (:Actor)-[r]->(:Actor) RETURN r.id AS id, type(r) AS type, r.relation AS relation ORDER BY id"
    )
    assert [(r["id"], r["type"], r["relation"]) for r in records] == [
        ("e1", "NOT_SUES", "SUES"),
        ("e2", "SUPPORTS", "SUPPORTS"),
    ]
    version, _, _ = neo4j_driver.execute_query("MATCH (s:GraphbuildSchema) RETURN s.version AS v")
    assert [r["v"] for r in version] == [SCHEMA_VERSION]


def test_a_new_database_is_stamped_with_the_version_without_migrating(neo4j_driver):
    from graphbuild.backends.neo4j.schema import SCHEMA_VERSION, ensure_schema

    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n")
    statements: list[str] = []
    real = neo4j_driver.execute_query

    def recorded(query, *args, **kwargs):
        statements.append(query)
        return real(query, *args, **kwargs)

    neo4j_driver.execute_query = recorded
    try:
        ensure_schema(neo4j_driver)
    finally:
        del neo4j_driver.execute_query
    assert not [s for s in statements if "-[" in s], statements  # no link was read to migrate it
    version, _, _ = neo4j_driver.execute_query("MATCH (s:GraphbuildSchema) RETURN s.version AS v")
    assert [r["v"] for r in version] == [SCHEMA_VERSION]


def test_every_question_answers_alike_on_the_edge_case_graph(neo4j_driver):
    """Self-loops, undated and denied links, aliases and hard names, written to both backends."""
    from graph_fixtures import edge_cases

    kg = edge_cases()
    write_neo4j(neo4j_driver, kg)
    for article, key in article_load_keys(kg).items():  # what a graph built without keys is written under
        kg.articles[article][LOAD_KEY] = key
    assert read_neo4j(neo4j_driver) == kg
    G = to_networkx(kg)
    spellings = sorted({x for n in kg.nodes.values() for name in (n.name, *n.aliases) for x in (name, name.upper())})
    spellings.append("STRASSE AG")  # folds to Straße AG, but is not its lower case: no match on either
    asked = set()
    for name, query in sorted({n: get_query(n) for n in NETWORKX}.items()):
        params = [p.name for p in query.params if p.required]
        cases: list[dict[str, str]] = [{}, {"limit": "2"}] if not params else []
        if params == ["actor"]:
            cases = [{"actor": s} for s in spellings]
        elif params == ["actor_a", "actor_b"]:
            cases = [{"actor_a": a, "actor_b": b} for a in spellings for b in spellings if a < b]
        for params_ in cases:
            embedded = _answer(ask_networkx, G, name, params_)
            assert _answer(run_neo4j, neo4j_driver, name, params_) == embedded, (name, params_)
            asked.add(name)
    assert asked == set(NETWORKX)
