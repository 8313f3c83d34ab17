"""graphbuild's benchmark: every comparison side by side, in one run, as a ratio.

    scripts/bench                       # the Wikinews articles beside the project, repeated to 500
    scripts/bench --articles 2000 --corpus my.jsonl --json results.json

Extraction against parsing alone, two processes against one, peak memory over the same
articles four times against once, the batched idempotent loader against a plain UNWIND
CREATE and against one MERGE per transaction on a constrained property, and whole
``graphbuild`` processes (a first load, a second load, a question); with ``--against REF``,
whole ``graphbuild extract`` processes of this checkout against a past commit, run with that
commit's own dependencies (``scripts/bench_against.py``). Each comparison runs in paired
rounds, the order rotated (AB, BA, ...): the median of the per-round ratios, their range,
and CPU time (this process and its waited children; not the Neo4j server's) beside
wall time, for the machine is shared and noisy.

The Neo4j part wipes the database it is given: GRAPHBUILD_BENCH_NEO4J_URI and
GRAPHBUILD_BENCH_NEO4J_PASSWORD, else the test server's GRAPHBUILD_TEST_NEO4J_*, never NEO4J_URI.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, replace
from importlib.metadata import version
from pathlib import Path

from graphbuild.backends.embedded import load_into
from graphbuild.graph import KnowledgeGraph
from graphbuild.nlp import extraction_text, model_id
from graphbuild.read import read_articles
from graphbuild.run import extract_triples, fast_pipeline

ROOT = Path(__file__).resolve().parents[1]
WIKINEWS = ROOT.parent / "shared" / "data" / "external" / "wikinews"


def corpus(paths: list[str], n: int, *, repeat: int = 1) -> list:
    """The articles of ``paths``, cycled (with fresh ids) until there are ``n``, then the same
    ``n`` articles ``repeat`` times over (fresh ids again)."""
    base = list(read_articles(paths))
    if not base:
        sys.exit(f"bench: no articles in {paths}")
    return [
        replace(base[i % len(base)], id=f"{base[i % len(base)].id}#{i // len(base)}@{r}")
        for r in range(repeat)
        for i in range(n)
    ]


def repeated(pairs: list, n: int) -> list:
    """``n`` extracted articles: ``pairs`` cycled, each copy under a fresh id (its triples with
    it), as a load of that many articles would find them, without parsing them again."""
    out = []
    for i in range(n):
        article, found = pairs[i % len(pairs)]
        aid = f"{article.id}+{i // len(pairs)}"
        out.append((replace(article, id=aid), [replace(t, article=aid) for t in found]))
    return out


def words(articles) -> int:
    return sum(len(extraction_text(a).split()) for a in articles)


def measured(fn: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds of ``fn()``: CPU of this process and of the children it waited for."""
    before, start = os.times(), time.perf_counter()
    fn()
    wall, after = time.perf_counter() - start, os.times()
    cpu = sum(after[i] - before[i] for i in range(4))  # user, sys, children's user, children's sys
    return wall, cpu


def spread(values: list[float], digits: int = 3) -> dict:
    return {key: round(fn(values), digits) for key, fn in (("median", statistics.median), ("min", min), ("max", max))}


def paired(
    a: Callable[[], object], b: Callable[[], object], rounds: int, *, before: Callable[[], object] = lambda: None
) -> dict:
    """``a`` and ``b`` in ``rounds`` pairs, the order rotated each round (AB, BA, ...), each
    after ``before()`` (untimed). The ratio is b's time over a's: above 1, ``a`` is faster."""
    times: dict[str, list[tuple[float, float]]] = {"a": [], "b": []}
    for i in range(rounds):
        for name in "ab" if i % 2 == 0 else "ba":
            before()
            times[name].append(measured(a if name == "a" else b))
    walls = [tb[0] / ta[0] for ta, tb in zip(times["a"], times["b"], strict=True)]
    cpus = [tb[1] / ta[1] for ta, tb in zip(times["a"], times["b"], strict=True) if ta[1] > 0]
    return {
        "a_wall_s": spread([t[0] for t in times["a"]]),
        "b_wall_s": spread([t[0] for t in times["b"]]),
        "a_cpu_s": spread([t[1] for t in times["a"]]),
        "b_cpu_s": spread([t[1] for t in times["b"]]),
        "ratio": spread(walls),
        "cpu_ratio": spread(cpus) if cpus else None,
        "rounds": rounds,
    }


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
    raw_nlp = shipped_pipeline()

    extract = lambda: [None for _ in extract_triples(articles, nlp=nlp, batch_size=batch_size)] and None  # noqa: E731

    def parse(pipeline) -> Callable[[], None]:
        return lambda: [None for _ in pipeline.pipe(texts, batch_size=batch_size)] and None

    return {
        "words": words(articles),
        "vs_raw_parse": paired(extract, parse(raw_nlp), rounds),
        "vs_tuned_parse": paired(extract, parse(nlp), rounds),
    }


