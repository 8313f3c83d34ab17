"""Draw the graph, or the part of it one canned question is about, as an interactive page.

The page is a single HTML file with everything inlined (it opens offline): alliances in
green, disputes in red, other links grey, denied links light grey and dashed, actors coloured
by type as in Neo4j Browser, line width growing with the number of sentences behind a link,
and each link's sentences shown when the pointer rests on it. Drawing is pyvis (vis-network); this module only decides what is drawn and how.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable, Mapping

from graphbuild.graph import KnowledgeGraph
from graphbuild.present.palette import DENIED_COLOUR, NEUTRAL_COLOUR, POLARITY_COLOURS, TYPE_COLOURS, link_colour
from graphbuild.types import Edge, Node
from graphbuild.vocab import CONFLICT, COOPERATION, UNKNOWN_TYPE

# actors by type (graphbuild.vocab.TYPE_LABELS), coloured as in Neo4j Browser; people round
TYPE_SHAPES = {"person": "ellipse"}
MAX_SENTENCES = 5  # shown when hovering a link; the count says how many there are in all
MAX_WIDTH = 12.0
# pyvis's page asks a CDN for a stylesheet and script it does not need; the page must open offline
_REMOTE_TAG = re.compile(r"<(link|script)\b[^>]*\b(?:href|src)=\"https?://[^\"]*\"[^>]*>(?:\s*</script>)?", re.S)
_STYLE = """<style>
.vis-tooltip { white-space: pre-wrap !important; max-width: 36em; font: 13px/1.4 sans-serif !important; }
#graphbuild-legend { font: 14px sans-serif; margin: 8px 12px; }
#graphbuild-legend span { display: inline-block; width: 2em; height: 0; margin: 0 .4em .25em 1em;
  border-top: 3px solid; vertical-align: middle; }
</style>"""


def _node_tooltip(text: str) -> str:
    """Text for a tooltip. pyvis shows node tooltips as HTML once any of them holds "href",
    so that word is broken by an invisible space: a tooltip is always text, never markup."""
    return text.replace("href", "hre\u200bf")


def width_for(count: int) -> float:
    """Line width: 1 for one sentence, growing with the logarithm of the count.

    >>> [width_for(n) for n in (1, 2, 8, 10_000)]
    [1.0, 2.5, 5.5, 12.0]
    """
    return min(MAX_WIDTH, 1.0 + 1.5 * math.log2(max(count, 1)))


def edge_tooltip(edge: Edge, nodes: Mapping[str, Node]) -> str:
    """Plain text (never HTML) shown when hovering a link: what it says and its sentences."""
    source, target = nodes[edge.source].name, nodes[edge.target].name
    relation = ("NOT " if edge.negated else "") + edge.relation
    mentions = f"{edge.count} sentence{'s' if edge.count != 1 else ''}"
    lines = [f"{source} {relation} {target} ({edge.polarity}, {mentions})"]
    for e in edge.evidence[:MAX_SENTENCES]:
        where = ", ".join(part for part in (e.article, e.date) if part)
        lines.append(f"\u201c{e.sentence}\u201d ({where})")
    if edge.count > MAX_SENTENCES:
        lines.append(f"... and {edge.count - MAX_SENTENCES} more: graphbuild query evidence")
    return "\n\n".join(lines)


def render_html(kg: KnowledgeGraph, *, title: str, edges: Iterable[Edge] | None = None) -> str:
    """The page for ``edges`` (default: every link) and the actors they join.

    With the whole graph, actors without links are drawn too.
    """
    from pyvis.network import Network  # imported here: only this command draws

    chosen = sorted(kg.edges.values() if edges is None else edges, key=lambda e: e.id)
    ids = {n for e in chosen for n in (e.source, e.target)} if edges is not None else set(kg.nodes)
    degree: dict[str, int] = {}
    for e in chosen:
        for n in (e.source, e.target):
            degree[n] = degree.get(n, 0) + e.count
    net = Network(height="85vh", width="100%", directed=True, cdn_resources="in_line", heading="", bgcolor="#ffffff")
    for nid in sorted(ids):
        node = kg.nodes[nid]
        about = [f"{node.name} ({node.type})"]
        if node.aliases:
            about.append("also: " + ", ".join(node.aliases))
        net.add_node(
            nid,
            label=node.name,
            title=_node_tooltip("\n".join(about)),
            shape=TYPE_SHAPES.get(node.type, "box"),
            color=dict(
                zip(("background", "border"), TYPE_COLOURS.get(node.type, TYPE_COLOURS[UNKNOWN_TYPE]), strict=True)
            ),
            value=1 + degree.get(nid, 0),
        )
    fan: dict[frozenset[str], int] = {}  # parallel links between one pair curve apart
    for e in chosen:
        pair = frozenset((e.source, e.target))
        k = fan[pair] = fan.get(pair, -1) + 1
        net.add_edge(
            e.source,
            e.target,
            id=e.id,
            title=edge_tooltip(e, kg.nodes),  # pyvis looks for "href" in node tooltips only
            label=e.relation.lower().replace("_", " "),
            color=link_colour(e.polarity, e.negated),
            width=width_for(e.count),
            dashes=e.negated,
            arrows="to",
            font={"size": 10, "align": "middle", "color": "#444444"},
            smooth={"enabled": k > 0, "type": "curvedCW", "roundness": 0.2 * k},
        )
    net.set_options(
        '{"physics": {"solver": "forceAtlas2Based", "stabilization": {"iterations": 300},'
        ' "forceAtlas2Based": {"springLength": 170, "gravitationalConstant": -90, "avoidOverlap": 0.4}},'
        ' "interaction": {"hover": true, "tooltipDelay": 120}, "layout": {"randomSeed": 7}}'
    )
    page = _REMOTE_TAG.sub("", net.generate_html(notebook=False))
    legend = (
        f'<div id="graphbuild-legend"><strong>{html.escape(title)}</strong>'
        f" &middot; {len(ids)} actors, {len(chosen)} links"
        f'<span style="border-color:{POLARITY_COLOURS[COOPERATION]}"></span>alliance'
        f'<span style="border-color:{POLARITY_COLOURS[CONFLICT]}"></span>dispute'
        f'<span style="border-color:{NEUTRAL_COLOUR}"></span>other'
        f'<span style="border-color:{DENIED_COLOUR}; border-top-style:dashed"></span>denied'
        " &middot; width: sentences &middot; hover a link for its evidence</div>"
    )
    page = page.replace("</head>", _STYLE + "\n</head>", 1)
    return page.replace("<body>", "<body>\n" + legend, 1)


def write_page(path: str, page: str) -> None:
    """Write the page whole or not at all."""
    from graphbuild.backends.embedded import write_text_atomic

    write_text_atomic(path, page)
