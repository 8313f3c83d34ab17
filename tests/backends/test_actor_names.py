"""Actors by any of their names, on both backends: the listing, questions by every alias,
questions and pictures about an actor the graph lacks, and likely duplicates.

Each test runs on the embedded file and on the test Neo4j server, through the command."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from graph_fixtures import articles, build, dated

from graphbuild.backends.embedded import write_graph
from graphbuild.backends.neo4j.reader import run_neo4j
from graphbuild.backends.neo4j.writer import write_neo4j
from graphbuild.cli import cli
from graphbuild.graph import KnowledgeGraph, to_networkx
from graphbuild.questions.networkx import ask_networkx


def aliased() -> KnowledgeGraph:
    """Apple written three ways, Helix Robotics two; an acronym, a surname, a business's short name."""
    return build(
        [
            dated("Apple", "SUES", "Cisco", article="a1", subject_text="Apple Inc."),
            dated("Apple", "SIGNS_DEAL_WITH", "Helix Robotics", article="a2", subject_text="AAPL", object_text="Helix"),
            dated("Samsung", "COMPETES_WITH", "Apple", article="a3", object_text="Apple Computer"),
            dated("Cisco", "CRITICIZES", "Apple", article="a4", sentence_start=40),
            dated("Helix Robotics", "SUPPORTS", "Apple", article="a5"),
            dated("European Union", "FINES", "Apple", article="a4", sentence_start=80),
            dated("EU", "INVESTIGATES", "Samsung", article="a6"),
            dated("Tim Cook", "MEETS", "Ola Brandt", article="a5", sentence_start=50, subject_type="person"),
            dated("Cook", "CRITICIZES", "Samsung", article="a6", sentence_start=60, subject_type="person"),
            dated("Cisco", "SUES", "Helix Robotics", article="a6", sentence_start=90, object_text="Helix"),
            dated("Kestrel", "OPPOSES", "Samsung", article="a3", sentence_start=90),
            dated("Kestrel Motors", "SUES", "Cisco", article="a2", sentence_start=70, subject_type="company"),
        ],
        articles(),
    )


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def env(request, tmp_path) -> dict[str, str]:
    """The command's environment for a backend holding ``aliased()``."""
    if request.param == "embedded":
        path = tmp_path / "g.json"
        write_graph(aliased(), path)
        return {"GRAPHBUILD_BACKEND": "embedded", "GRAPHBUILD_GRAPH": str(path)}
    write_neo4j(request.getfixturevalue("neo4j_driver"), aliased())
    return request.getfixturevalue("neo4j_env")


def run(env: dict[str, str], *args: str):
    return CliRunner().invoke(cli, list(args), env=env)


def rows(env: dict[str, str], *args: str) -> list[dict]:
    result = run(env, *args, "--json")
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_actors_lists_type_aliases_links_and_mentions(env) -> None:
    result = run(env, "actors")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "name            type          aliases                           links  mentions",
        "--------------  ------------  --------------------------------  -----  --------",
        "Apple           organization  AAPL, Apple Computer, Apple Inc.      6         6",
        "Cisco           organization                                        4         4",
        "Samsung         organization                                        4         4",
        "Helix Robotics  organization  Helix                                 3         3",
        "Cook            person                                              1         1",
        "EU              organization                                        1         1",
        "European Union  organization                                        1         1",
        "Kestrel         organization                                        1         1",
        "Kestrel Motors  company                                             1         1",
        "Ola Brandt      organization                                        1         1",
        "Tim Cook        person                                              1         1",
    ]
    assert rows(env, "actors", "--search", "computer", "--type", "Organization") == [
        {
            "name": "Apple",
            "type": "organization",
            "aliases": ["AAPL", "Apple Computer", "Apple Inc."],
            "alias_articles": {"AAPL": ["a2"], "Apple Computer": ["a3"], "Apple Inc.": ["a1"]},
            "links": 6,
            "mentions": 6,
        }
    ]
    wrong = run(env, "actors", "--type", "people")
    assert wrong.exit_code == 1 and "No actor type 'people'. The types are: company, event" in wrong.stderr