def scaling(nlp, articles, batch_size: int, rounds: int) -> dict:
    """Two processes against one; the ratio is one's wall time over two's."""

    def run(n: int) -> Callable[[], None]:
        return lambda: [None for _ in extract_triples(articles, nlp=nlp, batch_size=batch_size, n_process=n)] and None

    return paired(run(2), run(1), rounds)


def child_peak_rss(args, repeat: int) -> int:
    """Peak RSS (KiB) of a fresh process that extracts the bench's articles ``repeat`` times
    over and keeps nothing."""
    cmd = [sys.executable, __file__, "--child-extract", str(args.articles), "--child-repeat", str(repeat)]
    cmd += ["--batch-size", str(args.batch_size), *(c for p in args.corpus for c in ("--corpus", p))]
    result = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return int(result.stdout.strip().splitlines()[-1])


def memory(args) -> dict:
    """Peak RSS of the same articles four times over against once, each in a fresh process."""
    once: list[int] = []
    four: list[int] = []
    timing = paired(
        lambda: once.append(child_peak_rss(args, 1)), lambda: four.append(child_peak_rss(args, 4)), args.rounds
    )
    return {
        "once_mib": spread([k / 1024 for k in once], 1),
        "four_times_mib": spread([k / 1024 for k in four], 1),
        "ratio": spread([f / o for o, f in zip(once, four, strict=True)]),
        "time": timing,
    }


def _bench_driver():
    uri = os.environ.get("GRAPHBUILD_BENCH_NEO4J_URI") or os.environ.get("GRAPHBUILD_TEST_NEO4J_URI")
    password = os.environ.get("GRAPHBUILD_BENCH_NEO4J_PASSWORD") or os.environ.get("GRAPHBUILD_TEST_NEO4J_PASSWORD")
    if not uri or not password:
        return None, {}
    from graphbuild.backends.neo4j.connection import connect
    from graphbuild.backends.neo4j.settings import Neo4jSettings

    return connect(Neo4jSettings(uri=uri, password=password)), {"NEO4J_URI": uri, "NEO4J_PASSWORD": password}


def _wipe(driver) -> Callable[[], None]:
    def wipe() -> None:
        with driver.session() as session:  # CALL ... IN TRANSACTIONS needs an auto-commit query
            session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()

    return wipe


