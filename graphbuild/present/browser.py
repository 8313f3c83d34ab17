"""Neo4j Browser helpers: a guide with the canned questions, a style, a favorites bundle.

- ``graphbuild.html``: a Browser guide, one slide per canned question, each query a
  runnable block. ``scripts/neo4j`` serves it from the local server and opens it in the
  sidebar on every connect (``browser.post_connect_cmd``).
- ``graphbuild.grass``: actors coloured by type, alliances green, disputes red, denied links
  (``NOT_*`` types) and neutral ones grey, articles captioned by title. The same as
  ``queries/style.grass``.
- ``graphbuild-queries.zip``: the ``.cypher`` files; dropped onto any Browser (Docker, Aura)
  they become favorites.
- ``graphbuild-init.js``: for the local server only, loaded by Browser's page before the app:
  it stores the style and settings where Browser keeps its own (so no ``:style`` or ``:config``
  frame fills the stream) and prefills the connect form with user ``neo4j``.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from jinja2 import Environment, PackageLoader

from graphbuild.present.palette import (
    ARTICLE_COLOURS,
    DENIED_COLOUR,
    NEUTRAL_COLOUR,
    POLARITY_COLOURS,
    TYPE_COLOURS,
    TYPE_LEGEND,
)
from graphbuild.questions import Query, list_queries
from graphbuild.vocab import ARTICLE_LABEL, MENTIONS, NODE_LABEL, RELATIONS, TYPE_LABELS, link_type

GUIDE = "graphbuild.html"
STYLE = "graphbuild.grass"
FAVORITES = "graphbuild-queries.zip"
INIT_SCRIPT = "graphbuild-init.js"
# The guide's parameters name actors of the example articles, so every slide answers on them.
EXAMPLE_PARAMS: dict[str, str | int] = {
    "actor": "Helix Robotics",
    "actor_a": "Orbital Networks",
    "actor_b": "Vantage Mobile",
    "limit": 25,
}
_MATCH_ACTOR = "toLower({v}.name) = toLower(${p}) OR any(x IN {v}.aliases WHERE toLower(x) = toLower(${p}))"
GRAPH_QUERY = (
    "MATCH p = (a:Actor)-[r]->(b:Actor)\nWHERE r.polarity IN ['cooperation', 'conflict'] AND NOT r.negated\nRETURN p"
)
NEIGHBOURHOOD_QUERY = (
    f"MATCH (a:Actor)\nWHERE {_MATCH_ACTOR.format(v='a', p='actor')}\nMATCH p = (a)-[r]-(:Actor)\nRETURN p"
)
# Both actors matched by name or alias, as the canned questions match them; each article is
# drawn with its MENTIONS of the two, so it sits beside the link it supports.
SOURCES_QUERY = (
    f"MATCH (a:Actor) WHERE {_MATCH_ACTOR.format(v='a', p='actor_a')}\n"
    f"MATCH (b:Actor) WHERE {_MATCH_ACTOR.format(v='b', p='actor_b')}\n"
    "MATCH p = (a)-[r]-(b)\n"
    "MATCH (art:Article) WHERE art.id IN r.evidence_article\n"
    "MATCH m = (art)-[:MENTIONS]->(x) WHERE x = a OR x = b\n"
    "RETURN p, m"
)

Rule = tuple[str, dict[str, str]]


def style_rules() -> list[Rule]:
    """The Browser style as (selector, properties), in the order Browser applies them: a later
    rule wins, so each type's colour comes after the rule every actor shares."""
    rules: list[Rule] = [
        (
            "node",
            {
                "diameter": "50px",
                "color": "#A5ABB6",
                "border-color": "#9AA1AC",
                "border-width": "2px",
                "text-color-internal": "#FFFFFF",
                "font-size": "10px",
            },
        ),
        (
            "relationship",
            {
                "color": "#A5ABB6",
                "shaft-width": "1px",
                "font-size": "8px",
                "padding": "3px",
                "text-color-external": "#000000",
                "text-color-internal": "#FFFFFF",
                "caption": "<type>",
            },
        ),
        (f"node.{NODE_LABEL}", {"diameter": "65px", "caption": "{name}"}),
    ]
    for type_, label in sorted(TYPE_LABELS.items(), key=lambda item: item[1]):
        fill, border = TYPE_COLOURS[type_]
        rules.append((f"node.{label}", {"color": fill, "border-color": border, "caption": "{name}"}))
    fill, border = ARTICLE_COLOURS
    rules.append(
        (
            f"node.{ARTICLE_LABEL}",
            {
                "color": fill,
                "border-color": border,
                "diameter": "60px",
                "text-color-internal": "#333333",
                "caption": "{title}",
            },
        )
    )
    rules.append((f"relationship.{MENTIONS}", {"color": "#D9D9D9", "shaft-width": "1px", "caption": "<type>"}))
    for name, rel in sorted(RELATIONS.items()):
        colour = POLARITY_COLOURS.get(rel.polarity, NEUTRAL_COLOUR)
        rules.append((f"relationship.{name}", {"color": colour, "shaft-width": "3px", "caption": "<type>"}))
    for name in sorted(RELATIONS):
        denied = link_type(name, True)
        rules.append((f"relationship.{denied}", {"color": DENIED_COLOUR, "shaft-width": "2px", "caption": "<type>"}))
    return rules


