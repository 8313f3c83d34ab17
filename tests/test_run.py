"""Extraction on a real Dask cluster (a LocalCluster of two worker processes) gives exactly
what a local run gives, in the same order."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphbuild.cli import cli
from graphbuild.errors import BackendError
from graphbuild.read import read_articles
from graphbuild.run import extract_on_dask, extract_triples

EXAMPLES = str(Path(__file__).resolve().parents[1] / "examples" / "articles")

pytestmark = [pytest.mark.model, pytest.mark.slow]


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as local:
        yield local


def test_cluster_output_equals_the_local_run(cluster, nlp):
    local = list(extract_triples(read_articles([EXAMPLES]), nlp=nlp))
    remote = list(extract_on_dask(read_articles([EXAMPLES]), scheduler=cluster.scheduler_address, batch_size=2))
    assert [a.id for a, _ in remote] == [a.id for a, _ in local]
    assert remote == local
    assert sum(len(t) for _, t in remote) > 10


def test_cli_extract_on_the_cluster(cluster):
    runner = CliRunner()
    here = runner.invoke(cli, ["extract", EXAMPLES, "-q"])
    there = runner.invoke(cli, ["extract", EXAMPLES, "-q", "--dask-scheduler", cluster.scheduler_address])
    assert there.exit_code == 0, there.output
    assert there.stdout == here.stdout
    assert len([json.loads(line) for line in there.stdout.splitlines()]) > 10


def test_unreachable_scheduler_is_one_clear_error():
    with pytest.raises(BackendError, match="Can't reach the Dask scheduler"):
        list(extract_on_dask(read_articles([EXAMPLES]), scheduler="tcp://127.0.0.1:1"))


def test_a_load_on_the_cluster_submits_only_what_changed(cluster, tmp_path, monkeypatch):
    import graphbuild.run

    submitted: list[str] = []
    extract = graphbuild.run.extract_on_dask

    def counted(articles, **kwargs):
        def passing():
            for article in articles:
                submitted.append(article.id)
                yield article

        return extract(passing(), **kwargs)

    monkeypatch.setattr(graphbuild.run, "extract_on_dask", counted)
    articles = tmp_path / "articles"
    shutil.copytree(EXAMPLES, articles)
    runner = CliRunner()
    graph, clean = tmp_path / "g.json", tmp_path / "clean.json"
    args = ["load", str(articles), "-q", "--json", "--dask-scheduler", cluster.scheduler_address]
    first = runner.invoke(cli, [*args, "--graph", str(graph)])
    assert first.exit_code == 0, first.output
    assert len(submitted) == 6
    again = runner.invoke(cli, [*args, "--graph", str(graph)])
    assert (again.exit_code, len(submitted), json.loads(again.stdout)["articles_skipped"]) == (0, 6, 6)
    merger = articles / "04-merger.jsonl"
    merger.write_text(merger.read_text().replace("The regulator fined Helix", "The regulator sued Helix"))
    changed = runner.invoke(cli, [*args, "--graph", str(graph)])
    assert (changed.exit_code, submitted[6:]) == (0, ["example-merger-1"])
    here = runner.invoke(cli, ["load", str(articles), "-q", "--graph", str(clean)])
    assert here.exit_code == 0, here.output
    assert graph.read_text() == clean.read_text()
