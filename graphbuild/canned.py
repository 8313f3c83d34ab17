"""Canned questions: one ``.cypher`` file each, and a NetworkX function with the same answer.

A question's name, description, parameters and columns come from the header comment of its
Cypher file, so the file is the one description of the question for both backends::

    // name: allies-of
    // description: The actors ACTOR cooperates with, strongest first.
    // param: actor string required -- the actor's name or one of its aliases
    // param: limit int 25 -- how many allies at most
    // columns: ally, relations, mentions, first_seen, last_seen
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx

from graphbuild.errors import QueryError

Row = dict[str, Any]
_HEADER = re.compile(r"^//\s*(name|description|param|columns):\s*(.*)$")
_PARAM = re.compile(r"^(\w+)\s+(string|int)\s+(\S+)\s+--\s+(.*)$")
UNDATED = "9999"  # sorts after every ISO date


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    type: str  # "string" or "int"
    required: bool
    default: str | None
    help: str

    def convert(self, value: str) -> str | int:
        if self.type == "int":
            try:
                number = int(value)
            except ValueError:
                raise QueryError(f"Parameter {self.name!r} takes a whole number, got {value!r}.") from None
            # Every int parameter is a LIMIT: Neo4j refuses a negative one, and a negative slice
            # on the NetworkX side would quietly drop rows instead.
            if number < 0:
                raise QueryError(f"Parameter {self.name!r} takes a whole number of 0 or more, got {value!r}.")
            return number
        return value


@dataclass(frozen=True, slots=True)
class Query:
    name: str
    description: str
    params: tuple[Param, ...]
    columns: tuple[str, ...]
    cypher: str
    path: str

    def bind(self, given: Mapping[str, str]) -> dict[str, str | int]:
        """Check and convert ``--param key=value`` pairs into Cypher parameters."""
        known = {p.name: p for p in self.params}
        unknown = sorted(set(given) - set(known))
        if unknown:
            raise QueryError(
                f"Query {self.name!r} has no parameter {unknown[0]!r}; it takes: {', '.join(known) or 'no parameters'}."
            )
        bound: dict[str, str | int] = {}
        for param in self.params:
            if param.name in given:
                bound[param.name] = param.convert(given[param.name])
            elif param.required:
                raise QueryError(f"Query {self.name!r} needs --param {param.name}=... ({param.help}).")
            elif param.default is not None:
                bound[param.name] = param.convert(param.default)
        return bound


def queries_dir() -> Path:
    """Where the ``.cypher`` files are: inside the installed package, or the checkout's ``queries/``."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "queries", here.parent / "queries"):
        if candidate.is_dir():
            return candidate
    raise QueryError(f"The canned Cypher files are missing (looked in {here / 'queries'}). Reinstall graphbuild.")


def parse_query(path: Path) -> Query:
    """Read one ``.cypher`` file and its header."""
    fields: dict[str, str] = {}
    params: list[Param] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _HEADER.match(line.strip())
        if not match:
            continue
        key, value = match.groups()
        if key == "param":
            pm = _PARAM.match(value)
            if not pm:
                raise QueryError(
                    f"{path}: malformed param line {value!r}; write 'NAME string|int DEFAULT|required -- help'."
                )
            name, type_, default, help_ = pm.groups()
            required = default == "required"
            params.append(Param(name, type_, required, None if required else default, help_))
        else:
            fields[key] = value
    missing = {"name", "description", "columns"} - set(fields)
    if missing:
        raise QueryError(f"{path}: header lacks {', '.join(sorted(missing))}.")
    return Query(
        name=fields["name"],
        description=fields["description"],
        params=tuple(params),
        columns=tuple(c.strip() for c in fields["columns"].split(",")),
        cypher=path.read_text(encoding="utf-8"),
        path=str(path),
    )


@cache
def list_queries() -> dict[str, Query]:
    """Every canned question, by name."""
    out = {}
    for path in sorted(queries_dir().glob("*.cypher")):
        query = parse_query(path)
        out[query.name] = query
    return out


def get_query(name: str) -> Query:
    queries = list_queries()
    if name not in queries:
        raise QueryError(f"No canned question {name!r}. Known: {', '.join(queries)} (see graphbuild queries).")
    return queries[name]


