"""graphbuild's benchmark: every comparison side by side, in one run, as a ratio.

    scripts/bench                       # the Wikinews articles beside the project, repeated to 500
    scripts/bench --articles 2000 --corpus my.jsonl --json results.json

Measures extraction against parsing alone, two processes against one, peak memory over four
times the corpus against once, and (when a Neo4j server for benchmarks is given) the batched
idempotent loader against a plain UNWIND CREATE and against one MERGE per transaction. The
machine is shared and noisy: only ratios are compared, and each pair runs back to back.

The Neo4j part wipes the database it is given: it uses GRAPHBUILD_BENCH_NEO4J_URI and
GRAPHBUILD_BENCH_NEO4J_PASSWORD, else the test server's GRAPHBUILD_TEST_NEO4J_* (scripts/test
starts it), never NEO4J_URI.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

from graphbuild.backends.embedded import load_into
from graphbuild.graph import KnowledgeGraph
from graphbuild.nlp import extraction_text, model_id
from graphbuild.read import read_articles
from graphbuild.run import extract_triples, fast_pipeline

ROOT = Path(__file__).resolve().parents[1]
WIKINEWS = ROOT.parent / "shared" / "data" / "external" / "wikinews"


def corpus(paths: list[str], n: int) -> list:
    """The articles of ``paths``, repeated (with fresh ids) until there are ``n``."""
    base = list(read_articles(paths))
    if not base:
        sys.exit(f"bench: no articles in {paths}")
    return [replace(base[i % len(base)], id=f"{base[i % len(base)].id}#{i // len(base)}") for i in range(n)]


def words(articles) -> int:
    return sum(len(extraction_text(a).split()) for a in articles)


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def shipped_pipeline():
    """The model package exactly as it ships, every default component on: raw ``nlp.pipe``."""
    from graphbuild.nlp import DEFAULT_MODELS, _try_load

    for name in DEFAULT_MODELS:
        nlp = _try_load(name)
        if nlp is not None:
            return nlp
    sys.exit("bench: no English spaCy model is installed")


def throughput(nlp, articles, batch_size: int, rounds: int) -> dict:
    """Extraction against the raw ``nlp.pipe`` of the shipped pipeline (the target), and,
    for the record, against parsing alone with graphbuild's own settings of that pipeline
    (lemmas on demand, NumPy's matrix multiply), which isolates the grammar's cost."""
    texts = [extraction_text(a) for a in articles]
    n_words = words(articles)
    raw_nlp = shipped_pipeline()
    raw, tuned, extract = [], [], []
    for _ in range(rounds):  # interleaved, so all three see the same machine
        raw.append(timed(lambda: [None for _ in raw_nlp.pipe(texts, batch_size=batch_size)]))
        tuned.append(timed(lambda: [None for _ in nlp.pipe(texts, batch_size=batch_size)]))
        extract.append(timed(lambda: [None for _ in extract_triples(articles, nlp=nlp, batch_size=batch_size)]))
    return {
        "words": n_words,
        "parse_words_per_s": round(n_words / min(raw)),
        "tuned_parse_words_per_s": round(n_words / min(tuned)),
        "extract_words_per_s": round(n_words / min(extract)),
        "ratio": round(min(raw) / min(extract), 3),
        "vs_tuned_parse": round(min(tuned) / min(extract), 3),
    }


def scaling(nlp, articles, batch_size: int) -> dict:
    one = timed(lambda: [None for _ in extract_triples(articles, nlp=nlp, batch_size=batch_size, n_process=1)])
    two = timed(lambda: [None for _ in extract_triples(articles, nlp=nlp, batch_size=batch_size, n_process=2)])
    return {"one_process_s": round(one, 2), "two_processes_s": round(two, 2), "ratio": round(one / two, 3)}


def child_peak_rss(args, n: int) -> int:
    """Peak RSS (KiB) of a fresh process that extracts ``n`` articles and keeps nothing."""
    cmd = [sys.executable, __file__, "--child-extract", str(n), "--batch-size", str(args.batch_size)]
    cmd += [c for p in args.corpus for c in ("--corpus", p)]
    result = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return int(result.stdout.strip().splitlines()[-1])


def memory(args) -> dict:
    once = child_peak_rss(args, args.articles)
    four = child_peak_rss(args, 4 * args.articles)
    return {"once_mib": round(once / 1024), "four_times_mib": round(four / 1024), "ratio": round(four / once, 3)}


def neo4j_load(kg: KnowledgeGraph, triples: list) -> dict | None:
    uri = os.environ.get("GRAPHBUILD_BENCH_NEO4J_URI") or os.environ.get("GRAPHBUILD_TEST_NEO4J_URI")
    password = os.environ.get("GRAPHBUILD_BENCH_NEO4J_PASSWORD") or os.environ.get("GRAPHBUILD_TEST_NEO4J_PASSWORD")
    if not uri or not password:
        return None
    from graphbuild.backends.neo4j.connection import connect
    from graphbuild.backends.neo4j.settings import Neo4jSettings
    from graphbuild.backends.neo4j.writer import write_neo4j

    driver = connect(Neo4jSettings(uri=uri, password=password))

    def wipe() -> None:
        with driver.session() as session:  # CALL ... IN TRANSACTIONS needs an auto-commit query
            session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()

    # the floor: the very rows the loader writes (articles, actors, links with all their
    # properties, article mentions), written with plain CREATE and nothing merged or checked
    from graphbuild.backends.neo4j.writer import _edge_row

    article_rows = [{"id": k, **{f: v for f, v in meta.items() if v is not None}} for k, meta in kg.articles.items()]
    actor_rows = [{"id": n.id, "name": n.name, "type": n.type, "aliases": list(n.aliases)} for n in kg.nodes.values()]
    link_rows = [{**_edge_row(e), "relation": e.relation} for e in kg.edges.values()]
    mention_rows = sorted(
        {(e.article, n) for edge in kg.edges.values() for e in edge.evidence for n in (edge.source, edge.target)}
    )
    mention_rows = [{"article": a, "actor": n} for a, n in mention_rows]
    rows = [
        {"s": t.subject, "o": t.object, "relation": t.relation, "sentence": t.sentence, "article": t.article}
        for t in triples
    ]
    n = len(rows)
    driver.execute_query("CREATE INDEX bench_actor_id IF NOT EXISTS FOR (n:BenchActor) ON (n.id)")
    driver.execute_query("CREATE INDEX bench_article_id IF NOT EXISTS FOR (n:BenchArticle) ON (n.id)")
    # warm up both ways of writing, so neither pays the server's query planning in the timing
    small = KnowledgeGraph(articles=dict(kg.articles), nodes=dict(kg.nodes), edges=dict(list(kg.edges.items())[:20]))
    write_neo4j(driver, small)
    wipe()
    first = timed(lambda: write_neo4j(driver, kg))
    second_summary = []
    second = timed(lambda: second_summary.append(write_neo4j(driver, kg)))
    wipe()

    def plain_create() -> None:
        statements = [
            ("UNWIND $rows AS row CREATE (n:BenchArticle) SET n = row", article_rows),
            ("UNWIND $rows AS row CREATE (n:BenchActor) SET n = row", actor_rows),
            (
                "UNWIND $rows AS row MATCH (a:BenchActor {id: row.source}) MATCH (b:BenchActor {id: row.target}) "
                "CREATE (a)-[r:$(row.relation)]->(b) SET r = row",
                link_rows,
            ),
            (
                "UNWIND $rows AS row MATCH (a:BenchArticle {id: row.article}) MATCH (b:BenchActor {id: row.actor}) "
                "CREATE (a)-[:MENTIONS]->(b)",
                mention_rows,
            ),
        ]
        for cypher, all_rows in statements:
            for i in range(0, len(all_rows), 1000):
                driver.execute_query(cypher, rows=all_rows[i : i + 1000])

    plain_create()  # warm-up, as the loader had
    wipe()
    plain = timed(plain_create)
    wipe()
    sample = rows[: min(n, 300)]  # the tutorial way is slow: time a sample, compare rates

    def one_merge_each() -> None:
        with driver.session() as session:
            for row in sample:
                session.execute_write(
                    lambda tx, row=row: tx.run(
                        "MERGE (a:BenchActor {name: $s}) MERGE (b:BenchActor {name: $o}) "
                        "MERGE (a)-[r:BENCH_LINK {relation: $relation}]->(b) SET r.sentence = $sentence",
                        **row,
                    ).consume()
                )

    naive = timed(one_merge_each)
    wipe()
    driver.close()
    ours_rate, plain_rate, naive_rate = n / first, n / plain, len(sample) / naive
    return {
        "triples": n,
        "loader_triples_per_s": round(ours_rate),
        "plain_create_triples_per_s": round(plain_rate),
        "merge_per_transaction_triples_per_s": round(naive_rate),
        "vs_plain_create": round(ours_rate / plain_rate, 3),
        "vs_merge_per_transaction": round(ours_rate / naive_rate, 1),
        "plain_create_vs_merge_per_transaction": round(plain_rate / naive_rate, 1),
        "second_load_s": round(second, 3),
        "first_load_s": round(first, 3),
        "second_over_first": round(second / first, 3),
        "second_load_wrote": second_summary[0].wrote,
    }


TARGETS = [
    ("extraction / raw nlp.pipe", ("throughput", "ratio"), ">=", 1.0),
    ("extraction / graphbuild's parse alone", ("throughput", "vs_tuned_parse"), "", None),
    ("2 processes / 1", ("scaling", "ratio"), ">=", 1.7),
    ("peak RSS 4x corpus / 1x", ("memory", "ratio"), "<=", 1.2),
    ("loader / plain UNWIND CREATE", ("neo4j", "vs_plain_create"), ">=", 0.5),
    ("loader / one MERGE per transaction", ("neo4j", "vs_merge_per_transaction"), ">=", 20.0),
    ("plain UNWIND CREATE / one MERGE per tx", ("neo4j", "plain_create_vs_merge_per_transaction"), "", None),
    ("second load time / first", ("neo4j", "second_over_first"), "<=", 0.3333),
]


def table(results: dict) -> str:
    lines = [f"{'measure':<38} {'figure':>10}  {'target':>8}  status", "-" * 68]
    for label, (section, key), op, target in TARGETS:
        value = (results.get(section) or {}).get(key)
        if value is None:
            lines.append(f"{label:<38} {'-':>10}  {op}{target or '':<7}  not run")
            continue
        if target is None:
            lines.append(f"{label:<38} {value:>10}  {'':<8}  (for the record)")
            continue
        met = value >= target if op == ">=" else value <= target
        lines.append(f"{label:<38} {value:>10}  {op}{target:<7}  {'met' if met else 'MISSED'}")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=500, help="corpus size (articles)")
    ap.add_argument("--corpus", action="append", default=[], help="JSONL/CSV of articles (default: Wikinews)")
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--rounds", type=int, default=2, help="interleaved rounds of parse vs extract")
    ap.add_argument("--json", default=str(ROOT / "bench-results" / "bench.json"), help="where to write the JSON")
    ap.add_argument("--skip", action="append", default=[], choices=["scaling", "memory", "neo4j"])
    ap.add_argument("--child-extract", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if not args.corpus:  # the Wikinews articles beside the project, else the project's own corpus
        args.corpus = [str(p) for p in sorted(WIKINEWS.glob("*")) if p.suffix in {".jsonl", ".csv"}] or [
            str(ROOT / "tests" / "corpus" / "articles.jsonl")
        ]
    nlp = fast_pipeline()  # as the commands run it
    if args.child_extract:
        for _ in extract_triples(iter(corpus(args.corpus, args.child_extract)), nlp=nlp, batch_size=args.batch_size):
            pass
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
        return
    articles = corpus(args.corpus, args.articles)
    results: dict = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "model": model_id(nlp),
        "articles": len(articles),
    }
    results["throughput"] = throughput(nlp, articles, args.batch_size, args.rounds)
    if "scaling" not in args.skip:
        results["scaling"] = scaling(nlp, articles, args.batch_size)
    if "memory" not in args.skip:
        results["memory"] = memory(args)
    if "neo4j" not in args.skip:
        kg = KnowledgeGraph()
        pairs = list(extract_triples(articles, nlp=nlp, batch_size=args.batch_size))
        load_into(kg, pairs)
        results["neo4j"] = neo4j_load(kg, [t for _, ts in pairs for t in ts])
    print(
        f"{len(articles)} articles, {results['throughput']['words']} words, model {results['model']}, "
        f"{results['machine']['cpus']} CPUs"
    )
    print(table(results))
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(results, indent=1) + "\n")
    print(f"written: {args.json}")


if __name__ == "__main__":
    main()
