"""Canned questions: one ``.cypher`` file each, and a NetworkX function with the same answer
(``graphbuild.questions.networkx``).

A question's name, description, parameters and columns come from the header comment of its
Cypher file, so the file is the one description of the question for both backends::

    // name: allies-of
    // description: The actors ACTOR cooperates with, strongest first.
    // param: actor string required -- the actor's name or one of its aliases
    // param: limit int 25 -- how many allies at most
    // columns: ally, relations, mentions, first_seen, last_seen

A parameter called ``actor`` or ``actor_...`` names an actor; both backends refuse a name
that no actor has (``graphbuild.questions.actors.check_actors``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from graphbuild.errors import QueryError

Row = dict[str, Any]
_HEADER = re.compile(r"^//\s*(name|description|param|columns):\s*(.*)$")
_PARAM = re.compile(r"^(\w+)\s+(string|int)\s+(\S+)\s+--\s+(.*)$")
UNDATED = "9999"  # sorts after every ISO date
MAX_INT = 2**63 - 1  # the largest integer Neo4j stores, and so the largest a question takes
_WHOLE_NUMBER = re.compile(r"\s*([+-]?)([0-9]+)\s*")


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    type: str  # "string" or "int"
    required: bool
    default: str | None
    help: str

    def convert(self, value: str) -> str | int:
        """The value a question takes: the same checks, and the same messages, on both backends.

        >>> Param("limit", "int", False, "25", "").convert("10")
        10
        """
        if self.type != "int":
            return value
        shown = value if len(value) <= 40 else f"{value[:30]}... ({len(value):,} characters)"
        match = _WHOLE_NUMBER.fullmatch(value)
        if match is None:
            raise QueryError(
                f"Parameter {self.name!r} takes a whole number, got {shown!r}: give digits, as in -p {self.name}=10."
            )
        sign, digits = match.group(1), match.group(2).lstrip("0") or "0"
        # Every int parameter is a LIMIT: Neo4j refuses a negative one, and a negative slice
        # on the NetworkX side would quietly drop rows instead. Neo4j takes 64-bit numbers.
        if sign == "-" and digits != "0":
            raise QueryError(f"Parameter {self.name!r} takes a whole number of 0 or more, got {shown!r}.")
        if len(digits) > len(str(MAX_INT)) or int(digits) > MAX_INT:
            raise QueryError(
                f"Parameter {self.name!r} takes a whole number up to {MAX_INT:,}, got {shown!r}: give a smaller one."
            )
        return int(digits)

    @property
    def names_actor(self) -> bool:
        """Whether the parameter is an actor's name or alias (``actor``, ``actor_a``, ...):
        a name no actor has is an error, not an empty answer."""
        return self.name == "actor" or self.name.startswith("actor_")


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


@dataclass(frozen=True, slots=True)
class Answer:
    """A question's answer: its rows, and the links (edge ids) the rows are about, so a
    picture of the answer draws exactly those (None where the backend does not say: Neo4j's
    Cypher files return rows only)."""

    query: Query
    rows: list[Row]
    links: frozenset[str] | None = None


def queries_dir() -> Path:
    """Where the ``.cypher`` files are: inside the installed package, or the checkout's ``queries/``."""
    package = Path(__file__).resolve().parents[1]
    for candidate in (package / "queries", package.parent / "queries"):
        if candidate.is_dir():
            return candidate
    raise QueryError(f"The canned Cypher files are missing (looked in {package / 'queries'}). Reinstall graphbuild.")


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
