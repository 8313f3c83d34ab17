"""graphbuild render: the page's content, and the page itself drawn in a real headless Chromium."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from graph_fixtures import build, triple, world

from graphbuild.backends.embedded import read_graph, write_graph
from graphbuild.cli import cli
from graphbuild.graph import to_networkx
from graphbuild.present.palette import DENIED_COLOUR, POLARITY_COLOURS, TYPE_COLOURS, link_colour
from graphbuild.present.render import edge_tooltip, render_html, width_for
from graphbuild.questions.networkx import ask_networkx
from graphbuild.vocab import CONFLICT

HOSTILE = 'Acme said "</script><script>window.pwned = 1</script>" and <img src=x onerror="window.pwned=2">'
HOSTILE_NAME = '<img src=x onerror="window.pwned=3"> href Holdings'


def test_width_grows_with_sentences_and_is_capped():
    widths = [width_for(n) for n in (1, 2, 3, 10, 100, 10**6)]
    assert widths == sorted(widths) and widths[0] == 1.0 and widths[-1] == 12.0


def test_tooltip_lists_the_sentences_and_says_how_many_more():
    kg = world()
    sues = next(e for e in kg.edges.values() if e.relation == "SUES")
    text = edge_tooltip(sues, kg.nodes)
    assert text.startswith("Cobalt SUES Dynamo (conflict, 3 sentences)")
    assert all(e.sentence in text for e in sues.evidence)
    many = build([triple("Acme", "SUES", "Borealis", article=f"a{i}") for i in range(8)])
    assert "... and 3 more" in edge_tooltip(next(iter(many.edges.values())), many.nodes)


def _drawn(kg, name: str, **params: str) -> list:
    return [kg.edges[key] for key in sorted(ask_networkx(to_networkx(kg), name, params).links or ())]


def test_a_question_draws_the_links_its_answer_is_about():
    kg = world()
    edges = _drawn(kg, "allies-of", actor="Acme")
    names = {(kg.nodes[e.source].name, e.relation, kg.nodes[e.target].name) for e in edges}
    assert names == {
        ("Acme", "SIGNS_DEAL_WITH", "Borealis"),
        ("Borealis", "ALLIES_WITH", "Acme"),
        ("Acme", "SUPPORTS", "Cobalt"),
    }
    edges = _drawn(kg, "rivals-of", actor="Acme")  # the denied accusation of Dynamo is no rivalry
    assert [(kg.nodes[e.source].name, e.relation, kg.nodes[e.target].name) for e in edges] == [
        ("Acme", "COMPETES_WITH", "Ember")
    ]
    assert {e.relation for e in _drawn(kg, "evidence", actor_a="cobalt", actor_b="Dynamo")} == {
        "SUES",
        "CRITICIZES",
        "THREATENS",
        "AIDS",
    }


def test_the_page_opens_offline_and_holds_text_as_data():
    kg = build([triple("Acme", "CRITICIZES", "Borealis", verb=HOSTILE), triple(HOSTILE_NAME, "SUES", "Acme")])
    page = render_html(kg, title="<b>t</b>")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)  # nothing fetched: it opens offline
    assert "<script>window.pwned" not in page and "<img src=x" not in page
    assert "&lt;b&gt;t&lt;/b&gt;" in page
    start = page.index("nodes = new vis.DataSet(") + len("nodes = new vis.DataSet(")
    nodes = json.JSONDecoder().raw_decode(page[start:])[0]
    # pyvis renders node tooltips as HTML once one holds "href": none may
    assert all("href" not in n["title"] for n in nodes)
    assert any(n["label"] == HOSTILE_NAME for n in nodes)
    assert render_html(kg, title="a\\1 b\\x").count("a\\1 b\\x") == 1  # backslashes are text


@pytest.mark.browser
def test_render_draws_every_node_in_chromium(browser_page, tmp_path):
    graph, out = tmp_path / "g.json", tmp_path / "graph.html"
    kg = world()
    kg.add_triples(
        [
            triple("Acme", "CRITICIZES", "Ember", article="a9", verb=HOSTILE),
            triple(HOSTILE_NAME, "SUES", "Flux", article="a9", subject_text=HOSTILE_NAME + " href"),
        ]
    )
    write_graph(kg, graph)
    result = CliRunner().invoke(cli, ["render", "--graph", str(graph), "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert f"{out}: {len(kg.edges)} links" in result.stderr

    page = browser_page
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(out.as_uri())
    page.wait_for_function(
        "() => typeof network !== 'undefined' && network.body && network.body.nodeIndices.length > 0"
    )
    page.wait_for_timeout(500)
    drawn = page.evaluate(
        """() => ({
        nodes: network.body.nodeIndices.length,
        labels: network.body.data.nodes.get().map(n => n.label).sort(),
        edges: network.body.data.edges.get().map(e => ({id: e.id, color: e.color, width: e.width,
                                                       title: e.title, dashes: e.dashes})),
        positions: Object.values(network.getPositions()).length,
        pwned: window.pwned || 0,
        canvas: document.querySelector('#mynetwork canvas') !== null,
        })"""
    )
    assert drawn["canvas"] and drawn["pwned"] == 0
    assert drawn["nodes"] == drawn["positions"] == len(kg.nodes)
    assert drawn["labels"] == sorted(n.name for n in kg.nodes.values())
    by_id = {e["id"]: e for e in drawn["edges"]}
    assert len(by_id) == len(kg.edges)
    for edge in kg.edges.values():
        shown = by_id[edge.id]
        assert shown["color"] == link_colour(edge.polarity, edge.negated)
        if edge.negated:
            assert shown["color"] == DENIED_COLOUR
        assert shown["width"] == width_for(edge.count) and bool(shown["dashes"]) == edge.negated
        assert edge.evidence[0].sentence in shown["title"]
    assert not [u for u in requests if not u.startswith("file:")]  # offline: nothing fetched

    # hovering a link shows its sentences
    opposes = next(e for e in kg.edges.values() if e.relation == "OPPOSES")  # the one Borealis-Ember link
    point = page.evaluate(
        """(id) => { network.stopSimulation();
                      const [a, b] = Object.values(network.getPositions(network.getConnectedNodes(id)));
                      for (let t = 0.5; t < 0.9; t += 0.05) {  // a point of the line clear of labels
                        const p = network.canvasToDOM({x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y)});
                        if (network.getEdgeAt(p) === id && network.getNodeAt(p) === undefined) return p; }
                      return null; }""",
        opposes.id,
    )
    assert point is not None
    box = page.locator("#mynetwork canvas").bounding_box()
    page.mouse.move(box["x"] + point["x"] + 40, box["y"] + point["y"] + 40)
    page.mouse.move(box["x"] + point["x"], box["y"] + point["y"], steps=8)
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible")
    assert tooltip.inner_text().startswith("Borealis OPPOSES Ember (conflict, 1 sentence)")
    assert opposes.evidence[0].sentence in tooltip.inner_text()

    # hovering the actor with a hostile name shows the name as text
    hostile = next(n for n in kg.nodes.values() if n.name == HOSTILE_NAME)
    at = page.evaluate("(id) => network.canvasToDOM(network.getPositions([id])[id])", hostile.id)
    page.mouse.move(box["x"] + at["x"] + 30, box["y"] + at["y"] + 30)
    page.mouse.move(box["x"] + at["x"], box["y"] + at["y"], steps=8)
    page.wait_for_function("() => document.querySelector('div.vis-tooltip').innerText.includes('organization')")
    assert HOSTILE_NAME.replace("href", "hre\u200bf") in tooltip.inner_text()
    assert page.evaluate("() => window.pwned || 0") == 0
    page.screenshot(path=str(tmp_path / "render.png"))


def test_render_of_a_question_and_its_errors(tmp_path):
    graph, out = tmp_path / "g.json", tmp_path / "q.html"
    write_graph(world(), graph)
    runner = CliRunner()
    ok = runner.invoke(cli, ["render", "--graph", str(graph), "-o", str(out), "-Q", "rivals-of", "-p", "actor=Cobalt"])
    assert ok.exit_code == 0, ok.output
    data = out.read_text(encoding="utf-8")
    start = data.index("edges = new vis.DataSet(") + len("edges = new vis.DataSet(")
    edges = json.JSONDecoder().raw_decode(data[start:])[0]
    assert {e["color"] for e in edges} == {POLARITY_COLOURS[CONFLICT]}
    assert "graphbuild query rivals-of actor=Cobalt" in data
    missing = runner.invoke(cli, ["render", "--graph", str(tmp_path / "none.json"), "-o", str(out)])
    assert missing.exit_code == 1 and "Load articles first" in missing.stderr
    unknown = runner.invoke(cli, ["render", "--graph", str(graph), "-o", str(out), "-Q", "friends"])
    assert unknown.exit_code == 1 and "No canned question 'friends'" in unknown.stderr
    assert Path(out).exists()  # the earlier page is left as it was


@pytest.mark.browser
@pytest.mark.model
def test_the_examples_picture_colours_actors_by_type(browser_page, tmp_path, monkeypatch):
    """The README's picture: the example articles rendered and drawn in Chromium."""
    import os

    shots = Path(os.environ.get("GRAPHBUILD_SCREENSHOT_DIR") or tmp_path).resolve()
    monkeypatch.chdir(tmp_path)  # the page is titled by the graph's path, as a user gives it
    graph, out = Path("graphbuild.json"), tmp_path / "graph.html"
    examples = Path(__file__).resolve().parents[2] / "examples" / "articles"
    assert CliRunner().invoke(cli, ["load", str(examples), "--graph", str(graph), "-q"]).exit_code == 0
    assert CliRunner().invoke(cli, ["render", "--graph", str(graph), "-o", str(out)]).exit_code == 0
    page = browser_page
    page.goto(out.as_uri())
    page.wait_for_function("() => typeof network !== 'undefined' && network.body.nodeIndices.length > 0")
    page.evaluate(
        "() => new Promise(done => { network.once('stabilizationIterationsDone', done); network.stabilize(); })"
    )
    page.evaluate("() => network.fit()")
    page.wait_for_timeout(500)
    colours = page.evaluate("() => network.body.data.nodes.get().map(n => [n.label, n.color.background])")
    kg = read_graph(graph)
    by_name = {n.name: TYPE_COLOURS[n.type][0] for n in kg.nodes.values()}
    assert colours and all(fill == by_name[label] for label, fill in colours)
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / "render-graph.png"))
