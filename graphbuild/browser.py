"""Neo4j Browser helpers: a guide with the canned questions, a style, a favorites bundle.

- ``graphbuild.html``: a Browser guide, one slide per canned question, each query a
  runnable block. ``scripts/neo4j`` serves it from the local server and opens it with the
  style on every connect (``browser.post_connect_cmd``).
- ``graphbuild.grass``: alliances green, disputes red, neutral grey, actors captioned by
  name; the same as ``queries/style.grass``.
- ``graphbuild-queries.zip``: the ``.cypher`` files; dropped onto any Browser (Docker, Aura)
  they become favorites.
"""

from __future__ import annotations

import html
import io
import zipfile
from pathlib import Path

from graphbuild.canned import Query, list_queries
from graphbuild.vocab import (
    ARTICLE_LABEL,
    CONFLICT,
    COOPERATION,
    MENTIONS,
    NODE_LABEL,
    RELATIONS,
    TYPE_LABELS,
)

GUIDE = "graphbuild.html"
STYLE = "graphbuild.grass"
FAVORITES = "graphbuild-queries.zip"
COLOURS = {COOPERATION: "#2E9E44", CONFLICT: "#E03C31"}
NEUTRAL_COLOUR = "#8C8C8C"
EXAMPLE_PARAMS = "{actor: 'Apple', actor_a: 'Cisco', actor_b: 'Apple', limit: 25}"
GRAPH_QUERY = (
    "MATCH p = (a:Actor)-[r]->(b:Actor)\nWHERE r.polarity IN ['cooperation', 'conflict'] AND NOT r.negated\nRETURN p"
)
NEIGHBOURHOOD_QUERY = (
    "MATCH (a:Actor)\nWHERE toLower(a.name) = toLower($actor) OR any(x IN a.aliases WHERE toLower(x) = toLower($actor))\n"
    "MATCH p = (a)-[r]-(:Actor)\nWHERE NOT r.negated\nRETURN p"
)
SOURCES_QUERY = (
    "MATCH (a:Actor)-[r]-(b:Actor)\nWHERE toLower(a.name) = toLower($actor_a) AND toLower(b.name) = toLower($actor_b)\n"
    "MATCH (art:Article) WHERE art.id IN r.evidence_article\nRETURN a, r, b, art"
)


def style_grass() -> str:
    """The Browser style: one rule per relation type, coloured by its polarity."""
    lines = [
        "node { diameter: 50px; color: #A5ABB6; border-color: #9AA1AC; border-width: 2px; "
        "text-color-internal: #FFFFFF; font-size: 10px; }",
        "relationship { color: #A5ABB6; shaft-width: 1px; font-size: 8px; padding: 3px; "
        'text-color-external: #000000; text-color-internal: #FFFFFF; caption: "<type>"; }',
        f'node.{NODE_LABEL} {{ color: #68BDF6; border-color: #5CA8DB; diameter: 65px; caption: "{{name}}"; }}',
    ]
    for label in sorted(set(TYPE_LABELS.values())):
        lines.append(f'node.{label} {{ caption: "{{name}}"; }}')
    lines.append(
        f'node.{ARTICLE_LABEL} {{ color: #F3BA25; border-color: #D9A51F; diameter: 40px; caption: "{{title}}"; }}'
    )
    lines.append(f'relationship.{MENTIONS} {{ color: #D9D9D9; shaft-width: 1px; caption: "<type>"; }}')
    for name, rel in sorted(RELATIONS.items()):
        colour = COLOURS.get(rel.polarity, NEUTRAL_COLOUR)
        lines.append(f'relationship.{name} {{ color: {colour}; shaft-width: 3px; caption: "<type>"; }}')
    return "\n".join(lines) + "\n"


def _runnable(code: str) -> str:
    return f'<pre class="code runnable">{html.escape(code.strip())}</pre>'


def _query_body(query: Query) -> str:
    """The Cypher without its header comment (the slide says it in prose)."""
    lines = query.cypher.splitlines()
    while lines and lines[0].startswith("//"):
        lines.pop(0)
    return "\n".join(lines)


def guide_html(queries: list[Query] | None = None) -> str:
    """A Neo4j Browser guide: a slide to start, then one per canned question."""
    queries = queries if queries is not None else list(list_queries().values())
    slides = [
        f"""<h3>graphbuild</h3>
<p>Alliances are green, disputes red. Click a query to copy it to the editor, or its &#9654; to run it.</p>
<p>The whole graph of alliances and disputes:</p>
{_runnable(GRAPH_QUERY)}
<p>Questions take parameters; set them first (edit the names to actors in your graph):</p>
{_runnable(":params " + EXAMPLE_PARAMS)}
<p>One actor's links, and the articles behind the links of two actors:</p>
{_runnable(NEIGHBOURHOOD_QUERY)}
{_runnable(SOURCES_QUERY)}"""
    ]
    for query in queries:
        params = ", ".join(f"<code>${p.name}</code> ({html.escape(p.help)})" for p in query.params) or "none"
        slides.append(
            f"""<h3>{html.escape(query.name)}</h3>
<p>{html.escape(query.description)}</p>
<p>Parameters: {params}. Columns: {html.escape(", ".join(query.columns))}.</p>
{_runnable(_query_body(query))}"""
        )
    body = "\n".join(f'<slide class="row-fluid"><div class="col-sm-12">\n{slide}\n</div></slide>' for slide in slides)
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>graphbuild questions</title></head><body>\n'
        f'<article class="guide"><carousel class="deck container-fluid">\n{body}\n</carousel></article>\n'
        "</body></html>\n"
    )


def favorites_zip(queries: list[Query] | None = None) -> bytes:
    """The canned questions as a zip that Browser imports as a folder of favorites."""
    queries = queries if queries is not None else list(list_queries().values())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for query in queries:
            # Browser names a favorite after the first comment line
            text = f"// graphbuild {query.name}: {query.description}\n{query.cypher}"
            info = zipfile.ZipInfo(f"graphbuild/{query.name}.cypher", date_time=(2024, 1, 1, 0, 0, 0))
            zf.writestr(info, text)
    return buffer.getvalue()


def write_browser_files(output: str | Path, *, browser_jar: str | Path | None = None) -> list[Path]:
    """Write the guide, the style and the favorites bundle into ``output``.

    With ``browser_jar`` (the ``neo4j-browser`` jar), also write ``graphbuild-browser.jar``:
    that jar with the guide and style added under ``browser/``. Put first on the server's
    classpath, it serves them beside Browser itself (the server serves ``/browser/`` from the
    first classpath entry that has it, so the files must travel with a full copy).
    """
    out = Path(output)
    out.mkdir(parents=True, exist_ok=True)
    files = {GUIDE: guide_html().encode(), STYLE: style_grass().encode(), FAVORITES: favorites_zip()}
    written = []
    for name, data in files.items():
        (out / name).write_bytes(data)
        written.append(out / name)
    if browser_jar is not None:
        extra = {f"browser/{GUIDE}": files[GUIDE], f"browser/{STYLE}": files[STYLE]}
        target = out / "graphbuild-browser.jar"
        tmp = target.with_suffix(".tmp")
        with zipfile.ZipFile(browser_jar) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
            for item in zin.infolist():
                if item.filename not in extra:
                    zout.writestr(item, zin.read(item.filename))
            for name, data in extra.items():
                zout.writestr(name, data)
        tmp.replace(target)
        written.append(target)
    return written