# -- the NetworkX side ---------------------------------------------------------------------------


def _edges(G: nx.MultiDiGraph, polarity: str):
    for s, t, data in G.edges(data=True):
        if data["polarity"] == polarity and not data["negated"] and s != t:
            yield s, t, data


def _matching(G: nx.MultiDiGraph, name: str) -> list[str]:
    folded = name.casefold()
    return [
        n
        for n, d in G.nodes(data=True)
        if d["name"].casefold() == folded or any(a.casefold() == folded for a in d.get("aliases", ()))
    ]


def _min(values) -> str | None:
    present = [v for v in values if v is not None]
    return min(present) if present else None


def _max(values) -> str | None:
    present = [v for v in values if v is not None]
    return max(present) if present else None


def _summaries(groups: dict[Any, list[dict]]) -> dict[Any, Row]:
    out = {}
    for key, edges in groups.items():
        out[key] = {
            "relations": sorted({e["relation"] for e in edges}),
            "mentions": sum(e["count"] for e in edges),
            "first_seen": _min(e["first_seen"] for e in edges),
            "last_seen": _max(e["last_seen"] for e in edges),
        }
    return out


def _alliances(G: nx.MultiDiGraph, limit: int) -> list[Row]:
    groups: dict[tuple[str, str], list[dict]] = {}
    for s, t, data in _edges(G, "cooperation"):
        a, b = sorted((G.nodes[s]["name"], G.nodes[t]["name"]))
        groups.setdefault((a, b), []).append(data)
    rows = [{"actor_a": a, "actor_b": b, **summary} for (a, b), summary in _summaries(groups).items()]
    rows.sort(key=lambda r: (-r["mentions"], r["actor_a"], r["actor_b"]))
    return rows[:limit]


def _disputes(G: nx.MultiDiGraph, limit: int) -> list[Row]:
    groups: dict[tuple[str, str], list[dict]] = {}
    for s, t, data in _edges(G, "conflict"):
        groups.setdefault((G.nodes[s]["name"], G.nodes[t]["name"]), []).append(data)
    rows = [{"actor": a, "target": b, **summary} for (a, b), summary in _summaries(groups).items()]
    rows.sort(key=lambda r: (-r["mentions"], r["actor"], r["target"]))
    return rows[:limit]


def _neighbours(G: nx.MultiDiGraph, actor: str, polarity: str):
    for node in _matching(G, actor):
        for s, t, data in _edges(G, polarity):
            if s == node and t != node:
                yield t, "against", data
            elif t == node and s != node:
                yield s, "from", data


def _allies_of(G: nx.MultiDiGraph, actor: str, limit: int) -> list[Row]:
    groups: dict[str, list[dict]] = {}
    for other, _, data in _neighbours(G, actor, "cooperation"):
        groups.setdefault(G.nodes[other]["name"], []).append(data)
    rows = [{"ally": name, **summary} for name, summary in _summaries(groups).items()]
    rows.sort(key=lambda r: (-r["mentions"], r["ally"]))
    return rows[:limit]


def _rivals_of(G: nx.MultiDiGraph, actor: str, limit: int) -> list[Row]:
    groups: dict[str, list[dict]] = {}
    ways: dict[str, set[str]] = {}
    for other, way, data in _neighbours(G, actor, "conflict"):
        name = G.nodes[other]["name"]
        groups.setdefault(name, []).append(data)
        ways.setdefault(name, set()).add(way)
    rows = []
    for name, summary in _summaries(groups).items():
        direction = "both" if len(ways[name]) > 1 else next(iter(ways[name]))
        rows.append({"rival": name, "direction": direction, **summary})
    rows.sort(key=lambda r: (-r["mentions"], r["rival"]))
    return [
        {c: r[c] for c in ("rival", "direction", "relations", "mentions", "first_seen", "last_seen")}
        for r in rows[:limit]
    ]


