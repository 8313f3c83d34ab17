"""The graph file on disk: written through a symbolic link, refused as damaged whatever the
damage (nesting, a field of the wrong type), no temporary or lock file left behind, even by
a load that was killed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from graph_fixtures import triple, world
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphbuild.backends.embedded import EmbeddedBackend, read_graph, read_networkx, write_graph
from graphbuild.backends.files import graph_lock, lock_path
from graphbuild.cli import cli
from graphbuild.errors import GraphFileError, QueryError
from graphbuild.graph import graph_stats, graph_to_json
from graphbuild.questions import list_queries
from graphbuild.questions.networkx import ask_networkx
from graphbuild.types import Article

DAMAGED = "It is damaged; restore it from a backup or delete it and load the articles again."
TESTS = Path(__file__).parents[1]


def _pairs(aid: str, subject: str = "Acme", obj: str = "Borealis"):
    return [(Article(aid, "x"), [triple(subject, "SUES", obj, article=aid)])]


# symbolic links


def test_a_load_through_a_symbolic_link_updates_its_target_and_keeps_the_link(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    target = tmp_path / "data" / "graph.json"
    write_graph(world(), target)
    link = tmp_path / "g.json"
    link.symlink_to(Path("data") / "graph.json")  # relative, as `ln -s` makes them
    EmbeddedBackend(link).load(_pairs("new"))
    assert link.is_symlink() and os.readlink(link) == str(Path("data") / "graph.json")
    assert "new" in read_graph(target).articles and set(world().articles) <= set(read_graph(target).articles)
    EmbeddedBackend(link).load(_pairs("newer", "Cobalt"))
    assert link.is_symlink() and {"new", "newer"} <= set(read_graph(target).articles)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "g.json"]
    assert sorted(p.name for p in (tmp_path / "data").iterdir()) == ["graph.json"]


def test_a_link_to_a_file_not_there_yet_gets_it_written(tmp_path: Path) -> None:
    link = tmp_path / "g.json"
    link.symlink_to(tmp_path / "later.json")
    EmbeddedBackend(link).load(_pairs("a1"))
    assert link.is_symlink() and list(read_graph(tmp_path / "later.json").articles) == ["a1"]


@pytest.mark.model
def test_load_on_the_command_line_writes_through_the_link(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Acme sued Globex over a patent.", encoding="utf-8")
    target = tmp_path / "kept" / "graph.json"
    target.parent.mkdir()
    link = tmp_path / "g.json"
    link.symlink_to(target)
    result = CliRunner().invoke(cli, ["load", str(tmp_path / "a.txt"), "--graph", str(link)])
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and len(read_graph(target).articles) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "g.json", "kept"]


# nothing left behind


def test_no_lock_file_is_left_beside_the_graph(tmp_path: Path) -> None:
    graph = tmp_path / "graphbuild.json"
    EmbeddedBackend(graph).load(_pairs("a1"))
    EmbeddedBackend(graph).load(_pairs("a2"))
    assert [p.name for p in tmp_path.iterdir()] == ["graphbuild.json"]
    with graph_lock(graph):
        assert lock_path(graph) == tmp_path / ".graphbuild.json.lock" and lock_path(graph).exists()
    assert not lock_path(graph).exists()


_KILLED_LOAD = """
import os, sys, time
sys.path.insert(0, sys.argv[2])
from graph_fixtures import triple
from graphbuild.backends import files
from graphbuild.backends.embedded import EmbeddedBackend
from graphbuild.types import Article
def stuck(*args):
    print("writing", flush=True)
    time.sleep(60)  # killed here: the temporary file is written, not yet renamed
files.os.replace = stuck
pairs = [(Article("big", "x", title="Acme sued Borealis. " * 20000), [triple("Acme", "SUES", "Borealis", article="big")])]
EmbeddedBackend(sys.argv[1]).load(pairs)
"""


def test_a_killed_load_leaves_temporary_files_the_next_load_removes(tmp_path: Path) -> None:
    graph = tmp_path / "g.json"
    write_graph(world(), graph)
    before = graph.read_bytes()
    killed = subprocess.Popen(
        [sys.executable, "-c", _KILLED_LOAD, str(graph), str(TESTS)], stdout=subprocess.PIPE, text=True
    )
    assert killed.stdout is not None and killed.stdout.readline().strip() == "writing"
    os.kill(killed.pid, signal.SIGKILL)
    killed.wait(timeout=30)
    [left] = [p for p in tmp_path.iterdir() if p.suffix == ".tmp"]
    assert left.name.startswith(".g.json.") and left.stat().st_size > 200_000
    assert graph.read_bytes() == before  # the graph itself is whole
    other = tmp_path / ".other.json.abcd1234.tmp"  # another graph's: not this load's to remove
    other.write_text("{}")
    EmbeddedBackend(graph).load(_pairs("a9"))
    assert sorted(p.name for p in tmp_path.iterdir()) == [".other.json.abcd1234.tmp", "g.json"]
    assert "a9" in read_graph(graph).articles


_CONTENDER = """
import sys
sys.path.insert(0, sys.argv[2])
from graph_fixtures import triple
from graphbuild.backends.embedded import EmbeddedBackend
from graphbuild.types import Article
aid = sys.argv[3]
for n in range(5):
    EmbeddedBackend(sys.argv[1]).load([(Article(f"{aid}-{n}", "x"), [triple(aid, "SUES", f"B{n}", article=f"{aid}-{n}")])])
