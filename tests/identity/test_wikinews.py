"""Actor identity over every Wikinews article beside the project: loaded into one embedded
graph, no actor holds another organisation's name as an alias, no dateline or product is an
actor, and the acronyms the articles define are joined to their long forms."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from identity_checks import acronyms_apart, dateline_actors, wrong_merges

from graphbuild.backends.embedded import EmbeddedBackend
from graphbuild.backends.neo4j.backend import Neo4jBackend
from graphbuild.backends.neo4j.writer import load_neo4j
from graphbuild.grammar.entities import is_product_name
from graphbuild.grammar.names import abbreviates
from graphbuild.graph import KnowledgeGraph, to_networkx
from graphbuild.normalize import clean_name
from graphbuild.questions.networkx import ask_networkx
from graphbuild.read import ReadReport, read_articles
from graphbuild.run import extract_triples

WIKINEWS = Path(__file__).resolve().parents[3] / "shared" / "data" / "external" / "wikinews"
# "the European Aeronautic Defence and Space Company (EADS)": capitalised words, then the acronym
DEFINITION = re.compile(r"((?:[A-Z][\w'&.-]*\s+(?:(?:of|and|for|the|&)\s+)?){2,8})\(([A-Z][A-Za-z&]{1,9})\)")
# "DRM (digital rights management)": the same letters for something else in another article
OTHER_MEANING = re.compile(r"\b([A-Z][A-Za-z&]{1,9}) \([a-z]")

pytestmark = [pytest.mark.model, pytest.mark.slow]


@pytest.fixture(scope="module")
def extracted(nlp) -> list:
    if not WIKINEWS.is_dir():
        pytest.skip(f"no Wikinews articles at {WIKINEWS}")
    paths = sorted(str(p) for p in WIKINEWS.iterdir() if p.suffix in {".jsonl", ".csv"})
    return list(extract_triples(read_articles(paths, report=ReadReport()), nlp=nlp))


@pytest.fixture(scope="module")
def loaded(extracted, tmp_path_factory) -> tuple[KnowledgeGraph, list[tuple[str, str]]]:
    paths = sorted(str(p) for p in WIKINEWS.iterdir() if p.suffix in {".jsonl", ".csv"})
    articles = list(read_articles(paths, report=ReadReport()))
    defined, elsewhere = [], set()
    for article in articles:
        elsewhere.update(OTHER_MEANING.findall(article.text))
        for match in DEFINITION.finditer(article.text):
            long, short = clean_name(match.group(1)), match.group(2)
            if sum(c.isupper() for c in short) >= 2 and abbreviates(short, long):
                defined.append((short, long))
    backend = EmbeddedBackend(tmp_path_factory.mktemp("wikinews") / "graph.json")
    backend.load(extracted)
    return backend.graph(), [(short, long) for short, long in defined if short not in elsewhere]


def test_no_actor_holds_another_organisations_name(loaded):
    kg, _ = loaded
    assert wrong_merges(kg) == []


def test_no_dateline_or_product_is_an_actor(loaded):
    kg, _ = loaded
    assert dateline_actors(kg) == []
    assert sorted(n.name for n in kg.nodes.values() if is_product_name(n.name.split())) == []


def test_defined_acronyms_join_their_long_forms(loaded):
    kg, defined = loaded
    assert defined  # the articles define acronyms; the check is not empty
    assert acronyms_apart(kg, defined) == []


def _names(kg: KnowledgeGraph) -> dict[str, list[str]]:
    """Each actor with aliases (the 30 most linked) whose name no other actor has as an alias,
    with its aliases that name no other actor: a name two actors share asks about both
    ("Apple", the name of one and the alias of "Apple Computer" until an alias row joins them)."""
    owners: dict[str, set[str]] = {}
    for node in kg.nodes.values():
        for name in (node.name, *node.aliases):
            owners.setdefault(name.casefold(), set()).add(node.id)
    degree = {nid: 0 for nid in kg.nodes}
    for edge in kg.edges.values():
        degree[edge.source] += 1
        degree[edge.target] += 1
    own = [n for n in kg.nodes.values() if n.aliases and owners[n.name.casefold()] == {n.id}]
    nodes = sorted(own, key=lambda n: (-degree[n.id], n.name))[:30]
    return {n.name: [a for a in n.aliases if owners[a.casefold()] == {n.id}] for n in nodes}


@pytest.mark.neo4j
def test_every_alias_gets_the_same_answers_on_both_backends(extracted, loaded, neo4j_settings, neo4j_driver):
    kg, _ = loaded
    load_neo4j(neo4j_driver, extracted, database=neo4j_settings.database)
    neo4j = Neo4jBackend(neo4j_settings)
    try:
        checked = 0
        for name, aliases in _names(kg).items():
            for question in ("rivals-of", "allies-of"):
                want = ask_networkx(to_networkx(kg), question, {"actor": name, "limit": "100"}).rows
                for spelling in [name, *aliases, name.upper()]:
                    params = {"actor": spelling, "limit": "100"}
                    assert ask_networkx(to_networkx(kg), question, params).rows == want, (question, spelling)
                    assert _plain(neo4j.ask(question, params).rows) == _plain(want), (question, spelling)
                    checked += 1
        assert checked > 100
    finally:
        neo4j.close()


def _plain(rows: list[dict]) -> list[dict]:
    return [{k: (sorted(v) if isinstance(v, list) else v) for k, v in row.items()} for row in rows]
