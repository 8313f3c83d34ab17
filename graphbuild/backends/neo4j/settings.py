"""Where the Neo4j server is and who we are. Plain data: importing it loads no driver."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

DEFAULT_URI = "bolt://127.0.0.1:7687"
DEFAULT_USER = "neo4j"
DEFAULT_DATABASE = "neo4j"
DEFAULT_BATCH = 1000


def redact_uri(uri: str) -> str:
    """The URI with any password written into it (``bolt://user:PASSWORD@host``) as ``***``,
    for every message, log and summary that shows where the server is.

    >>> redact_uri("bolt://neo4j:s3cret@db.example:7687"), redact_uri("neo4j+s://db.example")
    ('bolt://neo4j:***@db.example:7687', 'neo4j+s://db.example')
    """
    scheme, sep, rest = uri.partition("://")
    userinfo, at, host = rest.rpartition("@")  # a password may hold "@" or "/": up to the last "@"
    if not sep or not at:
        return uri
    user, colon, _ = userinfo.partition(":")
    return f"{scheme}://{user}{':***' if colon else ''}@{host}"


def uri_password(uri: str) -> str:
    """The password written into a URI, or ''."""
    _, sep, rest = uri.partition("://")
    userinfo, at, _ = rest.rpartition("@")
    return userinfo.partition(":")[2] if sep and at else ""


@dataclass(frozen=True, slots=True)
class Neo4jSettings:
    """Where the server is and who we are; the password never appears in ``repr``, nor in
    ``shown_uri``, the URI to print."""

    uri: str = DEFAULT_URI
    user: str = DEFAULT_USER
    password: str = field(default="", repr=False)
    database: str = DEFAULT_DATABASE

    @property
    def shown_uri(self) -> str:
        return redact_uri(self.uri)

    def scrub(self, text: str) -> str:
        """``text`` without the password, whether given on its own or inside the URI."""
        for secret in (self.uri, self.password, uri_password(self.uri)):
            if secret:
                text = text.replace(secret, self.shown_uri if secret == self.uri else "***")
        return text

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Neo4jSettings:
        env = os.environ if environ is None else environ
        return cls(
            uri=env.get("NEO4J_URI", DEFAULT_URI),
            user=env.get("NEO4J_USER", DEFAULT_USER),
            password=env.get("NEO4J_PASSWORD", ""),
            database=env.get("NEO4J_DATABASE", DEFAULT_DATABASE),
        )
