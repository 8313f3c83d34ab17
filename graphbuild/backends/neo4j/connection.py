"""Connecting to Neo4j: settings from the environment, one driver, errors in one line."""

from __future__ import annotations

import neo4j
from neo4j import GraphDatabase, NotificationMinimumSeverity, RoutingControl
from neo4j.exceptions import AuthError, ConfigurationError, DriverError, Neo4jError, ServiceUnavailable

from graphbuild.backends.neo4j.settings import Neo4jSettings
from graphbuild.errors import BackendError


def connect(settings: Neo4jSettings) -> neo4j.Driver:
    """Open a driver and check the server, the credentials and the database.

    Raises:
        BackendError: one line saying what is wrong and how to fix it; never the password.
    """
    if not settings.password:
        raise BackendError(
            f"No Neo4j password for user {settings.user!r}: set NEO4J_PASSWORD (or --password). "
            "For the local server it is the password its first start was given."
        )
    try:
        # The server's notifications (an unknown property on a fresh database, a slow plan)
        # are for developers of queries, not for people loading news: none is sent.
        driver = GraphDatabase.driver(
            settings.uri,
            auth=(settings.user, settings.password),
            notifications_min_severity=NotificationMinimumSeverity.OFF,
        )
    except (ConfigurationError, ValueError) as e:
        raise BackendError(
            f"{settings.uri!r} is not a Neo4j URI ({e}). Use bolt://HOST:7687, neo4j://HOST:7687 or neo4j+s://HOST."
        ) from None
    try:
        driver.verify_connectivity()
        driver.execute_query("RETURN 1", database_=settings.database, routing_=RoutingControl.READ)
    except Exception as e:
        driver.close()
        raise _explain(e, settings) from None
    return driver


def one_line(error: Exception) -> str:
    return " ".join(str(error).split())


def _explain(error: Exception, settings: Neo4jSettings) -> BackendError:
    """Turn a driver error into one line with the fix (the password is never included)."""
    if isinstance(error, AuthError):
        return BackendError(
            f"Neo4j at {settings.uri} refused user {settings.user!r}: wrong user or password. "
            "Check NEO4J_USER and NEO4J_PASSWORD."
        )
    if isinstance(error, ServiceUnavailable):
        return BackendError(
            f"Can't reach Neo4j at {settings.uri}. Start the local server with: scripts/neo4j start "
            "(or point NEO4J_URI at a running server)."
        )
    if isinstance(error, Neo4jError) and error.code and "DatabaseNotFound" in error.code:
        return BackendError(
            f"Neo4j at {settings.uri} has no database {settings.database!r}. Set NEO4J_DATABASE "
            "to an existing one (Community Edition has only 'neo4j')."
        )
    if isinstance(error, Neo4jError | DriverError):
        return BackendError(f"Neo4j at {settings.uri} failed: {error.__class__.__name__}: {one_line(error)}")
    return BackendError(f"Neo4j at {settings.uri} failed: {one_line(error)}")
