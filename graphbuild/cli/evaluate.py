"""``graphbuild evaluate``: extraction measured against hand-annotated articles."""

from __future__ import annotations

import json

import click

from graphbuild.cli.options import errors
from graphbuild.types import printable


@click.command()
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--model", envvar="GRAPHBUILD_MODEL", default=None, show_envvar=True, help="spaCy pipeline to use.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
@click.option("--verbose", "-v", is_flag=True, help="List every miss and false alarm.")
@errors
def evaluate(gold_dir: str, model: str | None, as_json: bool, verbose: bool) -> None:
    """Score extraction on GOLD_DIR: one JSON file of hand-made gold per article.

    Prints precision, recall and F1 of alliances and disputes (typed, with direction). The
    gold format and the matching rules: docs/reference.md, "Measuring extraction".
    """
    from graphbuild.evaluate import read_gold, read_gold_articles, score
    from graphbuild.run import extract_triples, fast_pipeline

    golds = read_gold(gold_dir)
    nlp = fast_pipeline(model)
    pairs = extract_triples(read_gold_articles(golds), nlp=nlp)
    result = score(golds, (t.to_dict() for _, triples in pairs for t in triples))
    if as_json:
        click.echo(json.dumps(result.as_dict()))
        return
    if verbose:
        for article, edge in result.misses:
            click.echo(
                printable(f"{article}: missed      {'|'.join(edge.s)} -{edge.p}-> {'|'.join(edge.o)}   {edge.note}")
            )
        for article, (s, p, o), t in result.false_alarms:
            click.echo(printable(f"{article}: false alarm {s} -{p}-> {o}   ({t['relation']}: {t['sentence']})"))
    f = result.typed
    click.echo(f"articles {result.articles}  triples {result.triples}")
    click.echo(
        f"alliances+disputes  P {f.precision:.3f}  R {f.recall:.3f}  F1 {f.f1:.3f}  (tp {f.tp} fp {f.fp} fn {f.fn})"
    )
