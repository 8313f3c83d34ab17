"""Loads running at once into one Neo4j database, on the real test server: four loads of
different articles that share actors and links end with exactly what loading them one after
the other gives, every sentence of evidence on every link, and no link twice."""

from __future__ import annotations

import threading
from collections.abc import Sequence

import pytest
from graph_fixtures import triple

from graphbuild.backends.neo4j.connection import connect
from graphbuild.backends.neo4j.writer import load_neo4j
from graphbuild.types import Article, Triple

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]

ACTORS = ("Harbor Lines", "Quill Bank", "Tessaro", "Marrow Energy", "Ostrava Port Authority", "Linden Foods")
RELATIONS = ("SUES", "SIGNS_DEAL_WITH", "CRITICIZES", "SUPPORTS")
LOADS = 4
ARTICLES_PER_LOAD = 24
TRIALS = 3


def _pairs(group: str, count: int) -> list[tuple[Article, list[Triple]]]:
    """``count`` articles, each stating the same few links between the same actors, so every
    load appends evidence to every link, and writing one actor its own way, so every load
    adds aliases to it."""
    pairs = []
    for n in range(count):
        article = f"{group}-{n:03d}"
        found = []
        for k, relation in enumerate(RELATIONS):
            subject, target = ACTORS[k % len(ACTORS)], ACTORS[(k + 1 + n % 3) % len(ACTORS)]
            written = f"{subject} {n:03d}" if k == 0 else subject
            found.append(
                triple(
                    subject,
                    relation,
                    target,
                    article=article,
                    sentence_start=40 * k,
                    date="2024-05-01",
                    subject_text=written,
                )
            )
        pairs.append((Article(id=article, text=f"text of {article}", title=article), found))
    return pairs


def _links(driver) -> dict[tuple[str, str, str], tuple[int, list[str], int]]:
    """Each link by its ends and type: its count, its evidence keys (sorted) and how many
    relationships carry it (more than one is a duplicate)."""
    records = driver.execute_query(
        "MATCH (a:Actor)-[r]->(b:Actor) RETURN a.name AS a, type(r) AS type, b.name AS b, "
        "r.count AS count, r.evidence_key AS keys"
    ).records
    links: dict[tuple[str, str, str], tuple[int, list[str], int]] = {}
    for r in records:
        key = (r["a"], r["type"], r["b"])
        seen = links.get(key)
        links[key] = (r["count"], sorted(r["keys"]), 1 + (seen[2] if seen else 0))
    return links


def _actors(driver) -> dict[str, list[str]]:
    records = driver.execute_query("MATCH (n:Actor) RETURN n.name AS name, n.alias_articles AS sources").records
    return {r["name"]: sorted(r["sources"]) for r in records}


def _load_all_at_once(settings, groups: Sequence[list[tuple[Article, list[Triple]]]]) -> list[BaseException]:
    """Each group loaded by its own driver in its own thread, all started together; the
    links are written after every two articles, so the loads' writes interleave."""
    start = threading.Barrier(len(groups))
    failures: list[BaseException] = []

    def run(pairs: list[tuple[Article, list[Triple]]]) -> None:
        driver = connect(settings)
        try:
            start.wait()
            load_neo4j(driver, pairs, batch_size=2, chunk_articles=2, max_pending_evidence=1)
        except BaseException as e:  # reported by the test, not lost in the thread
            failures.append(e)
        finally:
            driver.close()

    threads = [threading.Thread(target=run, args=(pairs,)) for pairs in groups]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return failures


def test_loads_running_at_once_lose_no_evidence(neo4j_settings, neo4j_driver):
    preloaded = _pairs("base", 1)  # some of the links, the others are new to every load
    groups = [_pairs(f"load{g}", ARTICLES_PER_LOAD) for g in range(LOADS)]

    load_neo4j(neo4j_driver, preloaded)
    for pairs in groups:
        load_neo4j(neo4j_driver, pairs)
    sequential, sequential_actors = _links(neo4j_driver), _actors(neo4j_driver)
    assert all(copies == 1 for _, _, copies in sequential.values())
    assert sum(count for count, _, _ in sequential.values()) == len(RELATIONS) * (1 + LOADS * ARTICLES_PER_LOAD)

    for trial in range(TRIALS):
        neo4j_driver.execute_query("MATCH (n) DETACH DELETE n")
        load_neo4j(neo4j_driver, preloaded)
        assert _load_all_at_once(neo4j_settings, groups) == []
        concurrent = _links(neo4j_driver)
        lost = sum(len(sequential[k][1]) for k in sequential) - sum(len(v[1]) for v in concurrent.values())
        assert concurrent == sequential, f"trial {trial + 1}: {lost} evidence sentences lost or duplicated"
        assert all(count == len(keys) for count, keys, _ in concurrent.values())
        assert _actors(neo4j_driver) == sequential_actors, f"trial {trial + 1}: aliases lost"
