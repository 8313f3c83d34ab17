"""Actor identity over every Wikinews article beside the project: loaded into one embedded
graph, no actor holds another organisation's name as an alias, no dateline or product is an
actor, and the acronyms the articles define are joined to their long forms."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from identity_checks import acronyms_apart, dateline_actors, wrong_merges

from graphbuild.backends.embedded import EmbeddedBackend
from graphbuild.grammar.entities import is_product_name
from graphbuild.grammar.names import abbreviates
from graphbuild.graph import KnowledgeGraph
from graphbuild.normalize import clean_name
from graphbuild.read import ReadReport, read_articles
from graphbuild.run import extract_triples

WIKINEWS = Path(__file__).resolve().parents[3] / "shared" / "data" / "external" / "wikinews"
# "the European Aeronautic Defence and Space Company (EADS)": capitalised words, then the acronym
DEFINITION = re.compile(r"((?:[A-Z][\w'&.-]*\s+(?:(?:of|and|for|the|&)\s+)?){2,8})\(([A-Z][A-Za-z&]{1,9})\)")
# "DRM (digital rights management)": the same letters for something else in another article
OTHER_MEANING = re.compile(r"\b([A-Z][A-Za-z&]{1,9}) \([a-z]")

pytestmark = [pytest.mark.model, pytest.mark.slow]


@pytest.fixture(scope="module")
def loaded(nlp, tmp_path_factory) -> tuple[KnowledgeGraph, list[tuple[str, str]]]:
    if not WIKINEWS.is_dir():
        pytest.skip(f"no Wikinews articles at {WIKINEWS}")
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
    backend.load(list(extract_triples(articles, nlp=nlp)))
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
