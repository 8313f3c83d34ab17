"""Rows to text: aligned tables for people, JSON Lines and CSV for programs."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

MAX_CELL = 80


def cell(value: Any, *, width: int | None = MAX_CELL) -> str:
    """One value as table text: lists comma-joined, None empty, long text cut with '…'."""
    if value is None:
        text = ""
    elif isinstance(value, bool):
        text = "yes" if value else "no"
    elif isinstance(value, (list, tuple)):
        text = ", ".join(cell(v, width=None) for v in value)
    else:
        text = " ".join(str(value).split())
    if width is not None and len(text) > width:
        text = text[: width - 1] + "…"
    return text


def format_table(rows: Sequence[dict[str, Any]], columns: Sequence[str], *, width: int | None = MAX_CELL) -> str:
    """An aligned text table with a header row; numbers are right-aligned.

    >>> print(format_table([{"a": "x", "n": 10}, {"a": "yy", "n": 2}], ["a", "n"]))
    a    n
    --  --
    x   10
    yy   2
    """
    texts = [[cell(row.get(c), width=width) for c in columns] for row in rows]
    widths = [max([len(c)] + [len(t[i]) for t in texts]) for i, c in enumerate(columns)]
    numeric = [
        bool(rows) and all(isinstance(r.get(c), (int, float)) and not isinstance(r.get(c), bool) for r in rows)
        for c in columns
    ]

    def line(values: Sequence[str]) -> str:
        parts = [v.rjust(w) if num else v.ljust(w) for v, w, num in zip(values, widths, numeric, strict=True)]
        return "  ".join(parts).rstrip()

    out = [line(list(columns)), line(["-" * w for w in widths])]
    out.extend(line(t) for t in texts)
    return "\n".join(out)


def json_line(row: dict[str, Any]) -> str:
    return json.dumps(row, ensure_ascii=False)


def csv_text(rows: Iterable[dict[str, Any]], columns: Sequence[str], *, header: bool = True) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
    if header:
        writer.writeheader()
    for row in rows:
        writer.writerow({k: (json.dumps(v) if isinstance(v, (list, dict)) else v) for k, v in row.items()})
    return buffer.getvalue()
