"""What a graph file must hold, checked before anything reads it: node-link JSON whose every
field the graph model uses has the type that model gives it (``types.Node``, ``Edge``,
``Evidence``), so a damaged or hand-edited file is refused with the place that is wrong,
not met later as a crash in the middle of a question or a load.

The check walks the data in loops of fixed depth (never recursion), looking at each value's
type once: a fraction of what reading the JSON costs.
"""

from __future__ import annotations

import typing
from collections.abc import Iterable
from dataclasses import MISSING, fields
from typing import Any

from graphbuild.types import Edge, Evidence

_JSON_KINDS: dict[Any, tuple[type, ...]] = {
    str: (str,),
    int: (int,),
    float: (int, float),
    bool: (bool,),
    type(None): (type(None),),
}
_VALUE_NAMES = {
    str: "a string",
    int: "an integer",
    float: "a number",
    bool: "true or false",
    type(None): "null",
    list: "a list",
    dict: "an object",
}

Spec = tuple[tuple[str, tuple[type, ...], bool], ...]  # (field, JSON types it may have, required)


def _spec(cls: type, *, leave_out: Iterable[str] = ()) -> Spec:
    hints = typing.get_type_hints(cls)
    rows = []
    for f in fields(cls):
        if f.name in leave_out:
            continue
        kinds = typing.get_args(hints[f.name]) or (hints[f.name],)
        allowed = tuple(t for kind in kinds for t in _JSON_KINDS[kind])
        rows.append((f.name, allowed, f.default is MISSING and f.default_factory is MISSING))
    return tuple(rows)


# What the file writes for each: a node's fields (its aliases checked apart), a link's and
# an evidence object's.
NODE_SPEC: Spec = (
    ("id", (str,), True),
    ("name", (str,), True),
    ("type", (str,), True),
    ("aliases", (list,), False),
    ("alias_articles", (dict,), False),
)
LINK_SPEC: Spec = (
    ("source", (str,), True),
    ("target", (str,), True),
    ("key", (str,), True),
    *_spec(Edge, leave_out=("id", "source", "target", "evidence")),
    ("evidence", (list,), False),
)
EVIDENCE_SPEC = _spec(Evidence)
_STRING = (str,)
_OPTIONAL_STRING = (str, type(None))


def check_node_link(data: dict[str, Any]) -> None:
    """Raise ``ValueError`` naming the first place where ``data`` (a graph file's JSON, its
    format already checked) is not what the graph needs.

    >>> check_node_link({"graph": {"articles": {}}, "nodes": [{"id": "a", "name": 5, "type": "x"}], "links": []})
    Traceback (most recent call last):
    ...
    ValueError: nodes[0].name is an integer, not a string
    """
    articles = _kind(data["graph"].get("articles", {}), dict, "graph.articles")
    if not _all_fit(articles.values(), ()) or not all(
        type(value) in _OPTIONAL_STRING for meta in articles.values() for value in meta.values()
    ):
        for aid, meta in articles.items():
            for name, value in _kind(meta, dict, f"graph.articles[{aid!r}]").items():
                _is(value, _OPTIONAL_STRING, f"graph.articles[{aid!r}].{name}")
    nodes = _objects(_kind(data.get("nodes"), list, "nodes"), NODE_SPEC, "nodes")
    for n, node in enumerate(nodes):
        for a, alias in enumerate(node.get("aliases", ())):
            _is(alias, _STRING, f"nodes[{n}].aliases[{a}]")
        for alias, written in node.get("alias_articles", {}).items():
            for a, article in enumerate(_kind(written, list, f"nodes[{n}].alias_articles[{alias!r}]")):
                _is(article, _STRING, f"nodes[{n}].alias_articles[{alias!r}][{a}]")
    ids = {node["id"] for node in nodes}
    links = _objects(_kind(data.get("links"), list, "links"), LINK_SPEC, "links")
    for n, link in enumerate(links):
        for end in ("source", "target"):
            if link[end] not in ids:
                raise ValueError(f"links[{n}].{end} {link[end][:40]!r} is the id of no node")
    # the bulk of a file: every sentence of evidence, checked once per shape
    evidence = (item for link in links for item in link.get("evidence", ()))
    if not _all_fit(evidence, EVIDENCE_SPEC):
        for n, link in enumerate(links):
            _objects(link.get("evidence", []), EVIDENCE_SPEC, f"links[{n}].evidence")


def _objects(items: Any, spec: Spec, where: str) -> Any:
    """``items``, once each is known to be an object whose fields fit ``spec``; else the first
    that does not is named in a ``ValueError``."""
    if not _all_fit(items, spec):
        for i, item in enumerate(items):
            _fields(_kind(item, dict, f"{where}[{i}]"), spec, f"{where}[{i}]")
    return items


def _all_fit(items: Iterable[Any], spec: Spec) -> bool:
    """Whether every item is an object whose fields fit ``spec``. Items are told apart by their
    shape (their keys, then their values' types), and each shape is checked once."""
    try:
        shapes = {(*item, *map(type, item.values())) for item in items}
    except AttributeError:  # one is not an object
        return False
    return all(_fits(shape, spec) for shape in shapes)


def _fits(shape: tuple[Any, ...], spec: Spec) -> bool:
    half = len(shape) // 2
    types = dict(zip(shape[:half], shape[half:], strict=True))
    return all(types[name] in allowed if name in types else not required for name, allowed, required in spec)


def _fields(item: dict[str, Any], spec: Spec, where: str) -> None:
    for name, allowed, required in spec:
        if name in item:
            _is(item[name], allowed, f"{where}.{name}")
        elif required:
            raise ValueError(f"{where} has no {name!r}")


def _kind(value: Any, kind: type, where: str) -> Any:
    if type(value) is not kind:
        raise ValueError(f"{where} is {_name(value)}, not {_VALUE_NAMES[kind]}")
    return value


def _is(value: Any, allowed: tuple[type, ...], where: str) -> None:
    if type(value) not in allowed:
        names = (_VALUE_NAMES[kind] for kind in allowed if kind is not int or float not in allowed)
        raise ValueError(f"{where} is {_name(value)}, not {' or '.join(names)}")


def _name(value: Any) -> str:
    return _VALUE_NAMES.get(type(value), type(value).__name__)
