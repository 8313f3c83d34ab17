"""Where the graph lives: ``embedded`` (a node-link JSON file, the default) or ``neo4j``.

``open_backend`` is the one place that chooses; each backend is imported only when chosen,
so a question on the embedded file never loads the Neo4j driver. What every backend does is
``graphbuild.backends.base.Backend``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from graphbuild.backends.base import Backend
    from graphbuild.backends.neo4j.settings import Neo4jSettings

BACKENDS = ("embedded", "neo4j")


@contextmanager
def open_backend(
    name: str,
    *,
    graph_path: str | Path,
    neo4j: Neo4jSettings | None = None,
    write_batch_size: int | None = None,
) -> Iterator[Backend]:
    """The backend called ``name``, closed when the block ends.

    Args:
        name: ``embedded`` or ``neo4j``.
        graph_path: the embedded graph file.
        neo4j: the server to use for ``neo4j``.
        write_batch_size: rows per Neo4j write.
    """
    backend: Backend
    if name == "neo4j":
        from graphbuild.backends.neo4j.backend import Neo4jBackend
        from graphbuild.backends.neo4j.settings import Neo4jSettings

        backend = Neo4jBackend(neo4j or Neo4jSettings.from_env(), write_batch_size=write_batch_size)
    else:
        from graphbuild.backends.embedded import EmbeddedBackend

        backend = EmbeddedBackend(graph_path)
    try:
        yield backend
    finally:
        backend.close()
