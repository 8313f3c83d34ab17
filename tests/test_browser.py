"""Neo4j Browser in a real headless Chromium, against the test server loaded with the examples.

It connects the way a person does, finds graphbuild's guide opened by itself, runs a canned
question and the graph view, and checks that the expected actors appear in the expected
colours. The graph view is saved as a PNG: in $GRAPHBUILD_SCREENSHOT_DIR when set (the README's
picture comes from GRAPHBUILD_SCREENSHOT_DIR=docs scripts/test -k browser), else in a
temporary directory.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphbuild.browser import COLOURS, GRAPH_QUERY, _query_body
from graphbuild.canned import get_query
from graphbuild.cli import cli
from graphbuild.vocab import RELATIONS

TIMEOUT_MS = 60_000

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [pytest.mark.browser, pytest.mark.neo4j, pytest.mark.model, pytest.mark.slow]


def _frame(page, command):
    return (
        page.get_by_test_id("frame")
        .filter(has=page.get_by_test_id("frameCommand").get_by_text(command, exact=True))
        .first
    )


def _run(page, command):
    """Type a command into the editor as one input event and run it; return its frame."""
    from playwright.sync_api import expect

    page.get_by_test_id("activeEditor").click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(command)
    page.get_by_test_id("editor-Run").click()
    frame = _frame(page, command)
    expect(frame).to_be_visible(timeout=TIMEOUT_MS)
    return frame


def _settle(frame, seconds=15.0):
    """The force layout moves nodes for a while; wait until their positions stop changing."""
    nodes = frame.locator("svg.neod3viz g.node")
    last, since, deadline = None, None, time.monotonic() + seconds
    while time.monotonic() < deadline:
        positions = nodes.evaluate_all("els => els.map(g => g.getAttribute('transform'))")
        if positions and positions == last:
            since = since or time.monotonic()
            if time.monotonic() - since > 0.6:
                return
        else:
            last, since = positions, None
        time.sleep(0.15)


def _one_line(cypher: str) -> str:
    return " ".join(line.strip() for line in cypher.splitlines() if line.strip() and not line.strip().startswith("//"))


def test_browser_shows_the_guide_a_canned_question_and_the_coloured_graph(
    browser_page, neo4j_env, neo4j_settings, neo4j_driver, tmp_path
):
    from playwright.sync_api import expect

    result = CliRunner().invoke(cli, ["load", str(ROOT / "examples" / "articles"), "-q", "--json"], env=neo4j_env)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["relationships_created"] > 0

    page = browser_page
    http = os.environ.get("GRAPHBUILD_TEST_NEO4J_HTTP", "http://127.0.0.1:7475")
    page.goto(f"{http}/browser/", wait_until="domcontentloaded")
    page.get_by_test_id("bolt-scheme-select").select_option("bolt://")
    page.get_by_test_id("boltaddress").fill(neo4j_settings.uri.removeprefix("bolt://"))
    page.get_by_test_id("username").fill(neo4j_settings.user)
    page.get_by_test_id("password").fill(neo4j_settings.password)
    page.get_by_test_id("connect").click()
    expect(page.get_by_text("You are connected as user")).to_be_visible(timeout=TIMEOUT_MS)

    # the server opens graphbuild's guide in the sidebar by itself, one slide per question
    expect(page.get_by_test_id("guidesDrawer")).to_contain_text("graphbuild", timeout=TIMEOUT_MS)

    # a canned question, from its .cypher file, as a Browser user runs it
    _run(page, ":param limit => 25")
    disputes = _run(page, _one_line(_query_body(get_query("disputes"))))
    disputes.get_by_test_id("cypherFrameSidebarTable").click()
    table = disputes.get_by_test_id("frameContents")
    for actor in ("Orbital Networks", "Vantage Mobile", "Coastal Union", "Marrenland"):
        expect(table).to_contain_text(actor, timeout=TIMEOUT_MS)

    # the graph view: actors captioned by name, disputes red and alliances green
    graph = _run(page, _one_line(GRAPH_QUERY))
    graph.get_by_test_id("cypherFrameSidebarVisualization").click()  # Browser keeps the last view chosen
    graph.locator("svg.neod3viz g.node").first.wait_for(timeout=TIMEOUT_MS)
    _settle(graph)
    captions = graph.locator("svg.neod3viz g.node text.caption").evaluate_all(
        "els => els.map(t => t.textContent.trim())"
    )
    text = " ".join(captions)
    for word in ("Orbital", "Vantage", "Northwind", "Osteria"):
        assert word in text, (word, captions)
    fills = graph.locator("svg.neod3viz g.relationship").evaluate_all(
        "els => els.map(g => [(g.querySelector('text') || {}).textContent,"
        " g.querySelector('path.b-outline').getAttribute('fill')])"
    )
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (:Actor)-[r]->(:Actor) WHERE r.polarity IN ['cooperation', 'conflict'] AND NOT r.negated RETURN count(r) AS n"
    )
    assert len(fills) == records[0]["n"]  # no negated link drawn in by "connect result nodes"
    for caption, fill in fills:  # long captions are cut: "COLLABORATES_W…"
        names = {n for n in RELATIONS if n.startswith(caption.rstrip("…"))}
        polarities = {RELATIONS[n].polarity for n in names}
        assert len(polarities) == 1, caption
        assert fill.upper() == COLOURS[polarities.pop()], (caption, fill)
    assert {"SUES", "DISPUTES_WITH", "SUPPORTS"} <= {caption for caption, _ in fills}

    out_dir = Path(os.environ.get("GRAPHBUILD_SCREENSHOT_DIR") or tmp_path)
    out_dir.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(out_dir / "browser-guide.png"))
    graph.locator("button[title=Fullscreen]").click()
    inspector = graph.locator('button[title="Collapse the node properties display"]')
    if inspector.count():
        inspector.click()
    graph.locator("button[aria-label=zoom-to-fit]").click()
    page.wait_for_timeout(800)
    shot = out_dir / "browser-graph.png"
    graph.screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000