def neo4j_load(driver, pairs: list, rounds: int) -> dict:
    """The loader (``load_neo4j``: the graph built from the triples, then written) against
    the same rows written with plain CREATE, and against one MERGE per transaction."""
    from graphbuild.backends.neo4j.statements import edge_row
    from graphbuild.backends.neo4j.writer import load_neo4j

    kg = KnowledgeGraph()
    load_into(kg, pairs)
    wipe = _wipe(driver)
    # the floor: the very rows the loader writes (articles, actors, links with all their
    # properties, article mentions), written with plain CREATE and nothing merged or checked,
    # on indexed ids as the loader's are
    article_rows = [{"id": k, **{f: v for f, v in meta.items() if v is not None}} for k, meta in kg.articles.items()]
    actor_rows = [{"id": n.id, "name": n.name, "type": n.type, "aliases": list(n.aliases)} for n in kg.nodes.values()]
    link_rows = [{**edge_row(e), "relation": e.relation} for e in kg.edges.values()]
    mentions = {(e.article, n) for edge in kg.edges.values() for e in edge.evidence for n in (edge.source, edge.target)}
    mention_rows = [{"article": a, "actor": n} for a, n in sorted(mentions)]
    rows = [
        {"s": t.subject, "o": t.object, "relation": t.relation, "sentence": t.sentence, "article": t.article}
        for _, ts in pairs
        for t in ts
    ]
    driver.execute_query("CREATE INDEX bench_actor_id IF NOT EXISTS FOR (n:BenchActor) ON (n.id)")
    driver.execute_query("CREATE INDEX bench_article_id IF NOT EXISTS FOR (n:BenchArticle) ON (n.id)")
    # the tutorial way, as a user would index it: actor names unique, so each MERGE is a seek
    driver.execute_query("CREATE CONSTRAINT bench_naive_name IF NOT EXISTS FOR (n:BenchNaive) REQUIRE n.name IS UNIQUE")
    summaries: list = []

    def loader() -> None:
        summaries.append(load_neo4j(driver, pairs)[2])

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

    sample = rows[:300]  # the tutorial way is slow: time a sample, compare rates

    def one_merge_each() -> None:
        with driver.session() as session:
            for row in sample:
                session.execute_write(
                    lambda tx, row=row: tx.run(
                        "MERGE (a:BenchNaive {name: $s}) MERGE (b:BenchNaive {name: $o}) "
                        "MERGE (a)-[r:BENCH_LINK {relation: $relation}]->(b) SET r.sentence = $sentence",
                        **row,
                    ).consume()
                )

    for warm_up in (loader, plain_create, one_merge_each):  # query plans cached before timing
        wipe()
        warm_up()
    vs_plain = paired(loader, plain_create, rounds, before=wipe)
    vs_naive = paired(loader, one_merge_each, rounds, before=wipe)
    scale = len(rows) / len(sample)  # the sample's time, as if it wrote every triple
    for key in ("ratio", "cpu_ratio"):
        if vs_naive[key]:
            vs_naive[key] = {k: round(v * scale, 1) for k, v in vs_naive[key].items()}
    again: list[tuple[float, float, float, float]] = []
    for _ in range(rounds):  # a second load can only follow a first
        wipe()
        first = measured(loader)
        stored = driver.execute_query("MATCH (:Actor)-[r]->(:Actor) RETURN count(r) AS n").records[0]["n"]
        again.append((*first, *measured(loader)))
    wipe()
    return {
        "articles": len(pairs),
        "triples": len(rows),
        "link_rows": summaries[-2].link_rows,
        "links": stored,  # in the database after a first load, each sent once
        "vs_plain_create": vs_plain,
        "vs_merge_per_transaction": vs_naive,
        "first_load_s": spread([r[0] for r in again]),
        "second_load_s": spread([r[2] for r in again]),
        "second_over_first": spread([r[2] / r[0] for r in again]),
        "second_over_first_cpu": spread([r[3] / r[1] for r in again if r[1] > 0]),
        "second_load_wrote": summaries[-1].wrote,
    }


