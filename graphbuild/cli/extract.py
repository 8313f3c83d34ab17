"""``graphbuild extract`` and ``graphbuild load``: articles in, links out or into the graph."""

from __future__ import annotations

import itertools
import json
import sys
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import click

from graphbuild.cli.options import (
    EXIT_SKIPPED,
    WRITE_BATCH,
    BackendOptions,
    ExtractionOptions,
    backend_options,
    errors,
    extraction_options,
    json_option,
    open_backend,
)
from graphbuild.types import printable

if TYPE_CHECKING:
    from graphbuild.backends.base import LoadSummary
    from graphbuild.inputs import SkipUnchanged
    from graphbuild.read import ReadReport
    from graphbuild.types import Article, Triple

TRIPLE_COLUMNS = ("article", "subject", "relation", "object", "polarity", "negated", "modality", "confidence", "verb")
TABLE_COLUMNS = ("subject", "relation", "object", "polarity", "negated", "verb", "sentence")


def _progress(articles: Iterable[Article], paths: tuple[str, ...], quiet: bool) -> Iterator[Article]:
    """Count articles as they pass, out of about how many ``paths`` hold, with the time left,
    when stderr is a terminal and not --quiet; the count alone when reading stdin."""
    if quiet or not sys.stderr.isatty():
        yield from articles
        return
    from graphbuild.read import count_articles

    with click.progressbar(
        articles, length=count_articles(paths), label="articles", show_pos=True, show_eta=True, file=sys.stderr
    ) as bar:
        yield from bar


def _extracted(
    paths: tuple[str, ...], options: ExtractionOptions, *, stored: Mapping[str, str] | None = None
) -> tuple[ReadReport, Iterator[tuple[Article, list[Triple]]], str, SkipUnchanged | None]:
    """Read PATHS and extract them, here or on a Dask cluster: (report, pairs, the digest of
    the alias table and name rules the names were resolved with, and with ``stored``, the
    input keys the graph holds, the filter that skipped the articles extracted as they are).

    With ``stored``, the pipeline is loaded (or the cluster reached) only once an article
    needs parsing; without, a missing model fails before reading."""
    from graphbuild.inputs import SkipUnchanged, input_context
    from graphbuild.normalize import names_digest, read_aliases
    from graphbuild.read import ReadReport, read_articles
    from graphbuild.run import extract_on_dask, extract_triples, fast_pipeline

    aliases = read_aliases(options.aliases_path) if options.aliases_path else None

    def warn(problem: Any) -> None:
        if not options.quiet:
            click.echo(f"{'skipped' if problem.skipped else 'warning'}: {problem}", err=True)

    report = ReadReport(on_problem=warn)
    articles = _progress(read_articles(paths, report=report, max_chars=options.max_article_chars), paths, options.quiet)
    skip = None
    if stored is not None:
        context = input_context(model=options.model, aliases=aliases, hypothetical=options.hypothetical)
        skip = SkipUnchanged(stored, context, report)
        articles = skip(articles)
        first = next(articles, None)
        if first is None:  # nothing to parse: no pipeline, no cluster
            return report, iter(()), names_digest(aliases), skip
        articles = itertools.chain([first], articles)
    if options.dask_scheduler:
        pairs = extract_on_dask(
            articles,
            scheduler=options.dask_scheduler,
            model=options.model,
            aliases=aliases,
            batch_size=options.batch_size,
            hypothetical=options.hypothetical,
        )
    else:
        pairs = extract_triples(
            articles,
            nlp=fast_pipeline(options.model),
            aliases=aliases,
            batch_size=options.batch_size,
            hypothetical=options.hypothetical,
            n_process=options.processes,
        )
    return report, pairs, names_digest(aliases), skip


def _read_summary(report: ReadReport) -> str:
    return (
        f"read {report.articles} article{'s' if report.articles != 1 else ''} from {report.files} "
        f"file{'s' if report.files != 1 else ''}, skipped {report.skipped}"
    )


