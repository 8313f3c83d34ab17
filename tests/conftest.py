from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from graphbuild.run import fast_pipeline

# In CI the generated inputs are the same on every run: a failure there is reproducible.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# No background networking: the machine is offline and Chromium's own calls only fail.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 60_000  # per browser step


@pytest.fixture
def browser_page(tmp_path):
    if not Path(CHROMIUM).exists():
        message = "chromium is not installed (scripts/test installs it; or: apt-get install chromium)"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_FLAGS,
            viewport={"width": 1400, "height": 1000},
        )
        page = context.pages[0] if context.pages else context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        try:
            yield page
        finally:
            context.close()


@pytest.fixture(scope="session")
def nlp():
    """The real English pipeline; a missing model fails loudly rather than skipping."""
    return fast_pipeline()


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

    from graphbuild.backends.neo4j.connection import connect
    from graphbuild.backends.neo4j.settings import Neo4jSettings
    from graphbuild.errors import BackendError

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
    from graphbuild.backends.neo4j.connection import connect

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
