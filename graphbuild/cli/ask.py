"""``graphbuild query``, ``queries``, ``actors`` and ``stats``: questions to the graph."""

from __future__ import annotations

import json

import click

from graphbuild.cli.options import (
    BackendOptions,
    backend_options,
    errors,
    json_option,
    open_backend,
    params_option,
    parse_params,
)


@click.command()
@click.argument("name")
@params_option
@backend_options
@json_option
@errors
def query(name: str, params: tuple[str, ...], where: BackendOptions, as_json: bool) -> None:
    """Answer the canned question NAME (see: graphbuild queries).

    Values given with --param go to the query as parameters, never into its text.
    """
    from graphbuild.present.output import format_table, json_line

    with open_backend(where) as backend:
        answer = backend.ask(name, parse_params(params))
    if as_json:
        for row in answer.rows:
            click.echo(json_line(row))
    elif answer.rows:
        click.echo(format_table(answer.rows, answer.query.columns))
    else:
        click.echo(f"No answers for {name}.", err=True)


@click.command()
@json_option
@errors
def queries(as_json: bool) -> None:
    """List the canned questions and their parameters."""
    from graphbuild.present.output import format_table, json_line
    from graphbuild.questions import list_queries

    items = list_queries().values()
    if as_json:
        for q in items:
            params = [
                {"name": p.name, "type": p.type, "required": p.required, "default": p.default, "help": p.help}
                for p in q.params
            ]
            click.echo(
                json_line({"name": q.name, "description": q.description, "columns": list(q.columns), "params": params})
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


@click.command()
@click.option("--search", "-s", metavar="TEXT", help="Only actors with TEXT in their name or an alias.")
@click.option("--type", "type_", metavar="TYPE", help="Only actors of this type (organization, person, ...).")
@click.option(
    "--duplicates",
    is_flag=True,
    help="List pairs of actors that may be one (same acronym, one name inside the other, same "
    "surname), why, and the alias-file row that would merge them.",
)
@backend_options
@json_option
@errors
def actors(search: str | None, type_: str | None, duplicates: bool, where: BackendOptions, as_json: bool) -> None:
    """List the actors: name, type, aliases, links and the sentences behind them.

    Questions take a name or any alias listed here. With --duplicates, list the pairs that
    may be one actor instead: write the rows you agree with to your alias file and load the
    articles again with --aliases FILE.
    """
    from graphbuild.present.output import format_table, json_line
    from graphbuild.questions.actors import COLUMNS, list_actors

    with open_backend(where) as backend:
        kg = backend.graph()
    columns: tuple[str, ...] = COLUMNS
    if duplicates:  # only this reads the name rules' word lists
        from graphbuild.questions.duplicates import COLUMNS as columns
        from graphbuild.questions.duplicates import find_duplicates

        rows = find_duplicates(kg, search=search, type_=type_)
    else:
        rows = list_actors(kg, search=search, type_=type_)
    if as_json:
        for row in rows:
            click.echo(json_line(row))
    elif rows:
        click.echo(format_table(rows, columns))
    elif duplicates:
        click.echo("No likely duplicates" + (f" among actors matching {search!r}" if search else "") + ".", err=True)
    else:
        click.echo("No actors" + (f" matching {search!r}" if search else "") + ".", err=True)
    if duplicates and rows and not as_json:
        click.echo(
            "Write the rows you agree with to your alias file (alias,canonical) and load the articles "
            "again with --aliases FILE.",
            err=True,
        )


@click.command()
@backend_options
@json_option
@errors
def stats(where: BackendOptions, as_json: bool) -> None:
    """Count the articles, actors and links in the graph."""
    from graphbuild.backends.base import stats as graph_stats
    from graphbuild.present.output import format_table

    with open_backend(where) as backend:
        figures = graph_stats(backend)
    if as_json:
        click.echo(json.dumps(figures))
        return
    rows = [{"what": k, "count": v} for k, v in figures.items() if not isinstance(v, dict)]
    rows += [{"what": f"relation {k}", "count": v} for k, v in figures.get("relations", {}).items()]
    rows += [{"what": f"type {k}", "count": v} for k, v in figures.get("actor_types", {}).items()]
    click.echo(format_table(rows, ("what", "count")))
