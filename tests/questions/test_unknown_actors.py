"""Questions about an actor the graph does not hold: refused with the closest names, on the
embedded graph (the Neo4j side is in tests/backends/test_actor_names.py)."""

from __future__ import annotations

import pytest
from graph_fixtures import build, triple, world

from graphbuild.errors import QueryError, UnknownActorError
from graphbuild.graph import to_networkx
from graphbuild.questions import get_query
from graphbuild.questions.actors import check_actors, closest_names, unknown_actor
from graphbuild.questions.networkx import ask_networkx

APPLE = [("Apple", ("Apple Inc.",)), ("Cisco", ()), ("Applied Materials", ())]


def test_a_typo_names_the_closest_actor() -> None:
    with pytest.raises(UnknownActorError) as info:
        check_actors(get_query("rivals-of"), {"actor": "Appel"}, APPLE)
    assert str(info.value) == "no actor named 'Appel'; did you mean Apple?"
    assert (info.value.name, info.value.suggestions) == ("Appel", ("Apple",))
    assert isinstance(info.value, QueryError)  # the CLI's one error path: exit code 1


def test_several_close_names_best_first_and_aliases_say_whose() -> None:
    actors = [("Apple", ("Apple Computer Co",)), ("Apple Music", ()), ("Snapple", ())]
    assert str(unknown_actor("apple computers", actors)) == (
        "no actor named 'apple computers'; did you mean Apple Computer Co (an alias of Apple)?"
    )
    assert closest_names("Appel", actors) == ["Apple", "Apple Music"]  # Snapple is further off
    several = [("Northwind Energy", ()), ("Northwind", ()), ("Northern Front", ()), ("Nordic", ())]
    assert closest_names("Nordwind", several) == ["Northwind", "Northwind Energy"]
    assert str(unknown_actor("Nordwind", several)).endswith("did you mean Northwind or Northwind Energy?")


def test_a_word_of_a_longer_name_is_close() -> None:
    actors = [("Helix Robotics", ()), ("Maria Okafor", ()), ("Coastal Union", ())]
    assert closest_names("Helx", actors) == ["Helix Robotics"]
    assert closest_names("okafor", actors) == ["Maria Okafor"]


def test_nothing_close_says_how_to_list_the_actors() -> None:
    assert str(unknown_actor("Zyx Holdings", APPLE)) == (
        "no actor named 'Zyx Holdings', nor one close to it; list the actors with: graphbuild actors --search Holdings"
    )
    assert str(unknown_actor("Qq Rr", APPLE)).endswith("graphbuild actors --search Qq")
    assert str(unknown_actor("Apple", [])) == (
        "no actor named 'Apple': the graph holds no actors yet. Load articles first: graphbuild load ARTICLES"
    )


def test_names_and_aliases_match_ignoring_case_as_the_questions_do() -> None:
    for name in ("apple", "APPLE INC.", "Apple Inc."):
        check_actors(get_query("allies-of"), {"actor": name}, APPLE)
    check_actors(get_query("alliances"), {"limit": 3}, [])  # no actor parameter: nothing to check
    # lower(), not casefold(): as toLower in Cypher, STRASSE is not Straße
    with pytest.raises(UnknownActorError, match="did you mean Straße AG"):
        check_actors(get_query("allies-of"), {"actor": "STRASSE AG"}, [("Straße AG", ())])


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("allies-of", {"actor": "Acme Crop"}),
        ("rivals-of", {"actor": "acme crop"}),
        ("evidence", {"actor_a": "Acme Crop", "actor_b": "Dynamo"}),
        ("timeline", {"actor_a": "Dynamo", "actor_b": "Acme Crop"}),
    ],
)
def test_every_question_about_a_missing_actor_is_refused(name: str, params: dict) -> None:
    with pytest.raises(UnknownActorError) as info:
        ask_networkx(to_networkx(world()), name, params)
    assert str(info.value).startswith(f"no actor named {params.get('actor', 'Acme Crop')!r}; did you mean Acme")


def test_the_first_missing_actor_is_named() -> None:
    G = to_networkx(build([triple("Cisco", "SUES", "Apple")]))
    with pytest.raises(UnknownActorError, match="no actor named 'Ciscoo'"):
        ask_networkx(G, "evidence", {"actor_a": "Ciscoo", "actor_b": "Appel"})
    with pytest.raises(UnknownActorError, match="no actor named 'Appel'; did you mean Apple"):
        ask_networkx(G, "evidence", {"actor_a": "Cisco", "actor_b": "Appel"})
