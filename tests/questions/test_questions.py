"""Tests for graphbuild.questions: the .cypher headers, parameter binding, and the NetworkX answer
to every canned question on a small hand-built graph.

The expected rows below are worked out by hand from each question's Cypher (see the comment
above each test), not copied from the functions' output.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest
from graph_fixtures import build, triple, world

from graphbuild.errors import QueryError, UnknownActorError
from graphbuild.graph import to_networkx
from graphbuild.questions import get_query, list_queries, parse_query, queries_dir
from graphbuild.questions.networkx import NETWORKX, ask_networkx

QUERIES = Path(__file__).resolve().parents[2] / "queries"
CYPHER_FILES = sorted(QUERIES.glob("*.cypher"))
ANSWER_COLUMNS = ("relations", "mentions", "first_seen", "last_seen")


@pytest.fixture(scope="module")
def G():
    return to_networkx(world())


def ask(G, name: str, **params: str) -> list[dict]:
    answer = ask_networkx(G, name, params)
    for row in answer.rows:
        assert tuple(row) == answer.query.columns
    return answer.rows


def pairs(columns: str, *rows: tuple) -> list[dict]:
    names = columns.split()
    return [dict(zip(names, row, strict=True)) for row in rows]


# the .cypher files


def test_the_checkout_has_the_query_files() -> None:
    assert len(CYPHER_FILES) >= 7
    assert queries_dir().resolve() == QUERIES


@pytest.mark.parametrize("path", CYPHER_FILES, ids=lambda p: p.stem)
def test_cypher_header_is_complete_and_named_after_the_file(path: Path) -> None:
    query = parse_query(path)
    assert query.name == path.stem
    assert query.description.strip()
    assert query.columns and all(re.fullmatch(r"[a-z_]+", c) for c in query.columns)
    assert len(set(query.columns)) == len(query.columns)
    assert query.cypher == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", CYPHER_FILES, ids=lambda p: p.stem)
def test_cypher_returns_the_header_columns_in_order(path: Path) -> None:
    query = parse_query(path)
    body = "\n".join(line for line in query.cypher.splitlines() if not line.lstrip().startswith("//"))
    returned = body.rsplit("RETURN", 1)[1]
    returned = re.split(r"\bORDER BY\b|\bLIMIT\b", returned)[0]
    names = [item.split(" AS ")[-1].strip() for item in returned.split(",")]
    assert tuple(names) == query.columns


@pytest.mark.parametrize("path", CYPHER_FILES, ids=lambda p: p.stem)
def test_cypher_uses_exactly_the_header_params(path: Path) -> None:
    query = parse_query(path)
    body = "\n".join(line for line in query.cypher.splitlines() if not line.lstrip().startswith("//"))
    assert set(re.findall(r"\$(\w+)", body)) == {p.name for p in query.params}


def test_query_names_are_unique() -> None:
    names = [parse_query(p).name for p in CYPHER_FILES]
    assert len(names) == len(set(names))
    assert sorted(list_queries()) == sorted(names)


def test_every_query_has_a_networkx_function_and_back() -> None:
    assert set(NETWORKX) == set(list_queries())


@pytest.mark.parametrize("name", sorted(NETWORKX))
def test_networkx_function_takes_the_graph_and_the_query_params(name: str) -> None:
    signature = list(inspect.signature(NETWORKX[name]).parameters)
    # the limit is applied once, to every question alike, after the rows are ordered
    assert signature == ["G", *(p.name for p in get_query(name).params if p.name != "limit")]


def test_parse_query_rejects_a_malformed_param(tmp_path: Path) -> None:
    path = tmp_path / "bad.cypher"
    path.write_text("// name: bad\n// description: d\n// param: limit number 5\n// columns: a\nRETURN 1 AS a\n")
    with pytest.raises(QueryError, match=r"malformed param line 'limit number 5'; write 'NAME string\|int"):
        parse_query(path)


def test_parse_query_rejects_a_header_without_columns(tmp_path: Path) -> None:
    path = tmp_path / "bad.cypher"
    path.write_text("// name: bad\n// description: d\nRETURN 1 AS a\n")
    with pytest.raises(QueryError, match="header lacks columns"):
        parse_query(path)


# binding parameters


def test_bind_fills_defaults_and_converts_ints() -> None:
    assert get_query("alliances").bind({}) == {"limit": 25}
    assert get_query("alliances").bind({"limit": "3"}) == {"limit": 3}
    assert get_query("allies-of").bind({"actor": "Acme"}) == {"actor": "Acme", "limit": 25}
    assert get_query("evidence").bind({"actor_a": "A", "actor_b": "B"}) == {"actor_a": "A", "actor_b": "B"}


def test_bind_rejects_a_non_number() -> None:
    with pytest.raises(QueryError, match="Parameter 'limit' takes a whole number, got 'ten'"):
        get_query("disputes").bind({"limit": "ten"})


def test_bind_rejects_a_negative_limit() -> None:
    # Neo4j refuses LIMIT -1; the NetworkX side must not quietly drop the last row instead.
    with pytest.raises(QueryError, match="Parameter 'limit' takes a whole number of 0 or more, got '-1'"):
        get_query("alliances").bind({"limit": "-1"})


def test_bind_says_which_required_param_is_missing() -> None:
    with pytest.raises(QueryError) as info:
        get_query("evidence").bind({"actor_a": "Acme"})
    assert str(info.value) == "Query 'evidence' needs --param actor_b=... (the other actor's name or alias)."


def test_bind_names_an_unknown_param_and_the_known_ones() -> None:
    with pytest.raises(QueryError) as info:
        get_query("allies-of").bind({"actor": "Acme", "colour": "red"})
    assert str(info.value) == "Query 'allies-of' has no parameter 'colour'; it takes: actor, limit."


def test_unknown_question_lists_the_known_ones(G) -> None:
    with pytest.raises(QueryError, match=r"No canned question 'friends'\. Known: .*alliances"):
        ask_networkx(G, "friends")


# the answers
#
# The graph (tests/graph_fixtures.py, world_triples), as edges with their evidence:
#   Acme SIGNS_DEAL_WITH Borealis   a1 2024-01-10, a2 2024-03-05
#   Borealis ALLIES_WITH Acme       a3 (undated)
#   Acme SUPPORTS Cobalt            a1 2024-01-10
#   Dynamo AIDS Cobalt              a3
#   Flux INVESTS_IN Ember           a4 2024-02-01
#   Cobalt SIGNS_DEAL_WITH Ember    a5, negated
#   Acme COMMENTS_ON Dynamo               a1 (neutral)
#   Cobalt SUES Dynamo              a4 @0, a4 @120 (2024-02-01), a2 @50 (2024-03-05)
#   Cobalt CRITICIZES Dynamo        a5 @80 2024-04-01
#   Dynamo THREATENS Cobalt         a5 @0 2024-04-01
#   Dynamo CRITICIZES Cobalt        a3 @60, a6 @0 (both undated)
#   Ember SANCTIONS Dynamo          a4 2024-02-01
#   Acme ACCUSES Dynamo             a3, negated
#   Acme COMPETES_WITH Ember        a1 2024-01-10
#   Borealis OPPOSES Ember          a6
#   Flux CRITICIZES Flux            a4 (a self-loop)
# Acme is also written "Acme Corp", Dynamo "Dynamo Holdings".


def test_alliances(G) -> None:
    # Unordered pairs (names sorted), non-negated cooperation only, summed over both directions.
    expected = pairs(
        "actor_a actor_b relations mentions first_seen last_seen",
        ("Acme", "Borealis", ["ALLIES_WITH", "SIGNS_DEAL_WITH"], 3, "2024-01-10", "2024-03-05"),
        ("Acme", "Cobalt", ["SUPPORTS"], 1, "2024-01-10", "2024-01-10"),
        ("Cobalt", "Dynamo", ["AIDS"], 1, None, None),
        ("Ember", "Flux", ["INVESTS_IN"], 1, "2024-02-01", "2024-02-01"),
    )
    assert ask(G, "alliances") == expected
    assert ask(G, "alliances", limit="2") == expected[:2]
    assert ask(G, "alliances", limit="0") == []


def test_disputes(G) -> None:
    # Directed; the negated accusation, the neutral meeting and the self-loop are left out.
    expected = pairs(
        "actor target relations mentions first_seen last_seen",
        ("Cobalt", "Dynamo", ["CRITICIZES", "SUES"], 4, "2024-02-01", "2024-04-01"),
        ("Dynamo", "Cobalt", ["CRITICIZES", "THREATENS"], 3, "2024-04-01", "2024-04-01"),
        ("Acme", "Ember", ["COMPETES_WITH"], 1, "2024-01-10", "2024-01-10"),
        ("Borealis", "Ember", ["OPPOSES"], 1, None, None),
        ("Ember", "Dynamo", ["SANCTIONS"], 1, "2024-02-01", "2024-02-01"),
    )
    assert ask(G, "disputes") == expected
    assert ask(G, "disputes", limit="1") == expected[:1]


@pytest.mark.parametrize("actor", ["Acme", "acme", "ACME", "Acme Corp", "acme corp"])
def test_allies_of_by_name_or_alias(G, actor: str) -> None:
    assert ask(G, "allies-of", actor=actor) == pairs(
        "ally relations mentions first_seen last_seen",
        ("Borealis", ["ALLIES_WITH", "SIGNS_DEAL_WITH"], 3, "2024-01-10", "2024-03-05"),
        ("Cobalt", ["SUPPORTS"], 1, "2024-01-10", "2024-01-10"),
    )


def test_allies_of_in_either_direction_without_negated_links(G) -> None:
    # Both of Cobalt's allies act on Cobalt; the deal with Ember was not signed.
    assert ask(G, "allies-of", actor="Cobalt") == pairs(
        "ally relations mentions first_seen last_seen",
        ("Acme", ["SUPPORTS"], 1, "2024-01-10", "2024-01-10"),
        ("Dynamo", ["AIDS"], 1, None, None),
    )
    assert ask(G, "allies-of", actor="Cobalt", limit="1") == ask(G, "allies-of", actor="Cobalt")[:1]
    assert [r["ally"] for r in ask(G, "allies-of", actor="Ember")] == ["Flux"]
    with pytest.raises(UnknownActorError, match="no actor named 'Nobody'"):
        ask(G, "allies-of", actor="Nobody")


@pytest.mark.parametrize("actor", ["Dynamo", "dynamo", "Dynamo Holdings", "DYNAMO HOLDINGS"])
def test_rivals_of_by_name_or_alias(G, actor: str) -> None:
    # Cobalt and Dynamo act on each other: both; Ember acts on Dynamo: from; Acme's accusation is negated.
    assert ask(G, "rivals-of", actor=actor) == pairs(
        "rival direction relations mentions first_seen last_seen",
        ("Cobalt", "both", ["CRITICIZES", "SUES", "THREATENS"], 7, "2024-02-01", "2024-04-01"),
        ("Ember", "from", ["SANCTIONS"], 1, "2024-02-01", "2024-02-01"),
    )


def test_rivals_of_direction(G) -> None:
    assert ask(G, "rivals-of", actor="Ember") == pairs(
        "rival direction relations mentions first_seen last_seen",
        ("Acme", "from", ["COMPETES_WITH"], 1, "2024-01-10", "2024-01-10"),
        ("Borealis", "from", ["OPPOSES"], 1, None, None),
        ("Dynamo", "against", ["SANCTIONS"], 1, "2024-02-01", "2024-02-01"),
    )
    assert ask(G, "rivals-of", actor="Acme Corp") == pairs(
        "rival direction relations mentions first_seen last_seen",
        ("Ember", "against", ["COMPETES_WITH"], 1, "2024-01-10", "2024-01-10"),
    )
    assert ask(G, "rivals-of", actor="Flux") == []  # a self-loop is no rivalry


def test_strongest_first_before_names() -> None:
    # The most-mentioned partner has the name that sorts last.
    G = to_networkx(
        build(
            [
                triple("Hub", "ALLIES_WITH", "Zed", article="a1"),
                triple("Zed", "ALLIES_WITH", "Hub", article="a2"),
                triple("Hub", "SUPPORTS", "Alpha", article="a3"),
                triple("Hub", "SUES", "Zulu", article="a4"),
                triple("Hub", "SUES", "Zulu", article="a5"),
                triple("Beta", "SUES", "Hub", article="a6"),
            ]
        )
    )
    assert [(r["actor_a"], r["actor_b"], r["mentions"]) for r in ask(G, "alliances")] == [
        ("Hub", "Zed", 2),
        ("Alpha", "Hub", 1),
    ]
    assert [(r["ally"], r["mentions"]) for r in ask(G, "allies-of", actor="hub")] == [("Zed", 2), ("Alpha", 1)]
    assert [(r["rival"], r["direction"], r["mentions"]) for r in ask(G, "rivals-of", actor="hub")] == [
        ("Zulu", "against", 2),
        ("Beta", "from", 1),
    ]
    assert [(r["actor"], r["target"]) for r in ask(G, "disputes")] == [("Hub", "Zulu"), ("Beta", "Hub")]


def test_common_enemies(G) -> None:
    # Dynamo: Cobalt (SUES 3 + CRITICIZES 1, each edge counted once) and Ember (1); Acme's
    # accusation is negated. Ember: Acme and Borealis. Cobalt has one attacker only.
    expected = pairs(
        "actor_a actor_b enemy mentions_a mentions_b",
        ("Cobalt", "Ember", "Dynamo", 4, 1),
        ("Acme", "Borealis", "Ember", 1, 1),
    )
    assert ask(G, "common-enemies") == expected
    assert ask(G, "common-enemies", limit="1") == expected[:1]


def test_common_enemies_puts_the_smaller_name_first() -> None:
    G = to_networkx(
        build(
            [
                triple("Zeta", "SUES", "Mid"),
                triple("Alpha", "FINES", "Mid", sentence_start=40),
                triple("Alpha", "BANS", "Mid", sentence_start=80),
                triple("Mid", "SUES", "Mid", sentence_start=120),  # the enemy is not its own ally
            ]
        )
    )
    assert ask(G, "common-enemies") == pairs(
        "actor_a actor_b enemy mentions_a mentions_b",
        ("Alpha", "Zeta", "Mid", 2, 1),
    )


EVIDENCE_COBALT_DYNAMO = pairs(
    "date source relation target polarity negated article title sentence",
    ("2024-02-01", "Cobalt", "SUES", "Dynamo", "conflict", False, "a4", "Title a4", "Cobalt sues Dynamo."),
    ("2024-02-01", "Cobalt", "SUES", "Dynamo", "conflict", False, "a4", "Title a4", "Cobalt sues Dynamo."),
    ("2024-03-05", "Cobalt", "SUES", "Dynamo", "conflict", False, "a2", "Title a2", "Cobalt sues Dynamo Holdings."),
    ("2024-04-01", "Dynamo", "THREATENS", "Cobalt", "conflict", False, "a5", "Title a5", "Dynamo threatens Cobalt."),
    ("2024-04-01", "Cobalt", "CRITICIZES", "Dynamo", "conflict", False, "a5", "Title a5", "Cobalt criticizes Dynamo."),
    (None, "Dynamo", "AIDS", "Cobalt", "cooperation", False, "a3", "Title a3", "Dynamo aids Cobalt."),
    (None, "Dynamo", "CRITICIZES", "Cobalt", "conflict", False, "a3", "Title a3", "Dynamo criticizes Cobalt."),
    (None, "Dynamo", "CRITICIZES", "Cobalt", "conflict", False, "a6", "Title a6", "Dynamo criticizes Cobalt."),
)


@pytest.mark.parametrize(("a", "b"), [("Cobalt", "Dynamo"), ("dynamo holdings", "COBALT")])
def test_evidence_both_directions_by_date_then_article_then_position(G, a: str, b: str) -> None:
    # a4 (2024-02-01) before a2 (2024-03-05); in a5 the sentence at 0 before the one at 80;
    # undated last, a3 before a6.
    assert ask(G, "evidence", actor_a=a, actor_b=b) == EVIDENCE_COBALT_DYNAMO


def test_evidence_includes_negated_and_neutral_links(G) -> None:
    assert ask(G, "evidence", actor_a="Acme Corp", actor_b="Dynamo") == pairs(
        "date source relation target polarity negated article title sentence",
        ("2024-01-10", "Acme", "COMMENTS_ON", "Dynamo", "neutral", False, "a1", "Title a1", "Acme comments on Dynamo."),
        (None, "Acme", "ACCUSES", "Dynamo", "conflict", True, "a3", "Title a3", "Acme did not accuses Dynamo."),
    )
    assert ask(G, "evidence", actor_a="Flux", actor_b="Flux") == []
    with pytest.raises(UnknownActorError, match="no actor named 'Nobody'"):
        ask(G, "evidence", actor_a="Acme", actor_b="Nobody")


def test_timeline_counts_by_date_undated_last(G) -> None:
    expected = pairs(
        "date source relation target polarity negated mentions",
        ("2024-02-01", "Cobalt", "SUES", "Dynamo", "conflict", False, 2),
        ("2024-03-05", "Cobalt", "SUES", "Dynamo", "conflict", False, 1),
        ("2024-04-01", "Cobalt", "CRITICIZES", "Dynamo", "conflict", False, 1),
        ("2024-04-01", "Dynamo", "THREATENS", "Cobalt", "conflict", False, 1),
        (None, "Dynamo", "AIDS", "Cobalt", "cooperation", False, 1),
        (None, "Dynamo", "CRITICIZES", "Cobalt", "conflict", False, 2),
    )
    assert ask(G, "timeline", actor_a="Cobalt", actor_b="Dynamo") == expected
    assert ask(G, "timeline", actor_a="DYNAMO", actor_b="cobalt") == expected


def test_timeline_keeps_negated_links_apart(G) -> None:
    assert ask(G, "timeline", actor_a="Dynamo", actor_b="Acme") == pairs(
        "date source relation target polarity negated mentions",
        ("2024-01-10", "Acme", "COMMENTS_ON", "Dynamo", "neutral", False, 1),
        (None, "Acme", "ACCUSES", "Dynamo", "conflict", True, 1),
    )


def test_every_question_on_an_empty_graph_is_empty_or_says_to_load() -> None:
    G = to_networkx(build([]))
    params = {"actor": "X", "actor_a": "X", "actor_b": "Y"}
    for name, query in list_queries().items():
        given = {p.name: params[p.name] for p in query.params if p.required}
        if given:  # every required parameter is an actor: there is none yet
            with pytest.raises(UnknownActorError, match=r"holds no actors yet\. Load articles first"):
                ask_networkx(G, name, given)
            continue
        answer = ask_networkx(G, name, given)
        assert (answer.query, answer.rows, answer.links) == (query, [], frozenset())


@pytest.mark.parametrize(
    ("name", "params", "ends"),
    [
        ("alliances", {}, ("actor_a", "actor_b")),
        ("disputes", {}, ("actor", "target")),
        ("allies-of", {"actor": "Cobalt"}, ("ally",)),
        ("rivals-of", {"actor": "Dynamo"}, ("rival",)),
        ("evidence", {"actor_a": "Cobalt", "actor_b": "Dynamo"}, ("source", "target")),
    ],
)
def test_an_answer_names_the_links_behind_its_rows(G, name: str, params: dict, ends: tuple[str, ...]) -> None:
    answer = ask_networkx(G, name, params)
    assert answer.rows and answer.links
    named = {row[c] for row in answer.rows for c in ends} | set(params.values())
    for key in answer.links:
        source, target, data = next((s, t, d) for s, t, k, d in G.edges(keys=True, data=True) if k == key)
        names = {G.nodes[source]["name"], G.nodes[target]["name"]}
        assert names <= named | {n for n in names if any(n.lower() == v.lower() for v in params.values())}
        if name in {"alliances", "allies-of"}:
            assert data["polarity"] == "cooperation" and not data["negated"]
        if name in {"disputes", "rivals-of"}:
            assert data["polarity"] == "conflict" and not data["negated"]
    if any(p.name == "limit" for p in answer.query.params):  # fewer rows, fewer links
        assert ask_networkx(G, name, {**params, "limit": "1"}).links < answer.links
