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
    shown = settings.shown_uri
    scheme, _, rest = settings.uri.partition("://")
    if "@" in rest:  # the drivers take no credentials in the URI: say so without echoing them
        raise BackendError(
            f"The Neo4j URI {shown} holds a user or password, which Neo4j drivers do not take from it. Give the "
            f"server alone, --uri {scheme}://{rest.rpartition('@')[2]}, and the password in NEO4J_PASSWORD "
            "(the user in NEO4J_USER)."
        )
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
            f"{shown!r} is not a Neo4j URI ({settings.scrub(one_line(e))}). Use bolt://HOST:7687, "
            "neo4j://HOST:7687 or neo4j+s://HOST."
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
    where = settings.shown_uri
    if isinstance(error, AuthError):
        return BackendError(
            f"Neo4j at {where} refused user {settings.user!r}: wrong user or password. "
            "Check NEO4J_USER and NEO4J_PASSWORD."
        )
    if isinstance(error, ServiceUnavailable):
        return BackendError(
            f"Can't reach Neo4j at {where}. Start the local server with: scripts/neo4j start "
            "(or point NEO4J_URI at a running server)."
        )
    if isinstance(error, Neo4jError) and error.code and "DatabaseNotFound" in error.code:
        return BackendError(
            f"Neo4j at {where} has no database {settings.database!r}. Set NEO4J_DATABASE "
            "to an existing one (Community Edition has only 'neo4j')."
        )
    if isinstance(error, Neo4jError | DriverError):
        return BackendError(f"Neo4j at {where} failed: {error.__class__.__name__}: {settings.scrub(one_line(error))}")
    return BackendError(f"Neo4j at {where} failed: {settings.scrub(one_line(error))}")
