from __future__ import annotations

import pytest

from graphbuild.nlp import load_pipeline


@pytest.fixture(scope="session")
def nlp():
    """The real English pipeline; a missing model fails loudly rather than skipping."""
    return load_pipeline()


NEO4J_HINT = (
    "Neo4j tests need the test server: run scripts/test (it starts one), or start it with "
    "scripts/test-neo4j start and set GRAPHBUILD_TEST_NEO4J_URI=bolt://127.0.0.1:7688 "
    "GRAPHBUILD_TEST_NEO4J_PASSWORD=graphbuild-test"
)


def _unavailable(why: str):
    """In CI a missing server is a failure; elsewhere the test is skipped with the fix."""
    import os

    if os.environ.get("CI"):
        pytest.fail(f"{why}. {NEO4J_HINT}")
    pytest.skip(f"{why}. {NEO4J_HINT}")


@pytest.fixture(scope="session")
def neo4j_settings():
    """Settings of the suite's own Neo4j server (never NEO4J_URI: tests wipe the database)."""
    import os

    from graphbuild.errors import BackendError
    from graphbuild.neo4j_backend import Neo4jSettings, connect

    uri = os.environ.get("GRAPHBUILD_TEST_NEO4J_URI")
    if not uri:
        _unavailable("GRAPHBUILD_TEST_NEO4J_URI is not set")
    settings = Neo4jSettings(uri=uri, password=os.environ.get("GRAPHBUILD_TEST_NEO4J_PASSWORD", ""))
    try:
        connect(settings).close()
    except BackendError as e:
        _unavailable(str(e))
    return settings


@pytest.fixture
def neo4j_driver(neo4j_settings):
    """A driver on an empty database."""
    from graphbuild.neo4j_backend import connect

    driver = connect(neo4j_settings)
    driver.execute_query("MATCH (n) DETACH DELETE n", database_=neo4j_settings.database)
    yield driver
    driver.close()


@pytest.fixture
def neo4j_env(neo4j_settings, neo4j_driver):
    """Environment for CLI runs against the test server."""
    return {
        "NEO4J_URI": neo4j_settings.uri,
        "NEO4J_USER": neo4j_settings.user,
        "NEO4J_PASSWORD": neo4j_settings.password,
        "NEO4J_DATABASE": neo4j_settings.database,
        "GRAPHBUILD_BACKEND": "neo4j",
    }
