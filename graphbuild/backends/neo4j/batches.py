"""Statements run over rows in batches, and what happens when the server refuses one row.

A batch is one transaction (``driver.execute_query``, retried by the driver on transient
errors such as a deadlock). When the server refuses a batch for what a value is (a name too
large for its index, a value of the wrong type), the batch is split in halves, and each half
again, until the rows it refuses are alone: those are handed to ``refuse`` and the others
written. A batch refused whole, every row alone too, is not about its values: that error is
raised as it came.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import neo4j
from neo4j.exceptions import Neo4jError

# What the server says when a value, not the statement or the server, is the trouble; a value
# too large for an index comes as ExecutionFailed.
VALUE_ERRORS = frozenset(
    {
        "Neo.ClientError.Statement.ArgumentError",
        "Neo.ClientError.Statement.TypeError",
        "Neo.ClientError.Schema.ConstraintValidationFailed",
        "Neo.DatabaseError.Statement.ExecutionFailed",
    }
)

Row = dict[str, Any]
Refuse = Callable[[Row, Neo4jError], None]


@dataclass(frozen=True, slots=True)
class Written:
    """One batch written: the server's summary and records, and the rows it took."""

    summary: neo4j.ResultSummary
    records: list[neo4j.Record]
    rows: Sequence[Row]


def refuses_values(error: Neo4jError) -> bool:
    return (error.code or "") in VALUE_ERRORS


def reason_of(error: Neo4jError) -> str:
    """The server's first sentence, on one line: "Property value is too large to index"."""
    words = " ".join(str(error.message or error).split())
    return words.split(". ", 1)[0].rstrip(".")


def write_batch(
    driver: neo4j.Driver,
    cypher: str,
    rows: Sequence[Row],
    *,
    database: str,
    refuse: Refuse | None = None,
    **params: Any,
) -> list[Written]:
    """Run ``cypher`` with ``rows``; with ``refuse``, rows the server refuses for their values
    go to it and the rest is written (see the module's docstring)."""
    try:
        return [_execute(driver, cypher, rows, database, params)]
    except Neo4jError as e:
        if refuse is None or not refuses_values(e):
            raise
        refused: list[tuple[Row, Neo4jError]] = []
        written = _bisect(driver, cypher, rows, e, database, params, refused)
        if len(rows) > 1 and len(refused) == len(rows):
            raise e  # every row alone too: the statement, not a value
        for row, error in refused:
            refuse(row, error)
        return written


class _Rows(list):  # type: ignore[type-arg]
    """A batch as the driver sends it. The driver writes every statement's parameters into its
    debug message before it asks whether debug logging is on: a batch's own repr, megabytes of
    sentences, would cost a tenth of a load's time for nothing."""

    def __repr__(self) -> str:
        return f"<{len(self)} rows>"


def _execute(driver: neo4j.Driver, cypher: str, rows: Sequence[Row], database: str, params: dict) -> Written:
    result = driver.execute_query(cypher, rows=_Rows(rows), **params, database_=database)
    return Written(result.summary, result.records, rows)


def _bisect(
    driver: neo4j.Driver,
    cypher: str,
    rows: Sequence[Row],
    error: Neo4jError,
    database: str,
    params: dict,
    refused: list[tuple[Row, Neo4jError]],
) -> list[Written]:
    """Write the rows of a refused batch, but for those refused alone."""
    if len(rows) == 1:
        refused.append((rows[0], error))
        return []
    half = len(rows) // 2
    written: list[Written] = []
    for part in (rows[:half], rows[half:]):
        try:
            written.append(_execute(driver, cypher, part, database, params))
        except Neo4jError as e:
            if not refuses_values(e):
                raise
            written += _bisect(driver, cypher, part, e, database, params, refused)
    return written
