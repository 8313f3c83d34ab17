"""The graphbuild command, through click's CliRunner, on the real model."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from graphbuild.cli import EXIT_SKIPPED, cli

EVAL_FIELDS = {"article", "subject", "relation", "object", "polarity", "negated", "sentence"}
TEXT = "Cisco sued Apple on Wednesday. Nokia and Ericsson criticized Apple.\n"


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def articles(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "one.txt").write_text(TEXT, encoding="utf-8")
    (folder / "two.jsonl").write_text(
        json.dumps({"id": "n1", "text": "Nissan teamed up with Renault.", "published": "2024-05-01"})
        + "\n"
        + "{broken json\n"
        + json.dumps({"id": "n2", "text": "Renault did not sue Nissan."})
        + "\n",
        encoding="utf-8",
    )
    return folder


def test_every_command_has_help(runner):
    assert runner.invoke(cli, ["--help"]).exit_code == 0
    for name, command in cli.commands.items():
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, name
        assert command.help and command.help.strip(), f"{name} has no help text"
        assert "Usage:" in result.stdout


@pytest.mark.model
def test_extract_jsonl_streams_the_fields_the_evaluation_reads(runner, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {(r["subject"], r["relation"], r["object"]) for r in rows} == {
        ("Cisco", "SUES", "Apple"),
        ("Nokia", "CRITICIZES", "Apple"),
        ("Ericsson", "CRITICIZES", "Apple"),
    }
    for row in rows:
        assert EVAL_FIELDS <= set(row)
        assert row["sentence"] == TEXT[row["sentence_start"] : row["sentence_end"]]
        assert TEXT[row["subject_start"] : row["subject_end"]] == row["subject_text"]
    assert result.stderr.strip() == "read 1 article from 1 file, skipped 0; 3 triples"


@pytest.mark.model
def test_extract_reports_bad_records_and_keeps_the_good(runner, articles):
    result = runner.invoke(cli, ["extract", str(articles), "--format", "csv"])
    assert result.exit_code == EXIT_SKIPPED, result.output  # the broken line; the rest is out
    lines = result.stdout.splitlines()
    assert lines[0].startswith("article,subject,relation,object,polarity,negated")
    assert any(",Nissan,COLLABORATES_WITH,Renault," in line for line in lines)
    assert any(line.startswith("n2,Renault,SUES,Nissan,conflict,True") for line in lines)
    assert f"skipped: {articles / 'two.jsonl'}:2: " in result.stderr
    assert "read 3 articles from 2 files, skipped 1" in result.stderr


@pytest.mark.model
def test_an_article_over_max_article_chars_is_skipped_in_one_line_and_the_rest_extracted(runner, tmp_path):
    (tmp_path / "long.txt").write_text("Nokia criticized Ericsson. " * 40, encoding="utf-8")
    (tmp_path / "one.txt").write_text(TEXT, encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(tmp_path), "--max-article-chars", "500"])
    assert result.exit_code == EXIT_SKIPPED, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {(r["subject"], r["relation"], r["object"], r["sentence"] in TEXT) for r in rows} == {
        ("Cisco", "SUES", "Apple", True),
        ("Nokia", "CRITICIZES", "Apple", True),
        ("Ericsson", "CRITICIZES", "Apple", True),
    }
    assert result.stderr.splitlines() == [
        f"skipped: {tmp_path / 'long.txt'}: article 'sha1:483ac94baa8ff8d9' has 1,079 characters, more than "
        "--max-article-chars 500; split it into articles, or read it whole with --max-article-chars 1079",
        "read 1 article from 2 files, skipped 1; 3 triples",
    ]


@pytest.mark.model
def test_extract_reads_stdin_and_prints_a_table(runner):
    result = runner.invoke(cli, ["extract", "-", "--format", "table"], input=TEXT)
    assert result.exit_code == 0, result.output
    header, rule, *rows = result.stdout.splitlines()
    assert header.split()[:3] == ["subject", "relation", "object"]
    assert set(rule.replace(" ", "")) == {"-"}
    assert len(rows) == 3


@pytest.mark.model
def test_load_twice_changes_nothing(runner, articles, tmp_path):
    graph = tmp_path / "g.json"
    first = runner.invoke(cli, ["load", str(articles), "--graph", str(graph), "--json"])
    assert first.exit_code == EXIT_SKIPPED, first.output
    summary = json.loads(first.stdout)
    assert summary["actors_created"] == 6 and summary["written"] is True
    before = graph.read_bytes()
    second = runner.invoke(cli, ["load", str(articles), "--graph", str(graph), "--json"])
    again = json.loads(second.stdout)
    assert (again["actors_created"], again["links_created"], again["evidence_added"], again["written"]) == (
        0,
        0,
        0,
        False,
    )
    assert graph.read_bytes() == before
    assert "(unchanged)" in second.stderr


@pytest.mark.model
def test_graph_path_from_the_environment(runner, articles, tmp_path):
    graph = tmp_path / "env.json"
    result = runner.invoke(cli, ["load", str(articles / "one.txt"), "-q"], env={"GRAPHBUILD_GRAPH": str(graph)})
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert graph.exists()
    stats = runner.invoke(cli, ["stats", "--json"], env={"GRAPHBUILD_GRAPH": str(graph)})
    assert json.loads(stats.stdout)["disputes"] == 3


@pytest.fixture
def loaded(runner, articles, tmp_path):
    graph = tmp_path / "g.json"
    assert runner.invoke(cli, ["load", str(articles), "--graph", str(graph), "-q"]).exit_code == EXIT_SKIPPED
    return graph


@pytest.mark.model
def test_query_prints_a_table_or_json(runner, loaded):
    table = runner.invoke(cli, ["query", "disputes", "--graph", str(loaded)])
    assert table.exit_code == 0, table.output
    lines = table.stdout.splitlines()
    assert lines[0].split() == ["actor", "target", "relations", "mentions", "first_seen", "last_seen"]
    assert len(lines) == 2 + 3  # header, rule, three disputes (the negated lawsuit is not one)
    rows = [
        json.loads(x)
        for x in runner.invoke(
            cli, ["query", "rivals-of", "-p", "actor=apple", "--graph", str(loaded), "--json"]
        ).stdout.splitlines()
    ]
    assert sorted(r["rival"] for r in rows) == ["Cisco", "Ericsson", "Nokia"]
    assert {r["direction"] for r in rows} == {"from"}


@pytest.mark.model
def test_query_errors_say_what_to_do(runner, loaded, tmp_path):
    unknown = runner.invoke(cli, ["query", "friends", "--graph", str(loaded)])
    assert unknown.exit_code == 1 and "No canned question 'friends'" in unknown.stderr
    missing = runner.invoke(cli, ["query", "allies-of", "--graph", str(loaded)])
    assert missing.exit_code == 1 and "needs --param actor=" in missing.stderr
    bad = runner.invoke(cli, ["query", "alliances", "-p", "limit=many", "--graph", str(loaded)])
    assert bad.exit_code == 1 and "whole number" in bad.stderr
    usage = runner.invoke(cli, ["query", "alliances", "-p", "limit", "--graph", str(loaded)])
    assert usage.exit_code == 2
    nograph = runner.invoke(cli, ["query", "alliances", "--graph", str(tmp_path / "none.json")])
    assert nograph.exit_code == 1 and "Load articles first" in nograph.stderr


def test_queries_lists_every_question(runner):
    result = runner.invoke(cli, ["queries", "--json"])
    names = [json.loads(line)["name"] for line in result.stdout.splitlines()]
    assert sorted(names) == sorted(p.stem for p in Path(__file__).parents[2].joinpath("queries").glob("*.cypher"))
    assert {"alliances", "disputes", "allies-of", "rivals-of", "common-enemies", "evidence", "timeline"} <= set(names)
    table = runner.invoke(cli, ["queries"])
    assert "allies-of" in table.stdout and "actor=…" in table.stdout


@pytest.mark.model
@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_export_formats_read_back(runner, loaded, tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    result = runner.invoke(cli, ["export", "--graph", str(loaded), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    if fmt == "graphml":
        G = nx.read_graphml(out)
    elif fmt == "gexf":
        G = nx.read_gexf(out)
    else:
        G = nx.node_link_graph(json.loads(out.read_text()), edges="links")
    assert G.number_of_nodes() == 6


@pytest.mark.model
def test_stats_table(runner, loaded):
    result = runner.invoke(cli, ["stats", "--graph", str(loaded)])
    assert result.exit_code == 0
    counts = dict(line.rsplit(None, 1) for line in result.stdout.splitlines()[2:])
    assert counts["articles"] == "3" and counts["alliances"] == "1" and counts["negated"] == "1"


def test_missing_model_is_one_clear_line(runner, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(path), "--model", "no_such_model_xyz"])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "Can't load spaCy model 'no_such_model_xyz'" in result.stderr and "pip install" in result.stderr


def test_python_dash_m_runs_the_same_command():
    result = subprocess.run(
        [sys.executable, "-m", "graphbuild", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.startswith("graphbuild, version ")


@pytest.mark.model
def test_progress_shows_done_and_total_on_a_terminal_and_nothing_elsewhere(tmp_path):
    import pty

    examples = str(Path(__file__).resolve().parents[2] / "examples" / "articles")
    command = [sys.executable, "-m", "graphbuild", "extract", examples, "--format", "jsonl"]
    master, terminal = pty.openpty()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=terminal)
    os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the terminal closed
            break
        if not chunk:
            break
        shown += chunk
    stdout = proc.stdout.read()
    assert proc.wait() == 0
    text = shown.decode()
    assert "articles" in text and "6/6" in text, text
    assert all(json.loads(line) for line in stdout.decode().splitlines())  # data stays clean
    quiet = subprocess.run(command, capture_output=True, text=True)
    assert "6/6" not in quiet.stderr and "articles  [" not in quiet.stderr


@pytest.mark.model
def test_loading_more_articles_adds_to_the_graph(runner, articles, tmp_path):
    graph = tmp_path / "g.json"
    runner.invoke(cli, ["load", str(articles / "one.txt"), "--graph", str(graph), "-q"])
    first = json.loads(runner.invoke(cli, ["stats", "--graph", str(graph), "--json"]).stdout)
    result = runner.invoke(cli, ["load", str(articles / "two.jsonl"), "--graph", str(graph), "--json", "-q"])
    assert json.loads(result.stdout)["actors_created"] == 2  # Nissan, Renault
    second = json.loads(runner.invoke(cli, ["stats", "--graph", str(graph), "--json"]).stdout)
    assert (first["articles"], second["articles"]) == (1, 3)
    assert second["links"] == first["links"] + 2


@pytest.mark.model
def test_hypothetical_links_are_kept_only_on_request(runner):
    text = "Osteria could sue Marrenland. Osteria will sue Kestrel Motors.\n"
    default = runner.invoke(cli, ["extract", "-", "-q"], input=text)
    rows = [json.loads(line) for line in default.stdout.splitlines()]
    assert [(r["object"], r["modality"]) for r in rows] == [("Kestrel Motors", "planned")]
    kept = runner.invoke(cli, ["extract", "-", "-q", "--hypothetical"], input=text)
    rows = [json.loads(line) for line in kept.stdout.splitlines()]
    assert sorted((r["object"], r["modality"]) for r in rows) == [
        ("Kestrel Motors", "planned"),
        ("Marrenland", "hypothetical"),
    ]


@pytest.mark.model
@pytest.mark.slow
def test_two_processes_give_the_same_triples(runner, monkeypatch):
    import graphbuild.run as pipeline

    used = []
    real = pipeline._extract_in_processes

    def spy(*args, **kwargs):
        used.append(args[5])  # n_process
        yield from real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "_extract_in_processes", spy)
    examples = str(Path(__file__).resolve().parents[2] / "examples" / "articles")
    one = runner.invoke(cli, ["extract", examples, "-q"])
    two = runner.invoke(cli, ["extract", examples, "-q", "--processes", "2"])
    assert used == [2]
    assert two.exit_code == 0, two.output
    assert two.stdout == one.stdout and one.stdout