def _common_enemies(G: nx.MultiDiGraph, limit: int) -> list[Row]:
    against: dict[str, dict[str, int]] = {}  # enemy -> actor -> mentions
    for s, t, data in _edges(G, "conflict"):
        by_actor = against.setdefault(t, {})
        by_actor[s] = by_actor.get(s, 0) + data["count"]
    rows = []
    for enemy, by_actor in against.items():
        actors = sorted(by_actor, key=lambda n: G.nodes[n]["name"])
        for i, a in enumerate(actors):
            for b in actors[i + 1 :]:
                name_a, name_b = G.nodes[a]["name"], G.nodes[b]["name"]
                if name_a < name_b and enemy not in (a, b):
                    rows.append(
                        {
                            "actor_a": name_a,
                            "actor_b": name_b,
                            "enemy": G.nodes[enemy]["name"],
                            "mentions_a": by_actor[a],
                            "mentions_b": by_actor[b],
                        }
                    )
    rows.sort(key=lambda r: (-(r["mentions_a"] + r["mentions_b"]), r["actor_a"], r["actor_b"], r["enemy"]))
    return rows[:limit]


def _between(G: nx.MultiDiGraph, actor_a: str, actor_b: str):
    nodes_a, nodes_b = set(_matching(G, actor_a)), set(_matching(G, actor_b))
    for s, t, data in G.edges(data=True):
        if s == t:
            continue
        if (s in nodes_a and t in nodes_b) or (s in nodes_b and t in nodes_a):
            yield s, t, data


def _evidence(G: nx.MultiDiGraph, actor_a: str, actor_b: str) -> list[Row]:
    rows = []
    for s, t, data in _between(G, actor_a, actor_b):
        for e in data["evidence"]:
            rows.append(
                (
                    {
                        "date": e["date"],
                        "source": G.nodes[s]["name"],
                        "relation": data["relation"],
                        "target": G.nodes[t]["name"],
                        "polarity": data["polarity"],
                        "negated": data["negated"],
                        "article": e["article"],
                        "title": G.graph.get("articles", {}).get(e["article"], {}).get("title"),
                        "sentence": e["sentence"],
                    },
                    (e.get("section", "body") != "title", e["sentence_start"]),
                )
            )
    # the order of evidence.cypher: date (undated last), article, title before body, position
    rows.sort(
        key=lambda rp: (
            rp[0]["date"] or UNDATED,
            rp[0]["article"],
            rp[1],
            rp[0]["source"],
            rp[0]["relation"],
            rp[0]["target"],
            rp[0]["negated"],
            rp[0]["sentence"],
        )
    )
    return [row for row, _ in rows]


def _timeline(G: nx.MultiDiGraph, actor_a: str, actor_b: str) -> list[Row]:
    counts: dict[tuple, int] = {}
    for s, t, data in _between(G, actor_a, actor_b):
        for e in data["evidence"]:
            key = (
                e["date"],
                G.nodes[s]["name"],
                data["relation"],
                G.nodes[t]["name"],
                data["polarity"],
                data["negated"],
            )
            counts[key] = counts.get(key, 0) + 1
    rows = [
        {"date": d, "source": s, "relation": r, "target": t, "polarity": p, "negated": n, "mentions": c}
        for (d, s, r, t, p, n), c in counts.items()
    ]
    rows.sort(key=lambda r: (r["date"] or UNDATED, r["source"], r["relation"], r["target"], r["negated"]))
    return rows


NETWORKX: dict[str, Callable[..., list[Row]]] = {
    "alliances": _alliances,
    "disputes": _disputes,
    "allies-of": _allies_of,
    "rivals-of": _rivals_of,
    "common-enemies": _common_enemies,
    "evidence": _evidence,
    "timeline": _timeline,
}


def run_networkx(G: nx.MultiDiGraph, name: str, params: Mapping[str, str] | None = None) -> tuple[Query, list[Row]]:
    """Answer a canned question on the embedded graph.

    >>> from graphbuild.graph import KnowledgeGraph
    >>> from graphbuild.store import to_networkx
    >>> query, rows = run_networkx(to_networkx(KnowledgeGraph()), "alliances")
    >>> query.columns, rows
    (('actor_a', 'actor_b', 'relations', 'mentions', 'first_seen', 'last_seen'), [])
    """
    query = get_query(name)
    bound = query.bind(params or {})
    function = NETWORKX.get(name)
    if function is None:
        raise QueryError(f"Query {name!r} has no NetworkX implementation; run it with --backend neo4j.")
    rows = function(G, **bound)
    return query, [{c: row[c] for c in query.columns} for row in rows]
