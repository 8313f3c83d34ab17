"""Tests for graphbuild.graph: node and edge identity, aggregation, idempotence, aliases."""

from __future__ import annotations

import copy

from graph_fixtures import articles, build, triple, world_triples
from hypothesis import given, settings
from hypothesis import strategies as st

from graphbuild.graph import GraphDelta, KnowledgeGraph, article_load_key, build_graph, edge_id, node_id
from graphbuild.types import Article
from graphbuild.vocab import RELATIONS


def only_edge(kg: KnowledgeGraph):
    assert len(kg.edges) == 1, kg.edges
    return next(iter(kg.edges.values()))


# ids


def test_node_id_ignores_case_but_not_spelling() -> None:
    assert node_id("Apple") == node_id("APPLE") == node_id("apple")
    assert node_id("Apple") != node_id("Apples")
    assert node_id("Apple") == node_id("Apple")  # stable: no salt, no counter


def test_edge_id_depends_on_every_part_of_the_key() -> None:
    a, b = node_id("A"), node_id("B")
    base = edge_id(a, "SUES", b, False)
    assert base == edge_id(a, "SUES", b, False)
    others = {edge_id(b, "SUES", a, False), edge_id(a, "FINES", b, False), edge_id(a, "SUES", b, True)}
    assert base not in others
    assert len(others) == 3


def test_names_differing_only_in_case_make_one_node_named_as_first_seen() -> None:
    kg = build([triple("Apple", "SUES", "Samsung"), triple("APPLE", "SUES", "samsung", sentence_start=50)])
    assert sorted(n.name for n in kg.nodes.values()) == ["Apple", "Samsung"]
    assert set(kg.nodes) == {node_id("apple"), node_id("samsung")}
    assert only_edge(kg).count == 2


# edges


def test_one_edge_per_subject_relation_object() -> None:
    kg = build(
        [
            triple("A", "SUES", "B"),
            triple("A", "SUES", "B", article="a2"),
            triple("A", "FINES", "B"),
            triple("B", "SUES", "A", sentence_start=40),
        ]
    )
    keys = sorted((kg.nodes[e.source].name, e.relation, kg.nodes[e.target].name, e.count) for e in kg.edges.values())
    assert keys == [("A", "FINES", "B", 1), ("A", "SUES", "B", 2), ("B", "SUES", "A", 1)]


def test_negated_triple_makes_a_separate_edge() -> None:
    kg = build([triple("A", "SUES", "B"), triple("A", "SUES", "B", article="a2", negated=True)])
    edges = sorted(kg.edges.values(), key=lambda e: e.negated)
    assert [(e.negated, e.count) for e in edges] == [(False, 1), (True, 1)]
    assert edges[0].id != edges[1].id
    assert edges[1].id == edge_id(node_id("A"), "SUES", node_id("B"), True)


def test_edge_takes_polarity_and_intensity_from_the_vocabulary() -> None:
    edge = only_edge(build([triple("A", "ALLIES_WITH", "B")]))
    assert (edge.polarity, edge.intensity) == (RELATIONS["ALLIES_WITH"].polarity, RELATIONS["ALLIES_WITH"].intensity)
    assert edge.polarity == "cooperation"
    assert (edge.source, edge.target) == (node_id("A"), node_id("B"))


# aggregation


def test_count_is_distinct_evidence_and_dates_ignore_undated() -> None:
    kg = build(
        [
            triple("A", "SUES", "B", article="a1", date="2024-05-01"),
            triple("A", "SUES", "B", article="a2", date=None),
            triple("A", "SUES", "B", article="a3", date="2023-11-30"),
            triple("A", "SUES", "B", article="a3", date="2023-11-30", sentence_start=80),
            triple("A", "SUES", "B", article="a1", date="2024-05-01"),  # the first one again
        ]
    )
    edge = only_edge(kg)
    assert edge.count == 4 == len(edge.evidence)
    assert (edge.first_seen, edge.last_seen) == ("2023-11-30", "2024-05-01")


def test_only_undated_evidence_leaves_dates_empty() -> None:
    edge = only_edge(build([triple("A", "SUES", "B"), triple("A", "SUES", "B", article="a2")]))
    assert (edge.first_seen, edge.last_seen) == (None, None)


def test_confidence_is_the_highest_seen_in_any_order() -> None:
    ts = [
        triple("A", "SUES", "B", confidence=0.6),
        triple("A", "SUES", "B", article="a2", confidence=0.95),
        triple("A", "SUES", "B", article="a3", confidence=0.7),
    ]
    assert only_edge(build(ts)).confidence == 0.95
    assert only_edge(build(reversed(ts))).confidence == 0.95


