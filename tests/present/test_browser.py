"""Neo4j Browser in a real headless Chromium, against the test server loaded with the examples.

It opens Browser as a person does: the connect form comes prefilled with user neo4j and the
server's address, the stream stays clean, graphbuild's guide opens in the sidebar by itself.
Then it clicks the guide's own parameter line and the run button of every query on every
slide, as written, and requires each to return rows without an error; it checks colours by
actor type and by polarity, and that a denied link is drawn grey.

Each slide with its answer is saved as a PNG: in $GRAPHBUILD_SCREENSHOT_DIR when set (the
pictures in docs/ come from GRAPHBUILD_SCREENSHOT_DIR=docs scripts/test -k browser), else in
a temporary directory.
"""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphbuild.cli import cli
from graphbuild.present.browser import EXAMPLE_PARAMS, SOURCES_QUERY, params_command
from graphbuild.present.palette import DENIED_COLOUR, POLARITY_COLOURS, TYPE_COLOURS
from graphbuild.questions import list_queries
from graphbuild.vocab import DENIED_PREFIX, RELATIONS

TIMEOUT_MS = 60_000
ROOT = Path(__file__).resolve().parents[2]
STREAMED = re.compile(r"Started streaming (\d+) records?")

pytestmark = [pytest.mark.browser, pytest.mark.neo4j, pytest.mark.model, pytest.mark.slow]


def _frames(page) -> list[str]:
    return page.get_by_test_id("frameCommand").evaluate_all("els => els.map(e => e.textContent.trim())")


def _newest_frame(page, count_before: int):
    """Wait for a frame beyond the first ``count_before`` and for its query to finish."""
    from playwright.sync_api import expect

    frames = page.get_by_test_id("frame")
    expect(frames).to_have_count(count_before + 1, timeout=TIMEOUT_MS)
    frame = frames.first  # Browser puts the newest frame on top
    expect(frame.get_by_test_id("spinner")).to_have_count(0, timeout=TIMEOUT_MS)
    return frame


def _rows(frame) -> int:
    """How many records a Cypher frame streamed (read from its table view's status bar)."""
    from playwright.sync_api import expect

    assert frame.get_by_test_id("cypherFrameErrorMessage").count() == 0, frame.inner_text()
    assert frame.get_by_test_id("errorBanner").count() == 0, frame.inner_text()
    frame.get_by_test_id("cypherFrameSidebarTable").click()
    status = frame.get_by_test_id("frameStatusbar")
    expect(status).to_contain_text("Started streaming", timeout=TIMEOUT_MS)
    found = STREAMED.search(status.inner_text())
    assert found, status.inner_text()
    return int(found.group(1))


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


def _graph(frame):
    """Show a frame as a picture; return its links (caption, fill) and actors (caption, fill)."""
    frame.get_by_test_id("cypherFrameSidebarVisualization").click()
    frame.locator("svg.neod3viz g.node").first.wait_for(timeout=TIMEOUT_MS)
    _settle(frame)
    links = frame.locator("svg.neod3viz g.relationship").evaluate_all(
        "els => els.map(g => [(g.querySelector('text') || {}).textContent,"
        " g.querySelector('path.b-outline').getAttribute('fill')])"
    )
    nodes = frame.locator("svg.neod3viz g.node").evaluate_all(
        "els => els.map(g => [(g.querySelector('text.caption') || {}).textContent,"
        " g.querySelector('circle.b-outline').getAttribute('fill')])"
    )
    return links, nodes


def _picture(page, frame, path: Path) -> None:
    """Save one frame's picture, full size and fitted, with the inspector folded away."""
    frame.locator("button[title=Fullscreen]").click()
    inspector = frame.locator('button[title="Collapse the node properties display"]')
    if inspector.count():
        inspector.click()
    frame.locator("button[aria-label=zoom-to-fit]").click()
    page.wait_for_timeout(800)
    frame.screenshot(path=str(path))
    assert path.stat().st_size > 20_000
    frame.locator("button[title='Close fullscreen']").click()


def _relation_of(caption: str) -> tuple[str, bool]:
    """The relation a (possibly cut: "COLLABORATES_W…") link caption names, and if denied."""
    denied = caption.startswith(DENIED_PREFIX)
    stem = caption.removeprefix(DENIED_PREFIX).rstrip("…")
    names = [n for n in RELATIONS if n.startswith(stem)]
    assert len({RELATIONS[n].polarity for n in names}) == 1, caption
    return names[0], denied


