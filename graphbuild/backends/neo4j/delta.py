"""What a write to Neo4j still has to do: each article's load key, the part of a graph not
yet loaded, and the links a load holds back across chunks to merge them once."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import replace

from graphbuild.graph import LOAD_FORMAT, KnowledgeGraph, with_evidence
from graphbuild.types import Edge

# Sentences of evidence a load holds back before writing their links (a few hundred bytes
# each): links are merged once per this many, not once per chunk of articles.
MAX_PENDING_EVIDENCE = 50_000


def article_load_keys(kg: KnowledgeGraph) -> dict[str, str]:
    """A digest of everything the graph holds from each article: its metadata and each piece
    of evidence with the link and actor types it supports. Equal keys mean a second write of
    the article would change nothing; a changed extraction changes the key."""
    parts: dict[str, list[str]] = {a: [repr(sorted(meta.items()))] for a, meta in kg.articles.items()}
    for edge in kg.edges.values():
        types = tuple(getattr(kg.nodes.get(n), "type", "") for n in (edge.source, edge.target))
        for e in edge.evidence:
            if e.article in parts:
                parts[e.article].append(repr((edge.id, types, e)))
    return {a: hashlib.sha1("\n".join([LOAD_FORMAT, *sorted(p)]).encode("utf-8")).hexdigest() for a, p in parts.items()}


def without_articles(kg: KnowledgeGraph, done: set[str]) -> KnowledgeGraph:
    """The part of ``kg`` that does not come from ``done`` articles: their evidence, links
    left with none, and actors no remaining link touches are dropped."""
    edges = {}
    for eid, edge in kg.edges.items():
        kept = tuple(e for e in edge.evidence if e.article not in done)
        if kept:
            edges[eid] = edge if len(kept) == len(edge.evidence) else replace(edge, evidence=kept, count=len(kept))
    used = {n for edge in edges.values() for n in (edge.source, edge.target)}
    return KnowledgeGraph(
        nodes={nid: node for nid, node in kg.nodes.items() if nid in used},
        edges=edges,
        articles={a: meta for a, meta in kg.articles.items() if a not in done},
    )


class PendingLinks:
    """Links of several chunks, merged by id (evidence by key), and the load keys of the
    articles whose links they hold."""

    def __init__(self) -> None:
        self.edges: dict[str, Edge] = {}
        self.keys: dict[str, str] = {}
        self.evidence = 0

    def add(self, edges: Iterable[Edge], keys: Mapping[str, str]) -> None:
        self.keys.update(keys)
        for edge in edges:
            known = self.edges.get(edge.id)
            if known is not None:
                seen = {e.key for e in known.evidence}
                edge = with_evidence(known, *(e for e in edge.evidence if e.key not in seen))
            self.evidence += len(edge.evidence) - (len(known.evidence) if known is not None else 0)
            self.edges[edge.id] = edge

    def take(self) -> tuple[list[Edge], dict[str, str]]:
        """The links waiting and their articles' keys, which are forgotten here."""
        taken = list(self.edges.values()), self.keys
        self.edges, self.keys, self.evidence = {}, {}, 0
        return taken
