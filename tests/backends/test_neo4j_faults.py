"""Faults on the real test server: the server stopped in the middle of a load, a load killed
halfway. In each case running the same load again gives exactly the graph a clean load gives."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from neo4j import GraphDatabase

from graphbuild.backends.embedded import load_into
from graphbuild.backends.neo4j.connection import connect
from graphbuild.backends.neo4j.writer import write_neo4j
from graphbuild.errors import BackendError
from graphbuild.graph import KnowledgeGraph
from graphbuild.read import read_articles
from graphbuild.run import extract_triples

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "test-neo4j"
EXAMPLES = ROOT / "examples" / "articles"
CORPUS = ROOT / "tests" / "corpus" / "articles.jsonl"

pytestmark = [pytest.mark.neo4j, pytest.mark.model, pytest.mark.slow]


def snapshot(driver) -> dict[str, list]:
    """Everything in the database, in an order-free form: evidence lists as sorted sets."""
    nodes = driver.execute_query("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props").records
    links = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS type, b.id AS b, properties(r) AS props"
    ).records
    out_nodes = sorted(json.dumps([sorted(r["labels"]), _plain(r["props"])], sort_keys=True) for r in nodes)
    out_links = sorted(json.dumps([r["a"], r["type"], r["b"], _plain(r["props"])], sort_keys=True) for r in links)
    return {"nodes": out_nodes, "links": out_links}


def _plain(props: dict) -> dict:
    evidence = sorted(zip(*(props.pop(k) for k in sorted(props) if k.startswith("evidence_")), strict=True))
    return {**{k: sorted(v) if isinstance(v, list) else v for k, v in props.items()}, "evidence": evidence}


def _script(*args: str) -> None:
    result = subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr


@pytest.fixture
def corpus_graph(nlp) -> KnowledgeGraph:
    articles = list(read_articles([str(EXAMPLES), str(CORPUS)]))
    kg = KnowledgeGraph()
    load_into(kg, extract_triples(articles, nlp=nlp))
    assert len(kg.edges) > 20
    return kg


def test_server_stopped_mid_load_then_the_same_load_completes_the_graph(neo4j_settings, neo4j_driver, corpus_graph):
    write_neo4j(neo4j_driver, corpus_graph)
    clean = snapshot(neo4j_driver)
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n")

    # a driver that gives up quickly once the server is gone (the default retries for 30 s)
    driver = GraphDatabase.driver(
        neo4j_settings.uri, auth=(neo4j_settings.user, neo4j_settings.password), max_transaction_retry_time=1.0
    )
    link_batches = {"n": 0}
    run = driver.execute_query

    def stop_after_some_writes(query, *args, **kwargs):
        if "MERGE (a)-[r:" in query:
            link_batches["n"] += 1
            if link_batches["n"] == 3:  # articles and actors are in, two batches of links too
                _script("stop")
        return run(query, *args, **kwargs)

    driver.execute_query = stop_after_some_writes  # type: ignore[method-assign]
    try:
        with pytest.raises(BackendError) as failure:
            write_neo4j(driver, corpus_graph, batch_size=5)
    finally:
        driver.close()
        _script("start")
    message = str(failure.value)
    assert "Run the same load again once the server is back" in message
    assert neo4j_settings.password not in message and "\n" not in message

    again = connect(neo4j_settings)
    try:
        partial = snapshot(again)
        assert link_batches["n"] == 3
        assert partial["nodes"] and partial["links"] and partial != clean  # the fault left a part of the graph
        write_neo4j(again, corpus_graph, batch_size=5)
        assert snapshot(again) == clean
        assert not write_neo4j(again, corpus_graph).wrote  # and a further load changes nothing
    finally:
        again.close()


def test_a_load_killed_halfway_is_completed_by_running_it_again(neo4j_env, neo4j_driver, tmp_path):
    source = tmp_path / "articles.jsonl"
    lines = [
        json.dumps({"id": f"ex{i}", "text": a.text, "title": a.title})
        for i, a in enumerate(read_articles([str(EXAMPLES)]))
    ]
    lines += CORPUS.read_text(encoding="utf-8").splitlines()
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    command = [sys.executable, "-m", "graphbuild", "load", str(source), "--write-batch-size", "1", "-q"]
    env = {**os.environ, **neo4j_env}

    subprocess.run(command, env=env, check=True, timeout=600)
    clean = snapshot(neo4j_driver)
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n")

    load = subprocess.Popen(command, env=env)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and load.poll() is None:
        # kill it while links are being written, before the mentions and the load keys
        [record] = neo4j_driver.execute_query("MATCH (:Actor)-[r]->(:Actor) RETURN count(r) AS n").records
        if record["n"] > 0:
            break
        time.sleep(0.05)
    load.send_signal(signal.SIGKILL)
    load.wait(timeout=60)
    assert load.returncode == -signal.SIGKILL, "the load finished before it could be killed"
    partial = snapshot(neo4j_driver)
    assert partial != clean and len(partial["links"]) < len(clean["links"])

    subprocess.run(command, env=env, check=True, timeout=600)
    assert snapshot(neo4j_driver) == clean
