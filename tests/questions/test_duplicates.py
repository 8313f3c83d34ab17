"""Likely duplicate actors, worked out by hand on small graphs of named nodes."""

from __future__ import annotations

import pytest

from graphbuild.errors import QueryError
from graphbuild.graph import KnowledgeGraph
from graphbuild.normalize import read_aliases
from graphbuild.questions.duplicates import find_duplicates
from graphbuild.types import Node


def graph(*actors: tuple) -> KnowledgeGraph:
    kg = KnowledgeGraph()
    for i, (name, type_, *aliases) in enumerate(actors):
        kg.nodes[f"n{i}"] = Node(f"n{i}", name, type_, tuple(aliases))
    return kg


def pairs(kg: KnowledgeGraph, **kwargs) -> list[tuple[str, str, str]]:
    return [(r["alias"], r["canonical"], r["reason"]) for r in find_duplicates(kg, **kwargs)]


def test_an_acronym_of_a_name_or_an_alias() -> None:
    kg = graph(
        ("European Union", "organization"),
        ("EU", "organization"),
        ("Organisation of the Petroleum Exporting Countries", "organization"),
        ("Vienna cartel", "organization", "O.P.E.C."),
        ("Apple", "company"),
    )
    assert sorted(pairs(kg)) == [
        ("EU", "European Union", "EU is the acronym of European Union"),
        (
            "Vienna cartel",
            "Organisation of the Petroleum Exporting Countries",
            "O.P.E.C., an alias of Vienna cartel, is the acronym of Organisation of the Petroleum Exporting Countries",
        ),
    ]


def test_a_name_inside_another_at_word_boundaries() -> None:
    kg = graph(
        ("Helix", "organization"),
        ("Helix Robotics", "company"),
        ("Kestrel", "person"),  # mistyped, but Kestrel Motors is a business and its short name
        ("Kestrel Motors", "company"),
        ("Apple", "organization"),
        ("Snapple Group", "organization"),  # not at a word boundary
        ("Marrenland", "government"),
        ("Marrenland Football Association", "organization"),  # a government is not its association
        ("Velmoran", "organization"),
        ("Velmoran Space Agency", "organization"),  # one name inside several: a place's name
        ("Velmoran Greens", "organization"),
        ("US Steel", "company"),
        ("U.S. Steel", "company"),
    )
    assert sorted(pairs(kg)) == [
        ("Helix", "Helix Robotics", "Helix is written inside Helix Robotics"),
        ("Kestrel", "Kestrel Motors", "Kestrel is written inside Kestrel Motors"),
        ("US Steel", "U.S. Steel", "U.S. Steel and US Steel are the same words"),
    ]


def test_persons_of_one_surname() -> None:
    kg = graph(
        ("Tim Cook", "person"),
        ("Tom Cook", "person"),
        ("Brandvik", "organization"),  # a surname alone, whatever its type
        ("Otto Brandvik", "person"),
        ("Cook Islands", "government"),
    )
    assert sorted(pairs(kg)) == [
        ("Brandvik", "Otto Brandvik", "Brandvik is the surname of Otto Brandvik"),
        ("Tom Cook", "Tim Cook", "both persons are surnamed Cook"),  # alike: the first in order is kept
    ]


def test_one_row_per_pair_with_every_reason() -> None:
    kg = graph(("Cook", "person"), ("Tim Cook", "person"))
    assert pairs(kg) == [("Cook", "Tim Cook", "Cook is written inside Tim Cook; both persons are surnamed Cook")]


def test_the_row_merges_into_a_name_the_alias_file_keeps(tmp_path) -> None:
    # the alias file reads "Acme Inc." as "Acme": keeping it would merge nothing
    kg = graph(
        ("Acme", "organization"), ("Acme Inc.", "company"), ("Orbit", "company"), ("Orbit, Ltd Group", "company")
    )
    rows = {r["alias"]: r for r in find_duplicates(kg)}
    assert rows["Acme Inc."]["canonical"] == "Acme" and rows["Acme Inc."]["row"] == "Acme Inc.,Acme"
    assert rows["Orbit"]["row"] == 'Orbit,"Orbit, Ltd Group"'
    path = tmp_path / "aliases.csv"
    path.write_text("\n".join(r["row"] for r in rows.values()) + "\n", encoding="utf-8")
    assert read_aliases(path) == {"acme": "Acme", "orbit": "Orbit, Ltd Group"}


def test_most_mentioned_first_and_filters_keep_pairs_either_side_matches() -> None:
    from graph_fixtures import build, triple

    kg = build(
        [
            triple("Helix Robotics", "SUES", "Tim Cook", object_type="person"),
            triple("Helix", "SUES", "Tom Cook", object_type="person"),
            triple("Helix", "SUES", "Tom Cook", object_type="person", article="a2"),
        ]
    )
    # Tom Cook is mentioned more: he is kept, and the pair of three mentions comes first
    assert [(r["alias"], r["canonical"]) for r in find_duplicates(kg)] == [
        ("Helix", "Helix Robotics"),
        ("Tim Cook", "Tom Cook"),
    ]
    assert [r["alias"] for r in find_duplicates(kg, search="tom")] == ["Tim Cook"]
    assert [r["alias"] for r in find_duplicates(kg, type_="PERSON")] == ["Tim Cook"]
    with pytest.raises(QueryError, match=r"No actor type 'people'\. The types are: company, event"):
        find_duplicates(kg, type_="people")
    assert find_duplicates(KnowledgeGraph()) == []