@pytest.mark.parametrize("question", ["rivals-of", "allies-of"])
def test_every_name_of_an_actor_gets_the_same_rows(env, question: str) -> None:
    for name, spellings in {
        "Apple": ["Apple Inc.", "AAPL", "Apple Computer", "apple", "APPLE INC.", "aapl", "aPPLE cOMPUTER"],
        "Helix Robotics": ["Helix", "HELIX", "helix robotics"],
    }.items():
        expected = rows(env, "query", question, "-p", f"actor={name}")
        assert expected, (question, name)
        for spelling in spellings:
            assert rows(env, "query", question, "-p", f"actor={spelling}") == expected, (question, spelling)


@pytest.mark.neo4j
def test_every_name_gets_the_same_rows_on_both_backends(neo4j_driver) -> None:
    kg = aliased()
    write_neo4j(neo4j_driver, kg)
    G = to_networkx(kg)
    for node in kg.nodes.values():
        for spelling in {node.name, *node.aliases, node.name.upper(), *(a.lower() for a in node.aliases)}:
            for question in ("rivals-of", "allies-of"):
                params = {"actor": spelling}
                embedded = ask_networkx(G, question, params).rows
                assert run_neo4j(neo4j_driver, question, params).rows == embedded, (question, spelling)
                assert embedded == ask_networkx(G, question, {"actor": node.name}).rows, (question, spelling)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["query", "rivals-of", "-p", "actor=Appel"], "no actor named 'Appel'; did you mean Apple?"),
        (
            ["query", "allies-of", "-p", "actor=helix robotic"],
            "no actor named 'helix robotic'; did you mean Helix Robotics?",
        ),
        (
            ["query", "evidence", "-p", "actor_a=Cisco", "-p", "actor_b=Apple Computers"],
            "no actor named 'Apple Computers'; did you mean Apple Computer (an alias of Apple)?",
        ),
        (
            ["query", "timeline", "-p", "actor_a=Zorblatt", "-p", "actor_b=Apple"],
            "no actor named 'Zorblatt', nor one close to it; list the actors with: graphbuild actors --search Zorblatt",
        ),
    ],
)
def test_a_question_about_an_unknown_actor_fails_with_the_closest_names(env, args, message) -> None:
    result = run(env, *args)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", f"Error: {message}\n")


def test_a_picture_of_an_unknown_actor_is_not_drawn(env, tmp_path) -> None:
    page = tmp_path / "page.html"
    result = run(env, "render", "-o", str(page), "-Q", "rivals-of", "-p", "actor=Samsnug")
    assert result.exit_code == 1 and result.stderr == "Error: no actor named 'Samsnug'; did you mean Samsung?\n"
    assert not page.exists()
    drawn = run(env, "render", "-o", str(page), "-Q", "rivals-of", "-p", "actor=aapl")
    assert drawn.exit_code == 0 and "Samsung" in page.read_text(encoding="utf-8")


def test_duplicates_name_each_pair_why_and_the_alias_row(env) -> None:
    result = run(env, "actors", "--duplicates")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "alias    canonical       reason                                                           row",
        "-------  --------------  ---------------------------------------------------------------  ----------------------",
        "EU       European Union  EU is the acronym of European Union                              EU,European Union",
        "Kestrel  Kestrel Motors  Kestrel is written inside Kestrel Motors                         Kestrel,Kestrel Motors",
        "Cook     Tim Cook        Cook is written inside Tim Cook; both persons are surnamed Cook  Cook,Tim Cook",
    ]
    assert "Write the rows you agree with to your alias file" in result.stderr
    assert rows(env, "actors", "--duplicates", "--search", "union") == [
        {
            "alias": "EU",
            "canonical": "European Union",
            "reason": "EU is the acronym of European Union",
            "row": "EU,European Union",
        }
    ]
    none = run(env, "actors", "--duplicates", "--search", "Samsung")
    assert (none.exit_code, none.stdout, none.stderr) == (
        0,
        "",
        "No likely duplicates among actors matching 'Samsung'.\n",
    )
