"""Bad input through the command, as a user meets it: a record that once stopped the run is
one line and the rest is loaded; one id never holds two texts, on either backend; a directory
that cannot be listed is said; a file name cannot forge a line of the command's output."""

from __future__ import annotations

import ctypes
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import graphbuild.run
from graphbuild.backends.embedded import read_graph
from graphbuild.cli import EXIT_SKIPPED, cli

pytestmark = [pytest.mark.model]

SUMMARY = "read "  # how the summary line starts


@pytest.fixture
def pipeline(monkeypatch, nlp):
    """The session's pipeline for every command run here (loading it takes seconds)."""
    monkeypatch.setattr(graphbuild.run, "fast_pipeline", lambda model=None: nlp)


def _run(*args: object, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, [str(a) for a in args], env=env)


def _links(graph: Path) -> set[tuple[str, str, str, str]]:
    kg = read_graph(graph)
    return {
        (e.article, kg.nodes[edge.source].name, edge.relation, kg.nodes[edge.target].name)
        for edge in kg.edges.values()
        for e in edge.evidence
    }


def test_records_that_once_stopped_the_run_are_one_line_each_and_the_rest_is_loaded(tmp_path, pipeline) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (folder / "surrogate.json").write_text('{"id": "s1", "text": "Cisco sued Apple.\\ud800"}', encoding="utf-8")
    (folder / "types.jsonl").write_text(
        '{"id": {"no": 1}, "text": "Cisco sued Apple."}\n{"id": "t2", "text": "Meta criticized Spotify.", "title": [1]}\n'
        + '{"id": "big", "text": "Microsoft sued Google.", "n": '
        + "1" * 5000
        + "}\n",
        encoding="utf-8",
    )
    (folder / "good.txt").write_text("Nissan teamed up with Renault.", encoding="utf-8")
    graph = tmp_path / "g.json"
    result = _run("load", folder, "--graph", graph)
    assert result.exit_code == EXIT_SKIPPED, result.output
    lines = result.stderr.splitlines()
    assert lines[:-1] == [
        f"skipped: {folder / 'deep.json'}: JSON nested too deeply to read (brackets inside brackets over about "
        "1,000 levels); fix the file",
        f"warning: {folder / 'surrogate.json'}: lone surrogate in 'text', 'title' replaced with U+FFFD; a \\uD800-\\uDFFF "
        "escape stands alone: write the character itself, or both halves of its pair",
        f"skipped: {folder / 'types.jsonl'}:1: 'id' is an object, not a string or number; give each record a string id",
        f"warning: {folder / 'types.jsonl'}:2: 'title' is a list, not text; ignored",
        f"skipped: {folder / 'types.jsonl'}:3: invalid JSON (a number of over 4,300 digits); fix or remove this line",
    ]
    assert lines[-1].startswith("read 3 articles from 4 files, skipped 3;")
    assert {("s1", "Cisco", "SUES", "Apple"), ("t2", "Meta", "CRITICIZES", "Spotify")} <= _links(graph)
    assert read_graph(graph).articles["s1"]["title"] == "Cisco sued Apple.\ufffd"


def test_a_file_name_cannot_forge_a_line(tmp_path, pipeline) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a\nread 9 articles from 9 files, skipped 0; 0 triples.png").write_bytes(b"\x89PNG")
    (folder / "good.txt").write_text("Nissan teamed up with Renault.", encoding="utf-8")
    result = _run("extract", folder)
    assert result.exit_code == EXIT_SKIPPED, result.output
    assert [line for line in result.stderr.splitlines() if line.startswith(SUMMARY)] == [
        "read 1 article from 1 file, skipped 1; 1 triple"
    ]
    assert f"skipped: {folder}/a\\nread 9 articles from 9 files, skipped 0; 0 triples.png: unsupported" in result.stderr
    graph = tmp_path / "g\nread 0 articles.json"
    loaded = _run("load", folder / "good.txt", "--graph", graph)
    assert loaded.exit_code == 0, loaded.output
    [summary] = loaded.stderr.splitlines()
    assert f"{tmp_path}/g\\nread 0 articles.json: +1 articles" in summary


