"""Where the Neo4j server is and who we are. Plain data: importing it loads no driver."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

DEFAULT_URI = "bolt://127.0.0.1:7687"
DEFAULT_USER = "neo4j"
DEFAULT_DATABASE = "neo4j"
DEFAULT_BATCH = 1000


@dataclass(frozen=True, slots=True)
class Neo4jSettings:
    """Where the server is and who we are; the password never appears in ``repr``."""

    uri: str = DEFAULT_URI
    user: str = DEFAULT_USER
    password: str = field(default="", repr=False)
    database: str = DEFAULT_DATABASE

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Neo4jSettings:
        env = os.environ if environ is None else environ
        return cls(
            uri=env.get("NEO4J_URI", DEFAULT_URI),
            user=env.get("NEO4J_USER", DEFAULT_USER),
            password=env.get("NEO4J_PASSWORD", ""),
            database=env.get("NEO4J_DATABASE", DEFAULT_DATABASE),
        )
