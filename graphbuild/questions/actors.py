"""The actors of a graph as rows: who is in it, under which names, and how often linked; and
the names questions are asked about, checked against them.

An actor is found by its name or any alias, ignoring case as Cypher's ``toLower`` does (the
canned questions match so on both backends). A name no actor has is an ``UnknownActorError``
naming the closest names and aliases, so a typo is not mistaken for "no answers".
"""

from __future__ import annotations

import difflib
import re
import shlex
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from graphbuild.errors import QueryError, UnknownActorError
from graphbuild.graph import KnowledgeGraph, alias_map
from graphbuild.questions import Query
from graphbuild.vocab import ACTOR_TYPES, COMPANY, UNKNOWN_TYPE

Row = dict[str, Any]
COLUMNS = ("name", "type", "aliases", "links", "mentions")
Spellings = Iterable[tuple[str, Sequence[str]]]  # each actor's (name, aliases)
SIMILAR = 0.6  # difflib's own cutoff for a close match
WITHIN = 0.9  # a name like some words of another counts a little less than like all of it
SUGGESTIONS = 3
NEAR_BEST = 0.1  # suggest only names about as close as the closest
_WORD = re.compile(r"\w+")


def names_actor(name: str, spellings: Sequence[str]) -> bool:
    """Whether ``name`` is one of ``spellings`` (an actor's name and aliases), ignoring case
    as the canned questions do: lower(), not casefold(), so "STRASSE" is not "Straße".

    >>> names_actor("apple inc.", ("Apple", "Apple Inc."))
    True
    """
    lowered = name.lower()
    return any(s.lower() == lowered for s in spellings)


def _similarity(wanted: str, spelling: str) -> float:
    """How alike two lower-cased names are (difflib's ratio), also word for word: "helx" is
    close to "Helix Robotics" through its word "helix", a little less than to "Helix" itself."""
    score = difflib.SequenceMatcher(None, wanted, spelling).ratio()
    words, other = _WORD.findall(wanted), _WORD.findall(spelling)
    n = len(words)
    if n and len(other) > n:
        runs = (" ".join(other[i : i + n]) for i in range(len(other) - n + 1))
        best = max(difflib.SequenceMatcher(None, " ".join(words), run).ratio() for run in runs)
        score = max(score, WITHIN * best)
    return score


def closest_names(name: str, actors: Spellings, *, n: int = SUGGESTIONS) -> list[str]:
    """The names and aliases closest to ``name``, best first, one per actor, and only those
    about as close as the closest; an alias is followed by the name of its actor.

    >>> closest_names("Appel", [("Apple", ("Apple Inc.",)), ("Cisco", ())])
    ['Apple']
    >>> closest_names("apple computer", [("Apple", ("Apple Computer Co",))])
    ['Apple Computer Co (an alias of Apple)']
    """
    wanted = name.lower()
    best: dict[int, tuple[float, str]] = {}
    for i, (canonical, aliases) in enumerate(actors):
        for spelling in (canonical, *aliases):
            score = _similarity(wanted, spelling.lower())
            if score >= SIMILAR and score > best.get(i, (0.0, ""))[0]:
                best[i] = (score, spelling if spelling == canonical else f"{spelling} (an alias of {canonical})")
    ranked = sorted(best.values(), key=lambda pair: (-pair[0], pair[1].casefold(), pair[1]))
    return [label for score, label in ranked[:n] if score >= ranked[0][0] - NEAR_BEST]


def unknown_actor(name: str, actors: Spellings) -> UnknownActorError:
    """The error for a name no actor has: the closest names and aliases, or how to list them.

    >>> print(unknown_actor("Appel", [("Apple", ()), ("Cisco", ())]))
    no actor named 'Appel'; did you mean Apple?
    """
    actors = list(actors)
    close = tuple(closest_names(name, actors))
    if close:
        listed = close[0] if len(close) == 1 else f"{', '.join(close[:-1])} or {close[-1]}"
        return UnknownActorError(f"no actor named {name!r}; did you mean {listed}?", name=name, suggestions=close)
    if not actors:
        return UnknownActorError(
            f"no actor named {name!r}: the graph holds no actors yet. Load articles first: graphbuild load ARTICLES",
            name=name,
        )
    words = sorted(_WORD.findall(name), key=len, reverse=True)
    search = shlex.quote(words[0] if words else name)
    return UnknownActorError(
        f"no actor named {name!r}, nor one close to it; list the actors with: graphbuild actors --search {search}",
        name=name,
    )


def actor_names(query: Query, bound: Mapping[str, object]) -> list[str]:
    """The values of ``query``'s actor parameters (``actor``, ``actor_a``, ...), in its order."""
    return [str(bound[p.name]) for p in query.params if p.names_actor and p.name in bound]


def check_actors(query: Query, bound: Mapping[str, object], actors: Spellings) -> None:
    """Refuse a question about an actor the graph does not hold.

    Raises:
        UnknownActorError: the first actor parameter no actor has as a name or alias.
    """
    wanted = actor_names(query, bound)
    if not wanted:
        return
    actors = list(actors)
    for name in wanted:
        if not any(names_actor(name, (canonical, *aliases)) for canonical, aliases in actors):
            raise unknown_actor(name, actors)


def actor_counts(kg: KnowledgeGraph) -> tuple[dict[str, int], dict[str, int]]:
    """How many links each actor (by id) has, and how many sentences state them."""
    links: dict[str, int] = {}
    mentions: dict[str, int] = {}
    for edge in kg.edges.values():
        for nid in {edge.source, edge.target}:
            links[nid] = links.get(nid, 0) + 1
            mentions[nid] = mentions.get(nid, 0) + edge.count
    return links, mentions


def check_type(type_: str | None) -> str | None:
    """An actor type as the graph writes it (lower case), or the error listing the types.

    >>> check_type("Person")
    'person'
    """
    if type_ is None:
        return None
    known = sorted({*ACTOR_TYPES.values(), COMPANY, UNKNOWN_TYPE})
    if type_.lower() not in known:
        raise QueryError(f"No actor type {type_!r}. The types are: {', '.join(known)}.")
    return type_.lower()


def list_actors(kg: KnowledgeGraph, *, search: str | None = None, type_: str | None = None) -> list[Row]:
    """Every actor with its type, aliases (and, in ``alias_articles``, the articles that wrote
    each), how many links it has and how many sentences state them, most mentioned first.
    ``search`` keeps actors whose name or an alias contains it (ignoring case); ``type_`` keeps
    one type (ignoring case; an unknown type is a ``QueryError`` listing the types).

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
    links, mentions = actor_counts(kg)
    type_ = check_type(type_)
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
