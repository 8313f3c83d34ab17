"""The Neo4j backend as graphbuild's ``Backend``: load, ask, read the graph back."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from graphbuild.backends.base import LoadSummary, Pairs
from graphbuild.backends.neo4j.connection import connect
from graphbuild.backends.neo4j.inputs import read_input_keys
from graphbuild.backends.neo4j.reader import read_neo4j, run_neo4j
from graphbuild.backends.neo4j.settings import DEFAULT_BATCH, Neo4jSettings
from graphbuild.backends.neo4j.writer import load_neo4j
from graphbuild.graph import KnowledgeGraph
from graphbuild.questions import Answer

if TYPE_CHECKING:
    import neo4j


class Neo4jBackend:
    """A Neo4j database; the connection is opened (and checked) on first use."""

    name = "neo4j"

    def __init__(self, settings: Neo4jSettings, *, write_batch_size: int | None = None) -> None:
        self.settings = settings
        self.write_batch_size = write_batch_size or DEFAULT_BATCH
        self._driver: neo4j.Driver | None = None

    @property
    def driver(self) -> neo4j.Driver:
        if self._driver is None:
            self._driver = connect(self.settings)
        return self._driver

    def describe(self) -> str:
        return f"Neo4j {self.settings.shown_uri} ({self.settings.database})"

    def check(self) -> None:
        self.driver  # noqa: B018 -- connecting checks the server, the password and the database

    def input_keys(self) -> dict[str, str]:
        return read_input_keys(self.driver, database=self.settings.database)

    def load(
        self,
        pairs: Pairs,
        *,
        names: str = "",
        inputs: Mapping[str, str] | None = None,
        on_wait: Callable[[], None] | None = None,
    ) -> LoadSummary:
        driver = self.driver  # a bad connection fails before any parsing
        articles, triples, written = load_neo4j(
            driver, pairs, database=self.settings.database, batch_size=self.write_batch_size, names=names, inputs=inputs
        )
        return LoadSummary(
            backend=self.name,
            target=self.describe(),
            articles=articles,
            triples=triples,
            articles_added=written.articles_added,
            articles_unchanged=written.articles_unchanged,
            articles_replaced=written.taken.articles,
            actors_created=written.actors_created,
            links_created=written.links_created,
            evidence_added=written.evidence_added,
            actors_removed=written.taken.actors,
            links_removed=written.taken.links,
            evidence_removed=written.taken.evidence,
            written=written.wrote,
            refused=written.refused,
        )

    def ask(self, name: str, params: Mapping[str, str]) -> Answer:
        return run_neo4j(self.driver, name, params, database=self.settings.database)

    def graph(self) -> KnowledgeGraph:
        return read_neo4j(self.driver, database=self.settings.database)

    def close(self) -> None:
        if self._driver is not None:
            self._driver.close()
            self._driver = None
