"""The canned questions answered on a NetworkX graph: one function per ``.cypher`` file, giving
the same rows, plus the links each answer is about.

Each function yields ``(row, links)``: the row as the Cypher file returns it and the keys of
the edges aggregated into it, so a picture of an answer is drawn from what the answer used.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

import networkx as nx

from graphbuild.errors import QueryError
from graphbuild.questions import UNDATED, Answer, Row, get_query
from graphbuild.questions.actors import check_actors

Edge = tuple[str, str, str, dict[str, Any]]  # source, target, key, data
Found = Iterator[tuple[Row, set[str]]]


def _edges(G: nx.MultiDiGraph, polarity: str) -> Iterator[Edge]:
    for s, t, key, data in G.edges(keys=True, data=True):
        if data["polarity"] == polarity and not data["negated"] and s != t:
            yield s, t, key, data


def _matching(G: nx.MultiDiGraph, name: str) -> list[str]:
    """The actors named ``name`` or having it as an alias, ignoring case as Cypher's toLower
    does (lower(), not casefold(): "STRASSE" is not "Straße" on either backend)."""
    lowered = name.lower()
    return [
        n
        for n, d in G.nodes(data=True)
        if d["name"].lower() == lowered or any(a.lower() == lowered for a in d.get("aliases", ()))
    ]


def _min(values) -> str | None:
    present = [v for v in values if v is not None]
    return min(present) if present else None


def _max(values) -> str | None:
    present = [v for v in values if v is not None]
    return max(present) if present else None


def _summary(edges: list[Edge]) -> Row:
    return {
        "relations": sorted({d["relation"] for *_, d in edges}),
        "mentions": sum(d["count"] for *_, d in edges),
        "first_seen": _min(d["first_seen"] for *_, d in edges),
        "last_seen": _max(d["last_seen"] for *_, d in edges),
    }


def _keys(edges: list[Edge]) -> set[str]:
    return {key for _, _, key, _ in edges}


def _alliances(G: nx.MultiDiGraph) -> Found:
    groups: dict[tuple[str, str], list[Edge]] = {}
    for edge in _edges(G, "cooperation"):
        a, b = sorted((G.nodes[edge[0]]["name"], G.nodes[edge[1]]["name"]))
        groups.setdefault((a, b), []).append(edge)
    for (a, b), edges in groups.items():
        yield {"actor_a": a, "actor_b": b, **_summary(edges)}, _keys(edges)


def _disputes(G: nx.MultiDiGraph) -> Found:
    groups: dict[tuple[str, str], list[Edge]] = {}
    for edge in _edges(G, "conflict"):
        groups.setdefault((G.nodes[edge[0]]["name"], G.nodes[edge[1]]["name"]), []).append(edge)
    for (a, b), edges in groups.items():
        yield {"actor": a, "target": b, **_summary(edges)}, _keys(edges)


def _neighbours(G: nx.MultiDiGraph, actor: str, polarity: str) -> Iterator[tuple[str, str, Edge]]:
    for node in _matching(G, actor):
        for edge in _edges(G, polarity):
            s, t = edge[0], edge[1]
            if s == node and t != node:
                yield t, "against", edge
            elif t == node and s != node:
                yield s, "from", edge


def _allies_of(G: nx.MultiDiGraph, actor: str) -> Found:
    groups: dict[str, list[Edge]] = {}
    for other, _, edge in _neighbours(G, actor, "cooperation"):
        groups.setdefault(G.nodes[other]["name"], []).append(edge)
    for name, edges in groups.items():
        yield {"ally": name, **_summary(edges)}, _keys(edges)


def _rivals_of(G: nx.MultiDiGraph, actor: str) -> Found:
    groups: dict[str, list[Edge]] = {}
    ways: dict[str, set[str]] = {}
    for other, way, edge in _neighbours(G, actor, "conflict"):
        name = G.nodes[other]["name"]
        groups.setdefault(name, []).append(edge)
        ways.setdefault(name, set()).add(way)
    for name, edges in groups.items():
        direction = "both" if len(ways[name]) > 1 else next(iter(ways[name]))
        yield {"rival": name, "direction": direction, **_summary(edges)}, _keys(edges)


def _common_enemies(G: nx.MultiDiGraph) -> Found:
    against: dict[str, dict[str, list[Edge]]] = {}  # enemy -> actor -> its links to the enemy
    for edge in _edges(G, "conflict"):
        against.setdefault(edge[1], {}).setdefault(edge[0], []).append(edge)
    for enemy, by_actor in against.items():
        actors = sorted(by_actor, key=lambda n: G.nodes[n]["name"])
        for i, a in enumerate(actors):
            for b in actors[i + 1 :]:
                name_a, name_b = G.nodes[a]["name"], G.nodes[b]["name"]
                if name_a < name_b and enemy not in (a, b):
                    row = {
                        "actor_a": name_a,
                        "actor_b": name_b,
                        "enemy": G.nodes[enemy]["name"],
                        "mentions_a": sum(d["count"] for *_, d in by_actor[a]),
                        "mentions_b": sum(d["count"] for *_, d in by_actor[b]),
                    }
                    yield row, _keys(by_actor[a] + by_actor[b])


def _between(G: nx.MultiDiGraph, actor_a: str, actor_b: str) -> Iterator[Edge]:
    nodes_a, nodes_b = set(_matching(G, actor_a)), set(_matching(G, actor_b))
    for s, t, key, data in G.edges(keys=True, data=True):
        if s != t and ((s in nodes_a and t in nodes_b) or (s in nodes_b and t in nodes_a)):
            yield s, t, key, data


def _evidence(G: nx.MultiDiGraph, actor_a: str, actor_b: str) -> Found:
    articles = G.graph.get("articles", {})
    for s, t, key, data in _between(G, actor_a, actor_b):
        for e in data["evidence"]:
            row = {
                "date": e.get("date"),
                "source": G.nodes[s]["name"],
                "relation": data["relation"],
                "target": G.nodes[t]["name"],
                "polarity": data["polarity"],
                "negated": data["negated"],
                "sentence": e["sentence"],
                "title": articles.get(e["article"], {}).get("title"),
                "article": e["article"],
                # the order of evidence.cypher: title before body, then position
                "_position": (e.get("section", "body") != "title", e["sentence_start"]),
            }
            yield row, {key}


def _timeline(G: nx.MultiDiGraph, actor_a: str, actor_b: str) -> Found:
    counts: dict[tuple, tuple[int, set[str]]] = {}
    for s, t, key, data in _between(G, actor_a, actor_b):
        for e in data["evidence"]:
            group = (
                e.get("date"),
                G.nodes[s]["name"],
                data["relation"],
                G.nodes[t]["name"],
                data["polarity"],
                data["negated"],
            )
            n, keys = counts.get(group, (0, set()))
            counts[group] = (n + 1, keys | {key})
    for (d, s, r, t, p, neg), (n, keys) in counts.items():
        yield {"date": d, "source": s, "relation": r, "target": t, "polarity": p, "negated": neg, "mentions": n}, keys


# Each question's order, as its .cypher file's ORDER BY gives it.
_ORDER: dict[str, Callable[[Row], Any]] = {
    "alliances": lambda r: (-r["mentions"], r["actor_a"], r["actor_b"]),
    "disputes": lambda r: (-r["mentions"], r["actor"], r["target"]),
    "allies-of": lambda r: (-r["mentions"], r["ally"]),
    "rivals-of": lambda r: (-r["mentions"], r["rival"]),
    "common-enemies": lambda r: (-(r["mentions_a"] + r["mentions_b"]), r["actor_a"], r["actor_b"], r["enemy"]),
    "evidence": lambda r: (
        r["date"] or UNDATED,
        r["article"],
        r["_position"],
        r["source"],
        r["relation"],
        r["target"],
        r["negated"],
        r["sentence"],
    ),
    "timeline": lambda r: (r["date"] or UNDATED, r["source"], r["relation"], r["target"], r["negated"]),
}

NETWORKX: dict[str, Callable[..., Found]] = {
    "alliances": _alliances,
    "disputes": _disputes,
    "allies-of": _allies_of,
    "rivals-of": _rivals_of,
    "common-enemies": _common_enemies,
    "evidence": _evidence,
    "timeline": _timeline,
}


def ask_networkx(G: nx.MultiDiGraph, name: str, params: Mapping[str, str] | None = None) -> Answer:
    """Answer a canned question on the embedded graph.

    Raises:
        UnknownActorError: an actor parameter that no actor has as its name or an alias.

    >>> from graphbuild.graph import KnowledgeGraph, to_networkx
    >>> answer = ask_networkx(to_networkx(KnowledgeGraph()), "alliances")
    >>> answer.query.columns, answer.rows, answer.links
    (('actor_a', 'actor_b', 'relations', 'mentions', 'first_seen', 'last_seen'), [], frozenset())
    """
    query = get_query(name)
    bound = query.bind(params or {})
    check_actors(query, bound, ((d["name"], d.get("aliases", ())) for _, d in G.nodes(data=True)))
    function = NETWORKX.get(name)
    if function is None:
        raise QueryError(f"Query {name!r} has no NetworkX implementation; run it with --backend neo4j.")
    limit = bound.pop("limit", None)
    found = sorted(function(G, **bound), key=lambda pair: _ORDER[name](pair[0]))
    if isinstance(limit, int):
        found = found[:limit]
    rows = [{c: row[c] for c in query.columns} for row, _ in found]
    return Answer(query, rows, frozenset(key for _, keys in found for key in keys))