"""


def test_loads_that_contend_for_the_removed_lock_all_land(tmp_path: Path) -> None:
    graph = tmp_path / "g.json"
    procs = [subprocess.Popen([sys.executable, "-c", _CONTENDER, str(graph), str(TESTS), f"P{k}"]) for k in range(4)]
    assert [p.wait(timeout=120) for p in procs] == [0] * 4
    assert len(read_graph(graph).articles) == 20
    assert [p.name for p in tmp_path.iterdir()] == ["g.json"]


# damaged files


def _graph_data() -> dict:
    return json.loads(graph_to_json(world()))


def _damage(data: dict, where: str, value: object) -> dict:
    """``data`` with the value at ``where`` (a dotted path, numbers for list items) replaced."""
    *parents, last = where.split(".")
    item: object = data
    for part in parents:
        item = item[int(part)] if isinstance(item, list) else item[part]  # type: ignore[index]
    item[int(last) if isinstance(item, list) else last] = value  # type: ignore[index]
    return data


WRONG_TYPES = [
    ("nodes.0.name", 5, "nodes[0].name is an integer, not a string"),
    ("nodes.2.aliases", "Acme Corp", "nodes[2].aliases is a string, not a list"),
    ("nodes.2.aliases.0", ["x"], "nodes[2].aliases[0] is a list, not a string"),
    ("nodes.1", "node", "nodes[1] is a string, not an object"),
    ("links.0.negated", "no", "links[0].negated is a string, not true or false"),
    ("links.0.count", "3", "links[0].count is a string, not an integer"),
    ("links.0.confidence", None, "links[0].confidence is null, not a number"),
    ("links.0.source", "nobody", "links[0].source 'nobody' is the id of no node"),
    ("links.0.evidence", {}, "links[0].evidence is an object, not a list"),
    ("links.2.evidence.0.sentence_start", "0", "links[2].evidence[0].sentence_start is a string, not an integer"),
    ("links.2.evidence.0.date", 2024, "links[2].evidence[0].date is an integer, not a string or null"),
    ("graph.articles", [], "graph.articles is a list, not an object"),
    ("graph.articles.a1.title", ["T"], "graph.articles['a1'].title is a list, not a string or null"),
]


@pytest.mark.parametrize(("where", "value", "reason"), WRONG_TYPES)
def test_a_field_of_the_wrong_type_is_damage_named_by_its_place(tmp_path: Path, where, value, reason) -> None:
    path = tmp_path / "g.json"
    path.write_text(json.dumps(_damage(_graph_data(), where, value)), encoding="utf-8")
    for read in (read_graph, read_networkx):
        with pytest.raises(GraphFileError) as info:
            read(path)
        assert str(info.value) == f"Can't read graph file {path}: {reason}. {DAMAGED}"


@pytest.mark.parametrize(
    "text",
    ["[" * 100_000 + "]" * 100_000, '{"graph": {"format": "graphbuild-graph/1"}, "nodes": ' + "[" * 100_000 + "}"],
)
def test_a_graph_file_nested_100000_deep_is_damaged(tmp_path: Path, text: str) -> None:
    path = tmp_path / "g.json"
    path.write_text(text, encoding="utf-8")
    for read in (read_graph, read_networkx):
        with pytest.raises(GraphFileError, match=r"JSON nested too deeply\. It is damaged"):
            read(path)


@pytest.mark.parametrize("command", [["stats"], ["query", "alliances"], ["actors"], ["export", "-o", "-"]])
@pytest.mark.parametrize("damage", ["deep", "wrong type"])
def test_every_command_on_a_damaged_graph_says_so_in_one_line(tmp_path: Path, command, damage) -> None:
    path = tmp_path / "g.json"
    if damage == "deep":
        path.write_text("[" * 100_000, encoding="utf-8")
    else:
        path.write_text(json.dumps(_damage(_graph_data(), "links.0.count", "many")), encoding="utf-8")
    result = CliRunner().invoke(cli, [*command, "--graph", str(path)])
    assert result.exit_code == 1, result.output
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("Error: Can't read graph file")
    assert (DAMAGED in result.stderr and result.exception is None) or isinstance(result.exception, SystemExit)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)


def _places(value: object, path: tuple = ()) -> list[tuple]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _places(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _places(item, (*path, index))
    return found


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), value=JSON)
def test_any_value_anywhere_in_a_graph_file_is_read_or_refused_never_a_crash(tmp_path_factory, data, value) -> None:
    graph = _graph_data()
    where = data.draw(st.sampled_from([p for p in _places(graph) if p]))
    item = graph
    for part in where[:-1]:
        item = item[part]
    item[where[-1]] = value
    path = tmp_path_factory.mktemp("damaged") / "g.json"
    path.write_text(json.dumps(graph), encoding="utf-8")
    try:
        kg = read_graph(path)
        G = read_networkx(path)
    except GraphFileError as e:
        assert DAMAGED in str(e) or "is not a graphbuild graph file" in str(e)
        return
    graph_stats(kg)
    for name, query in list_queries().items():
        params = {p.name: next(iter(kg.nodes.values())).name if p.names_actor else "" for p in query.params}
        try:
            ask_networkx(G, name, {k: v for k, v in params.items() if v})
        except QueryError:
            pass  # an actor no longer named as before: a usage error, not a crash