def test_duplicate_evidence_does_not_raise_confidence() -> None:
    # The same words in the same article are one piece of evidence, counted once.
    kg = build([triple("A", "SUES", "B", confidence=0.5), triple("A", "SUES", "B", confidence=0.99)])
    edge = only_edge(kg)
    assert (edge.count, edge.confidence) == (1, 0.5)


def test_evidence_keeps_provenance() -> None:
    t = triple(
        "A",
        "SUES",
        "B",
        article="x",
        date="2024-01-02",
        sentence_start=12,
        verb="filed suit against",
        modality="reported",
        attribution="Reuters",
        rule="prep-against",
    )
    (ev,) = only_edge(build([t])).evidence
    assert (ev.article, ev.sentence, ev.date, ev.verb, ev.rule, ev.modality, ev.attribution) == (
        "x",
        "A filed suit against B.",
        "2024-01-02",
        "filed suit against",
        "prep-against",
        "reported",
        "Reuters",
    )
    assert (ev.sentence_start, ev.sentence_end) == (12, 12 + len("A filed suit against B."))
    assert ev.sentence[ev.object_start - 12 : ev.object_end - 12] == "B"


# idempotence and deltas


def test_delta_counts_what_was_created() -> None:
    kg = KnowledgeGraph()
    delta = kg.add_triples(
        [
            triple("A", "SUES", "B"),
            triple("A", "SUES", "B", article="a2"),
            triple("B", "SUES", "C", sentence_start=30),
        ]
    )
    assert delta == GraphDelta(nodes_created=3, edges_created=2, evidence_added=3)
    assert delta.changed


def test_adding_the_same_triples_twice_changes_nothing() -> None:
    kg, first = build_graph(articles(), world_triples())
    nodes, edges, arts = copy.deepcopy(kg.nodes), copy.deepcopy(kg.edges), copy.deepcopy(kg.articles)
    kg2, second = build_graph(articles(), world_triples(), kg)
    assert kg2 is kg
    assert first.changed
    assert second == GraphDelta()
    assert not second.changed
    assert (kg.nodes, kg.edges, kg.articles) == (nodes, edges, arts)


def test_graph_delta_adds_field_by_field() -> None:
    total = GraphDelta(1, 2, 3, 4) + GraphDelta(10, 20, 30, 40)
    assert total == GraphDelta(11, 22, 33, 44)
    assert not GraphDelta().changed
    assert GraphDelta(articles_added=1).changed


# aliases and types


def test_aliases_come_from_the_written_text() -> None:
    kg = build(
        [
            triple("Apple", "SUES", "Samsung", subject_text="Apple Inc.", object_text="Samsung Electronics"),
            triple("Apple", "SUES", "Samsung", article="a2", subject_text="the iPhone maker"),
            triple("Apple", "FINES", "Samsung", article="a3", subject_text="Apple Inc."),
        ]
    )
    apple, samsung = kg.nodes[node_id("Apple")], kg.nodes[node_id("Samsung")]
    assert apple.aliases == ("Apple Inc.", "the iPhone maker")
    assert samsung.aliases == ("Samsung Electronics",)


def test_an_alias_is_never_the_name() -> None:
    kg = build(
        [
            triple("Apple", "SUES", "Samsung"),  # written as the name itself
            triple("Apple", "SUES", "Samsung", article="a2", subject_text="APPLE"),
            # a later canonical spelling in another case, written the way the node is named
            triple("APPLE", "SUES", "Samsung", article="a3", subject_text="Apple"),
        ]
    )
    apple = kg.nodes[node_id("Apple")]
    assert apple.name == "Apple"
    assert all(a.casefold() != apple.name.casefold() for a in apple.aliases), apple.aliases
    assert apple.aliases == ()


def test_unknown_type_is_replaced_by_a_known_one_but_known_types_stay() -> None:
    kg = build(
        [
            triple("A", "SUES", "B", subject_type="unknown"),
            triple("A", "SUES", "B", article="a2", subject_type="government"),
            triple("A", "SUES", "B", article="a3", subject_type="person"),
        ]
    )
    assert kg.nodes[node_id("A")].type == "government"


def test_node_by_name_finds_names_and_aliases_in_any_case() -> None:
    kg = build([triple("Apple", "SUES", "Samsung", subject_text="Apple Inc.")])
    apple = kg.nodes[node_id("Apple")]
    assert kg.node_by_name("apple") == apple
    assert kg.node_by_name("APPLE INC.") == apple
    assert kg.node_by_name("Samsung").name == "Samsung"
    assert kg.node_by_name("Apple Incorporated") is None


# evidence order