def processes(articles: list, rounds: int, env: dict, wipe: Callable[[], None] | None) -> dict:
    """Whole ``graphbuild`` processes, as a user runs them: a first load, a second load of the
    same file, and a question; on the Neo4j server when one is given, else the embedded file.
    On the embedded file the question is also paired with starting Python and importing what
    it cannot answer without (click and NetworkX)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "articles.jsonl"
        path.write_text("".join(json.dumps(asdict(a)) + "\n" for a in articles))
        graph = Path(tmp) / "graph.json"
        backend = ["--backend", "neo4j"] if wipe else ["--graph", str(graph)]
        env = {**os.environ, **env}

        def graphbuild(*args: str) -> Callable[[], None]:
            cmd = [sys.executable, "-m", "graphbuild", *args, *backend]
            return lambda: subprocess.run(cmd, env=env, capture_output=True, check=True) and None

        figures: dict[str, list[tuple[float, float]]] = {"first_load": [], "second_load": [], "question": []}
        for _ in range(rounds):
            wipe() if wipe else graph.unlink(missing_ok=True)
            figures["first_load"].append(measured(graphbuild("load", str(path), "-q")))
            figures["second_load"].append(measured(graphbuild("load", str(path), "-q")))
            figures["question"].append(measured(graphbuild("query", "alliances")))
        if not wipe:
            imports = [sys.executable, "-c", "import click, networkx"]
            floor = lambda: subprocess.run(imports, env=env, capture_output=True, check=True) and None  # noqa: E731
            question_vs_imports = paired(floor, graphbuild("query", "alliances"), rounds)
    out: dict = {"backend": "neo4j" if wipe else "embedded"}
    if not wipe:
        out["question_vs_imports"] = question_vs_imports
    for name, times in figures.items():
        out[f"{name}_wall_s"] = spread([t[0] for t in times], 2)
        out[f"{name}_cpu_s"] = spread([t[1] for t in times], 2)
    out["second_over_first"] = spread(
        [s[0] / f[0] for f, s in zip(figures["first_load"], figures["second_load"], strict=True)]
    )
    return out


# label, path to a {"median", "min", "max"} figure, target
TARGETS = [
    ("extraction / raw nlp.pipe", ("throughput", "vs_raw_parse", "ratio"), ">=", 1.0),
    ("extraction / graphbuild's parse alone", ("throughput", "vs_tuned_parse", "ratio"), "", None),
    ("2 processes / 1", ("scaling", "ratio"), ">=", 1.7),
    ("peak RSS same articles 4x / 1x", ("memory", "ratio"), "<=", 1.2),
    ("loader / plain UNWIND CREATE", ("neo4j", "vs_plain_create", "ratio"), ">=", 0.5),
    ("loader / one MERGE per transaction", ("neo4j", "vs_merge_per_transaction", "ratio"), ">=", 20.0),
    ("second load time / first", ("neo4j", "second_over_first"), "<=", 0.3333),
    ("process: second load / first, Neo4j", ("processes", "second_over_first"), "<=", 0.05),
    ("process: second load / first, embedded", ("processes_embedded", "second_over_first"), "<=", 0.05),
    (
        "process: question / importing click, networkx",
        ("processes_embedded", "question_vs_imports", "ratio"),
        "<=",
        1.5,
    ),
    ("extraction words/s / {ref}'s (whole process)", ("against", "ratio"), ">=", 1.4),
]


def _at(results: dict, path: tuple[str, ...]):
    for key in path:
        results = (results or {}).get(key)  # type: ignore[assignment]
    return results


def table(results: dict, targets: list = TARGETS) -> str:
    lines = [f"{'measure':<48} {'median':>8} {'range':>15} {'cpu':>7}  {'target':>8}  status", "-" * 102]
    for template, path, op, target in targets:
        label = template.format(ref=(results.get("against") or {}).get("ref", "REF"))
        figure = _at(results, path)
        if figure is None:
            lines.append(f"{label:<48} {'-':>8} {'':>15} {'':>7}  {op}{target or '':<7}  not run")
            continue
        cpu_text = str((_at(results, (*path[:-1], "cpu_ratio")) or {}).get("median", "")) if path[-1] == "ratio" else ""
        value, span = figure["median"], f"{figure['min']}-{figure['max']}"
        status = "(for the record)"
        if target is not None:
            status = "met" if (value >= target if op == ">=" else value <= target) else "MISSED"
        lines.append(f"{label:<48} {value:>8} {span:>15} {cpu_text:>7}  {op}{target or '':<7}  {status}")
    if loaded := results.get("neo4j"):
        lines.append(
            f"the Neo4j rows load {loaded['articles']} articles, {loaded['triples']} triples, {loaded['links']} links, "
            f"in {loaded['vs_plain_create']['rounds']} paired rounds"
        )
    for process in (results.get("processes_embedded"), results.get("processes")):
        if not process:
            continue
        lines.append(
            f"whole processes ({process['backend']}, {results.get('process_articles')} articles), "
            "wall s / cpu s, median (min-max):"
        )
        for name in ("first_load", "second_load", "question"):
            wall, cpu = process[f"{name}_wall_s"], process[f"{name}_cpu_s"]
            lines.append(f"  {name:<14} {wall['median']:>7} ({wall['min']}-{wall['max']})  cpu {cpu['median']}")
    if against := results.get("against"):
        lines.append(f"whole-process extraction, {against['articles']} articles, {against['words']} words:")
        for name, label in (("current", "this checkout"), ("old", f"{against['ref']} ({against['commit'][:10]})")):
            side = against[name]
            lines.append(
                f"  {label:<22} {side['words_per_s']:>6} words/s, cpu {side['cpu_words_per_s']:>6}; "
                f"{side['triples']} triples; spaCy {side['spacy']}, thinc {side['thinc']}"
            )
        lines.append(f"  the two sides' triples identical: {'yes' if against['identical'] else 'no'}")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=500, help="corpus size (articles)")
    ap.add_argument("--corpus", action="append", default=[], help="JSONL/CSV of articles (default: Wikinews)")
    ap.add_argument(
        "--load-articles",
        type=int,
        help="articles for the loader rows (default --articles): the extracted ones repeated",
    )
    ap.add_argument(
        "--process-articles", type=int, help="articles the whole graphbuild processes load (default --articles)"
    )
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--rounds", type=int, default=4, help="paired rounds per comparison, order rotated")
    ap.add_argument(
        "--loader-rounds",
        type=int,
        help="paired rounds for the Neo4j loader rows (default --rounds): a pair takes about a second, and "
        "a ratio over a step of a quarter to half a second needs more pairs than the others for a steady median",
    )
    ap.add_argument("--json", default=str(ROOT / "bench-results" / "bench.json"), help="where to write the JSON")
    ap.add_argument("--skip", action="append", default=[], choices=["scaling", "memory", "neo4j", "processes"])
    ap.add_argument(
        "--against",
        metavar="REF",
        help="also time whole extract processes against commit REF, set up with its own dependencies",
    )
    ap.add_argument("--child-extract", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--child-repeat", type=int, default=1, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if not args.corpus:  # the Wikinews articles beside the project, else the project's own corpus
        args.corpus = [str(p) for p in sorted(WIKINEWS.glob("*")) if p.suffix in {".jsonl", ".csv"}] or [
            str(ROOT / "tests" / "corpus" / "articles.jsonl")
        ]
    old = None
    if args.against:  # set up before the long runs, so that a bad ref or setup fails first
        from bench_against import against, describe, prepare

        old = prepare(args.against)
        describe(sys.executable, ROOT)  # each side runs its own graphbuild, or stop here
        describe(str(old / ".venv" / "bin" / "python"), old)
    nlp = fast_pipeline()  # as the commands run it
    if args.child_extract:
        for _ in extract_triples(
            iter(corpus(args.corpus, args.child_extract, repeat=args.child_repeat)), nlp=nlp, batch_size=args.batch_size
        ):
            pass
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
        return
    articles = corpus(args.corpus, args.articles)
    results: dict = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "versions": {name: version(name) for name in ("spacy", "neo4j")},
        "model": model_id(nlp),
        "articles": len(articles),
        "rounds": args.rounds,
    }
    results["throughput"] = throughput(nlp, articles, args.batch_size, args.rounds)
    if "scaling" not in args.skip:
        results["scaling"] = scaling(nlp, articles, args.batch_size, args.rounds)
    if "memory" not in args.skip:
        results["memory"] = memory(args)
    driver, env = _bench_driver() if "neo4j" not in args.skip else (None, {})
    if driver is not None:
        records, _, _ = driver.execute_query("CALL dbms.components() YIELD versions RETURN versions[0] AS v")
        results["versions"]["neo4j_server"] = records[0]["v"]
        pairs = list(extract_triples(articles, nlp=nlp, batch_size=args.batch_size))
        pairs = repeated(pairs, args.load_articles or len(pairs))
        results["neo4j"] = neo4j_load(driver, pairs, args.loader_rounds or args.rounds)
    if "processes" not in args.skip:
        loaded = corpus(args.corpus, args.process_articles) if args.process_articles else articles
        results["processes_embedded"] = processes(loaded, args.rounds, {}, None)
        if driver is not None:
            results["processes"] = processes(loaded, args.rounds, env, _wipe(driver))
        results["process_articles"] = len(loaded)
    if driver is not None:
        driver.close()
    if old is not None:  # the bench's articles, so --articles sets its size too
        results["against"] = against(args.against, articles, args.rounds, old=old)
    print(
        f"{len(articles)} articles, {results['throughput']['words']} words, model {results['model']}, "
        f"{results['machine']['cpus']} CPUs, {args.rounds} paired rounds (order rotated); ratios are medians"
    )
    print(table(results))
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(results, indent=1) + "\n")
    print(f"written: {args.json}")


if __name__ == "__main__":
    main()
