"""The Browser guide, style and favorites bundle, without a server."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from click.testing import CliRunner

from graphbuild.browser import COLOURS, favorites_zip, guide_html, style_grass, write_browser_files
from graphbuild.canned import list_queries
from graphbuild.cli import cli
from graphbuild.vocab import RELATIONS

ROOT = Path(__file__).resolve().parents[1]


def test_committed_style_is_the_generated_one():
    assert (ROOT / "queries" / "style.grass").read_text() == style_grass(), (
        "queries/style.grass is stale: regenerate it with graphbuild browser-files -o queries/ "
        "(then keep only style.grass) or from graphbuild.browser.style_grass()"
    )


def test_style_colours_every_relation_by_polarity():
    rules = dict(re.findall(r"relationship\.(\w+) \{ color: (#[0-9A-F]{6});", style_grass()))
    for name, rel in RELATIONS.items():
        assert rules[name] == COLOURS.get(rel.polarity, "#8C8C8C"), name
    assert 'node.Actor { color: #68BDF6; border-color: #5CA8DB; diameter: 65px; caption: "{name}"; }' in style_grass()


def test_guide_has_a_runnable_slide_per_question_with_escaped_cypher():
    html = guide_html()
    assert html.count("<slide") == len(list_queries()) + 1
    for query in list_queries().values():
        assert f"<h3>{query.name}</h3>" in html
    assert "a.name &lt;= b.name" in html  # alliances' comparison, escaped
    assert "<=" not in html.replace("&lt;=", "")
    assert html.count('<pre class="code runnable">') >= len(list_queries())


def test_favorites_zip_holds_every_question():
    with zipfile.ZipFile(io.BytesIO(favorites_zip())) as zf:
        names = sorted(zf.namelist())
        assert names == sorted(f"graphbuild/{n}.cypher" for n in list_queries())
        first = zf.read("graphbuild/alliances.cypher").decode().splitlines()[0]
    assert first.startswith("// graphbuild alliances: ")


def test_overlay_jar_is_the_browser_jar_plus_guide_and_style(tmp_path):
    jar = tmp_path / "neo4j-browser.jar"
    with zipfile.ZipFile(jar, "w") as zf:
        zf.writestr("browser/index.html", "<html>browser</html>")
        zf.writestr("browser/graphbuild.html", "an old guide")
    written = write_browser_files(tmp_path / "out", browser_jar=jar)
    assert {p.name for p in written} == {
        "graphbuild.html",
        "graphbuild.grass",
        "graphbuild-queries.zip",
        "graphbuild-browser.jar",
    }
    with zipfile.ZipFile(tmp_path / "out" / "graphbuild-browser.jar") as zf:
        assert zf.read("browser/index.html") == b"<html>browser</html>"
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