def style_grass() -> str:
    """The style as a ``.grass`` file, to drop onto any Browser."""

    def value(key: str, text: str) -> str:
        return f'"{text}"' if key == "caption" else text

    return "".join(
        f"{selector} {{ {' '.join(f'{k}: {value(k, v)};' for k, v in props.items())} }}\n"
        for selector, props in style_rules()
    )


def params_command(params: Mapping[str, str | int] = EXAMPLE_PARAMS) -> str:
    """The guide's parameter line. Browser reads ``:params`` numbers as floats; the
    questions take ``toInteger($limit)``, so the line works as written.

    >>> params_command({"actor": "Helix Robotics", "limit": 25})
    ':params {actor: "Helix Robotics", limit: 25}'
    """
    return ":params {" + ", ".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in params.items()) + "}"


def query_body(query: Query) -> str:
    """The Cypher without its header comment (the slide says it in prose)."""
    lines = query.cypher.splitlines()
    while lines and lines[0].startswith("//"):
        lines.pop(0)
    return "\n".join(lines).strip()


@cache
def _templates() -> Environment:
    # HTML templates are escaped; the script template gets JSON, which needs no escaping
    return Environment(
        loader=PackageLoader("graphbuild.present"), autoescape=lambda name: bool(name and ".html" in name)
    )


def guide_html(queries: list[Query] | None = None) -> str:
    """A Neo4j Browser guide: a slide to start, then one per canned question."""
    queries = queries if queries is not None else list(list_queries().values())
    legend = ", ".join(f"{type_} {colour}" for type_, colour in TYPE_LEGEND) + ", the rest grey"
    return (
        _templates()
        .get_template("guide.html.j2")
        .render(
            legend=legend,
            params=params_command(),
            graph_query=GRAPH_QUERY,
            neighbourhood_query=NEIGHBOURHOOD_QUERY,
            sources_query=SOURCES_QUERY,
            queries=[
                {
                    "name": q.name,
                    "description": q.description,
                    "params": q.params,
                    "columns": q.columns,
                    "body": query_body(q),
                }
                for q in queries
            ],
        )
    )


def init_script(*, bolt: str | None = None) -> str:
    """Browser's start-up state, stored before the app reads it: graphbuild's style (again
    only when graphbuild's style changed, so a user's own edits stay), "connect result nodes"
    off (a picture shows only the links its query returned), no welcome frame, and, on a
    browser that never connected, the connect form prefilled with ``bolt`` and user neo4j."""
    grass = dict(style_rules())
    version = hashlib.sha1(json.dumps(grass, sort_keys=True).encode()).hexdigest()[:12]
    connection = None
    if bolt:
        connection = {
            "allConnectionIds": ["$$discovery"],
            "connectionsById": {
                "$$discovery": {
                    "id": "$$discovery",
                    "name": "$$discovery",
                    "type": "bolt",
                    "host": bolt,
                    "username": "neo4j",
                    "password": "",
                    "authenticationMethod": "NATIVE",
                }
            },
            "activeConnection": None,
        }
    return (
        _templates()
        .get_template("init.js.j2")
        .render(
            grass=json.dumps(grass, indent=1),
            version=json.dumps(version),
            connection=json.dumps(connection),
        )
    )


def patch_index(page: str) -> str:
    """Browser's index.html with graphbuild's start-up script loaded before the app (the
    page's security policy allows scripts from the server only, so it is a file of its own)."""
    mount = '<div id="mount"></div>'
    if mount not in page:
        raise ValueError("Browser's index.html has no mount point: this Browser version is not supported")
    return page.replace(mount, f'{mount}<script src="{INIT_SCRIPT}"></script>', 1)


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


def write_browser_files(
    output: str | Path, *, browser_jar: str | Path | None = None, bolt: str | None = None
) -> list[Path]:
    """Write the guide, the style and the favorites bundle into ``output``.

    With ``browser_jar`` (the ``neo4j-browser`` jar), also write ``graphbuild-browser.jar``:
    that jar with the guide, the style and the start-up script added under ``browser/``, and
    its ``index.html`` loading the script. Put first on the server's classpath, it serves them
    beside Browser itself (the server serves ``/browser/`` from the first classpath entry that
    has it, so the files must travel with a full copy). ``bolt`` is the server's Bolt address,
    prefilled in the connect form.
    """
    out = Path(output)
    out.mkdir(parents=True, exist_ok=True)
    files = {GUIDE: guide_html().encode(), STYLE: style_grass().encode(), FAVORITES: favorites_zip()}
    written = []
    for name, data in files.items():
        (out / name).write_bytes(data)
        written.append(out / name)
    if browser_jar is not None:
        target = out / "graphbuild-browser.jar"
        tmp = target.with_suffix(".tmp")
        with zipfile.ZipFile(browser_jar) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
            extra = {
                f"browser/{GUIDE}": files[GUIDE],
                f"browser/{STYLE}": files[STYLE],
                f"browser/{INIT_SCRIPT}": init_script(bolt=bolt).encode(),
                "browser/index.html": patch_index(zin.read("browser/index.html").decode("utf-8")).encode("utf-8"),
            }
            for item in zin.infolist():
                if item.filename not in extra:
                    zout.writestr(item, zin.read(item.filename))
            for name, data in extra.items():
                zout.writestr(name, data)
        tmp.replace(target)
        written.append(target)
    return written
