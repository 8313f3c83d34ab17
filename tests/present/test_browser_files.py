"""The Browser guide, style and favorites bundle, without a server."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

from click.testing import CliRunner

from graphbuild.cli import cli
from graphbuild.present.browser import (
    favorites_zip,
    guide_html,
    init_script,
    style_grass,
    style_rules,
    write_browser_files,
)
from graphbuild.present.palette import DENIED_COLOUR, NEUTRAL_COLOUR, POLARITY_COLOURS, TYPE_COLOURS
from graphbuild.questions import list_queries
from graphbuild.vocab import RELATIONS, TYPE_LABELS, link_type

ROOT = Path(__file__).resolve().parents[2]


def test_committed_style_is_the_generated_one():
    assert (ROOT / "queries" / "style.grass").read_text() == style_grass(), (
        "queries/style.grass is stale: regenerate it with graphbuild browser-files -o queries/ "
        "(then keep only style.grass) or from graphbuild.present.browser.style_grass()"
    )


def test_style_colours_links_by_polarity_denied_links_grey_and_actors_by_type():
    rules = dict(style_rules())
    for name, rel in RELATIONS.items():
        assert rules[f"relationship.{name}"]["color"] == POLARITY_COLOURS.get(rel.polarity, NEUTRAL_COLOUR), name
        assert rules[f"relationship.{link_type(name, True)}"]["color"] == DENIED_COLOUR, name
    selectors = [selector for selector, _ in style_rules()]
    for type_, label in TYPE_LABELS.items():
        assert rules[f"node.{label}"]["color"] == TYPE_COLOURS[type_][0], type_
        # Browser applies rules in order, the later winning: a type's colour beats the shared rule
        assert selectors.index(f"node.{label}") > selectors.index("node.Actor")
    assert rules["node.Article"]["caption"] == "{title}"
    assert 'node.Company { color: #F79767; border-color: #F36924; caption: "{name}"; }' in style_grass()


def test_init_script_stores_the_style_and_settings_and_prefills_the_connection():
    script = init_script(bolt="bolt://127.0.0.1:7699")
    grass = json.loads(re.search(r"var GRASS = (\{.*?\n\});", script, re.S).group(1))
    assert list(grass) == [selector for selector, _ in style_rules()]  # in the order Browser applies
    connection = json.loads(re.search(r"var CONNECTION = (.*?);\n", script).group(1))
    stored = connection["connectionsById"]["$$discovery"]
    assert (stored["host"], stored["username"], stored["password"]) == ("bolt://127.0.0.1:7699", "neo4j", "")
    assert "settings.autoComplete = false" in script and 'settings.initCmd = ""' in script
    assert "var CONNECTION = null;" in init_script()


def test_favorites_zip_holds_every_question():
    with zipfile.ZipFile(io.BytesIO(favorites_zip())) as zf:
        names = sorted(zf.namelist())
        assert names == sorted(f"graphbuild/{n}.cypher" for n in list_queries())
        first = zf.read("graphbuild/alliances.cypher").decode().splitlines()[0]
    assert first.startswith("// graphbuild alliances: ")


def test_overlay_jar_is_the_browser_jar_plus_guide_style_and_start_up_script(tmp_path):
    jar = tmp_path / "neo4j-browser.jar"
    page = '<html><body><div id="mount"></div><script src="app.js"></script></body></html>'
    with zipfile.ZipFile(jar, "w") as zf:
        zf.writestr("browser/index.html", page)
        zf.writestr("browser/app.js", "the app")
        zf.writestr("browser/graphbuild.html", "an old guide")
    written = write_browser_files(tmp_path / "out", browser_jar=jar, bolt="bolt://127.0.0.1:7699")
    assert {p.name for p in written} == {
        "graphbuild.html",
        "graphbuild.grass",
        "graphbuild-queries.zip",
        "graphbuild-browser.jar",
    }
    with zipfile.ZipFile(tmp_path / "out" / "graphbuild-browser.jar") as zf:
        # the start-up script runs before the app reads its stored state
        assert zf.read("browser/index.html").decode() == page.replace(
            '<div id="mount"></div>', '<div id="mount"></div><script src="graphbuild-init.js"></script>'
        )
        assert zf.read("browser/graphbuild-init.js").decode() == init_script(bolt="bolt://127.0.0.1:7699")
        assert zf.read("browser/app.js") == b"the app"
        assert zf.read("browser/graphbuild.html").decode() == guide_html()
        assert zf.read("browser/graphbuild.grass").decode() == style_grass()
        assert zf.namelist().count("browser/graphbuild.html") == 1


def test_browser_files_command(tmp_path):
    result = CliRunner().invoke(cli, ["browser-files", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert sorted(Path(line).name for line in result.stdout.splitlines()) == [
        "graphbuild-queries.zip",
        "graphbuild.grass",
        "graphbuild.html",
    ]
