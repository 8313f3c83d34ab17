"""The benchmark runs, at a small size, and writes every section it measures. No timing is
asserted: the machine is shared, and figures belong in the README, not in a test."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [pytest.mark.model, pytest.mark.slow]


def test_benchmark_runs_and_writes_its_table(tmp_path):
    out = tmp_path / "bench.json"
    env = dict(os.environ)
    if env.get("GRAPHBUILD_TEST_NEO4J_URI"):
        env.setdefault("GRAPHBUILD_BENCH_NEO4J_URI", env["GRAPHBUILD_TEST_NEO4J_URI"])
        env.setdefault("GRAPHBUILD_BENCH_NEO4J_PASSWORD", env.get("GRAPHBUILD_TEST_NEO4J_PASSWORD", ""))
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "bench.py"),
            *("--articles", "3", "--rounds", "2"),
            *("--loader-rounds", "3", "--json", str(out)),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    figures = json.loads(out.read_text())
    assert (figures["articles"], figures["rounds"]) == (3, 2)
    assert figures["throughput"]["words"] > 0
    # every comparison: paired rounds, the median ratio inside its range, CPU beside wall time
    comparisons = [(figures["throughput"][name], 2) for name in ("vs_raw_parse", "vs_tuned_parse")]
    comparisons.append((figures["scaling"], 2))
    if env.get("GRAPHBUILD_BENCH_NEO4J_URI"):
        neo4j = figures["neo4j"]
        # the loader rows in their own number of pairs (--loader-rounds)
        comparisons += [(neo4j["vs_plain_create"], 3), (neo4j["vs_merge_per_transaction"], 3)]
        assert "in 3 paired rounds" in result.stdout
        assert neo4j["triples"] > 0 and neo4j["second_load_wrote"] is False  # the second load writes nothing
        assert neo4j["link_rows"] == neo4j["links"]  # each link merged once
        assert figures["processes"]["backend"] == "neo4j"
        for step in ("first_load", "second_load", "question"):
            assert figures["processes"][f"{step}_wall_s"]["median"] > 0
    for pair, rounds in comparisons:
        assert pair["rounds"] == rounds and 0 < pair["ratio"]["min"] <= pair["ratio"]["median"] <= pair["ratio"]["max"]
        assert pair["a_cpu_s"]["median"] > 0 and pair["cpu_ratio"]["median"] >= 0  # CPU ticks are 10 ms
    # the memory ratio: the same articles four times over against once
    assert 0 < figures["memory"]["ratio"]["median"] and figures["memory"]["once_mib"]["median"] > 0
    # whole processes on the embedded file always: loads, a question, and the question paired
    # with importing what it needs
    embedded = figures["processes_embedded"]
    assert embedded["backend"] == "embedded" and figures["process_articles"] == 3
    for step in ("first_load", "second_load", "question"):
        assert embedded[f"{step}_wall_s"]["median"] > 0
    floor = embedded["question_vs_imports"]
    assert floor["rounds"] == 2 and 0 < floor["ratio"]["min"] <= floor["ratio"]["median"] <= floor["ratio"]["max"]
    assert "question / importing click, networkx" in result.stdout
    assert "extraction / raw nlp.pipe" in result.stdout and "second load time / first" in result.stdout
    assert "whole processes" in result.stdout


def test_pathological_input_benchmark_runs_a_case_and_writes_its_table(tmp_path):
    out = tmp_path / "inputs.json"
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench_inputs.py"), "--case", "run-on-20k", "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    good, run_on = json.loads(out.read_text())
    assert (good["case"], run_on["case"]) == ("good-article", "run-on-20k")  # the floor comes first
    assert good["ok"] and run_on["ok"] and run_on["chars"] == 20_000
    assert 0 < run_on["peak_rss_mib"]["median"] <= 2048 and run_on["last"]["good_link"]
    assert "run-on-20k" in result.stdout and "µs/char" in result.stdout


def test_against_a_commit_times_both_sides_on_the_same_articles(tmp_path):
    # the "past commit" is HEAD, in a checkout made by hand that runs this interpreter, so no
    # venv is built; what is checked is the shape of the figures, not the speed
    old = tmp_path / "old"
    (old / ".venv" / "bin").mkdir(parents=True)
    python = old / ".venv" / "bin" / "python"
    python.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
    python.chmod(0o755)
    shutil.copytree(ROOT / "graphbuild", old / "graphbuild", ignore=shutil.ignore_patterns("__pycache__"))
    articles = tmp_path / "two.jsonl"
    articles.write_text("".join((ROOT / "tests" / "corpus" / "articles.jsonl").read_text().splitlines(True)[:2]))
    out = tmp_path / "against.json"
    cmd = [sys.executable, str(ROOT / "scripts" / "bench_against.py"), "HEAD", "--old", str(old)]
    cmd += ["--corpus", str(articles), "--rounds", "2", "--json", str(out)]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    figures = json.loads(out.read_text())
    assert (figures["articles"], figures["rounds"]) == (2, 2) and figures["words"] > 0
    for ratio in (figures["ratio"], figures["cpu_ratio"]):
        assert 0 < ratio["min"] <= ratio["median"] <= ratio["max"]
    for side in (figures["current"], figures["old"]):
        assert side["triples"] > 0 and side["words_per_s"] > 0 and side["spacy"] and side["thinc"]
        assert side["same_every_round"]
    assert figures["old"]["graphbuild"] == str(old / "graphbuild")  # each side ran its own checkout
    assert figures["identical"]  # the same code on both sides
    assert "extraction words/s / HEAD's (whole process)" in result.stdout
