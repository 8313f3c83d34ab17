"""Golden name pairs: each row's articles are loaded together into an embedded graph, and
its two names must resolve to one actor (``merge``) or stay two (``apart``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graphbuild.backends.embedded import EmbeddedBackend
from graphbuild.run import extract_triples
from graphbuild.types import Article

ROWS = [json.loads(line) for line in (Path(__file__).parent / "name_pairs.jsonl").read_text().splitlines()[1:]]

pytestmark = [pytest.mark.model]


def test_the_file_holds_enough_pairs_of_both_kinds():
    kinds = [row["expect"] for row in ROWS]
    assert len(ROWS) >= 60 and kinds.count("merge") >= 20 and kinds.count("apart") >= 20


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['expect']}:{r['a']}|{r['b']}" for r in ROWS])
def test_name_pair(row, nlp, tmp_path):
    articles = [Article(id=f"a{n}", text=text) for n, text in enumerate(row["articles"])]
    backend = EmbeddedBackend(tmp_path / "graph.json")
    backend.load(list(extract_triples(articles, nlp=nlp)))
    kg = backend.graph()
    a, b = kg.node_by_name(row["a"]), kg.node_by_name(row["b"])
    names = sorted(n.name for n in kg.nodes.values())
    if row["expect"] == "merge":
        assert a is not None and b is not None and a.id == b.id, (row["note"], names)
    else:
        assert a is None or b is None or a.id != b.id, (row["note"], names)
        assert (a, b) != (None, None), names
