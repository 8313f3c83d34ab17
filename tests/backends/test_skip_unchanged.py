"""A load skips, before parsing, the articles the graph holds from the same input (text,
model, grammar, alias table): a second load parses nothing and loads no pipeline, on the
embedded file and on Neo4j; a changed article or alias file re-extracts, and the graph ends
as a clean load would."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import graphbuild.inputs
import graphbuild.nlp
import graphbuild.run
from graphbuild.backends.embedded import read_graph
from graphbuild.cli import cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "articles"
ARTICLES = 6  # in EXAMPLES

pytestmark = [pytest.mark.model]


@pytest.fixture
def parsed(monkeypatch, nlp):
    """Counts pipeline loads and the articles parsed, through the real pipeline."""
    counts = {"loads": 0, "articles": 0}
    parse = graphbuild.nlp.parse_articles

    def load(model=None):
        counts["loads"] += 1
        return nlp

    def counted(nlp_, articles, **kwargs):
        for doc, article in parse(nlp_, articles, **kwargs):
            counts["articles"] += 1
            yield doc, article

    monkeypatch.setattr(graphbuild.run, "fast_pipeline", load)
    monkeypatch.setattr(graphbuild.nlp, "parse_articles", counted)
    return counts


@pytest.fixture
def articles(tmp_path):
    copy = tmp_path / "articles"
    shutil.copytree(EXAMPLES, copy)
    return copy


def _load(paths, *args, env=None):
    result = CliRunner().invoke(cli, ["load", *map(str, paths), "--json", "-q", *args], env=env)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _edit(articles: Path) -> None:
    """Change the text of one article that keeps its id (a record with an id field)."""
    path = articles / "04-merger.jsonl"
    path.write_text(path.read_text().replace("The regulator fined Helix", "The regulator sued Helix"))


def test_a_second_load_parses_nothing_and_loads_no_pipeline(tmp_path, articles, parsed):
    graph = tmp_path / "g.json"
    first = _load([articles], "--graph", graph)
    assert (first["articles_added"], first["articles_skipped"], parsed) == (ARTICLES, 0, {"loads": 1, "articles": 6})
    text = graph.read_text()
    again = _load([articles], "--graph", graph)
    assert parsed == {"loads": 1, "articles": ARTICLES}  # not one more
    assert (again["articles"], again["articles_unchanged"], again["articles_skipped"]) == (ARTICLES,) * 3
    assert (again["written"], graph.read_text()) == (False, text)


def test_a_changed_text_re_extracts_that_article_only(tmp_path, articles, parsed):
    graph, clean = tmp_path / "g.json", tmp_path / "clean.json"
    _load([articles], "--graph", graph)
    _edit(articles)
    summary = _load([articles], "--graph", graph)
    assert parsed["articles"] == ARTICLES + 1
    assert (summary["articles_skipped"], summary["articles_replaced"]) == (ARTICLES - 1, 1)
    _load([articles], "--graph", clean)
    assert read_graph(graph) == read_graph(clean)


def test_an_alias_file_or_grammar_change_re_extracts_every_article(tmp_path, articles, parsed, monkeypatch):
    graph, clean = tmp_path / "g.json", tmp_path / "clean.json"
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("alias,canonical\nKestrel Motors,Kestrel Motor Group\n")
    _load([articles], "--graph", graph)
    renamed = _load([articles], "--graph", graph, "--aliases", aliases)
    assert (parsed["articles"], renamed["articles_skipped"]) == (2 * ARTICLES, 0)
    _load([articles], "--graph", clean, "--aliases", aliases)
    assert read_graph(graph) == read_graph(clean)
    assert _load([articles], "--graph", graph, "--aliases", aliases)["articles_skipped"] == ARTICLES
    assert parsed["articles"] == 3 * ARTICLES
    monkeypatch.setattr(graphbuild.inputs, "grammar_version", lambda: "another grammar")
    again = _load([articles], "--graph", graph, "--aliases", aliases)
    assert (parsed["articles"], again["articles_skipped"], again["written"]) == (4 * ARTICLES, 0, True)
    # the same content as the clean load, under other input keys
    assert _strip_inputs(read_graph(graph)) == _strip_inputs(read_graph(clean))


def _strip_inputs(kg):
    for meta in kg.articles.values():
        meta.pop("input_key", None)
    return kg


@pytest.mark.neo4j
def test_on_neo4j_a_second_load_parses_nothing_and_a_change_only_its_article(
    tmp_path, articles, parsed, neo4j_env, neo4j_driver
):
    from graphbuild.backends.neo4j.reader import read_neo4j

    first = _load([articles], env=neo4j_env)
    assert (first["articles_added"], parsed["loads"]) == (ARTICLES, 1)
    again = _load([articles], env=neo4j_env)
    assert (parsed["loads"], parsed["articles"]) == (1, ARTICLES)
    assert (again["articles_skipped"], again["written"]) == (ARTICLES, False)
    _edit(articles)
    changed = _load([articles], env=neo4j_env)
    assert (parsed["articles"], changed["articles_skipped"], changed["articles_replaced"]) == (ARTICLES + 1, 5, 1)
    clean = tmp_path / "clean.json"
    _load([articles], "--graph", clean, env={"GRAPHBUILD_BACKEND": "embedded"})
    assert read_neo4j(neo4j_driver) == read_graph(clean)
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("alias,canonical\nKestrel Motors,Kestrel Motor Group\n")
    before = parsed["articles"]
    renamed = _load([articles], "--aliases", aliases, env=neo4j_env)
    assert (renamed["articles_skipped"], parsed["articles"] - before) == (0, ARTICLES)
    _load([articles], "--graph", clean, "--aliases", aliases, env={"GRAPHBUILD_BACKEND": "embedded"})
    assert read_neo4j(neo4j_driver) == read_graph(clean)
