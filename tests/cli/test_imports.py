"""The commands that only read the graph answer at once: they never import the parser, the
Neo4j driver, the HTML reader, Dask or the name rules' word lists. Each command runs in a
fresh interpreter, which then lists the modules it imported."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from graph_fixtures import world

from graphbuild.backends.embedded import write_graph

# what only extraction, loading or a Neo4j backend needs
HEAVY = {"spacy", "thinc", "neo4j", "trafilatura", "htmldate", "dask", "distributed"}
# the grammar's word lists: a question on the graph file never reads them
WORD_LISTS = {"graphbuild.grammar.lexicon", "graphbuild.normalize"}

PROBE = """
import json, sys
from graphbuild.cli import cli
try:
    cli(sys.argv[1:], prog_name="graphbuild")
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def _imported(*args: str) -> set[str]:
    result = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True)
    return set(json.loads(result.stderr.strip().splitlines()[-1]))


def _heavy(modules: set[str]) -> set[str]:
    return {m for m in modules if m.split(".")[0] in HEAVY}


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("g") / "g.json"
    write_graph(world(), path)
    return path


@pytest.mark.parametrize("args", [["--help"], ["query", "--help"], ["extract", "--help"], ["load", "--help"]])
def test_help_imports_nothing_heavy(args: list[str]) -> None:
    modules = _imported(*args)
    assert "click" in modules
    assert _heavy(modules) == set()


@pytest.mark.parametrize(
    "args",
    [
        ["query", "alliances"],
        ["query", "allies-of", "-p", "actor=Apple"],
        ["stats"],
        ["actors"],
        ["queries"],
    ],
)
def test_questions_on_the_graph_file_import_nothing_heavy(graph_file: Path, args: list[str]) -> None:
    if args[0] != "queries":
        args = [*args, "--graph", str(graph_file)]
    modules = _imported(*args)
    assert "graphbuild.cli.ask" in modules  # the command ran in this interpreter
    assert _heavy(modules) == set()
    assert modules & WORD_LISTS == set()
