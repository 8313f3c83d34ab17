"""The actors of a graph as rows: who is in it, under which names, and how often linked."""

from __future__ import annotations

from typing import Any

from graphbuild.graph import KnowledgeGraph, alias_map

Row = dict[str, Any]
COLUMNS = ("name", "type", "aliases", "links", "mentions")


def list_actors(kg: KnowledgeGraph, *, search: str | None = None, type_: str | None = None) -> list[Row]:
    """Every actor with its type, aliases (and, in ``alias_articles``, the articles that wrote
    each), how many links it has and how many sentences state them, most mentioned first. ``search`` keeps actors whose name or an alias contains it
    (ignoring case); ``type_`` keeps one type.

    >>> from graphbuild.graph import build_graph
    >>> from graphbuild.types import Triple
    >>> t = Triple(article="a1", subject="Cisco", subject_type="organization", object="Apple",
    ...     object_type="organization", relation="SUES", verb="sued", polarity="conflict",
    ...     intensity=-3.0, negated=False, modality="asserted", confidence=0.9,
    ...     sentence="Cisco sued Apple Inc.", sentence_start=0, sentence_end=21, subject_start=0,
    ...     subject_end=5, object_start=11, object_end=21, subject_text="Cisco",
    ...     object_text="Apple Inc.", rule="verb")
    >>> kg, _ = build_graph([], [t])
    >>> [(r["name"], r["aliases"], r["links"]) for r in list_actors(kg, search="inc")]
    [('Apple', ['Apple Inc.'], 1)]
    """
    links: dict[str, int] = {}
    mentions: dict[str, int] = {}
    for edge in kg.edges.values():
        for nid in {edge.source, edge.target}:
            links[nid] = links.get(nid, 0) + 1
            mentions[nid] = mentions.get(nid, 0) + edge.count
    folded = search.casefold() if search else None
    rows: list[Row] = []
    for node in kg.nodes.values():
        if type_ is not None and node.type != type_:
            continue
        if folded is not None and not any(folded in name.casefold() for name in (node.name, *node.aliases)):
            continue
        rows.append(
            {
                "name": node.name,
                "type": node.type,
                "aliases": list(node.aliases),
                "alias_articles": alias_map(node),
                "links": links.get(node.id, 0),
                "mentions": mentions.get(node.id, 0),
            }
        )
    rows.sort(key=lambda r: (-int(r["mentions"]), str(r["name"]).casefold(), str(r["name"])))
    return rows
