"""``graphbuild render``, ``export`` and ``browser-files``: the graph for people and other tools."""

from __future__ import annotations

import click

from graphbuild.cli.options import BackendOptions, backend_options, errors, open_backend, params_option, parse_params
from graphbuild.types import printable

EXPORT_FORMATS = ("graphml", "gexf", "json")


@click.command()
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
@errors
def export(where: BackendOptions, fmt: str, output: str) -> None:
    """Write the graph as GraphML, GEXF or node-link JSON."""
    from graphbuild.present.export import export_graph

    with open_backend(where) as backend:
        text = export_graph(backend.graph(), fmt)
    with click.open_file(output, "w", encoding="utf-8") as fh:
        fh.write(text)


@click.command()
@backend_options
@click.option(
    "--output", "-o", required=True, type=click.Path(dir_okay=False), help="The HTML file to write (graph.html)."
)
@click.option("--question", "-Q", metavar="NAME", help="Draw only what this canned question answers.")
@params_option
@errors
def render(where: BackendOptions, output: str, question: str | None, params: tuple[str, ...]) -> None:
    """Draw the graph, or one question's part of it, as an interactive HTML page.

    Alliances are green, disputes red, denied links dashed and grey; a line is wider the
    more sentences state it, and resting the pointer on it shows them. The page opens offline.
    """
    from graphbuild.graph import to_networkx
    from graphbuild.present.render import render_html, write_page
    from graphbuild.questions.networkx import ask_networkx

    with open_backend(where) as backend:
        kg = backend.graph()
        place = backend.describe()
    edges = None
    title = f"graphbuild: {place}"
    if question is not None:
        bound = parse_params(params)
        # the links the answer is about, from the graph both backends give back alike
        answer = ask_networkx(to_networkx(kg), question, bound)
        edges = [kg.edges[key] for key in sorted(answer.links or ())]
        shown = " ".join(f"{k}={v}" for k, v in bound.items())
        title = f"graphbuild query {question} {shown}".strip()
    write_page(output, render_html(kg, title=title, edges=edges))
    drawn = len(kg.edges) if edges is None else len(edges)
    click.echo(f"{printable(output)}: {drawn} link{'s' if drawn != 1 else ''}; open it in a web browser", err=True)


@click.command("browser-files")
@click.option("--output", "-o", required=True, type=click.Path(file_okay=False), help="Directory to write to.")
@click.option(
    "--browser-jar",
    type=click.Path(exists=True, dir_okay=False),
    help="The neo4j-browser jar: also write it with the guide and style added.",
)
@errors
def browser_files(output: str, browser_jar: str | None) -> None:
    """Write the Neo4j Browser guide, style and favorites bundle.

    graphbuild.html is a Browser guide with every canned question (open it with
    :guide URL), graphbuild.grass the style (drop it onto Browser), and
    graphbuild-queries.zip the questions as favorites (drop it onto Browser).
    scripts/neo4j sets all this up for the local server by itself.
    """
    from graphbuild.present.browser import write_browser_files

    for path in write_browser_files(output, browser_jar=browser_jar):
        click.echo(printable(str(path)))