@settings(max_examples=50, deadline=None)
@given(st.permutations(world_triples()))
def test_evidence_order_does_not_depend_on_insertion_order(triples) -> None:
    expected = build(world_triples())
    kg = build(triples)
    assert kg.edges == expected.edges
    assert kg.nodes == expected.nodes


def test_evidence_is_ordered_by_date_undated_last_then_article_then_position() -> None:
    kg = build(
        [
            triple("A", "SUES", "B", article="a9", date=None, sentence_start=0),
            triple("A", "SUES", "B", article="a2", date="2024-03-01", sentence_start=70),
            triple("A", "SUES", "B", article="a1", date=None, sentence_start=5),
            triple("A", "SUES", "B", article="a2", date="2024-03-01", sentence_start=10),
            triple("A", "SUES", "B", article="a7", date="2024-01-15", sentence_start=0),
        ]
    )
    order = [(e.article, e.sentence_start) for e in only_edge(kg).evidence]
    assert order == [("a7", 0), ("a2", 10), ("a2", 70), ("a1", 5), ("a9", 0)]


# many triples at once


def _variants() -> list:
    """Triples that refine a type, add aliases in other articles, repeat evidence with a lower
    confidence, and name an actor in another case: what one call must fold as calls in turn do."""
    return [
        triple("Acme", "SUES", "Dynamo", subject_type="unknown", article="b1"),
        triple("acme", "SUES", "Dynamo", subject_type="company", subject_text="ACME Corp.", article="b2"),
        triple("Acme", "SUES", "Dynamo", subject_type="organization", article="b2", confidence=0.2),
        triple("Acme", "SUES", "Dynamo", subject_type="unknown", article="b1", confidence=0.3),  # same evidence key
        triple("Acme", "SUES", "Dynamo", subject_text="Acme Corp", article="b1", sentence_start=40),
        triple("Dynamo", "SUES", "Acme", object_text="Acme Inc", article="b3", date="2023-05-01"),
    ]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(world_triples() + _variants()), max_size=30), st.integers(0, 30))
def test_triples_added_at_once_build_what_adding_them_one_by_one_builds(triples, cut) -> None:
    at_once, one_by_one = KnowledgeGraph(), KnowledgeGraph()
    delta = at_once.add_triples(triples[:cut]) + at_once.add_triples(triples[cut:])
    expected = GraphDelta()
    for t in triples:
        expected = expected + one_by_one.add_triples([t])
    assert delta == expected
    assert list(at_once.nodes.items()) == list(one_by_one.nodes.items())  # in the same order too
    assert list(at_once.edges.items()) == list(one_by_one.edges.items())


def test_a_load_key_is_the_one_earlier_versions_wrote() -> None:
    """A changed key has every article of every graph taken back and written again on its
    next load: it may change only on purpose, with ``LOAD_FORMAT``."""
    article = Article(
        id="a1",
        text="Cisco sued Apple. Ørsted did not sue 'Vestas'.",
        title="Cisco sues",
        url="https://example.org/1",
        date="2024-01-10",
        source="Wire",
    )
    found = [
        triple("Cisco", "SUES", "Apple", date="2024-01-10", confidence=0.85),
        triple(
            "Ørsted", "SUES", "Vestas", object_text="'Vestas'", negated=True, sentence_start=18, attribution="it said"
        ),
    ]
    assert article_load_key(article, found, names="n") == "d646501eb5ca297dd0f9259fb751f9af4473543b"


# articles


def test_add_article_first_load_wins() -> None:
    kg = KnowledgeGraph()
    first = kg.add_article(Article(id="x", text="t", title="First", url="", date="2024-01-01", source="AP"))
    second = kg.add_article(Article(id="x", text="t", title="Second", url="http://e", date="2025-01-01"))
    assert first == GraphDelta(articles_added=1)
    assert second == GraphDelta()
    assert kg.articles == {"x": {"title": "First", "url": None, "date": "2024-01-01", "source": "AP"}}


def test_build_graph_counts_articles_and_triples_together() -> None:
    kg, delta = build_graph(articles(), [triple("A", "SUES", "B")])
    assert delta == GraphDelta(nodes_created=2, edges_created=1, evidence_added=1, articles_added=6)
    assert sorted(kg.articles) == ["a1", "a2", "a3", "a4", "a5", "a6"]


def test_a_triple_carries_every_evidence_field_with_the_same_type():
    from dataclasses import fields

    from graphbuild.types import EVIDENCE_FIELDS, Evidence, Triple

    triple_types = {f.name: f.type for f in fields(Triple)}
    assert {f.name: f.type for f in fields(Evidence)} == {name: triple_types[name] for name in EVIDENCE_FIELDS}
