"""The ``graphbuild`` command: a thin layer over the library.

Data goes to standard output; progress, warnings and summaries go to standard error, so
``graphbuild extract ... --format jsonl | jq`` always sees clean JSON. Each command imports
what it needs when it runs, so ``graphbuild --help`` loads neither spaCy nor the Neo4j driver.
"""

from __future__ import annotations

import click

from graphbuild import __version__
from graphbuild.cli.ask import actors, queries, query, stats
from graphbuild.cli.draw import browser_files, export, render
from graphbuild.cli.evaluate import evaluate
from graphbuild.cli.extract import extract, load
from graphbuild.cli.options import EXIT_SKIPPED

__all__ = ["EXIT_SKIPPED", "cli", "main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="graphbuild")
def cli() -> None:
    """Turn news articles into a knowledge graph of alliances and disputes.

    Load articles into the embedded graph, then ask it questions:

        graphbuild load examples/articles/

        graphbuild query alliances
    """


for command in (extract, load, query, queries, actors, stats, render, export, browser_files, evaluate):
    cli.add_command(command)


def main() -> None:
    cli(prog_name="graphbuild")