def _without_root_powers() -> None:
    """Run as root, drop the capabilities that let root read what it may not (the bounding
    set, so the program exec'd next runs without them): permissions then apply as to anyone."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def test_a_directory_or_file_that_cannot_be_read_is_said(tmp_path) -> None:
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "locked" / "inside.txt").write_text("Acme sued Globex.", encoding="utf-8")
    (folder / "secret.txt").write_text("Cobalt sued Dynamo.", encoding="utf-8")
    (folder / "good.jsonl").write_text('{"id": "g", "text": "Nissan teamed up with Renault."}\n', encoding="utf-8")
    (folder / "locked").chmod(0)
    (folder / "secret.txt").chmod(0)
    try:
        command = [sys.executable, "-m", "graphbuild", "load", str(folder), "--graph", str(tmp_path / "g.json")]
        root = os.geteuid() == 0
        try:
            result = subprocess.run(
                command, capture_output=True, text=True, timeout=300, preexec_fn=_without_root_powers if root else None
            )
        except (OSError, subprocess.SubprocessError) as e:
            pytest.skip(f"running as root, and root's powers to read anything cannot be dropped here ({e})")
    finally:
        (folder / "locked").chmod(0o755)
        (folder / "secret.txt").chmod(0o644)
    assert result.returncode == EXIT_SKIPPED, result.stderr
    assert result.stderr.splitlines()[:2] == [
        f"skipped: {folder / 'secret.txt'}: cannot read file: Permission denied; check permissions",
        f"skipped: {folder / 'locked'}: cannot list directory: Permission denied; check its permissions",
    ]
    assert list(read_graph(tmp_path / "g.json").articles) == ["g"]


@pytest.mark.parametrize("backend", ["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def test_one_id_never_holds_two_texts(tmp_path, pipeline, backend, request) -> None:
    if backend == "neo4j":
        env = request.getfixturevalue("neo4j_env")
        driver = request.getfixturevalue("neo4j_driver")
    else:
        env, driver = {"GRAPHBUILD_BACKEND": "embedded", "GRAPHBUILD_GRAPH": str(tmp_path / "g.json")}, None

    def graph_links() -> set[tuple[str, str, str, str]]:
        if driver is None:
            return _links(tmp_path / "g.json")
        from graphbuild.backends.neo4j.reader import read_neo4j

        kg = read_neo4j(driver)
        return {
            (e.article, kg.nodes[x.source].name, x.relation, kg.nodes[x.target].name)
            for x in kg.edges.values()
            for e in x.evidence
        }

    first = tmp_path / "first.jsonl"
    first.write_text(
        json.dumps({"id": "x", "text": "Cisco sued Apple."})
        + "\n"
        + json.dumps({"id": "x", "text": "Meta criticized Spotify."})
        + "\n"
        + json.dumps({"id": "y", "text": "Nissan teamed up with Renault."})
        + "\n",
        encoding="utf-8",
    )
    result = _run("load", first, env=env)
    assert result.exit_code == EXIT_SKIPPED, result.output
    assert result.stderr.splitlines()[0] == (
        f"skipped: {first}:2: article id 'x' was read before (at {first}:1) with another text; "
        "give each article its own id, or keep one version"
    )
    assert {a for a, *_ in graph_links()} == {"x", "y"}
    assert {link for link in graph_links() if link[0] == "x"} == {("x", "Cisco", "SUES", "Apple")}
    again = _run("load", first, "--json", env=env)  # the same input: nothing flips back and forth
    assert json.loads(again.stdout)["written"] is False

    edited = tmp_path / "edited.jsonl"
    edited.write_text(json.dumps({"id": "x", "text": "Microsoft sued Google."}) + "\n", encoding="utf-8")
    replaced = _run("load", edited, "--json", env=env)
    assert replaced.exit_code == 0, replaced.output
    assert replaced.stderr.splitlines()[0] == (
        f"warning: {edited}:1: article 'x' has another text than the one in the graph: it replaces that version "
        "(give it its own id if it is another article)"
    )
    assert json.loads(replaced.stdout)["articles_replaced"] == 1
    assert {link for link in graph_links() if link[0] == "x"} == {("x", "Microsoft", "SUES", "Google")}
    assert _run("load", edited, "-q", env=env).stderr == ""  # loaded as it is now: nothing to say