def test_every_guide_slide_runs_as_written_in_browser(browser_page, neo4j_env, neo4j_settings, neo4j_driver, tmp_path):
    from playwright.sync_api import expect

    result = CliRunner().invoke(cli, ["load", str(ROOT / "examples" / "articles"), "-q", "--json"], env=neo4j_env)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["links_created"] > 0
    shots = Path(os.environ.get("GRAPHBUILD_SCREENSHOT_DIR") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)

    page = browser_page
    http = os.environ.get("GRAPHBUILD_TEST_NEO4J_HTTP", "http://127.0.0.1:7475")
    page.goto(f"{http}/browser/", wait_until="domcontentloaded")
    # the form comes prefilled: the server's own address and user neo4j; only the password is typed
    address = neo4j_settings.uri.split("://", 1)[1]
    expect(page.get_by_test_id("boltaddress")).to_have_value(address, timeout=TIMEOUT_MS)
    expect(page.get_by_test_id("username")).to_have_value("neo4j")
    page.get_by_test_id("password").fill(neo4j_settings.password)
    page.get_by_test_id("connect").click()
    expect(page.get_by_text("You are connected as user")).to_be_visible(timeout=TIMEOUT_MS)

    # the guide opens in the sidebar by itself, and the stream holds the connection and nothing else
    drawer = page.get_by_test_id("guidesDrawer")
    expect(drawer).to_contain_text("graphbuild", timeout=TIMEOUT_MS)
    page.wait_for_timeout(1500)  # post-connect commands would have added their frames by now
    assert _frames(page) == [":server connect"], _frames(page)

    # the guide's own parameter line, run with its ▶ as written (:params gives floats)
    first = drawer.locator("pre.runnable")
    expect(first.first).to_have_text(params_command())
    frames = len(_frames(page))
    first.first.locator("i.fa-play-circle-o").click()
    params = _newest_frame(page, frames)
    expect(params).to_contain_text("Helix Robotics")

    # the first slide's views: the whole graph, one actor's links, the articles behind a link
    answers: dict[str, int] = {}
    pictures = {}
    for k in range(1, first.count()):
        frames = len(_frames(page))
        first.nth(k).locator("i.fa-play-circle-o").click()
        frame = _newest_frame(page, frames)
        answers[f"overview {k}"] = _rows(frame)
        pictures[k] = _graph(frame)
    assert all(n > 0 for n in answers.values()), answers
    page.screenshot(path=str(shots / "browser-guide-start.png"))

    # the whole graph: actors by type, alliances green, disputes red, no denied link drawn in
    links, nodes = pictures[1]
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (:Actor)-[r]->(:Actor) WHERE r.polarity IN ['cooperation', 'conflict'] AND NOT r.negated RETURN count(r) AS n"
    )
    assert len(links) == records[0]["n"]
    for caption, fill in links:
        relation, denied = _relation_of(caption)
        assert not denied and fill.upper() == POLARITY_COLOURS[RELATIONS[relation].polarity], (caption, fill)
    types, _, _ = neo4j_driver.execute_query("MATCH (n:Actor) RETURN n.name AS name, n.type AS type")
    colour_of = {r["name"]: TYPE_COLOURS[r["type"]][0] for r in types}
    for caption, fill in nodes:  # captions are cut to fit: match by their start
        name = next(n for n in colour_of if n.startswith(caption.rstrip("…").strip()))
        assert fill.upper() == colour_of[name], (caption, fill)
    assert {"company", "government", "organization", "person"} <= {r["type"] for r in types}
    _picture(page, page.get_by_test_id("frame").nth(first.count() - 2), shots / "browser-graph.png")

    # one canned question per slide, each run from its ▶ with the parameters set above
    for query in list_queries().values():
        page.get_by_test_id("guideNextSlide").click()
        expect(drawer.locator("h3").first).to_have_text(query.name)
        block = drawer.locator("pre.runnable")
        expect(block).to_have_count(1)
        frames = len(_frames(page))
        block.locator("i.fa-play-circle-o").click()
        frame = _newest_frame(page, frames)
        answers[query.name] = _rows(frame)
        page.screenshot(path=str(shots / f"browser-guide-{query.name}.png"))
    assert all(n > 0 for n in answers.values()), answers
    assert set(answers) >= set(list_queries())

    # the articles behind a denied suit: the NOT_SUES link grey, the article captioned by title
    frames = len(_frames(page))
    page.get_by_test_id("activeEditor").click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(":params {actor_a: 'orbital networks', actor_b: 'KESTREL MOTORS'}")
    page.get_by_test_id("editor-Run").click()
    _newest_frame(page, frames)
    frames = len(_frames(page))
    page.get_by_test_id("activeEditor").click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(SOURCES_QUERY.replace("\n", " "))
    page.get_by_test_id("editor-Run").click()
    frame = _newest_frame(page, frames)
    assert _rows(frame) > 0
    links, nodes = _graph(frame)
    denied = [(c, f) for c, f in links if c.startswith(DENIED_PREFIX)]
    assert denied and all(f.upper() == DENIED_COLOUR for _, f in denied), links
    assert any(c.startswith("MENTIONS") for c, _ in links), links  # articles hang on the actors
    titles, _, _ = neo4j_driver.execute_query(
        "MATCH (a:Article)-[:MENTIONS]->(:Actor {name: 'Kestrel Motors'}) RETURN a.title AS title"
    )
    shown = " ".join(c for c, _ in nodes)
    assert any(t["title"][:8] in shown for t in titles), (shown, titles)
    _picture(page, frame, shots / "browser-evidence.png")
    assert EXAMPLE_PARAMS["actor"] == "Helix Robotics"