def _exit_for(report: ReadReport) -> None:
    if report.skipped:
        raise click.exceptions.Exit(EXIT_SKIPPED)


@click.command()
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
@errors
def extract(paths: tuple[str, ...], fmt: str, extraction: ExtractionOptions) -> None:
    """Print the (actor, relation, target) triples found in PATHS.

    PATHS are files (.txt .md .html .json .jsonl .csv), directories, glob patterns or - for
    standard input. JSON Lines are streamed, one triple a line.
    """
    from graphbuild.present.output import csv_text, format_table, json_line

    report, pairs, _, _ = _extracted(paths, extraction)
    count = 0
    table_rows: list[dict[str, Any]] = []
    columns = (*TRIPLE_COLUMNS, "sentence")
    if fmt == "csv":
        click.echo(csv_text([], columns), nl=False)
    for _, triples in pairs:
        for triple in triples:
            count += 1
            row = triple.to_dict()
            if fmt == "jsonl":
                click.echo(json_line(row))
            elif fmt == "csv":
                click.echo(csv_text([row], columns, header=False), nl=False)
            else:
                table_rows.append(row)
    if fmt == "table":
        click.echo(format_table(table_rows, TABLE_COLUMNS, width=60))
    if not extraction.quiet:
        click.echo(f"{_read_summary(report)}; {count} triple{'s' if count != 1 else ''}", err=True)
    _exit_for(report)


def _load_message(report: ReadReport, summary: LoadSummary) -> str:
    return (
        f"{_read_summary(report)}; {summary.triples} triples; {printable(summary.target)}: "
        f"+{summary.articles_added} articles, +{summary.actors_created} actors, +{summary.links_created} links, "
        f"+{summary.evidence_added} evidence sentences, {summary.articles_unchanged} articles already there"
        + (f" ({summary.articles_skipped} skipped unchanged, not parsed)" if summary.articles_skipped else "")
        + (
            f", {summary.articles_replaced} replaced (-{summary.actors_removed} actors, -{summary.links_removed} "
            f"links, -{summary.evidence_removed} evidence sentences)"
            if summary.articles_replaced
            else ""
        )
        + ("" if summary.written else " (unchanged)")
    )


@click.command()
@click.argument("paths", nargs=-1, required=True)
@backend_options
@extraction_options
@WRITE_BATCH
@json_option
@errors
def load(
    paths: tuple[str, ...], where: BackendOptions, extraction: ExtractionOptions, write_batch_size: int, as_json: bool
) -> None:
    """Extract PATHS and add them to the graph (the embedded file, or Neo4j).

    Loading an article that is already in the graph changes nothing: one whose text, model,
    grammar and --aliases file are all as when it was loaded is not even parsed again. One
    read differently or named with another --aliases file replaces what it contributed before.
    """

    def waiting() -> None:
        if not extraction.quiet:
            click.echo(f"another load is writing {printable(where.graph_path)}; waiting for it to finish...", err=True)

    with open_backend(where, write_batch_size=write_batch_size) as backend:
        backend.check()  # a server that is down fails before the model loads
        # the input keys first: an article extracted from the same input is not parsed again
        report, pairs, names, skip = _extracted(paths, extraction, stored=backend.input_keys())
        summary = backend.load(pairs, names=names, inputs=skip.keys if skip else None, on_wait=waiting)
        if skip is not None and skip.skipped:
            summary.articles += skip.skipped
            summary.articles_unchanged += skip.skipped
            summary.articles_skipped = skip.skipped
    if as_json:
        click.echo(json.dumps({**summary.as_dict(), "files": report.files, "skipped": report.skipped}))
    if not extraction.quiet:
        for refusal in summary.refused:
            click.echo(f"skipped: {refusal}", err=True)
        click.echo(_load_message(report, summary), err=True)
    if summary.refused:
        raise click.exceptions.Exit(EXIT_SKIPPED)
    _exit_for(report)
