"""Rows to text: aligned tables for people, JSON Lines and CSV for programs."""

from __future__ import annotations

import csv
import io
import json
import textwrap
from collections.abc import Iterable, Sequence
from typing import Any

# A table column wider than this wraps its text over several lines; nothing is ever cut.
MAX_CELL = 80


def cell(value: Any) -> str:
    """One value as table text: lists comma-joined, None empty, whitespace runs as one space.

    >>> cell(["SUES", "FINES"]), cell(None), cell(True)
    ('SUES, FINES', '', 'yes')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return ", ".join(cell(v) for v in value)
    return " ".join(str(value).split())


def _wrap(text: str, width: int | None) -> list[str]:
    if width is None or len(text) <= width:
        return [text]
    return textwrap.wrap(text, width, break_on_hyphens=False) or [""]


def format_table(rows: Sequence[dict[str, Any]], columns: Sequence[str], *, width: int | None = MAX_CELL) -> str:
    """An aligned text table with a header row; numbers are right-aligned and text longer
    than ``width`` wraps within its column (``None``: never wraps).

    >>> print(format_table([{"a": "x", "n": 10}, {"a": "yy", "n": 2}], ["a", "n"]))
    a    n
    --  --
    x   10
    yy   2
    >>> print(format_table([{"who": "Acme", "said": "Acme sued Borealis over a patent."}], ["who", "said"], width=18))
    who   said
    ----  ------------------
    Acme  Acme sued Borealis
          over a patent.
    """
    wrapped = [[_wrap(cell(row.get(c)), width) for c in columns] for row in rows]
    widths = [max([len(c)] + [len(line) for cells in wrapped for line in cells[i]]) for i, c in enumerate(columns)]
    numeric = [
        bool(rows) and all(isinstance(r.get(c), (int, float)) and not isinstance(r.get(c), bool) for r in rows)
        for c in columns
    ]

    def line(values: Sequence[str]) -> str:
        parts = [v.rjust(w) if num else v.ljust(w) for v, w, num in zip(values, widths, numeric, strict=True)]
        return "  ".join(parts).rstrip()

    out = [line(list(columns)), line(["-" * w for w in widths])]
    for cells in wrapped:
        for k in range(max(len(lines) for lines in cells)):
            out.append(line([lines[k] if k < len(lines) else "" for lines in cells]))
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
